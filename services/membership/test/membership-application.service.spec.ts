import { applicationComment, decidableStep } from '../src/services/membership-application.service';

/** The rules of deciding an application step, without a database. */
describe('membership application rules', () => {
  const steps = [
    { id: 's1', status: 'APPROVED' as const },
    { id: 's2', status: 'PENDING' as const },
    { id: 's3', status: 'PENDING' as const },
  ];

  it('lets only the current step of a pending application be decided', () => {
    expect(decidableStep({ status: 'PENDING' }, steps, 's2')).toEqual({ last: false });
    expect(decidableStep({ status: 'PENDING' }, steps.slice(0, 2), 's2')).toEqual({ last: true });
    expect(() => decidableStep({ status: 'PENDING' }, steps, 's3')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'CONFLICT', field: 'stepId' }) }),
    );
    expect(() => decidableStep({ status: 'PENDING' }, steps, 's1')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'CONFLICT', field: 'stepId' }) }),
    );
  });

  it('refuses a decision on a closed application before looking at its steps', () => {
    for (const status of ['APPROVED', 'REJECTED', 'CANCELLED'] as const)
      expect(() => decidableStep({ status }, steps, 's2')).toThrow(
        expect.objectContaining({
          message: expect.stringContaining(status),
          extensions: expect.objectContaining({ code: 'CONFLICT', field: 'stepId' }),
        }),
      );
  });

  it('trims comments, keeps empty ones as null and refuses more than 1,000 characters', () => {
    expect(applicationComment('comment', '  承認  ')).toBe('承認');
    expect(applicationComment('comment', '   ')).toBeNull();
    expect(applicationComment('reason', null)).toBeNull();
    expect(applicationComment('comment', 'あ'.repeat(1000))).toHaveLength(1000);
    expect(() => applicationComment('input.comment', 'あ'.repeat(1001))).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.comment' }),
      }),
    );
  });
});
