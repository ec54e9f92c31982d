import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { isNonNullType, type GraphQLField } from 'graphql';
import type { InsurancePensionHandle } from '@mamis/insurance-pension/src/server';
import { addDays, clock } from '@mamis/platform';
import {
  buildAssociation,
  buildAttendance,
  buildInsuranceEnrolment,
  buildMembership,
  buildPerson,
  buildTermsAcceptance,
  buildTermsVersion,
  buildTrainingSession,
} from '../support/builders';
import { buildPrivacyRequest } from '../../infra/privacy/test/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { chosenOperation, loadSupergraph } from '../support/graphql-args';
import { startStack, type GraphQLResponse, type Stack, type TestViewer } from '../support/stack';

/**
 * "The same decision on every path … mutations": EVERY field of `Mutation` in the composed
 * supergraph (read from schema/supergraph.graphql at test time, so a new mutation is covered without
 * touching this file) is called through the gateway over HTTP by viewers that have no right to it,
 * with REAL ids — a person of every relation to the staff's association (member, former member,
 * applicant, session attendee, a member elsewhere) and that association's own session, invoice,
 * enrolment, pension, application, credit entry and privacy request — and must fail closed: no
 * successful result, an expected error code (never INTERNAL: a resolver crashing on bad input is a
 * bug), and no row of any subgraph schema changed: every table's rows are hashed before and after
 * each mutation's calls (an UPDATE changes no row count; it changes the hash).
 */

type Code = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';
type ViewerName =
  | 'anonymous'
  | 'analytics client'
  | 'society client'
  | 'staff (no members)'
  | 'staff VIEWER (every relation)'
  | 'physician (no relations)';

/** The real persons the sweep names: each one relation to the association M1 (and its staff). */
const PERSON_KEYS = ['member', 'former', 'applicant', 'attendee', 'elsewhere'] as const;
type PersonKey = (typeof PERSON_KEYS)[number];

/**
 * Mutations that legitimately succeed for a viewer even with random ids (e.g. a physician filing
 * something for themselves), with the reason. Their result is asserted instead of a refusal, and
 * they run after the row-count comparison. Empty today: every mutation names the record or the
 * association it acts on, so random ids never point at anything of the viewer's.
 */
const MAY_SUCCEED: Partial<
  Record<string, { viewers: ViewerName[]; reason: string; assert: (data: unknown) => boolean }>
> = {};

/**
 * Refusals with another code than the viewer's usual ones, for a viewer who MAY use the mutation
 * but whose sample arguments are wrong in a way with its own code (still no result, no row).
 */
const OTHER_REFUSALS: Partial<Record<string, { viewers: ViewerName[]; codes: string[]; reason: string }>> = {
  acceptTerms: {
    viewers: ['staff (no members)', 'staff VIEWER (every relation)', 'physician (no relations)'],
    codes: ['CONFLICT'],
    reason: 'a human accepts for their own account; a version other than the one in force is a CONFLICT',
  },
};

/** Schemas of the subgraphs whose rows a refused call must not change (`audit.*` is meant to grow). */
const SUBGRAPH_SCHEMAS = ['membership', 'training', 'insurance_pension', 'consent'];
/**
 * Columns left out of the row hash, with the reason: the insurance subgraph's background consumer
 * touches its checkpoint row on every poll (nobody's request).
 */
const UNHASHED: Record<string, string[]> = {
  'insurance_pension.membership_event_checkpoint': ['updated_at'],
};

