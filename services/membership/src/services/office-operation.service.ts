import { actorOf, AppError, clock, conflict, formatMessage, Messages, notFound } from '@mamis/platform';
import type { MembershipWriteContext } from '../context';
import type {
  OfficeOperationEntity,
  OfficeOperationKind,
  OfficeOperationSummary,
} from '../entities/office-operation.entity';
import { cursorKey, pageSize } from '../validation/page.validator';

/**
 * Long office operations (処理状況: invoice runs, applied bank imports). The write path:
 * 1. the operation record is committed as RUNNING before the work starts (its own statement);
 * 2. the work runs in its own transaction (all or nothing, as before) and reports progress, which
 *    is written outside that transaction so another request sees it move;
 * 3. the final status is set after the work's transaction ended: SUCCEEDED with a summary, or
 *    FAILED with a catalogue message when it rolled back.
 * The same idempotency key pressed twice does not run twice: a second call finds the record and
 * answers the first outcome (the work's own idempotency record), or CONFLICT while it still runs.
 */

/** What the work is told: report `done` of `total` units (written at most every PROGRESS_MS). */
export type ProgressReporter = (done: number, total: number) => Promise<void>;

/** The least time between two progress writes (the last one is always written). */
const PROGRESS_MS = 200;

/**
 * A run still RUNNING this long after it started was interrupted (its process stopped; the work's
 * transaction was rolled back with the connection): far beyond the longest run (the JMA's invoice
 * run of ~190k members takes minutes). Marked FAILED when the association's operations are read or
 * the same key is pressed again, which then runs it anew.
 */
export const INTERRUPTED_AFTER_MS = 60 * 60 * 1000;

const interruptedBefore = (now: Date) => new Date(now.getTime() - INTERRUPTED_AFTER_MS);

export interface OperationRun<T> {
  result: T;
  operationId: string;
}

export async function runOfficeOperation<T>(
  ctx: MembershipWriteContext,
  input: { associationId: string; kind: OfficeOperationKind; idempotencyKey: string | null },
  /** The work; `fresh` false: a repeated key whose first run succeeded (answer its result, run nothing). */
  work: (progress: ProgressReporter, fresh: boolean) => Promise<T>,
  summarize: (result: T) => OfficeOperationSummary,
): Promise<OperationRun<T>> {
  const ops = ctx.services.officeOperations;
  const { operation, fresh } = await ops.claim({
    associationId: input.associationId,
    actor: actorOf(ctx.viewer),
    kind: input.kind,
    idempotencyKey: input.idempotencyKey,
    startedAt: clock.now(),
    interruptedBefore: interruptedBefore(clock.now()),
    interruptedMessage: formatMessage(Messages.OPERATION_INTERRUPTED),
  });
  if (!fresh) {
    if (operation.status === 'RUNNING')
      throw conflict(Messages.OPERATION_STILL_RUNNING, 'idempotencyKey', { operationId: operation.id });
    return { result: await work(async () => undefined, false), operationId: operation.id };
  }
  // progress is written on another connection, in order, and never waited for by the work (a
  // small pool must not stall it); best effort: a lost progress write only delays the bar
  let last = 0;
  let written: Promise<void> = Promise.resolve();
  const progress: ProgressReporter = (done, total) => {
    const now = Date.now();
    if (done < total && now - last < PROGRESS_MS) return Promise.resolve();
    last = now;
    written = written.then(() => ops.progress(operation.id, done, total)).catch(() => undefined);
    return Promise.resolve();
  };
  let result: T;
  try {
    result = await work(progress, true);
  } catch (e) {
    const message = e instanceof AppError ? e.message : formatMessage(Messages.OPERATION_FAILED);
    await written;
    await ops.fail(operation.id, message, clock.now()).catch(() => undefined);
    throw e;
  }
  await written;
  await ops.succeed(operation.id, summarize(result), clock.now());
  return { result, operationId: operation.id };
}

/* ------------------------------------------------------------------------------------- reading */

/** The association's operations, newest first: its staff only (READ_OFFICE_OPERATIONS). */
export async function officeOperations(
  ctx: MembershipWriteContext,
  args: { associationId: string; first?: number | null; after?: string | null },
) {
  ctx.access.authorizeAssociation(args.associationId, 'READ_OFFICE_OPERATIONS');
  const first = pageSize(args.first, 'first', 100);
  const after = cursorKey(args.after, 2);
  const now = clock.now();
  await ctx.services.officeOperations.failInterrupted(
    args.associationId,
    interruptedBefore(now),
    formatMessage(Messages.OPERATION_INTERRUPTED),
    now,
  );
  const [page, totalCount] = await Promise.all([
    ctx.services.officeOperations.ofAssociation(args.associationId, first, after),
    ctx.services.officeOperations.countOfAssociation(args.associationId),
  ]);
  return {
    nodes: page.nodes,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount,
  };
}

/**
 * One operation by id: absent (NOT_FOUND) unless the viewer is staff of its association who may
 * read its operations — another association's operation is exactly like one that does not exist.
 */
export async function officeOperation(
  ctx: MembershipWriteContext,
  id: string,
): Promise<OfficeOperationEntity> {
  const op = await ctx.services.officeOperations.findById(id);
  if (!op || !ctx.access.mayOperate(op.associationId, 'READ_OFFICE_OPERATIONS'))
    throw notFound(Messages.OPERATION_NOT_FOUND);
  const now = clock.now();
  if (op.status === 'RUNNING' && op.startedAt < interruptedBefore(now)) {
    const message = formatMessage(Messages.OPERATION_INTERRUPTED);
    await ctx.services.officeOperations.failInterrupted(
      op.associationId,
      interruptedBefore(now),
      message,
      now,
    );
    return Object.assign(op, { status: 'FAILED' as const, message, finishedAt: now });
  }
  return op;
}
