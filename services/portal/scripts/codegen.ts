/**
 * Generate the portal's typed GraphQL documents (src/gql/) from its operations and the API schema
 * of the checked-in supergraph (the schema clients see: no federation internals).
 *   npm run portal:codegen            write src/gql/
 *   npm run portal:codegen -- --check fail when src/gql/ is stale (like compose:check)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import config from '../codegen';

const portalDir = path.resolve(__dirname, '..');
const repoRoot = path.resolve(portalDir, '..', '..');
const outDir = path.join(portalDir, 'src', 'gql');

/** The API schema of schema/supergraph.graphql (what a client of the gateway sees). */
export function apiSchemaSdl(): string {
  const supergraph = Supergraph.build(
    readFileSync(path.join(repoRoot, 'schema', 'supergraph.graphql'), 'utf8'),
  );
  return printSchema(supergraph.apiSchema().toGraphQLJSSchema());
}

/** The generated files: path relative to src/gql → content. */
export async function generatedFiles(): Promise<Map<string, string>> {
  const outputs = await generate({ ...config, schema: apiSchemaSdl(), cwd: portalDir, silent: true }, false);
  const files = new Map<string, string>();
  for (const o of outputs) files.set(path.relative(outDir, path.resolve(portalDir, o.filename)), o.content);
  return files;
}

const onDisk = (): Map<string, string> => {
  const files = new Map<string, string>();
  if (!existsSync(outDir)) return files;
  for (const name of readdirSync(outDir)) files.set(name, readFileSync(path.join(outDir, name), 'utf8'));
  return files;
};

async function main() {
  const check = process.argv.includes('--check');
  const generated = await generatedFiles();
  if (check) {
    const current = onDisk();
    const stale = [...new Set([...generated.keys(), ...current.keys()])].filter(
      (name) => generated.get(name) !== current.get(name),
    );
    if (stale.length) {
      console.error(
        `services/portal/src/gql is stale (${stale.join(', ')}): run \`npm run portal:codegen\` and commit the result.`,
      );
      process.exit(1);
    }
    console.log('portal GraphQL types are up to date.');
    return;
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of generated) writeFileSync(path.join(outDir, name), content);
  console.log(`wrote services/portal/src/gql (${[...generated.keys()].join(', ')})`);
}

if (require.main === module)
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
