import type { DataSource } from 'typeorm';
import { clock } from '@mamis/platform';
import type { NotificationKind } from '../entities';
import type { NewNotification } from '../repositories/notification.repository';
import { insertNotifications } from '../services/notification.service';

/** The training service's outbox (training.notification_outbox) as the access view exposes it. */
export const TRAINING_OUTBOX_VIEW = 'access.notification_outbox_training_v1';

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

/** Training's kinds (CERTIFICATE_EXPIRY_180 / _90 / _30, APPLICATION_…) → notification kinds. */
export const kindOfOutbox = (kind: string): NotificationKind =>
  kind.startsWith('APPLICATION') ? 'APPLICATION_RESULT' : 'CERTIFICATE_EXPIRY';

interface OutboxRow {
  id: string;
  person_id: string;
  kind: string;
  payload: Record<string, unknown> | null;
}

/**
 * Copy the training outbox's notices that are due (`due_on` on or before today, Asia/Tokyo) into
 * notifications, idempotently by the outbox row's id (source key `training-outbox:<id>`): the
 * texts come from the row's payload (`subjectJa`, `subjectEn`, `bodyJa`, `bodyEn`). Does nothing
 * while the view does not exist. Returns the number of new notifications.
 */
export async function ingestTrainingOutbox(
  ds: DataSource,
  today: string = clock.today(),
  limit = 500,
): Promise<number> {
  const [{ exists }] = (await ds.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [
    TRAINING_OUTBOX_VIEW,
  ])) as { exists: boolean }[];
  if (!exists) return 0;
  return ds.transaction(async (manager) => {
    const rows: OutboxRow[] = await manager.query(
      `SELECT o.id, o.person_id, o.kind, o.payload FROM ${TRAINING_OUTBOX_VIEW} o
       WHERE o.due_on <= $1::date
         AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.source_key = 'training-outbox:' || o.id::text)
       ORDER BY o.due_on, o.id
       LIMIT $2`,
      [today, limit],
    );
    const items: NewNotification[] = rows.map((r) => {
      const kind = kindOfOutbox(r.kind);
      const expiry = kind === 'CERTIFICATE_EXPIRY';
      const p = r.payload ?? {};
      return {
        accountId: null,
        personId: r.person_id,
        kind,
        subjectJa: str(p.subjectJa) ?? (expiry ? '認定証の有効期限のお知らせ' : '申請結果のお知らせ'),
        subjectEn:
          str(p.subjectEn) ?? (expiry ? 'Your certificate expires soon' : 'The result of your application'),
        bodyJa: str(p.bodyJa) ?? '詳しくは MAMIS にログインしてご確認ください。',
        bodyEn: str(p.bodyEn) ?? 'Please sign in to MAMIS for the details.',
        sourceKey: `training-outbox:${r.id}`,
      };
    });
    return items.length ? insertNotifications(manager, items) : 0;
  });
}
