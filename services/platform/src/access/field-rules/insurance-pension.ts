import type { FieldRule } from '../field-rule';

const nested = (type: string, fields: string[]) =>
  Object.fromEntries(fields.map((f) => [`${type}.${f}`, 'NESTED' as const]));

/**
 * Access rules of the insurance-pension subgraph's fields (schema/insurance-pension.graphql).
 * Insurance and pension types are reachable only through the INSURANCE / PENSION fields of a
 * Person or through the JMA-staff mutations (which decide with authorizeWrite /
 * authorizeAssociation): their fields are NESTED.
 */
// prettier-ignore
export const INSURANCE_PENSION_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'Person.malpracticeInsurance': 'INSURANCE',
  'Person.malpracticeInsuranceHistory': {
    group: 'INSURANCE',
    records: { all: 'every grant of INSURANCE is the whole group (ALL): the person, a member association of the tiers' },
  },
  'Person.malpracticeInsuranceOn': 'INSURANCE',
  'Person.pension': 'PENSION',
  ...nested('InsuranceEnrolment', ['id', 'insuranceYear', 'category', 'status', 'enrolledOn', 'endedOn',
    'rider', 'riderCoverageYen', 'version', 'statusHistory', 'statusOn']),
  ...nested('InsuranceStatusChange', ['id', 'subject', 'status', 'category', 'coverageYen', 'effectiveOn',
    'source', 'reason', 'recordedAt']),
  ...nested('PhysicianPension', ['id', 'plan', 'status', 'contributionStatus', 'enrolledOn', 'withdrawnOn',
    'monthlyContributionYen', 'contributionsEndOn', 'version', 'history']),
  ...nested('PensionChange', ['id', 'plan', 'status', 'contributionStatus', 'monthlyContributionYen',
    'effectiveOn', 'reason', 'recordedAt']),
  ...nested('InsuranceImportReport', ['dryRun', 'applied', 'matched', 'rejected', 'rows']),
  ...nested('InsuranceImportRow', ['line', 'registryNumber', 'outcome', 'action', 'personId', 'message']),
  'Mutation.enrolMalpracticeInsurance': 'WRITE', 'Mutation.changeMalpracticeInsuranceStatus': 'WRITE',
  'Mutation.setMalpracticeInsuranceRider': 'WRITE', 'Mutation.importMalpracticeInsuranceList': 'WRITE',
  'Mutation.enrolPhysicianPension': 'WRITE', 'Mutation.changePhysicianPension': 'WRITE',
};
