import type { Queryable } from './access/relations';
import type { AccessRecord } from './access/access-context';
import { actingAccountOf, type Viewer } from './viewer';

export interface AuditContext {
  requestId: string;
  service: string;
  operation?: string | null;
  viewer: Viewer;
  action?: 'READ' | 'WRITE' | 'EXPORT';
}

/**
 * Append one request's personal-data reads to `audit.entry` in ONE statement: one row per
 * distinct (relations, groups) combination, listing the persons it covers. Self reads are not
 * recorded (the access layer does not report them).
 */
export async function writeAuditBatch(
  db: Queryable,
  ctx: AuditContext,
  reads: Iterable<AccessRecord>,
): Promise<number> {
  // per (person, action): the relations used and the groups touched
  const byPerson = new Map<
    string,
    { personId: string; action: string; relations: Set<string>; groups: Set<string> }
  >();
  for (const r of reads) {
    const action = r.action ?? ctx.action ?? 'READ';
    const k = `${r.personId}|${action}`;
    const e = byPerson.get(k) ?? {
      personId: r.personId,
      action,
      relations: new Set<string>(),
      groups: new Set<string>(),
    };
    r.relations.forEach((x) => e.relations.add(x));
    e.groups.add(r.group);
    byPerson.set(k, e);
  }
  const rows = new Map<
    string,
    { action: string; relations: string[]; groups: string[]; persons: string[] }
  >();
  for (const e of byPerson.values()) {
    const relations = [...e.relations].sort();
    const groups = [...e.groups].sort();
    const key = `${e.action}|${relations.join(',')}|${groups.join(',')}`;
    const row = rows.get(key) ?? { action: e.action, relations, groups, persons: [] };
    row.persons.push(e.personId);
    rows.set(key, row);
  }
  if (rows.size === 0) return 0;
  const list = [...rows.values()];
  const v = ctx.viewer;
  // `act` (assistant / staff acting on behalf): the actor is the one who did it; the subject is
  // the person on whose behalf.
  const actor = actingAccountOf(v);
  const onBehalfOf = v.actor ? (v.sub ?? null) : null;
  await db.query(
    `INSERT INTO audit.entry (request_id, service, operation, actor, on_behalf_of, viewer_kind, viewer_association,
                              relations, person_ids, groups, action, prev_hash, hash)
     SELECT $1, $2, $3, $4, $5, $6, $7::uuid,
            string_to_array(r.relations, ','), string_to_array(r.persons, ',')::uuid[], string_to_array(r.groups, ','),
            r.action, '\\x'::bytea, '\\x'::bytea
     FROM unnest($8::text[], $9::text[], $10::text[], $11::text[]) AS r(action, relations, persons, groups)`,
    [
      ctx.requestId,
      ctx.service,
      ctx.operation ?? null,
      actor,
      onBehalfOf,
      v.kind,
      v.associationId ?? null,
      list.map((r) => r.action),
      list.map((r) => r.relations.join(',')),
      list.map((r) => r.persons.join(',')),
      list.map((r) => r.groups.join(',')),
    ],
  );
  return list.length;
}

export interface BrokenLink {
  seq: string;
  problem: string;
}

/** The first broken link of the audit chain, or null when it is intact. */
export async function verifyAuditChain(db: Queryable): Promise<BrokenLink | null> {
  const rows = (await db.query('SELECT seq::text AS seq, problem FROM audit.verify()')) as BrokenLink[];
  return rows[0] ?? null;
}
