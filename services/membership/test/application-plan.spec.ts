import { AppError } from '@mamis/platform';
import { planApplication, type PlanContext } from '../src/domain/application-plan';

const A = {
  jma: { tier: 'NATIONAL', code: 'JMA' },
  tokyo: { tier: 'PREFECTURAL', code: 'P13' },
  kanagawa: { tier: 'PREFECTURAL', code: 'P14' },
  bunkyo: { tier: 'MUNICIPAL', code: 'M13105' },
  yokohama: { tier: 'MUNICIPAL', code: 'M14100' },
  district: { tier: 'DISTRICT', code: 'D27001' },
  univ: { tier: 'WORKPLACE', code: 'W13001' },
} as const;
type Key = keyof typeof A;

const ctx = (active: Partial<Record<Key, string>> = {}): PlanContext => ({
  associations: new Map(Object.entries(A).map(([k, v]) => [k, { ...v }])),
  active: new Map(Object.entries(active).map(([k, category]) => [k, { category, joinedOn: '2015-04-01' }])),
});

describe('planApplication', () => {
  it('orders steps district → municipal (and workplace) → prefectural → national, whatever the input order', () => {
    const steps = planApplication(
      {
        kind: 'JOIN',
        effectiveOn: '2026-04-01',
        associations: ['jma', 'tokyo', 'univ', 'bunkyo', 'district'].map((id) => ({
          associationId: id,
          category: 'A',
        })),
      },
      ctx(),
    );
    expect(steps.map((s) => [s.ordinal, s.associationId])).toEqual([
      [1, 'district'],
      [2, 'bunkyo'],
      [3, 'univ'],
      [4, 'tokyo'],
      [5, 'jma'],
    ]);
  });

  it('pairs a transfer tier by tier, the association left deciding first, categories carried over', () => {
    const steps = planApplication(
      {
        kind: 'TRANSFER',
        effectiveOn: '2026-10-01',
        transferFrom: ['tokyo', 'bunkyo'],
        associations: [{ associationId: 'kanagawa' }, { associationId: 'yokohama', category: 'B' }],
      },
      ctx({ tokyo: 'A①', bunkyo: 'A', jma: 'A①' }),
    );
    expect(steps.map((s) => [s.associationId, s.action, s.category, s.counterpartAssociationId])).toEqual([
      ['bunkyo', 'TRANSFER_OUT', 'A', 'yokohama'],
      ['yokohama', 'TRANSFER_IN', 'B', 'bunkyo'],
      ['tokyo', 'TRANSFER_OUT', 'A①', 'kanagawa'],
      ['kanagawa', 'TRANSFER_IN', 'A①', 'tokyo'],
    ]);
  });

  it('refuses a transfer that leaves an association without joining one of its tier', () => {
    try {
      planApplication(
        {
          kind: 'TRANSFER',
          effectiveOn: '2026-10-01',
          transferFrom: ['bunkyo', 'tokyo'],
          associations: [{ associationId: 'yokohama' }],
        },
        ctx({ tokyo: 'A', bunkyo: 'A' }),
      );
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.transferFrom.1',
      });
    }
  });

  it('refuses an effective date before the membership began', () => {
    expect(() =>
      planApplication(
        { kind: 'LEAVE', effectiveOn: '2015-03-31', associations: [{ associationId: 'bunkyo' }] },
        ctx({ bunkyo: 'A' }),
      ),
    ).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ field: 'input.effectiveOn' }),
      }) as Error,
    );
  });

  it('normalises categories typed full-width and keeps circled digits', () => {
    const [step] = planApplication(
      {
        kind: 'CATEGORY_CHANGE',
        effectiveOn: '2026-04-01',
        associations: [{ associationId: 'jma', category: 'Ａ②（Ｂ）' }],
      },
      ctx({ jma: 'C' }),
    );
    expect(step).toMatchObject({ action: 'CATEGORY_CHANGE', category: 'A②(B)' });
  });
});
