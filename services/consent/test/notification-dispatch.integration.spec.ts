import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clock, runAsSystem } from '@mamis/platform';
import { Client as PgClient, type Client } from 'pg';
import type { DataSource } from 'typeorm';
import { buildPerson } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { makeDataSource } from '../src/data-source';
import { createMailer } from '../src/mail/mailer';
import { NotificationDispatcher, retryDelayMs } from '../src/notifications/dispatcher';
import { ingestTrainingOutbox } from '../src/notifications/training-outbox.ingest';
import { announceDataMigration, createNotifications } from '../src/services/notification.service';

const RETRY = { maxAttempts: 3, retryBaseMs: 60_000, retryMaxMs: 3_600_000 };
const notice = (personId: string | null, key: string) => ({
  accountId: null,
  personId,
  kind: 'CERTIFICATE_EXPIRY' as const,
  subjectJa: '認定産業医の認定証の有効期限が近づいています',
  subjectEn: 'Your occupational physician certificate expires soon',
  bodyJa: '認定証の有効期限は 2026-03-31 です。更新申請をお願いします。',
  bodyEn: 'Your certificate expires on 2026-03-31. Please apply for renewal.',
  sourceKey: key,
});

/** SMTP that refuses connections: a port nothing listens on. */
const deadSmtp = (outbox: string) =>
  createMailer({
    NODE_ENV: 'test',
    CONSENT_SMTP_URL: 'smtp://127.0.0.1:9',
    CONSENT_MAIL_FROM: 'MAMIS <no-reply@mamis.localhost>',
    CONSENT_OUTBOX_DIR: outbox,
  })!;
const devOutbox = (outbox: string) =>
  createMailer({
    NODE_ENV: 'test',
    CONSENT_MAIL_FROM: 'MAMIS <no-reply@mamis.localhost>',
    CONSENT_OUTBOX_DIR: outbox,
  })!;

