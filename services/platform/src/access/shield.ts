import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  Kind,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { AppError, ErrorCode } from '../errors';
import { Messages } from '../messages';
import type { Viewer } from '../viewer';
import type { Access } from './access-context';
import type { StatisticsGuard } from '../statistics/guard';
import { FIELD_RULES, fieldsWithoutRule, type FieldRule } from './field-rules';
import {
  groupRuleOf,
  type GroupFieldRule,
  type RecordContext,
  type RecordRule,
  type RequiredScope,
} from './field-rule';
import { scopeOf } from './policy';

/** What the derived rules need from a request context. */
export interface AccessAwareContext {
  viewer: Viewer;
  access: Access;
  /** Disclosure control of aggregate statistics (STATISTICS fields). */
  statistics: StatisticsGuard;
}

/**
 * graphql-shield calls this for a denied rule (thrown = null) and — with allowExternalErrors
 * false — for ANY error a resolver threw. Denials become FORBIDDEN; errors raised on purpose
 * (AppError: BAD_USER_INPUT, CONFLICT, …) keep their code; anything else goes on as it is to the
 * error formatter (createErrorFormatter), which masks it as INTERNAL outside development.
 */
const fallbackError = (thrown: unknown) => {
  if (thrown == null) return new AppError(ErrorCode.FORBIDDEN, Messages.FIELD_NOT_ALLOWED);
  return thrown instanceof Error ? thrown : new Error(String(thrown));
};

/** Analytics clients read aggregate fields only. */
export const isAnalyticsOnly = (v: Viewer) =>
  v.kind === 'CLIENT' && !v.scopes.some((s) => s.startsWith('society:'));

const authenticated = rule('authenticated', { cache: 'contextual' })(
  (_p, _a, ctx: AccessAwareContext) => ctx.viewer.kind !== 'ANONYMOUS' && !isAnalyticsOnly(ctx.viewer),
);

/** Aggregates: association staff (their own population) and analytics clients; no one else. */
export const mayReadStatistics = (v: Viewer) =>
  (v.kind === 'STAFF' && !!v.associationId) ||
  (v.kind === 'CLIENT' && v.scopes.includes('analytics:aggregate'));
const statistics = rule('statistics', { cache: 'contextual' })((_p, _a, ctx: AccessAwareContext) =>
  mayReadStatistics(ctx.viewer),
);

/**
 * Mutations: people only (physicians, their assistants, staff). Machine clients — analytics and
 * academic societies — write nothing; the resolver then decides with the WRITE_POLICY.
 */
const writer = rule('writer', { cache: 'contextual' })(
  (_p, _a, ctx: AccessAwareContext) =>
    ctx.viewer.kind === 'PHYSICIAN' || ctx.viewer.kind === 'STAFF' || ctx.viewer.kind === 'ASSISTANT',
);

/**
 * A required scope refused by the shield itself, before the read is recorded (a field error
 * FIELD_NOT_ALLOWED). With `otherwise: 'ABSENT'` or a message of its own, the group's read is
 * allowed and recorded like any other and the field's value is decided by `narrowRecords` (null, or
 * the error with that message).
 */
const refusedByShield = (required: RequiredScope | undefined): boolean =>
  !!required && !required.message && required.otherwise !== 'ABSENT';

/**
 * THE decision of a person field, for a person whose relations are loaded (`access.settled`):
 * a field that needs one particular scope is refused before anything is recorded as read; an
 * allowed read is recorded for the audit batch. Both the graphql-shield rule and the shield's fast
 * path (`decideLoadedPersonsDirectly`) call this and nothing else.
 */
function allowField(access: Access, personId: string, spec: GroupFieldRule): boolean | undefined {
  const s = access.settled(personId);
  if (!s) return undefined;
  const scope = scopeOf(s.grants, spec.group);
  if (!scope) return false;
  if (refusedByShield(spec.requiredScope) && scope !== spec.requiredScope!.scope) return false;
  if (scope === 'NAME_AND_REGISTRY' && !spec.nameAndRegistry) return false;
  access.recordRead(personId, spec.group, s.relations);
  return true;
}

/**
 * The rule of a person field: the person is the parent object, its id and the field's group
 * decide. One rule per (group, kind of field) — kinds: a NAME_AND_REGISTRY field, any other field,
 * a field that needs one particular scope — cached per PERSON for the request (graphql-shield's
 * cache function: key `<rule name>-<person id>`), so a page of 100 persons × 20 fields decides each
 * person's groups once, not once per field (W5: the shield's cost on a 100-member page).
 */
