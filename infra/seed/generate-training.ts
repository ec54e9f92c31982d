/**
 * Training sessions hosted by associations of every tier, and the attendance rows of one person.
 */
import { HOSTED_PROGRAMS, PROGRAMS, type ProgramCode } from './data/training';
import { dayOf, formatJst } from './dates';
import { DEMO_MUNICIPAL_CODE, DEMO_SESSION_IDS } from './fixtures';
import type { AssociationTree } from './generate-associations';
import { Rng, WeightedTable } from './random';
import type { AssociationRow, AttendanceRow, TrainingSessionRow } from './tables';

/** Sessions run from FY2022 to June 2025 (some after the reference date: registrations only). */
export const SESSION_FIRST_DAY = dayOf(2022, 4, 1);
export const SESSION_LAST_DAY = dayOf(2025, 6, 30);

export type SessionsPerHost = Readonly<Record<AssociationRow['tier'], number>>;

export interface SessionInfo {
  row: TrainingSessionRow;
  day: number;
  /** Minutes after midnight (JST). */
  startMinutes: number;
  /** Units as a number (0.5 steps); one unit = 60 minutes. */
  units: number;
}

export interface TrainingCatalogue {
  sessions: SessionInfo[];
  byHost: ReadonlyMap<string, readonly SessionInfo[]>;
}

const START_TIMES = [10 * 60, 13 * 60, 14 * 60, 15 * 60, 18 * 60 + 30, 19 * 60];
const CAPACITIES = [50, 80, 100, 150, 200, 300];

/** Format units the way numeric(5,1) prints them. */
export function formatUnits(units: number): string {
  return units.toFixed(1);
}

function hostPrograms(tier: AssociationRow['tier']): WeightedTable<ProgramCode> {
  return WeightedTable.of(HOSTED_PROGRAMS[tier]!);
}

function sessionTitle(program: ProgramCode, host: AssociationRow, topic: string): string {
  return program === 'OWN'
    ? `${host.name} ${PROGRAMS.OWN.label}「${topic}」`
    : `${PROGRAMS[program].label}「${topic}」`;
}

function session(
  id: string,
  host: AssociationRow,
  program: ProgramCode,
  topic: string,
  day: number,
  startMinutes: number,
  units: number,
  online: boolean,
  capacity: number | null,
): SessionInfo {
  return {
    row: {
      id,
      hostAssociationId: host.id,
      programCode: program,
      title: sessionTitle(program, host, topic),
      startsAt: formatJst(day, startMinutes),
      venue: online ? 'オンライン（Web配信）' : `${host.name}館 会議室`,
      units: formatUnits(units),
      capacity: online ? null : capacity,
    },
    day,
    startMinutes,
    units,
  };
}

function randomSession(rng: Rng, host: AssociationRow, programs: WeightedTable<ProgramCode>): SessionInfo {
  const program = programs.pick(rng);
  const info = PROGRAMS[program];
  const units = rng.int(info.units[0] * 2, info.units[1] * 2) / 2;
  const day = rng.int(SESSION_FIRST_DAY, SESSION_LAST_DAY);
  const online = rng.chance(0.3);
  return session(
    rng.uuid(),
    host,
    program,
    rng.pick(info.titles),
    day,
    rng.pick(START_TIMES),
    units,
    online,
    rng.pick(CAPACITIES),
  );
}

/** The two fixed sessions of the demo fixtures (see fixtures.ts). */
function fixtureSessions(tree: AssociationTree): SessionInfo[] {
  const municipal = tree.byCode.get(DEMO_MUNICIPAL_CODE)!;
  return [
    session(
      DEMO_SESSION_IDS.municipalOwn,
      municipal,
      'OWN',
      '地域医療連携の会',
      dayOf(2024, 11, 14),
      19 * 60,
      1,
      false,
      120,
    ),
    session(
      DEMO_SESSION_IDS.jmaCme,
      tree.national,
      'CME',
      '高血圧診療の最新知見',
      dayOf(2024, 10, 19),
      14 * 60,
      2,
      true,
      null,
    ),
  ];
}

/** All sessions: the fixtures first, then `perHost[tier]` sessions for every association. */
export function buildTrainingCatalogue(
  seed: number,
  tree: AssociationTree,
  perHost: SessionsPerHost,
): TrainingCatalogue {
  const rng = Rng.derive(seed, 0x5e551);
  const sessions = fixtureSessions(tree);
  const programsByTier = new Map<string, WeightedTable<ProgramCode>>();
  for (const host of tree.rows) {
    let programs = programsByTier.get(host.tier);
    if (!programs) programsByTier.set(host.tier, (programs = hostPrograms(host.tier)));
    for (let i = 0; i < perHost[host.tier]; i++) sessions.push(randomSession(rng, host, programs));
  }
  const byHost = new Map<string, SessionInfo[]>();
  for (const s of sessions) {
    const list = byHost.get(s.row.hostAssociationId) ?? [];
    list.push(s);
    byHost.set(s.row.hostAssociationId, list);
  }
  return { sessions, byHost };
}

/** Attendance of one person at one session, as of the reference day. */
export function attendanceRow(
  rng: Rng,
  personId: string,
  s: SessionInfo,
  referenceDay: number,
  cancelRate = 0.08,
): AttendanceRow {
  const id = rng.uuid();
  if (s.day > referenceDay)
    return { id, sessionId: s.row.id, personId, status: 'REGISTERED', attendedAt: null, units: '0.0' };
  if (rng.chance(cancelRate))
    return { id, sessionId: s.row.id, personId, status: 'CANCELLED', attendedAt: null, units: '0.0' };
  return {
    id,
    sessionId: s.row.id,
    personId,
    status: 'ATTENDED',
    attendedAt: formatJst(s.day, s.startMinutes + s.units * 60),
    units: s.row.units,
  };
}

/**
 * Pick up to `count` distinct sessions from the given hosts (weighted), held after `notBefore`
 * (the person's registration). Hosts without sessions are skipped.
 */
export function pickSessions(
  rng: Rng,
  catalogue: TrainingCatalogue,
  hosts: readonly (readonly [hostId: string, weight: number])[],
  count: number,
  notBefore: number,
): SessionInfo[] {
  if (count === 0) return [];
  const lists: (readonly SessionInfo[])[] = [];
  const weights: number[] = [];
  for (const [id, weight] of hosts) {
    const list = catalogue.byHost.get(id);
    if (list && list.length > 0) {
      lists.push(list);
      weights.push(weight);
    }
  }
  if (lists.length === 0) return [];
  const picked: SessionInfo[] = [];
  for (let attempt = 0; attempt < count * 3 && picked.length < count; attempt++) {
    const s = rng.pick(rng.weighted(lists, weights));
    if (s.day >= notBefore && !picked.includes(s)) picked.push(s);
  }
  return picked;
}
