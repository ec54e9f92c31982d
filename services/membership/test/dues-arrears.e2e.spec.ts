import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { addDays, clock } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack } from '../../../test/support/stack';
import { buildMembership, buildPerson } from '../../../test/support/builders';
import { daysBetween, dueDateOf } from '../src/dues/fee-rules';
import { inspectPdf } from '../../../test/support/pdf-inspect';
import { buildTree, errorOf, physician, staffOf, type Tree } from './support/membership-service';

/**
 * Arrears and reminders (滞納・督促), invoice and receipt PDFs, and idempotency keys of the invoice
 * run and the bank import, through the gateway over HTTP. Every date comes from the platform clock:
 * invoices issued 90 days ago are overdue (due at the end of the month after issue), today's not.
 */
describe('dues: arrears, reminders, invoice and receipt PDFs, idempotent runs', () => {
  let db: TestDatabase;
  let c: Client;
  let stack: Stack;
  let t: Tree;
  const FY = clock.fiscalYear();
  const today = clock.today();
  const longAgo = addDays(today, -90);
  const ids: Record<string, string> = {};
  const inv: Record<string, { id: string; reference: string }> = {};
  const clerk = () => staffOf(t.bunkyo);

  const ARREARS = `query A($a: ID!, $o: Boolean) { duesArrears(associationId: $a, overdueOnly: $o) {
    id reference outstandingYen paidYen dueOn daysOverdue reminderCount lastRemindedAt person { id } } }`;
  const REMIND = `mutation SendReminders($input: SendDuesRemindersInput!) { sendDuesReminders(input: $input) {
    dryRun memberCount totalOutstandingYen lines { outstandingYen daysOverdue invoice { id } }
    skipped { invoiceId reason }
    letters { filename contentType contentBase64 rowCount provisionRecord { id recipient format rowCount } } } }`;
  interface Reminded {
    sendDuesReminders: {
      dryRun: boolean;
      memberCount: number;
      totalOutstandingYen: number;
      lines: { outstandingYen: number; daysOverdue: number; invoice: { id: string } }[];
      skipped: { invoiceId: string; reason: string }[];
      letters: {
        filename: string;
        contentType: string;
        contentBase64: string;
        rowCount: number;
        provisionRecord: { id: string; recipient: string; format: string; rowCount: number };
      } | null;
    };
  }
  const RUN = `mutation G($a: ID!, $fy: Int!, $on: Date, $k: String) {
    generateDuesInvoices(associationId: $a, fiscalYear: $fy, issuedOn: $on, idempotencyKey: $k) { created existing } }`;
  const download = (p: string) => fetch(new URL(p, stack.gatewayUrl));

  async function member(key: string, kana: string) {
    const p = await buildPerson(c, {
      family_name_kana: kana,
      given_name_kana: 'タロウ',
      postal_code: '1130033',
      address: '東京都文京区本郷1-1-1',
    });
    ids[key] = p.id;
    await buildMembership(c, {
      person_id: p.id,
      association_id: t.bunkyo.id,
      category: 'A①',
      joined_on: `${clock.fiscalYear() - 10}-04-01`, // ten fiscal years ago: a full year billed
    });
  }
  async function invoices() {
    const { rows } = await c.query<{ id: string; person_id: string; reference: string }>(
      `SELECT id::text, person_id::text, reference FROM membership.dues_invoice WHERE association_id = $1`,
      [t.bunkyo.id],
    );
    for (const [key, personId] of Object.entries(ids)) {
      const r = rows.find((x) => x.person_id === personId);
      if (r) inv[key] = { id: r.id, reference: r.reference };
    }
    return rows;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    c = await db.admin();
    t = await buildTree(c);
    stack = await startStack(db);
    for (const [q, v] of [
      [
        'mutation($i: SetMembershipCategoryInput!) { setMembershipCategory(input: $i) { code } }',
        { i: { associationId: t.bunkyo.id, code: 'A①', name: 'A会員' } },
      ],
      [
        'mutation($i: SetFeeScheduleInput!) { setFeeSchedule(input: $i) { id } }',
        {
          i: {
            associationId: t.bunkyo.id,
            categoryCode: 'A①',
            fiscalYear: FY,
            bands: [{ annualFeeYen: 60000 }],
          },
        },
      ],
    ] as const) {
      const res = await stack.queryAs(clerk(), q, v);
      expect(res.body.errors).toBeUndefined();
    }
    // unpaid, partly paid and paid: invoiced 90 days ago
    await member('unpaid', 'アベ');
    await member('partial', 'イトウ');
    await member('paid', 'ウエダ');
    const first = await stack.queryAs<{ generateDuesInvoices: { created: number } }>(clerk(), RUN, {
      a: t.bunkyo.id,
      fy: FY,
      on: longAgo,
    });
    expect(first.body.data?.generateDuesInvoices.created).toBe(3);
    // not yet due: invoiced today
    await member('recent', 'エノモト');
    const second = await stack.queryAs<{ generateDuesInvoices: { created: number } }>(clerk(), RUN, {
      a: t.bunkyo.id,
      fy: FY,
      on: today,
    });
    expect(second.body.data?.generateDuesInvoices.created).toBe(1);
    await invoices();
    for (const [key, amountYen] of [
      ['partial', 20000],
      ['paid', 60000],
    ] as const) {
      const res = await stack.queryAs(
        clerk(),
        'mutation($i: RecordDuesPaymentInput!) { recordDuesPayment(input: $i) { id } }',
        { i: { invoiceId: inv[key]!.id, amountYen, paidOn: addDays(today, -10) } },
      );
      expect(res.body.errors).toBeUndefined();
    }
  }, 240_000);

  afterAll(async () => {
    await stack?.close();
    await c?.end();
    await db?.drop();
  });

  it('lists the overdue arrears with the amount outstanding and the days overdue from the clock', async () => {
    const res = await stack.queryAs<{
      duesArrears: {
        id: string;
        outstandingYen: number;
        dueOn: string;
        daysOverdue: number;
        person: { id: string };
      }[];
    }>(clerk(), ARREARS, { a: t.bunkyo.id, o: true });
    expect(res.body.errors).toBeUndefined();
    const rows = res.body.data!.duesArrears;
    expect(rows.map((r) => r.id)).toEqual([inv.unpaid!.id, inv.partial!.id]);
    const due = dueDateOf(longAgo);
    expect(due < today).toBe(true);
    expect(rows[0]).toMatchObject({
      outstandingYen: 60000,
      dueOn: due,
      daysOverdue: daysBetween(due, today),
    });
    expect(rows[1]).toMatchObject({ outstandingYen: 40000 });
    // all open invoices: the one issued today is not overdue
    const all = await stack.queryAs<{ duesArrears: { id: string; daysOverdue: number }[] }>(
      clerk(),
      ARREARS,
      {
        a: t.bunkyo.id,
        o: false,
      },
    );
    expect(all.body.data!.duesArrears.find((r) => r.id === inv.recent!.id)?.daysOverdue).toBe(0);
    // another association's staff: refused
    const other = await stack.queryAs(staffOf(t.chiyoda), ARREARS, { a: t.bunkyo.id, o: true });
    expect(errorOf(other)?.code).toBe('FORBIDDEN');
  });

  it('previews reminders without recording anything; refuses a real run without a key or a recipient', async () => {
    const unknown = randomUUID();
    const input = {
      associationId: t.bunkyo.id,
      invoiceIds: [inv.unpaid!.id, inv.partial!.id, inv.paid!.id, inv.recent!.id, unknown],
      recipient: '文京印刷株式会社',
      dryRun: true,
    };
    const res = await stack.queryAs<Reminded>(clerk(), REMIND, { input });
    expect(res.body.errors).toBeUndefined();
    const r = res.body.data!.sendDuesReminders;
    expect(r).toMatchObject({ dryRun: true, memberCount: 2, totalOutstandingYen: 100000, letters: null });
    expect(r.lines.map((l) => l.invoice.id).sort()).toEqual([inv.unpaid!.id, inv.partial!.id].sort());
    expect(Object.fromEntries(r.skipped.map((s) => [s.invoiceId, s.reason]))).toEqual({
      [inv.paid!.id]: 'SETTLED',
      [inv.recent!.id]: 'NOT_OVERDUE',
      [unknown]: 'NOT_FOUND',
    });
    const { rows } = await c.query(`SELECT 1 FROM membership.provision_record WHERE association_id = $1`, [
      t.bunkyo.id,
    ]);
    expect(rows).toHaveLength(0);

    const noKey = await stack.queryAs(clerk(), REMIND, { input: { ...input, dryRun: false } });
    expect(errorOf(noKey)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    const noRecipient = await stack.queryAs(clerk(), REMIND, {
      input: { ...input, recipient: '  ', dryRun: false, idempotencyKey: randomUUID() },
    });
    expect(errorOf(noRecipient)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.recipient' });
    expect(noRecipient.body.errors![0]!.message).toMatch(/^入力してください。 \(Must not be empty\)$/);
    const none = await stack.queryAs(clerk(), REMIND, { input: { ...input, invoiceIds: [] } });
    expect(errorOf(none)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.invoiceIds' });
    // another association's staff sees none of Bunkyo's invoices: all "not found"
    const chiyoda = await stack.queryAs<Reminded>(staffOf(t.chiyoda), REMIND, {
      input: { ...input, associationId: t.chiyoda.id },
    });
    expect(chiyoda.body.data!.sendDuesReminders.skipped.every((s) => s.reason === 'NOT_FOUND')).toBe(true);
  });

  it('sends reminders once per key: the letters as a PDF, one provision record, counted on the invoices', async () => {
    const input = {
      associationId: t.bunkyo.id,
      invoiceIds: [inv.unpaid!.id, inv.partial!.id],
      recipient: '文京印刷株式会社',
      note: '振込先：文京銀行 本店 普通 1234567',
      dryRun: false,
      idempotencyKey: randomUUID(),
    };
    const first = await stack.queryAs<Reminded>(clerk(), REMIND, { input });
    expect(first.body.errors).toBeUndefined();
    const letters = first.body.data!.sendDuesReminders.letters!;
    expect(letters).toMatchObject({ contentType: 'application/pdf', rowCount: 2 });
    expect(letters.provisionRecord).toMatchObject({
      recipient: '文京印刷株式会社',
      format: 'DUES_REMINDER',
      rowCount: 2,
    });
    const pdf = Buffer.from(letters.contentBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/NotoSansJP/);
    const read = await inspectPdf(pdf);
    expect(read.pages).toBe(2);
    expect(read.text).toContain('会費納入のお願い（督促状）');
    expect(read.text).toContain('文京区医師会');
    expect(read.text).toContain('¥40,000');
    expect(read.text).toContain('振込先：文京銀行 本店 普通 1234567');
    // a second press: the same answer, nothing recorded twice
    const again = await stack.queryAs<Reminded>(clerk(), REMIND, { input });
    expect(again.body.data!.sendDuesReminders.letters!.provisionRecord.id).toBe(letters.provisionRecord.id);
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM membership.provision_record WHERE association_id = $1`,
      [t.bunkyo.id],
    );
    expect(rows[0]!.n).toBe(1);
    // the same key for other invoices: refused
    const reused = await stack.queryAs(clerk(), REMIND, {
      input: { ...input, invoiceIds: [inv.unpaid!.id] },
    });
    expect(errorOf(reused)).toEqual({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });

    const list = await stack.queryAs<{
      duesArrears: { id: string; reminderCount: number; lastRemindedAt: string | null }[];
    }>(clerk(), ARREARS, { a: t.bunkyo.id, o: true });
    for (const r of list.body.data!.duesArrears) {
      expect(r.reminderCount).toBe(1);
      expect(r.lastRemindedAt).not.toBeNull();
    }
    // the member sees the reminder in their own provision records (disclosure)
    const own = await stack.queryAs<{
      person: { provisionRecords: { recipient: string; format: string }[] };
    }>(
      physician(ids.unpaid!),
      'query($id: ID!) { person(id: $id) { provisionRecords { recipient format } } }',
      { id: ids.unpaid },
    );
    expect(own.body.data!.person.provisionRecords).toEqual([
      { recipient: '文京印刷株式会社', format: 'DUES_REMINDER' },
    ]);
    // audited as an export of the members' dues
    const audit = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit.entry WHERE operation LIKE 'SendReminders%' AND action = 'EXPORT'
         AND 'DUES' = ANY(groups) AND $1::uuid = ANY(person_ids)`,
      [ids.unpaid],
    );
    expect(audit.rows[0]!.n).toBeGreaterThan(0);
  });

  it('serves the invoice and, once paid, the receipt as PDFs behind signed links; nobody else gets a link', async () => {
    const DOCS = `query D($a: ID!, $r: String!) { duesInvoice(associationId: $a, reference: $r) {
      id status invoiceDocument { path fileName contentType } receiptDocument { path fileName } } }`;
    type Docs = {
      duesInvoice: {
        id: string;
        status: string;
        invoiceDocument: { path: string; fileName: string; contentType: string } | null;
        receiptDocument: { path: string; fileName: string } | null;
      } | null;
    };
    const unpaid = await stack.queryAs<Docs>(clerk(), DOCS, { a: t.bunkyo.id, r: inv.unpaid!.reference });
    expect(unpaid.body.errors).toBeUndefined();
    const doc = unpaid.body.data!.duesInvoice!;
    expect(doc.receiptDocument).toBeNull();
    expect(doc.invoiceDocument).toMatchObject({
      fileName: `invoice-${inv.unpaid!.reference}.pdf`,
      contentType: 'application/pdf',
    });
    expect(doc.invoiceDocument!.path.startsWith('/dues-documents/')).toBe(true);
    const got = await download(doc.invoiceDocument!.path);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await got.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/NotoSansJP/);
    const text = (await inspectPdf(pdf)).text;
    for (const expected of ['会費請求書', '文京区医師会', '¥60,000', inv.unpaid!.reference, '〒113-0033'])
      expect(text).toContain(expected);
    const audited = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit.entry WHERE operation = 'download:dues-invoice-pdf' AND $1::uuid = ANY(person_ids)`,
      [ids.unpaid],
    );
    expect(audited.rows[0]!.n).toBe(1);

    // full-width digits are accepted; a paid invoice has its receipt
    const fullWidth = inv.paid!.reference.replace(/\d/g, (d) =>
      String.fromCharCode(d.charCodeAt(0) + 0xfee0),
    );
    const paid = await stack.queryAs<Docs>(clerk(), DOCS, { a: t.bunkyo.id, r: fullWidth });
    const receipt = paid.body.data!.duesInvoice!.receiptDocument!;
    expect(receipt.fileName).toBe(`receipt-${inv.paid!.reference}.pdf`);
    const r = await download(receipt.path);
    expect(r.status).toBe(200);
    const receiptPdf = Buffer.from(await r.arrayBuffer());
    expect(receiptPdf.subarray(0, 5).toString()).toBe('%PDF-');
    const receiptText = (await inspectPdf(receiptPdf)).text;
    expect(receiptText).toContain('領収書');
    expect(receiptText).toContain('領収金額');
    expect(receiptText).toContain('¥60,000');

    // the physician downloads their own from My Page's query
    const mine = await stack.queryAs<{
      me: {
        dues: {
          id: string;
          invoiceDocument: { path: string } | null;
          receiptDocument: { path: string } | null;
        }[];
      };
    }>(physician(ids.paid!), '{ me { dues { id invoiceDocument { path } receiptDocument { path } } } }');
    expect(mine.body.errors).toBeUndefined();
    const own = mine.body.data!.me.dues.find((d) => d.id === inv.paid!.id)!;
    expect((await download(own.receiptDocument!.path)).status).toBe(200);

    // another association: the invoice is absent; a bad reference is a field error; forged links 404
    const other = await stack.queryAs<Docs>(staffOf(t.chiyoda), DOCS, {
      a: t.chiyoda.id,
      r: inv.unpaid!.reference,
    });
    expect(other.body.data?.duesInvoice).toBeNull();
    const bad = await stack.queryAs(clerk(), DOCS, { a: t.bunkyo.id, r: 'abc' });
    expect(errorOf(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'reference' });
    const [body, signature] = doc.invoiceDocument!.path.slice('/dues-documents/'.length).split('.') as [
      string,
      string,
    ];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, id: inv.paid!.id })).toString('base64url');
    expect((await download(`/dues-documents/${forged}.${signature}`)).status).toBe(404);
    expect((await download('/dues-documents/not-a-link')).status).toBe(404);
  });

  it('runs invoices and imports a bank file once per idempotency key', async () => {
    await member('late', 'オガワ');
    const key = randomUUID();
    const vars = { a: t.bunkyo.id, fy: FY, k: key };
    const first = await stack.queryAs<{ generateDuesInvoices: { created: number } }>(clerk(), RUN, vars);
    const second = await stack.queryAs<{ generateDuesInvoices: { created: number } }>(clerk(), RUN, vars);
    expect(first.body.data?.generateDuesInvoices.created).toBe(1);
    // the second press answers the first result (not "0 created"): it ran once
    expect(second.body.data?.generateDuesInvoices.created).toBe(1);
    expect((await invoices()).filter((r) => r.person_id === ids.late)).toHaveLength(1);
    const reused = await stack.queryAs(clerk(), RUN, { ...vars, fy: FY - 1 });
    expect(errorOf(reused)).toEqual({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });

    const csv = ['取引日,金額,振込依頼人名,参照番号', `${today},10000,ｱﾍﾞ ﾀﾛｳ,${inv.unpaid!.reference}`].join(
      '\r\n',
    );
    const IMPORT = `mutation I($input: ImportDuesPaymentsInput!) { importDuesPayments(input: $input) { applied matchedCount } }`;
    const input = {
      associationId: t.bunkyo.id,
      csvBase64: Buffer.from(csv).toString('base64'),
      dryRun: false,
      idempotencyKey: randomUUID(),
    };
    for (let n = 0; n < 2; n += 1) {
      const res = await stack.queryAs<{ importDuesPayments: { matchedCount: number } }>(clerk(), IMPORT, {
        input,
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.importDuesPayments.matchedCount).toBe(1);
    }
    const { rows } = await c.query<{ n: number; paid: number }>(
      `SELECT count(p.*)::int AS n, i.paid_yen AS paid FROM membership.dues_invoice i
       LEFT JOIN membership.dues_payment p ON p.invoice_id = i.id WHERE i.id = $1 GROUP BY i.paid_yen`,
      [inv.unpaid!.id],
    );
    expect(rows[0]).toEqual({ n: 1, paid: 10000 });
  });
});
