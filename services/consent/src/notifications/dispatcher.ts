import type { DataSource } from 'typeorm';
import { runAsSystem, type Logger } from '@mamis/platform';
import type { Mailer } from '../mail/mailer';
import { ingestTrainingOutbox } from './training-outbox.ingest';

export interface DispatchOptions {
  maxAttempts: number;
  /** First retry after this long; doubled per failed attempt up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  batchSize?: number;
}

export interface DispatchResult {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
}

/** Delay before attempt n+1 after n failed attempts: base·2^(n−1), capped. */
export const retryDelayMs = (
  failedAttempts: number,
  o: Pick<DispatchOptions, 'retryBaseMs' | 'retryMaxMs'>,
) => Math.min(o.retryBaseMs * 2 ** Math.max(0, failedAttempts - 1), o.retryMaxMs);

interface DueRow {
  id: string;
  attempts: number;
  subject_ja: string;
  subject_en: string;
  body_ja: string;
  body_en: string;
  email: string | null;
}

/** One message, Japanese first, English second. */
export const mailOf = (r: Pick<DueRow, 'subject_ja' | 'subject_en' | 'body_ja' | 'body_en'>) => ({
  subject: `${r.subject_ja} / ${r.subject_en}`,
  text: `${r.body_ja}\n\n----\n\n${r.body_en}\n\n--\n医師会会員情報システム（MAMIS） / MAMIS — Japan Medical Association\n`,
});

/**
 * Sends the e-mail of notifications: every PENDING delivery whose next attempt is due, locked
 * with SKIP LOCKED (several replicas do not send twice). A failed send is retried with
 * exponential backoff until `maxAttempts`, then FAILED; a person without an e-mail address (or
 * e-mail switched off) → SKIPPED. Runs as the SYSTEM viewer (a background job: all rows).
 */
export class NotificationDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly ds: DataSource,
    private readonly mailer: Mailer | null,
    private readonly opts: DispatchOptions,
    private readonly log?: Logger,
  ) {}

  /** One pass: ingest the training outbox, then send what is due. */
  async runOnce(now: Date = new Date()): Promise<DispatchResult> {
    return runAsSystem(async () => {
      await ingestTrainingOutbox(this.ds).catch((err: unknown) =>
        this.log?.warn({ err: (err as Error).message }, 'training outbox ingest failed'),
      );
      return this.sendDue(now);
    });
  }

  private sendDue(now: Date): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
    return this.ds.transaction(async (manager) => {
      const due: DueRow[] = await manager.query(
        `SELECT d.id, d.attempts, n.subject_ja, n.subject_en, n.body_ja, n.body_en, e.email
         FROM notification_delivery d
         JOIN notification n ON n.id = d.notification_id
         LEFT JOIN access.person_email_v1 e ON e.person_id = d.person_id
         WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1
         ORDER BY d.next_attempt_at, d.id
         LIMIT $2
         FOR UPDATE OF d SKIP LOCKED`,
        [now, this.opts.batchSize ?? 50],
      );
      for (const row of due) {
        if (!this.mailer || !row.email) {
          await manager.query(
            `UPDATE notification_delivery SET status = 'SKIPPED', last_error = $2 WHERE id = $1`,
            [row.id, this.mailer ? 'no e-mail address' : 'e-mail switched off'],
          );
          result.skipped++;
          continue;
        }
        const attempts = row.attempts + 1;
        try {
          const messageId = await this.mailer.send({ to: row.email, ...mailOf(row) });
          await manager.query(
            `UPDATE notification_delivery
             SET status = 'SENT', attempts = $2, sent_at = now(), to_address = $3, message_id = $4,
                 last_error = NULL, next_attempt_at = NULL
             WHERE id = $1`,
            [row.id, attempts, row.email, messageId || null],
          );
          result.sent++;
        } catch (err) {
          const message = (err as Error).message?.slice(0, 500) ?? 'send failed';
          const give = attempts >= this.opts.maxAttempts;
          const next = give ? null : new Date(now.getTime() + retryDelayMs(attempts, this.opts));
          await manager.query(
            `UPDATE notification_delivery
             SET status = $2, attempts = $3, last_error = $4, next_attempt_at = $5, to_address = $6
             WHERE id = $1`,
            [row.id, give ? 'FAILED' : 'PENDING', attempts, message, next, row.email],
          );
          if (give) result.failed++;
          else result.retrying++;
          this.log?.warn(
            { delivery: row.id, attempts, err: message, gaveUp: give },
            'notification e-mail failed',
          );
        }
      }
      return result;
    });
  }

  /** Run every `intervalMs` (one pass at a time) until stop(). */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((err: unknown) =>
          this.log?.error({ err: (err as Error).message }, 'notification dispatch failed'),
        )
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
