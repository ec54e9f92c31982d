import { badInput, Messages } from '@mamis/platform';
import { cursorKey, pageSize } from './page.validator';
import { registryNumber } from './person-input.validator';
import { looksLikeKana, normalizeDashes, normalizeKana, normalizeText } from './text.normalizer';

/** Longest `search` argument accepted as typed (before normalisation). */
export const MAX_SEARCH_ARGUMENT_LENGTH = 100;

/** Longest search text accepted once normalised (each character adds one alternative to the predicate). */
export const MAX_SEARCH_LENGTH = 40;

/**
 * What a people(search) text asks for, once normalised (spaces ignored): digits (and dashes)
 * only, the exact registry number (医籍登録番号), read exactly as the `registryNumber` argument;
 * otherwise a prefix of the name — of the kana name when the text is kana, else of the kanji name.
 * Empty: null (no condition).
 */
export type SearchTerms =
  { kind: 'REGISTRY_NUMBER'; digits: string } | { kind: 'NAME'; kana: boolean; chars: string[] };

/** Reads a search text (pure, no checks: `checkSearch` holds the limits). */
export function searchTerms(search: string): SearchTerms | null {
  const text = normalizeText(search).replace(/ /g, '');
  if (!text) return null;
  const digits = normalizeDashes(text).replace(/-/g, '');
  if (/^[0-9]+$/.test(digits)) return { kind: 'REGISTRY_NUMBER', digits };
  const kana = normalizeKana(text);
  const isKana = looksLikeKana(kana);
  return { kind: 'NAME', kana: isKana, chars: Array.from(isKana ? kana : text) };
}

/**
 * The limits of a search text, at `field`: a registry number has at most 7 digits
 * (REGISTRY_NUMBER_SEARCH_LENGTH), a name prefix at most MAX_SEARCH_LENGTH characters (SEARCH_TOO_LONG).
 */
export function checkSearch(search: string, field = 'search'): void {
  const terms = searchTerms(search);
  if (terms?.kind === 'REGISTRY_NUMBER' && terms.digits.length > 7)
    throw badInput(field, Messages.REGISTRY_NUMBER_SEARCH_LENGTH);
  if (terms?.kind === 'NAME' && terms.chars.length > MAX_SEARCH_LENGTH)
    throw badInput(field, Messages.SEARCH_TOO_LONG({ max: MAX_SEARCH_LENGTH }));
}

/**
 * The arguments of Query.people, checked in this order before the repository reads a page: the
 * search's typed length (TEXT_TOO_LONG), the registry number's format, the page size, the cursor,
 * then the search's normalised limits (`checkSearch`).
 */
export function peopleQueryArgs(args: {
  search?: string | null;
  registryNumber?: string | null;
  first?: number | null;
  after?: string | null;
}): { first: number; after: string[] | null; search: string | null; registryNumber: string | null } {
  if (args.search && args.search.length > MAX_SEARCH_ARGUMENT_LENGTH)
    throw badInput('search', Messages.TEXT_TOO_LONG({ max: MAX_SEARCH_ARGUMENT_LENGTH }));
  const registry =
    args.registryNumber === undefined || args.registryNumber === null
      ? null
      : registryNumber('registryNumber', args.registryNumber);
  const first = pageSize(args.first);
  const after = cursorKey(args.after, 3);
  if (args.search) checkSearch(args.search);
  return { first, after, search: args.search ?? null, registryNumber: registry };
}
