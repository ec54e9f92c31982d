/** Shared by the dues sections: amounts, the fiscal year, names. */

export const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

/** The fiscal year (April 1 start) of today in Asia/Tokyo: the form's default. */
export function currentFiscalYear(): number {
  const [y, m] = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Tokyo' }).split('-').map(Number);
  return m! >= 4 ? y! : y! - 1;
}

type PersonName = { familyName: string; givenName: string } | null | undefined;
export const fullName = (p: PersonName) => (p ? `${p.familyName} ${p.givenName}` : '—');
