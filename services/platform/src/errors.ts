import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Stable error codes every client may rely on (`extensions.code`). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  TERMS_NOT_ACCEPTED = 'TERMS_NOT_ACCEPTED',
  RATE_LIMITED = 'RATE_LIMITED',
  CONFLICT = 'CONFLICT',
  INTERNAL = 'INTERNAL',
}

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

/** An error meant for the client: a stable code, an optional input field path, a safe message. */
export class AppError extends GraphQLError {
  constructor(
    code: ErrorCode,
    message: string,
    options: { field?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message, {
      extensions: {
        code,
        ...(options.field ? { field: options.field } : {}),
        ...(options.details ? { details: options.details } : {}),
      },
    });
  }
}

export const badInput = (field: string, message: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { field });
export const conflict = (message: string, field?: string) =>
  new AppError(ErrorCode.CONFLICT, message, { field });
export const notFound = (message = 'Not found') => new AppError(ErrorCode.NOT_FOUND, message);

/**
 * Error masking for Apollo's `formatError`: errors raised on purpose (AppError, or any error whose
 * code is one of ours and whose origin is not an unexpected exception) keep their message and code;
 * everything else becomes INTERNAL with a generic message. In development mode the original
 * message is kept to ease debugging, never the stack.
 */
export function createErrorFormatter(opts: { development: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const original = error instanceof GraphQLError ? error.originalError : undefined;
    const isOurs =
      typeof code === 'string' &&
      PUBLIC_CODES.has(code) &&
      // thrown on purpose here, or already masked by the subgraph that raised it (the gateway
      // sees a downstream error as a plain object, not an Error)
      (original === undefined || original instanceof GraphQLError || !(original instanceof Error));
    // Apollo's own request errors (parse/validation) are safe to show.
    const isRequestError =
      code === 'GRAPHQL_PARSE_FAILED' ||
      code === 'GRAPHQL_VALIDATION_FAILED' ||
      code === 'BAD_REQUEST' ||
      code === 'PERSISTED_QUERY_NOT_FOUND' ||
      code === 'PERSISTED_QUERY_NOT_SUPPORTED' ||
      code === 'OPERATION_RESOLUTION_FAILURE';
    if (isOurs || isRequestError) {
      const { extensions, ...rest } = formatted;
      const {
        stacktrace: _s,
        exception: _e,
        serviceName,
        ...safeExt
      } = (extensions ?? {}) as Record<string, unknown>;
      return { ...rest, extensions: opts.development && serviceName ? { ...safeExt, serviceName } : safeExt };
    }
    return {
      message: opts.development ? formatted.message : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL },
    };
  };
}