const groupRules = new Map<string, ReturnType<ReturnType<typeof rule>>>();
const groupRule = (rule0: GroupFieldRule) => {
  const { group, requiredScope, nameAndRegistry } = rule0;
  const name = refusedByShield(requiredScope)
    ? `group:${group}:requires:${requiredScope!.scope}`
    : `group:${group}:${nameAndRegistry ? 'name-and-registry' : 'full'}`;
  let r = groupRules.get(name);
  if (!r) {
    const spec: GroupFieldRule = {
      group,
      nameAndRegistry,
      requiredScope: refusedByShield(requiredScope) ? requiredScope : undefined,
    };
    r = rule(name, { cache: (parent: { id?: unknown }) => String(parent?.id ?? '') })(
      async (parent: { id?: string }, _a, ctx: AccessAwareContext) => {
        if (!parent?.id) return false;
        await ctx.access.grants(parent.id);
        return allowField(ctx.access, parent.id, spec) ?? false;
      },
    );
    groupRules.set(name, r);
  }
  return r;
};

/**
 * Derive the graphql-shield rule tree of one subgraph schema from FIELD_RULES (never written by
 * hand per field). Throws at startup when a field has no rule.
 */
export function deriveRules(
  schema: GraphQLSchema,
  rules: Readonly<Record<string, FieldRule>> = FIELD_RULES,
): IRules {
  const missing = fieldsWithoutRule(schema, rules);
  if (missing.length)
    throw new Error(`fields without an access rule (add them to FIELD_RULES): ${missing.join(', ')}`);
  const tree: Record<string, Record<string, unknown>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name.startsWith('_')) continue;
    for (const field of Object.keys(type.getFields())) {
      if (field.startsWith('_')) continue;
      const r = rules[`${type.name}.${field}`]!;
      const g = groupRuleOf(r);
      (tree[type.name] ??= {})[field] = g
        ? groupRule(g)
        : r === 'PUBLIC' || r === 'NESTED'
          ? allow
          : r === 'STATISTICS'
            ? statistics
            : r === 'WRITE'
              ? writer
              : authenticated; // AUTHENTICATED and PERSON_LOOKUP (lookups filter to visible persons)
    }
  }
  // Federation plumbing: the subgraph is reachable only with a valid gateway assertion, and
  // `__resolveReference` checks visibility itself (graphql-shield does not wrap it).
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  if (queryFields._service) {
    (tree.Query ??= {})._service = allow;
    tree._Service = { sdl: allow };
  }
  if (queryFields._entities) (tree.Query ??= {})._entities = allow;
  return tree as IRules;
}

/**
 * Apply the derived shield to a subgraph schema. graphql-shield does not wrap Federation's
 * `__resolveReference`, so it is wrapped here: an invisible person resolves to null (absent, no
 * error that would reveal it exists) and other entities require an authenticated viewer.
 */
export function applyAccessShield(
  schema: GraphQLSchema,
  rules: Readonly<Record<string, FieldRule>> = FIELD_RULES,
  /** `fastPath: false`: every person field through graphql-shield (tests compare both ways). */
  options: { fastPath?: boolean } = {},
): GraphQLSchema {
  narrowRecords(schema, rules);
  const permissions = shield(deriveRules(schema, rules), {
    fallbackRule: deny,
    allowExternalErrors: false,
    fallbackError,
    debug: false,
  });
  const shielded = applyMiddleware(schema, permissions);
  unwrapAlwaysAllowed(schema, shielded, rules);
  if (options.fastPath !== false) {
    decideLoadedPersonsDirectly(schema, shielded, rules);
    primePersons(schema, shielded);
  }
  for (const type of Object.values(shielded.getTypeMap())) {
    const ext = type.extensions as SubgraphExtensions;
    const resolveReference = ext.apollo?.subgraph?.resolveReference;
    if (!isObjectType(type) || !resolveReference) continue;
    // an aggregate entity (every field STATISTICS): the same decision as its fields
    const statisticsType = Object.keys(type.getFields()).every(
      (f) => rules[`${type.name}.${f}`] === 'STATISTICS',
    );
    const guarded: ResolveReference =
      type.name === 'Person'
        ? async (ref, ctx, info) =>
            (await ctx.access.visible(String(ref.id))) ? resolveReference(ref, ctx, info) : null
        : statisticsType
          ? async (ref, ctx, info) =>
              mayReadStatistics(ctx.viewer) ? resolveReference(ref, ctx, info) : null
          : async (ref, ctx, info) =>
              ctx.viewer.kind === 'ANONYMOUS' || isAnalyticsOnly(ctx.viewer)
                ? null
                : resolveReference(ref, ctx, info);
    // @apollo/subgraph keeps `__resolveReference` in the type's extensions
    (type as { extensions: SubgraphExtensions }).extensions = {
      ...ext,
      apollo: { ...ext.apollo, subgraph: { ...ext.apollo!.subgraph, resolveReference: guarded } },
    };
  }
  return shielded;
}

