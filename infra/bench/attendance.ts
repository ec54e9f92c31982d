/**
 * W4: attendance recording, a mutation. `recordAttendance(input: { sessionId, personId })`
 * (training subgraph) as staff (ADMIN) of the host association, through our gateway and Hive
 * Gateway, and the same writes by hand-written SQL (the floor).
 *
 * What the mutation does (services/training/src/services/attendance.service.ts `recordAttendance`): the
 * caller must be staff of the session's host (`MANAGE_SESSIONS`) and have the TRAINING_HOST relation
 * to the person (`RECORD_ATTENDANCE`: the person is registered at one of the host's sessions); then,
 * in one transaction with the session row locked, the registration becomes ATTENDED (units = the
 * session's, check-in method STAFF) and the credit ledger gets one entry per credit line of the
 * session — only for a row that changed. Recording again is idempotent: the same row comes back and
 * nothing is appended twice.
 *
 * State: every run records attendees nobody recorded before. Each slice (one per HTTP run, and three
 * prepared for the floor's runs) is a NEW session of the host, written as the superuser as
 * createTrainingSession would (program CME, two curriculum-code credit lines: the seeded sessions
 * carry none, so recording them would append nothing), with every candidate REGISTERED as
 * registerForSession would. Nothing the mutation wrote is deleted: the credit ledger is append-only
 * (a trigger refuses UPDATE and DELETE) and so is the audit log. What is removed is only the
 * harness's own unused setup: registrations at earlier W4 sessions that were never recorded, when the
 * next run starts.
 *
 * Candidates: current members of the host (TRAINING scope ALL for its staff) who already attend a
 * JMA-program session (a registration for a CME session can then change neither W2's choice of
 * persons — it wants an attendance row — nor the JMA's training population of W6-e/f, which counts
 * such attendees), and are neither W2 persons nor on W3's page (the first 101 members in kana
 * order): the answers of those workloads are computed once per run (W5 reuses W3's) and must not
 * change under them. The sessions' days (from 2025-07-01) lie outside W6's fiscal year 2024.
 *
 * Known-good answer of each request (computed before the run by hand-written SQL): status ATTENDED,
 * the session's units, STAFF, the registration time, the session, the person's names (a federated
 * fetch from the membership subgraph) and the person's CME ledger on the session's day — what was
 * there before plus exactly one entry per credit line. Each session has a day of its own, so that
 * list is this session's entries (plus any older entry on that day). A recording that appended the
 * entries twice, or none, is a wrong answer.
 *
 * Repeated recordings: autocannon starts every connection at the first request of the list, so with
 * c connections each attendee is sent c times in a run — the first to lock the session records it,
 * the other c - 1 are idempotent repeats that must return the same answer (checked like any other).
 * The probe (SQL statements per request) sends one attendee after a warm request: it counts a
 * repeat. The floor's requests are all first recordings (the floor takes attendee i for request i).
 */
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Viewer } from '@mamis/platform';
import { canonical } from './expected';
import type { Variant } from './load';
import type { WorkloadSpec } from './workload-spec';

/** Titles of the harness's sessions start with this (how earlier runs' sessions are found). */
export const W4_TITLE_PREFIX = '[bench W4]';
export const W4_PROGRAM = 'CME';
/** The credit lines of every W4 session (CME curriculum codes; 1.5 units in total). */
export const W4_CREDITS: readonly { kind: 'CURRICULUM_CODE'; code: string; units: number }[] = [
  { kind: 'CURRICULUM_CODE', code: '8', units: 1 },
  { kind: 'CURRICULUM_CODE', code: '73', units: 0.5 },
];
/** Attendees registered per slice at most (the requests of one connection in one run, with room). */
export const W4_MAX_PER_SLICE = 3000;
/** Prepared slices for the floor: its warm-up, closed-loop and fixed-rate runs. */
const FLOOR_SLICES = 3;

export const W4_MUTATION = `mutation W4($input: RecordAttendanceInput!, $program: String!, $on: Date!) {
  recordAttendance(input: $input) {
    status units checkInMethod registeredAt
    session { id programCode title }
    person {
      id familyName givenName
      creditLedger(program: $program, from: $on, to: $on) { code units source earnedOn session { id } }
    }
  }
}`;

