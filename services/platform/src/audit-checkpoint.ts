import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from './access/relations';
import { loadConfig } from './config';

/**
 * Signed checkpoints of the audit chain head — a witness OUTSIDE the database.
 *
 * `audit.verify()` alone cannot see two attacks by a database superuser: removing the newest
 * entries (the rest of the chain is still linked) and rewriting an entry then recomputing every
 * later hash (the chain is linked again). Modelled on Certificate Transparency's signed tree heads:
 * a checkpoint states "the chain had `size` entries and the entry at position `size` (seq
 * `headSeq`) had hash `headHash`", signed with an Ed25519 key the database does not hold, and is
 * appended to a JSON-lines file the database superuser cannot rewrite. As every hash covers the
 * previous one, a checkpoint commits to the whole prefix of the chain up to its position.
 *
 * `verifyAgainstCheckpoints` then requires (a) the chain still has at least `size` entries
 * (truncation), (b) the entry at each checkpointed position still has the signed seq and hash
 * (rewrite), (c) every checkpoint's signature verifies with the configured key and the checkpoints
 * are monotonic (sizes and times never decrease; equal sizes sign the same head).
 *
 * Limit: entries appended after the last checkpoint are protected from the next checkpoint on.
 */

export const CHECKPOINT_VERSION = 1;
export const DEFAULT_CHECKPOINT_FILE = '.data/audit-checkpoints.jsonl';

export interface AuditCheckpoint {
  v: number;
  /** Number of entries the chain had (positions 1..size in seq order). */
  size: number;
  /** seq of the entry at position `size`. */
  headSeq: string;
  /** hash (hex) of the entry at position `size`. */
  headHash: string;
  /** When the checkpoint was signed (ISO 8601, UTC). */
  at: string;
  /** First 16 hex digits of sha256 of the signing key's SPKI DER. */
  keyId: string;
  /** Ed25519 signature (base64) over `checkpointMessage(...)`. */
  sig: string;
}

/** The identity of a checkpoint: sha256 of its signature, 16 hex digits (what a reader compares). */
export const checkpointId = (c: Pick<AuditCheckpoint, 'sig'>): string =>
  createHash('sha256').update(c.sig, 'utf8').digest('hex').slice(0, 16);

/** The exact bytes signed. */
export const checkpointMessage = (c: Pick<AuditCheckpoint, 'size' | 'headSeq' | 'headHash' | 'at'>) =>
  Buffer.from(
    `mamis audit checkpoint v${CHECKPOINT_VERSION}\n${c.size}\n${c.headSeq}\n${c.headHash}\n${c.at}\n`,
    'utf8',
  );

// ---- keys ---------------------------------------------------------------------------------------

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 private key from a 32-byte seed. */
const ed25519FromSeed = (seed: Buffer) =>
  createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });

let devKey: KeyObject | undefined;

/** The development-only checkpoint key, derived from a fixed label: never for production. */
export function devCheckpointKey(): KeyObject {
  devKey ??= ed25519FromSeed(
    createHash('sha256').update('mamis development audit checkpoint key v1').digest(),
  );
  return devKey;
}

const spkiOf = (key: KeyObject) =>
  (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });

export const checkpointKeyId = (key: KeyObject): string =>
  createHash('sha256').update(spkiOf(key)).digest('hex').slice(0, 16);

export const isDevCheckpointKey = (key: KeyObject): boolean => spkiOf(key).equals(spkiOf(devCheckpointKey()));

/** PEM text; `\n` escapes (as env files often carry them) are accepted. */
const pemText = (value: string) => value.replace(/\\n/g, '\n').trim();

