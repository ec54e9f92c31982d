import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from 'pg';
import { legacyUuid } from '../../infra/legacy/legacy-format';
import { generateLegacyExport } from '../../infra/legacy/legacy-generate';
import { openLegacyDataSources } from '../../infra/legacy/cli';
import { importLegacyExport } from '../../infra/legacy/legacy-import';
import { buildAssociation, buildTermsVersion } from '../support/builders';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startStack, type Stack } from '../support/stack';

const MY_NOTICES = `query {
  me { id notifications { kind subjectJa bodyJa bodyEn emailStatus } }
}`;

const NOTICES_OF = `query($id: ID!) { person(id: $id) { id notifications { kind } } }`;

interface Notice {
  kind: string;
  subjectJa: string;
  bodyJa: string;
  bodyEn: string;
  emailStatus: string | null;
}

/**
 * Terms art. 13.1 as the physician meets it: after the migration from the previous system, each
 * imported person reads the notice in My Page (through the gateway, as themself), and nobody else
 * reads it for them.
 */
describe('the art. 13.1 migration notice (legacy import, then the gateway)', () => {
  let db: TestDatabase;
  let admin: Client;
  let ds: Awaited<ReturnType<typeof openLegacyDataSources>>;
  let stack: Stack;
  let dir: string;
  let imported: string[];
  let bunkyoId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    const jma = await buildAssociation(admin, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const pref = await buildAssociation(admin, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma.id });
    bunkyoId = (await buildAssociation(admin, { code: 'M13005', name: '文京区医師会', parent_id: pref.id }))
      .id;
    await buildTermsVersion(admin);
    ds = await openLegacyDataSources((schema) => db.urlFor(schema));
    dir = mkdtempSync(path.join(tmpdir(), 'mamis-legacy-notice-'));
    const generated = generateLegacyExport(dir, {
      persons: 40,
      seed: 11,
      errorEvery: 10,
      associationCodes: ['M13005', 'P13', 'JMA'],
    });
    const report = await importLegacyExport(dir, ds, { dryRun: false });
    expect(report.notified).toBe(generated.validPersons.length);
    imported = generated.validPersons.map((l) => legacyUuid('persons', l));
    stack = await startStack(db);
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
    await ds?.close();
    await admin?.end();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('each imported physician reads the notice in My Page, Japanese first, with its e-mail queued', async () => {
    expect(imported.length).toBeGreaterThan(10);
    for (const personId of imported.slice(0, 5)) {
      const res = await stack.queryAs<{ me: { id: string; notifications: Notice[] } }>(
        { kind: 'PHYSICIAN', sub: `physician-${personId}`, personId },
        MY_NOTICES,
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.me.id).toBe(personId);
      const migration = res.body.data!.me.notifications.filter((n) => n.kind === 'DATA_MIGRATION');
      expect(migration).toHaveLength(1);
      expect(migration[0]!.bodyJa).toContain('利用規約第13条');
      expect(migration[0]!.bodyEn).toContain('art. 13');
      expect(migration[0]!.emailStatus).toBe('PENDING');
    }
  });

  it("is the person's own: the association's clerk, who sees the member, does not read their notices", async () => {
    const personId = imported[0]!;
    const res = await stack.queryAs<{
      person: { id: string; notifications: { kind: string }[] | null } | null;
    }>(
      {
        kind: 'STAFF',
        sub: 'clerk-bunkyo',
        associationId: bunkyoId,
        associationTier: 'MUNICIPAL',
        role: 'CLERK',
      },
      NOTICES_OF,
      { id: personId },
    );
    // the clerk sees the imported member, but not the member's own notices
    expect(res.body.data!.person).toEqual({ id: personId, notifications: null });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: ['person', 'notifications'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
  });
});
