/**
 * Known-good answers, computed by hand-written SQL against the same database (as the superuser:
 * no row-level security, no GraphQL, no TypeORM). The same functions are the benchmark's floor
 * ("the same data fetched by hand-written SQL through pg").
 *
 * They encode what each field means for the benchmark's viewers (see services/<name>/src/resolvers and
 * the policy table): a SELF viewer sees everything; staff of a PREFECTURAL association seeing a
 * MEMBER get memberships, training and insurance in full, and the consent STATUS (the latest
 * acceptance only).
 */
import type { Pool, PoolClient } from 'pg';

type Db = Pool | PoolClient;

const num = (v: string | number | null) => (v === null ? null : Number(v));

/** W1: identity fields of persons, in the order of `ids`. */
export const W1_FIELDS =
  'id familyName givenName familyNameKana givenNameKana registryNumber birthDate sex prefectureCode';

export async function personCore(db: Db, id: string): Promise<unknown> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT id::text AS "id", family_name AS "familyName", given_name AS "givenName",
            family_name_kana AS "familyNameKana", given_name_kana AS "givenNameKana",
            registry_number AS "registryNumber", to_char(birth_date, 'YYYY-MM-DD') AS "birthDate",
            sex AS "sex", prefecture_code AS "prefectureCode"
       FROM membership.person WHERE id = $1`,
    [id],
  );
  return { person: rows[0] ?? null };
}

/** W2: one person's profile across the four subgraphs (the person themself: every record). */
export const W2_QUERY = `query W2($id: ID!) {
  person(id: $id) {
    id familyName givenName registryNumber email phone address
    memberships { category status joinedOn leftOn association { code name tier } }
    trainingAttendances { status units session { programCode title } }
    malpracticeInsurance { insuranceYear category status rider riderCoverageYen }
    termsAcceptances { version method }
  }
}`;

export async function profile(db: Db, id: string): Promise<unknown> {
  const [p, m, a, i, c] = await Promise.all([
    db.query<Record<string, unknown>>(
      `SELECT id::text AS "id", family_name AS "familyName", given_name AS "givenName",
              registry_number AS "registryNumber", email, phone, address
         FROM membership.person WHERE id = $1`,
      [id],
    ),
    db.query<Record<string, unknown>>(
      `SELECT m.category, m.status, to_char(m.joined_on, 'YYYY-MM-DD') AS "joinedOn",
              to_char(m.left_on, 'YYYY-MM-DD') AS "leftOn",
              json_build_object('code', a.code, 'name', a.name, 'tier', a.tier) AS association
         FROM membership.membership m JOIN membership.association a ON a.id = m.association_id
        WHERE m.person_id = $1`,
      [id],
    ),
    db.query<{ status: string; units: string; programCode: string; title: string }>(
      `SELECT t.status, t.units, s.program_code AS "programCode", s.title
         FROM training.attendance t JOIN training.training_session s ON s.id = t.session_id
        WHERE t.person_id = $1`,
      [id],
    ),
    db.query<Record<string, unknown>>(
      `SELECT insurance_year AS "insuranceYear", category, status, rider, rider_coverage_yen AS "riderCoverageYen"
         FROM insurance_pension.insurance_enrolment WHERE person_id = $1
        ORDER BY insurance_year DESC LIMIT 1`,
      [id],
    ),
    db.query<Record<string, unknown>>(
      `SELECT v.version, x.method
         FROM consent.terms_acceptance x JOIN consent.terms_version v ON v.id = x.terms_version_id
        WHERE x.person_id = $1`,
      [id],
    ),
  ]);
  const person = p.rows[0];
  if (!person) return { person: null };
  return {
    person: {
      ...person,
      memberships: m.rows,
      trainingAttendances: a.rows.map((r) => ({
        status: r.status,
        units: num(r.units),
        session: { programCode: r.programCode, title: r.title },
      })),
      malpracticeInsurance: i.rows[0] ?? null,
      termsAcceptances: c.rows,
    },
  };
}

/** W3: an association's member page with nested training, insurance and consent fields. */
export const W3_QUERY = `query W3($id: ID!, $first: Int!) {
  association(id: $id) {
    members(first: $first) {
      totalCount
      pageInfo { hasNextPage }
      nodes {
        id familyName givenName registryNumber
        memberships { category status association { code } }
        trainingAttendances { status units session { programCode } }
        malpracticeInsurance { insuranceYear rider }
        termsAcceptances { version }
      }
    }
  }
}`;

/** For a MEMBER relation seen by PREFECTURAL staff (the W3 viewer). */
export async function membersPage(db: Db, associationId: string, first: number): Promise<unknown> {
  const { rows: page } = await db.query<{
    id: string;
    familyName: string;
    givenName: string;
    registryNumber: string;
  }>(
    `SELECT p.id::text AS id, p.family_name AS "familyName", p.given_name AS "givenName",
            p.registry_number AS "registryNumber"
       FROM membership.person p
       JOIN membership.membership m ON m.person_id = p.id AND m.association_id = $1 AND m.status = 'ACTIVE'
      ORDER BY p.family_name_kana, p.given_name_kana, p.id
      LIMIT $2`,
    [associationId, first + 1],
  );
  const hasNextPage = page.length > first;
  const nodes = page.slice(0, first);
  const ids = nodes.map((n) => n.id);
  const [total, m, a, i, c] = await Promise.all([
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM membership.membership WHERE association_id = $1 AND status = 'ACTIVE'`,
      [associationId],
    ),
    db.query<{ personId: string; category: string; status: string; code: string }>(
      `SELECT m.person_id::text AS "personId", m.category, m.status, a.code
         FROM membership.membership m JOIN membership.association a ON a.id = m.association_id
        WHERE m.person_id = ANY($1::uuid[])`,
      [ids],
    ),
    db.query<{ personId: string; status: string; units: string; programCode: string }>(
      `SELECT t.person_id::text AS "personId", t.status, t.units, s.program_code AS "programCode"
         FROM training.attendance t JOIN training.training_session s ON s.id = t.session_id
        WHERE t.person_id = ANY($1::uuid[])`,
      [ids],
    ),
    db.query<{ personId: string; insuranceYear: number; rider: boolean }>(
      `SELECT DISTINCT ON (person_id) person_id::text AS "personId", insurance_year AS "insuranceYear", rider
         FROM insurance_pension.insurance_enrolment WHERE person_id = ANY($1::uuid[])
        ORDER BY person_id, insurance_year DESC`,
      [ids],
    ),
    db.query<{ personId: string; version: string }>(
      `SELECT DISTINCT ON (x.person_id) x.person_id::text AS "personId", v.version
         FROM consent.terms_acceptance x JOIN consent.terms_version v ON v.id = x.terms_version_id
        WHERE x.person_id = ANY($1::uuid[])
        ORDER BY x.person_id, x.accepted_at DESC`,
      [ids],
    ),
  ]);
  const group = <T extends { personId: string }>(rows: T[]) => {
    const out = new Map<string, T[]>();
    for (const r of rows) {
      const list = out.get(r.personId);
      if (list) list.push(r);
      else out.set(r.personId, [r]);
    }
    return out;
  };
  const ms = group(m.rows);
  const as = group(a.rows);
  const ins = new Map(i.rows.map((r) => [r.personId, r]));
  const cs = group(c.rows);
  return {
    association: {
      members: {
        totalCount: total.rows[0]!.n,
        pageInfo: { hasNextPage },
        nodes: nodes.map((n) => {
          const enrolment = ins.get(n.id);
          return {
            ...n,
            memberships: (ms.get(n.id) ?? []).map((r) => ({
              category: r.category,
              status: r.status,
              association: { code: r.code },
            })),
            trainingAttendances: (as.get(n.id) ?? []).map((r) => ({
              status: r.status,
              units: num(r.units),
              session: { programCode: r.programCode },
            })),
            malpracticeInsurance: enrolment
              ? { insuranceYear: enrolment.insuranceYear, rider: enrolment.rider }
              : null,
            termsAcceptances: (cs.get(n.id) ?? []).map((r) => ({ version: r.version })),
          };
        }),
      },
    },
  };
}