/** Notification e-mail: outbox delivery, retry with backoff after an SMTP failure, training ingest. */
describe('consent: notification e-mail dispatch (real PostgreSQL)', () => {
  let db: TestDatabase;
  let admin: Client;
  let ds: DataSource;
  let outbox: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    ds = makeDataSource(db.urlFor('consent'), { poolSize: 2 }).dataSource;
    await ds.initialize();
    outbox = mkdtempSync(path.join(tmpdir(), 'mamis-consent-outbox-'));
  });

  afterAll(async () => {
    await ds?.destroy();
    await admin?.end();
    await db?.drop();
  });

  const delivery = async (key: string) =>
    (
      await admin.query(
        `SELECT d.status, d.attempts, d.next_attempt_at, d.last_error, d.to_address, d.sent_at
         FROM consent.notification_delivery d JOIN consent.notification n ON n.id = d.notification_id
         WHERE n.source_key = $1`,
        [key],
      )
    ).rows[0] as {
      status: string;
      attempts: number;
      next_attempt_at: Date | null;
      last_error: string | null;
      to_address: string | null;
    };

  it('retries after a simulated SMTP failure with backoff and then delivers to the outbox', async () => {
    const person = await buildPerson(admin, { email: 'dr.sato@example.jp' });
    await runAsSystem(() => createNotifications(ds, [notice(person.id, 'test:retry')]));
    const t0 = new Date();

    // the SMTP server is down: the attempt is counted and the next one scheduled after the backoff
    const failing = new NotificationDispatcher(ds, deadSmtp(outbox), RETRY);
    expect(await failing.runOnce(t0)).toMatchObject({ sent: 0, retrying: 1 });
    const afterFailure = await delivery('test:retry');
    expect(afterFailure).toMatchObject({ status: 'PENDING', attempts: 1, to_address: 'dr.sato@example.jp' });
    expect(afterFailure.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(afterFailure.next_attempt_at!.getTime()).toBe(t0.getTime() + RETRY.retryBaseMs);

    // the mail comes back: nothing is sent before the next attempt is due, then it is delivered once
    const working = new NotificationDispatcher(ds, devOutbox(outbox), RETRY);
    expect(await working.runOnce(new Date(t0.getTime() + 1000))).toMatchObject({ sent: 0 });
    expect(readdirSync(outbox)).toHaveLength(0);
    expect(await working.runOnce(new Date(t0.getTime() + RETRY.retryBaseMs))).toMatchObject({ sent: 1 });
    expect(await delivery('test:retry')).toMatchObject({ status: 'SENT', attempts: 2, last_error: null });
    const files = readdirSync(outbox);
    expect(files).toHaveLength(1);
    const mail = JSON.parse(readFileSync(path.join(outbox, files[0]!), 'utf8')) as {
      to: { address: string }[];
      subject: string;
      text: string;
    };
    expect(mail.to[0]!.address).toBe('dr.sato@example.jp');
    // Japanese first, English second
    expect(mail.subject.indexOf('認定証')).toBeLessThan(mail.subject.indexOf('certificate'));
    expect(mail.text.indexOf('更新申請')).toBeLessThan(mail.text.indexOf('renewal'));
    // the address view answers the consent role only
    const other = new PgClient({ connectionString: db.urlFor('training') });
    await other.connect();
    try {
      const seen = await other.query('SELECT count(*)::int AS n FROM access.person_email_v1');
      expect(seen.rows[0].n).toBe(0);
    } finally {
      await other.end();
    }
    // sent means done: a later pass sends nothing again
    expect(await working.runOnce(new Date(t0.getTime() + 10 * RETRY.retryBaseMs))).toMatchObject({ sent: 0 });
    expect(readdirSync(outbox)).toHaveLength(1);
  });

  it('gives up after the last attempt (FAILED) and skips persons without an e-mail address', async () => {
    const person = await buildPerson(admin, { email: 'dr.ito@example.jp' });
    const noMail = await buildPerson(admin, { email: null } as never);
    await runAsSystem(() =>
      createNotifications(ds, [notice(person.id, 'test:give-up'), notice(noMail.id, 'test:no-mail')]),
    );
    const failing = new NotificationDispatcher(ds, deadSmtp(outbox), RETRY);
    let at = new Date();
    for (let attempt = 1; attempt <= RETRY.maxAttempts; attempt++) {
      await failing.runOnce(at);
      at = new Date(at.getTime() + retryDelayMs(attempt, RETRY));
    }
    expect(await delivery('test:give-up')).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      next_attempt_at: null,
    });
    expect(await delivery('test:no-mail')).toMatchObject({ status: 'SKIPPED', attempts: 0 });
    expect(retryDelayMs(1, RETRY)).toBe(60_000);
    expect(retryDelayMs(2, RETRY)).toBe(120_000);
    expect(retryDelayMs(20, RETRY)).toBe(RETRY.retryMaxMs);
  });

  it("ingests the training service's certificate reminders once each, when they are due", async () => {
    const person = await buildPerson(admin);
    const today = clock.today();
    // rows as the training service schedules them (training.notification_outbox)
    await admin.query(
      `INSERT INTO training.notification_outbox (id, person_id, certificate_id, kind, payload, due_on) VALUES
        ('0b9b5a52-6a5e-4e43-9d3c-000000000001', $1, NULL, 'CERTIFICATE_EXPIRY_90',
         '{"subjectJa": "【認定産業医】認定証の有効期限が近づいています（90日前）", "subjectEn": "Certified occupational physician: your certificate expires in 90 days", "bodyJa": "有効期限は 2026年03月31日 です。", "bodyEn": "Valid until 2026-03-31."}', $2::date),
        ('0b9b5a52-6a5e-4e43-9d3c-000000000002', $1, NULL, 'CERTIFICATE_EXPIRY_30', '{}', $2::date + 60)`,
      [person.id, today],
    );
    expect(await runAsSystem(() => ingestTrainingOutbox(ds, today))).toBe(1);
    expect(await runAsSystem(() => ingestTrainingOutbox(ds, today))).toBe(0);
    const rows = await admin.query(
      `SELECT kind, subject_ja, subject_en FROM consent.notification WHERE person_id = $1 ORDER BY created_at`,
      [person.id],
    );
    expect(rows.rows).toEqual([
      {
        kind: 'CERTIFICATE_EXPIRY',
        subject_ja: '【認定産業医】認定証の有効期限が近づいています（90日前）',
        subject_en: 'Certified occupational physician: your certificate expires in 90 days',
      },
    ]);
    // the 30-day reminder comes when it is due (texts default when the payload has none)
    const later = new Date(`${today}T00:00:00Z`);
    later.setUTCDate(later.getUTCDate() + 60);
    expect(await runAsSystem(() => ingestTrainingOutbox(ds, later.toISOString().slice(0, 10)))).toBe(1);
    const queued = await admin.query(
      `SELECT count(*)::int AS n FROM consent.notification_delivery WHERE person_id = $1 AND status = 'PENDING'`,
      [person.id],
    );
    expect(queued.rows[0].n).toBe(2);
  });

  it('announces the data migration of terms art. 13 once per person', async () => {
    const person = await buildPerson(admin);
    expect(await runAsSystem(() => announceDataMigration(ds, [person.id, 'not-a-uuid']))).toBe(1);
    expect(await runAsSystem(() => announceDataMigration(ds, [person.id]))).toBe(0);
    const rows = await admin.query(
      `SELECT n.kind, n.body_ja, d.status FROM consent.notification n
       JOIN consent.notification_delivery d ON d.notification_id = n.id WHERE n.person_id = $1`,
      [person.id],
    );
    expect(rows.rows).toEqual([
      { kind: 'DATA_MIGRATION', body_ja: expect.stringContaining('利用規約第13条'), status: 'PENDING' },
    ]);
  });
});