describe('mutation sweep: every Mutation field fails closed for viewers without a right (gateway)', () => {
  let db: TestDatabase;
  let stack: Stack;
  let admin: Client;
  const mutations = Object.values(loadSupergraph().getMutationType()?.getFields() ?? {});
  const viewers = {} as Record<Exclude<ViewerName, 'anonymous'>, TestViewer>;
  let hashesBefore: Record<string, string>;
  /** The hashes after the last checked mutation (a change is reported once, then the baseline moves). */
  let hashes: Record<string, string>;
  let cases = 0;
  /** Calls answered UNAVAILABLE (retry later) and asked again. */
  let retried = 0;
  /** Every wrong outcome (the list the lead routes): mutation, viewer, what came back. */
  const wrong: string[] = [];
  /** viewer → error code → how many mutations answered with it (printed with the case count). */
  const tally: Record<string, Record<string, number>> = {};
  const person = {} as Record<PersonKey, string>;
  /** The real records the sweep names, by argument name (see `pick`). */
  const real: Record<string, string> = {};
  let hashSql = '';
  let hashMs = 0;

  /** One md5 per table of every subgraph schema over all its rows (one statement). */
  async function tableHashes(): Promise<Record<string, string>> {
    if (!hashSql) {
      const tables = await admin.query<{ t: string; k: string }>(
        `SELECT format('%I.%I', table_schema, table_name) AS t, table_schema || '.' || table_name AS k
           FROM information_schema.tables
          WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1`,
        [SUBGRAPH_SCHEMAS],
      );
      hashSql = `SELECT ${tables.rows
        .map(({ t, k }) => {
          const row = `(to_jsonb(x)${(UNHASHED[k] ?? []).map((c) => ` - '${c}'`).join('')})::text`;
          return `(SELECT md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) FROM ${t} x) AS "${k}"`;
        })
        .join(',\n')}`;
    }
    return (await admin.query<Record<string, string>>(hashSql)).rows[0]!;
  }
  const changedTables = (a: Record<string, string>, b: Record<string, string>) =>
    Object.keys({ ...a, ...b }).filter((t) => a[t] !== b[t]);

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    const c = admin;
    const jma = await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const tokyo = await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma.id });
    const m1 = await buildAssociation(c, { code: 'M13001', tier: 'MUNICIPAL', parent_id: tokyo.id });
    // an association with no members, sessions or applications, and a physician with no memberships
    const empty = await buildAssociation(c, { code: 'EMPTY1', tier: 'MUNICIPAL', parent_id: tokyo.id });
    const lonely = await buildPerson(c);
    // terms in force (tokens of humans carry their version, as after a real sign-in)
    const terms = await buildTermsVersion(c);
    for (const key of PERSON_KEYS) person[key] = (await buildPerson(c, { family_name: `姓${key}` })).id;
    for (const a of [m1, tokyo, jma])
      await buildMembership(c, { person_id: person.member, association_id: a.id });
    await buildMembership(c, {
      person_id: person.former,
      association_id: m1.id,
      status: 'TRANSFERRED',
      left_on: '2024-03-31',
    });
    await buildMembership(c, { person_id: person.elsewhere, association_id: tokyo.id });
    const session = await buildTrainingSession(c, { host_association_id: m1.id, cohost_society_id: 'xyz' });
    for (const p of [person.member, person.attendee])
      await buildAttendance(c, { session_id: session.id, person_id: p });
    const application = randomUUID();
    await c.query(
      `INSERT INTO membership.membership_application (id, person_id, kind, status, effective_on, filed_by)
       VALUES ($1, $2, 'JOIN', 'PENDING', $3, 'sweep')`,
      [application, person.applicant, addDays(clock.today(), 5)],
    );
    const step = randomUUID();
    await c.query(
      `INSERT INTO membership.membership_application_step
         (id, application_id, ordinal, association_id, action, category, status)
       VALUES ($1, $2, 1, $3, 'JOIN', 'A①', 'PENDING')`,
      [step, application, m1.id],
    );
    const invoice = randomUUID();
    for (const [id, p] of [
      [invoice, person.member],
      [randomUUID(), person.former],
    ] as const)
      await c.query(
        `INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code,
           annual_fee_yen, months, amount_yen, paid_yen, status, reference, issued_on, issued_by)
         VALUES ($1, $2, $3, $5, 'A①', 10000, 12, 10000, 0, 'OPEN', $4, $6, 'sweep')`,
        [id, m1.id, p, `S${id.slice(0, 8)}`, clock.fiscalYear(), `${clock.fiscalYear()}-04-01`],
      );
    const enrolment = (await buildInsuranceEnrolment(c, { person_id: person.member })).id;
    const pension = randomUUID();
    await c.query(
      `INSERT INTO insurance_pension.pension_enrolment (id, person_id, plan, status, contribution_status,
         enrolled_on, monthly_contribution_yen, contributions_end_on)
       VALUES ($1, $2, 'BASIC', 'ENROLLED', 'CONTRIBUTING', '2010-04-01', 12000, $3)`,
      [pension, person.member, `${clock.fiscalYear() + 14}-05-04`],
    );
    const entry = randomUUID();
    await c.query(
      `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, session_id, recorded_by)
       VALUES ($1, $2, 'CME', 'CC01', 1.5, $4, 'SESSION', $3, 'sweep')`,
      [entry, person.member, session.id, `${clock.fiscalYear()}-04-01`],
    );
    await buildTermsAcceptance(c, { person_id: person.member, terms_version_id: terms.id });
    const request = await buildPrivacyRequest(c, {
      person_id: person.member,
      kind: 'DISCLOSURE',
      status: 'RECEIVED',
      routed: [m1.id],
    });
    Object.assign(real, {
      association: m1.id,
      prefecture: tokyo.id,
      session: session.id,
      application,
      step,
      invoice,
      enrolment,
      pension,
      entry,
      request,
    });

    viewers['analytics client'] = { kind: 'CLIENT', sub: 'analytics-1', scopes: ['analytics:aggregate'] };
    // co-hosts M1's session: a relation (SOCIETY_COHOST) to its attendees
    viewers['society client'] = { kind: 'CLIENT', sub: 'society-xyz', scopes: ['society:xyz'] };
    viewers['staff (no members)'] = {
      kind: 'STAFF',
      // account ids are uuids (the identity service's); consent records acceptances by them
      sub: randomUUID(),
      associationId: empty.id,
      associationTier: 'MUNICIPAL',
      role: 'CLERK',
    };
    // sees every person above but M1's VIEWER role changes nothing
    viewers['staff VIEWER (every relation)'] = {
      kind: 'STAFF',
      sub: randomUUID(),
      associationId: m1.id,
      associationTier: 'MUNICIPAL',
      role: 'VIEWER',
    };
    viewers['physician (no relations)'] = { kind: 'PHYSICIAN', sub: randomUUID(), personId: lonely.id };
    stack = await startStack(db);
    // the insurance subgraph's background consumer writes its checkpoint row on its first run: let
    // it happen before hashing (it is nobody's request; afterwards it only touches that row)
    await (stack.services['insurance-pension'] as InsurancePensionHandle).consumer.runUntilIdle();
    hashesBefore = await tableHashes();
    hashes = hashesBefore;
  }, 120_000);

  afterAll(async () => {
    console.log(
      `mutation sweep: ${mutations.length} mutations, ${cases} cases, ${wrong.length} wrong, ${retried} retried after UNAVAILABLE (row hashes: ${hashMs} ms)\n` +
        Object.entries(tally)
          .map(([v, codes]) => `  ${v}: ${JSON.stringify(codes)}`)
          .join('\n') +
        (wrong.length ? `\n  ${wrong.join('\n  ')}` : ''),
    );
    await stack?.close();
    await db?.drop();
  });

  it('reads the mutations from the composed supergraph', () => {
    // one of each subgraph's, to show the walk sees the whole composed type
    expect(mutations.map((m) => m.name)).toEqual(
      expect.arrayContaining([
        'updatePerson',
        'createTrainingSession',
        'enrolMalpracticeInsurance',
        'acceptTerms',
      ]),
    );
  });

  type Outcome = { res: GraphQLResponse<Record<string, unknown>>; codes: string[]; result: unknown };

  /** The real id for an argument / input field, by its name (and the mutation's, for `id`). */
  function pick(mutation: string, who: PersonKey): (name: string, path: string) => unknown {
    const ID_OF: Record<string, string> = {
      updatePerson: person[who],
      cancelMembershipApplication: real.application!,
      cancelTrainingSession: real.session!,
      updateTrainingSession: real.session!,
    };
    return (name) => {
      if (name === 'personId') return person[who];
      if (name === 'id' && ID_OF[mutation]) return ID_OF[mutation];
      if (name === 'sessionId') return real.session;
      if (name === 'prefecturalAssociationId') return real.prefecture;
      if (/associationId$/i.test(name)) return real.association;
      const record = {
        stepId: 'step',
        invoiceId: 'invoice',
        enrolmentId: 'enrolment',
        pensionId: 'pension',
        entryId: 'entry',
        requestId: 'request',
      }[name];
      return record ? real[record] : undefined;
    };
  }
  /** Does the mutation take a person id (an argument or input field `personId`, updatePerson's `id`)? */
  const takesPerson = (field: GraphQLField<unknown, unknown>) =>
    field.name === 'updatePerson' ||
    JSON.stringify(
      chosenOperation(
        field,
        (name) => (name === 'personId' ? 'PERSON-SLOT' : undefined),
        (p) => /(^|\.)personId$/.test(p),
      ).variables,
    ).includes('PERSON-SLOT');

  async function call(
    viewer: ViewerName,
    field: GraphQLField<unknown, unknown>,
    who: PersonKey,
  ): Promise<Outcome> {
    const { query, variables } = chosenOperation(field, pick(field.name, who), (p) =>
      /(^|\.)personId$/.test(p),
    );
    const send = () =>
      viewer === 'anonymous'
        ? stack.query<Record<string, unknown>>(query, variables)
        : stack.queryAs<Record<string, unknown>>(viewers[viewer], query, variables);
    const codesOf = (r: Awaited<ReturnType<typeof send>>) =>
      (r.body.errors ?? []).map((e) => String(e.extensions?.code ?? 'NO_CODE'));
    let res = await send();
    // UNAVAILABLE is the API's "retry later" (a subgraph too slow on an overloaded machine): asked
    // again, as a client does; anything it wrote meanwhile would still show in the row hashes
    for (
      let retry = 1;
      retry <= 3 && codesOf(res).every((c) => c === 'UNAVAILABLE') && res.body.errors?.length;
      retry++
    ) {
      retried++;
      await new Promise((r) => setTimeout(r, 500 * retry));
      res = await send();
    }
    return { res, codes: codesOf(res), result: res.body.data?.[field.name] ?? null };
  }

  /**
   * One viewer × every mutation: no result, at least one error, every code in `allowed`. A nullable
   * mutation (e.g. `updatePerson`) may instead answer null without an error when `absentOk`
   * (invisible means absent).
   */
  async function sweep(viewer: ViewerName, allowed: Code[], absentOk: boolean) {
    const before = wrong.length;
    for (const field of mutations) {
      if (MAY_SUCCEED[field.name]?.viewers.includes(viewer)) continue;
      for (const who of takesPerson(field) ? PERSON_KEYS : (['member'] as const)) {
        cases++;
        const { res, codes, result } = await call(viewer, field, who);
        const first = res.body.errors?.[0];
        const counts = (tally[viewer] ??= {});
        const key = result != null ? 'SUCCESS' : codes.length ? codes[0]! : 'NULL';
        counts[key] = (counts[key] ?? 0) + 1;
        const detail = `${field.name} as ${viewer} (${who}): HTTP ${res.status}, codes [${codes}], message "${first?.message ?? ''}"`;
        if (result != null) {
          wrong.push(`${detail} — SUCCEEDED: ${JSON.stringify(result)}`);
          continue;
        }
        if (codes.length === 0) {
          if (!(absentOk && !isNonNullType(field.type))) wrong.push(`${detail} — null without an error`);
          continue;
        }
        const other = OTHER_REFUSALS[field.name];
        const expected: string[] = [...allowed, ...(other?.viewers.includes(viewer) ? other.codes : [])];
        const unexpected = codes.filter((c) => !expected.includes(c));
        if (unexpected.length) wrong.push(`${detail} — expected only ${expected.join('/')}`);
      }
      // nothing written: every row of every subgraph table as before (contents, not counts)
      const t0 = Date.now();
      const after = await tableHashes();
      hashMs += Date.now() - t0;
      const changed = changedTables(hashes, after);
      if (changed.length) wrong.push(`${field.name} as ${viewer}: changed rows of ${changed.join(', ')}`);
      hashes = after;
    }
    expect(wrong.slice(before)).toEqual([]);
  }

  it('anonymous callers: UNAUTHENTICATED for every mutation', async () => {
    await sweep('anonymous', ['UNAUTHENTICATED'], false);
  });

  it('an analytics client: FORBIDDEN for every mutation', async () => {
    await sweep('analytics client', ['FORBIDDEN'], false);
  });

  it('a society client: FORBIDDEN for every mutation (machine clients write nothing)', async () => {
    await sweep('society client', ['FORBIDDEN'], true);
  });

  it('staff (CLERK) of an association without members: refused for every mutation, never INTERNAL', async () => {
    await sweep('staff (no members)', ['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'], true);
  });

  it('staff (VIEWER) of the association every person above relates to: refused for every mutation', async () => {
    await sweep('staff VIEWER (every relation)', ['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'], true);
  });

  it('a physician with no relations: refused for every mutation, never INTERNAL', async () => {
    await sweep('physician (no relations)', ['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'], true);
  });

  it('changed no row in any subgraph schema for the refused calls', async () => {
    expect(Object.keys(hashesBefore).length).toBeGreaterThan(0);
    expect(changedTables(hashesBefore, await tableHashes())).toEqual([]);
  });

  it('the row hashes see an UPDATE that leaves every count as it was', async () => {
    const before = await tableHashes();
    await admin.query(`UPDATE membership.person SET family_name = family_name || '改' WHERE id = $1`, [
      person.member,
    ]);
    try {
      expect(changedTables(before, await tableHashes())).toEqual(['membership.person']);
    } finally {
      await admin.query(`UPDATE membership.person SET family_name = rtrim(family_name, '改') WHERE id = $1`, [
        person.member,
      ]);
    }
    expect(changedTables(before, await tableHashes())).toEqual([]);
  });

  // one test per allow-listed mutation (none while the list is empty)
  for (const [name, allowed] of Object.entries(MAY_SUCCEED))
    it(`allow-listed: ${name} succeeds for ${allowed!.viewers.join(', ')} (${allowed!.reason})`, async () => {
      const field = mutations.find((m) => m.name === name);
      expect(field).toBeDefined();
      const before = wrong.length;
      for (const viewer of allowed!.viewers) {
        cases++;
        const { result, codes } = await call(viewer, field!, 'member');
        if (!allowed!.assert(result)) wrong.push(`${name} as ${viewer}: allow-listed but got [${codes}]`);
      }
      expect(wrong.slice(before)).toEqual([]);
    });
});
