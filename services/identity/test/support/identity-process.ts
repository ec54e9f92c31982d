import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clockEnv } from '@mamis/platform';
import { generateSigningKey } from '../../src/auth/keys';

const repoRoot = path.resolve(__dirname, '../../../..');

export interface IdentityProcess {
  url: string;
  /** The data key the service seals TOTP secrets with (tests seed accounts with it). */
  dataKey: Buffer;
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Run the identity service as a child process (`node --import tsx src/index.ts`) on a free port:
 * oidc-provider is ESM-only and jest's module system (on Node 20) cannot load it in-process.
 * Acceptance tests talk to it over HTTP only, like any client. The child gets this process's clock
 * setting as it is at the start (a shifted run, or a clock the test pinned before starting it),
 * except with NODE_ENV=production.
 */
export async function startIdentity(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<IdentityProcess> {
  const dataKey = randomBytes(32);
  const logs: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'services/identity/src/index.ts')],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: databaseUrl,
        IDENTITY_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mamis-identity-')),
        IDENTITY_DATA_KEY: dataKey.toString('base64'),
        IDENTITY_JWKS: JSON.stringify({
          keys: [generateSigningKey(`test-${randomBytes(4).toString('hex')}`)],
        }),
        IDENTITY_COOKIE_KEYS: randomBytes(32).toString('base64url'),
        // a production start keeps the real clock (the service refuses a shifted or pinned one)
        ...(env.NODE_ENV === 'production' ? {} : clockEnv()),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`identity did not start:\n${logs.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      logs.push(text);
      for (const line of text.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const rec = JSON.parse(line) as { msg?: string; url?: string };
          if (rec.msg === 'identity listening' && rec.url) {
            clearTimeout(timer);
            resolve(rec.url);
          }
        } catch {
          // not a log record
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => logs.push(c.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`identity exited with ${code}:\n${logs.join('')}`));
    });
  });
  return {
    url,
    dataKey,
    logs,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
