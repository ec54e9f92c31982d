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
