import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * PostgreSQL cannot listen on port 0: the embedded server gets a port that was free a moment
 * earlier. When someone takes it in between (another test run on the machine), it starts again on
 * another free port instead of failing the run.
 */
describe('embedded PostgreSQL on a free port', () => {
  it('starts on another free port when the chosen one is taken before PostgreSQL binds it', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as net.AddressInfo).port;
    const dir = mkdtempSync(path.join(tmpdir(), 'mamis-embedded-port-'));
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(__dirname, 'embedded-port-retry.fixture.ts'),
          path.join(dir, 'pg'),
          String(taken),
        ],
        { cwd: path.resolve(__dirname, '../..') },
      ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? String(err) }));
      const result = JSON.parse(/RESULT (.*)/.exec(stdout)?.[1] ?? JSON.stringify({ stdout })) as unknown;
      expect(result).toEqual({
        chosen: [taken, expect.any(Number)],
        port: expect.any(Number),
        rows: [{ one: 1 }],
      });
      const { chosen, port } = result as { chosen: number[]; port: number };
      expect(port).toBe(chosen[1]);
      expect(port).not.toBe(taken);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
