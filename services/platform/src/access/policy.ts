import type { AssociationTierName, StaffRole } from '../viewer';

/**
 * THE access policy (design.md "Access: relations → field groups"), as one declarative table.
 * Everything else — shield rules, `__resolveReference` checks, list filters, exports, aggregates —
 * derives its decisions from `groupsFor` below; nothing else may decide access.
 */
export const FIELD_GROUPS = [
  'IDENTITY',
  'CONTACT',
  'PROFILE',
  'MEMBERSHIP',
  'DUES',
  'TRAINING',
  'INSURANCE',
  'PENSION',
  'CONSENT',
] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export const RELATIONS = [
  'SELF',
  'MEMBER',
  'APPLICANT',
  'FORMER_MEMBER',
  'TRAINING_HOST',
  'TRAINING_ISSUER',
  'SOCIETY_COHOST',
] as const;
export type Relation = (typeof RELATIONS)[number];

const ALL_TIERS: readonly AssociationTierName[] = [
  'NATIONAL',
  'PREFECTURAL',
  'MUNICIPAL',
  'DISTRICT',
  'WORKPLACE',
];

/**
 * How far a granted group reaches within the person's records:
 * - ALL: everything in the group;
 * - OWN_ASSOCIATION: only records with the viewer's association (dues, membership history);
 * - HOSTED_SESSIONS / JMA_PROGRAMS / COHOSTED_SESSIONS: only those training records;
 * - THE_APPLICATION: only the pending application to the viewer's association;
 * - STATUS_ONLY: consent status, not the acceptance records' details;
 * - NAME_AND_REGISTRY: IDENTITY restricted to name and registry number.
 */
export type Scope =
  | 'ALL'
  | 'OWN_ASSOCIATION'
  | 'HOSTED_SESSIONS'
  | 'JMA_PROGRAMS'
  | 'COHOSTED_SESSIONS'
  | 'THE_APPLICATION'
  | 'STATUS_ONLY'
  | 'NAME_AND_REGISTRY';

export interface PolicyRow {
  relation: Relation;
  /** Viewer association tiers the row applies to (SELF and SOCIETY_COHOST: any). */
  tiers: readonly AssociationTierName[];
  grants: Partial<Record<FieldGroup, Scope>>;
}

// prettier-ignore
export const POLICY: readonly PolicyRow[] = [
  { relation: 'SELF', tiers: ALL_TIERS, grants: {
      IDENTITY: 'ALL', CONTACT: 'ALL', PROFILE: 'ALL', MEMBERSHIP: 'ALL', DUES: 'ALL',
      TRAINING: 'ALL', INSURANCE: 'ALL', PENSION: 'ALL', CONSENT: 'ALL' } },
  { relation: 'MEMBER', tiers: ALL_TIERS, grants: {
      IDENTITY: 'ALL', CONTACT: 'ALL', PROFILE: 'ALL', MEMBERSHIP: 'ALL', DUES: 'OWN_ASSOCIATION',
      TRAINING: 'ALL', CONSENT: 'STATUS_ONLY' } },
  { relation: 'MEMBER', tiers: ['NATIONAL', 'PREFECTURAL'], grants: { INSURANCE: 'ALL' } },
  { relation: 'MEMBER', tiers: ['NATIONAL'], grants: { PENSION: 'ALL' } },
  { relation: 'APPLICANT', tiers: ALL_TIERS, grants: {
      IDENTITY: 'ALL', CONTACT: 'ALL', PROFILE: 'ALL', MEMBERSHIP: 'THE_APPLICATION' } },
  { relation: 'FORMER_MEMBER', tiers: ALL_TIERS, grants: {
      IDENTITY: 'ALL', MEMBERSHIP: 'OWN_ASSOCIATION', DUES: 'OWN_ASSOCIATION' } },
  { relation: 'TRAINING_HOST', tiers: ALL_TIERS, grants: { IDENTITY: 'ALL', TRAINING: 'HOSTED_SESSIONS' } },
  { relation: 'TRAINING_ISSUER', tiers: ['NATIONAL'], grants: { IDENTITY: 'ALL', TRAINING: 'JMA_PROGRAMS' } },
  { relation: 'SOCIETY_COHOST', tiers: ALL_TIERS, grants: {
      IDENTITY: 'NAME_AND_REGISTRY', TRAINING: 'COHOSTED_SESSIONS' } },
];

