import type { EntityManager } from 'typeorm';
import { clock } from '@mamis/platform';
import type { CreditEntryEntity } from '../src/entities';
import {
  appendCreditEntries,
  isHalfUnitStep,
  reverseCreditEntries,
  validateCreditEntry,
  type CreditLedgerContext,
  type NewCreditEntry,
} from '../src/services/credit-ledger.service';

/** The credit ledger's rules, with a fake repository (no database). */
describe('credit ledger service', () => {
  const manager = {} as EntityManager;
  const PERSON = '0b6a4c1e-4f3a-4d43-9a65-0f0d5c8f2a11';
  const SESSION = '5d1f5a0e-8a57-4b9b-9b1e-3f3c2a1d0e22';
  const ENTRY = '7e2b1c3d-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
  const base: NewCreditEntry = {
    personId: PERSON,
    programCode: 'CME',
    code: '10',
    units: 1.5,
    earnedOn: clock.today(),
    source: 'SESSION',
    sessionId: SESSION,
    recordedBy: 's1',
  };

  function fakeLedger(opts: { originals?: Partial<CreditEntryEntity>[]; reversals?: number } = {}) {
    const inserted: unknown[] = [];
    const creditLedger = {
      programCodes: async () =>
        new Map([
          ['CME', ['1', '10', '12']],
          ['OWN_X', [] as string[]],
        ]),
      insertEntries: async (_m: EntityManager, rows: unknown[]) => {
        inserted.push(...rows);
        return rows;
      },
      lockByIds: async () => opts.originals ?? [],
      countReversalsOf: async () => opts.reversals ?? 0,
      insertReversals: async (_m: EntityManager, originals: CreditEntryEntity[], reason: string) =>
        originals.map((o) => ({ ...o, reversesEntryId: o.id, evidence: reason })),
    };
    const ctx = { services: { creditLedger } } as unknown as CreditLedgerContext;
    return { ctx, inserted };
  }

  const fieldOf = async (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: { extensions: { code: string; field?: string } }) =>
        `${e.extensions.code} ${e.extensions.field ?? ''}`,
    );

  it('accepts units in 0.5 steps only', () => {
    expect([0.5, 1, 1.5, 9999].map(isHalfUnitStep)).toEqual([true, true, true, true]);
    expect([0, -0.5, 0.25, 10000, Number.NaN].map(isHalfUnitStep)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("checks an entry's fields with the field path of the entry", () => {
    const problem = (e: Partial<NewCreditEntry>) => {
      try {
        validateCreditEntry({ ...base, ...e } as NewCreditEntry, 'entries.3');
        return null;
      } catch (err) {
        return (err as { extensions: { field: string } }).extensions.field;
      }
    };
    expect(problem({})).toBeNull();
    expect(problem({ personId: 'nope' })).toBe('entries.3.personId');
    expect(problem({ programCode: ' ' })).toBe('entries.3.programCode');
    expect(problem({ code: '' })).toBe('entries.3.code');
    expect(problem({ units: 0.25 })).toBe('entries.3.units');
    expect(problem({ earnedOn: clock.today().replace(/-/g, '/') })).toBe('entries.3.earnedOn');
    expect(problem({ sessionId: null })).toBe('entries.3.sessionId');
    expect(problem({ source: 'MANUAL', evidence: '  ' })).toBe('entries.3.evidence');
    expect(problem({ source: 'OTHER' as never })).toBe('entries.3.source');
  });

  it('refuses unknown programmes and codes outside the programme, and writes nothing', async () => {
    const { ctx, inserted } = fakeLedger();
    expect(await fieldOf(appendCreditEntries(ctx, manager, [base, { ...base, programCode: 'NOPE' }]))).toBe(
      'BAD_USER_INPUT entries.1.programCode',
    );
    expect(await fieldOf(appendCreditEntries(ctx, manager, [{ ...base, code: '85' }]))).toBe(
      'BAD_USER_INPUT entries.0.code',
    );
    expect(inserted).toEqual([]);
  });

  it('appends valid entries with a trimmed evidence (any code in a programme without a code list)', async () => {
    const { ctx, inserted } = fakeLedger();
    await appendCreditEntries(ctx, manager, [
      base,
      {
        ...base,
        programCode: 'OWN_X',
        code: 'ANY',
        source: 'MANUAL',
        sessionId: undefined,
        evidence: ' p.4 ',
      },
    ]);
    expect(inserted).toEqual([
      expect.objectContaining({ code: '10', sessionId: SESSION, evidence: null }),
      expect.objectContaining({ code: 'ANY', sessionId: null, evidence: 'p.4', source: 'MANUAL' }),
    ]);
  });

  it('reverses an entry once only, with a reason, and never a reversing entry', async () => {
    const original = { id: ENTRY, units: '3.0', reversesEntryId: null };
    expect(await fieldOf(reverseCreditEntries(fakeLedger().ctx, manager, [ENTRY], ' ', 's2'))).toBe(
      'BAD_USER_INPUT reason',
    );
    expect(await fieldOf(reverseCreditEntries(fakeLedger().ctx, manager, [ENTRY], 'r', 's2'))).toBe(
      'NOT_FOUND ',
    );
    expect(
      await fieldOf(
        reverseCreditEntries(
          fakeLedger({ originals: [original], reversals: 1 }).ctx,
          manager,
          [ENTRY],
          'r',
          's2',
        ),
      ),
    ).toBe('CONFLICT entryId');
    expect(
      await fieldOf(
        reverseCreditEntries(
          fakeLedger({ originals: [{ ...original, reversesEntryId: PERSON }] }).ctx,
          manager,
          [ENTRY],
          'r',
          's2',
        ),
      ),
    ).toBe('CONFLICT entryId');
    const [rev] = await reverseCreditEntries(
      fakeLedger({ originals: [original] }).ctx,
      manager,
      [ENTRY],
      ' wrong ',
      's2',
    );
    expect(rev).toMatchObject({ reversesEntryId: ENTRY, evidence: 'wrong' });
    expect(await reverseCreditEntries(fakeLedger().ctx, manager, ['not-a-uuid'], 'r', 's2')).toEqual([]);
  });
});