function requireEd25519(key: KeyObject, name: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${name}: must be an Ed25519 key`);
  return key;
}

/** An Ed25519 private key: PKCS#8 PEM, or a 32-byte seed as base64 / base64url. */
export function parseCheckpointPrivateKey(value: string): KeyObject {
  const text = pemText(value);
  if (text.startsWith('-----BEGIN')) return requireEd25519(createPrivateKey(text), 'AUDIT_CHECKPOINT_KEY');
  const seed = Buffer.from(text, 'base64');
  if (seed.length !== 32)
    throw new Error('AUDIT_CHECKPOINT_KEY: an Ed25519 PKCS#8 PEM or a 32-byte seed in base64');
  return ed25519FromSeed(seed);
}

export function parseCheckpointPublicKey(value: string): KeyObject {
  return requireEd25519(createPublicKey(pemText(value)), 'AUDIT_CHECKPOINT_PUBLIC_KEY');
}

// ---- configuration ------------------------------------------------------------------------------

/**
 * Checkpoint settings (the `audit:checkpoint` and `audit:verify` commands, and `npm start`).
 * AUDIT_CHECKPOINT_KEY: the signing key (writer). AUDIT_CHECKPOINT_PUBLIC_KEY: what a verifier
 * needs (defaults to the public half of AUDIT_CHECKPOINT_KEY). Both optional in development and
 * test (the derived dev key); in production a configured key is required and the dev key refused.
 */
export const auditCheckpointEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  AUDIT_CHECKPOINT_KEY: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_PUBLIC_KEY: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_FILE: z.string().min(1).default(DEFAULT_CHECKPOINT_FILE),
  /** `npm start`: how often a checkpoint is written (0: never). */
  AUDIT_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
});
export type AuditCheckpointConfig = z.infer<typeof auditCheckpointEnv>;

export const loadAuditCheckpointConfig = (env: NodeJS.ProcessEnv = process.env): AuditCheckpointConfig =>
  loadConfig(auditCheckpointEnv, env);

/** The signing key of the configuration (the dev key outside production). */
export function checkpointSigningKey(config: AuditCheckpointConfig): KeyObject {
  if (!config.AUDIT_CHECKPOINT_KEY) {
    if (config.NODE_ENV === 'production') throw new Error('AUDIT_CHECKPOINT_KEY: required in production');
    return devCheckpointKey();
  }
  const key = parseCheckpointPrivateKey(config.AUDIT_CHECKPOINT_KEY);
  if (config.NODE_ENV === 'production' && isDevCheckpointKey(key))
    throw new Error('AUDIT_CHECKPOINT_KEY: the development key is refused in production');
  return key;
}

/** The verification key of the configuration (the dev key outside production). */
export function checkpointVerificationKey(config: AuditCheckpointConfig): KeyObject {
  if (config.AUDIT_CHECKPOINT_PUBLIC_KEY) {
    const key = parseCheckpointPublicKey(config.AUDIT_CHECKPOINT_PUBLIC_KEY);
    if (config.NODE_ENV === 'production' && isDevCheckpointKey(key))
      throw new Error('AUDIT_CHECKPOINT_PUBLIC_KEY: the development key is refused in production');
    return key;
  }
  if (!config.AUDIT_CHECKPOINT_KEY && config.NODE_ENV === 'production')
    throw new Error('AUDIT_CHECKPOINT_PUBLIC_KEY (or AUDIT_CHECKPOINT_KEY): required in production');
  return createPublicKey(checkpointSigningKey(config));
}

// ---- the file -----------------------------------------------------------------------------------

/** One line of the file, or the reason it is not a checkpoint. */
export type CheckpointLine =
  { line: number; checkpoint: AuditCheckpoint } | { line: number; problem: string };

const checkpointShape = z.object({
  v: z.literal(CHECKPOINT_VERSION),
  size: z.number().int().min(1),
  headSeq: z.string().regex(/^\d+$/),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().datetime(),
  keyId: z.string(),
  sig: z.string().min(1),
});

/** The checkpoints of the file (none when it does not exist yet). */
export function readCheckpoints(file: string): CheckpointLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => {
      try {
        const parsed = checkpointShape.safeParse(JSON.parse(text));
        return parsed.success
          ? { line, checkpoint: parsed.data }
          : { line, problem: 'not a checkpoint (malformed)' };
      } catch {
        return { line, problem: 'not a checkpoint (not JSON)' };
      }
    });
}

// ---- writing ------------------------------------------------------------------------------------

interface Head {
  size: number;
  headSeq: string;
  headHash: string;
}

/** The chain head: entry count, seq and hash of the newest entry (one snapshot). */
async function chainHead(db: Queryable): Promise<Head | null> {
  const rows = (await db.query(
    `SELECT (SELECT count(*) FROM audit.entry)::int AS size, seq::text AS "headSeq", encode(hash, 'hex') AS "headHash"
       FROM audit.entry ORDER BY seq DESC LIMIT 1`,
  )) as Head[];
  return rows[0] ?? null;
}

/** seq and hash (hex) at the given 1-based positions of the chain (seq order), one scan. */
async function entriesAt(
  db: Queryable,
  positions: number[],
): Promise<Map<number, { seq: string; hash: string }>> {
  if (positions.length === 0) return new Map();
  const rows = (await db.query(
    `SELECT pos::int AS pos, seq::text AS seq, encode(hash, 'hex') AS hash
       FROM (SELECT row_number() OVER (ORDER BY seq) AS pos, seq, hash FROM audit.entry) x
      WHERE pos = ANY($1::bigint[])`,
    [positions],
  )) as { pos: number; seq: string; hash: string }[];
  return new Map(rows.map((r) => [r.pos, { seq: r.seq, hash: r.hash }]));
}

export interface CheckpointOptions {
  key: KeyObject;
  file: string;
  now?: () => Date;
}

/**
 * Sign the current chain head and append it to the file. Nothing is written when the chain is
 * empty or has not grown since the last checkpoint. Refuses (throws) when the chain no longer
 * matches the last checkpoint: a rewritten chain is never signed.
 */
export async function writeAuditCheckpoint(
  db: Queryable,
  { key, file, now = () => new Date() }: CheckpointOptions,
): Promise<AuditCheckpoint | null> {
  const lines = readCheckpoints(file);
  const last = [...lines].reverse().find((l) => 'checkpoint' in l);
  const previous = last && 'checkpoint' in last ? last.checkpoint : undefined;
  const head = await chainHead(db);
  if (!head) return null;
  if (previous) {
    const problem = await mismatch(db, previous, head.size);
    if (problem) throw new Error(`audit chain does not match the last checkpoint: ${problem}`);
    if (head.size === previous.size) {
      await copyCheckpoints(db, lines);
      return null;
    }
  }
  let at = now().toISOString();
  if (previous && at < previous.at) at = previous.at; // monotonic even if the clock steps back
  const body = { size: head.size, headSeq: head.headSeq, headHash: head.headHash, at };
  const checkpoint: AuditCheckpoint = {
    v: CHECKPOINT_VERSION,
    ...body,
    keyId: checkpointKeyId(key),
    sig: sign(null, checkpointMessage(body), key).toString('base64'),
  };
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { flag: 'a' });
  // the file is the witness; the database's copy follows it (this one, and any an earlier run
  // wrote to the file but could not copy)
  await copyCheckpoints(db, [...lines, { line: lines.length + 1, checkpoint }]);
  return checkpoint;
}

// ---- the database's copy ------------------------------------------------------------------------

/**
 * Copy the file's checkpoints newer than the newest in `audit.checkpoint` into it (the copy the
 * services read to name, in a physician's access log, the checkpoint covering each entry). Needs
 * INSERT on audit.checkpoint (the owner). Returns how many were copied.
 */
export async function copyCheckpoints(db: Queryable, lines: CheckpointLine[]): Promise<number> {
  const [{ size }] = (await db.query(
    'SELECT coalesce(max(size), 0)::bigint::text AS size FROM audit.checkpoint',
  )) as { size: string }[];
  const fresh = lines
    .flatMap((l) => ('checkpoint' in l ? [l.checkpoint] : []))
    .filter((c) => c.size > Number(size));
  if (fresh.length === 0) return 0;
  await db.query(
    `INSERT INTO audit.checkpoint (id, v, size, head_seq, head_hash, signed_at, key_id, sig)
     SELECT * FROM unnest($1::text[], $2::smallint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[])
     ON CONFLICT (id) DO NOTHING`,
    [
      fresh.map(checkpointId),
      fresh.map((c) => c.v),
      fresh.map((c) => c.size),
      fresh.map((c) => c.headSeq),
      fresh.map((c) => c.headHash),
      fresh.map((c) => c.at),
      fresh.map((c) => c.keyId),
      fresh.map((c) => c.sig),
    ],
  );
  return fresh.length;
}

/**
 * Compare the database's copy (`audit.checkpoint`) with the checkpoints of the file that verify
 * with `publicKey`: every copied row must be such a checkpoint, unchanged (else an access log
 * names a checkpoint that does not exist), and every one of them must be copied (else entries it
 * covers read as "not covered yet"). Problems name the copy's row id or the file line.
 */
export async function verifyCheckpointCopy(
  db: Queryable,
  lines: CheckpointLine[],
  publicKey: KeyObject,
): Promise<string[]> {
  const valid = new Map<string, AuditCheckpoint>();
  const lineOf = new Map<string, number>();
  for (const l of lines) {
    if (!('checkpoint' in l)) continue;
    let ok = false;
    try {
      ok = verify(null, checkpointMessage(l.checkpoint), publicKey, Buffer.from(l.checkpoint.sig, 'base64'));
    } catch {
      ok = false;
    }
    if (!ok) continue;
    valid.set(checkpointId(l.checkpoint), l.checkpoint);
    lineOf.set(checkpointId(l.checkpoint), l.line);
  }
  const rows = (await db.query(
    `SELECT id, v::int AS v, size::int AS size, head_seq::text AS "headSeq", head_hash AS "headHash",
            signed_at AS at, key_id AS "keyId", sig
       FROM audit.checkpoint ORDER BY size, id`,
  )) as (AuditCheckpoint & { id: string })[];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    seen.add(r.id);
    const c = valid.get(r.id);
    if (!c)
      problems.push(`the database's copy holds checkpoint ${r.id}, which is no valid checkpoint of the file`);
    else if (
      c.v !== r.v ||
      c.size !== r.size ||
      c.headSeq !== r.headSeq ||
      c.headHash !== r.headHash ||
      c.at !== r.at ||
      c.keyId !== r.keyId ||
      c.sig !== r.sig
    )
      problems.push(
        `the database's copy of checkpoint ${r.id} differs from the file (line ${lineOf.get(r.id)})`,
      );
  }
  for (const [id, c] of valid)
    if (!seen.has(id))
      problems.push(
        `checkpoint ${id} (line ${lineOf.get(id)}, ${c.size} entries) is missing from the database's copy: access logs name no checkpoint for the entries it covers (npm run audit:checkpoint copies it)`,
      );
  return problems;
}

