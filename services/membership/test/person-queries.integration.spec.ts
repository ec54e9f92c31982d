import type { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { viewerSettingsSql } from '@mamis/platform';
import { visiblePageSql } from '../src/repositories/person.repository';
import {
  buildTree,
  errorOf,
  physician,
  startMembershipService,
  staffOf,
  type MembershipService,
  type Tree,
} from './support/membership-service';

/** people(search), Association.members(filter), associations: behaviour, index use, statement counts. */
/** An index scan of person_kana_idx whose index condition bounds family_name_kana. */
const KANA_INDEX_RANGE =
  /(Bitmap Index Scan on|Index (Only )?Scan using) person_kana_idx[^\n]*\n\s*Index Cond: [^\n]*family_name_kana >= /;

describe('person and member queries (membership subgraph, real PostgreSQL)', () => {
  let db: TestDatabase;
  let c: Client;
  let svc: MembershipService;
  let t: Tree;

  beforeAll(async () => {
    db = await createTestDatabase();
    c = await db.admin();
    t = await buildTree(c);
    await c.query(
      `UPDATE membership.association SET postal_code = '1130033', address = '東京都文京区本郷1-1', phone = '03-3811-0001', email = 'office@bunkyo.example.jp' WHERE id = $1`,
      [t.bunkyo.id],
    );
    const people: [string, string, string, string, string, string][] = [
      // family, given, family kana, given kana, category, joined
      ['山田', '太郎', 'ヤマダ', 'タロウ', 'A①', '2010-04-01'],
      ['山田', '花子', 'ヤマダ', 'ハナコ', 'B', '2020-04-01'],
      ['山本', '一郎', 'ヤマモト', 'イチロウ', 'B', '2021-10-01'],
      ['佐藤', '次郎', 'サトウ', 'ジロウ', 'C', '2024-04-01'],
      ['伊藤', '三郎', 'イトウ', 'サブロウ', 'A①', '2016-04-01'],
    ];
    for (const [f, g, fk, gk, cat, joined] of people) {
      const p = await buildPerson(c, {
        family_name: f,
        given_name: g,
        family_name_kana: fk,
        given_name_kana: gk,
      });
      await buildMembership(c, {
        person_id: p.id,
        association_id: t.bunkyo.id,
        category: cat,
        joined_on: joined,
      });
    }
    const left = await buildPerson(c, {
      family_name: '山口',
      given_name: '四郎',
      family_name_kana: 'ヤマグチ',
      given_name_kana: 'シロウ',
    });
    await buildMembership(c, {
      person_id: left.id,
      association_id: t.bunkyo.id,
      status: 'LEFT',
      joined_on: '2000-04-01',
      left_on: '2019-03-31',
    });
    // a namesake elsewhere: invisible to Bunkyo
    const elsewhere = await buildPerson(c, {
      family_name: '山田',
      given_name: '五郎',
      family_name_kana: 'ヤマダ',
      given_name_kana: 'ゴロウ',
    });
    await buildMembership(c, { person_id: elsewhere.id, association_id: t.yokohama.id });
    svc = await startMembershipService(db);
  });

  afterAll(async () => {
    await svc?.close();
    await db?.drop();
  });

  const PEOPLE = `query($search: String, $first: Int, $after: String) {
    people(search: $search, first: $first, after: $after) {
      totalCount nodes { familyName givenName } pageInfo { hasNextPage endCursor } } }`;
  type People = {
    people: {
      totalCount: number;
      nodes: { familyName: string; givenName: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
  const names = (r: { body: { data?: People } }) =>
    r.body.data!.people.nodes.map((p) => p.familyName + p.givenName);

  describe('people(search)', () => {
    it('searches a kana prefix typed as katakana, half-width katakana or hiragana, visible persons only', async () => {
      for (const search of ['ヤマダ', 'ﾔﾏﾀﾞ', 'やまだ', 'ヤマダ タ']) {
        const res = await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search });
        expect(res.body.errors).toBeUndefined();
        expect(names(res)).toEqual(search === 'ヤマダ タ' ? ['山田太郎'] : ['山田太郎', '山田花子']);
      }
      const yama = await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search: 'ヤマ' });
      // the former member is visible too (FORMER_MEMBER), the Yokohama namesake is not
      expect(names(yama)).toEqual(['山口四郎', '山田太郎', '山田花子', '山本一郎']);
      expect(yama.body.data!.people.totalCount).toBe(4);
    });

    it('searches a prefix of the kanji name, family name first', async () => {
      const res = await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search: '山田　花' });
      expect(names(res)).toEqual(['山田花子']);
      expect(names(await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search: '山' }))).toHaveLength(4);
      expect(names(await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search: '%' }))).toEqual([]);
    });

    it('pages through search results with a cursor', async () => {
      const first = await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search: 'ヤマ', first: 3 });
      expect(first.body.data!.people.pageInfo.hasNextPage).toBe(true);
      const next = await svc.as<People>(staffOf(t.bunkyo), PEOPLE, {
        search: 'ヤマ',
        first: 3,
        after: first.body.data!.people.pageInfo.endCursor,
      });
      expect(names(next)).toEqual(['山本一郎']);
    });

    it('kana prefix search is an index range under row-level security, as the service runs it (EXPLAIN)', async () => {
      // enough rows that the planner has a choice
      await c.query(`
        INSERT INTO membership.person (id, family_name, given_name, family_name_kana, given_name_kana, birth_date, sex, registry_number)
        SELECT gen_random_uuid(), '名' || i, '名' || i, 'カナ' || lpad(i::text, 5, '0'), 'テスト', '1980-01-01', 'MALE', (800000 + i)::text
        FROM generate_series(1, 10000) i`);
      // all of them members of one big association: a large visible set
      const big = await buildAssociation(c, { name: '大規模医師会' });
      await c.query(
        `
        INSERT INTO membership.membership (id, person_id, association_id, category, status, joined_on)
        SELECT gen_random_uuid(), id, $1, 'A①', 'ACTIVE', '2020-04-01' FROM membership.person
        WHERE registry_number::int > 800000`,
        [big.id],
      );
      await c.query('ANALYZE membership.person');
      await c.query('ANALYZE membership.membership');
      const viewer = {
        kind: 'STAFF' as const,
        scopes: [],
        associationId: big.id,
        associationTier: 'MUNICIPAL' as const,
        role: 'CLERK' as const,
      };
      // as the membership service sends it: its role (row security forced), the viewer set
      await c.query(`BEGIN; SET LOCAL ROLE mamis_membership; ${viewerSettingsSql(viewer, false)}`);
      try {
        const { sql, params } = visiblePageSql(viewer, 50, null, 'ヤマダ');
        const plan = (await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n');
        // the kana index with a range condition (never a LIKE filtered after row security)
        expect(plan).toMatch(KANA_INDEX_RANGE);
        expect(plan).not.toContain('~~');
        // and it answers: the big association's staff find no ヤマダ among their members
        const { rows } = await c.query(sql, params);
        expect(rows).toEqual([]);
        const kana = visiblePageSql(viewer, 3, null, 'ｶﾅ');
        const found = await c.query<{ id: string }>(kana.sql, kana.params);
        expect(found.rowCount).toBe(4); // a page of 3 reads one more (hasNextPage)
      } finally {
        await c.query('ROLLBACK');
      }
    });

    it('finds a person by the exact registry number, only when the viewer may see them', async () => {
      const BY_REGISTRY = `query($r: String, $search: String) { people(registryNumber: $r, search: $search) {
        totalCount nodes { familyName givenName registryNumber } } }`;
      const numberOf = async (family: string, given: string) =>
        (
          await c.query<{ registry_number: string }>(
            'SELECT registry_number FROM membership.person WHERE family_name = $1 AND given_name = $2',
            [family, given],
          )
        ).rows[0]!.registry_number;
      const hanako = await numberOf('山田', '花子');
      const goro = await numberOf('山田', '五郎'); // a member in Yokohama only
      type R = { people: { totalCount: number; nodes: { familyName: string; givenName: string }[] } };
      // full-width digits and a dash look-alike are read as the number
      const typed = hanako.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
      for (const r of [hanako, typed, `${typed.slice(0, 2)}ー${typed.slice(2)}`]) {
        const res = await svc.as<R>(staffOf(t.bunkyo), BY_REGISTRY, { r });
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data!.people).toEqual({
          totalCount: 1,
          nodes: [expect.objectContaining({ givenName: '花子' })],
        });
      }
      // exact, not a prefix
      const prefix = await svc.as<R>(staffOf(t.bunkyo), BY_REGISTRY, { r: hanako.slice(0, -1) });
      expect(prefix.body.data!.people.nodes.filter((n) => n.givenName === '花子')).toEqual([]);
      // a person the viewer has no relation to is absent, as if the number did not exist
      const other = await svc.as<R>(staffOf(t.bunkyo), BY_REGISTRY, { r: goro });
      expect(other.body.data!.people).toEqual({ totalCount: 0, nodes: [] });
      const mine = await svc.as<R>(staffOf(t.yokohama), BY_REGISTRY, { r: goro });
      expect(mine.body.data!.people.nodes).toEqual([expect.objectContaining({ givenName: '五郎' })]);
      // with a name search both must hold
      const both = await svc.as<R>(staffOf(t.bunkyo), BY_REGISTRY, { r: hanako, search: 'ヤマダ タ' });
      expect(both.body.data!.people.totalCount).toBe(0);
      // not a registry number: refused at the argument, in Japanese first
      const bad = await svc.as<R>(staffOf(t.bunkyo), BY_REGISTRY, { r: '12AB' });
      expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registryNumber' });
      expect(bad.body.errors?.[0]?.message).toMatch(/^医籍登録番号は/);
    });

    it('searches the exact registry number (医籍登録番号), of visible persons only', async () => {
      const registry = async (name: string) =>
        (
          await c.query<{ registry_number: string }>(
            'SELECT registry_number FROM membership.person WHERE family_name || given_name = $1',
            [name],
          )
        ).rows[0]!.registry_number;
      const hanako = await registry('山田花子');
      const res = await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search: hanako });
      expect(res.body.errors).toBeUndefined();
      expect(names(res)).toEqual(['山田花子']);
      expect(res.body.data!.people.totalCount).toBe(1);
      // full-width digits are the same number; a prefix is not a match
      const wide = hanako.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
      expect(names(await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search: wide }))).toEqual(['山田花子']);
      // read as the (deprecated) registryNumber argument reads it: dashes, as typed from a licence, are ignored
      const dashed = `${wide.slice(0, 2)}ー${wide.slice(2)}`;
      expect(names(await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search: dashed }))).toEqual([
        '山田花子',
      ]);
      expect(names(await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search: hanako.slice(0, -1) }))).toEqual(
        [],
      );
      // the Yokohama namesake's number: absent for Bunkyo, found by Yokohama
      const goro = await registry('山田五郎');
      const hidden = await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search: goro });
      expect(names(hidden)).toEqual([]);
      expect(hidden.body.data!.people.totalCount).toBe(0);
      expect(names(await svc.as<People>(staffOf(t.yokohama), PEOPLE, { search: goro }))).toEqual([
        '山田五郎',
      ]);
      const long = await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search: '12345678' });
      expect(errorOf(long)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    });

    it('a search longer than 40 characters is refused with the field path', async () => {
      const res = await svc.as<People>(staffOf(t.bunkyo), PEOPLE, { search: 'ア'.repeat(41) });
      expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    });
  });

  describe('Association.members', () => {
    const MEMBERS = `query($id: ID!, $filter: MemberFilter, $first: Int, $after: String) {
      association(id: $id) { members(filter: $filter, first: $first, after: $after) {
        totalCount nodes { familyName givenName memberships { category } } pageInfo { hasNextPage endCursor } } } }`;
    type Members = { association: { members: People['people'] } };
    const list = (r: { body: { data?: Members } }) =>
      r.body.data!.association.members.nodes.map((p) => p.familyName + p.givenName);

    it('filters by category, status and joined date range', async () => {
      const by = (filter: Record<string, unknown>) =>
        svc.as<Members>(staffOf(t.bunkyo), MEMBERS, { id: t.bunkyo.id, filter });
      expect(list(await by({}))).toEqual(['伊藤三郎', '佐藤次郎', '山田太郎', '山田花子', '山本一郎']);
      expect(list(await by({ category: 'B' }))).toEqual(['山田花子', '山本一郎']);
      expect(list(await by({ category: 'Ａ①' }))).toEqual(['伊藤三郎', '山田太郎']);
      expect(list(await by({ status: 'LEFT' }))).toEqual(['山口四郎']);
      const range = await by({ joinedFrom: '2016-04-01', joinedTo: '2021-10-01' });
      expect(list(range)).toEqual(['伊藤三郎', '山田花子', '山本一郎']);
      expect(range.body.data!.association.members.totalCount).toBe(3);
    });

    it('pages with a cursor', async () => {
      const first = await svc.as<Members>(staffOf(t.bunkyo), MEMBERS, { id: t.bunkyo.id, first: 2 });
      expect(list(first)).toEqual(['伊藤三郎', '佐藤次郎']);
      const next = await svc.as<Members>(staffOf(t.bunkyo), MEMBERS, {
        id: t.bunkyo.id,
        first: 10,
        after: first.body.data!.association.members.pageInfo.endCursor,
      });
      expect(list(next)).toEqual(['山田太郎', '山田花子', '山本一郎']);
      expect(next.body.data!.association.members.pageInfo.hasNextPage).toBe(false);
    });

    it('is for staff of that association only (LIST_MEMBERS)', async () => {
      for (const v of [staffOf(t.tokyo), staffOf(t.chiyoda), physician((await buildPerson(c)).id)]) {
        const res = await svc.as(v, MEMBERS, { id: t.bunkyo.id });
        expect(errorOf(res)?.code).toBe('FORBIDDEN');
      }
      expect(
        errorOf(await svc.as(staffOf(t.bunkyo, 'VIEWER'), MEMBERS, { id: t.bunkyo.id })),
      ).toBeUndefined();
    });

    it('issues the same number of SQL statements for a page of 1 and of 5, with person fields', async () => {
      const count = async (first: number, q: string, vars: Record<string, unknown>) => {
        const before = svc.handle.sql.total;
        const res = await svc.as<Record<string, unknown>>(staffOf(t.bunkyo), q, { ...vars, first });
        // (a former member's CONTACT and PROFILE fields are FORBIDDEN: errors at their paths)
        expect(res.body.data).toBeTruthy();
        return svc.handle.sql.total - before;
      };
      const PEOPLE_FULL = `query($first: Int) { people(first: $first) { totalCount nodes { familyName email school
        memberships { category association { name } } membershipHistory { kind } membershipApplications { status } } } }`;
      expect(await count(5, PEOPLE_FULL, {})).toBe(await count(1, PEOPLE_FULL, {}));
      expect(await count(5, MEMBERS, { id: t.bunkyo.id })).toBe(await count(1, MEMBERS, { id: t.bunkyo.id }));
    });
  });

  it('serves association address and contact to any signed-in viewer', async () => {
    const p = await buildPerson(c);
    const res = await svc.as<{ association: Record<string, string> }>(
      physician(p.id),
      'query($id: ID!) { association(id: $id) { name postalCode address phone email fax } }',
      { id: t.bunkyo.id },
    );
    expect(res.body.data!.association).toEqual({
      name: '文京区医師会',
      postalCode: '1130033',
      address: '東京都文京区本郷1-1',
      phone: '03-3811-0001',
      email: 'office@bunkyo.example.jp',
      fax: null,
    });
  });
});