/**
 * Fields whose derived rule is `allow` (PUBLIC, and NESTED: the fields of a person's child objects,
 * decided when the parent field was) get their own resolver back: graphql-shield's middleware would
 * only say yes, but it makes every such field asynchronous — on a 100-member page that is ~3,500 of
 * ~4,300 fields, and most of the shield's cost (W5). Every field that can be denied stays wrapped
 * (shield.spec checks it); `allow` is exactly what the rule tree says for these.
 */
function unwrapAlwaysAllowed(
  original: GraphQLSchema,
  shielded: GraphQLSchema,
  rules: Readonly<Record<string, FieldRule>>,
): void {
  forEachField(original, shielded, (key, field, before) => {
    const r = rules[key];
    if (r === 'PUBLIC' || r === 'NESTED') field.resolve = before?.resolve;
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- resolvers of every type of the schema
type AnyField = GraphQLField<any, any>;

/**
 * Each field of the shielded schema's object types (federation plumbing `_…` and introspection
 * excepted), with its key `Type.field` and the same field of the schema before the shield.
 */
function forEachField(
  original: GraphQLSchema,
  shielded: GraphQLSchema,
  fn: (key: string, field: AnyField, before: AnyField | undefined) => void,
): void {
  for (const type of Object.values(shielded.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name.startsWith('_')) continue;
    const before = original.getType(type.name);
    const beforeFields = isObjectType(before) ? before.getFields() : {};
    for (const [name, field] of Object.entries(type.getFields()))
      fn(`${type.name}.${name}`, field, beforeFields[name]);
  }
}

/**
 * The fast path of a person field (W5): when the person's relations are already loaded in this
 * request, the field's decision is known at once — `allowField`, the very function the
 * graphql-shield rule calls — and an allowed field runs its own resolver synchronously. Anything
 * else (not loaded yet, denied, no person id) goes through graphql-shield as before, so a denial
 * is always graphql-shield's. Errors of the resolver are handed to `fallbackError`, as
 * graphql-shield does. On a 100-member page this keeps ~800 person fields from each becoming a
 * chain of promises (the shield's remaining cost was allocation and GC).
 */
function decideLoadedPersonsDirectly(
  original: GraphQLSchema,
  shielded: GraphQLSchema,
  rules: Readonly<Record<string, FieldRule>>,
): void {
  forEachField(original, shielded, (key, field, before) => {
    const spec = groupRuleOf(rules[key]);
    if (!spec || !field.resolve) return;
    const viaShield = field.resolve;
    const own = before?.resolve ?? defaultFieldResolver;
    field.resolve = (parent: { id?: unknown } | null, args, ctx: AccessAwareContext, info) => {
      const id = parent?.id;
      if (typeof id === 'string' && ctx?.access && allowField(ctx.access, id, spec) === true) {
        try {
          const value: unknown = own(parent, args, ctx, info);
          return isPromiseLike(value) ? Promise.resolve(value).catch(fallbackError) : value;
        } catch (err) {
          return fallbackError(err);
        }
      }
      return viaShield(parent, args, ctx, info);
    };
  });
}

/**
 * Fields that return persons load the relations of all the persons they return in one batch
 * before graphql-js resolves the persons' fields, so those fields take the fast path above. Only
 * when the selection asks more than `id` / `__typename` (a gateway asking a subgraph for keys
 * only causes no relation query). The batch is the same one statement the fields would have
 * caused; the decisions are unchanged.
 */
function primePersons(original: GraphQLSchema, shielded: GraphQLSchema): void {
  forEachField(original, shielded, (_key, field) => {
    if (getNamedType(field.type).name !== 'Person') return;
    const inner = field.resolve ?? defaultFieldResolver;
    field.resolve = (parent, args, ctx: AccessAwareContext, info) => {
      const value: unknown = inner(parent, args, ctx, info);
      if (!ctx?.access || !selectsMoreThanKeys(info)) return value;
      return isPromiseLike(value)
        ? Promise.resolve(value).then((v) => primed(v, ctx.access))
        : primed(value, ctx.access);
    };
  });
}

const isPromiseLike = (v: unknown): v is PromiseLike<unknown> =>
  typeof (v as { then?: unknown } | null)?.then === 'function';

const selectsMoreThanKeys = (info: GraphQLResolveInfo | undefined) =>
  !info ||
  info.fieldNodes.some((node) =>
    node.selectionSet?.selections.some(
      (sel) => sel.kind !== Kind.FIELD || (sel.name.value !== 'id' && sel.name.value !== '__typename'),
    ),
  );

/** The ids of the persons in a resolved value (a person, a list of them, nulls and errors skipped). */
function personIdsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) personIdsIn(v, out);
  else if (value && typeof value === 'object' && !(value instanceof Error)) {
    const id = (value as { id?: unknown }).id;
    if (typeof id === 'string') out.push(id);
  }
  return out;
}

function primed(value: unknown, access: Access): unknown {
  const ids = personIdsIn(value).filter((id) => !access.settled(id));
  return ids.length ? access.prime(ids).then(() => value) : value;
}

/**
 * The record rules of the field rules (`records`, and a required scope whose refusal is decided on
 * the value): each such person field's own resolver is wrapped, in the schema the shield is
 * applied to, so that both ways a field is decided (graphql-shield's rule, the fast path) run the
 * same narrowed resolver. The person's relations are loaded by then (the field's rule decided).
 */
function narrowRecords(schema: GraphQLSchema, rules: Readonly<Record<string, FieldRule>>): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name.startsWith('_')) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      const spec = groupRuleOf(rules[`${type.name}.${name}`]);
      if (!spec) continue;
      const required =
        spec.requiredScope && !refusedByShield(spec.requiredScope) ? spec.requiredScope : undefined;
      const records = spec.records && !('all' in spec.records) ? spec.records : undefined;
      if (!required && !records) continue;
      const own: AnyField['resolve'] = field.resolve ?? defaultFieldResolver;
      if ((own as { [NARROWED]?: true })[NARROWED]) continue; // the same schema shielded twice (tests)
      const resolve: NonNullable<AnyField['resolve']> = (parent, args, ctx: AccessAwareContext, info) => {
        const id = (parent as { id?: unknown } | null)?.id;
        const settled = typeof id === 'string' ? ctx?.access?.settled(id) : undefined;
        const scope = settled && scopeOf(settled.grants, spec.group);
        if (!scope) return null; // the field's rule allowed it, so unreachable: fail closed
        if (required && scope !== required.scope) {
          if (required.otherwise === 'ABSENT') return null;
          throw new AppError(ErrorCode.FORBIDDEN, required.message ?? Messages.FIELD_NOT_ALLOWED);
        }
        if (!records || scope === 'ALL') return own(parent, args, ctx, info);
        if ('only' in records)
          return records.only({ scope, viewer: ctx.viewer, args }) ? own(parent, args, ctx, info) : null;
        const value: unknown = own(parent, args, ctx, info);
        const keep = (v: unknown) =>
          keptRecords(v, records, { scope, viewer: ctx.viewer, parent, args }, ctx);
        return isPromiseLike(value) ? Promise.resolve(value).then(keep) : keep(value);
      };
      (resolve as { [NARROWED]?: true })[NARROWED] = true;
      field.resolve = resolve;
    }
  }
}

