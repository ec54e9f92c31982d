import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeSupergraph, supergraphCheckProblems, type ComposeResult } from './compose-supergraph';

/**
 * `npm run compose:check`'s verdicts, in process (a composition takes seconds: the repo's schema
 * is composed once for the file). The command itself — its exit status and messages — is run in
 * compose-cli.integration.spec.ts, and CI runs it on the checked-in schema.
 */
const schemaDir = path.resolve(__dirname, '../../schema');

const copySchemaDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamis-schema-'));
  cpSync(schemaDir, dir, { recursive: true });
  return dir;
};
const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
};

describe('compose:check', () => {
  let repoComposition: ComposeResult;
  beforeAll(() => {
    repoComposition = composeSupergraph(schemaDir);
  });

  it('passes on the checked-in supergraph', () => {
    expect(repoComposition.ok).toBe(true);
    expect(supergraphCheckProblems(schemaDir, repoComposition)).toEqual([]);
  });

  it('fails when the supergraph was edited by hand', () => {
    const dir = copySchemaDir();
    edit(path.join(dir, 'supergraph.graphql'), 'registryNumber: String!', 'registryNo: String!');
    // the subgraphs are the repo's own: their composition is the one above
    expect(supergraphCheckProblems(dir, repoComposition)).toEqual([
      expect.stringMatching(/supergraph\.graphql is stale/),
    ]);
  });

  it('fails when a subgraph schema changed but the supergraph was not recomposed', () => {
    const dir = copySchemaDir();
    edit(path.join(dir, 'consent.graphql'), 'method: String!', 'method: String!\n  client: String');
    expect(supergraphCheckProblems(dir, composeSupergraph(dir))).toEqual([expect.stringMatching(/stale/)]);
  });

  it('fails with the composition errors when subgraphs disagree', () => {
    const dir = copySchemaDir();
    // a second definition of the Person key field with another type cannot compose
    edit(
      path.join(dir, 'training.graphql'),
      'type Person @key(fields: "id") {\n  id: ID!',
      'type Person @key(fields: "id") {\n  id: Int!',
    );
    const problems = supergraphCheckProblems(dir, composeSupergraph(dir));
    expect(problems[0]).toBe('Composition failed:');
    expect(problems.length).toBeGreaterThan(1);
  });
});
