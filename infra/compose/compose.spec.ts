import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [tsx, path.join(root, 'infra/compose/compose.ts'), ...args], {
    encoding: 'utf8',
  });

const copySchemaDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamis-schema-'));
  cpSync(path.join(root, 'schema'), dir, { recursive: true });
  return dir;
};

describe('compose:check', () => {
  it('passes on the checked-in supergraph', () => {
    const r = run('--check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('fails when the supergraph was edited by hand', () => {
    const dir = copySchemaDir();
    const file = path.join(dir, 'supergraph.graphql');
    writeFileSync(file, readFileSync(file, 'utf8').replace('registryNumber: String!', 'registryNo: String!'));
    const r = run('--check', '--dir', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/supergraph\.graphql is stale/);
  });

  it('fails when a subgraph schema changed but the supergraph was not recomposed', () => {
    const dir = copySchemaDir();
    const file = path.join(dir, 'consent.graphql');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('method: String!', 'method: String!\n  client: String'),
    );
    const r = run('--check', '--dir', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/stale/);
  });

  it('fails with the composition errors when subgraphs disagree', () => {
    const dir = copySchemaDir();
    const file = path.join(dir, 'training.graphql');
    // a second definition of the Person key field with another type cannot compose
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'type Person @key(fields: "id") {\n  id: ID!',
        'type Person @key(fields: "id") {\n  id: Int!',
      ),
    );
    const r = run('--check', '--dir', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Composition failed/);
  });
});
