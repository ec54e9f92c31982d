import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { DEMO_FIRST_QUERIES, VERIFY_FIRST_QUERY } from './demo-queries';

const repoRoot = path.resolve(__dirname, '../..');
const queries = [...new Set([...Object.values(DEMO_FIRST_QUERIES), VERIFY_FIRST_QUERY])];

describe("the demo accounts' first queries", () => {
  it('are valid queries of the composed schema', () => {
    const schema = buildSchema(readFileSync(path.join(repoRoot, 'schema/supergraph.graphql'), 'utf8'));
    for (const q of queries) expect([q, validate(schema, parse(q))]).toEqual([q, []]);
  });

  it('are quoted verbatim by the README', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const q of queries) expect([q, readme.includes(q)]).toEqual([q, true]);
  });
});