async function mismatch(db: Queryable, c: AuditCheckpoint, size: number): Promise<string | null> {
  if (size < c.size)
    return `the chain has ${size} entries, the checkpoint of ${c.at} covers ${c.size} (entries were removed)`;
  const at = (await entriesAt(db, [c.size])).get(c.size);
  if (!at || at.seq !== c.headSeq || at.hash !== c.headHash)
    return `entry ${c.size} (seq ${at?.seq ?? '-'}) differs from the checkpoint of ${c.at} (seq ${c.headSeq}): the chain up to it was rewritten`;
  return null;
}

// ---- verifying ----------------------------------------------------------------------------------

export interface CheckpointProblem {
  /** The file line of the checkpoint concerned. */
  line: number;
  problem: string;
}

export interface CheckpointVerification {
  /** Checkpoints that verified. */
  checked: number;
  /** The newest valid checkpoint (what the chain is known to contain). */
  latest: AuditCheckpoint | null;
  problems: CheckpointProblem[];
}

/**
 * Check the chain against the checkpoints of `lines` with the trusted `publicKey` (never a key
 * from the file): signatures, monotonicity, and for each checkpoint that the chain still holds
 * its position with the signed seq and hash. Run together with `verifyAuditChain` (which checks
 * the links between the entries).
 */
