import type { EntityManager } from 'typeorm';
import type { TrainingWriteContext } from '../context';
import type { AttendanceEntity, TrainingSessionEntity } from '../entities';
import { freeSeats, promotedFromQueue } from '../domain/waitlist';

/**
 * Fill free seats from the waiting list, first come first served, in the caller's transaction with
 * the session row locked by the caller (so concurrent registrations, cancellations and capacity
 * changes of the session wait for it). This decides how many seats are free and who moves up; the
 * attendance repository reads the seat count and the queue (its rows locked) and writes the
 * chosen rows. Returns the promoted rows.
 */
export async function promoteWaitlisted(
  ctx: Pick<TrainingWriteContext, 'services'>,
  manager: EntityManager,
  session: TrainingSessionEntity,
): Promise<AttendanceEntity[]> {
  const attendances = ctx.services.attendances;
  const free =
    session.capacity === null
      ? null
      : freeSeats(session.capacity, await attendances.seatsTaken(manager, session.id));
  if (free === 0) return [];
  const queue = await attendances.waitlistQueue(manager, session.id, free);
  return attendances.markRegistered(manager, promotedFromQueue(queue, free));
}
