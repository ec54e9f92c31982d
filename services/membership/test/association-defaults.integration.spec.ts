import type { Client } from 'pg';
import { clock } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  type AssociationRow,
} from '../../../test/support/builders';
import { installAssociationDefaults } from '../src/dues/install-defaults';
import { JMA_CATEGORIES, JMA_FEES } from '../src/dues/jma-defaults';
import { startMembershipService, staffOf, type MembershipService } from './support/membership-service';

/**
 * The defaults a fresh installation ships with: the JMA's categories, fee schedule and exemption,
 * the starting categories of the other associations — installed idempotently, never over what an
 * association set itself — so that the JMA's first invoice run invoices its members.
 */
describe('association defaults of a fresh installation', () => {
  let db: TestDatabase;
  let c: Client;
  let svc: MembershipService;
  let jma: AssociationRow;
  let local: AssociationRow;

  beforeAll(async () => {
    db = await createTestDatabase();
    c = await db.admin();
    jma = await buildAssociation(c, { tier: 'NATIONAL', code: 'JMA', prefecture_code: null });
    local = await buildAssociation(c, { tier: 'PREFECTURAL', parent_id: jma.id });
    for (const [category, birth] of [
      ['A①', '1965-05-01'],
      ['A②(B)', '1980-05-01'],
      ['B', '1975-05-01'],
    ] as const) {
      const person = await buildPerson(c, { birth_date: birth, registry_date: '2000-05-01' });
      await buildMembership(c, {
        person_id: person.id,
        association_id: jma.id,
        category,
        joined_on: '2015-04-01',
      });
    }
    svc = await startMembershipService(db);
  }, 120_000);

  afterAll(async () => {
    await svc?.close();
    await c?.end();
    await db?.drop();
  });

  it('installs the JMA categories, fee bands and exemption once, and A/B/C elsewhere', async () => {
    const fy = clock.fiscalYear();
    const first = await installAssociationDefaults(c, { fiscalYear: fy });
    expect(first).toEqual({
      categories: JMA_CATEGORIES.length + 3,
      feeBands: JMA_FEES.length,
      exemptions: 4,
    });
    const again = await installAssociationDefaults(c, { fiscalYear: fy });
    expect(again).toEqual({ categories: 0, feeBands: 0, exemptions: 0 });
    // a later fiscal year: the JMA has a schedule, so nothing is installed over its own decisions
    expect(await installAssociationDefaults(c, { fiscalYear: fy + 1 })).toEqual(again);
    const { rows } = await c.query<{ code: string }>(
      'SELECT code FROM membership.membership_category WHERE association_id = $1 ORDER BY sort_order',
      [local.id],
    );
    expect(rows.map((r) => r.code)).toEqual(['A', 'B', 'C']);
  });

  it("the JMA's first invoice run invoices its members (no NO_FEE_SCHEDULE)", async () => {
    const res = await svc.as<{
      generateDuesInvoices: { created: number; skipped: { reason: string }[] };
    }>(
      staffOf(jma, 'ADMIN'),
      `mutation Run($a: ID!, $fy: Int!) { generateDuesInvoices(associationId: $a, fiscalYear: $fy) {
         created skipped { reason } } }`,
      { a: jma.id, fy: clock.fiscalYear() },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.generateDuesInvoices).toEqual({ created: 3, skipped: [] });
  });
});
