import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse, type GraphQLObjectType } from 'graphql';
import { applyAccessShield, deriveRules } from '../src/access/shield';
import { AppError, createErrorFormatter, ErrorCode } from '../src/errors';
import { formatMessage, Messages } from '../src/messages';
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
const NAME_OR_REGISTRY = { group: 'IDENTITY', nameAndRegistry: true } as const;
const RULES = {
  'Person.id': NAME_OR_REGISTRY,
  'Person.familyName': NAME_OR_REGISTRY,
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

describe('the fast path for persons whose relations are loaded', () => {
  const sdl = `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Person @key(fields: "id") {
      id: ID!
      familyName: String
      registryNumber: String
      birthDate: String
      email: String
      malpracticeInsurance: String
      accessLog: String
      membershipNote: String
    }
    type Page { nodes: [Person] total: Int }
    type Query { page: Page person(id: ID!): Person }
  `;
  const rules = {
    'Person.id': 'PUBLIC',
    'Person.familyName': NAME_OR_REGISTRY,
    'Person.registryNumber': NAME_OR_REGISTRY,
    'Person.birthDate': 'IDENTITY',
    'Person.email': 'CONTACT',
    'Person.malpracticeInsurance': 'INSURANCE',
    'Person.accessLog': { group: 'CONSENT', requiredScope: { scope: 'ALL' } },
    'Person.membershipNote': 'MEMBERSHIP',
    'Page.nodes': 'NESTED',
    'Page.total': 'AUTHENTICATED',
    'Query.page': 'PERSON_LOOKUP',
    'Query.person': 'PERSON_LOOKUP',
  } as const;
  const ids = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
  const full = (id: string) => ({
    ...person(id),
    registryNumber: `R-${id}`,
    accessLog: `log of ${id}`,
    membershipNote: async () => `note of ${id}`,
  });
  const build = (fastPath: boolean) =>
    applyAccessShield(
      buildSubgraphSchema({
        typeDefs: parse(sdl),
        resolvers: {
          Query: {
            // lists every person: the decisions are the fields'
            page: () => ({ nodes: ids.map(full), total: ids.length }),
            person: (_: unknown, { id }: { id: string }) => full(id),
          },
          Person: {
            // a resolver of its own (async), besides default property resolvers
            membershipNote: (p: { membershipNote: () => Promise<string> }) => p.membershipNote(),
            birthDate: (p: { id: string; birthDate: string }) => {
              if (p.id === 'p5') throw new AppError(ErrorCode.CONFLICT, 'birth date under revision');
              return p.birthDate;
            },
          },
        } as never,
      }),
      rules,
      { fastPath },
    );
  const fast = build(true);
  const slow = build(false);
  const relations: Record<string, Relation[]> = {
    p1: ['MEMBER'],
    p2: ['TRAINING_HOST'],
    p3: ['SOCIETY_COHOST'],
    p4: [],
    p5: ['FORMER_MEMBER', 'APPLICANT'],
    p6: ['SELF'],
  };
  const viewers: [string, Viewer][] = [
    ['municipal staff', staff('MUNICIPAL')],
    ['prefectural staff', staff('PREFECTURAL')],
    ['national staff', staff('NATIONAL')],
    ['society client', { kind: 'CLIENT', scopes: ['society:s1'] }],
    ['the physician p6', { kind: 'PHYSICIAN', personId: 'p6', scopes: [] }],
    [
      'staff acting for p6',
      { kind: 'PHYSICIAN', personId: 'p6', scopes: [], actor: { kind: 'STAFF', sub: 'st1' } } as Viewer,
    ],
  ];
  const query = `{
    page { total nodes { id familyName registryNumber birthDate email malpracticeInsurance accessLog membershipNote } }
    person(id: "p2") { familyName email }
  }`;
  const outcome = async (schema: typeof fast, viewer: Viewer) => {
    const ctx = ctxFor(viewer, relations) as ReturnType<typeof ctxFor> & {
      _shield?: { cache: Record<string, unknown> };
    };
    const r = await graphql({ schema, source: query, contextValue: ctx });
    return {
      data: r.data,
      errors: (r.errors ?? []).map((e) => `${e.path?.join('.')} ${String(e.extensions.code)}`).sort(),
      reads: [...ctx.access.reads.values()]
        .map((x) => `${x.personId} ${x.group} ${[...x.relations].sort().join('+')}`)
        .sort(),
      shieldRuleCalls: Object.keys(ctx._shield?.cache ?? {}).filter((k) => k.startsWith('group:')).length,
    };
  };

  it.each(viewers)('decides and records exactly as graphql-shield alone does: %s', async (_name, viewer) => {
    const a = await outcome(fast, viewer);
    const b = await outcome(slow, viewer);
    expect(a.data).toEqual(b.data);
    expect(a.errors).toEqual(b.errors);
    expect(a.reads).toEqual(b.reads);
    // a field the viewer may read was actually served (the comparison is not between two empties)
    expect(JSON.stringify(a.data)).toContain('山田');
    // graphql-shield alone evaluates the group rules; the fast path only for the denied fields
    expect(b.shieldRuleCalls).toBeGreaterThan(0);
    expect(a.shieldRuleCalls).toBeLessThan(b.shieldRuleCalls);
  });

  it('serves a member’s allowed fields without evaluating a graphql-shield group rule', async () => {
    const q = '{ person(id: "p1") { familyName registryNumber email malpracticeInsurance membershipNote } }';
    const run = async (schema: typeof fast) => {
      const ctx = ctxFor(staff('PREFECTURAL'), relations) as ReturnType<typeof ctxFor> & {
        _shield?: { cache: Record<string, unknown> };
      };
      const r = await graphql({ schema, source: q, contextValue: ctx });
      const ruleCalls = Object.keys(ctx._shield?.cache ?? {}).filter((k) => k.startsWith('group:'));
      return { r, ruleCalls, reads: [...ctx.access.reads.keys()].sort() };
    };
    const a = await run(fast);
    expect(a.r).toEqual({
      data: {
        person: {
          familyName: '山田',
          registryNumber: 'R-p1',
          email: 'a@b.jp',
          malpracticeInsurance: 'A①',
          membershipNote: 'note of p1',
        },
      },
    });
    expect(a.ruleCalls).toEqual([]);
    expect(a.reads).toEqual(['p1:CONTACT', 'p1:IDENTITY', 'p1:INSURANCE', 'p1:MEMBERSHIP']);
    const b = await run(slow);
    expect(b.r).toEqual(a.r);
    expect(b.ruleCalls.length).toBeGreaterThan(0);
    expect(b.reads).toEqual(a.reads);
  });
});

describe('record rules: the shield narrows the records a person field returns', () => {
  const sdl = `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Person @key(fields: "id") {
      id: ID!
      memberships: [Rec!]
      attendances: [Rec!]
      privacy: [Rec!]
    }
    type Rec { associationId: String sessionId: String }
    type Query { person(id: ID!): Person }
  `;
  const recs = [
    { associationId: 'a', sessionId: 's1' },
    { associationId: 'b', sessionId: 's2' },
  ];
  const rules = {
    'Person.id': { group: 'IDENTITY', nameAndRegistry: true },
    'Person.memberships': {
      group: 'MEMBERSHIP',
      records: {
        keep: (r: { associationId: string }, c: { scope: string; viewer: Viewer }) =>
          c.scope === 'OWN_ASSOCIATION' && r.associationId === c.viewer.associationId,
      },
    },
    // a host sees the records of its own sessions: the session is a fact loaded per record
    'Person.attendances': {
      group: 'MEMBERSHIP',
      records: {
        fact: { loader: 'sessionById', key: (r: { sessionId: string }) => r.sessionId },
        keep: (_r: unknown, c: { fact: unknown }) => (c.fact as { host?: string } | null)?.host === 'a',
      },
    },
    'Person.privacy': { group: 'MEMBERSHIP', requiredScope: { scope: 'ALL', otherwise: 'ABSENT' } },
    'Rec.associationId': 'NESTED',
    'Rec.sessionId': 'NESTED',
    'Query.person': 'PERSON_LOOKUP',
  } as const;
  const build = (fastPath: boolean) =>
    applyAccessShield(
      buildSubgraphSchema({
        typeDefs: parse(sdl),
        resolvers: {
          Query: { person: (_: unknown, { id }: { id: string }) => ({ id }) },
          Person: {
            memberships: () => recs,
            attendances: async () => recs,
            privacy: () => recs,
          },
        } as never,
      }),
      rules as never,
      { fastPath },
    );
  const q =
    '{ person(id: "p1") { memberships { associationId } attendances { sessionId } privacy { associationId } } }';
  const sessions: Record<string, { host: string }> = { s1: { host: 'a' }, s2: { host: 'b' } };
  const loaders = {
    sessionById: { loadMany: (keys: readonly string[]) => Promise.resolve(keys.map((k) => sessions[k])) },
  };
  const outcome = async (fastPath: boolean, relation: Relation, withLoaders = true) => {
    const ctx = { ...ctxFor(staff('MUNICIPAL'), { p1: [relation] }), ...(withLoaders ? { loaders } : {}) };
    const r = await graphql({ schema: build(fastPath), source: q, contextValue: ctx });
    return { data: r.data, errors: r.errors, reads: [...ctx.access.reads.keys()].sort() };
  };

  it.each([true, false])(
    'a scope narrower than ALL keeps the records its predicate covers (fast path: %s)',
    async (fast) => {
      const former = await outcome(fast, 'FORMER_MEMBER');
      expect(former.errors).toBeUndefined();
      expect(former.data).toEqual({
        person: { memberships: [{ associationId: 'a' }], attendances: [{ sessionId: 's1' }], privacy: null },
      });
      expect(former.reads).toEqual(['p1:MEMBERSHIP']);
    },
  );

  it.each([true, false])('the scope ALL sees every record (fast path: %s)', async (fast) => {
    const member = await outcome(fast, 'MEMBER');
    expect(member.data).toEqual({
      person: {
        memberships: [{ associationId: 'a' }, { associationId: 'b' }],
        attendances: [{ sessionId: 's1' }, { sessionId: 's2' }],
        privacy: [{ associationId: 'a' }, { associationId: 'b' }],
      },
    });
  });

  it('keeps nothing when the loader a record rule needs is missing (fail closed)', async () => {
    const former = await outcome(true, 'FORMER_MEMBER', false);
    expect(former.data).toMatchObject({ person: { attendances: [] } });
  });
});

describe('a field that requires a scope: a viewer without it has nothing recorded as read', () => {
  const sdl = `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Person @key(fields: "id") {
      id: ID!
      consentStatus: String
      accessLog: [String!]
      privacyRequests: [String!]
      provisionRecords: [String!]
    }
    type Query { person(id: ID!): Person }
  `;
  const own = { records: { all: 'the person’s own' } } as const;
  const rules = {
    'Person.id': { group: 'IDENTITY', nameAndRegistry: true },
    'Person.consentStatus': 'CONSENT',
    // refused by the shield (FIELD_NOT_ALLOWED)
    'Person.accessLog': { group: 'CONSENT', requiredScope: { scope: 'ALL' }, ...own },
    // absent (null, no error)
    'Person.privacyRequests': {
      group: 'CONSENT',
      requiredScope: { scope: 'ALL', otherwise: 'ABSENT' },
      ...own,
    },
    // refused with a message of its own
    'Person.provisionRecords': {
      group: 'CONSENT',
      requiredScope: { scope: 'ALL', message: Messages.OWN_PROVISION_RECORDS_ONLY },
      ...own,
    },
    'Query.person': 'PERSON_LOOKUP',
  } as const;
  const build = (fastPath: boolean) =>
    applyAccessShield(
      buildSubgraphSchema({
        typeDefs: parse(sdl),
        resolvers: {
          Query: { person: (_: unknown, { id }: { id: string }) => ({ id, consentStatus: 'ACCEPTED' }) },
          Person: {
            accessLog: () => ['read by a'],
            privacyRequests: () => ['disclosure'],
            provisionRecords: async () => ['mailing list'],
          },
        } as never,
      }),
      rules as never,
      { fastPath },
    );
  const schemas = { true: build(true), false: build(false) };
  const outcome = async (fastPath: boolean, viewer: Viewer, relation: Relation, fields: string) => {
    const ctx = ctxFor(viewer, { p1: [relation] });
    const r = await graphql({
      schema: schemas[`${fastPath}`],
      source: `{ person(id: "p1") { ${fields} } }`,
      contextValue: ctx,
    });
    return {
      data: r.data,
      errors: (r.errors ?? []).map((e) => `${e.path?.join('.')} ${String(e.extensions.code)} ${e.message}`),
      reads: [...ctx.access.reads.keys()].sort(),
    };
  };

  it.each([true, false])(
    'a member association (CONSENT status only) is refused all three, before any CONSENT read is recorded (fast path: %s)',
    async (fast) => {
      for (const field of ['accessLog', 'privacyRequests', 'provisionRecords']) {
        const r = await outcome(fast, staff('MUNICIPAL'), 'MEMBER', `id ${field}`);
        expect(r.data).toEqual({ person: { id: 'p1', [field]: null } });
        expect(r.reads).toEqual(['p1:IDENTITY']);
      }
      const all = await outcome(
        fast,
        staff('MUNICIPAL'),
        'MEMBER',
        'accessLog privacyRequests provisionRecords',
      );
      expect(all.errors.sort()).toEqual([
        `person.accessLog FORBIDDEN ${formatMessage(Messages.FIELD_NOT_ALLOWED)}`,
        `person.provisionRecords FORBIDDEN ${formatMessage(Messages.OWN_PROVISION_RECORDS_ONLY)}`,
      ]);
      expect(all.reads).toEqual([]);
    },
  );

  it.each([true, false])(
    'the field the member association may read is still recorded, whatever the refused ones next to it (fast path: %s)',
    async (fast) => {
      for (const fields of ['privacyRequests consentStatus', 'consentStatus provisionRecords']) {
        const r = await outcome(fast, staff('MUNICIPAL'), 'MEMBER', fields);
        expect(r.data?.person).toMatchObject({ consentStatus: 'ACCEPTED' });
        expect(r.reads).toEqual(['p1:CONSENT']);
      }
    },
  );

  it.each([true, false])(
    'staff acting for the person (SELF, the scope ALL) read all three, recorded (fast path: %s)',
    async (fast) => {
      const acting = { kind: 'PHYSICIAN', personId: 'p1', scopes: [], actor: { kind: 'STAFF', sub: 'st1' } };
      const r = await outcome(fast, acting as Viewer, 'SELF', 'accessLog privacyRequests provisionRecords');
      expect(r.errors).toEqual([]);
      expect(r.data).toEqual({
        person: {
          accessLog: ['read by a'],
          privacyRequests: ['disclosure'],
          provisionRecords: ['mailing list'],
        },
      });
      expect(r.reads).toEqual(['p1:CONSENT']);
    },
  );
});