/** Breadth order of scopes, for merging grants from several relations (wider wins). */
const WIDTH: Record<Scope, number> = {
  ALL: 100,
  OWN_ASSOCIATION: 50,
  HOSTED_SESSIONS: 40,
  JMA_PROGRAMS: 40,
  COHOSTED_SESSIONS: 30,
  THE_APPLICATION: 20,
  STATUS_ONLY: 10,
  NAME_AND_REGISTRY: 10,
};

export type Grants = Partial<Record<FieldGroup, Scope[]>>;

/**
 * The groups (and how far into each) a viewer gets for one person, given every relation the
 * viewer has to that person. `tier` is the viewer association's tier (undefined for persons
 * themselves and clients; only SELF and SOCIETY_COHOST apply then). No relation → no group: the
 * person is invisible.
 */
export function grantsFor(relations: Iterable<Relation>, tier: AssociationTierName | undefined): Grants {
  const out: Grants = {};
  const rels = new Set(relations);
  for (const row of POLICY) {
    if (!rels.has(row.relation)) continue;
    const tierless = row.relation === 'SELF' || row.relation === 'SOCIETY_COHOST';
    if (!tierless && (!tier || !row.tiers.includes(tier))) continue;
    for (const [group, scope] of Object.entries(row.grants) as [FieldGroup, Scope][]) {
      const list = (out[group] ??= []);
      if (!list.includes(scope)) list.push(scope);
    }
  }
  for (const list of Object.values(out)) list.sort((a, b) => WIDTH[b] - WIDTH[a]);
  return out;
}

/** Does the viewer see anything of this person at all? (Otherwise: absent, not forbidden.) */
export const isVisible = (grants: Grants): boolean => Object.keys(grants).length > 0;

/** The widest scope granted for a group, or undefined when the group is denied. */
export const scopeOf = (grants: Grants, group: FieldGroup): Scope | undefined => grants[group]?.[0];

/* ------------------------------------------------------------------------------------------------
 * Writes: the same table's second half. Two kinds of operation:
 * - person-keyed (WRITE_POLICY): allowed by the viewer's relation to the person, like reads;
 * - association-keyed (ASSOCIATION_OPERATIONS): allowed to staff of THE association concerned
 *   (the one being joined or left, the host, the one exporting its own members) — never its parent
 *   or child: nobody edits another association's records.
 * Resolvers ask `ctx.access.authorizeWrite` / `ctx.access.authorizeAssociation`; nothing else may
 * decide a write.
 * --------------------------------------------------------------------------------------------- */

export const PERSON_OPERATIONS = [
  /** Contact data (addresses, phones, e-mail). */
  'EDIT_CONTACT',
  /** Identity and profile data, membership records, on the association's side. */
  'EDIT_PERSON',
  /** File (or cancel) a join / transfer / leave / category-change application. */
  'FILE_APPLICATION',
  /** Register for a training session / cancel a registration. */
  'REGISTER_FOR_SESSION',
  /**
   * The host's staff register, by registry number, a person their association already knows (a
   * member, or an earlier attendee of its sessions) for one of its own sessions. Anyone else
   * registers themselves or through their own association: typing a number must not tell the host
   * whether its holder exists.
   */
  'REGISTER_ATTENDEE',
  /** Record attendance at, or credits from, a session the viewer's association hosts. */
  'RECORD_ATTENDANCE',
  /** Manual credit-ledger entries (carry-over, corrections by reversing entries). */
  'ADD_CREDIT_ENTRY',
  /** File a certification (new / renewal) application. */
  'FILE_CERTIFICATION_APPLICATION',
  /** Invoices and payments of the person's dues with the viewer's association. */
  'RECORD_DUES',
  /** Malpractice insurance and pension enrolment changes (JMA staff). */
  'MANAGE_INSURANCE',
  'MANAGE_PENSION',
  /**
   * Accept a registration that named one's registry number but was kept apart (the association
   * could not see the holder): the physician themself becomes the association's member.
   */
  'ACCEPT_REGISTRY_MATCH',
  /** Accept the terms of use; file a privacy request (disclosure, correction, erasure). */
  'ACCEPT_TERMS',
  'FILE_PRIVACY_REQUEST',
  /** Mark one's own notifications as read. */
  'MARK_NOTIFICATION_READ',
  /** Answer (or change one's answer to) a survey one's association sent one, until it closes. */
  'ANSWER_SURVEY',
] as const;
export type PersonOperation = (typeof PERSON_OPERATIONS)[number];