const NARROWED = Symbol('narrowed by the record rule');

type KeepRule = Extract<RecordRule, { keep: unknown }>;
type Loader = { loadMany(keys: readonly string[]): Promise<unknown[]> };

/**
 * The records of a resolved value that the record rule keeps: a list (order kept), or one record
 * (it or null). The rule's facts are loaded in one batch from the service's per-request loader; a
 * missing loader keeps nothing (fail closed).
 */
async function keptRecords(
  value: unknown,
  records: KeepRule,
  c: Omit<RecordContext, 'fact' | 'index'>,
  ctx: AccessAwareContext,
): Promise<unknown> {
  if (value == null || value instanceof Error) return value;
  const list: unknown[] = Array.isArray(value) ? value : [value];
  let facts: unknown[] | undefined;
  if (records.fact) {
    const loader = (ctx as { loaders?: Record<string, Loader | undefined> }).loaders?.[records.fact.loader];
    if (!loader) return Array.isArray(value) ? [] : null;
    const keys = list.map((r) => records.fact!.key(r) ?? null);
    const loaded = await loader.loadMany(keys.filter((k): k is string => k != null));
    let n = 0;
    facts = keys.map((k) => (k == null ? null : loaded[n++]));
  }
  const kept = list.filter((record, index) => records.keep(record, { ...c, fact: facts?.[index], index }));
  return Array.isArray(value) ? kept : (kept[0] ?? null);
}

type ResolveReference = (ref: { id?: unknown }, ctx: AccessAwareContext, info: unknown) => unknown;
type SubgraphExtensions = { apollo?: { subgraph?: { resolveReference?: ResolveReference } } } & Record<
  string,
  unknown
>;
