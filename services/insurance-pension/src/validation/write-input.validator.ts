import { badInput, isUuid, Messages } from '@mamis/platform';

/** An id argument of a write: BAD_USER_INPUT at `field` when it is not a UUID (nothing is read). */
export function requireId(field: string, id: string): void {
  if (!isUuid(id)) throw badInput(field, Messages.EXPECTED_ID);
}
