import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLOutputType,
} from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { FIELD_RULES, listFieldsWithoutRecordRule, type FieldRule } from '../src/access/field-rules';
import type { Access } from '../src/access/access-context';

const supergraph = readFileSync(path.resolve(__dirname, '../../../schema/supergraph.graphql'), 'utf8');

const isList = (t: GraphQLOutputType): boolean => isListType(isNonNullType(t) ? t.ofType : t);

describe('record rules: which records of a granted group a viewer sees', () => {
  const apiSchema = Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema();

  it('every list field of a person-keyed type of the supergraph has a record rule', () => {
    expect(listFieldsWithoutRecordRule(apiSchema)).toEqual([]);
  });

  it('walks a real number of fields (Person has list fields of records)', () => {
    const person = apiSchema.getType('Person');
    if (!isObjectType(person)) throw new Error('no Person type');
    const lists = Object.values(person.getFields()).filter(
      (f) => isList(f.type) && isObjectType(getNamedType(f.type)),
    );
    expect(lists.length).toBeGreaterThanOrEqual(15);
  });

  it('fails for a list field whose record rule is missing', () => {
    const withoutDuesRule = { ...FIELD_RULES, 'Person.dues': 'DUES' as const };
    expect(listFieldsWithoutRecordRule(apiSchema, withoutDuesRule)).toEqual(['Person.dues']);
  });

  it('fails for a new list field of Person added with a group only', () => {
    const extended = buildSchema(`type Query { person(id: ID!): Person }
      type Person { id: ID! notes: [Note!] tags: [String!] }
      type Note { text: String }`);
    expect(
      listFieldsWithoutRecordRule(extended, {
        'Person.id': 'IDENTITY',
        'Person.notes': 'PROFILE',
        'Person.tags': 'PROFILE',
      }),
    ).toEqual(['Person.notes']);
  });

  it('accepts "every record of the group" only with a reason', () => {
    const rules: Record<string, FieldRule> = {
      ...FIELD_RULES,
      'Person.dues': { group: 'DUES', records: { all: ' ' } },
    };
    expect(listFieldsWithoutRecordRule(apiSchema, rules)).toEqual(['Person.dues']);
  });

  it('no service can narrow records itself: Access has no per-person scope (resolvers return records; the access layer narrows)', () => {
    // a compile-time guarantee (tsc checks the tests): services reach a person's scope of a group
    // only through recordsInScope / recordInScope, which decide the records and record the read
    const asksScope: 'scope' extends keyof Access ? true : false = false;
    expect(asksScope).toBe(false);
  });
});
