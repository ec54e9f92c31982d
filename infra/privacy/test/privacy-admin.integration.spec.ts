import type { Client } from 'pg';
import { verifyAuditChain, writeAuditBatch, type Viewer } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildPerson } from '../../../test/support/builders';
import { personKeyedTables } from '../../db/row-security';
import { runDisclosureExport, type Disclosure } from '../disclosure-export';
import { runErasure } from '../erase';
import { leakReport, renderLeakReportMarkdown } from '../leak-report';
import { runCli } from '../cli';
import {
  arrangeWorld,
  buildPrivacyRequest,
  dumpDatabase,
  rowsOf,
  runAuditVerify,
  type World,
} from './fixtures';

describe('privacy rights, admin side (APPI arts. 26, 33, 35)', () => {
  let db: TestDatabase;
  let c: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    c = await db.admin();
  });
  afterAll(() => db.drop());

  describe('disclosure export (art. 33)', () => {
    let w: World;
    let d: Disclosure;
    let html: string;
    let requestId: string;

    beforeAll(async () => {
      w = await arrangeWorld(c);
      // a table added later by some service: included without any change to the export
      await c.query(
        `CREATE TABLE membership.test_extra (id uuid PRIMARY KEY, person_id uuid NOT NULL, note text)`,
      );
      await c.query(
        `INSERT INTO membership.test_extra VALUES (gen_random_uuid(), $1, 'A の記録'), (gen_random_uuid(), $2, 'B の記録')`,
        [w.a.id, w.b.id],
      );
      requestId = await buildPrivacyRequest(c, { person_id: w.a.id, kind: 'DISCLOSURE', routed: [w.jma] });
      const r = await runDisclosureExport(c, requestId);
      d = r.disclosure;
      html = r.html;
    });

    it('covers every person-keyed table of all four subgraphs (the catalog rule), nothing missing', async () => {
      const tables = (await personKeyedTables(c, ['membership', 'training', 'insurance_pension', 'consent']))
        .map(([s, t]) => `${s}.${t}`)
        .filter((k) => k !== 'consent.privacy_export');
      expect(Object.keys(d.records).sort()).toEqual(expect.arrayContaining(tables.sort()));
      for (const [table, ids] of Object.entries(w.truth))
        expect((d.records[table] ?? []).map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(d.records['membership.test_extra']!.map((r) => r.note)).toEqual(['A の記録']);
      expect(d.records['membership.person']![0]).toMatchObject({
        family_name: w.a.family_name,
        email: w.a.email,
        registry_number: w.a.registry_number,
      });
      // the request being answered is part of what is held
      expect(d.records['consent.privacy_request']!.map((r) => r.id)).toEqual([requestId]);
      expect(d.records['consent.privacy_request_event']!.length).toBeGreaterThanOrEqual(1);
      // every row of every table is the person's
      for (const [table, rows] of Object.entries(d.records))
        for (const row of rows)
          expect(row[table === 'membership.person' ? 'id' : 'person_id'] ?? w.a.id).toBe(w.a.id);
    });

    it('includes the login account without its credentials, the access log and the provision records', () => {
      expect(w.provisionId).not.toBeNull(); // membership.provision_record exists in this checkout
      expect(d.accounts).toHaveLength(1);
      expect(d.accounts[0]).toMatchObject({ id: w.accountA, email: w.a.email });
      expect(d.accounts[0]).not.toHaveProperty('password_hash');
      expect(d.accessLog.map((e) => e.action).sort()).toEqual(['EXPORT', 'READ']);
      expect(d.accessLog[0]).toMatchObject({
        actor: w.staff.sub,
        viewerKind: 'STAFF',
        association: { id: w.muni },
        groups: ['CONTACT'],
      });
      expect(d.provisions.exports).toHaveLength(1);
      // the mailing export's record of provision (who, to whom, why), through its person link
      if (w.provisionId) {
        expect(d.records['membership.provision_record_person']).toEqual([
          expect.objectContaining({ provision_record_id: w.provisionId, person_id: w.a.id }),
        ]);
        expect(d.provisions.records['membership.provision_record']).toEqual([
          expect.objectContaining({
            id: w.provisionId,
            recipient: '株式会社テスト印刷',
            purpose: '会報の発送',
          }),
        ]);
      }
      expect(d.provisions.exports[0]).toMatchObject({ action: 'EXPORT', actor: w.staff.sub });
    });

    it('holds nothing of another person (not even in an audit entry that named both)', () => {
      const text = JSON.stringify(d);
      for (const ids of Object.values(w.other)) for (const id of ids) expect(text).not.toContain(id);
      expect(text).not.toContain(w.b.email!);
      expect(text).not.toContain(w.b.given_name);
      expect(text).not.toContain(w.b.registry_number);
    });

    it('renders readable HTML, Japanese first and English second, with the data escaped', () => {
      expect(html).toMatch(/^<!doctype html>/);
      const ja = html.indexOf('保有個人データの開示');
      const en = html.indexOf('Disclosure of your personal data');
      expect(ja).toBeGreaterThan(0);
      expect(en).toBeGreaterThan(ja);
      expect(html).toContain(w.a.email!);
      expect(html).toContain('アクセス記録');
      expect(html).toContain('会員資格');
      expect(html).not.toContain(w.b.email!);
    });

    it('stores the export for the person, completes the request with its history, and audits the act', async () => {
      const { rows } = await c.query(
        `SELECT e.person_id::text, e.json->>'personId' AS pid, r.status FROM consent.privacy_export e
         JOIN consent.privacy_request r ON r.id = e.request_id WHERE e.request_id = $1`,
        [requestId],
      );
      expect(rows).toEqual([{ person_id: w.a.id, pid: w.a.id, status: 'COMPLETED' }]);
      const ev = await c.query(
        `SELECT status FROM consent.privacy_request_event WHERE request_id = $1 ORDER BY at`,
        [requestId],
      );
      expect(ev.rows.map((r) => r.status)).toEqual(['RECEIVED', 'COMPLETED']);
      const audit = await c.query(
        `SELECT action FROM audit.entry WHERE operation = 'privacy:export' AND person_ids = ARRAY[$1::uuid]`,
        [w.a.id],
      );
      expect(audit.rows).toEqual([{ action: 'READ' }]);
      // a completed request is not exported again
      await expect(runDisclosureExport(c, requestId)).rejects.toThrow(/COMPLETED/);
    });
  });

  describe('erasure (art. 35, decided by the JMA)', () => {
    let w: World;
    let requestId: string;
    let before: { memberships: number; byCategory: unknown[]; attendance: number; insurance: number };

    const aggregates = async () => ({
      memberships: (await c.query(`SELECT count(*)::int AS n FROM membership.membership`)).rows[0]
        .n as number,
      byCategory: (
        await c.query(
          `SELECT association_id::text, category, extract(year FROM joined_on)::int AS y, count(*)::int AS n
           FROM membership.membership GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        )
      ).rows,
      attendance: (await c.query(`SELECT count(*)::int AS n FROM training.attendance`)).rows[0].n as number,
      insurance: (await c.query(`SELECT count(*)::int AS n FROM insurance_pension.insurance_enrolment`))
        .rows[0].n as number,
    });

    beforeAll(async () => {
      w = await arrangeWorld(c);
      // A's own free text, and a disclosure already produced for A
      const disclosure = await buildPrivacyRequest(c, {
        person_id: w.a.id,
        kind: 'DISCLOSURE',
        routed: [w.jma],
      });
      await runDisclosureExport(c, disclosure);
      requestId = await buildPrivacyRequest(c, {
        person_id: w.a.id,
        kind: 'ERASURE',
        routed: [w.jma],
        details: `${w.a.family_name}${w.a.given_name} です。全データの消去を求めます。`,
      });
      // an append-only ledger (its trigger refuses updates) added by some service
      await c.query(
        `CREATE TABLE training.test_ledger (id uuid PRIMARY KEY, person_id uuid NOT NULL, units numeric NOT NULL, memo text)`,
      );
      await c.query(`CREATE FUNCTION training.test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                     BEGIN RAISE EXCEPTION 'test_ledger is append-only'; END $$`);
      await c.query(`CREATE TRIGGER test_ledger_append_only BEFORE UPDATE OR DELETE ON training.test_ledger
                     FOR EACH ROW EXECUTE FUNCTION training.test_refuse()`);
      await c.query(`INSERT INTO training.test_ledger VALUES (gen_random_uuid(), $1, 2.5, $2)`, [
        w.a.id,
        `${w.a.family_name}${w.a.given_name} 繰越`,
      ]);
      before = await aggregates();
      await runErasure(c, requestId);
    });

    it('leaves nothing of the person anywhere in the database: id, name, kana, e-mail, phone, registry number, address', async () => {
      const dump = await dumpDatabase(c);
      const a = w.a;
      for (const v of [
        a.id,
        `${a.family_name}${a.given_name}`,
        a.given_name,
        a.given_name_kana,
        a.email!,
        a.phone!,
        a.registry_number,
        a.address!,
        // the login name (same as the e-mail's local part here)
        a.email!.split('@')[0]!,
      ])
        expect({ value: v, found: dump.includes(v) }).toEqual({ value: v, found: false });
    });

    it('keeps the other person and the non-identifying aggregates (memberships and training by year and category)', async () => {
      const after = await aggregates();
      expect(after.memberships).toBe(before.memberships);
      expect(after.byCategory).toEqual(before.byCategory);
      expect(after.attendance).toBe(before.attendance);
      expect(after.insurance).toBe(before.insurance);
      // the ledger row stays (units count in aggregates), its free text is gone, its trigger is back on
      const ledger = await c.query(`SELECT units::text, memo FROM training.test_ledger`);
      expect(ledger.rows).toEqual([{ units: '2.5', memo: null }]);
      await expect(c.query(`DELETE FROM training.test_ledger`)).rejects.toThrow(/append-only/);
      const b = await c.query(`SELECT family_name, email FROM membership.person WHERE id = $1`, [w.b.id]);
      expect(b.rows).toEqual([{ family_name: w.b.family_name, email: w.b.email }]);
      // the erased person's memberships are over (no dues, no member lists)
      const active = await c.query(
        `SELECT count(*)::int AS n FROM membership.membership m JOIN membership.person p ON p.id = m.person_id
         WHERE p.registry_number LIKE 'ERASED-%' AND m.status = 'ACTIVE'`,
      );
      expect(active.rows[0].n).toBe(0);
    });

    it('ends the login account and removes the disclosures', async () => {
      const acct = await c.query(
        `SELECT username, email, password_hash, status, person_id FROM identity.account WHERE id = $1`,
        [w.accountA],
      );
      expect(acct.rows[0]).toMatchObject({
        email: null,
        password_hash: null,
        status: 'ENDED',
        person_id: null,
      });
      expect(acct.rows[0].username).toBe(`erased-${w.accountA}`);
      const ex = await c.query(`SELECT count(*)::int AS n FROM consent.privacy_export`);
      // only the first describe's export (another person) is left
      expect(ex.rows[0].n).toBe(1);
      const req = await c.query(
        `SELECT status, filed_by, details FROM consent.privacy_request WHERE id = $1`,
        [requestId],
      );
      expect(req.rows).toEqual([{ status: 'COMPLETED', filed_by: 'erased', details: null }]);
    });

    // spawns `npm run audit:verify`'s script: allow for a slow, shared machine
    it('keeps the audit chain verifiable (npm run audit:verify) with the entries pseudonymised, not deleted', async () => {
      expect(await verifyAuditChain(rowsOf(c))).toBeNull();
      expect(await runAuditVerify(db.adminUrl)).toMatch(/audit chain intact/);
      // the entry that named A and B still names B, and the other positions stay protected
      const both = await c.query(
        `SELECT seq, person_ids::text[] AS ids FROM audit.entry WHERE request_id = $1`,
        [`r-both-${w.a.given_name.replace(/\D/g, '')}`],
      );
      expect(both.rows).toHaveLength(1);
      expect(both.rows[0].ids).toContain(w.b.id);
      expect(both.rows[0].ids).not.toContain(w.a.id);
      await c.query('BEGIN');
      try {
        await c.query('ALTER TABLE audit.entry DISABLE TRIGGER entry_append_only');
        await c.query(
          `UPDATE audit.entry SET person_ids = array_replace(person_ids, $1::uuid, gen_random_uuid()) WHERE seq = $2`,
          [w.b.id, both.rows[0].seq],
        );
        expect(await verifyAuditChain(rowsOf(c))).toEqual({
          seq: String(both.rows[0].seq),
          problem: expect.stringMatching(/does not match its digest/),
        });
      } finally {
        await c.query('ROLLBACK');
      }
    }, 180_000);

    it('refuses a request that is not an approved erasure, and pseudonymising outside the one admitted path', async () => {
      const pending = await buildPrivacyRequest(c, {
        person_id: w.b.id,
        kind: 'ERASURE',
        status: 'RECEIVED',
      });
      await expect(runErasure(c, pending)).rejects.toThrow(/RECEIVED/);
      await expect(
        c.query(`UPDATE audit.entry SET person_ids = '{}' WHERE person_ids @> ARRAY[$1::uuid]`, [w.b.id]),
      ).rejects.toThrow(/append-only/);
      // even with the flag on: only "id replaced AND its salt destroyed" passes, nothing else
      await c.query('BEGIN');
      try {
        await c.query(`SELECT set_config('mamis.audit_pseudonymise', 'on', true)`);
        await expect(
          c.query(`UPDATE audit.entry SET groups = ARRAY['PENSION'] WHERE person_ids @> ARRAY[$1::uuid]`, [
            w.b.id,
          ]),
        ).rejects.toThrow(/append-only/);
      } finally {
        await c.query('ROLLBACK');
      }
    });
  });

  describe('leak report (art. 26)', () => {
    const pause = () => new Promise((r) => setTimeout(r, 30));
    const staff = (sub: string, associationId: string): Viewer => ({
      kind: 'STAFF',
      sub,
      associationId,
      associationTier: 'MUNICIPAL',
      role: 'CLERK',
      scopes: [],
    });

    it('names exactly the persons touched in the window, with data items and recipients; --actor / --client narrow it', async () => {
      const w = await arrangeWorld(c);
      const [p1, p2, p3, outBefore, outAfter] = await Promise.all(
        Array.from({ length: 5 }, (_, i) => buildPerson(c, { family_name: `漏洩${i}`, given_name: '太郎' })),
      );
      const leaky = staff('staff-leaky', w.muni);
      const client: Viewer = { kind: 'CLIENT', sub: 'society-client-9', scopes: ['society:s9'] };
      const read = (
        v: Viewer,
        ids: string[],
        group: 'CONTACT' | 'IDENTITY' | 'TRAINING',
        action?: 'EXPORT',
      ) =>
        writeAuditBatch(
          rowsOf(c),
          { requestId: `leak-${Math.random()}`, service: 'membership', viewer: v },
          ids.map((personId) => ({ personId, group, relations: ['MEMBER' as const], action })),
        );
      await read(leaky, [outBefore!.id], 'CONTACT');
      await pause();
      const from = new Date().toISOString();
      await read(leaky, [p1!.id, p2!.id], 'CONTACT');
      await read(leaky, [p1!.id], 'IDENTITY', 'EXPORT');
      await read(client, [p3!.id], 'TRAINING');
      const to = new Date(Date.now() + 1).toISOString();
      await pause();
      await read(leaky, [outAfter!.id], 'CONTACT');

      const all = await leakReport(c, { from, to });
      expect(all.persons.map((p) => p.personId).sort()).toEqual([p1!.id, p2!.id, p3!.id].sort());
      expect(all.personCount).toBe(3);
      expect(all.persons.find((p) => p.personId === p1!.id)).toMatchObject({
        name: `${p1!.family_name} ${p1!.given_name}`,
        registryNumber: p1!.registry_number,
        groups: ['IDENTITY', 'CONTACT'],
        actions: ['EXPORT', 'READ'],
      });
      expect(all.dataItems.map((d) => [d.group, d.persons])).toEqual([
        ['IDENTITY', 1],
        ['CONTACT', 2],
        ['TRAINING', 1],
      ]);
      expect(all.recipients).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actor: 'staff-leaky',
            association: expect.objectContaining({ id: w.muni }),
            persons: 2,
          }),
          expect.objectContaining({ actor: 'society-client-9', viewerKind: 'CLIENT', persons: 1 }),
        ]),
      );

      const byActor = await leakReport(c, { from, to, actor: 'staff-leaky' });
      expect(byActor.persons.map((p) => p.personId).sort()).toEqual([p1!.id, p2!.id].sort());
      const byClient = await leakReport(c, { from, to, client: 'society-client-9' });
      expect(byClient.persons.map((p) => p.personId)).toEqual([p3!.id]);

      const md = renderLeakReportMarkdown(all);
      expect(md).toContain('## 3. 本人の数 / Number of persons\n3 名 / persons');
      expect(md).toContain(p2!.registry_number);
      expect(md).not.toContain(outBefore!.registry_number);
      expect(md).not.toContain(outAfter!.registry_number);
    });

    it('runs as npm run privacy:leak-report (the command behind it), printing markdown and JSON', async () => {
      const out: string[] = [];
      await runCli(['leak-report', '--from', '2000-01-01', '--to', '2000-01-02'], db.adminUrl, (l) =>
        out.push(l),
      );
      const text = out.join('\n');
      expect(text).toContain('3. 本人の数 / Number of persons\n0 名');
      expect(text).toContain('"format": "mamis-leak-report/1"');
      await expect(runCli(['leak-report', '--from', '2000-01-01'], db.adminUrl)).rejects.toThrow(/--to/);
    });
  });
});
