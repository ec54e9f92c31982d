import { runAsSystem, type Logger } from '@mamis/platform';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccountEntity } from '../entities';
import type { Repositories } from '../repositories';
import type { AccountService } from './account.service';

const CHECKPOINT = 'membership-events';
/** A gap in seq (a transaction not yet committed, or rolled back) older than this is passed over. */
const GAP_GRACE_MS = 60_000;
const BATCH = 500;

interface EventRow {
  id: string;
  seq: string;
  person_id: string;
  kind: string;
  recorded_at: Date;
  done: boolean;
}

/** What the lifecycle rule (terms art. 8.1, README "Account lifecycle") looks at. */
export interface Standing {
  deceased: boolean;
  /** A current (ACTIVE) membership in any association. */
  member: boolean;
  /** Any training record (registration or attendance not cancelled). */
  trainee: boolean;
}

/** May the person use the system under the lifecycle rule? */
export const eligible = (s: Standing) => !s.deceased && (s.member || s.trainee);

/**
 * Terms art. 8 for physician accounts, following the membership event log
 * (access.membership_event_v1) as it is committed:
 * - DEATH → the account ENDS (cause DECEASED); never reinstated by the rule.
 * - LEAVE / TRANSFER_OUT → when the person then has no current membership anywhere and no
 *   training record, the account is SUSPENDED (cause LEFT).
 * - JOIN / TRANSFER_IN → an account suspended with cause LEFT is ACTIVE again.
 * Each change revokes everything the account holds (its tokens stop at the gateway's next
 * request) and is logged with `audit: account_lifecycle`. Data is kept.
 *
 * `catchUp()` runs before every sign-in, token, refresh and read of the revocation feed, so an
 * event committed before such a request has been applied when it is answered. Identity replicas
 * take turns on the checkpoint row (FOR UPDATE). Events are applied as soon as they are visible,
 * also beyond a gap in seq (remembered in lifecycle_event_done); the checkpoint moves over
 * contiguous or settled seqs only, so an event that commits late is not skipped.
 */
