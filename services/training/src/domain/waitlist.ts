/**
 * The waiting list of a session: how many seats are free and who moves up. Pure decisions; the
 * attendance service reads the counts and the queue (session row locked) and writes the result.
 */

/** Free seats of a session: null when it has no limit, never negative. */
export function freeSeats(capacity: number | null, seatsTaken: number): number | null {
  return capacity === null ? null : Math.max(0, capacity - seatsTaken);
}

/**
 * Who moves up from the waiting list: the first `free` of the queue (first come first served, the
 * queue in registration order), everyone when there is no limit.
 */
export function promotedFromQueue<T>(queue: readonly T[], free: number | null): T[] {
  return free === null ? [...queue] : queue.slice(0, Math.max(0, free));
}
