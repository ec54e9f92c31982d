import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { clock } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack } from '../../../test/support/stack';
import { buildMembership, buildPerson } from '../../../test/support/builders';
import { buildTree, errorOf, staffOf, type Tree } from './support/membership-service';

/**
 * Long office operations (処理状況) through the gateway over HTTP: an invoice run and an applied
 * bank file are recorded as operations (committed before the work, progress visible while it
 * runs, final status and counts after), the same idempotency key pressed twice runs once, and
 * another association's staff see neither the list entry nor the id.
 */
describe('office operations: invoice runs and bank imports with progress, once per key', () => {
  const MEMBERS = 300;
  const FY = clock.fiscalYear();
  let db: TestDatabase;
  let c: Client;
  let stack: Stack;
  let t: Tree;
  const clerk = () => staffOf(t.bunkyo);
  const viewerRole = () => staffOf(t.bunkyo, 'VIEWER');
  const otherClerk = () => staffOf(t.chiyoda);

  const RUN = `mutation Run($a: ID!, $fy: Int!, $k: String) {
    generateDuesInvoices(associationId: $a, fiscalYear: $fy, idempotencyKey: $k) { created existing operationId } }`;
  interface Run {
    generateDuesInvoices: { created: number; existing: number; operationId: string | null };
  }
  const FIELDS = `id kind status total done message startedAt finishedAt association { id }
    summary { fiscalYear created exempt existing skipped totalRows matched unmatched matchedAmountYen }`;
  const LIST = `query Ops($a: ID!, $first: Int, $after: String) {
    officeOperations(associationId: $a, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { ${FIELDS} } } }`;
  const ONE = `query Op($id: ID!) { officeOperation(id: $id) { ${FIELDS} } }`;
  interface Op {
    id: string;
    kind: string;
    status: string;
    total: number | null;
    done: number;
    message: string | null;
    startedAt: string;
    finishedAt: string | null;
    association: { id: string };
    summary: Record<string, number | null> | null;
  }
  interface List {
    officeOperations: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Op[];
    };
  }
  const list = async (viewer = clerk(), a = t.bunkyo.id) => {
    const res = await stack.queryAs<List>(viewer, LIST, { a, first: 20 });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.officeOperations;
  };
  const invoiceCount = async (fy: number) =>
    Number(
      (
        await c.query<{ n: string }>(
          'SELECT count(*) AS n FROM membership.dues_invoice WHERE association_id = $1 AND fiscal_year = $2',
          [t.bunkyo.id, fy],
        )
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    c = await db.admin();
    t = await buildTree(c);
    stack = await startStack(db);
    const setup: [string, Record<string, unknown>][] = [
      [
        'mutation($i: SetMembershipCategoryInput!) { setMembershipCategory(input: $i) { code } }',
        { i: { associationId: t.bunkyo.id, code: 'A①', name: 'A会員' } },
      ],
      ...[FY, FY + 1].map((fiscalYear): [string, Record<string, unknown>] => [
        'mutation($i: SetFeeScheduleInput!) { setFeeSchedule(input: $i) { id } }',
        {
          i: { associationId: t.bunkyo.id, categoryCode: 'A①', fiscalYear, bands: [{ annualFeeYen: 60000 }] },
        },
      ]),
    ];
    for (const [q, v] of setup) {
      const res = await stack.queryAs(clerk(), q, v);
      expect(res.body.errors).toBeUndefined();
    }
    for (let i = 0; i < MEMBERS; i++) {
      const p = await buildPerson(c);
      await buildMembership(c, {
        person_id: p.id,
        association_id: t.bunkyo.id,
        joined_on: `${FY - 10}-04-01`, // ten fiscal years ago: a full year billed
      });
    }
  });

  afterAll(async () => {
    await stack?.close();
    await c?.end();
    await db?.drop();
  });

  let runId: string;

  it('an invoice run is one SUCCEEDED operation with its counts; the same key again runs nothing', async () => {
    const key = randomUUID();
    const first = await stack.queryAs<Run>(clerk(), RUN, { a: t.bunkyo.id, fy: FY, k: key });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.generateDuesInvoices).toMatchObject({ created: MEMBERS, existing: 0 });
    runId = first.body.data!.generateDuesInvoices.operationId!;
    expect(runId).toEqual(expect.any(String));

    const ops = await list();
    expect(ops.totalCount).toBe(1);
    expect(ops.nodes).toHaveLength(1);
    expect(ops.nodes[0]).toMatchObject({
      id: runId,
      kind: 'INVOICE_RUN',
      status: 'SUCCEEDED',
      // progress: every invoice counted
      total: MEMBERS,
      done: MEMBERS,
      message: null,
      association: { id: t.bunkyo.id },
      summary: { fiscalYear: FY, created: MEMBERS, exempt: 0, existing: 0, skipped: 0, matched: null },
    });
    expect(ops.nodes[0]!.finishedAt).not.toBeNull();

    // the same key pressed again: the first answer, the same operation, nothing created twice
    const again = await stack.queryAs<Run>(clerk(), RUN, { a: t.bunkyo.id, fy: FY, k: key });
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.generateDuesInvoices).toEqual(first.body.data!.generateDuesInvoices);
    expect((await list()).totalCount).toBe(1);
    expect(await invoiceCount(FY)).toBe(MEMBERS);

    // one operation by id; every staff role of the association reads it
    const one = await stack.queryAs<{ officeOperation: Op }>(viewerRole(), ONE, { id: runId });
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data!.officeOperation).toMatchObject({ id: runId, status: 'SUCCEEDED', done: MEMBERS });
  });

  it('another association: neither the list entry nor the id (NOT_FOUND, as an id that does not exist)', async () => {
    const byId = await stack.queryAs<{ officeOperation: Op | null }>(otherClerk(), ONE, { id: runId });
    expect(byId.body.data?.officeOperation ?? null).toBeNull();
    expect(errorOf(byId)?.code).toBe('NOT_FOUND');
    const missing = await stack.queryAs<{ officeOperation: Op | null }>(clerk(), ONE, { id: randomUUID() });
    expect(errorOf(missing)?.code).toBe('NOT_FOUND');
    expect(byId.body.errors![0]!.message).toBe(missing.body.errors![0]!.message);

    // its own list has nothing of Bunkyo's; Bunkyo's list is not theirs to read
    expect((await list(otherClerk(), t.chiyoda.id)).nodes).toEqual([]);
    const foreign = await stack.queryAs<List>(otherClerk(), LIST, { a: t.bunkyo.id });
    expect(foreign.body.data?.officeOperations ?? null).toBeNull();
    expect(errorOf(foreign)?.code).toBe('FORBIDDEN');
    // the parent association is another association too
    const parent = await stack.queryAs<{ officeOperation: Op | null }>(staffOf(t.tokyo), ONE, { id: runId });
    expect(errorOf(parent)?.code).toBe('NOT_FOUND');
  });

  it('RUNNING is visible from a second request while the run waits; a second press answers it is running', async () => {
    // hold the run's lock (the invoice numbering lock of the association and year) from outside
    const lockKey = `dues:${t.bunkyo.id}:${FY + 1}`;
    await c.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    const key = randomUUID();
    let running: Promise<Awaited<ReturnType<typeof stack.queryAs<Run>>>>;
    try {
      running = stack.queryAs<Run>(clerk(), RUN, { a: t.bunkyo.id, fy: FY + 1, k: key });
      let op: Op | undefined;
      for (let i = 0; i < 100 && !op; i++) {
        op = (await list()).nodes.find((n) => n.status === 'RUNNING');
        if (!op) await new Promise((r) => setTimeout(r, 100));
      }
      expect(op).toMatchObject({ kind: 'INVOICE_RUN', status: 'RUNNING', done: 0, finishedAt: null });
      const byId = await stack.queryAs<{ officeOperation: Op }>(clerk(), ONE, { id: op!.id });
      expect(byId.body.data!.officeOperation.status).toBe('RUNNING');

      // the same key pressed again while it runs: not a second run, but "still running"
      const twice = await stack.queryAs<Run>(clerk(), RUN, { a: t.bunkyo.id, fy: FY + 1, k: key });
      expect(errorOf(twice)).toEqual({ code: 'CONFLICT', field: 'idempotencyKey' });
      expect(twice.body.errors![0]!.message).toMatch(/^この処理は実行中です/);
      expect(twice.body.errors![0]!.extensions?.details).toMatchObject({ operationId: op!.id });
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
    }
    const done = await running!;
    expect(done.body.errors).toBeUndefined();
    expect(done.body.data!.generateDuesInvoices.created).toBe(MEMBERS);
    const ops = await list();
    expect(ops.nodes.map((n) => [n.kind, n.status, n.done, n.total])).toEqual([
      ['INVOICE_RUN', 'SUCCEEDED', MEMBERS, MEMBERS],
      ['INVOICE_RUN', 'SUCCEEDED', MEMBERS, MEMBERS],
    ]);
    expect(await invoiceCount(FY + 1)).toBe(MEMBERS);
  });

  it('progress moves while a run writes: a second request sees done between 0 and total', async () => {
    const fy = FY + 3;
    const schedule = await stack.queryAs(
      clerk(),
      'mutation($i: SetFeeScheduleInput!) { setFeeSchedule(input: $i) { id } }',
      {
        i: {
          associationId: t.bunkyo.id,
          categoryCode: 'A①',
          fiscalYear: fy,
          bands: [{ annualFeeYen: 60000 }],
        },
      },
    );
    expect(schedule.body.errors).toBeUndefined();
    // slow writes (3 ms an invoice) so that the run lasts long enough to be watched
    await c.query(`CREATE FUNCTION membership.test_slow_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(0.003); RETURN NEW; END $$`);
    await c.query(`CREATE TRIGGER test_slow_invoice BEFORE INSERT ON membership.dues_invoice
      FOR EACH ROW WHEN (NEW.fiscal_year = ${fy}) EXECUTE FUNCTION membership.test_slow_invoice()`);
    const seen: [string, number, number | null][] = [];
    try {
      const run = stack.queryAs<Run>(clerk(), RUN, { a: t.bunkyo.id, fy, k: randomUUID() });
      let finished = false;
      void run.then(() => (finished = true));
      while (!finished) {
        const [op] = (await list()).nodes;
        if (op) seen.push([op.status, op.done, op.total]);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await run).body.data!.generateDuesInvoices.created).toBe(MEMBERS);
    } finally {
      await c.query('DROP TRIGGER test_slow_invoice ON membership.dues_invoice');
      await c.query('DROP FUNCTION membership.test_slow_invoice()');
    }
    const midway = seen.filter(([status, done]) => status === 'RUNNING' && done > 0 && done < MEMBERS);
    expect(midway.length).toBeGreaterThan(0);
    expect(midway.every(([, , total]) => total === MEMBERS)).toBe(true);
    expect((await list()).nodes[0]).toMatchObject({ status: 'SUCCEEDED', done: MEMBERS, total: MEMBERS });
  });

  it('a run whose transaction rolls back is FAILED with a Japanese-first message; the same key may run again', async () => {
    const fy = FY + 2;
    const schedule = await stack.queryAs(
      clerk(),
      'mutation($i: SetFeeScheduleInput!) { setFeeSchedule(input: $i) { id } }',
      {
        i: {
          associationId: t.bunkyo.id,
          categoryCode: 'A①',
          fiscalYear: fy,
          bands: [{ annualFeeYen: 60000 }],
        },
      },
    );
    expect(schedule.body.errors).toBeUndefined();
    // the database refuses the year's invoices once the run has written some: the run rolls back
    await c.query(`CREATE FUNCTION membership.test_refuse_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await c.query(`CREATE TRIGGER test_refuse_invoice BEFORE INSERT ON membership.dues_invoice
      FOR EACH ROW WHEN (NEW.fiscal_year = ${fy} AND NEW.reference > '${fy}000250')
      EXECUTE FUNCTION membership.test_refuse_invoice()`);
    const key = randomUUID();
    try {
      const res = await stack.queryAs<Run>(clerk(), RUN, { a: t.bunkyo.id, fy, k: key });
      expect(res.body.errors).toHaveLength(1);
    } finally {
      await c.query('DROP TRIGGER test_refuse_invoice ON membership.dues_invoice');
      await c.query('DROP FUNCTION membership.test_refuse_invoice()');
    }
    const [failed] = (await list()).nodes;
    expect(failed).toMatchObject({ kind: 'INVOICE_RUN', status: 'FAILED', summary: null });
    expect(failed!.message).toBe(
      '処理に失敗しました。何も変更されていません。もう一度お試しください。 (The operation failed; nothing was changed. Please try again)',
    );
    expect(failed!.finishedAt).not.toBeNull();
    // all or nothing: the first chunk written before the failure was rolled back with it
    expect(await invoiceCount(fy)).toBe(0);

    // nothing was done, so the same key runs now, as the same operation
    const retry = await stack.queryAs<Run>(clerk(), RUN, { a: t.bunkyo.id, fy, k: key });
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data!.generateDuesInvoices).toMatchObject({
      created: MEMBERS,
      operationId: failed!.id,
    });
    const [after] = (await list()).nodes;
    expect(after).toMatchObject({ id: failed!.id, status: 'SUCCEEDED', message: null, done: MEMBERS });
    expect(await invoiceCount(fy)).toBe(MEMBERS);
  });

  it('an applied bank file is a PAYMENT_IMPORT operation with its matched counts', async () => {
    const { rows } = await c.query<{ reference: string }>(
      `SELECT reference FROM membership.dues_invoice WHERE association_id = $1 AND fiscal_year = $2
       ORDER BY reference LIMIT 3`,
      [t.bunkyo.id, FY],
    );
    const [y, m, d] = clock.today().split('-').map(Number);
    const csv = [
      '勘定日,入金額,振込依頼人名,振込依頼人コード,照会番号',
      ...rows.map((r, i) => `${y}年${m}月${d}日,60000,ﾔﾏﾀﾞ ﾀﾛｳ,${r.reference},OPS${i}`),
      `${y}年${m}月${d}日,1000,ﾀﾞﾚｶ,,OPSX`,
    ].join('\r\n');
    const IMPORT = `mutation Imp($input: ImportDuesPaymentsInput!) { importDuesPayments(input: $input) {
      applied matchedCount unmatchedCount operationId } }`;
    const input = {
      associationId: t.bunkyo.id,
      csvBase64: Buffer.from(csv).toString('base64'),
      format: 'CSV',
      dryRun: false,
      idempotencyKey: randomUUID(),
    };
    const res = await stack.queryAs<{
      importDuesPayments: { applied: boolean; matchedCount: number; operationId: string };
    }>(clerk(), IMPORT, { input });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.importDuesPayments).toMatchObject({ applied: true, matchedCount: 3 });
    const [op] = (await list()).nodes;
    expect(op).toMatchObject({
      id: res.body.data!.importDuesPayments.operationId,
      kind: 'PAYMENT_IMPORT',
      status: 'SUCCEEDED',
      total: 3,
      done: 3,
      summary: { totalRows: 4, matched: 3, unmatched: 1, matchedAmountYen: 180_000, created: null },
    });
    // a dry run is no operation
    const dry = await stack.queryAs(clerk(), IMPORT, {
      input: { ...input, dryRun: true, idempotencyKey: null },
    });
    expect(dry.body.errors).toBeUndefined();
    expect((await list()).totalCount).toBe(5);
  });

  it('pages newest first with a cursor', async () => {
    const all = await list();
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: Awaited<ReturnType<typeof stack.queryAs<List>>> = await stack.queryAs<List>(clerk(), LIST, {
        a: t.bunkyo.id,
        first: 2,
        after,
      });
      const page = res.body.data!.officeOperations;
      expect(page.nodes.length).toBeLessThanOrEqual(2);
      ids.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids).toEqual(all.nodes.map((n) => n.id));
    expect(ids).toHaveLength(all.totalCount);
  });

  it('a run whose process stopped (RUNNING for over an hour) is shown FAILED as interrupted; its key runs it again', async () => {
    // what a process that died mid-run leaves: a RUNNING record (its work's transaction rolled back)
    const [{ actor }] = (
      await c.query('SELECT actor FROM membership.office_operation WHERE id = $1', [runId])
    ).rows as { actor: string }[];
    const key = randomUUID();
    const id = randomUUID();
    const twoHoursAgo = new Date(clock.now().getTime() - 2 * 60 * 60 * 1000);
    await c.query(
      `INSERT INTO membership.office_operation (id, association_id, actor, kind, idempotency_key, status, done, total, started_at)
       VALUES ($1, $2, $3, 'INVOICE_RUN', $4, 'RUNNING', 100, 300, $5)`,
      [id, t.bunkyo.id, actor, key, twoHoursAgo],
    );
    // a run that started a moment ago is still running, not interrupted
    const fresh = randomUUID();
    await c.query(
      `INSERT INTO membership.office_operation (id, association_id, actor, kind, idempotency_key, status, done, started_at)
       VALUES ($1, $2, $3, 'PAYMENT_IMPORT', $4, 'RUNNING', 0, $5)`,
      [fresh, t.bunkyo.id, actor, randomUUID(), clock.now()],
    );
    const byId = await stack.queryAs<{ officeOperation: Op }>(clerk(), ONE, { id });
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data!.officeOperation).toMatchObject({ id, status: 'FAILED' });
    expect(byId.body.data!.officeOperation.message).toMatch(/^処理は完了が記録されないまま中断されました/);
    const nodes = (await list()).nodes;
    expect(nodes.find((n) => n.id === id)).toMatchObject({ status: 'FAILED' });
    expect(nodes.find((n) => n.id === fresh)).toMatchObject({ status: 'RUNNING' });

    // the same key pressed again runs it anew as the same operation (the year is already invoiced)
    const again = await stack.queryAs<Run>(clerk(), RUN, { a: t.bunkyo.id, fy: FY, k: key });
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.generateDuesInvoices).toMatchObject({
      created: 0,
      existing: MEMBERS,
      operationId: id,
    });
    expect((await list()).nodes.find((n) => n.id === id)).toMatchObject({
      status: 'SUCCEEDED',
      message: null,
    });
    await c.query('DELETE FROM membership.office_operation WHERE id = $1', [fresh]);
  });
});
