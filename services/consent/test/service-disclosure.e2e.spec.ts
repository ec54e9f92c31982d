import { randomUUID } from 'node:crypto';
import { clock } from '@mamis/platform';
import type { Client } from 'pg';
import { buildAssociation } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack, type TestViewer } from '../../../test/support/stack';

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const READ = `{ serviceDisclosure { version effectiveFrom
  contractors { name work workEn } environmentRequirements { item requirementJa requirementEn } } }`;
const PUBLISH = `mutation ($input: PublishServiceDisclosureInput!) {
  publishServiceDisclosure(input: $input) { version effectiveFrom publishedAt } }`;

const input = (version: string, effectiveFrom: string) => ({
  version,
  effectiveFrom,
  contractors: [
    { name: '株式会社テスト情報システム', work: 'MAMISの保守・運用', workEn: 'Operation of MAMIS' },
  ],
  environmentRequirements: [
    {
      item: 'ブラウザ',
      requirementJa: 'Chrome, Edge, Safari, Firefox の最新版',
      requirementEn: 'Current Chrome, Edge, Safari or Firefox',
    },
  ],
});

/**
 * Terms art. 5.3 and 10.4: the contractors (業務委託先) and the environment requirements are
 * published by the JMA through the API, versioned like the joint-use notice, readable by anyone.
 */
describe('consent: the service disclosure (contractors, environment requirements) through the gateway', () => {
  let db: TestDatabase;
  let admin: Client;
  let stack: Stack;
  let jmaAdmin: TestViewer;
  let municipalAdmin: TestViewer;
  const today = clock.today();

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    const jma = await buildAssociation(admin, { tier: 'NATIONAL', name: '日本医師会' });
    const municipal = await buildAssociation(admin, { tier: 'MUNICIPAL' });
    stack = await startStack(db);
    jmaAdmin = {
      kind: 'STAFF',
      sub: randomUUID(),
      associationId: jma.id,
      associationTier: 'NATIONAL',
      role: 'ADMIN',
    };
    municipalAdmin = {
      kind: 'STAFF',
      sub: randomUUID(),
      associationId: municipal.id,
      associationTier: 'MUNICIPAL',
      role: 'ADMIN',
    };
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await admin?.end();
    await db?.drop();
  });

  it('is null before the first version, is published by the JMA only and read anonymously', async () => {
    const none = await stack.query<{ serviceDisclosure: unknown }>(READ);
    expect(none.body).toEqual({ data: { serviceDisclosure: null } });

    const municipal = await stack.queryAs(municipalAdmin, PUBLISH, { input: input('2026-1', today) });
    expect(municipal.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const published = await stack.queryAs<{ publishServiceDisclosure: { version: string } }>(
      jmaAdmin,
      PUBLISH,
      {
        input: input('2026-1', today),
      },
    );
    expect(published.body.errors).toBeUndefined();
    const read = await stack.query<{ serviceDisclosure: Record<string, unknown> }>(READ);
    expect(read.body.data!.serviceDisclosure).toEqual({
      version: '2026-1',
      effectiveFrom: today,
      contractors: [
        { name: '株式会社テスト情報システム', work: 'MAMISの保守・運用', workEn: 'Operation of MAMIS' },
      ],
      environmentRequirements: [
        {
          item: 'ブラウザ',
          requirementJa: 'Chrome, Edge, Safari, Firefox の最新版',
          requirementEn: 'Current Chrome, Edge, Safari or Firefox',
        },
      ],
    });
  });

  it('keeps the version in force until a later one takes effect; refuses the past, a reused version and empty texts', async () => {
    const later = await stack.queryAs(jmaAdmin, PUBLISH, {
      input: { ...input('2026-2', addDays(today, 10)), contractors: [] },
    });
    expect(later.body.errors).toBeUndefined();
    const read = await stack.query<{ serviceDisclosure: { version: string } }>(READ);
    expect(read.body.data!.serviceDisclosure.version).toBe('2026-1');

    const past = await stack.queryAs(jmaAdmin, PUBLISH, { input: input('2026-3', addDays(today, -1)) });
    expect(past.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.effectiveFrom',
    });
    const reused = await stack.queryAs(jmaAdmin, PUBLISH, { input: input('2026-1', addDays(today, 20)) });
    expect(reused.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    const empty = await stack.queryAs(jmaAdmin, PUBLISH, {
      input: {
        ...input('2026-4', addDays(today, 20)),
        environmentRequirements: [{ item: 'OS', requirementJa: ' ', requirementEn: 'x' }],
      },
    });
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.environmentRequirements.0.requirementJa',
    });
  });
});
