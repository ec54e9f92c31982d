/** The end of a session: `ends_at`, or one hour per unit offered (at least one hour) after the start. */
export function sessionEnd(s: { startsAt: Date; endsAt: Date | null; units: string | number }): Date {
  if (s.endsAt) return s.endsAt;
  const hours = Math.max(1, Number(s.units) || 0);
  return new Date(s.startsAt.getTime() + hours * 60 * 60 * 1000);
}
