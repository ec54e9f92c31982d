import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FETCH_BAD_PORTS, fetchRefusedPorts } from './ports';

/** Why fetch failed: undici's `bad port` refusal or a network error (the port was tried). */
async function fetchFailure(port: number): Promise<string> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
    return 'answered';
  } catch (err) {
    const cause = (err as { cause?: { message?: string; code?: string } }).cause;
    return cause?.message === 'bad port' ? 'bad port' : (cause?.code ?? 'other');
  }
}

describe('ports fetch refuses', () => {
  it('lists the ports given that are on the list, in order', () => {
    expect(fetchRefusedPorts([4000, 4001, 4010])).toEqual([]);
    expect(fetchRefusedPorts([6000, 6001, 6002, 6003, 6004, 6010])).toEqual([6000]);
    expect(fetchRefusedPorts([6670, 6669, 6665, 10080, 6697])).toEqual([6669, 6665, 10080, 6697]);
  });

  it('is the list this Node’s fetch refuses without trying (each listed port: `bad port`)', async () => {
    const failures = await Promise.all(FETCH_BAD_PORTS.map(fetchFailure));
    expect(FETCH_BAD_PORTS.filter((_, i) => failures[i] !== 'bad port')).toEqual([]);
  });
});

describe('npm start on a port base fetch refuses', () => {
  it('exits 1 at once, naming the ports, before starting anything', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mamis-bad-ports-'));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        MAMIS_PORT_BASE: '6000',
        MAMIS_DATA_DIR: dataDir,
        NO_COLOR: '1',
      };
      delete env.DATABASE_URL;
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'start.ts')], {
        cwd: path.resolve(__dirname, '../..'),
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      // Without the check it starts PostgreSQL and the services and never becomes ready: a
      // generous bound against that (it would run into MAMIS_READY_TIMEOUT_MS, 60 s, at the earliest).
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), 30_000)));
      const result = await Promise.race([exit, late]);
      clearTimeout(timer);
      if (result === 'late') {
        process.kill(-child.pid!, 'SIGKILL');
        await exit;
      }
      expect({ result, output }).toEqual({
        result: 1,
        output: expect.stringMatching(/port 6000 \(gateway\).*refuse/s),
      });
      expect(output).toMatch(/MAMIS_PORT_BASE/);
      expect(readdirSync(dataDir)).toEqual([]); // no PostgreSQL cluster initialised
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
