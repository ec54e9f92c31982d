import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode, FIELD_RULES, formatMessage, Messages, type Viewer } from '@mamis/platform';
import type { GatewayContext } from './context';

/**
 * Root fields anyone may use without a token: the `Query` fields whose rule in the one policy
 * module (FIELD_RULES) is PUBLIC — the terms of use and their versions, the joint-use notices, the
 * service disclosure and certificate verification. Everything else needs a valid access token
 * (→ UNAUTHENTICATED).
 */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  ...Object.entries(FIELD_RULES)
    .filter(([key, rule]) => key.startsWith('Query.') && rule === 'PUBLIC')
    .map(([key]) => key.slice('Query.'.length)),
]);

/**
 * Root fields a human whose token does not carry the current terms version may still use
 * (→ TERMS_NOT_ACCEPTED for anything else): read the terms and the notice, accept the terms.
 */
export const TERMS_GATE_ALLOWED_ROOT_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'termsOfUse',
  'termsVersions',
  'jointUseNotice',
  'upcomingJointUseNotice',
  'jointUseNotices',
  'serviceDisclosure',
  'acceptTerms', // consent mutation
]);

/** Introspection root fields: allowed to everyone where introspection is on (never in production). */
const INTROSPECTION_ROOT_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

/** Viewer kinds the terms gate applies to (humans; machine clients have contracts instead). */
export const HUMAN_KINDS: ReadonlySet<Viewer['kind']> = new Set(['PHYSICIAN', 'STAFF', 'ASSISTANT']);

/** The root field names an operation selects, through fragments and inline fragments. */
export function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode): Set<string> {
  const fragments = new Map(
    document.definitions
      .filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d] as const),
  );
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) names.add(sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const frag = fragments.get(sel.name.value);
        if (frag) walk(frag.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

export const unauthenticated = () =>
  new GraphQLError(formatMessage(Messages.AUTHENTICATION_REQUIRED), {
    extensions: {
      code: ErrorCode.UNAUTHENTICATED,
      details: { reason: Messages.AUTHENTICATION_REQUIRED.reason },
      http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer realm="mamis"']]) },
    },
  });

export const termsNotAccepted = (version: string) =>
  new GraphQLError(formatMessage(Messages.TERMS_NOT_ACCEPTED), {
    extensions: {
      code: ErrorCode.TERMS_NOT_ACCEPTED,
      termsVersion: version,
      details: { reason: Messages.TERMS_NOT_ACCEPTED.reason },
      http: { status: 403 },
    },
  });

/**
 * Before execution (after parsing and validation): anonymous callers may use only the public root
 * fields; a human whose token does not carry the current terms version only the terms-gate ones.
 */
export function accessGatePlugin(opts: {
  introspection: boolean;
  currentTermsVersion: () => Promise<string | null>;
}): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (!operation) return;
          const viewer = contextValue.viewer;
          const fields = rootFieldNames(document, operation);
          const allowed = (set: ReadonlySet<string>) =>
            [...fields].every((f) => set.has(f) || (opts.introspection && INTROSPECTION_ROOT_FIELDS.has(f)));
          if (viewer.kind === 'ANONYMOUS') {
            if (operation.operation !== 'query' || !allowed(PUBLIC_ROOT_FIELDS)) throw unauthenticated();
            return;
          }
          if (HUMAN_KINDS.has(viewer.kind) && !allowed(TERMS_GATE_ALLOWED_ROOT_FIELDS)) {
            const current = await opts.currentTermsVersion();
            if (current !== null && viewer.acceptedTermsVersion !== current) throw termsNotAccepted(current);
          }
        },
      };
    },
  };
}
