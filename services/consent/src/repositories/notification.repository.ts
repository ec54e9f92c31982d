import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { onlyUuids } from '@mamis/platform';
import { NotificationDeliveryEntity, NotificationEntity, type NotificationKind } from '../entities';
import { DATA_MIGRATION_NOTICE, type NoticeText } from '../notifications/notice-texts';

export interface NewNotification extends NoticeText {
  accountId: string | null;
  personId: string | null;
  kind: NotificationKind;
  /** Unique per producer and event: a second insert with the same key is ignored. */
  sourceKey: string;
}

/** An association's notice as validated (src/services/association-notice.service.ts). */
export interface AssociationNoticeInput {
  associationId: string;
  subjectJa: string;
  bodyJa: string;
  subjectEn: string;
  bodyEn: string;
  idempotencyKey: string;
}

/** The answer of a notice run: how many current members it goes (went) to, never who. */
export interface AssociationNoticeRun {
  dryRun: boolean;
  associationName: string;
  recipientCount: number;
  /** Notifications the run created (0 for a dry run; a repeated key answers the first run's figures). */
  notifiedCount: number;
}

export interface NotificationRow {
  id: string;
  personId: string | null;
  kind: NotificationKind;
  subjectJa: string;
  subjectEn: string;
  bodyJa: string;
  bodyEn: string;
  createdAt: Date;
  readAt: Date | null;
  emailStatus: string | null;
}

const CHUNK = 1000;

/**
 * Insert notifications (idempotent by source key) and queue one e-mail delivery for each new one
 * addressed to a person (the address is looked up when it is sent). Returns how many were new.
 */
export async function insertNotifications(manager: EntityManager, rows: NewNotification[]): Promise<number> {
  return (await insertNotificationsQueuingMail(manager, rows)).created;
}

/** `insertNotifications`, also answering the persons whose e-mail this call queued. */
export async function insertNotificationsQueuingMail(
  manager: EntityManager,
  rows: NewNotification[],
): Promise<{ created: number; queuedPersonIds: string[] }> {
  let created = 0;
  const queuedPersonIds: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const inserted: { id: string; person_id: string | null }[] = await manager.query(
      `INSERT INTO notification (id, account_id, person_id, kind, subject_ja, subject_en, body_ja, body_en, source_key)
       SELECT gen_random_uuid(), r.account_id, r.person_id, r.kind, r.subject_ja, r.subject_en, r.body_ja, r.body_en, r.source_key
       FROM jsonb_to_recordset($1::jsonb) AS r(account_id uuid, person_id uuid, kind text, subject_ja text,
            subject_en text, body_ja text, body_en text, source_key text)
       ON CONFLICT (source_key) DO NOTHING
       RETURNING id, person_id`,
      [
        JSON.stringify(
          part.map((r) => ({
            account_id: r.accountId,
            person_id: r.personId,
            kind: r.kind,
            subject_ja: r.subjectJa,
            subject_en: r.subjectEn,
            body_ja: r.bodyJa,
            body_en: r.bodyEn,
            source_key: r.sourceKey,
          })),
        ),
      ],
    );
    created += inserted.length;
    const forPersons = inserted.filter((r) => r.person_id);
    if (forPersons.length) {
      const queued: { person_id: string }[] = await manager.query(
        `INSERT INTO notification_delivery (id, notification_id, person_id, channel, status, attempts, next_attempt_at)
         SELECT gen_random_uuid(), d.id, d.person_id, 'EMAIL', 'PENDING', 0, now()
         FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, person_id uuid)
         ON CONFLICT (notification_id) DO NOTHING
         RETURNING person_id::text`,
        [JSON.stringify(forPersons)],
      );
      queuedPersonIds.push(...queued.map((q) => q.person_id));
    }
  }
  return { created, queuedPersonIds: [...new Set(queuedPersonIds)] };
}

export class NotificationRepository {
  constructor(private readonly ds: DataSource) {}

  create(rows: NewNotification[]): Promise<number> {
    return this.ds.transaction((manager) => insertNotifications(manager, rows));
  }

  /** Terms art. 13: tell each person their data was carried over from the previous system (once). */
  announceDataMigration(personIds: readonly string[]): Promise<number> {
    return this.create(
      onlyUuids(personIds).map((personId) => ({
        accountId: null,
        personId,
        kind: 'DATA_MIGRATION',
        ...DATA_MIGRATION_NOTICE,
        sourceKey: `data-migration:${personId}`,
      })),
    );
  }

  /** The association's name (access.association_v1), null when there is none. */
  async associationName(associationId: string): Promise<string | null> {
    if (onlyUuids([associationId]).length === 0) return null;
    const rows = (await this.ds.query('SELECT name FROM access.association_v1 WHERE id = $1::uuid', [
      associationId,
    ])) as { name: string }[];
    return rows[0]?.name ?? null;
  }

  /** The association's CURRENT members (access.membership_v1: ACTIVE), not former ones, nor a child's. */
  async currentMemberIds(
    associationId: string,
    manager: EntityManager | DataSource = this.ds,
  ): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT person_id::text AS id FROM access.membership_v1
       WHERE association_id = $1::uuid AND status = 'ACTIVE' ORDER BY 1`,
      [associationId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The persons' notifications, newest first, with the e-mail status (one statement for the batch). */
  async byPersonIds(personIds: readonly string[]): Promise<NotificationRow[]> {
    const valid = onlyUuids(personIds);
    if (valid.length === 0) return [];
    const rows: (Omit<NotificationRow, 'createdAt' | 'readAt'> & { createdAt: Date; readAt: Date | null })[] =
      await this.ds.query(
        `SELECT n.id, n.person_id AS "personId", n.kind, n.subject_ja AS "subjectJa", n.subject_en AS "subjectEn",
                n.body_ja AS "bodyJa", n.body_en AS "bodyEn", n.created_at AS "createdAt", n.read_at AS "readAt",
                d.status AS "emailStatus"
         FROM notification n LEFT JOIN notification_delivery d ON d.notification_id = n.id
         WHERE n.person_id = ANY($1::uuid[])
         ORDER BY n.created_at DESC, n.id`,
        [valid],
      );
    return rows;
  }

  async byId(id: string): Promise<NotificationEntity | null> {
    if (onlyUuids([id]).length === 0) return null;
    return this.ds.getRepository(NotificationEntity).findOne({ where: { id } });
  }

  /** Mark read, unless it was read before (the first time is kept). */
  async markRead(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(NotificationEntity).update({ id, readAt: IsNull() }, { readAt: new Date() });
  }

  /** Deliveries of some notifications (tests, the disclosure export). */
  deliveriesOf(notificationIds: readonly string[]): Promise<NotificationDeliveryEntity[]> {
    return this.ds
      .getRepository(NotificationDeliveryEntity)
      .find({ where: { notificationId: In(onlyUuids(notificationIds)) } });
  }
}
