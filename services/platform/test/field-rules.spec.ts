import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { FIELD_RULES, fieldsWithoutRule, groupOfRule } from '../src/access/field-rules';
import { FIELD_GROUPS } from '../src/access/policy';

const supergraph = readFileSync(path.resolve(__dirname, '../../../schema/supergraph.graphql'), 'utf8');

describe('every field of the supergraph has a rule', () => {
  const apiSchema = Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema();

  it('finds no field without a group or rule', () => {
    expect(fieldsWithoutRule(apiSchema)).toEqual([]);
  });

  it('flags a field added without a rule', () => {
    const extended = buildSchema(`type Query { person(id: ID!): Person }
      type Person { id: ID! familyName: String! secretNote: String }`);
    expect(fieldsWithoutRule(extended)).toEqual(['Person.secretNote']);
  });

  it('assigns every Person field to exactly one known field group', () => {
    const person = apiSchema.getType('Person') as GraphQLObjectType;
    for (const field of Object.keys(person.getFields())) {
      expect(FIELD_GROUPS).toContain(groupOfRule(FIELD_RULES[`Person.${field}`]));
    }
  });

  it('has no stale rule for a field that no longer exists', () => {
    const existing = new Set<string>();
    for (const type of Object.values(apiSchema.getTypeMap())) {
      if ('getFields' in type && typeof type.getFields === 'function' && !type.name.startsWith('__')) {
        for (const f of Object.keys(type.getFields())) existing.add(`${type.name}.${f}`);
      }
    }
    expect(Object.keys(FIELD_RULES).filter((k) => !existing.has(k))).toEqual([]);
  });
});
