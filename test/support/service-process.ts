import { spawn } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

export interface ServiceProcess {
  /** The URL the service logged when listening (`…/graphql` for the gateway and subgraphs). */
  url: string;
  /** Everything it wrote on stdout and stderr. */
  logs: string[];
  /** SIGTERM, and wait for the exit (a service exports its last spans before it exits). */
  stop(): Promise<number | null>;
}

/**
 * Run a service as `npm start` and the images do: its own Node process (`node --import tsx
 * <folder>/src/index.ts`) with only the environment given here (plus PATH and HOME), on a port
 * the OS picks (PORT=0). Resolves when its log says it listens (`<msg>` with a `url`).
 * For what must be per process, such as OpenTelemetry (one SDK and one service name each).
 */
export async function startServiceProcess(
  folder: string,
  listeningMessage: string,
  env: Record<string, string>,
  timeoutMs = 90_000,
): Promise<ServiceProcess> {
  const logs: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, folder, 'src/index.ts')], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${folder} did not start within ${timeoutMs} ms:\n${logs.join('')}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      logs.push(text);
      for (const line of text.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const rec = JSON.parse(line) as { msg?: string; url?: string };
          if (rec.msg === listeningMessage && rec.url) {
            clearTimeout(timer);
            resolve(rec.url);
          }
        } catch {
          // not a log record
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${folder} exited with ${code}:\n${logs.join('')}`));
    });
  });
  return {
    url,
    logs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