/**
 * The day of the n-th W4 session of a host: one day each, from 2025-07-01 (the day after the
 * seeded sessions end, SESSION_LAST_DAY in infra/seed/generate-training.ts).
 */
export function sessionDay(n: number): string {
  return new Date(Date.UTC(2025, 6, 1 + n)).toISOString().slice(0, 10);
}

/** The candidates of slice n, rotated so that successive slices start at different persons. */
export function rotate<T>(list: readonly T[], n: number, max: number): T[] {
  if (list.length === 0) return [];
  const start = Math.floor(((n * 0.6180339887498949) % 1) * list.length);
  return [...list.slice(start), ...list.slice(0, start)].slice(0, max);
}

interface LedgerLine {
  code: string;
  units: number;
  source: string;
  earnedOn: string;
  session: { id: string } | null;
}

interface AnswerRow {
  personId: string;
  status: string;
  units: string;
  checkInMethod: string | null;
  registeredAt: string;
  sessionId: string;
  programCode: string;
  title: string;
  familyName: string;
  givenName: string;
  ledger: LedgerLine[];
}

/** What the gateway answers, shaped from one row. */
const shape = (r: AnswerRow) => ({
  recordAttendance: {
    status: r.status,
    units: Number(r.units),
    checkInMethod: r.checkInMethod,
    registeredAt: r.registeredAt,
    session: { id: r.sessionId, programCode: r.programCode, title: r.title },
    person: {
      id: r.personId,
      familyName: r.familyName,
      givenName: r.givenName,
      creditLedger: r.ledger.map((e) => ({ ...e, units: Number(e.units) })),
    },
  },
});

/**
 * The attendance rows of a session (some persons, or all) with their session, names and CME
 * ledger on `day`, as the superuser (hand-written SQL; DateTime as the platform serialises it:
 * Asia/Tokyo, whole seconds, +09:00).
 */
async function answerRows(
  db: Pool | PoolClient,
  sessionId: string,
  day: string,
  personIds?: readonly string[],
): Promise<AnswerRow[]> {
  const { rows } = await db.query<AnswerRow>(
    `SELECT a.person_id::text AS "personId", a.status, a.units::text AS units,
            a.check_in_method AS "checkInMethod",
            to_char(a.registered_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD"T"HH24:MI:SS"+09:00"') AS "registeredAt",
            s.id::text AS "sessionId", s.program_code AS "programCode", s.title,
            p.family_name AS "familyName", p.given_name AS "givenName",
            coalesce((SELECT json_agg(json_build_object(
                        'code', e.code, 'units', e.units, 'source', e.source,
                        'earnedOn', to_char(e.earned_on, 'YYYY-MM-DD'),
                        'session', CASE WHEN e.session_id IS NULL THEN NULL
                                        ELSE json_build_object('id', e.session_id::text) END))
                        FROM training.credit_entry e
                       WHERE e.person_id = a.person_id AND e.program_code = s.program_code
                         AND e.earned_on = $2::date), '[]'::json) AS ledger
       FROM training.attendance a
       JOIN training.training_session s ON s.id = a.session_id
       JOIN membership.person p ON p.id = a.person_id
      WHERE a.session_id = $1 AND ($3::uuid[] IS NULL OR a.person_id = ANY($3::uuid[]))`,
    [sessionId, day, personIds ?? null],
  );
  return rows;
}

/** One run's attendees: a new session, everyone registered, the known-good answers. */
export interface Slice {
  sessionId: string;
  day: string;
  personIds: string[];
  expected: string[];
}

