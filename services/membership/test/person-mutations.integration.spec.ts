import type { Client } from 'pg';
import { resetClock, shiftClock } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildMembership, buildPerson } from '../../../test/support/builders';
import {
  buildTree,
  errorOf,
  physician,
  startMembershipService,
  staffOf,
  type MembershipService,
  type Tree,
} from './support/membership-service';
import { expectMemberOrderMaintained } from './support/member-order';

/** createPerson / updatePerson through the membership subgraph: validation, duplicates, versions. */
describe('person registration and edits (membership subgraph, real PostgreSQL)', () => {
  let db: TestDatabase;
  let c: Client;
  let svc: MembershipService;
  let t: Tree;

  beforeAll(async () => {
    // joinedOn 2026-04-01 below must not lie in the future: the clock runs from 2026-12-01 whatever
    // the run's clock (in-process service, same clock)
    shiftClock(Date.parse('2026-12-01T09:00:00+09:00') - Date.now());
    db = await createTestDatabase();
    c = await db.admin();
    t = await buildTree(c);
    svc = await startMembershipService(db);
  });

  afterAll(async () => {
    resetClock();
    await svc?.close();
    await db?.drop();
  });

  const CREATE = `mutation Create($input: PersonInput!, $m: InitialMembershipInput!, $confirm: Boolean, $key: String!) {
    createPerson(input: $input, membership: $m, confirmDuplicate: $confirm, idempotencyKey: $key) {
      id familyName givenName familyNameKana givenNameKana registryNumber email phone postalCode
      homePostalCode school graduationYear facilityFounderType departments version
      memberships { category status joinedOn association { id } }
      membershipHistory { kind category effectiveOn }
    }
  }`;
  const UPDATE = `mutation Update($id: ID!, $version: Int!, $input: PersonInput!) {
    updatePerson(id: $id, version: $version, input: $input) { id familyName email phone version }
  }`;

  let n = 0;
  const person = (over: Record<string, unknown> = {}) => ({
    familyName: '佐藤',
    givenName: `一郎${++n}`,
    familyNameKana: 'ｻﾄｳ',
    givenNameKana: 'いちろう',
    birthDate: '1975-02-03',
    sex: 'MALE',
    registryNumber: String(700000 + n),
    registryDate: '2001-05-01',
    email: 'ＩＣＨＩＲＯ@Example.JP',
    phone: '０３－３９４６－２１２１',
    postalCode: '113-8621',
    homePostalCode: '〒1120001',
    school: '東京大学',
    graduationYear: 2000,
    facilityFounderType: 'MEDICAL_CORPORATION',
    departments: ['内科', '循環器内科'],
    ...over,
  });
  const membership = (over: Record<string, unknown> = {}) => ({
    associationId: t.bunkyo.id,
    category: 'A①',
    joinedOn: '2026-04-01',
    ...over,
  });
  type Created = {
    createPerson: {
      id: string;
      version: number;
      memberships: { category: string; status: string; association: { id: string } }[];
    } & Record<string, unknown>;
  };
  const create = (
    input: Record<string, unknown>,
    key: string,
    opts: { m?: Record<string, unknown>; confirm?: boolean; viewer?: ReturnType<typeof staffOf> } = {},
  ) =>
    svc.as<Created>(opts.viewer ?? staffOf(t.bunkyo), CREATE, {
      input,
      m: opts.m ?? membership(),
      confirm: opts.confirm,
      key,
    });

  describe('createPerson', () => {
    it('stores the canonical forms and joins the association with a JOIN event, in one call', async () => {
      const res = await create(person({ givenName: '花子', familyName: '鈴木' }), 'c-1');
      expect(res.body.errors).toBeUndefined();
      const p = res.body.data!.createPerson;
      expect(p).toMatchObject({
        familyNameKana: 'サトウ',
        givenNameKana: 'イチロウ',
        email: 'ICHIRO@example.jp',
        phone: '03-3946-2121',
        postalCode: '1138621',
        homePostalCode: '1120001',
        graduationYear: 2000,
        facilityFounderType: 'MEDICAL_CORPORATION',
        departments: ['内科', '循環器内科'],
        version: 1,
        memberships: [
          { category: 'A①', status: 'ACTIVE', joinedOn: '2026-04-01', association: { id: t.bunkyo.id } },
        ],
        membershipHistory: [{ kind: 'JOIN', category: 'A①', effectiveOn: '2026-04-01' }],
      });
      // the same key with another payload
      const again = await create(
        person({
          givenName: '花子',
          familyName: '鈴木',
          registryNumber: p.registryNumber,
          email: 'x@example.jp',
        }),
        'c-1',
      );
      expect(errorOf(again)).toEqual({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    });

    it('is idempotent: the same key and payload return the first person', async () => {
      const input = person();
      const a = await create(input, 'c-2');
      const b = await create(input, 'c-2');
      expect(b.body.data!.createPerson.id).toBe(a.body.data!.createPerson.id);
      const { rows } = await c.query(
        'SELECT count(*)::int AS n FROM membership.person WHERE registry_number = $1',
        [input.registryNumber],
      );
      expect(rows[0]).toEqual({ n: 1 });
    });

    it('refuses the registry number of a person the office sees (CONFLICT at input.registryNumber)', async () => {
      const existing = await buildPerson(c, { registry_number: '654321' });
      await buildMembership(c, { person_id: existing.id, association_id: t.bunkyo.id });
      expect(errorOf(await create(person({ registryNumber: '６５４３２１' }), 'c-3'))).toEqual({
        code: 'CONFLICT',
        field: 'input.registryNumber',
      });
    });

    it('registers the number of a person the office does not see as for a new one, awaiting a match', async () => {
      const hidden = await buildPerson(c, { registry_number: '654329' });
      const res = await create(person({ registryNumber: '654329', givenName: '隠' }), 'c-3b');
      expect(res.body.errors).toBeUndefined();
      const own = res.body.data!.createPerson;
      expect(own.id).not.toBe(hidden.id);
      const { rows } = await c.query(
        'SELECT id::text AS id, registry_match_of::text AS match FROM membership.person WHERE registry_number = $1 ORDER BY registry_match_of NULLS FIRST',
        ['654329'],
      );
      expect(rows).toEqual([
        { id: hidden.id, match: null },
        { id: own.id, match: hidden.id },
      ]);
    });

    it('warns about the same name and birth date until the staff confirm', async () => {
      const visible = await buildPerson(c, {
        family_name: '高橋',
        given_name: '健',
        birth_date: '1970-01-01',
      });
      await buildMembership(c, { person_id: visible.id, association_id: t.bunkyo.id });
      const hidden = await buildPerson(c, {
        family_name: '高橋',
        given_name: '健',
        birth_date: '1970-01-01',
      });
      const input = person({ familyName: '高橋', givenName: '健', birthDate: '1970-01-01' });
      const warned = await create(input, 'c-4');
      expect(errorOf(warned)).toEqual({ code: 'CONFLICT', field: 'confirmDuplicate' });
      const dups = (warned.body.errors![0]!.extensions!.details as { duplicates: { id: string | null }[] })
        .duplicates;
      // the staff's own member is named; a person they have no relation to makes no difference
      expect(dups).toEqual([{ id: visible.id }]);
      expect(dups.map((d) => d.id)).not.toContain(hidden.id);
      const confirmed = await create(input, 'c-5', { confirm: true });
      expect(confirmed.body.errors).toBeUndefined();
    });

    it('only clerks and admins of the association joined', async () => {
      expect(
        errorOf(await create(person(), 'c-6', { m: membership({ associationId: t.tokyo.id }) }))?.code,
      ).toBe('FORBIDDEN');
      expect(errorOf(await create(person(), 'c-7', { viewer: staffOf(t.bunkyo, 'VIEWER') }))?.code).toBe(
        'FORBIDDEN',
      );
      const p = await buildPerson(c);
      expect(
        errorOf(await svc.as(physician(p.id), CREATE, { input: person(), m: membership(), key: 'c-8' }))
          ?.code,
      ).toBe('FORBIDDEN');
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a registry number with letters', { registryNumber: 'AB1234' }, 'input.registryNumber'],
      ['a kana name in kanji', { familyNameKana: '佐藤' }, 'input.familyNameKana'],
      ['a postal code of 6 digits', { postalCode: '113-862' }, 'input.postalCode'],
      ['a home postal code with letters', { homePostalCode: '11A-0001' }, 'input.homePostalCode'],
      ['a phone number too short', { phone: '03-1234' }, 'input.phone'],
      ['an e-mail without domain', { email: 'ichiro@' }, 'input.email'],
      ['a birth date in the future', { birthDate: '2099-01-01' }, 'input.birthDate'],
      ['a registry date before birth', { registryDate: '1970-01-01' }, 'input.registryDate'],
      ['a prefecture code 99', { prefectureCode: 99 }, 'input.prefectureCode'],
      ['a missing given name', { givenName: undefined }, 'input.givenName'],
    ])('rejects %s with the field path, nothing stored', async (_name, over, field) => {
      const input = person(over);
      expect(errorOf(await create(input, `bad-${field}-${n}`))).toEqual({ code: 'BAD_USER_INPUT', field });
      const { rows } = await c.query(
        'SELECT count(*)::int AS n FROM membership.person WHERE registry_number = $1',
        [input.registryNumber],
      );
      expect(rows[0]).toEqual({ n: 0 });
    });

    it('rejects a membership without category or in the future with the field path', async () => {
      expect(errorOf(await create(person(), 'c-9', { m: membership({ category: ' ' }) }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'membership.category',
      });
      expect(errorOf(await create(person(), 'c-10', { m: membership({ joinedOn: '2099-04-01' }) }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'membership.joinedOn',
      });
    });
  });

  describe('updatePerson', () => {
    async function member() {
      const p = await buildPerson(c);
      await buildMembership(c, { person_id: p.id, association_id: t.bunkyo.id });
      return p;
    }

    it('the physician edits their own contact data (normalised), with the version read', async () => {
      const p = await member();
      const res = await svc.as<{ updatePerson: { email: string; phone: string; version: number } }>(
        physician(p.id),
        UPDATE,
        {
          id: p.id,
          version: 1,
          input: { email: 'ｎｅｗ@example.jp', phone: '090-1111-2222' },
        },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.updatePerson).toMatchObject({
        email: 'new@example.jp',
        phone: '090-1111-2222',
        version: 2,
      });
    });

    it('the physician may not change identity data; a member association clerk may', async () => {
      const p = await member();
      const self = await svc.as(physician(p.id), UPDATE, {
        id: p.id,
        version: 1,
        input: { familyName: '別名' },
      });
      expect(errorOf(self)?.code).toBe('FORBIDDEN');
      const staff = await svc.as<{ updatePerson: { familyName: string; version: number } }>(
        staffOf(t.bunkyo),
        UPDATE,
        {
          id: p.id,
          version: 1,
          input: { familyName: '山本' },
        },
      );
      expect(staff.body.data!.updatePerson).toMatchObject({ familyName: '山本', version: 2 });
      // a viewer-role account reads but does not write; another association does not even see them
      expect(
        errorOf(
          await svc.as(staffOf(t.bunkyo, 'VIEWER'), UPDATE, {
            id: p.id,
            version: 2,
            input: { email: 'a@b.jp' },
          }),
        )?.code,
      ).toBe('FORBIDDEN');
      expect(
        errorOf(
          await svc.as(staffOf(t.chiyoda), UPDATE, { id: p.id, version: 2, input: { email: 'a@b.jp' } }),
        )?.code,
      ).toBe('NOT_FOUND');
    });

    it("a kana name change moves the person in their associations' member pages (same transaction)", async () => {
      const p = await member();
      const res = await svc.as<{ updatePerson: { version: number } }>(staffOf(t.bunkyo), UPDATE, {
        id: p.id,
        version: 1,
        input: { familyNameKana: 'ﾝﾝﾝ', givenNameKana: 'あ' },
      });
      expect(res.body.errors).toBeUndefined();
      const { rows } = await c.query<{ family_name_kana: string; given_name_kana: string }>(
        `SELECT family_name_kana, given_name_kana FROM membership.membership WHERE person_id = $1`,
        [p.id],
      );
      expect(rows).toEqual([{ family_name_kana: 'ンンン', given_name_kana: 'ア' }]);
      await expectMemberOrderMaintained(c);
    });

    it('a stale version → CONFLICT at version, nothing written', async () => {
      const p = await member();
      await svc.as(staffOf(t.bunkyo), UPDATE, { id: p.id, version: 1, input: { email: 'first@example.jp' } });
      const stale = await svc.as(physician(p.id), UPDATE, {
        id: p.id,
        version: 1,
        input: { email: 'second@example.jp' },
      });
      expect(errorOf(stale)).toEqual({ code: 'CONFLICT', field: 'version' });
      const { rows } = await c.query('SELECT email, version FROM membership.person WHERE id = $1', [p.id]);
      expect(rows[0]).toEqual({ email: 'first@example.jp', version: 2 });
    });

    it('another person’s registry number → CONFLICT at input.registryNumber; bad input names the field', async () => {
      const p = await member();
      const other = await member();
      expect(
        errorOf(
          await svc.as(staffOf(t.bunkyo), UPDATE, {
            id: p.id,
            version: 1,
            input: { registryNumber: other.registry_number },
          }),
        ),
      ).toEqual({
        code: 'CONFLICT',
        field: 'input.registryNumber',
      });
      expect(
        errorOf(
          await svc.as(staffOf(t.bunkyo), UPDATE, { id: p.id, version: 1, input: { postalCode: '12345' } }),
        ),
      ).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.postalCode',
      });
      expect(
        errorOf(
          await svc.as(staffOf(t.bunkyo), UPDATE, {
            id: p.id,
            version: 1,
            input: { registryDate: '1970-01-01' },
          }),
        ),
      ).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.registryDate',
      });
    });
  });
});
