import { AppError, ErrorCode, conflict } from '@mamis/platform';

/** BAD_USER_INPUT at a field path, with optional details (e.g. the reason code). */
export const badInput = (field: string, message: string, details?: Record<string, unknown>) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { field, details });

export { conflict };
