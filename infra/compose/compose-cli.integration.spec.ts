import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The compose command itself (`npm run compose:check`), run as CI runs it: its exit status and
 * messages. It needs no database: it sits in the integration tier because each run starts tsx and
 * composes the supergraph (seconds each); the verdicts are checked in process in compose.spec.ts.
 */
const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [tsx, path.join(root, 'infra/compose/compose.ts'), ...args], {
    encoding: 'utf8',
  });

describe('compose:check (the command)', () => {
  it('passes on the checked-in supergraph', () => {
    const r = run('--check');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/supergraph is up to date/);
    expect(r.status).toBe(0);
  });

  it('exits 1 and says so when the supergraph was edited by hand', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamis-schema-'));
    cpSync(path.join(root, 'schema'), dir, { recursive: true });
    const file = path.join(dir, 'supergraph.graphql');
    writeFileSync(file, readFileSync(file, 'utf8').replace('registryNumber: String!', 'registryNo: String!'));
    const r = run('--check', '--dir', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/supergraph\.graphql is stale/);
  });
});
