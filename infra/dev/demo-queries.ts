/**
 * The first query of each demo account (README "Demo accounts and first queries"): what it shows
 * on the demo data set (infra/seed: the generated data, its fixtures and the demo scenario). The
 * README quotes these strings verbatim and test/e2e/npm-start.e2e.spec.ts asks each of them as its
 * account on a fresh `npm start`, so neither can drift from the other.
 */
import { DUES_FISCAL_YEAR } from '../seed/generate-dues-certificates';
import { DEMO_VERIFICATION_CODES } from '../seed/demo-scenario';

/**
 * Staff (jma-admin, pref-admin, muni-admin, muni-clerk): pending join applications and the people
 * the association sees (names only: the JMA also sees non-members through their JMA-programme
 * training, whose memberships it may not read).
 */
export const STAFF_FIRST_QUERY =
  '{ viewer { kind role association { name tier } } ' +
  'membershipApplications(status: PENDING) { kind effectiveOn person { familyName givenName } currentStep { association { name tier } } } ' +
  'people(first: 3) { totalCount nodes { familyName givenName } } }';

/** Physicians (dr-municipal, dr-prefectural, dr-national, dr-trainee): their own records. */
export const PHYSICIAN_FIRST_QUERY =
  '{ me { familyName memberships { category association { name } } ' +
  'dues { fiscalYear amountYen outstandingYen status } certificates { programCode validTo status } ' +
  'certificationApplications { programCode status } trainingAttendances { session { title } } notifications { subjectJa } } }';

/** The assistant of dr-national: within the rights granted (identity, contact, profile, training). */
export const ASSISTANT_FIRST_QUERY =
  '{ me { familyName trainingAttendances { session { title } } certificates { programCode validTo } } }';

/** The society client: attendees of the sessions its society co-hosts (name and registry number). */
export const SOCIETY_FIRST_QUERY =
  '{ viewer { kind scopes } people(first: 10) { nodes { familyName givenName registryNumber ' +
  'trainingAttendances { session { title } } } } }';

/**
 * The analytics client: aggregates of the JMA population only, over the data set's years (the
 * generated dues are of FY2024, its certificates expire in FY2025–FY2029), whatever the clock says.
 */
export const ANALYTICS_FIRST_QUERY =
  `{ statistics { members(groupBy: [CATEGORY]) { total cells { keys count suppressed } } ` +
  `duesCollection(fiscalYear: ${DUES_FISCAL_YEAR}) { total cells { keys count suppressed } rate } ` +
  `certificateExpiryForecast(fromFiscalYear: ${DUES_FISCAL_YEAR}, toFiscalYear: ${DUES_FISCAL_YEAR + 10}) { total cells { keys count suppressed } } } }`;

/** Public (no token): the demo certificate that expires within the next months. */
export const VERIFY_FIRST_QUERY = `{ verifyCertificate(code: "${DEMO_VERIFICATION_CODES.expiringCertificate}") { valid programCode validTo holderName } }`;

export type DemoAccountName =
  | 'jma-admin'
  | 'pref-admin'
  | 'muni-admin'
  | 'muni-clerk'
  | 'dr-municipal'
  | 'dr-prefectural'
  | 'dr-national'
  | 'dr-trainee'
  | 'asst-national'
  | 'society'
  | 'analytics';

/** Each demo account's first query. */
export const DEMO_FIRST_QUERIES: Readonly<Record<DemoAccountName, string>> = {
  'jma-admin': STAFF_FIRST_QUERY,
  'pref-admin': STAFF_FIRST_QUERY,
  'muni-admin': STAFF_FIRST_QUERY,
  'muni-clerk': STAFF_FIRST_QUERY,
  'dr-municipal': PHYSICIAN_FIRST_QUERY,
  'dr-prefectural': PHYSICIAN_FIRST_QUERY,
  'dr-national': PHYSICIAN_FIRST_QUERY,
  'dr-trainee': PHYSICIAN_FIRST_QUERY,
  'asst-national': ASSISTANT_FIRST_QUERY,
  society: SOCIETY_FIRST_QUERY,
  analytics: ANALYTICS_FIRST_QUERY,
};
