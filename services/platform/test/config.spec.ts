import { z } from 'zod';
import { ConfigError, loadConfig, serviceEnv } from '../src/config';

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
