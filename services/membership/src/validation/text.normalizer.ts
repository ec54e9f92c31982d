/**
 * Canonical forms of what people type (pure functions, no I/O):
 * - full-width ASCII letters, digits and symbols (ｔｅｓｔ, １２３) → half-width (test, 123);
 * - half-width katakana (ｶﾀｶﾅ, ｶﾞ) → full-width (カタカナ, ガ);
 * - the ideographic space → a space; runs of white space → one space; trimmed.
 * Kanji are left exactly as typed (NFKC would fold compatibility ideographs such as 﨑 or 塚
 * used in names, and ① in category names), so NFKC is applied to half-width kana runs only.
 */
export function normalizeText(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF61-\uFF9F]+/g, (run) => run.normalize('NFKC'))
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

/**
 * Dash look-alikes typed in numbers (postal codes, phone and registry numbers) → `-`: the long-vowel
 * mark ー and its half-width ｰ (an IME's usual output for "-" in kana mode), the hyphen ‐ ‑, figure
 * and en/em dashes ‒ – —, the horizontal bar ―, the minus sign −, small/full-width hyphen-minus
 * ﹣ －, and the katakana-hiragana ー-like ｰ. Only for fields that are numbers, never for names.
 */
export function normalizeDashes(input: string): string {
  return input.replace(/[\u30FC\uFF70\u2010-\u2015\u2212\uFE63\uFF0D\u2043]/g, '-');
}

/** Hiragana → katakana (ぁ-ゖ, ゝゞ map 0x60 up). */
export function hiraganaToKatakana(input: string): string {
  return input.replace(/[\u3041-\u3096\u309D\u309E]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** A kana field: normalised, hiragana as katakana, no spaces. */
export function normalizeKana(input: string): string {
  return hiraganaToKatakana(normalizeText(input)).replace(/ /g, '');
}

/** Full-width katakana, the prolonged sound mark and the middle dot only. */
export const isKatakana = (s: string) => /^[\u30A1-\u30FA\u30FC\u30FB]+$/.test(s);

/** Is the (normalised) search text kana rather than kanji / latin? */
export const looksLikeKana = (s: string) => s.length > 0 && isKatakana(s);