export const ASSOCIATION_OPERATION_NAMES = [
  /** List the association's members (Association.members). */
  'LIST_MEMBERS',
  /** Approve or reject the association's step of a membership application. */
  'DECIDE_APPLICATION_STEP',
  /** Register a new person who joins the association at once (createPerson: a JOIN event). */
  'REGISTER_MEMBER',
  /** Fee schedules, invoice runs, payment imports, arrears lists of the association. */
  'MANAGE_DUES',
  /**
   * Read the association's long office operations (処理状況: invoice runs, bank imports — status,
   * progress, counts; no person data).
   */
  'READ_OFFICE_OPERATIONS',
  /** Export the mailing list of the association's own members (a provision record is kept). */
  'EXPORT_MAILING',
  /** Create and edit the association's own training sessions and their attendance lists. */
  'MANAGE_SESSIONS',
  /** Check a certification application (prefectural step). */
  'CHECK_CERTIFICATION_APPLICATION',
  /** Approve a certification application and issue the certificate (the JMA). */
  'APPROVE_CERTIFICATION_APPLICATION',
  /** Edit certification rules and programs (the JMA). */
  'MANAGE_TRAINING_RULES',
  /** Define the association's own training programmes and their certification rules (別表1-7). */
  'MANAGE_OWN_PROGRAMS',
  /** Decide certification applications for the association's own programmes (issues its certificate). */
  'DECIDE_OWN_CERTIFICATION',
  /** List certificates (e.g. expiring ones) of persons the association's staff may see. */
  'LIST_CERTIFICATES',
  /** Import the insurer's enrolment list (the JMA). */
  'IMPORT_INSURANCE',
  /** Publish terms-of-use versions and joint-use notices (the JMA). */
  'PUBLISH_TERMS',
  /** A staff member accepts the terms of use for their own staff account (no person behind it). */
  'ACCEPT_STAFF_TERMS',
  /** Decide privacy requests routed to the association (erasure: the JMA only). */
  'DECIDE_PRIVACY_REQUEST',
  'DECIDE_ERASURE',
  /** Read aggregate statistics of the association's own population. */
  'READ_STATISTICS',
  /** Send a notice of the association's activities to its own current members (in-app and e-mail). */
  'SEND_NOTICES',
  /**
   * Office administration (職員管理): list the association's own staff accounts, invite clerks,
   * disable / re-enable them, reset their second factor, read the office's own audit trail
   * (identity's /manage/staff).
   */
  'MANAGE_STAFF',
  /** Create and send the association's surveys (各種アンケート) to its own current members. */
  'MANAGE_SURVEYS',
  /** List the association's surveys with their response counts. */
  'READ_SURVEY_RESULTS',
  /**
   * Read each current member's own answers to the association's surveys (free text included), and
   * the suppressed aggregate results (over a population that changes as members leave: only for
   * those who may read the answers themselves).
   */
  'READ_SURVEY_ANSWERS',
] as const;
export type AssociationOperation = (typeof ASSOCIATION_OPERATION_NAMES)[number];

