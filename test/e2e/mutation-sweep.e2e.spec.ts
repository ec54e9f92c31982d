import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { isNonNullType, type GraphQLField } from 'graphql';
import type { InsurancePensionHandle } from '@mamis/insurance-pension/src/server';
import { buildAssociation, buildPerson, buildTermsVersion } from '../support/builders';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadSupergraph, sampleOperation } from '../support/graphql-args';
import { startStack, type GraphQLResponse, type Stack, type TestViewer } from '../support/stack';

/**
 * "The same decision on every path … mutations" (issue 5): EVERY field of `Mutation` in the composed
 * supergraph (read from schema/supergraph.graphql at test time, so a new mutation is covered without
 * touching this file) is called through the gateway over HTTP with syntactically valid arguments
 * (random ids) by viewers that have no right to it, and must fail closed: no successful result, an
 * expected error code (never INTERNAL: a resolver crashing on bad input is a bug), and no row
 * written in any subgraph schema.
 */

type Code = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';
type ViewerName =
  'anonymous' | 'analytics client' | 'society client' | 'staff (no members)' | 'physician (no relations)';

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
    viewers: ['staff (no members)', 'physician (no relations)'],
    codes: ['CONFLICT'],
    reason: 'a human accepts for their own account; a version other than the one in force is a CONFLICT',
  },
};

/** Schemas of the subgraphs whose rows a refused call must not change (`audit.*` is meant to grow). */
const SUBGRAPH_SCHEMAS = ['membership', 'training', 'insurance_pension', 'consent'];

describe('mutation sweep: every Mutation field fails closed for viewers without a right (gateway)', () => {
  let db: TestDatabase;
  let stack: Stack;
  let admin: Client;
  const mutations = Object.values(loadSupergraph().getMutationType()?.getFields() ?? {});
  const viewers = {} as Record<Exclude<ViewerName, 'anonymous'>, TestViewer>;
  let rowsBefore: Record<string, number>;
  let cases = 0;
  /** Every wrong outcome (the list the lead routes): mutation, viewer, what came back. */
  const wrong: string[] = [];
  /** viewer → error code → how many mutations answered with it (printed with the case count). */
  const tally: Record<string, Record<string, number>> = {};

  async function rowCounts(): Promise<Record<string, number>> {
    const tables = await admin.query<{ t: string }>(
      `SELECT format('%I.%I', table_schema, table_name) AS t FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1`,
      [SUBGRAPH_SCHEMAS],
    );
    const counts: Record<string, number> = {};
    for (const { t } of tables.rows)
      counts[t] = Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n);
    return counts;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    // an association with no members, sessions or applications, and a physician with no memberships
    const empty = await buildAssociation(admin, { code: 'EMPTY1', tier: 'MUNICIPAL' });
    const lonely = await buildPerson(admin);
    // terms in force (tokens of humans carry their version, as after a real sign-in)
    await buildTermsVersion(admin);
    viewers['analytics client'] = { kind: 'CLIENT', sub: 'analytics-1', scopes: ['analytics:aggregate'] };
    viewers['society client'] = { kind: 'CLIENT', sub: 'society-xyz', scopes: ['society:xyz'] };
    viewers['staff (no members)'] = {
      kind: 'STAFF',
      // account ids are uuids (the identity service's); consent records acceptances by them
      sub: randomUUID(),
      associationId: empty.id,
      associationTier: 'MUNICIPAL',
      role: 'CLERK',
    };
    viewers['physician (no relations)'] = { kind: 'PHYSICIAN', sub: randomUUID(), personId: lonely.id };
    stack = await startStack(db);
    // the insurance subgraph's background consumer writes its checkpoint row on its first run: let
    // it happen before counting (it is nobody's request; afterwards it only updates that row)
    await (stack.services['insurance-pension'] as InsurancePensionHandle).consumer.runUntilIdle();
    rowsBefore = await rowCounts();
  }, 120_000);

  afterAll(async () => {
    console.log(
      `mutation sweep: ${mutations.length} mutations, ${cases} cases, ${wrong.length} wrong\n` +
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

  async function call(viewer: ViewerName, field: GraphQLField<unknown, unknown>): Promise<Outcome> {
    const { query, variables } = sampleOperation(field);
    const res =
      viewer === 'anonymous'
        ? await stack.query<Record<string, unknown>>(query, variables)
        : await stack.queryAs<Record<string, unknown>>(viewers[viewer], query, variables);
    const codes = (res.body.errors ?? []).map((e) => String(e.extensions?.code ?? 'NO_CODE'));
    return { res, codes, result: res.body.data?.[field.name] ?? null };
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
      cases++;
      const { res, codes, result } = await call(viewer, field);
      const first = res.body.errors?.[0];
      const counts = (tally[viewer] ??= {});
      const key = result != null ? 'SUCCESS' : codes.length ? codes[0]! : 'NULL';
      counts[key] = (counts[key] ?? 0) + 1;
      const detail = `${field.name} as ${viewer}: HTTP ${res.status}, codes [${codes}], message "${first?.message ?? ''}"`;
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

  it('a physician with no relations: refused for every mutation, never INTERNAL', async () => {
    await sweep('physician (no relations)', ['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'], true);
  });

  it('wrote no row in any subgraph schema for the refused calls', async () => {
    const after = await rowCounts();
    const changed = Object.keys({ ...rowsBefore, ...after })
      .filter((t) => rowsBefore[t] !== after[t])
      .map((t) => `${t}: ${rowsBefore[t]} → ${after[t]}`);
    expect(Object.keys(after).length).toBeGreaterThan(0);
    expect(changed).toEqual([]);
  });

  // one test per allow-listed mutation (none while the list is empty)
  for (const [name, allowed] of Object.entries(MAY_SUCCEED))
    it(`allow-listed: ${name} succeeds for ${allowed!.viewers.join(', ')} (${allowed!.reason})`, async () => {
      const field = mutations.find((m) => m.name === name);
      expect(field).toBeDefined();
      const before = wrong.length;
      for (const viewer of allowed!.viewers) {
        cases++;
        const { result, codes } = await call(viewer, field!);
        if (!allowed!.assert(result)) wrong.push(`${name} as ${viewer}: allow-listed but got [${codes}]`);
      }
      expect(wrong.slice(before)).toEqual([]);
    });
});
