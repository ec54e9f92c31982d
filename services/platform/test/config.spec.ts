import { z } from 'zod';
import { analyticsReadEnv, ConfigError, loadConfig, serviceEnv } from '../src/config';

describe('loadConfig', () => {
  it('reports every problem at once, each with the variable name', () => {
    let error: unknown;
    try {
      loadConfig(serviceEnv(4001), { PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect((error as ConfigError).message).toContain('DATABASE_URL: must be a postgres:// URL');
  });

  it('names a missing required variable', () => {
    expect(() => loadConfig(serviceEnv(4001), {})).toThrow(/DATABASE_URL: required/);
  });

  it('applies defaults: loopback host, the service port, development mode', () => {
    const c = loadConfig(serviceEnv(4002), { DATABASE_URL: 'postgres://u:p@localhost/db' });
    expect(c).toMatchObject({ HOST: '127.0.0.1', PORT: 4002, NODE_ENV: 'development', DB_POOL_SIZE: 10 });
  });

  it('works with any zod object schema', () => {
    expect(loadConfig(z.object({ A: z.coerce.number() }), { A: '3' })).toEqual({ A: 3 });
  });
});

describe("DATABASE_READ_URL (the aggregates' read replica)", () => {
  const schema = serviceEnv(4001).extend(analyticsReadEnv);
  const primary = 'postgres://u:p@primary/db';

  it('is optional: unset or empty, the aggregates stay on the primary', () => {
    expect(loadConfig(schema, { DATABASE_URL: primary }).DATABASE_READ_URL).toBeUndefined();
    expect(
      loadConfig(schema, { DATABASE_URL: primary, DATABASE_READ_URL: '' }).DATABASE_READ_URL,
    ).toBeUndefined();
  });

  it('takes a postgres:// URL', () => {
    const url = 'postgresql://u:p@replica/db';
    expect(loadConfig(schema, { DATABASE_URL: primary, DATABASE_READ_URL: url }).DATABASE_READ_URL).toBe(url);
  });

  it('is reported with every other problem', () => {
    let error: unknown;
    try {
      loadConfig(schema, { DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://replica', PORT: 'x' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_READ_URL',
      'PORT',
    ]);
  });
});
