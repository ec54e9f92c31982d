import { createHash } from 'node:crypto';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  type DataSource,
  type EntityManager,
} from 'typeorm';
import { badInput, conflict } from './errors';
import { Messages } from './messages';

/**
 * Idempotent submissions: every service that takes submissions lists this entity among its own
 * (one `idempotency_key` table in its schema, created by its migrations).
 */
@Entity({ name: 'idempotency_key' })
export class IdempotencyKeyEntity {
  /** The operation, e.g. `fileMembershipApplication`. */
  @PrimaryColumn({ type: 'text' })
  operation: string;

  /** Who submitted (the token subject): keys are per submitter. */
  @PrimaryColumn({ type: 'text' })
  actor: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ name: 'payload_hash', type: 'text' })
  payloadHash: string;

  /** The first result, returned again for a repeated submission. */
  @Column({ type: 'jsonb' })
  result: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

const stable = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(stable)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
        )
      : v;

export const payloadHash = (payload: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(stable(payload)))
    .digest('hex');

export interface IdempotencyInput {
  operation: string;
  actor: string;
  /** The client's idempotency key (1–200 characters). */
  key: string;
  /** The submitted input (compared by a hash of its canonical JSON). */
  payload: unknown;
}

/**
 * Run `fn` once per (operation, actor, key) in ONE transaction with the key's record:
 * - a new key: `fn` runs, its (JSON-serialisable) result is stored with the key, all committed together;
 * - the same key and payload again: the stored first result, `fn` does not run;
 * - the same key with another payload: BAD_USER_INPUT at `idempotencyKey`.
 * Concurrent submissions with one key: the second waits on the key's row, then sees the first.
 */
export async function withIdempotency<T>(
  dataSource: DataSource,
  input: IdempotencyInput,
  fn: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (!input.key || input.key.length > 200) throw badInput('idempotencyKey', Messages.IDEMPOTENCY_KEY_LENGTH);
  const hash = payloadHash(input.payload);
  return dataSource.transaction(async (manager) => {
    const inserted = (await manager.query(
      `INSERT INTO idempotency_key (operation, actor, key, payload_hash, result)
       VALUES ($1, $2, $3, $4, 'null'::jsonb) ON CONFLICT DO NOTHING RETURNING key`,
      [input.operation, input.actor, input.key, hash],
    )) as unknown[];
    if (inserted.length === 0) {
      const [prior] = (await manager.query(
        'SELECT payload_hash, result FROM idempotency_key WHERE operation = $1 AND actor = $2 AND key = $3',
        [input.operation, input.actor, input.key],
      )) as { payload_hash: string; result: T }[];
      if (!prior || prior.payload_hash !== hash)
        throw badInput('idempotencyKey', Messages.IDEMPOTENCY_KEY_REUSED);
      return prior.result;
    }
    const result = await fn(manager);
    await manager.query(
      'UPDATE idempotency_key SET result = $4::jsonb WHERE operation = $1 AND actor = $2 AND key = $3',
      [input.operation, input.actor, input.key, JSON.stringify(result ?? null)],
    );
    return result;
  });
}

/**
 * Optimistic concurrency: update one row only if it still has the version the client read.
 * (TypeORM's @VersionColumn does not put the version in the UPDATE's WHERE: this does, and checks
 * the affected-row count.) A stale version → CONFLICT at `version`, nothing written.
 */
export async function updateVersioned(
  manager: EntityManager,
  table: string,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
): Promise<number> {
  const cols = Object.keys(changes);
  if (!/^[a-z_][a-z0-9_.]*$/.test(table) || cols.some((c) => !/^[a-z_][a-z0-9_]*$/.test(c)))
    throw new Error('unsafe identifier in updateVersioned');
  const sets = cols.map((c, i) => `"${c}" = $${i + 3}`);
  const rows = (await manager.query(
    `UPDATE ${table} SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
     WHERE id = $1 AND version = $2 RETURNING version`,
    [id, expectedVersion, ...cols.map((c) => changes[c])],
  )) as [{ version: number }[], number] | { version: number }[];
  const list = Array.isArray(rows[0])
    ? (rows as [{ version: number }[], number])[0]
    : (rows as { version: number }[]);
  if (list.length === 0) throw conflict(Messages.STALE_VERSION, 'version');
  return list[0]!.version;
}
