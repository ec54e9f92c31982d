import type { ApolloServerPlugin } from '@apollo/server';
import { inputProblems } from '@mamis/platform';
import type { GatewayContext } from './context';

/**
 * Every argument value of an operation is checked (platform `inputProblems`: ids, calendar dates,
 * date-times, control and invisible characters, year ranges) after the access gate and BEFORE the
 * query plan reaches any subgraph: a malformed value is a BAD_USER_INPUT (HTTP 400) with its
 * argument path, never a database error.
 */
export function inputValidationPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const [first] = inputProblems(schema, document, operation, request.variables);
          if (first) {
            (first.extensions as Record<string, unknown>).http = { status: 400 };
            throw first;
          }
        },
      };
    },
  };
}
