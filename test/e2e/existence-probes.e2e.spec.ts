import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startStack, type GraphQLResponse, type Stack, type TestViewer } from '../support/stack';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  buildTermsVersion,
  buildTrainingSession,
  type PersonRow,
} from '../support/builders';

/**
 * Existence must not leak to offices (issue 18 §5): for every mutation that takes person data
 * (registry numbers, name + birth date), a person the office has no relation to and a person who
 * does not exist give the same answer — the same data shape, error codes, messages and fields —
 * once the values the probe itself chose (ids, registry numbers, names, keys) are replaced by
 * placeholders. A person the office does see may still be reported as a conflict.
 */
describe('existence probes: an invisible person answers like a nonexistent one (through the gateway)', () => {
  let db: TestDatabase;
  let c: Client;
  let stack: Stack;
  let clerk: TestViewer;
  /** A physician of 大阪府医師会 only: 文京区医師会 has no relation to them. */
  let osaka: PersonRow;
  /** A member of 文京区医師会. */
  let member: PersonRow;
  let sessionId: string;
  let fresh = 7_000_000;
  /** A registry number nobody has. */
  const unused = () => String(++fresh);

  beforeAll(async () => {
    db = await createTestDatabase();
    c = await db.admin();
    const jma = await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const tokyo = await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma.id });
    const osakaAssoc = await buildAssociation(c, {
      code: 'P27',
      tier: 'PREFECTURAL',
      parent_id: jma.id,
      prefecture_code: 27,
    });
    const bunkyo = await buildAssociation(c, {
      code: 'M13005',
      name: '文京区医師会',
      tier: 'MUNICIPAL',
      parent_id: tokyo.id,
    });
    osaka = await buildPerson(c, {
      family_name: '浪速',
      given_name: '花子',
      family_name_kana: 'ナニワ',
      given_name_kana: 'ハナコ',
      birth_date: '1975-08-15',
      registry_number: '6543210',
    });
    await buildMembership(c, { person_id: osaka.id, association_id: osakaAssoc.id });
    member = await buildPerson(c, { family_name: '本郷', given_name: '一郎', birth_date: '1970-01-02' });
    await buildMembership(c, { person_id: member.id, association_id: bunkyo.id });
    sessionId = (await buildTrainingSession(c, { host_association_id: bunkyo.id, program_code: 'OWN' })).id;
    await buildTermsVersion(c);
    clerk = {
      kind: 'STAFF',
      sub: randomUUID(),
      associationId: bunkyo.id,
      associationTier: 'MUNICIPAL',
      role: 'CLERK',
    };
    stack = await startStack(db);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  /** The answer with the probe's own choices (and generated ids) replaced by placeholders. */
  function normalise(res: GraphQLResponse<unknown>, own: Record<string, string>): unknown {
    let text = JSON.stringify({ status: res.status, body: res.body });
    for (const [placeholder, value] of Object.entries(own)) text = text.split(value).join(`<${placeholder}>`);
    return JSON.parse(
      text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>'),
    ) as unknown;
  }

  const CREATE = `mutation($input: PersonInput!, $m: InitialMembershipInput!, $key: String!) {
    createPerson(input: $input, membership: $m, idempotencyKey: $key) {
      id familyName givenName familyNameKana givenNameKana birthDate sex registryNumber registryDate version
      memberships { association { id } category status joinedOn }
    }
  }`;

  const personInput = (o: {
    registryNumber: string;
    givenName: string;
    birthDate?: string;
    familyName?: string;
  }) => ({
    familyName: o.familyName ?? '浪速',
    givenName: o.givenName,
    familyNameKana: 'ナニワ',
    givenNameKana: 'ハナコ',
    birthDate: o.birthDate ?? '1980-01-01',
    sex: 'FEMALE',
    registryNumber: o.registryNumber,
    registryDate: '2005-05-01',
  });

  async function createAs(input: ReturnType<typeof personInput>) {
    const key = randomUUID();
    const res = await stack.queryAs(clerk, CREATE, {
      input,
      m: { associationId: clerk.associationId, category: 'A①', joinedOn: '2025-04-01' },
      key,
    });
    return { res, key };
  }

  it('createPerson: the registry number of an invisible physician answers like an unused one', async () => {
    const invisible = await createAs(
      personInput({ registryNumber: osaka.registry_number, givenName: '一子' }),
    );
    const nobodyNumber = unused();
    const nobody = await createAs(personInput({ registryNumber: nobodyNumber, givenName: '二子' }));
    expect(nobody.res.body.errors).toBeUndefined();
    expect(
      normalise(invisible.res, { reg: osaka.registry_number, given: '一子', key: invisible.key }),
    ).toEqual(normalise(nobody.res, { reg: nobodyNumber, given: '二子', key: nobody.key }));
  });

  it('createPerson: the name and birth date of an invisible physician answer like anyone else’s', async () => {
    const regA = unused();
    const invisible = await createAs(
      personInput({ registryNumber: regA, givenName: osaka.given_name, birthDate: osaka.birth_date }),
    );
    const regB = unused();
    const nobody = await createAs(
      personInput({ registryNumber: regB, givenName: '三子', birthDate: osaka.birth_date }),
    );
    expect(nobody.res.body.errors).toBeUndefined();
    expect(normalise(invisible.res, { reg: regA, given: osaka.given_name, key: invisible.key })).toEqual(
      normalise(nobody.res, { reg: regB, given: '三子', key: nobody.key }),
    );
  });

  it('createPerson: a person the office sees is still reported as a conflict', async () => {
    const byNumber = await createAs(
      personInput({ registryNumber: member.registry_number, givenName: '四子' }),
    );
    expect(byNumber.res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.registryNumber',
    });
    const byName = await createAs(
      personInput({
        registryNumber: unused(),
        familyName: member.family_name,
        givenName: member.given_name,
        birthDate: member.birth_date,
      }),
    );
    expect(byName.res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      details: { duplicates: [{ id: member.id }] },
    });
  });

  it('updatePerson: changing a member’s registry number to an invisible physician’s answers like an unused one', async () => {
    const UPDATE = `mutation($id: ID!, $v: Int!, $input: PersonInput!) {
      updatePerson(id: $id, version: $v, input: $input) { id registryNumber version }
    }`;
    const a = await buildPerson(c, { family_name: '本郷', given_name: '五郎' });
    const b = await buildPerson(c, { family_name: '本郷', given_name: '六郎' });
    for (const p of [a, b])
      await buildMembership(c, { person_id: p.id, association_id: clerk.associationId! });
    const invisible = await stack.queryAs(clerk, UPDATE, {
      id: a.id,
      v: 1,
      input: { registryNumber: osaka.registry_number },
    });
    const nobodyNumber = unused();
    const nobody = await stack.queryAs(clerk, UPDATE, {
      id: b.id,
      v: 1,
      input: { registryNumber: nobodyNumber },
    });
    expect(nobody.body.errors).toBeUndefined();
    expect(normalise(invisible, { reg: osaka.registry_number })).toEqual(
      normalise(nobody, { reg: nobodyNumber }),
    );
  });

  it('recordAttendance: an invisible physician’s registry number answers like an unused one', async () => {
    const RECORD = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id status } }`;
    const invisible = await stack.queryAs(clerk, RECORD, {
      input: { sessionId, registryNumber: osaka.registry_number },
    });
    const nobodyNumber = unused();
    const nobody = await stack.queryAs(clerk, RECORD, { input: { sessionId, registryNumber: nobodyNumber } });
    expect(nobody.body.errors?.length).toBe(1);
    expect(normalise(invisible, { reg: osaka.registry_number })).toEqual(
      normalise(nobody, { reg: nobodyNumber }),
    );
  });

  it('importAttendanceCsv: an invisible physician’s row reads like an unused number’s', async () => {
    const IMPORT = `mutation($input: ImportAttendanceCsvInput!) {
      importAttendanceCsv(input: $input) {
        dryRun applied matched rejected rows { rowNumber registryNumber status person { id } message }
      }
    }`;
    const nobodyNumber = unused();
    for (const dryRun of [true, false]) {
      const invisible = await stack.queryAs(clerk, IMPORT, {
        input: { sessionId, csv: `${osaka.registry_number}\n`, dryRun },
      });
      const nobody = await stack.queryAs(clerk, IMPORT, {
        input: { sessionId, csv: `${nobodyNumber}\n`, dryRun },
      });
      expect(nobody.body.errors).toBeUndefined();
      expect(normalise(invisible, { reg: osaka.registry_number })).toEqual(
        normalise(nobody, { reg: nobodyNumber }),
      );
    }
  });

  // Known leak, not fixed yet (last: it registers the Osaka physician): the host's staff may
  // register ANY physician for a session by registry number (a walk-in attendee), which answers differently for an unused number and creates a
  // TRAINING_HOST relation. It needs an invitation the physician confirms (see README).
  it.failing(
    'registerForSession: an invisible physician’s registry number answers like an unused one',
    async () => {
      const REGISTER = `mutation($input: RegisterForSessionInput!) { registerForSession(input: $input) { id status } }`;
      const nobodyNumber = unused();
      const invisible = await stack.queryAs(clerk, REGISTER, {
        input: { sessionId, registryNumber: osaka.registry_number, idempotencyKey: randomUUID() },
      });
      const nobody = await stack.queryAs(clerk, REGISTER, {
        input: { sessionId, registryNumber: nobodyNumber, idempotencyKey: randomUUID() },
      });
      expect(normalise(invisible, { reg: osaka.registry_number })).toEqual(
        normalise(nobody, { reg: nobodyNumber }),
      );
    },
  );
});
