import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Messages } from './messages';
import { formatMessage, isMessageText, type MessageText } from './messages/message';

/** Stable error codes every client may rely on (`extensions.code`). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  TERMS_NOT_ACCEPTED = 'TERMS_NOT_ACCEPTED',
  RATE_LIMITED = 'RATE_LIMITED',
  CONFLICT = 'CONFLICT',
  /** Overload or a transient database condition (statement timeout, pool exhausted, deadlock): retry. */
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/** What a person reads when the service is overloaded: Japanese first, English alongside. */
export const UNAVAILABLE_MESSAGE = formatMessage(Messages.SERVICE_BUSY);

/**
 * PostgreSQL conditions that say "not now" rather than "wrong": the statement timeout (57014),
 * too many connections (53300), the server starting or stopping (57P01, 57P03), a serialization
 * failure or deadlock (40001, 40P01).
 */
const TRANSIENT_SQLSTATES = new Set(['57014', '53300', '57P01', '57P03', '40001', '40P01']);

/** Whether an unexpected error is an overload or transient database condition (pg, TypeORM, pg-pool). */
export function isTransientFailure(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : e.driverError?.code;
  if (typeof code === 'string' && TRANSIENT_SQLSTATES.has(code)) return true;
  // pg-pool: no connection became free within connectionTimeoutMillis
  return typeof e.message === 'string' && /^timeout exceeded when trying to connect/i.test(e.message);
}

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * An error meant for the client: a stable code, an optional input field path, a safe message.
 * Given a catalogue entry (`Messages.…`), the message is Japanese first with the English
 * alongside, and the entry's reason code goes to `extensions.details.reason` unless the details
 * already carry one.
 */
export class AppError extends GraphQLError {
  constructor(
    code: ErrorCode,
    message: string | MessageText,
    options: { field?: string; details?: Record<string, unknown> } = {},
  ) {
    const text = isMessageText(message) ? message : undefined;
    const details = text ? { reason: text.reason, ...options.details } : options.details;
    super(text ? formatMessage(text) : (message as string), {
      extensions: {
        code,
        ...(options.field ? { field: options.field } : {}),
        ...(details ? { details } : {}),
      },
    });
  }
}

/** The stable reason code of an error raised on purpose (`extensions.details.reason`): what code may test, never the message. */
export const reasonOf = (e: AppError): string | undefined =>
  (e.extensions.details as { reason?: unknown } | undefined)?.reason as string | undefined;

/** BAD_USER_INPUT at a field path, from a catalogue entry, with optional details (a reason code given here wins). */
export const badInput = (field: string, message: MessageText, details?: Record<string, unknown>) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { field, details });
/** CONFLICT (the record changed, or the state does not allow it), from a catalogue entry. */
export const conflict = (message: MessageText, field?: string, details?: Record<string, unknown>) =>
  new AppError(ErrorCode.CONFLICT, message, { field, details });
/** NOT_FOUND from a catalogue entry (a generic "not found" by default). */
export const notFound = (message: MessageText = Messages.NOT_FOUND, field?: string) =>
  new AppError(ErrorCode.NOT_FOUND, message, { field });

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
    if (isTransientFailure(original)) {
      return {
        message: UNAVAILABLE_MESSAGE,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.UNAVAILABLE },
      };
    }
    return {
      message: opts.development ? formatted.message : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL },
    };
  };
}
