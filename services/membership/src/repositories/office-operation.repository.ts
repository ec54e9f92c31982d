import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { onlyUuids } from '@mamis/platform';
import {
  OfficeOperationEntity,
  type OfficeOperationKind,
  type OfficeOperationSummary,
} from '../entities/office-operation.entity';
import { encodeCursor, type CursorKey } from './cursor';

export interface ClaimedOperation {
  operation: OfficeOperationEntity;
  /** True when this call is to do the work (a new record, or a FAILED one started again). */
  fresh: boolean;
}

interface OperationRow {
  id: string;
  association_id: string;
  actor: string;
  kind: OfficeOperationKind;
  idempotency_key: string | null;
  status: OfficeOperationEntity['status'];
  total: number | null;
  done: number;
  summary: OfficeOperationSummary | null;
  message: string | null;
  started_at: Date;
  finished_at: Date | null;
}

const COLUMNS = `id::text AS id, association_id::text AS association_id, actor, kind, idempotency_key, status,
  total, done, summary, message, started_at, finished_at`;

const toEntity = (r: OperationRow): OfficeOperationEntity =>
  Object.assign(new OfficeOperationEntity(), {
    id: r.id,
    associationId: r.association_id,
    actor: r.actor,
    kind: r.kind,
    idempotencyKey: r.idempotency_key,
    status: r.status,
    total: r.total,
    done: r.done,
    summary: r.summary,
    message: r.message,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  });

/**
 * Long office operations (処理状況). Every statement here runs on its own (autocommitted), never in
 * the work's transaction: the record exists before the work starts, readers see its progress
 * while the work runs, and a rolled-back work still leaves its FAILED record.
 */
export class OfficeOperationRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Start an operation, once per (kind, actor, key): a new key inserts a RUNNING record (fresh); a
   * key whose operation FAILED (its work rolled back, nothing done) starts that record again
   * (fresh); otherwise the existing record (RUNNING or SUCCEEDED), not fresh.
   */
  async claim(input: {
    associationId: string;
    actor: string;
    kind: OfficeOperationKind;
    idempotencyKey: string | null;
    startedAt: Date;
    /** A RUNNING record of the same key started before this was interrupted: FAILED with `interruptedMessage`, then started again. */
    interruptedBefore: Date;
    interruptedMessage: string;
  }): Promise<ClaimedOperation> {
    if (input.idempotencyKey !== null)
      await this.ds.query(
        `UPDATE membership.office_operation SET status = 'FAILED', message = $5, finished_at = $6
         WHERE kind = $1 AND actor = $2 AND idempotency_key = $3 AND status = 'RUNNING' AND started_at < $4`,
        [
          input.kind,
          input.actor,
          input.idempotencyKey,
          input.interruptedBefore,
          input.interruptedMessage,
          input.startedAt,
        ],
      );
    const inserted = (await this.ds.query(
      `INSERT INTO membership.office_operation (id, association_id, actor, kind, idempotency_key, status, done, started_at)
       VALUES ($1, $2, $3, $4, $5, 'RUNNING', 0, $6)
       ON CONFLICT (kind, actor, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING ${COLUMNS}`,
      [randomUUID(), input.associationId, input.actor, input.kind, input.idempotencyKey, input.startedAt],
    )) as OperationRow[];
    if (inserted[0]) return { operation: toEntity(inserted[0]), fresh: true };
    const restarted = (await this.ds.query(
      `UPDATE membership.office_operation
       SET status = 'RUNNING', total = NULL, done = 0, summary = NULL, message = NULL, started_at = $4,
           finished_at = NULL
       WHERE kind = $1 AND actor = $2 AND idempotency_key = $3 AND status = 'FAILED'
       RETURNING ${COLUMNS}`,
      [input.kind, input.actor, input.idempotencyKey, input.startedAt],
    )) as [OperationRow[], number] | OperationRow[];
    const restartedRows = (Array.isArray(restarted[0]) ? restarted[0] : restarted) as OperationRow[];
    if (restartedRows[0]) return { operation: toEntity(restartedRows[0]), fresh: true };
    const [existing] = (await this.ds.query(
      `SELECT ${COLUMNS} FROM membership.office_operation
       WHERE kind = $1 AND actor = $2 AND idempotency_key = $3`,
      [input.kind, input.actor, input.idempotencyKey],
    )) as OperationRow[];
    if (!existing) throw new Error('office operation vanished while being claimed');
    return { operation: toEntity(existing), fresh: false };
  }

  /**
   * The association's RUNNING operations started before `startedBefore` are FAILED with `message`:
   * their process stopped (a run's work is one transaction, which PostgreSQL rolled back with it).
   */
  async failInterrupted(
    associationId: string,
    startedBefore: Date,
    message: string,
    at: Date,
  ): Promise<void> {
    await this.ds.query(
      `UPDATE membership.office_operation SET status = 'FAILED', message = $3, finished_at = $4
       WHERE association_id = $1 AND status = 'RUNNING' AND started_at < $2`,
      [associationId, startedBefore, message, at],
    );
  }

  /** Progress of a running operation (`total` stays when null). */
  async progress(id: string, done: number, total: number | null = null): Promise<void> {
    await this.ds.query(
      `UPDATE membership.office_operation SET done = $2, total = coalesce($3, total)
       WHERE id = $1 AND status = 'RUNNING'`,
      [id, done, total],
    );
  }

  async succeed(id: string, summary: OfficeOperationSummary, finishedAt: Date): Promise<void> {
    await this.ds.query(
      `UPDATE membership.office_operation
       SET status = 'SUCCEEDED', summary = $2::jsonb, done = coalesce(total, done), finished_at = $3
       WHERE id = $1`,
      [id, JSON.stringify(summary), finishedAt],
    );
  }

  async fail(id: string, message: string, finishedAt: Date): Promise<void> {
    await this.ds.query(
      `UPDATE membership.office_operation SET status = 'FAILED', message = $2, finished_at = $3 WHERE id = $1`,
      [id, message, finishedAt],
    );
  }

  async findById(id: string): Promise<OfficeOperationEntity | null> {
    if (!onlyUuids([id]).length) return null;
    const [row] = (await this.ds.query(`SELECT ${COLUMNS} FROM membership.office_operation WHERE id = $1`, [
      id,
    ])) as OperationRow[];
    return row ? toEntity(row) : null;
  }

  /** The association's operations, newest first (keyset: started_at, id; `key`: the decoded cursor). */
  async ofAssociation(
    associationId: string,
    first: number,
    key: CursorKey | null,
  ): Promise<{ nodes: OfficeOperationEntity[]; hasNextPage: boolean; endCursor: string | null }> {
    const rows = (await this.ds.query(
      `SELECT ${COLUMNS} FROM membership.office_operation
       WHERE association_id = $1
         AND ($2::timestamptz IS NULL OR (started_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY started_at DESC, id DESC
       LIMIT $4`,
      [associationId, key?.[0] ?? null, key?.[1] ?? null, first + 1],
    )) as OperationRow[];
    const nodes = rows.slice(0, first).map(toEntity);
    const last = nodes[nodes.length - 1];
    return {
      nodes,
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor([last.startedAt.toISOString(), last.id]) : null,
    };
  }

  async countOfAssociation(associationId: string): Promise<number> {
    const [row] = (await this.ds.query(
      'SELECT count(*)::int AS n FROM membership.office_operation WHERE association_id = $1',
      [associationId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }
}
