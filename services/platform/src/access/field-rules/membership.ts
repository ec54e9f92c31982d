import type { FieldRule } from '../field-rules';

/** Access rules of the membership subgraph's fields (schema/membership.graphql). */
// prettier-ignore
export const MEMBERSHIP_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
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
  // the person's own access log: privacy data about the person (the resolver further requires
  // the full CONSENT scope, i.e. SELF; a member association's STATUS_ONLY does not cover it)
  'Person.accessLog': 'CONSENT',
  'Membership.id': 'NESTED', 'Membership.association': 'NESTED', 'Membership.category': 'NESTED',
  'Membership.status': 'NESTED', 'Membership.joinedOn': 'NESTED', 'Membership.leftOn': 'NESTED',
  'AccessLogEntry.at': 'NESTED', 'AccessLogEntry.association': 'NESTED', 'AccessLogEntry.viewerKind': 'NESTED',
  'AccessLogEntry.actor': 'NESTED', 'AccessLogEntry.onBehalfOf': 'NESTED', 'AccessLogEntry.relations': 'NESTED',
  'AccessLogEntry.groups': 'NESTED', 'AccessLogEntry.operation': 'NESTED', 'AccessLogEntry.service': 'NESTED',
  'AccessLogEntry.action': 'NESTED',
  'Association.id': 'AUTHENTICATED', 'Association.code': 'AUTHENTICATED', 'Association.name': 'AUTHENTICATED',
  'Association.nameKana': 'AUTHENTICATED', 'Association.tier': 'AUTHENTICATED', 'Association.kind': 'AUTHENTICATED',
  'Association.prefectureCode': 'AUTHENTICATED', 'Association.parent': 'AUTHENTICATED',
  'Association.children': 'AUTHENTICATED',
  'Association.members': 'PERSON_LOOKUP',
  'PersonConnection.nodes': 'NESTED', 'PersonConnection.pageInfo': 'NESTED', 'PersonConnection.totalCount': 'NESTED',
  'PageInfo.hasNextPage': 'NESTED', 'PageInfo.endCursor': 'NESTED',
  'Query.person': 'PERSON_LOOKUP', 'Query.people': 'PERSON_LOOKUP', 'Query.me': 'PERSON_LOOKUP',
  'Query.association': 'AUTHENTICATED', 'Query.associationByCode': 'AUTHENTICATED',
  'Query.associations': 'AUTHENTICATED',
};