/**
 * W3's expert floor: the same answer as `membersPage` in ONE statement, with what an
 * expert would build for it — the page is a range of membership_member_page_idx (association,
 * status, the person's kana copied onto the membership row, person) read in page order and left at
 * the LIMIT, `totalCount` is the maintained membership.active_member_count, and the nested fields
 * are index probes by person for the page's rows only, assembled as JSON by PostgreSQL. Its plan is
 * recorded in results/README.md (`EXPLAIN ANALYZE`, full scale).
 */
export const W3_FLOOR_SQL = `
WITH page AS MATERIALIZED (
  SELECT m.person_id, m.family_name_kana, m.given_name_kana
    FROM membership.membership m
   WHERE m.association_id = $1 AND m.status = 'ACTIVE'
   ORDER BY m.family_name_kana, m.given_name_kana, m.person_id
   LIMIT $2 + 1)
SELECT json_build_object('association', json_build_object('members', json_build_object(
  'totalCount', (SELECT coalesce(sum(c.members), 0)::int FROM membership.active_member_count c
                  WHERE c.association_id = $1),
  'pageInfo', json_build_object('hasNextPage', (SELECT count(*) FROM page) > $2),
  'nodes', coalesce((
    SELECT json_agg(json_build_object(
             'id', p.id, 'familyName', p.family_name, 'givenName', p.given_name,
             'registryNumber', p.registry_number,
             'memberships', (SELECT coalesce(json_agg(json_build_object(
                                'category', ms.category, 'status', ms.status,
                                'association', json_build_object('code', a.code))), '[]')
                               FROM membership.membership ms
                               JOIN membership.association a ON a.id = ms.association_id
                              WHERE ms.person_id = p.id),
             'trainingAttendances', (SELECT coalesce(json_agg(json_build_object(
                                        'status', t.status, 'units', t.units,
                                        'session', json_build_object('programCode', s.program_code))), '[]')
                                       FROM training.attendance t
                                       JOIN training.training_session s ON s.id = t.session_id
                                      WHERE t.person_id = p.id),
             'malpracticeInsurance', (SELECT json_build_object('insuranceYear', i.insurance_year, 'rider', i.rider)
                                        FROM insurance_pension.insurance_enrolment i
                                       WHERE i.person_id = p.id
                                       ORDER BY i.insurance_year DESC LIMIT 1),
             'termsAcceptances', (SELECT coalesce(json_agg(json_build_object('version', v.version)), '[]')
                                    FROM (SELECT x.terms_version_id FROM consent.terms_acceptance x
                                           WHERE x.person_id = p.id ORDER BY x.accepted_at DESC LIMIT 1) x
                                    JOIN consent.terms_version v ON v.id = x.terms_version_id))
           ORDER BY pg.family_name_kana, pg.given_name_kana, pg.person_id)
      FROM (SELECT * FROM page ORDER BY family_name_kana, given_name_kana, person_id LIMIT $2) pg
      JOIN membership.person p ON p.id = pg.person_id), '[]')))) AS answer`;

/** The expert floor of W3 / W3-10 (W3_FLOOR_SQL): one statement, one round trip. */
export async function membersPageFloor(db: Db, associationId: string, first: number): Promise<unknown> {
  const { rows } = await db.query<{ answer: unknown }>(W3_FLOOR_SQL, [associationId, first]);
  return rows[0]!.answer;
}

/**
 * A stable text form of an answer for comparison: object keys sorted; arrays sorted by their
 * elements' text EXCEPT `nodes` (a page's order is part of the answer). Nested lists (memberships,
 * attendances, …) have no order the schema promises.
 */
export function canonical(value: unknown, key?: string): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v));
    if (key !== 'nodes') items.sort();
    return `[${items.join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, k)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