const STAFF_ROLES_ALL: readonly StaffRole[] = ['ADMIN', 'CLERK', 'VIEWER'];
const EDITORS: readonly StaffRole[] = ['ADMIN', 'CLERK'];

export interface WriteRow {
  relation: Relation;
  tiers: readonly AssociationTierName[];
  /** Staff roles allowed (undefined: not staff — the person themself through SELF). */
  roles?: readonly StaffRole[];
  operations: readonly PersonOperation[];
}

// prettier-ignore
export const WRITE_POLICY: readonly WriteRow[] = [
  { relation: 'SELF', tiers: ALL_TIERS, operations: [
      'EDIT_CONTACT', 'FILE_APPLICATION', 'REGISTER_FOR_SESSION', 'FILE_CERTIFICATION_APPLICATION',
      'ACCEPT_TERMS', 'FILE_PRIVACY_REQUEST', 'MARK_NOTIFICATION_READ', 'ACCEPT_REGISTRY_MATCH',
      'ANSWER_SURVEY'] },
  { relation: 'MEMBER', tiers: ALL_TIERS, roles: EDITORS, operations: [
      'EDIT_CONTACT', 'EDIT_PERSON', 'FILE_APPLICATION', 'REGISTER_FOR_SESSION', 'REGISTER_ATTENDEE',
      'RECORD_DUES'] },
  { relation: 'FORMER_MEMBER', tiers: ALL_TIERS, roles: EDITORS, operations: ['RECORD_DUES'] },
  { relation: 'MEMBER', tiers: ['NATIONAL'], roles: EDITORS, operations: ['MANAGE_INSURANCE', 'MANAGE_PENSION'] },
  { relation: 'TRAINING_HOST', tiers: ALL_TIERS, roles: EDITORS, operations: ['RECORD_ATTENDANCE', 'REGISTER_ATTENDEE'] },
  { relation: 'TRAINING_ISSUER', tiers: ['NATIONAL'], roles: EDITORS, operations: ['ADD_CREDIT_ENTRY'] },
];

export interface AssociationOperationRow {
  operation: AssociationOperation;
  /** Tiers of the viewer's association that may do it at all. */
  tiers: readonly AssociationTierName[];
  roles: readonly StaffRole[];
}

// prettier-ignore
export const ASSOCIATION_OPERATIONS: readonly AssociationOperationRow[] = [
  { operation: 'LIST_MEMBERS', tiers: ALL_TIERS, roles: STAFF_ROLES_ALL },
  { operation: 'DECIDE_APPLICATION_STEP', tiers: ALL_TIERS, roles: EDITORS },
  { operation: 'REGISTER_MEMBER', tiers: ALL_TIERS, roles: EDITORS },
  { operation: 'MANAGE_DUES', tiers: ALL_TIERS, roles: EDITORS },
  { operation: 'READ_OFFICE_OPERATIONS', tiers: ALL_TIERS, roles: STAFF_ROLES_ALL },
  { operation: 'EXPORT_MAILING', tiers: ALL_TIERS, roles: EDITORS },
  { operation: 'MANAGE_SESSIONS', tiers: ALL_TIERS, roles: EDITORS },
  { operation: 'CHECK_CERTIFICATION_APPLICATION', tiers: ['PREFECTURAL'], roles: EDITORS },
  { operation: 'APPROVE_CERTIFICATION_APPLICATION', tiers: ['NATIONAL'], roles: EDITORS },
  { operation: 'MANAGE_TRAINING_RULES', tiers: ['NATIONAL'], roles: ['ADMIN'] },
  { operation: 'MANAGE_OWN_PROGRAMS', tiers: ALL_TIERS, roles: ['ADMIN'] },
  { operation: 'DECIDE_OWN_CERTIFICATION', tiers: ALL_TIERS, roles: EDITORS },
  { operation: 'LIST_CERTIFICATES', tiers: ALL_TIERS, roles: STAFF_ROLES_ALL },
  { operation: 'IMPORT_INSURANCE', tiers: ['NATIONAL'], roles: EDITORS },
  { operation: 'PUBLISH_TERMS', tiers: ['NATIONAL'], roles: ['ADMIN'] },
  { operation: 'ACCEPT_STAFF_TERMS', tiers: ALL_TIERS, roles: STAFF_ROLES_ALL },
  { operation: 'DECIDE_PRIVACY_REQUEST', tiers: ALL_TIERS, roles: EDITORS },
  { operation: 'DECIDE_ERASURE', tiers: ['NATIONAL'], roles: ['ADMIN'] },
  { operation: 'READ_STATISTICS', tiers: ALL_TIERS, roles: STAFF_ROLES_ALL },
  { operation: 'SEND_NOTICES', tiers: ALL_TIERS, roles: EDITORS },
  { operation: 'MANAGE_STAFF', tiers: ALL_TIERS, roles: ['ADMIN'] },
  { operation: 'MANAGE_SURVEYS', tiers: ALL_TIERS, roles: EDITORS },
  { operation: 'READ_SURVEY_RESULTS', tiers: ALL_TIERS, roles: STAFF_ROLES_ALL },
  { operation: 'READ_SURVEY_ANSWERS', tiers: ALL_TIERS, roles: EDITORS },
];

