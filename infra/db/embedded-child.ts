import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

export interface EmbeddedChild {
  adminUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Start `embedded-server.ts` in a child process and wait for its READY line. */
export function spawnEmbeddedPostgres(opts: {
  dataDir: string;
  ephemeral?: boolean;
  fast?: boolean;
  port?: number;
}): Promise<EmbeddedChild> {
  // `node --import tsx` rather than the tsx CLI: no wrapper process between us and the server
  // runner, so signals and stdin reach it directly.
  const args = ['--import', 'tsx', path.join(__dirname, 'embedded-server.ts'), '--data-dir', opts.dataDir];
  if (opts.ephemeral) args.push('--ephemeral');
  if (opts.fast) args.push('--fast');
  if (opts.port) args.push('--port', String(opts.port));
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'], cwd: repoRoot });
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(
      () => reject(new Error('embedded postgres did not start within 120 s')),
      120_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const m = /READY (\S+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve({
          adminUrl: m[1]!,
          child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded postgres exited early (code ${code})`));
    });
  });
}