export class LifecycleService {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly repos: Repositories,
    private readonly accounts: AccountService,
    private readonly log: Logger,
  ) {}

  /** Start following at the end of the log (events before identity first ran are history). */
  async init(): Promise<void> {
    await runAsSystem(() =>
      this.ds.query(
        `INSERT INTO lifecycle_checkpoint (name, seq)
         SELECT $1, COALESCE((SELECT max(seq) FROM access.membership_event_v1), 0)
         ON CONFLICT (name) DO NOTHING`,
        [CHECKPOINT],
      ),
    );
  }

  /** Apply every event committed before this call (calls arriving together share one pass). */
  catchUp(): Promise<void> {
    if (!this.running) return this.start();
    this.queued ??= this.running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.queued = null;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<void> {
    const p: Promise<void> = this.pass().finally(() => {
      if (this.running === p) this.running = null;
    });
    this.running = p;
    return p;
  }

  private async pass(): Promise<void> {
    if (!(await this.pending())) return;
    for (let i = 0; i < 100; i++) if (!(await this.batch())) return;
  }

  /** One statement, no transaction: is any event after the checkpoint not applied yet? (the usual answer: no) */
  private async pending(): Promise<boolean> {
    const rows: { pending: boolean }[] = await runAsSystem(() =>
      this.ds.query(
        `SELECT EXISTS (
           SELECT 1 FROM access.membership_event_v1 e
           WHERE e.seq > (SELECT seq FROM lifecycle_checkpoint WHERE name = $1)
             AND NOT EXISTS (SELECT 1 FROM lifecycle_event_done d WHERE d.event_id = e.id)) AS pending`,
        [CHECKPOINT],
      ),
    );
    return rows[0]?.pending === true;
  }

  /** One batch in one transaction holding the checkpoint; true when more may follow at once. */
  private batch(): Promise<boolean> {
    return runAsSystem(() =>
      this.ds.transaction(async (m) => {
        const rows: { seq: string }[] = await m.query(
          `SELECT seq::text AS seq FROM lifecycle_checkpoint WHERE name = $1 FOR UPDATE`,
          [CHECKPOINT],
        );
        if (!rows[0]) return false; // init() has not run
        const from = BigInt(rows[0].seq);
        const events: EventRow[] = await m.query(
          `SELECT e.id::text AS id, e.seq::text AS seq, e.person_id::text AS person_id, e.kind, e.recorded_at,
                  EXISTS (SELECT 1 FROM lifecycle_event_done d WHERE d.event_id = e.id) AS done
           FROM access.membership_event_v1 e WHERE e.seq > $1::bigint ORDER BY e.seq LIMIT $2`,
          [from.toString(), BATCH],
        );
        let checkpoint = from;
        let contiguous = true;
        const now = Date.now();
        const fresh: EventRow[] = [];
        for (const e of events) {
          if (!e.done) fresh.push(e);
          const seq = BigInt(e.seq);
          if (
            contiguous &&
            (seq === checkpoint + 1n || now - new Date(e.recorded_at).getTime() > GAP_GRACE_MS)
          )
            checkpoint = seq;
          else contiguous = false;
        }
        await this.apply(m, fresh);
        if (fresh.length)
          await m.query(
            `INSERT INTO lifecycle_event_done (event_id, seq)
             SELECT * FROM unnest($1::uuid[], $2::bigint[]) ON CONFLICT DO NOTHING`,
            [fresh.map((e) => e.id), fresh.map((e) => e.seq)],
          );
        if (checkpoint !== from) {
          await m.query(`UPDATE lifecycle_checkpoint SET seq = $2::bigint WHERE name = $1`, [
            CHECKPOINT,
            checkpoint.toString(),
          ]);
          await m.query(`DELETE FROM lifecycle_event_done WHERE seq <= $1::bigint`, [checkpoint.toString()]);
        }
        return events.length === BATCH && checkpoint !== from;
      }),
    );
  }

  /** The person's standing now (not as of the event: later events are applied in turn anyway). */
  async standing(personId: string, m: EntityManager | DataSource = this.ds): Promise<Standing> {
    const rows: Standing[] = await runAsSystem(() =>
      m.query(
        `SELECT EXISTS (SELECT 1 FROM access.membership_event_v1 WHERE person_id = $1 AND kind = 'DEATH') AS deceased,
                EXISTS (SELECT 1 FROM access.membership_v1 WHERE person_id = $1 AND status = 'ACTIVE') AS member,
                EXISTS (SELECT 1 FROM access.attendance_v1 WHERE person_id = $1) AS trainee`,
        [personId],
      ),
    );
    return rows[0]!;
  }

  private async apply(m: EntityManager, events: EventRow[]): Promise<void> {
    const relevant = events.filter((e) =>
      ['DEATH', 'LEAVE', 'TRANSFER_OUT', 'JOIN', 'TRANSFER_IN'].includes(e.kind),
    );
    if (relevant.length === 0) return;
    const accounts = await this.repos.accounts.physiciansOf([...new Set(relevant.map((e) => e.person_id))]);
    for (const account of accounts) {
      const own = relevant.filter((e) => e.person_id === account.personId);
      await this.decide(m, account, own);
    }
  }

  private async decide(m: EntityManager, account: AccountEntity, events: EventRow[]): Promise<void> {
    const standing = await this.standing(account.personId!, m);
    const event = events[events.length - 1]!;
    const audit = async (status: string, cause: string | null) => {
      await this.repos.audit.append({
        operation: `account_lifecycle:${status}${cause ? `:${cause}` : ''}`,
        actor: null,
        actorKind: 'SYSTEM',
        account: account.id,
        personId: account.personId,
        requestId: `membership-event:${event.id}`,
      });
      this.log.info(
        {
          audit: 'account_lifecycle',
          account: account.id,
          person: account.personId,
          status,
          cause,
          event: event.id,
          eventKind: event.kind,
        },
        'account status changed by the lifecycle rule (terms art. 8)',
      );
    };
    if (standing.deceased) {
      if (account.status === 'ENDED' && account.statusCause === 'DECEASED') return;
      await this.repos.accounts.setStatus(account.id, 'ENDED', '死亡 / deceased', null, 'DECEASED');
      await this.accounts.revokeEverything(account, 'deceased');
      return audit('ENDED', 'DECEASED');
    }
    if (account.status === 'ACTIVE' && !eligible(standing)) {
      await this.repos.accounts.setStatus(
        account.id,
        'SUSPENDED',
        '全ての所属医師会を退会 / left every association',
        null,
        'LEFT',
      );
      await this.accounts.revokeEverything(account, 'left every association');
      return audit('SUSPENDED', 'LEFT');
    }
    if (account.status === 'SUSPENDED' && account.statusCause === 'LEFT' && eligible(standing)) {
      await this.repos.accounts.setStatus(account.id, 'ACTIVE', '再入会 / joined again', null, null);
      return audit('ACTIVE', null);
    }
  }
}
