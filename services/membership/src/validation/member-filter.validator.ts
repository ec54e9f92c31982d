import type { MemberFilter } from '../repositories/person.repository';
import { normalizeText } from './text.normalizer';

/**
 * Association.members' filter as the repository takes it: the category normalised as categories
 * are stored (full-width letters, half-width kana, spaces). An empty category is no filter; one of
 * spaces only normalises to "" and matches no category (as it always did).
 */
export function memberFilterArgs(filter: MemberFilter | null | undefined): MemberFilter {
  const f = filter ?? {};
  return { ...f, category: f.category ? normalizeText(f.category) : null };
}
