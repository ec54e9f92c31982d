/**
 * The credit ledger (単位履歴, `training.credit_entry`): about 20 entries per person at both scales.
 *
 * - SESSION entries: one per ATTENDED attendance at a session of a JMA program (not an
 *   association's OWN program), with the session's units, on the session's day.
 * - MANUAL entries: the paper records carried over when MAMIS started (evidence: the paper
 *   logbook), CME units by curriculum code (1–84) on days between the registration and
 *   2022-03-31 (the first day of recorded sessions is 2022-04-01); 0–37 per person (mean 18.5),
 *   none for persons registered after that day.
 * - About 1% of the manual entries are reversed by a correcting entry (negative units,
 *   `reverses_entry_id`).
 *
 * Every person's entries come from their own stream (seed, person ordinal), independent of the
 * other tables. Ids are uuid-shaped but ORDERED: the first 8 hex digits are the person's ordinal
 * and the next 4 the entry number, so the 7 M-row primary key is filled at its right edge during the
 * load instead of at random places.
 */
import { dayOf, formatDay, formatJst } from './dates';
import type { TrainingCatalogue } from './generate-training';
import { formatUnits } from './generate-training';
import { Rng } from './random';
import type { AttendanceRow, CreditEntryRow } from './tables';

/** Manual (carried-over) entries end the day before the first recorded session. */
export const MANUAL_LAST_DAY = dayOf(2022, 3, 31);
const MANUAL_FIRST_DAY = dayOf(2005, 4, 1);
const MIGRATED_AT = formatJst(dayOf(2022, 4, 1), 9 * 60);
const REVERSAL_RATE = 0.01;
const MANUAL_UNITS = [0.5, 1, 1, 1, 1.5, 2];
const OCCUPATIONAL_CODES = ['EARLY_STAGE', 'PRACTICAL', 'LATE_STAGE'];

const HEX4 = (n: number) => n.toString(16).padStart(4, '0');
const HEX8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

function orderedId(rng: Rng, ordinal: number, entry: number): string {
  const r = rng.uuid(); // xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx
  return `${HEX8(ordinal)}-${HEX4(entry)}${r.slice(13)}`;
}

// the last catalogue's session → program map (one catalogue per load; a WeakMap lookup per entry
// showed up in the load profile)
let programsOf: { catalogue: TrainingCatalogue; map: Map<string, string> } | undefined;
function programOf(catalogue: TrainingCatalogue, sessionId: string): string | undefined {
  if (programsOf?.catalogue !== catalogue)
    programsOf = {
      catalogue,
      map: new Map(catalogue.sessions.map((s) => [s.row.id, s.row.programCode])),
    };
  return programsOf.map.get(sessionId);
}

function codeFor(rng: Rng, program: string): string {
  switch (program) {
    case 'CME':
      return String(rng.int(1, 84));
    case 'OCCUPATIONAL':
      return rng.pick(OCCUPATIONAL_CODES);
    default:
      return 'GENERAL';
  }
}

/**
 * The ledger of one person. `ordinal` is the person's position in the generation order (it makes
 * the ids ordered and distinct), `registryDay` their registration day.
 */
export function creditsFor(
  seed: number,
  catalogue: TrainingCatalogue,
  ordinal: number,
  personId: string,
  registryDay: number,
  attendance: readonly AttendanceRow[],
): CreditEntryRow[] {
  const rng = Rng.derive(seed, 0xc3ed17, ordinal);
  const out: CreditEntryRow[] = [];
  const first = Math.max(registryDay, MANUAL_FIRST_DAY);
  const manual = first <= MANUAL_LAST_DAY ? rng.int(0, 37) : 0;
  const days: number[] = [];
  for (let i = 0; i < manual; i++) days.push(rng.int(first, MANUAL_LAST_DAY));
  days.sort((a, b) => a - b);
  for (const day of days) {
    const units = rng.pick(MANUAL_UNITS);
    const entry: CreditEntryRow = {
      id: orderedId(rng, ordinal, out.length),
      personId,
      programCode: 'CME',
      code: String(rng.int(1, 84)),
      units: formatUnits(units),
      earnedOn: formatDay(day),
      source: 'MANUAL',
      sessionId: null,
      evidence: `紙の受講記録 (paper logbook) ${formatDay(day).slice(0, 4)}`,
      reversesEntryId: null,
      recordedBy: 'seed:migration',
      recordedAt: MIGRATED_AT,
    };
    out.push(entry);
    if (rng.chance(REVERSAL_RATE)) {
      out.push({
        ...entry,
        id: orderedId(rng, ordinal, out.length),
        units: formatUnits(-units),
        evidence: '誤登録の取消 (entered in error)',
        reversesEntryId: entry.id,
      });
    }
  }
  for (const a of attendance) {
    if (a.status !== 'ATTENDED' || !a.attendedAt) continue;
    const program = programOf(catalogue, a.sessionId);
    if (!program || program === 'OWN') continue;
    out.push({
      id: orderedId(rng, ordinal, out.length),
      personId,
      programCode: program,
      code: codeFor(rng, program),
      units: a.units,
      earnedOn: a.attendedAt.slice(0, 10),
      source: 'SESSION',
      sessionId: a.sessionId,
      evidence: null,
      reversesEntryId: null,
      recordedBy: 'seed:session',
      recordedAt: a.attendedAt,
    });
  }
  return out;
}
