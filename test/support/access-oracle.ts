/**
 * An independent oracle of design.md's access table, written line by line from the document —
 * NOT from services/platform/src/access. Tests compare the implementation against it.
 */
export type Tier = 'NATIONAL' | 'PREFECTURAL' | 'MUNICIPAL' | 'DISTRICT' | 'WORKPLACE';
export type Group =
  | 'IDENTITY'
  | 'CONTACT'
  | 'PROFILE'
  | 'MEMBERSHIP'
  | 'DUES'
  | 'TRAINING'
  | 'INSURANCE'
  | 'PENSION'
  | 'CONSENT';
export type Rel =
  'SELF' | 'MEMBER' | 'APPLICANT' | 'FORMER_MEMBER' | 'TRAINING_HOST' | 'TRAINING_ISSUER' | 'SOCIETY_COHOST';

/** May a viewer with this one relation, at this tier, read anything of this group? */
export function oracleAllows(relation: Rel, tier: Tier | undefined, group: Group): boolean {
  switch (relation) {
    case 'SELF':
      return true;
    case 'MEMBER':
      if (!tier) return false;
      if (['IDENTITY', 'CONTACT', 'PROFILE', 'MEMBERSHIP', 'DUES', 'TRAINING', 'CONSENT'].includes(group))
        return true;
      if (group === 'INSURANCE') return tier === 'NATIONAL' || tier === 'PREFECTURAL';
      if (group === 'PENSION') return tier === 'NATIONAL';
      return false;
    case 'APPLICANT':
      return !!tier && ['IDENTITY', 'CONTACT', 'PROFILE', 'MEMBERSHIP'].includes(group);
    case 'FORMER_MEMBER':
      return !!tier && ['IDENTITY', 'MEMBERSHIP', 'DUES'].includes(group);
    case 'TRAINING_HOST':
      return !!tier && ['IDENTITY', 'TRAINING'].includes(group);
    case 'TRAINING_ISSUER':
      return tier === 'NATIONAL' && ['IDENTITY', 'TRAINING'].includes(group);
    case 'SOCIETY_COHOST':
      return ['IDENTITY', 'TRAINING'].includes(group);
  }
}

export type Role = 'ADMIN' | 'CLERK' | 'VIEWER';

/**
 * The write rules of the access requirements, line by line: "a physician edits their own contact data; staff of a
 * member association (CLERK or ADMIN) edit their members; approvals only by staff of the
 * association being joined or left; nobody edits another association's records."
 * `op` is one of: EDIT_CONTACT (addresses, phones, e-mail), EDIT_PERSON (identity/profile).
 */
export function oracleMayEdit(
  relations: readonly Rel[],
  tier: Tier | undefined,
  role: Role | undefined,
  op: 'EDIT_CONTACT' | 'EDIT_PERSON',
): boolean {
  if (op === 'EDIT_CONTACT' && relations.includes('SELF')) return true;
  return !!tier && relations.includes('MEMBER') && (role === 'CLERK' || role === 'ADMIN');
}

/** Approving a step: staff (CLERK or ADMIN) of THAT association only. */
export const oracleMayApprove = (
  viewerAssociation: string | undefined,
  role: Role | undefined,
  stepAssociation: string,
) => viewerAssociation === stepAssociation && (role === 'CLERK' || role === 'ADMIN');
