import { GraphQLError } from 'graphql';
import { AppError, createErrorFormatter, ErrorCode, UNAVAILABLE_MESSAGE } from '../src/errors';

const formatted = (e: GraphQLError) => ({ message: e.message, path: ['x'], extensions: { ...e.extensions } });

describe('error masking', () => {
  const prod = createErrorFormatter({ development: false });
  const dev = createErrorFormatter({ development: true });

  it('keeps the code, message and field of an error raised on purpose', () => {
    const e = new AppError(ErrorCode.BAD_USER_INPUT, 'Postal code must be 7 digits', {
      field: 'input.postalCode',
    });
    expect(prod(formatted(e), e)).toEqual({
      message: 'Postal code must be 7 digits',
      path: ['x'],
      extensions: { code: 'BAD_USER_INPUT', field: 'input.postalCode' },
    });
  });

  it('masks an unexpected exception (SQL, stack) as INTERNAL in production', () => {
    const original = new Error(
      'duplicate key value violates unique constraint "person_pkey" at INSERT INTO membership.person',
    );
    const e = new GraphQLError(original.message, {
      originalError: original,
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
    });
    const out = prod(formatted(e), e);
    expect(out).toEqual({
      message: 'Internal server error',
      path: ['x'],
      extensions: { code: 'INTERNAL' },
      locations: undefined,
    });
    expect(JSON.stringify(out)).not.toMatch(/INSERT|person_pkey|stacktrace/);
  });

  it('masks an unexpected error even when it claims a public code', () => {
    const original = Object.assign(new Error('SELECT secret FROM x'), {
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const e = new GraphQLError(original.message, {
      originalError: original,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(prod(formatted(e), e).message).toBe('Internal server error');
  });

  it('passes through an error a subgraph already masked (gateway side), without the service name', () => {
    const e = new GraphQLError('Malformed cursor', {
      originalError: { message: 'Malformed cursor' } as unknown as Error,
      extensions: { code: 'BAD_USER_INPUT', field: 'after', serviceName: 'membership' },
    });
    expect(prod(formatted(e), e).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('keeps the original message but never the stack in development', () => {
    const original = new Error('boom');
    const e = new GraphQLError('boom', { originalError: original, extensions: { stacktrace: ['at y'] } });
    expect(dev(formatted(e), e)).toMatchObject({ message: 'boom', extensions: { code: 'INTERNAL' } });
    expect(JSON.stringify(dev(formatted(e), e))).not.toContain('stacktrace');
  });

  it('an overloaded database (statement timeout, pool, deadlock) is UNAVAILABLE, not INTERNAL', () => {
    const causes: Error[] = [
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      // TypeORM's QueryFailedError keeps the driver's error beside its own fields
      Object.assign(new Error('Query failed'), { driverError: { code: '40P01' } }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
      new Error('timeout exceeded when trying to connect'),
    ];
    for (const original of causes) {
      const e = new GraphQLError(original.message, { originalError: original });
      for (const format of [prod, dev])
        expect(format(formatted(e), e)).toEqual({
          message: UNAVAILABLE_MESSAGE,
          path: ['x'],
          locations: undefined,
          extensions: { code: 'UNAVAILABLE' },
        });
    }
    // any other database error stays INTERNAL (a bug)
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    const e = new GraphQLError(unique.message, { originalError: unique });
    expect(prod(formatted(e), e).extensions).toEqual({ code: 'INTERNAL' });
  });
});
