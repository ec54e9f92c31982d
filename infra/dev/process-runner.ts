import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { LineFormatter } from './log-format';

export const repoRoot = path.resolve(__dirname, '../..');

/**
 * V8 flags every service process runs with, here and in the image (infra/docker/Dockerfile's
 * NODE_OPTIONS; deployment-config.spec checks they agree). A GraphQL request allocates many
 * short-lived objects (promises, resolver results, rows): with V8's default 16 MiB semi-space the
 * young generation was collected so often that garbage collection took ~25% of the membership
 * process's CPU on W3's 100-member page (full-scale benchmark profile); with 64 MiB it dropped out of
 * the profile's top entries. It costs up to ~150 MiB more resident memory per process at peak.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** `node <flags> --import tsx --import <orphan guard> <entry>`: TypeScript without a build step. */
export function tsNodeArgs(entry: string): string[] {
  return [
    ...SERVICE_NODE_FLAGS,
    '--import',
    'tsx',
    '--import',
    pathToFileURL(path.join(__dirname, 'orphan-guard.ts')).href,
    entry,
  ];
}

export interface ProcessSpec {
  name: string;
  /** Arguments after `node` (process.execPath). */
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Printed as it is, each line prefixed (pino JSON pretty-printed). */
  format: LineFormatter;
  /** Sees every output line first, e.g. to watch for a READY line; `false` hides the line. */
  onLine?: (line: string) => boolean | void;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * One child process of the dev runtime. It runs in its own process group (`detached`), so a
 * Ctrl-C in the terminal reaches only the runner, which then stops the children in order. Its
 * stdin is a pipe from the runner: the child's orphan guard stops it when the runner disappears.
 */
export class ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<ExitInfo>;
  private exitInfo: ExitInfo | undefined;

  constructor(
    spec: ProcessSpec,
    private readonly write: (text: string) => void,
  ) {
    this.name = spec.name;
    this.child = spawn(process.execPath, spec.args, {
      cwd: repoRoot,
      env: spec.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
      this.child.once('error', (err) => {
        this.write(spec.format(`failed to spawn: ${err.message}`));
        this.exitInfo = { code: 127, signal: null };
        resolve(this.exitInfo);
      });
    });
    // EPIPE on our end of the child's stdin when it exits: nothing to do.
    this.child.stdin!.on('error', () => undefined);
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      lines.on('line', (line) => {
        if (spec.onLine?.(line) === false) return;
        this.write(spec.format(line));
      });
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitInfo === undefined && this.child.pid !== undefined;
  }

  /** Signal the child's whole process group (it leads one: `detached`). */
  signal(sig: NodeJS.Signals): void {
    if (!this.running || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, sig);
    } catch {
      try {
        this.child.kill(sig);
      } catch {
        /* already gone */
      }
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs`. Resolves once the child has exited. */
  async stop(graceMs: number, onForce?: () => void): Promise<ExitInfo> {
    if (!this.running) return this.exited;
    this.signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const first = await Promise.race([this.exited, forced]);
    clearTimeout(timer);
    if (first === 'timeout') {
      onForce?.();
      this.signal('SIGKILL');
    }
    return this.exited;
  }

  /** Close the child's stdin (the embedded PostgreSQL runner stops on it). */
  closeStdin(): void {
    this.child.stdin?.end();
  }
}

export const describeExit = ({ code, signal }: ExitInfo) => (signal ? `signal ${signal}` : `code ${code}`);

/** Whether something already listens on host:port (a bind attempt, no connection made). */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'),
    );
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(false)));
  });
}

/**
 * Poll `url` until it answers 200. Rejects when `deadline` (epoch ms) passes or when `gone`
 * resolves (the process died first).
 */
export async function waitForOk(url: string, deadline: number, gone: Promise<unknown>): Promise<void> {
  let dead = false;
  void gone.then(() => {
    dead = true;
  });
  for (;;) {
    if (dead) throw new Error('exited before it was ready');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`no 200 from ${url} in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
