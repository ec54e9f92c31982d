import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';

/**
 * The portal's production build (Vite), made once per content of its sources: the output lives in
 * `node_modules/.cache/mamis-portal/<hash>/` (hash of src/, index.html, the Vite config, the
 * portal's package.json and the installed Vite version), built beside it and renamed into place,
 * so two test files starting at once never serve half a build and a second run reuses it.
 */
export const portalDir = path.resolve(__dirname, '..');
const repoRoot = path.resolve(portalDir, '..', '..');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

/** A hash of everything that goes into the build. */
export function portalSourceHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(path.join(portalDir, 'src')).filter((f) => !f.endsWith('.spec.ts')),
    ...filesUnder(path.join(portalDir, 'public')),
    path.join(portalDir, 'index.html'),
    path.join(portalDir, 'vite.config.ts'),
    path.join(portalDir, 'package.json'),
    path.join(repoRoot, 'node_modules', 'vite', 'package.json'),
  ];
  for (const file of inputs) {
    hash.update(path.relative(repoRoot, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Build the portal if this content has not been built yet; returns the folder of the build. */
export function ensurePortalBuild(
  log: (line: string) => void = () => undefined,
  cacheRoot = path.join(repoRoot, 'node_modules', '.cache', 'mamis-portal'),
): string {
  const dir = path.join(cacheRoot, portalSourceHash());
  if (existsSync(path.join(dir, 'index.html'))) return dir;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(path.join(cacheRoot, '.build-'));
  log(`building the portal with Vite into ${path.relative(repoRoot, dir)} …`);
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    // each build writes its own staging folder: Vite's per-project lock would make a second test
    // file that starts at the same time fail instead of building beside the first
    [vite, 'build', '--outDir', staging, '--emptyOutDir', '--logLevel', 'warn', '--bypass-lock'],
    { cwd: portalDir, encoding: 'utf8', timeout: 300_000, env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (r.status !== 0 || !existsSync(path.join(staging, 'index.html'))) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `the portal build failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}${r.stderr}`,
    );
  }
  try {
    renameSync(staging, dir);
  } catch {
    // another process built the same content first: use theirs
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}
