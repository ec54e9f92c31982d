/**
 * Compose `schema/<subgraph>.graphql` into `schema/supergraph.graphql` with @apollo/composition.
 *   npm run compose           write the supergraph
 *   npm run compose:check     fail when composition errors or the checked-in file is stale
 *   options: --dir <schema dir> (default: the repo's schema/)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph, compositionProblems, supergraphCheckProblems } from './compose-supergraph';

const args = process.argv.slice(2);
const dirIdx = args.indexOf('--dir');
const dir = dirIdx >= 0 ? path.resolve(args[dirIdx + 1]!) : path.resolve(__dirname, '../../schema');
const check = args.includes('--check');
const target = path.join(dir, 'supergraph.graphql');

const result = composeSupergraph(dir);
const problems = check ? supergraphCheckProblems(dir, result) : compositionProblems(result);
if (problems.length > 0) {
  for (const line of problems) console.error(line);
  process.exit(1);
}
if (check) {
  console.log('supergraph is up to date.');
} else if (result.ok) {
  writeFileSync(target, result.supergraphSdl);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
