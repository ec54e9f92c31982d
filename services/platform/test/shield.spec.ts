import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse, type GraphQLObjectType } from 'graphql';
import { applyAccessShield, deriveRules } from '../src/access/shield';
import { AppError, createErrorFormatter, ErrorCode } from '../src/errors';
import { createAccess, type Access } from '../src/access/access-context';
import type { Relation } from '../src/access/policy';
import type { Viewer } from '../src/viewer';

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Person @key(fields: "id") {
    id: ID!
    familyName: String!
    birthDate: String
    email: String
    malpracticeInsurance: String
  }
  type Query { person(id: ID!): Person termsOfUse: String }
`;
const RULES = {
  'Person.id': 'IDENTITY',
  'Person.familyName': 'IDENTITY',
  'Person.birthDate': 'IDENTITY',
  'Person.email': 'CONTACT',
  'Person.malpracticeInsurance': 'INSURANCE',
  'Query.person': 'PERSON_LOOKUP',
  'Query.termsOfUse': 'PUBLIC',
} as const;

let resolverCalls = 0;
const person = (id: string) => ({
  id,
  familyName: '山田',
  birthDate: '1980-04-01',
  email: 'a@b.jp',
  malpracticeInsurance: 'A①',
});
const schema = applyAccessShield(
  buildSubgraphSchema({
    typeDefs: parse(SDL),
    resolvers: {
      Query: {
        person: async (_: unknown, { id }: { id: string }, ctx: { access: Access }) => {
          resolverCalls++;
          return (await ctx.access.visible(id)) ? person(id) : null;
        },
        termsOfUse: () => 'ver 1.01',
      },
      Person: { __resolveReference: (ref: { id: string }) => person(ref.id) },
    } as never,
  }),
  RULES,
);

/** A fake Access with fixed relations per person (the SQL side is tested elsewhere). */
function ctxFor(viewer: Viewer, relations: Record<string, Relation[]>) {
  const noSql = { query: () => Promise.reject(new Error('no SQL in this test')) };
  const access: Access = createAccess(noSql, viewer, async (ids) =>
    ids.map((id) => new Set(relations[id] ?? [])),
  );
  return { viewer, access };
}

const staff = (tier: Viewer['associationTier']): Viewer => ({
  kind: 'STAFF',
  associationId: 'a',
  associationTier: tier,
  role: 'CLERK',
  scopes: [],
});
const run = (query: string, ctx: object, variables?: Record<string, unknown>) =>
  graphql({ schema, source: query, contextValue: ctx, variableValues: variables });

describe('the shield derived from the policy table', () => {
  it('fails at startup when a field has no rule', () => {
    const { 'Person.email': _omit, ...incomplete } = RULES;
    expect(() => deriveRules(buildSubgraphSchema({ typeDefs: parse(SDL) }), incomplete)).toThrow(
      /Person\.email/,
    );
  });

  it('gives a municipal member association contact data but not insurance', async () => {
    const r = await run(
      '{ person(id: "p1") { familyName email malpracticeInsurance } }',
      ctxFor(staff('MUNICIPAL'), { p1: ['MEMBER'] }),
    );
    expect(r.data).toEqual({ person: { familyName: '山田', email: 'a@b.jp', malpracticeInsurance: null } });
    expect(r.errors?.map((e) => [e.path?.join('.'), e.extensions.code])).toEqual([
      ['person.malpracticeInsurance', 'FORBIDDEN'],
    ]);
  });

  it('gives a prefectural member association insurance', async () => {
    const r = await run(
      '{ person(id: "p1") { malpracticeInsurance } }',
      ctxFor(staff('PREFECTURAL'), { p1: ['MEMBER'] }),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ person: { malpracticeInsurance: 'A①' } });
  });

  it('returns null — not an error — for a person without relation', async () => {
    const r = await run('{ person(id: "p1") { familyName } }', ctxFor(staff('NATIONAL'), {}));
    expect(r).toEqual({ data: { person: null } });
  });

  it('resolves _entities for an invisible person to null, for a visible one to the entity', async () => {
    const q =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { familyName email } } }';
    const reps = {
      r: [
        { __typename: 'Person', id: 'p1' },
        { __typename: 'Person', id: 'p2' },
      ],
    };
    const r = await run(q, ctxFor(staff('MUNICIPAL'), { p2: ['TRAINING_HOST'] }), reps);
    expect(r.data?._entities).toEqual([null, { familyName: '山田', email: null }]);
    // the only error is about the visible person's e-mail: nothing at all about the invisible one
    expect(r.errors?.map((e) => [e.path?.join('.'), e.extensions.code])).toEqual([
      ['_entities.1.email', 'FORBIDDEN'],
    ]);
  });

  it('limits a society client to name and registry number within IDENTITY', async () => {
    const society: Viewer = { kind: 'CLIENT', scopes: ['society:s1'] };
    const r = await run(
      '{ person(id: "p1") { familyName birthDate } }',
      ctxFor(society, { p1: ['SOCIETY_COHOST'] }),
    );
    expect(r.data).toEqual({ person: { familyName: '山田', birthDate: null } });
  });

  it('refuses person lookups to an analytics client before the resolver runs', async () => {
    const before = resolverCalls;
    const analytics: Viewer = { kind: 'CLIENT', scopes: ['analytics:aggregate'] };
    const r = await run('{ person(id: "p1") { familyName } }', ctxFor(analytics, { p1: ['MEMBER'] }));
    expect(r.data).toEqual({ person: null });
    expect(r.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(resolverCalls).toBe(before);
  });

  it('wraps every field that can be denied; only PUBLIC and NESTED fields keep their own resolver', () => {
    const termsOfUse = () => 'ver 1.01';
    const plain = buildSubgraphSchema({
      typeDefs: parse(SDL),
      resolvers: { Query: { termsOfUse } } as never,
    });
    const shielded = applyAccessShield(plain, RULES);
    const fields = (s: typeof plain, type: string) => (s.getType(type) as GraphQLObjectType).getFields();
    expect(fields(shielded, 'Query').termsOfUse!.resolve).toBe(termsOfUse);
    for (const [key, rule] of Object.entries(RULES)) {
      const [type, field] = key.split('.') as [string, string];
      if (rule === 'PUBLIC') continue;
      const wrapped = fields(shielded, type)[field]!.resolve;
      expect(wrapped).toBeDefined();
      expect(wrapped).not.toBe(fields(plain, type)[field]!.resolve);
    }
  });

  it('serves public fields to anonymous callers and nothing else', async () => {
    const anonymous: Viewer = { kind: 'ANONYMOUS', scopes: [] };
    expect((await run('{ termsOfUse }', ctxFor(anonymous, {}))).data).toEqual({ termsOfUse: 'ver 1.01' });
    const r = await run('{ person(id: "p1") { id } }', ctxFor(anonymous, { p1: ['MEMBER'] }));
    expect(r.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('lets _service through (the gateway assertion guards the subgraph itself)', async () => {
    const r = await run('{ _service { sdl } }', ctxFor({ kind: 'ANONYMOUS', scopes: [] }, {}));
    expect(r.errors).toBeUndefined();
  });
});

describe('errors thrown by resolvers under the shield', () => {
  const failing = applyAccessShield(
    buildSubgraphSchema({
      typeDefs: parse(`type Query { a: String b: String }`),
      resolvers: {
        Query: {
          a: () => {
            throw new AppError(ErrorCode.BAD_USER_INPUT, 'first must be ≤ 500', { field: 'first' });
          },
          b: () => {
            throw new Error('relation "membership.persn" does not exist');
          },
        },
      } as never,
    }),
    { 'Query.a': 'PUBLIC', 'Query.b': 'PUBLIC' },
  );
  it('keeps an intentional error’s code and field; an unexpected one reaches the formatter, which masks it', async () => {
    const r = await graphql({
      schema: failing,
      source: '{ a b }',
      contextValue: ctxFor({ kind: 'ANONYMOUS', scopes: [] }, {}),
    });
    const prod = createErrorFormatter({ development: false });
    const byField = Object.fromEntries(
      (r.errors ?? []).map((e) => {
        const f = prod({ message: e.message, path: e.path, extensions: e.extensions }, e);
        return [e.path?.[0], { message: f.message, ...f.extensions }];
      }),
    );
    expect(byField.a).toEqual({ message: 'first must be ≤ 500', code: 'BAD_USER_INPUT', field: 'first' });
    expect(byField.b).toEqual({ message: 'Internal server error', code: 'INTERNAL' });
  });
});
