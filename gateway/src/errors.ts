import type { GraphQLFormattedError } from 'graphql';
import { createErrorFormatter, ErrorCode } from '@mamis/platform';

/** graphql-js validation messages end with `Did you mean "x" or "y"?`: schema hints for nobody. */
const withoutSuggestions = (e: GraphQLFormattedError): GraphQLFormattedError =>
  / Did you mean .*\?$/.test(e.message) ? { ...e, message: e.message.replace(/ Did you mean .*\?$/, '') } : e;

const OUR_CODES = new Set<string>(Object.values(ErrorCode));
const GENERIC = 'Internal server error';

/**
 * The gateway's `formatError`: the platform's masking, field suggestions removed everywhere, and
 * outside development additionally
 * - every INTERNAL error gets the generic message (also when a subgraph running in development
 *   mode passed its real message through),
 * - an error that came from a subgraph keeps its message only with one of OUR codes,
 * - only `code`, `field` and `details` survive in `extensions` (no serviceName, URLs, stack).
 */
export function createGatewayErrorFormatter(opts: { development: boolean }) {
  const base = createErrorFormatter(opts);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const out = withoutSuggestions(base(formatted, error));
    if (opts.development) return out;
    const ext = (out.extensions ?? {}) as Record<string, unknown>;
    const fromSubgraph = formatted.extensions?.serviceName !== undefined;
    let code = typeof ext.code === 'string' ? ext.code : ErrorCode.INTERNAL;
    if (fromSubgraph && !OUR_CODES.has(code)) code = ErrorCode.INTERNAL;
    const safe: Record<string, unknown> = { code };
    if (code !== ErrorCode.INTERNAL) {
      for (const key of ['field', 'details', 'termsVersion'] as const)
        if (ext[key] !== undefined) safe[key] = ext[key];
    }
    return {
      message: code === ErrorCode.INTERNAL ? GENERIC : out.message,
      ...(out.locations ? { locations: out.locations } : {}),
      ...(out.path ? { path: out.path } : {}),
      extensions: safe,
    };
  };
}
