import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Run ensurePortalBuild in a process of its own (the build is synchronous within a process). */
function buildIn(cacheRoot: string): Promise<{ code: number | null; out: string }> {
  const script = `require('./services/portal/server/portal-build').ensurePortalBuild(undefined, ${JSON.stringify(cacheRoot)})`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: repoRoot });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/**
 * Two portal browser-test files start at once on a machine without the build (CI's fresh clone):
 * both build, neither fails, and one build is kept.
 */
describe('portal build: two test files at once', () => {
  const cacheRoot = mkdtempSync(path.join(tmpdir(), 'mamis-portal-build-'));
  afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

  it('builds in two processes at the same time without either failing', async () => {
    const results = await Promise.all([buildIn(cacheRoot), buildIn(cacheRoot)]);
    expect(results.map((r) => (r.code === 0 ? 0 : r.out))).toEqual([0, 0]);
    const builds = readdirSync(cacheRoot).filter((n) => !n.startsWith('.'));
    expect(builds).toHaveLength(1);
    expect(existsSync(path.join(cacheRoot, builds[0]!, 'index.html'))).toBe(true);
  }, 300_000);
});
