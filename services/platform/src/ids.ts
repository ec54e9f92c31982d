const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: string): boolean => UUID.test(s);

/** Drop keys that are not UUIDs before they reach SQL (a bad id is simply "not found"). */
export const onlyUuids = (ids: readonly string[]): string[] => ids.filter(isUuid);
