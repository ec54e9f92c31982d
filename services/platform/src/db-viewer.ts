import type { Viewer } from './viewer';

/** The viewer of background jobs inside a service (e.g. an outbox consumer): all rows. */
export const SYSTEM = 'SYSTEM' as const;

/** Whom the database's row security answers for: a request's viewer, or SYSTEM. */
export type DbViewer = Viewer | typeof SYSTEM;