async function inTransaction<T>(pool: Pool, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await work(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** A new W4 session of the host with every candidate registered, and what recording each must answer. */
async function newSlice(pool: Pool, hostId: string, candidates: readonly string[]): Promise<Slice> {
  return inTransaction(pool, async (c) => {
    const { rows } = await c.query<{ n: number; venue: string }>(
      `SELECT (SELECT count(*)::int FROM training.training_session
                WHERE host_association_id = $1 AND starts_with(title, $2)) AS n,
              name || '館 会議室' AS venue
         FROM membership.association WHERE id = $1`,
      [hostId, W4_TITLE_PREFIX],
    );
    const n = rows[0]!.n;
    const day = sessionDay(n);
    const sessionId = randomUUID();
    const units = W4_CREDITS.reduce((sum, x) => sum + x.units, 0);
    await c.query(
      `INSERT INTO training.training_session
         (id, host_association_id, program_code, title, starts_at, venue, units, capacity, visibility, status, version)
       VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $7, NULL, 'PUBLIC', 'SCHEDULED', 1)`,
      [
        sessionId,
        hostId,
        W4_PROGRAM,
        `${W4_TITLE_PREFIX} 生涯教育講座 #${n + 1}`,
        `${day}T10:00:00+09:00`,
        rows[0]!.venue,
        units.toFixed(1),
      ],
    );
    await c.query(
      `INSERT INTO training.session_credit (id, session_id, kind, code, units, position)
       SELECT gen_random_uuid(), $1, x.kind, x.code, x.units, x.position - 1
         FROM unnest($2::text[], $3::text[], $4::numeric[]) WITH ORDINALITY AS x(kind, code, units, position)`,
      [
        sessionId,
        W4_CREDITS.map((x) => x.kind),
        W4_CREDITS.map((x) => x.code),
        W4_CREDITS.map((x) => x.units),
      ],
    );
    const personIds = rotate(candidates, n, W4_MAX_PER_SLICE);
    await c.query(
      `INSERT INTO training.attendance (id, session_id, person_id, status, units, registered_at)
       SELECT gen_random_uuid(), $1, p, 'REGISTERED', 0, date_trunc('second', now())
         FROM unnest($2::uuid[]) AS p`,
      [sessionId, personIds],
    );
    // the known-good answers: the rows as registered, plus what recording means (SQL, not the service)
    const session = await c.query<{ units: string; credits: { code: string; units: number }[] }>(
      `SELECT s.units::text AS units,
              (SELECT json_agg(json_build_object('code', x.code, 'units', x.units) ORDER BY x.position)
                 FROM training.session_credit x WHERE x.session_id = s.id) AS credits
         FROM training.training_session s WHERE s.id = $1`,
      [sessionId],
    );
    const { units: sessionUnits, credits } = session.rows[0]!;
    const byPerson = new Map(
      (await answerRows(c, sessionId, day)).map((r) => [
        r.personId,
        canonical(
          shape({
            ...r,
            status: 'ATTENDED',
            units: sessionUnits,
            checkInMethod: 'STAFF',
            ledger: [
              ...r.ledger,
              ...credits.map((x) => ({
                code: x.code,
                units: Number(x.units),
                source: 'SESSION',
                earnedOn: day,
                session: { id: sessionId },
              })),
            ],
          }),
        ),
      ]),
    );
    const expected = personIds.map((id) => {
      const e = byPerson.get(id);
      if (!e) throw new Error(`W4: registration of ${id} not found`);
      return e;
    });
    return { sessionId, day, personIds, expected };
  });
}

/**
 * The floor: the service's writes by hand-written SQL in one transaction — lock the session row,
 * mark the registration ATTENDED and append one ledger entry per credit line only if it changed —
 * then read the answer back. (The service's audit entry is not written: no floor writes one.)
 */
export async function recordBySql(
  pool: Pool,
  slice: Slice,
  index: number,
  recordedBy: string,
): Promise<unknown> {
  const personId = slice.personIds[index]!;
  return inTransaction(pool, async (c) => {
    await c.query('SELECT 1 FROM training.training_session WHERE id = $1 FOR UPDATE', [slice.sessionId]);
    await c.query(
      `WITH done AS (
         UPDATE training.attendance a
            SET status = 'ATTENDED', attended_at = now(), units = s.units, check_in_method = 'STAFF',
                recorded_by = $3
           FROM training.training_session s
          WHERE s.id = $1 AND a.session_id = s.id AND a.person_id = $2
            AND a.status IN ('REGISTERED', 'WAITLISTED')
         RETURNING a.person_id, s.id AS session_id, s.program_code, s.starts_at)
       INSERT INTO training.credit_entry
         (id, person_id, program_code, code, units, earned_on, source, session_id, recorded_by, recorded_at)
       SELECT gen_random_uuid(), d.person_id, d.program_code, x.code, x.units,
              (d.starts_at AT TIME ZONE 'Asia/Tokyo')::date, 'SESSION', d.session_id, $3, now()
         FROM done d JOIN training.session_credit x ON x.session_id = d.session_id`,
      [slice.sessionId, personId, recordedBy],
    );
    const [row] = await answerRows(c, slice.sessionId, slice.day, [personId]);
    if (!row) throw new Error(`W4 floor: no registration of ${personId}`);
    return shape(row);
  });
}

/**
 * Candidates: current members of the host with a (not cancelled) attendance at a JMA-program
 * session already, not W2 persons (`keep`), not on W3's page (membersPage's order, first 100 + the
 * hasNextPage row).
 */
async function candidatesOf(pool: Pool, hostId: string, keep: readonly string[]): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `WITH page AS (
       SELECT p.id FROM membership.person p
         JOIN membership.membership m ON m.person_id = p.id AND m.association_id = $1 AND m.status = 'ACTIVE'
        ORDER BY p.family_name_kana, p.given_name_kana, p.id
        LIMIT 101)
     SELECT p.id::text FROM membership.person p
      WHERE EXISTS (SELECT 1 FROM membership.membership m
                     WHERE m.person_id = p.id AND m.association_id = $1 AND m.status = 'ACTIVE')
        AND EXISTS (SELECT 1 FROM training.attendance t
                      JOIN training.training_session s ON s.id = t.session_id
                     WHERE t.person_id = p.id AND t.status <> 'CANCELLED' AND s.program_code <> 'OWN')
        AND p.id NOT IN (SELECT id FROM page)
        AND NOT (p.id = ANY($2::uuid[]))
      ORDER BY p.registry_number`,
    [hostId, keep],
  );
  return rows.map((r) => r.id);
}

