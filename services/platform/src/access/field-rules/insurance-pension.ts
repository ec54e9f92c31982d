import type { FieldRule } from '../field-rules';

/** Access rules of the insurance-pension subgraph's fields (schema/insurance-pension.graphql). */
// prettier-ignore
export const INSURANCE_PENSION_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'Person.malpracticeInsurance': 'INSURANCE', 'Person.malpracticeInsuranceHistory': 'INSURANCE',
  'InsuranceEnrolment.id': 'NESTED', 'InsuranceEnrolment.insuranceYear': 'NESTED',
  'InsuranceEnrolment.category': 'NESTED', 'InsuranceEnrolment.status': 'NESTED',
  'InsuranceEnrolment.enrolledOn': 'NESTED', 'InsuranceEnrolment.rider': 'NESTED',
  'InsuranceEnrolment.riderCoverageYen': 'NESTED',
};
