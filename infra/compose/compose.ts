/**
 * Compose `schema/<subgraph>.graphql` into `schema/supergraph.graphql` with @apollo/composition.
 *   npm run compose           write the supergraph
 *   npm run compose:check     fail when composition errors or the checked-in file is stale
 *   options: --dir <schema dir> (default: the repo's schema/)
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from './compose-supergraph';

const args = process.argv.slice(2);
const dirIdx = args.indexOf('--dir');
const dir = dirIdx >= 0 ? path.resolve(args[dirIdx + 1]!) : path.resolve(__dirname, '../../schema');
const check = args.includes('--check');
const target = path.join(dir, 'supergraph.graphql');

const result = composeSupergraph(dir);
if (!result.ok) {
  console.error('Composition failed:');
  for (const e of result.errors) console.error(`  - ${e}`);
  process.exit(1);
}
if (check) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== result.supergraphSdl) {
    console.error(
      `${path.relative(process.cwd(), target)} is stale: run \`npm run compose\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log('supergraph is up to date.');
} else {
  writeFileSync(target, result.supergraphSdl);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
