import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildASTSchema,
  isInputObjectType,
  isObjectType,
  parse,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { accessNote } from '@mamis/platform/src/access/access-notes';
import { FIELD_RULES } from '@mamis/platform/src/access/field-rules';
import { withAccessNotes } from './compose-supergraph';

const schemaDir = path.resolve(__dirname, '../../schema');
const subgraphFiles = readdirSync(schemaDir).filter(
  (f) => f.endsWith('.graphql') && f !== 'supergraph.graphql',
);

/**
 * Every root field (query and mutation), every argument and every input field of a subgraph SDL
 * without a description — what a frontend team would otherwise have to guess.
 */
export function missingDescriptions(doc: DocumentNode): string[] {
  const missing: string[] = [];
  for (const def of doc.definitions) {
    if (def.kind === 'ObjectTypeDefinition' || def.kind === 'ObjectTypeExtension') {
      const root = def.name.value === 'Query' || def.name.value === 'Mutation';
      for (const field of def.fields ?? []) {
        const at = `${def.name.value}.${field.name.value}`;
        if (root && !field.description?.value.trim()) missing.push(at);
        for (const arg of field.arguments ?? [])
          if (!arg.description?.value.trim()) missing.push(`${at}(${arg.name.value})`);
      }
    }
    if (def.kind === 'InputObjectTypeDefinition' || def.kind === 'InputObjectTypeExtension')
      for (const field of def.fields ?? [])
        if (!field.description?.value.trim()) missing.push(`${def.name.value}.${field.name.value}`);
  }
  return missing;
}

const supergraph = (): GraphQLSchema =>
  buildASTSchema(parse(readFileSync(path.join(schemaDir, 'supergraph.graphql'), 'utf8')), {
    assumeValidSDL: true,
  });

describe('schema descriptions', () => {
  it.each(subgraphFiles)('%s: every query, mutation, argument and input field has a description', (file) => {
    const doc = parse(readFileSync(path.join(schemaDir, file), 'utf8'));
    expect(missingDescriptions(doc)).toEqual([]);
  });

  it('finds a missing description (the check itself)', () => {
    const doc = parse(`
      type Query { "ok" a(x: Int): Int  b("ok" y: Int): Int }
      type Mutation { c(input: I): Int }
      input I { "ok" d: Int e: Int }
    `);
    expect(missingDescriptions(doc)).toEqual([
      'Query.a(x)',
      'Query.b',
      'Mutation.c',
      'Mutation.c(input)',
      'I.e',
    ]);
  });

  it('no subgraph SDL writes an access note by hand (they are generated from the field rules)', () => {
    for (const file of subgraphFiles)
      expect({
        file,
        handWritten: /Access: [A-Z_]+/.test(readFileSync(path.join(schemaDir, file), 'utf8')),
      }).toEqual({
        file,
        handWritten: false,
      });
  });

  it('every Person field of the supergraph states its access group, as the field rules say now', () => {
    const person = supergraph().getType('Person');
    if (!isObjectType(person)) throw new Error('no Person type');
    const fields = Object.values(person.getFields());
    expect(fields.length).toBeGreaterThan(30);
    const wrong = fields
      .map((f) => ({ field: f.name, note: accessNote(`Person.${f.name}`), description: f.description ?? '' }))
      .filter((f) => !f.note || !f.description.endsWith(f.note))
      .map((f) => f.field);
    expect(wrong).toEqual([]);
    // e.g. contact data: the person and the staff of their member associations
    expect(person.getFields().email!.description).toMatch(
      /Access: CONTACT \(field group; readable by SELF; MEMBER/,
    );
    expect(person.getFields().accessLog!.description).toMatch(/Access: CONSENT, scope ALL only/);
  });

  it('the note follows a changed rule (generated, not copied)', () => {
    const doc = parse(`type Person { "Contact e-mail." email: String }`);
    const annotated = withAccessNotes(doc);
    const def = annotated.definitions[0] as unknown as { fields: { description: { value: string } }[] };
    expect(def.fields[0]!.description.value).toBe(`Contact e-mail.\n\n${accessNote('Person.email')}`);
    expect(FIELD_RULES['Person.email']).toBe('CONTACT');
  });

  it('the supergraph keeps every argument and input field description for clients', () => {
    const schema = supergraph();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || type.name.startsWith('join__') || type.name.startsWith('link__'))
        continue;
      if (isInputObjectType(type))
        for (const f of Object.values(type.getFields()))
          if (!f.description) missing.push(`${type.name}.${f.name}`);
      if (isObjectType(type) && (type.name === 'Query' || type.name === 'Mutation'))
        for (const f of Object.values(type.getFields())) {
          if (f.name.startsWith('_')) continue;
          if (!f.description) missing.push(`${type.name}.${f.name}`);
          for (const a of f.args) if (!a.description) missing.push(`${type.name}.${f.name}(${a.name})`);
        }
    }
    expect(missing).toEqual([]);
  });
});
