import type { DataSource, EntityManager } from 'typeorm';
import { Messages, notFound, onlyUuids } from '@mamis/platform';
import type { ConsentWriteContext } from '../context';
import { DATA_MIGRATION_NOTICE } from '../notifications/notice-texts';
import {
  insertNotificationRows,
  NOTIFICATION_BATCH,
  queueEmailDeliveries,
  type NewNotification,
  type NotificationRow,
} from '../repositories/notification.repository';

/**
 * Insert notifications (idempotent by source key) and queue one e-mail delivery for each new one
 * addressed to a person (an account's notice without a person is shown on screen only). Answers
 * how many were new and the persons whose e-mail this call queued. In the caller's transaction,
 * batch by batch (the notifications of a batch, then their deliveries).
 */
export async function insertNotificationsQueuingMail(
  manager: EntityManager,
  rows: readonly NewNotification[],
): Promise<{ created: number; queuedPersonIds: string[] }> {
  let created = 0;
  const queuedPersonIds: string[] = [];
  for (let i = 0; i < rows.length; i += NOTIFICATION_BATCH) {
    const inserted = await insertNotificationRows(manager, rows.slice(i, i + NOTIFICATION_BATCH));
    created += inserted.length;
    const forPersons = inserted.filter((r): r is { id: string; person_id: string } => !!r.person_id);
    queuedPersonIds.push(...(await queueEmailDeliveries(manager, forPersons)));
  }
  return { created, queuedPersonIds: [...new Set(queuedPersonIds)] };
}

/** `insertNotificationsQueuingMail`, answering how many notifications were new. */
export async function insertNotifications(
  manager: EntityManager,
  rows: readonly NewNotification[],
): Promise<number> {
  return (await insertNotificationsQueuingMail(manager, rows)).created;
}

/** `insertNotifications` in a transaction of its own. */
export function createNotifications(ds: DataSource, rows: readonly NewNotification[]): Promise<number> {
  return ds.transaction((manager) => insertNotifications(manager, rows));
}

/** Terms art. 13: tell each person their data was carried over from the previous system (once). */
export function announceDataMigration(ds: DataSource, personIds: readonly string[]): Promise<number> {
  return createNotifications(
    ds,
    onlyUuids(personIds).map((personId) => ({
      accountId: null,
      personId,
      kind: 'DATA_MIGRATION',
      ...DATA_MIGRATION_NOTICE,
      sourceKey: `data-migration:${personId}`,
    })),
  );
}

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
