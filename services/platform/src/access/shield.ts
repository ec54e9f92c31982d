/**
 * The access shield of a subgraph schema — one mechanism, described here once.
 *
 * graphql-shield is the way the rules are attached. `deriveRules` derives its rule tree from
 * FIELD_RULES (never written by hand per field; `fallbackRule: deny`), and graphql-shield makes of
 * the tree one middleware per field: the field's rule decides, then the resolver inside it runs; a
 * denial or an error goes to `fallbackError`. A person field's rule is `allowField`: the person's
 * relations (one batched query per request) and the policy table give the viewer's scope of the
 * field's group; a granted read is recorded for the audit batch, a refused one never is (a scope
 * the field requires is decided first).
 *
 * `applyAccessShield` gives every field ONE resolver, composed by `fieldResolver` from the field's
 * rule, its own resolver and graphql-shield's middleware:
 * - `allow` rules (PUBLIC; NESTED: a person's child objects, decided with the parent field) keep
 *   their own resolver (graphql-shield would only say yes, yet make each field asynchronous);
 * - a person field runs its own resolver narrowed by its record rule (`narrowed`), behind its
 *   decision. That decision is graphql-shield's; when the person's relations are already loaded
 *   it is known at once (`allowField`, called directly) and an allowed field resolves
 *   synchronously, otherwise graphql-shield's middleware decides, with the same `allowField`;
 * - a field that returns persons loads their relations in one batch (`priming`) so that their
 *   fields are known at once;
 * - everything else runs behind graphql-shield's middleware.
 * Deciding at once is graphql-shield's decision made early, not a second system: the same
 * function, the same recorded reads and errors (shield.spec compares both ways with
 * `fastPath: false`). It is there for speed (W5): on a 100-member page, ~3,500 of ~4,300 fields
 * are `allow` and ~800 are person fields; behind the middleware each became a chain of promises.
 * `__resolveReference`, which graphql-shield does not wrap, is guarded in `guardReferences`.
 */
