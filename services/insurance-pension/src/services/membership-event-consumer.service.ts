import { clock, runAsSystem, type Logger } from '@mamis/platform';
import type { EntityManager } from 'typeorm';
import { insuranceYearOf, isInsuredCategory } from '../domain/insurance-rules';
import type { MembershipEvent, Repositories } from '../repositories';
import type { ChangeOrigin, InsuranceService } from './insurance.service';

export const CONSUMER_NAME = 'insurance-enrolment';

export interface ConsumerOptions {
  /** Events read per transaction. */
  batchSize?: number;
  /**
   * How long a gap in seq is waited for: a sequence number taken by a transaction that has not
   * committed yet shows as a gap, and reading past it would lose that event. Older gaps are
   * rolled-back numbers and are passed.
   */
  gapGraceMs?: number;
  /** Called after an event was applied, inside its transaction (tests use it to simulate a crash). */
  afterApply?: (event: MembershipEvent, outcome: string) => void | Promise<void>;
  /** The real instant, for the gap grace only (a transport concern, compared with the database's now()). */
  now?: () => Date;
  /** Today (Asia/Tokyo) for the insurance year in progress; default: the platform clock. */
  today?: () => string;
}

export interface BatchResult {
  /** Events read in this batch (all tiers). */
  read: number;
  /** JMA events applied now (not applied before). */
  applied: number;
  /** JMA events found already applied (delivered again). */
  duplicates: number;
  /** The checkpoint after the batch. */
  checkpoint: string;
  /** true: stopped before a recent gap in seq (more may come). */
  waitingForGap: boolean;
}

/**
 * Makes malpractice insurance follow the JMA membership (domain.md §6): reads the membership
 * event log (access.membership_event_v1, the membership service's outbox) in seq order after its
 * checkpoint, in batches. Each batch is ONE transaction: the enrolment changes, the processed-event
 * keys (event id) and the checkpoint advance commit together, so a crash loses nothing and an
 * event delivered twice is applied once. Only events of NATIONAL-tier associations (the JMA)
 * change anything. Runs as the system (runAsSystem): it is nobody's request.
 *
 * The rules: a JMA membership in an insured category (A①, A②(B), A②(C)) comes with the insurance
 * (domain.md §6 defines A②(B)/A②(C) as the categories "with JMA malpractice insurance"), so a
 * JOIN / TRANSFER_IN in one, or a CATEGORY_CHANGE into one (B → A②(B), C → A②(C)), enrols the
 * person from the effective date (not for an insurance year that is already over); a change
 * between insured categories updates the category; a CATEGORY_CHANGE to an uninsured one
 * (A②(B) → B) and the end of the JMA membership (LEAVE, DEATH, TRANSFER_OUT) end the open
 * enrolments from the effective date. An event that fails to apply stops the consumer at it
 * (logged, retried every pass) rather than being skipped.
 */
export class MembershipEventConsumer {
  private readonly batchSize: number;
  private readonly gapGraceMs: number;

  constructor(
    private readonly repos: Repositories,
    private readonly insurance: InsuranceService,
    private readonly options: ConsumerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.gapGraceMs = options.gapGraceMs ?? 30_000;
  }

  /** Process one batch (one transaction). */
  runBatch(): Promise<BatchResult> {
    return runAsSystem(() =>
      this.repos.dataSource.transaction(async (manager) => {
        const from = await this.repos.membershipEvents.lockCheckpoint(manager, CONSUMER_NAME);
        const events = await this.repos.membershipEvents.next(manager, from, this.batchSize);
        let checkpoint = from;
        let applied = 0;
        let duplicates = 0;
        let waitingForGap = false;
        const now = (this.options.now?.() ?? new Date()).getTime();
        for (const event of events) {
          if (
            BigInt(event.seq) !== BigInt(checkpoint) + 1n &&
            now - new Date(event.recordedAt).getTime() < this.gapGraceMs
          ) {
            waitingForGap = true;
            break;
          }
          if (event.associationTier === 'NATIONAL') {
            if (await this.repos.membershipEvents.claim(manager, event)) {
              const outcome = await this.apply(manager, event);
              await this.repos.membershipEvents.recordOutcome(manager, event.id, outcome);
              await this.options.afterApply?.(event, outcome);
              applied++;
            } else duplicates++;
          }
          checkpoint = event.seq;
        }
        if (checkpoint !== from)
          await this.repos.membershipEvents.advanceCheckpoint(manager, CONSUMER_NAME, checkpoint);
        return { read: events.length, applied, duplicates, checkpoint, waitingForGap };
      }),
    );
  }

  /** Process batches until the log is read to the end (or a recent gap); returns the totals. */
  async runUntilIdle(maxBatches = 1000): Promise<{ applied: number; duplicates: number; batches: number }> {
    let applied = 0;
    let duplicates = 0;
    for (let batches = 1; batches <= maxBatches; batches++) {
      const r = await this.runBatch();
      applied += r.applied;
      duplicates += r.duplicates;
      if (r.read < this.batchSize || r.waitingForGap) return { applied, duplicates, batches };
    }
    return { applied, duplicates, batches: maxBatches };
  }

  /** What one JMA event does to the person's insurance (returns the outcome recorded). */
  private async apply(manager: EntityManager, e: MembershipEvent): Promise<string> {
    const origin: ChangeOrigin = {
      source: 'MEMBERSHIP',
      recordedBy: 'system',
      eventId: e.id,
      reason: `membership ${e.kind}${e.previousCategory ? ` ${e.previousCategory} → ${e.category}` : ''}`,
    };
    switch (e.kind) {
      case 'LEAVE':
      case 'DEATH':
      case 'TRANSFER_OUT':
        return (await this.insurance.endOpen(manager, e.personId, e.effectiveOn, origin)) > 0
          ? 'ENDED'
          : 'NO_CHANGE';
      case 'JOIN':
      case 'TRANSFER_IN':
      case 'CATEGORY_CHANGE': {
        if (!isInsuredCategory(e.category))
          return (await this.insurance.endOpen(manager, e.personId, e.effectiveOn, origin)) > 0
            ? 'ENDED'
            : 'NO_CHANGE';
        const recategorised = await this.insurance.recategorise(
          manager,
          e.personId,
          e.category,
          e.effectiveOn,
          origin,
        );
        // an insurance year that is over is not enrolled after the fact (a late or replayed event):
        // the insurer's list import is the record for past years
        const currentYear = insuranceYearOf(this.options.today?.() ?? clock.today());
        if (insuranceYearOf(e.effectiveOn) < currentYear)
          return recategorised > 0 ? 'CATEGORY_UPDATED' : 'PAST_YEAR';
        const { action } = await this.insurance.enrolIn(manager, {
          personId: e.personId,
          category: e.category,
          enrolledOn: e.effectiveOn,
          origin,
        });
        if (action !== 'UNCHANGED') return 'ENROLLED';
        return recategorised > 0 ? 'CATEGORY_UPDATED' : 'NO_CHANGE';
      }
      default:
        return 'IGNORED';
    }
  }
}

/**
 * The background loop of the service: one pass every `intervalMs` (each pass reads until idle),
 * never two at once; `stop()` waits for a running pass. Errors are logged, the loop goes on.
 */
export function startConsumerLoop(consumer: MembershipEventConsumer, intervalMs: number, log: Logger) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = consumer
      .runUntilIdle()
      .then((r) => {
        if (r.applied > 0)
          log.info(
            { applied: r.applied, duplicates: r.duplicates },
            'membership events applied to insurance',
          );
      })
      .catch((err: unknown) => log.error({ err }, 'membership event consumer failed; retrying'))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
