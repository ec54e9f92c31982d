/**
 * Certificate verification codes as printed: three groups of four characters from an alphabet
 * without look-alikes (`ABCD-EFGH-JKMN`). People type them in any case, with or without hyphens,
 * with full-width characters or spaces; the QR code's URL carries them in `?code=`.
 */
const GROUPS = 3;
const GROUP = 4;

/** The canonical form (`ABCD-EFGH-JKMN`), or null when it cannot be a code. */
export function normaliseVerificationCode(raw: string): string | null {
  const compact = raw
    .normalize('NFKC')
    .toUpperCase()
    // hyphens, dashes, the long-vowel mark people type as a dash, spaces
    .replace(/[\s\-‐‑‒–—―ー_・.]/g, '');
  if (!new RegExp(`^[0-9A-Z]{${GROUPS * GROUP}}$`).test(compact)) return null;
  const parts: string[] = [];
  for (let i = 0; i < GROUPS; i++) parts.push(compact.slice(i * GROUP, (i + 1) * GROUP));
  return parts.join('-');
}

/** The verification page URL a certificate's QR code points to. */
export function verificationUrl(portalOrigin: string, code: string): string {
  return `${portalOrigin.replace(/\/$/, '')}/verify?code=${encodeURIComponent(code)}`;
}