import {
  defaultFieldResolver,
  getNamedType,
  isIntrospectionType,
  isObjectType,
  Kind,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
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
 * A required scope the shield refuses itself (a field error FIELD_NOT_ALLOWED). With
 * `otherwise: 'ABSENT'` or a message of its own, the field's rule lets the field through and its
 * narrowed resolver (`narrowed`) answers null or the error with that message. Either way a viewer
 * without the required scope has nothing recorded as read.
 */
const refusedByShield = (required: RequiredScope | undefined): boolean =>
  !!required && !required.message && required.otherwise !== 'ABSENT';

/**
 * THE decision of a person field, for a person whose relations are loaded (`access.settled`), or
 * undefined when they are not loaded yet. The read is recorded for the audit batch only when the
 * field is actually granted: a viewer without a scope the field requires is refused before
 * anything is recorded — by the shield (false), or by the narrowed resolver (true, unrecorded:
 * `otherwise: 'ABSENT'` or a message of the field's own). graphql-shield's rule and the
 * synchronous decision of `fieldResolver` both call this and nothing else.
 */
function allowField(access: Access, personId: string, spec: GroupFieldRule): boolean | undefined {
  const s = access.settled(personId);
  if (!s) return undefined;
  const scope = scopeOf(s.grants, spec.group);
  if (!scope) return false;
  if (scope === 'NAME_AND_REGISTRY' && !spec.nameAndRegistry) return false;
  const required = spec.requiredScope;
  if (required && scope !== required.scope) return !refusedByShield(required);
  access.recordRead(personId, spec.group, s.relations);
  return true;
}

/**
 * The graphql-shield rule of a person field: the person is the parent object, its id and the
 * field's group decide. One rule per kind of decision — (group, NAME_AND_REGISTRY field or not, the
 * scope it requires and who refuses it) — cached per PERSON for the request (graphql-shield's
 * cache function: key `<rule name>-<person id>`), so a page of 100 persons × 20 fields decides each
 * person's groups once, not once per field (W5: the shield's cost on a 100-member page).
 */
const groupRules = new Map<string, ReturnType<ReturnType<typeof rule>>>();
const groupRule = ({ group, requiredScope, nameAndRegistry }: GroupFieldRule) => {
  const spec: GroupFieldRule = { group, nameAndRegistry, requiredScope };
  const name = [
    `group:${group}`,
    requiredScope ? `requires:${requiredScope.scope}` : nameAndRegistry ? 'name-and-registry' : 'full',
    requiredScope && nameAndRegistry ? 'name-and-registry' : undefined,
    requiredScope && !refusedByShield(requiredScope) ? 'else-by-resolver' : undefined,
  ]
    .filter(Boolean)
    .join(':');
  let r = groupRules.get(name);
  if (!r) {
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
 * Apply the access shield to a subgraph schema (the file's header): a copy of it whose every field
 * has the one resolver `fieldResolver` composes; the caller's schema is left as it is.
 */
export function applyAccessShield(
  schema: GraphQLSchema,
  rules: Readonly<Record<string, FieldRule>> = FIELD_RULES,
  /**
   * `fastPath: false`: no synchronous decision and no priming — every person field is decided by
   * graphql-shield's middleware (tests compare both ways: the same data, errors and reads).
   */
  options: { fastPath?: boolean } = {},
): GraphQLSchema {
  const fastPath = options.fastPath !== false;
  const viaShield = graphqlShieldOf(schema, rules);
  // graphql-middleware with no middleware of its own: a copy of the schema (new types and fields,
  // the same resolvers and extensions) whose fields get their resolver below
  const shielded = applyMiddleware(schema, {});
  for (const type of Object.values(shielded.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const plumbing = type.name.startsWith('_'); // `_Service`: graphql-shield's rule tree only
    for (const [name, field] of Object.entries(type.getFields()))
      field.resolve = fieldResolver(
        plumbing || name.startsWith('_') ? undefined : rules[`${type.name}.${name}`],
        field.resolve,
        viaShield(type.name, name),
        { fastPath, returnsPersons: !plumbing && getNamedType(field.type).name === 'Person' },
      );
  }
  guardReferences(shielded, rules);
  return shielded;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- resolvers of every type of the schema
type Resolver = GraphQLFieldResolver<any, AccessAwareContext>;
/** graphql-shield's middleware of a field: its rule decides, then `resolve` runs. */
type ShieldMiddleware = (resolve: Resolver, ...args: Parameters<Resolver>) => Promise<unknown>;

/**
 * THE resolver of one field — the composition the file's header describes — from its rule
 * (undefined: federation plumbing, graphql-shield's rule tree alone), its own resolver (undefined:
 * the default one) and `viaShield(inner)`: graphql-shield's middleware of the field around `inner`.
 */
function fieldResolver(
  rule: FieldRule | undefined,
  own: Resolver | undefined,
  viaShield: (inner: Resolver) => Resolver,
  options: { fastPath: boolean; returnsPersons: boolean },
): Resolver | undefined {
  const spec = groupRuleOf(rule);
  let resolve: Resolver | undefined;
  if (rule === 'PUBLIC' || rule === 'NESTED') resolve = own;
  else if (!spec) resolve = viaShield(own ?? defaultFieldResolver);
  else {
    const narrowedOwn = narrowed(spec, own ?? defaultFieldResolver);
    const shielded = viaShield(narrowedOwn);
    resolve = options.fastPath ? decidedAtOnce(spec, narrowedOwn, shielded) : shielded;
  }
  return options.fastPath && options.returnsPersons ? priming(resolve ?? defaultFieldResolver) : resolve;
}

/**
 * graphql-shield's middleware of each field, from the rule tree `deriveRules` derives: the way the
 * rules are attached. `viaShield(type, field)(inner)` is the resolver graphql-middleware would make
 * of it (the middleware, with `inner` as the resolver it calls when the rule allows).
 */
function graphqlShieldOf(
  schema: GraphQLSchema,
  rules: Readonly<Record<string, FieldRule>>,
): (type: string, field: string) => (inner: Resolver) => Resolver {
  const permissions = shield(deriveRules(schema, rules), {
    fallbackRule: deny,
    allowExternalErrors: false,
    fallbackError,
    debug: false,
  });
  const byType = permissions.generate(schema) as Record<string, Record<string, IMiddlewareFunction>>;
  return (type, field) => {
    const m = byType[type]?.[field];
    const middleware = (typeof m === 'function' ? m : m?.resolve) as ShieldMiddleware | undefined;
    if (!middleware) throw new Error(`graphql-shield made no middleware for ${type}.${field}`);
    return (inner) => (parent, args, ctx, info) => middleware(inner, parent, args, ctx, info);
  };
}

/**
 * A person field decided at once when the person's relations are already loaded in this request
 * (W5): `allowField`, the very function graphql-shield's rule calls, and an allowed field runs its
 * (narrowed) resolver synchronously — on a 100-member page this keeps ~800 person fields from each
 * becoming a chain of promises. Anything else goes through graphql-shield (`shielded`). Errors of
 * the resolver are handed to `fallbackError`, as graphql-shield does.
 */
function decidedAtOnce(spec: GroupFieldRule, resolve: Resolver, shielded: Resolver): Resolver {
  return (parent: { id?: unknown } | null, args, ctx, info) => {
    const id = parent?.id;
    if (typeof id === 'string' && ctx?.access && allowField(ctx.access, id, spec) === true) {
      try {
        const value: unknown = resolve(parent, args, ctx, info);
        return isPromiseLike(value) ? Promise.resolve(value).catch(fallbackError) : value;
      } catch (err) {
        return fallbackError(err);
      }
    }
    return shielded(parent, args, ctx, info);
  };
}

/**
 * A field that returns persons loads the relations of all the persons it returned in one batch
 * before graphql-js resolves their fields, so those are decided at once. Only when the selection
 * asks more than `id` / `__typename` (a gateway asking a subgraph for keys only causes no relation
 * query). The batch is the same one statement the fields would have caused; the decisions are
 * unchanged.
 */
function priming(resolve: Resolver): Resolver {
  return (parent, args, ctx, info) => {
    const value: unknown = resolve(parent, args, ctx, info);
    if (!ctx?.access || !selectsMoreThanKeys(info)) return value;
    return isPromiseLike(value)
      ? Promise.resolve(value).then((v) => primed(v, ctx.access))
      : primed(value, ctx.access);
  };
}

/**
 * Federation's `__resolveReference` (kept by @apollo/subgraph in the type's extensions; graphql-shield
 * does not wrap it): an invisible person resolves to null (absent, no error that would reveal it
 * exists), an aggregate entity (every field STATISTICS) takes the decision of its fields, and other
 * entities require an authenticated viewer.
 */
function guardReferences(shielded: GraphQLSchema, rules: Readonly<Record<string, FieldRule>>): void {
  for (const type of Object.values(shielded.getTypeMap())) {
    const ext = type.extensions as SubgraphExtensions;
    const resolveReference = ext.apollo?.subgraph?.resolveReference;
    if (!isObjectType(type) || !resolveReference) continue;
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
    (type as { extensions: SubgraphExtensions }).extensions = {
      ...ext,
      apollo: { ...ext.apollo, subgraph: { ...ext.apollo!.subgraph, resolveReference: guarded } },
    };
  }
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
 * A person field's own resolver narrowed by its record rule (`records`, and a required scope that
 * the shield lets through: decided on the value). Both ways the field is decided (graphql-shield's
 * rule, `decidedAtOnce`) run this same resolver, after the rule allowed the field: the person's
 * relations are loaded by then.
 */
function narrowed(spec: GroupFieldRule, own: Resolver): Resolver {
  const required =
    spec.requiredScope && !refusedByShield(spec.requiredScope) ? spec.requiredScope : undefined;
  const records = spec.records && !('all' in spec.records) ? spec.records : undefined;
  if (!required && !records) return own;
  return (parent: { id?: unknown } | null, args, ctx, info) => {
    const id = parent?.id;
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
    const keep = (v: unknown) => keptRecords(v, records, { scope, viewer: ctx.viewer, parent, args }, ctx);
    return isPromiseLike(value) ? Promise.resolve(value).then(keep) : keep(value);
  };
}

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
