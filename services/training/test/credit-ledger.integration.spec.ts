import type { DataSource } from 'typeorm';
import { runAsViewer, type Viewer } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  buildTrainingSession,
} from '../../../test/support/builders';
import { makeDataSource } from '../src/data-source';
import { CreditLedgerRepository } from '../src/repositories/credit-ledger.repository';
import {
  appendCreditEntries,
  reverseCreditEntries,
  type CreditLedgerContext,
  type NewCreditEntry,
} from '../src/services/credit-ledger.service';

describe('credit ledger: service rules over the repository (training role, real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let repo: CreditLedgerRepository;
  let ctx: CreditLedgerContext;
  let personId: string;
  let sessionId: string;
  let staff: Viewer;

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const assoc = await buildAssociation(c);
    personId = (await buildPerson(c)).id;
    await buildMembership(c, { person_id: personId, association_id: assoc.id });
    sessionId = (await buildTrainingSession(c, { host_association_id: assoc.id })).id;
    staff = {
      kind: 'STAFF',
      scopes: [],
      associationId: assoc.id,
      associationTier: 'MUNICIPAL',
      role: 'CLERK',
    };
    ds = makeDataSource(db.urlFor('training')).dataSource;
    await ds.initialize();
    repo = new CreditLedgerRepository(ds);
    ctx = { services: { creditLedger: repo } as CreditLedgerContext['services'] };
  });

  afterAll(async () => {
    await ds?.destroy();
    await db.drop();
  });

  const append = (entries: NewCreditEntry[]) =>
    runAsViewer(staff, () => ds.transaction((m) => appendCreditEntries(ctx, m, entries)));
  const reverse = (id: string, reason: string) =>
    runAsViewer(staff, () => ds.transaction((m) => reverseCreditEntries(ctx, m, [id], reason, 's2')));

  it('appends session and manual entries in the caller transaction and reads them back', async () => {
    await append([
      {
        personId,
        programCode: 'CME',
        code: '10',
        units: 1.5,
        earnedOn: '2025-06-01',
        source: 'SESSION',
        sessionId,
        recordedBy: 's1',
      },
      {
        personId,
        programCode: 'CME',
        code: '12',
        units: 2,
        earnedOn: '2024-03-01',
        source: 'MANUAL',
        evidence: '紙の手帳 2023年度 p.4 / paper logbook FY2023 p.4',
        recordedBy: 's1',
      },
    ]);
    const rows = await runAsViewer(staff, () => repo.byPersonIds([personId], { programCode: 'CME' }));
    expect(rows.map((r) => [r.code, Number(r.units), r.earnedOn, r.source])).toEqual([
      ['12', 2, '2024-03-01', 'MANUAL'],
      ['10', 1.5, '2025-06-01', 'SESSION'],
    ]);
  });

  it('rejects units off the 0.5 grid, unknown curriculum codes and manual entries without evidence', async () => {
    const base = {
      personId,
      programCode: 'CME',
      code: '1',
      earnedOn: '2025-06-01',
      recordedBy: 's1',
    } as const;
    await expect(append([{ ...base, units: 0.25, source: 'SESSION', sessionId }])).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'entries.0.units' },
    });
    await expect(
      append([{ ...base, code: '85', units: 1, source: 'SESSION', sessionId }]),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'entries.0.code' },
    });
    await expect(append([{ ...base, units: 1, source: 'MANUAL', evidence: ' ' }])).rejects.toMatchObject({
      extensions: { field: 'entries.0.evidence' },
    });
    await expect(
      append([{ ...base, programCode: 'NOPE', units: 1, source: 'SESSION', sessionId }]),
    ).rejects.toMatchObject({
      extensions: { field: 'entries.0.programCode' },
    });
  });

  it('corrects by a reversing entry (once only) and the database refuses UPDATE and DELETE', async () => {
    const [entry] = await append([
      {
        personId,
        programCode: 'OCCUPATIONAL',
        code: 'BASIC_EARLY',
        units: 3,
        earnedOn: '2025-07-01',
        source: 'SESSION',
        sessionId,
        recordedBy: 's1',
      },
    ]);
    const [rev] = await reverse(entry!.id, 'wrong session');
    expect(rev).toMatchObject({ units: '-3.0', reversesEntryId: entry!.id, code: 'BASIC_EARLY', sessionId });
    await expect(reverse(entry!.id, 'again')).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    await expect(reverse(rev!.id, 'a reversal')).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    const active = await runAsViewer(staff, () =>
      ds.transaction((m) => repo.activeSessionEntries(m, sessionId, [personId])),
    );
    expect(active.map((e) => e.code)).toEqual(['10']);
    const c = await db.admin();
    await expect(
      c.query('UPDATE training.credit_entry SET units = 9 WHERE id = $1', [entry!.id]),
    ).rejects.toThrow(/append-only/);
    await expect(c.query('DELETE FROM training.credit_entry WHERE id = $1', [entry!.id])).rejects.toThrow(
      /append-only/,
    );
  });
});
