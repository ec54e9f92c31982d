import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { makeDataSource } from '../src/data-source';
import { PersonRepository } from '../src/repositories/person.repository';
import { cursorKey } from '../src/validation/page.validator';
import type { DataSource } from 'typeorm';
import { runAsViewer } from '@mamis/platform';
import { expectMemberOrderMaintained } from './support/member-order';

describe('PersonRepository (membership role, real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let repo: PersonRepository;
  let assocId: string;
  let otherAssocId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    assocId = (await buildAssociation(c)).id;
    otherAssocId = (await buildAssociation(c)).id;
    for (const kana of ['サトウ', 'アオキ', 'ワタナベ', 'イトウ']) {
      const p = await buildPerson(c, { family_name_kana: kana });
      await buildMembership(c, { person_id: p.id, association_id: assocId });
    }
    const left = await buildPerson(c, { family_name_kana: 'アベ' });
    await buildMembership(c, {
      person_id: left.id,
      association_id: assocId,
      status: 'LEFT',
      left_on: '2020-03-31',
    });
    const elsewhere = await buildPerson(c, { family_name_kana: 'アイザワ' });
    await buildMembership(c, { person_id: elsewhere.id, association_id: otherAssocId });
    ds = makeDataSource(db.urlFor('membership')).dataSource;
    await ds.initialize();
    // row-level security: the repository reads as staff of the association
    const inner = new PersonRepository(ds);
    const staff = {
      kind: 'STAFF' as const,
      scopes: [],
      associationId: assocId,
      associationTier: 'MUNICIPAL' as const,
      role: 'CLERK' as const,
    };
    repo = new Proxy(inner, {
      get: (target, key) => {
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function'
          ? (...a: unknown[]) =>
              runAsViewer(staff, () => (value as (...x: unknown[]) => Promise<unknown>).apply(target, a))
          : value;
      },
    });
  });

  afterAll(async () => {
    await ds?.destroy();
    await db.drop();
  });

  it('lists only current members of the association, in kana order, page by page', async () => {
    const first = await repo.membersPage(assocId, 3, null);
    expect(first.nodes.map((p) => p.familyNameKana)).toEqual(['アオキ', 'イトウ', 'サトウ']);
    expect(first.hasNextPage).toBe(true);
    const second = await repo.membersPage(assocId, 3, cursorKey(first.endCursor, 3));
    expect(second.nodes.map((p) => p.familyNameKana)).toEqual(['ワタナベ']);
    expect(second.hasNextPage).toBe(false);
    expect(await repo.countMembers(assocId)).toBe(4);
  });

  it('finds by ids and ignores ids that are not UUIDs', async () => {
    const page = await repo.membersPage(assocId, 2, null);
    const found = await repo.findByIds([page.nodes[0]!.id, 'not-a-uuid', page.nodes[1]!.id]);
    expect(found.map((p) => p.id).sort()).toEqual([page.nodes[0]!.id, page.nodes[1]!.id].sort());
  });

  it('the page order and totalCount follow every kind of write: kana change, category, leave, move, delete', async () => {
    const c = await db.admin();
    const mover = await buildPerson(c, { family_name_kana: 'カトウ' });
    const joined = await buildMembership(c, { person_id: mover.id, association_id: assocId, category: 'B' });
    await expectMemberOrderMaintained(c);
    expect(await repo.countMembers(assocId)).toBe(5);
    expect(await repo.countMembers(assocId, { category: 'B' })).toBe(1);
    // the kana name changes: the person moves in the page (the trigger copies it to the membership)
    await c.query(`UPDATE membership.person SET family_name_kana = 'アアア' WHERE id = $1`, [mover.id]);
    expect((await repo.membersPage(assocId, 1, null)).nodes.map((p) => p.id)).toEqual([mover.id]);
    // a direct write of the sort key is overwritten by the person's
    await c.query(`UPDATE membership.membership SET family_name_kana = 'ン' WHERE id = $1`, [joined.id]);
    await expectMemberOrderMaintained(c);
    await c.query(`UPDATE membership.membership SET category = 'A①' WHERE id = $1`, [joined.id]);
    expect(await repo.countMembers(assocId, { category: 'B' })).toBe(0);
    expect(await repo.countMembers(assocId, { category: 'A①' })).toBe(5);
    // moved to the other association (a transfer written as one update), then left, then deleted
    await c.query(`UPDATE membership.membership SET association_id = $2 WHERE id = $1`, [
      joined.id,
      otherAssocId,
    ]);
    expect(await repo.countMembers(assocId)).toBe(4);
    await c.query(`UPDATE membership.membership SET status = 'LEFT', left_on = '2020-03-31' WHERE id = $1`, [
      joined.id,
    ]);
    await expectMemberOrderMaintained(c);
    // former members: counted (a person who left twice is one former member)
    expect(await repo.countMembers(assocId, { status: 'LEFT' })).toBe(1);
    await c.query(`DELETE FROM membership.membership WHERE id = $1`, [joined.id]);
    await expectMemberOrderMaintained(c);
    expect(await repo.countMembers(assocId)).toBe(4);
    expect((await repo.membersPage(assocId, 10, null)).nodes.map((p) => p.familyNameKana)).toEqual([
      'アオキ',
      'イトウ',
      'サトウ',
      'ワタナベ',
    ]);
  });
});