/** May a viewer with these relations to a person (and this staff role / tier) do `op` to them? */
export function mayWrite(
  relations: Iterable<Relation>,
  op: PersonOperation,
  tier: AssociationTierName | undefined,
  role: StaffRole | undefined,
): Relation | undefined {
  const rels = new Set(relations);
  for (const row of WRITE_POLICY) {
    if (!rels.has(row.relation) || !row.operations.includes(op)) continue;
    if (row.relation === 'SELF') return 'SELF';
    if (!tier || !row.tiers.includes(tier) || !role || !row.roles?.includes(role)) continue;
    return row.relation;
  }
  return undefined;
}

/** May staff of an association of `tier` with `role` do `op` for THEIR OWN association? */
export function mayOperate(
  op: AssociationOperation,
  tier: AssociationTierName | undefined,
  role: StaffRole | undefined,
): boolean {
  return ASSOCIATION_OPERATIONS.some(
    (row) => row.operation === op && !!tier && row.tiers.includes(tier) && !!role && row.roles.includes(role),
  );
}

/** The field group a person-keyed operation writes (for assistants' rights and the audit). */
export const OPERATION_GROUP: Readonly<Record<PersonOperation, FieldGroup>> = {
  EDIT_CONTACT: 'CONTACT',
  EDIT_PERSON: 'IDENTITY',
  FILE_APPLICATION: 'MEMBERSHIP',
  ACCEPT_REGISTRY_MATCH: 'MEMBERSHIP',
  REGISTER_FOR_SESSION: 'TRAINING',
  REGISTER_ATTENDEE: 'TRAINING',
  RECORD_ATTENDANCE: 'TRAINING',
  ADD_CREDIT_ENTRY: 'TRAINING',
  FILE_CERTIFICATION_APPLICATION: 'TRAINING',
  RECORD_DUES: 'DUES',
  MANAGE_INSURANCE: 'INSURANCE',
  MANAGE_PENSION: 'PENSION',
  ACCEPT_TERMS: 'CONSENT',
  FILE_PRIVACY_REQUEST: 'CONSENT',
  MARK_NOTIFICATION_READ: 'CONSENT',
  ANSWER_SURVEY: 'CONSENT',
};

/**
 * An assistant acts within the rights its physician granted (token scopes `<group>:read` /
 * `<group>:write`): its grants are the physician's, intersected with those rights.
 */
export function withinAssistantRights(grants: Grants, scopes: readonly string[]): Grants {
  const out: Grants = {};
  for (const [group, list] of Object.entries(grants) as [FieldGroup, Scope[]][])
    if (scopes.includes(`${group.toLowerCase()}:read`)) out[group] = list;
  return out;
}
