import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack } from '../../../test/support/stack';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';

/** `viewer` (who am I) through the gateway: staff, a physician, a client; anonymous is refused. */
describe('viewer: who am I', () => {
  let db: TestDatabase;
  let stack: Stack;
  const ids: Record<string, string> = {};

  const VIEWER = `{ viewer { kind role sysadmin scopes association { id name tier } person { id familyName } } }`;
  interface V {
    viewer: {
      kind: string;
      role: string | null;
      sysadmin: boolean;
      scopes: string[];
      association: { id: string; name: string; tier: string } | null;
      person: { id: string; familyName: string } | null;
    };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const pref = await buildAssociation(c, { tier: 'PREFECTURAL', name: '東京都医師会' });
    ids.pref = pref.id;
    const person = await buildPerson(c, { family_name: '山田' });
    ids.person = person.id;
    await buildMembership(c, { person_id: person.id, association_id: pref.id });
    stack = await startStack(db);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  it('staff: kind, role and their association', async () => {
    const res = await stack.queryAs<V>(
      { kind: 'STAFF', associationId: ids.pref, associationTier: 'PREFECTURAL', role: 'CLERK' },
      VIEWER,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.viewer).toEqual({
      kind: 'STAFF',
      role: 'CLERK',
      sysadmin: false,
      scopes: [],
      association: { id: ids.pref, name: '東京都医師会', tier: 'PREFECTURAL' },
      person: null,
    });
  });

  it('a physician: their own person, no association or role', async () => {
    const res = await stack.queryAs<V>({ kind: 'PHYSICIAN', personId: ids.person }, VIEWER);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.viewer).toMatchObject({
      kind: 'PHYSICIAN',
      role: null,
      association: null,
      person: { id: ids.person, familyName: '山田' },
    });
  });

  it('a society client: its scopes; an analytics-only client stays confined to aggregates', async () => {
    const scope = `society:${ids.pref}`;
    const res = await stack.queryAs<V>({ kind: 'CLIENT', scopes: [scope] }, VIEWER);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.viewer).toMatchObject({
      kind: 'CLIENT',
      scopes: [scope],
      association: null,
      person: null,
    });
    const analytics = await stack.queryAs<V>({ kind: 'CLIENT', scopes: ['analytics:aggregate'] }, VIEWER);
    expect(analytics.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('anonymous: refused (sign in first)', async () => {
    const res = await stack.query(VIEWER);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