export interface AttendanceWorkloadOptions {
  /** Superuser pool (setup, known-good answers). */
  pool: Pool;
  host: { id: string; code: string };
  /** Staff (ADMIN or CLERK) of the host and their access token. */
  staff: Viewer;
  token: string;
  /** Persons other workloads' answers depend on (W2): never registered here. */
  keep: readonly string[];
}

export async function attendanceWorkload(o: AttendanceWorkloadOptions): Promise<WorkloadSpec> {
  const candidates = await candidatesOf(o.pool, o.host.id, o.keep);
  if (candidates.length < 8)
    throw new Error(`W4: only ${candidates.length} candidate attendees among ${o.host.code}'s members`);
  const floorSlices: Slice[] = [];
  let floorSlice: Slice | undefined;
  let prepared: Promise<void> | undefined;
  // once per run, on the first HTTP run (nothing is written when W4 does not run): drop the
  // never-recorded registrations of earlier runs' W4 sessions, then prepare the floor's slices
  // (`expected` below is read synchronously by the harness)
  const prepare = () =>
    (prepared ??= (async () => {
      await o.pool.query(
        `DELETE FROM training.attendance a USING training.training_session s
          WHERE a.session_id = s.id AND s.host_association_id = $1 AND starts_with(s.title, $2)
            AND a.status = 'REGISTERED'`,
        [o.host.id, W4_TITLE_PREFIX],
      );
      for (let i = 0; i < FLOOR_SLICES; i++) floorSlices.push(await newSlice(o.pool, o.host.id, candidates));
    })());
  const recordedBy = o.staff.sub ?? 'unknown';
  return {
    id: 'W4',
    title: `attendance recording (mutation): ${o.host.code} staff record one registered member each`,
    /**
     * The floor's known-good answers: read once per floor run (warm-up, closed loop, fixed rate),
     * each time the next prepared slice, whose attendees `floor` then records.
     */
    get expected(): string[] {
      const next = floorSlices.shift();
      if (!next)
        throw new Error(
          'W4: no prepared floor slice (they are made by the first HTTP run; the floor runs last, three runs)',
        );
      floorSlice = next;
      return next.expected;
    },
    targets: ['gateway', 'hive', 'hive-rust', 'floor'],
    async variants(): Promise<Variant[]> {
      await prepare();
      const slice = await newSlice(o.pool, o.host.id, candidates);
      const headers = { authorization: `Bearer ${o.token}` };
      return slice.personIds.map((personId, i) => ({
        body: JSON.stringify({
          query: W4_MUTATION,
          variables: { input: { sessionId: slice.sessionId, personId }, program: W4_PROGRAM, on: slice.day },
        }),
        headers,
        expected: slice.expected[i]!,
      }));
    },
    floor: (pool, i) => {
      if (!floorSlice) throw new Error('W4: the floor ran before its answers were read');
      return recordBySql(pool, floorSlice, i, recordedBy);
    },
  };
}
