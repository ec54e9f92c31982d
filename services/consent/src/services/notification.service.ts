import { Messages, notFound } from '@mamis/platform';
import type { ConsentWriteContext } from '../context';
import type { NotificationRow } from '../repositories/notification.repository';

/**
 * A person's own notices (Person.notifications): marking one read. An unknown notice, or one of a
 * person the viewer has no relation to, is NOT_FOUND alike (the access policy decides the latter).
 */
export async function markNotificationRead(
  ctx: ConsentWriteContext,
  id: string,
): Promise<NotificationRow | null> {
  const notifications = ctx.services.notifications;
  const n = await notifications.byId(id);
  if (!n?.personId) throw notFound(Messages.NOTIFICATION_NOT_FOUND);
  await ctx.access.authorizeWrite(n.personId, 'MARK_NOTIFICATION_READ');
  // once: the first time is kept
  await ctx.services.dataSource.transaction((manager) => notifications.markRead(manager, n.id));
  return (await notifications.byPersonIds([n.personId])).find((r) => r.id === n.id) ?? null;
}
