import type { Client } from 'pg';
import { verifyAuditChain, writeAuditBatch, type Viewer } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildPerson, type PersonRow } from '../../../test/support/builders';
import { expectJmaCertificateCountsMaintained } from '../../../services/training/test/support/jma-certificate-counts';
import { expectJmaCreditCountsMaintained } from '../../../services/training/test/support/jma-credit-counts';
import { expectJmaInsuranceCountsMaintained } from '../../../services/insurance-pension/test/support/jma-insurance-counts';
import { runCli } from '../cli';
import { personTables } from '../catalog';
import { arrangeCatalogRecords, type CatalogRecords } from './catalog-records.fixture';
import { buildPrivacyRequest, dumpDatabase, rowsOf, runAuditVerify } from './fixtures';

/**
 * `npm run privacy:erase` must work for every person the data can hold. The person
 * here has records in EVERY table of every service that can refer to a person — generated from
 * the catalogue (catalog-records.fixture.ts), every branch of every CHECK constraint included
 * (e.g. MANUAL credit entries, whose evidence is required) — and is erased through the command.
 */
describe('erasure of a person with records in every table of every service (catalogue-generated)', () => {
  let db: TestDatabase;
  let c: Client;
  let a: PersonRow;
  let b: PersonRow;
  let records: CatalogRecords;
  let requestId: string;
  let output: string[];
  let failure: unknown;

  beforeAll(async () => {
    db = await createTestDatabase();
    c = await db.admin();
    a = await buildPerson(c, {
      family_name: '全表',
      given_name: '記録子',
      family_name_kana: 'ゼンピョウ',
      given_name_kana: 'キロクコ',
      email: 'every.table@erase.example.jp',
      phone: '090-7777-0018',
      address: '大阪府大阪市北区梅田9-18-4',
      registry_number: '7718018',
    });
    b = await buildPerson(c, { family_name: '対照', given_name: '保持男', email: 'control@keep.example.jp' });
    records = await arrangeCatalogRecords(c, a);
    await arrangeCatalogRecords(c, b);
    const staff: Viewer = {
      kind: 'STAFF',
      sub: 'staff-every',
      associationTier: 'MUNICIPAL',
      role: 'CLERK',
      scopes: [],
    };
    await writeAuditBatch(rowsOf(c), { requestId: 'every-both', service: 'membership', viewer: staff }, [
      { personId: a.id, group: 'CONTACT', relations: ['MEMBER'] },
      { personId: b.id, group: 'CONTACT', relations: ['MEMBER'] },
    ]);
    requestId = await buildPrivacyRequest(c, { person_id: a.id, kind: 'ERASURE' });
    output = [];
    try {
      await runCli(['erase', '--request', requestId], db.adminUrl, (l) => output.push(l));
    } catch (err) {
      failure = err;
    }
  }, 120_000);
  afterAll(() => db.drop());

  it('generated the person into every person-keyed table of the catalogue (and the identity tables)', async () => {
    const catalogue = (await personTables(c)).map((t) => `${t.schema}.${t.table}`);
    expect(records.personTables).toEqual(expect.arrayContaining(catalogue));
    const missing = records.personTables.filter((t) => t !== 'membership.person' && !(records.rows[t]! > 0));
    expect(missing).toEqual([]);
    // every branch of the credit ledger's source constraint is present
    expect(records.rows['training.credit_entry']).toBeGreaterThanOrEqual(2);
  });

  it('npm run privacy:erase succeeds', () => {
    expect(failure).toBeUndefined();
    expect(output.join('\n')).toMatch(/erasure .*: done/);
  });

  it('leaves nothing of the person anywhere: id, names, kana, e-mail, phone, address, registry number', async () => {
    const dump = await dumpDatabase(c);
    for (const v of [
      a.id,
      `${a.family_name}${a.given_name}`,
      a.given_name,
      a.given_name_kana,
      a.email!,
      a.phone!,
      a.address!,
      a.registry_number,
    ]) {
      const found = dump
        .split('\n')
        .filter((l) => l.includes(v))
        .map((l) => l.slice(0, 200));
      expect({ value: v, found }).toEqual({ value: v, found: [] });
    }
    // the account stays (its id is an actor in the audit chain), ended and linked to nobody
    const acct = await c.query(`SELECT status, person_id FROM identity.account WHERE id = $1`, [
      records.accountId,
    ]);
    expect(acct.rows).toEqual([{ status: 'ENDED', person_id: null }]);
  });

  it("keeps the JMA's maintained certificate counts equal to a recount (their keys copy scrubbed programme codes)", async () => {
    await expectJmaCertificateCountsMaintained(c);
  });

  it("keeps the JMA's maintained credit counts equal to a recount (their keys copy scrubbed programme codes)", async () => {
    await expectJmaCreditCountsMaintained(c);
  });

  it("keeps the JMA's maintained insurance counts equal to a recount (the person's memberships end)", async () => {
    await expectJmaInsuranceCountsMaintained(c);
  });

  it('keeps the other person untouched', async () => {
    const dump = await dumpDatabase(c);
    for (const v of [b.id, `${b.family_name}${b.given_name}`, b.email!]) expect(dump).toContain(v);
  });

  it('keeps the audit chain verifiable (npm run audit:verify)', async () => {
    expect(await verifyAuditChain(rowsOf(c))).toBeNull();
    expect(await runAuditVerify(db.adminUrl)).toMatch(/audit chain intact/);
  }, 120_000);
});
