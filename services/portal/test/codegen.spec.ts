import { spawnSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * The portal's typed operations (src/gql) are generated from its `graphql()` documents and the
 * checked-in supergraph; a stale copy (an operation or the schema changed without
 * `npm run portal:codegen`) fails here, as `compose:check` does for the supergraph.
 */
describe('portal codegen', () => {
  it('src/gql is what GraphQL Code Generator makes from the operations and the supergraph', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'services/portal/scripts/codegen.ts'), '--check'],
      { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
    );
    expect({ status: r.status, output: `${r.stdout}${r.stderr}`.trim() }).toEqual({
      status: 0,
      output: 'portal GraphQL types are up to date.',
    });
  });
});