export async function verifyAgainstCheckpoints(
  db: Queryable,
  lines: CheckpointLine[],
  publicKey: KeyObject,
): Promise<CheckpointVerification> {
  const problems: CheckpointProblem[] = [];
  const valid: { line: number; checkpoint: AuditCheckpoint }[] = [];
  let prev: AuditCheckpoint | undefined;
  for (const l of lines) {
    if ('problem' in l) {
      problems.push(l);
      continue;
    }
    const c = l.checkpoint;
    let ok = false;
    try {
      ok = verify(null, checkpointMessage(c), publicKey, Buffer.from(c.sig, 'base64'));
    } catch {
      ok = false;
    }
    if (!ok) {
      problems.push({ line: l.line, problem: 'signature does not verify (forged, altered or another key)' });
      continue;
    }
    if (prev) {
      if (c.size < prev.size || c.at < prev.at || BigInt(c.headSeq) < BigInt(prev.headSeq))
        problems.push({
          line: l.line,
          problem: 'not monotonic: older or smaller than the checkpoint before it',
        });
      else if (c.size === prev.size && (c.headSeq !== prev.headSeq || c.headHash !== prev.headHash))
        problems.push({
          line: l.line,
          problem: 'signs another head for the same size as the checkpoint before it',
        });
    }
    prev = c;
    valid.push(l);
  }
  const head = await chainHead(db);
  const size = head?.size ?? 0;
  const at = await entriesAt(
    db,
    [...new Set(valid.map((v) => v.checkpoint.size))].filter((s) => s <= size),
  );
  for (const { line, checkpoint: c } of valid) {
    const e = at.get(c.size);
    if (c.size > size)
      problems.push({
        line,
        problem: `the chain has ${size} entries, the checkpoint of ${c.at} covers ${c.size} (entries were removed)`,
      });
    else if (!e || e.seq !== c.headSeq || e.hash !== c.headHash)
      problems.push({
        line,
        problem: `entry ${c.size} (seq ${e?.seq ?? '-'}) differs from the checkpoint of ${c.at} (seq ${c.headSeq}): the chain up to it was rewritten`,
      });
  }
  problems.sort((a, b) => a.line - b.line);
  return { checked: valid.length, latest: valid.at(-1)?.checkpoint ?? null, problems };
}
