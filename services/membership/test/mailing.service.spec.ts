import { AppError, clock, ErrorCode } from '@mamis/platform';
import type { MembershipWriteContext } from '../src/context';
import { exportMailingList, mailingText } from '../src/services/mailing.service';

/** The mailing-list export's authorisation, validation and writes, with fake repositories. */
describe('mailing service', () => {
  const members = [
    {
      personId: 'p1',
      postalCode: '1000001',
      address: '東京都千代田区',
      familyName: '山田',
      givenName: '花子',
      familyNameKana: 'ヤマダ',
      givenNameKana: 'ハナコ',
    },
    {
      personId: 'p2',
      postalCode: '1000002',
      address: '東京都港区',
      familyName: '佐藤',
      givenName: '一郎',
      familyNameKana: 'サトウ',
      givenNameKana: 'イチロウ',
    },
  ];

  function fakeContext(opts: { denied?: boolean } = {}) {
    const calls: string[] = [];
    const recorded: unknown[] = [];
    const exports: [string[], string][] = [];
    const ctx = {
      viewer: {
        kind: 'STAFF',
        scopes: [],
        associationId: 'a1',
        associationTier: 'MUNICIPAL',
        role: 'CLERK',
        accountId: 'acc-1',
      },
      access: {
        authorizeAssociation: () => {
          calls.push('authorize');
          if (opts.denied) throw new AppError(ErrorCode.FORBIDDEN, 'denied');
        },
        filterVisible: async (ids: string[]) => ids.filter((id) => id !== 'p2'),
        recordExport: (ids: string[], group: string) => exports.push([ids, group]),
      },
      loaders: { associationById: { load: async () => ({ code: 'TKY' }) } },
      services: {
        dataSource: {
          transaction: async (work: (m: unknown) => Promise<unknown>) => {
            calls.push('transaction');
            return work('manager');
          },
        },
        provisionRecords: {
          currentMembers: async () => {
            calls.push('read');
            return members;
          },
          record: async (input: unknown, manager: unknown) => {
            calls.push(`record:${String(manager)}`);
            recorded.push(input);
            return { id: 'rec-1' };
          },
        },
      },
    } as unknown as MembershipWriteContext;
    return { ctx, calls, recorded, exports };
  }

  const input = {
    associationId: 'a1',
    format: 'CSV_UTF8_BOM' as const,
    purpose: ' 会報 ',
    recipient: '印刷会社',
  };

  it('authorises before validating or reading anything', async () => {
    const { ctx, calls } = fakeContext({ denied: true });
    await expect(exportMailingList(ctx, { ...input, purpose: '' })).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(calls).toEqual(['authorize']);
  });

  it('refuses an empty or over-long purpose or recipient with its field path', async () => {
    const { ctx, calls } = fakeContext();
    await expect(exportMailingList(ctx, { ...input, purpose: '  ' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.purpose' },
    });
    await expect(exportMailingList(ctx, { ...input, recipient: 'x'.repeat(201) })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.recipient' },
    });
    expect(calls).not.toContain('read');
    expect(mailingText(' ｱ ', 'f')).toBe('ｱ');
  });

  it('lists the visible members only, records the provision in a transaction and the exports', async () => {
    const { ctx, calls, recorded, exports } = fakeContext();
    const out = await exportMailingList(ctx, input);
    expect(calls).toEqual(['authorize', 'read', 'transaction', 'record:manager']);
    expect(out.file).toMatchObject({ filename: `mailing-TKY-${clock.today()}.csv`, rowCount: 1 });
    expect(out.provisionRecord).toEqual({ id: 'rec-1' });
    expect(recorded).toEqual([
      expect.objectContaining({
        associationId: 'a1',
        purpose: '会報',
        recipient: '印刷会社',
        personIds: ['p1'],
      }),
    ]);
    expect(exports).toEqual([
      [['p1'], 'CONTACT'],
      [['p1'], 'IDENTITY'],
    ]);
  });
});
