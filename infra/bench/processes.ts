/**
 * Server processes of a benchmark run (children of the harness, logs in `<data>/logs/`), and their
 * CPU time and memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { waitForOk } from '../dev/process-runner';

export interface Server {
  name: string;
  pid: number;
  /** Base URL (http://127.0.0.1:port). */
  base: string;
  /** The GraphQL endpoint. */
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(opts: {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  logDir: string;
  /** Path answering 200 when ready (default /readyz). */
  readyPath?: string;
  graphqlPath?: string;
  timeoutMs?: number;
}): Promise<Server> {
  mkdirSync(opts.logDir, { recursive: true });
  const log = createWriteStream(path.join(opts.logDir, `${opts.name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, opts.args, { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${opts.port}`;
  try {
    await waitForOk(
      `${base}${opts.readyPath ?? '/readyz'}`,
      Date.now() + (opts.timeoutMs ?? 240_000),
      exited,
    );
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    await new Promise<void>((resolve) => log.end(resolve));
    const logFile = path.join(opts.logDir, `${opts.name}.log`);
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
    throw new Error(`${opts.name} did not start: ${(err as Error).message} (log ${logFile}):\n${tail}`);
  }
  return {
    name: opts.name,
    pid: child.pid!,
    base,
    url: `${base}${opts.graphqlPath ?? '/graphql'}`,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

const CLK_TCK = 100; // Linux USER_HZ

/** utime + stime (and, with `children`, cutime + cstime) of a process, in seconds. */
export function cpuSeconds(pid: number, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime = field 14 → index 11
    const ticks =
      Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks / CLK_TCK;
  } catch {
    return 0;
  }
}

/** Resident set size in bytes (0 when gone). */
export function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Pids whose parent is `ppid`. */
export function childPids(ppid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === ppid) out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}

/**
 * CPU seconds of PostgreSQL: the postmaster with its reaped children plus the live backends
 * (pooled connections live through a workload; exited ones are in the postmaster's cutime).
 */
export function postgresCpuSeconds(postmasterPid: number): number {
  return (
    cpuSeconds(postmasterPid, true) + childPids(postmasterPid).reduce((sum, pid) => sum + cpuSeconds(pid), 0)
  );
}

export interface Sampled {
  cpuSeconds: Record<string, number>;
  peakRssBytes: Record<string, number>;
}

/**
 * Measure named processes over a window: CPU seconds consumed and peak RSS (sampled every 200 ms;
 * PostgreSQL's RSS is not summed: its backends share memory).
 */
export function startSampling(procs: Record<string, number>, postmasterPid?: number): () => Sampled {
  const cpu0: Record<string, number> = {};
  for (const [name, pid] of Object.entries(procs)) cpu0[name] = cpuSeconds(pid);
  const pg0 = postmasterPid ? postgresCpuSeconds(postmasterPid) : 0;
  const peak: Record<string, number> = {};
  const sample = () => {
    for (const [name, pid] of Object.entries(procs)) peak[name] = Math.max(peak[name] ?? 0, rssBytes(pid));
  };
  sample();
  const timer = setInterval(sample, 200);
  return () => {
    clearInterval(timer);
    sample();
    const cpu: Record<string, number> = {};
    for (const [name, pid] of Object.entries(procs)) cpu[name] = cpuSeconds(pid) - cpu0[name]!;
    if (postmasterPid) cpu.postgres = postgresCpuSeconds(postmasterPid) - pg0;
    return { cpuSeconds: cpu, peakRssBytes: peak };
  };
}
