import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import { ErrorCode, formatMessage, Messages } from '@mamis/platform';
import type { GatewayConfig } from './config';

/**
 * Operation limits, all checked BEFORE execution (nothing reaches a subgraph):
 * - characters: the query text's length (also for APQ registrations);
 * - tokens: graphql-js `parse(…, { maxTokens })` (GRAPHQL_PARSE_FAILED);
 * - depth, aliases, directives, cost: graphql-armor validation rules (GRAPHQL_VALIDATION_FAILED);
 * - field suggestions ("Did you mean …") are removed from messages by the gateway's formatError.
 * Array batching is off (Apollo's `allowBatchedHttpRequests: false`), introspection off in production.
 */
export function operationLimits(c: GatewayConfig) {
  const armor = new ApolloArmor({
    maxDepth: { n: c.MAX_DEPTH, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: c.MAX_ALIASES },
    maxDirectives: { n: c.MAX_DIRECTIVES },
    costLimit: {
      maxCost: c.MAX_COST,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1.5,
      ignoreIntrospection: true,
    },
    // tokens are limited by the parser itself (below), which also covers the parse Apollo does
    maxTokens: { enabled: false },
    // done in the gateway's formatError instead (this plugin rewrites `error.message` in place,
    // which throws for errors whose message is read-only, e.g. a DOMException)
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    plugins: [maxCharactersPlugin(c.MAX_CHARACTERS), ...armor.plugins],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: c.MAX_TOKENS },
    allowBatchedHttpRequests: false as const,
  };
}

export function maxCharactersPlugin(maxCharacters: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        // (errors thrown before parsing would become a 500 in Apollo; parsing itself is bounded by
        // the token limit and the body size limit, so the check runs once the operation is known)
        async didResolveOperation({ source }) {
          if (source.length > maxCharacters) {
            const text = Messages.QUERY_TOO_LONG({ length: source.length, max: maxCharacters });
            throw new GraphQLError(formatMessage(text), {
              extensions: {
                code: ErrorCode.BAD_USER_INPUT,
                details: { reason: text.reason },
                http: { status: 400 },
              },
            });
          }
        },
      };
    },
  };
}
