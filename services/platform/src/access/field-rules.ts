import { isObjectType, type GraphQLSchema } from 'graphql';
import type { FieldGroup } from './policy';

/**
 * Every field of the supergraph has exactly one rule:
 * - a field group (person-keyed data, decided by the policy table per person);
 * - `NESTED`: a field of a type that is only reachable through a group-protected Person field
 *   (Membership.category under Person.memberships): it inherits that decision;
 * - `AUTHENTICATED`: organisational data any signed-in viewer may read (the association tree,
 *   session listings);
 * - `PUBLIC`: readable without login (the terms of use, the joint-use notice, certificate check);
 * - `PERSON_LOOKUP`: a root field returning persons: only visible persons come back (absent, not
 *   forbidden, otherwise).
 * Federation plumbing (`_service`, `_entities`) is checked by the services themselves.
 */
export type FieldRule = FieldGroup | 'NESTED' | 'AUTHENTICATED' | 'PUBLIC' | 'PERSON_LOOKUP';

// prettier-ignore
export const FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  // Person (membership)
  'Person.id': 'IDENTITY',
  'Person.familyName': 'IDENTITY', 'Person.givenName': 'IDENTITY',
  'Person.familyNameKana': 'IDENTITY', 'Person.givenNameKana': 'IDENTITY',
  'Person.birthDate': 'IDENTITY', 'Person.sex': 'IDENTITY',
  'Person.registryNumber': 'IDENTITY', 'Person.registryDate': 'IDENTITY',
  'Person.email': 'CONTACT', 'Person.phone': 'CONTACT', 'Person.postalCode': 'CONTACT',
  'Person.prefectureCode': 'CONTACT', 'Person.address': 'CONTACT',
  'Person.school': 'PROFILE', 'Person.facilityName': 'PROFILE', 'Person.facilityRole': 'PROFILE',
  'Person.departments': 'PROFILE',
  'Person.memberships': 'MEMBERSHIP',
  // Person (training, insurance-pension, consent)
  'Person.trainingAttendances': 'TRAINING',
  'Person.malpracticeInsurance': 'INSURANCE', 'Person.malpracticeInsuranceHistory': 'INSURANCE',
  'Person.termsAcceptances': 'CONSENT',
  // the person's own access log: privacy data about the person (the resolver further requires
  // the full CONSENT scope, i.e. SELF; a member association's STATUS_ONLY does not cover it)
  'Person.accessLog': 'CONSENT',
  // types reachable only through a group-protected Person field
  'Membership.id': 'NESTED', 'Membership.association': 'NESTED', 'Membership.category': 'NESTED',
  'Membership.status': 'NESTED', 'Membership.joinedOn': 'NESTED', 'Membership.leftOn': 'NESTED',
  'InsuranceEnrolment.id': 'NESTED', 'InsuranceEnrolment.insuranceYear': 'NESTED',
  'InsuranceEnrolment.category': 'NESTED', 'InsuranceEnrolment.status': 'NESTED',
  'InsuranceEnrolment.enrolledOn': 'NESTED', 'InsuranceEnrolment.rider': 'NESTED',
  'InsuranceEnrolment.riderCoverageYen': 'NESTED',
  'TermsAcceptance.id': 'NESTED', 'TermsAcceptance.version': 'NESTED',
  'TermsAcceptance.acceptedAt': 'NESTED', 'TermsAcceptance.method': 'NESTED',
  'AccessLogEntry.at': 'NESTED', 'AccessLogEntry.association': 'NESTED', 'AccessLogEntry.viewerKind': 'NESTED',
  'AccessLogEntry.actor': 'NESTED', 'AccessLogEntry.onBehalfOf': 'NESTED', 'AccessLogEntry.relations': 'NESTED',
  'AccessLogEntry.groups': 'NESTED', 'AccessLogEntry.operation': 'NESTED', 'AccessLogEntry.service': 'NESTED',
  'AccessLogEntry.action': 'NESTED',
  // Attendance is reachable from Person (TRAINING) and from TrainingSession.attendances (below)
  'Attendance.id': 'NESTED', 'Attendance.session': 'NESTED', 'Attendance.person': 'NESTED',
  'Attendance.status': 'NESTED', 'Attendance.attendedAt': 'NESTED', 'Attendance.units': 'NESTED',
  // organisational data
  'Association.id': 'AUTHENTICATED', 'Association.code': 'AUTHENTICATED', 'Association.name': 'AUTHENTICATED',
  'Association.nameKana': 'AUTHENTICATED', 'Association.tier': 'AUTHENTICATED', 'Association.kind': 'AUTHENTICATED',
  'Association.prefectureCode': 'AUTHENTICATED', 'Association.parent': 'AUTHENTICATED',
  'Association.children': 'AUTHENTICATED',
  'Association.members': 'PERSON_LOOKUP',
  'PersonConnection.nodes': 'NESTED', 'PersonConnection.pageInfo': 'NESTED', 'PersonConnection.totalCount': 'NESTED',
  'PageInfo.hasNextPage': 'NESTED', 'PageInfo.endCursor': 'NESTED',
  'TrainingSession.id': 'AUTHENTICATED', 'TrainingSession.host': 'AUTHENTICATED',
  'TrainingSession.programCode': 'AUTHENTICATED', 'TrainingSession.title': 'AUTHENTICATED',
  'TrainingSession.startsAt': 'AUTHENTICATED', 'TrainingSession.venue': 'AUTHENTICATED',
  'TrainingSession.units': 'AUTHENTICATED', 'TrainingSession.capacity': 'AUTHENTICATED',
  'TrainingSession.attendances': 'PERSON_LOOKUP',
  'TermsVersion.id': 'PUBLIC', 'TermsVersion.version': 'PUBLIC', 'TermsVersion.titleJa': 'PUBLIC',
  'TermsVersion.titleEn': 'PUBLIC', 'TermsVersion.bodyJa': 'PUBLIC', 'TermsVersion.bodyEn': 'PUBLIC',
  'TermsVersion.effectiveFrom': 'PUBLIC', 'TermsVersion.requiresAcceptance': 'PUBLIC',
  // roots
  'Query.person': 'PERSON_LOOKUP', 'Query.people': 'PERSON_LOOKUP', 'Query.me': 'PERSON_LOOKUP',
  'Query.association': 'AUTHENTICATED', 'Query.associationByCode': 'AUTHENTICATED',
  'Query.associations': 'AUTHENTICATED',
  'Query.trainingSession': 'AUTHENTICATED', 'Query.trainingSessions': 'AUTHENTICATED',
  'Query.termsOfUse': 'PUBLIC',
};

const PLUMBING = /^(_|join__|link__)/;

/**
 * Walk a (super)graph schema and list every field without a rule — the startup check: a
 * non-empty list means a field could be served with no access decision, so startup must fail.
 */
export function fieldsWithoutRule(
  schema: GraphQLSchema,
  rules: Readonly<Record<string, FieldRule>> = FIELD_RULES,
): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || PLUMBING.test(type.name)) continue;
    for (const field of Object.keys(type.getFields())) {
      if (PLUMBING.test(field)) continue;
      const key = `${type.name}.${field}`;
      if (!rules[key]) missing.push(key);
    }
  }
  return missing.sort();
}
