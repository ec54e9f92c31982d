import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  type AssociationRow,
  type PersonRow,
} from '../../../../test/support/builders';

export type EventKind = 'JOIN' | 'TRANSFER_OUT' | 'TRANSFER_IN' | 'LEAVE' | 'CATEGORY_CHANGE' | 'DEATH';

/**
 * Append an event to the membership event log as the membership service would (arranged with the
 * superuser client: what is under test is the consumer, not the membership service).
 */
export async function insertMembershipEvent(
  client: Client,
  e: {
    personId: string;
    associationId: string;
    kind: EventKind;
    category: string;
    previousCategory?: string | null;
    effectiveOn: string;
    /** An explicit seq (to leave a gap); default: the next one. */
    seq?: number;
    recordedAt?: string;
  },
): Promise<{ id: string; seq: number }> {
  const id = randomUUID();
  const cols = [
    'id',
    'person_id',
    'association_id',
    'kind',
    'category',
    'previous_category',
    'effective_on',
    'recorded_by',
  ];
  const values: unknown[] = [
    id,
    e.personId,
    e.associationId,
    e.kind,
    e.category,
    e.previousCategory ?? null,
    e.effectiveOn,
    'test',
  ];
  if (e.seq !== undefined) {
    cols.push('seq');
    values.push(e.seq);
  }
  if (e.recordedAt !== undefined) {
    cols.push('recorded_at');
    values.push(e.recordedAt);
  }
  const { rows } = await client.query<{ seq: string }>(
    `INSERT INTO membership.membership_event (${cols.join(', ')})
     VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING seq::text AS seq`,
    values,
  );
  return { id, seq: Number(rows[0]!.seq) };
}

/** The association tree the tests need: the JMA, a prefecture and a municipality under it. */
export async function buildTree(client: Client) {
  const jma = await buildAssociation(client, { tier: 'NATIONAL', name: '日本医師会', prefecture_code: null });
  const pref = await buildAssociation(client, {
    tier: 'PREFECTURAL',
    name: '東京都医師会',
    parent_id: jma.id,
  });
  const muni = await buildAssociation(client, {
    tier: 'MUNICIPAL',
    name: '文京区医師会',
    parent_id: pref.id,
  });
  return { jma, pref, muni };
}

/** A physician who is a member of the given associations (JMA category `jmaCategory`). */
export async function buildMember(
  client: Client,
  tree: { jma: AssociationRow; pref: AssociationRow; muni: AssociationRow },
  opts: { jmaCategory?: string | null; birthDate?: string; tiers?: ('jma' | 'pref' | 'muni')[] } = {},
): Promise<PersonRow> {
  const person = await buildPerson(client, opts.birthDate ? { birth_date: opts.birthDate } : {});
  for (const tier of opts.tiers ?? ['muni', 'pref', 'jma']) {
    if (tier === 'jma' && opts.jmaCategory === null) continue;
    await buildMembership(client, {
      person_id: person.id,
      association_id: tree[tier].id,
      category: tier === 'jma' ? (opts.jmaCategory ?? 'A①') : 'A',
    });
  }
  return person;
}
