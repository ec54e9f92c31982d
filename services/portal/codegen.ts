import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator for the portal (the client kit's configuration, docs/client-kit.md):
 * the client preset turns every `graphql(\`…\`)` in src/ into a typed document. The schema is the
 * API schema of the checked-in supergraph (`scripts/codegen.ts` derives it; the `schema` entry
 * below is replaced there). Run `npm run portal:codegen` after changing an operation or the
 * schema; `npm run portal:codegen -- --check` fails when the generated files are stale.
 */
const config: CodegenConfig = {
  schema: 'api-schema.graphql',
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // the API's custom scalars travel as ISO strings (Asia/Tokyo): `Date` YYYY-MM-DD,
        // `DateTime` with its +09:00 offset; `Yen` (sums in integer yen) a JSON number
        scalars: { Date: 'string', DateTime: 'string', Yen: 'number' },
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false },
        defaultScalarType: 'unknown',
      },
    },
  },
};

export default config;
