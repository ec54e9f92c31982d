import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { clock } from '@mamis/platform';
import {
  getNamedType,
  isInputObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { chosenOperation, loadSupergraph } from '../support/graphql-args';
import { startStack, type GraphQLResponse, type Stack, type TestViewer } from '../support/stack';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  buildTermsVersion,
  buildTrainingSession,
  type PersonRow,
} from '../support/builders';

/* ----------------------------------------------------------------------------------------------
 * Which mutations take person data, read from the composed supergraph (so a new one cannot be
 * forgotten): an argument or input field (at any depth) named like a person's id or identifying
 * data, one whose description speaks of registry numbers (CSV imports), or the `id` of a
 * `…Person` mutation that returns a Person.
 * ------------------------------------------------------------------------------------------- */

const PERSON_ID_NAMES = new Set(['personId', 'personIds']);
const PERSON_DATA_NAMES = new Set([
  'registryNumber',
  'registryNumbers',
  'familyName',
  'givenName',
  'familyNameKana',
  'givenNameKana',
  'birthDate',
]);
const SPEAKS_OF_REGISTRY_NUMBERS = /registry.?number|医籍/i;

interface PersonSlot {
  /** Argument name, then input field names (a list is entered at its one element). */
  path: string[];
  /** ID: a person's id (probed generically below); DATA: identifying data (hand-written probes). */
  kind: 'ID' | 'DATA';
}

function personSlots(field: GraphQLField<unknown, unknown>): PersonSlot[] {
  const out: PersonSlot[] = [];
  // updatePerson(id): the person's own id (acceptRegistryMatch(id) names a registration)
  const returnsPerson = getNamedType(field.type).name === 'Person' && /Person$/.test(field.name);
  const visit = (f: GraphQLArgument | GraphQLInputField, path: string[], seen: Set<string>) => {
    if (PERSON_ID_NAMES.has(f.name) || (returnsPerson && path.length === 1 && f.name === 'id'))
      out.push({ path, kind: 'ID' });
    else if (PERSON_DATA_NAMES.has(f.name) || SPEAKS_OF_REGISTRY_NUMBERS.test(f.description ?? ''))
      out.push({ path, kind: 'DATA' });
    const t = getNamedType(f.type);
    if (!isInputObjectType(t) || seen.has(t.name)) return;
    for (const sub of Object.values(t.getFields()))
      visit(sub, [...path, sub.name], new Set([...seen, t.name]));
  };
  for (const a of field.args) visit(a, [a.name], new Set());
  return out;
}

const MUTATIONS = Object.values(loadSupergraph().getMutationType()?.getFields() ?? {});
const PERSON_MUTATIONS = MUTATIONS.map((m) => ({ field: m, slots: personSlots(m) })).filter(
  (m) => m.slots.length > 0,
);

/**
 * Mutations taking identifying data (not only a person id) and the hand-written probe(s) below
 * that compare an invisible person with a nonexistent one for them. Person ids are probed for
 * every mutation by the generated probe at the end.
 */
const DATA_PROBES: Record<string, string[]> = {
  createPerson: [
    'createPerson: the registry number of an invisible physician answers like an unused one',
    'createPerson: the name and birth date of an invisible physician answer like anyone else’s',
  ],
  updatePerson: [
    'updatePerson: changing a member’s registry number to an invisible physician’s answers like an unused one',
  ],
  registerForSession: [
    'registerForSession: an invisible physician’s registry number answers like an unused one',
  ],
  recordAttendance: ['recordAttendance: an invisible physician’s registry number answers like an unused one'],
  importAttendanceCsv: ['importAttendanceCsv: an invisible physician’s row reads like an unused number’s'],
  importRoster: ['importRoster: an invisible physician’s roster row reads like an unused number’s'],
  importMalpracticeInsuranceList: [
    'importMalpracticeInsuranceList: an invisible physician’s row reads like an unused number’s',
  ],
};

/**
 * Existence must not leak to offices: for every mutation that takes person data
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
  /** A clerk of the JMA: 大阪府医師会's physician is no JMA member, so the JMA does not see them. */
  let jmaClerk: TestViewer;
  /** A physician of 大阪府医師会 only: 文京区医師会 has no relation to them. */
  let osaka: PersonRow;
  /** A member of 文京区医師会. */
  let member: PersonRow;
  let sessionId: string;
  let tokyoId: string;
  let osakaAssocId: string;
  /** A physician (a member of 文京区医師会) acting for themself. */
  let physician: TestViewer;
  /** Titles of the probes written here (the coverage test checks DATA_PROBES against them). */
  const written = new Set<string>();
  const probe = (title: string, fn: () => Promise<void>) => {
    written.add(title);
    it(title, fn);
  };
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
    tokyoId = tokyo.id;
    osakaAssocId = osakaAssoc.id;
    sessionId = (await buildTrainingSession(c, { host_association_id: bunkyo.id, program_code: 'OWN' })).id;
    await buildTermsVersion(c);
    clerk = {
      kind: 'STAFF',
      sub: randomUUID(),
      associationId: bunkyo.id,
      associationTier: 'MUNICIPAL',
      role: 'CLERK',
    };
    jmaClerk = {
      kind: 'STAFF',
      sub: randomUUID(),
      associationId: jma.id,
      associationTier: 'NATIONAL',
      role: 'CLERK',
    };
    physician = { kind: 'PHYSICIAN', sub: randomUUID(), personId: member.id };
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

  probe(
    'createPerson: the registry number of an invisible physician answers like an unused one',
    async () => {
      const invisible = await createAs(
        personInput({ registryNumber: osaka.registry_number, givenName: '一子' }),
      );
      const nobodyNumber = unused();
      const nobody = await createAs(personInput({ registryNumber: nobodyNumber, givenName: '二子' }));
      expect(nobody.res.body.errors).toBeUndefined();
      expect(
        normalise(invisible.res, { reg: osaka.registry_number, given: '一子', key: invisible.key }),
      ).toEqual(normalise(nobody.res, { reg: nobodyNumber, given: '二子', key: nobody.key }));
    },
  );

  probe(
    'createPerson: the name and birth date of an invisible physician answer like anyone else’s',
    async () => {
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
    },
  );

  probe('createPerson: a person the office sees is still reported as a conflict', async () => {
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

  probe(
    'updatePerson: changing a member’s registry number to an invisible physician’s answers like an unused one',
    async () => {
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
    },
  );

  probe('recordAttendance: an invisible physician’s registry number answers like an unused one', async () => {
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

  probe('importAttendanceCsv: an invisible physician’s row reads like an unused number’s', async () => {
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

  probe('importRoster: an invisible physician’s roster row reads like an unused number’s', async () => {
    const IMPORT = `mutation($input: ImportRosterInput!) {
      importRoster(input: $input) {
        dryRun total created joined unchanged rejected rows { row status code field message personId }
      }
    }`;
    // a physician of 大阪府医師会 whose number no earlier probe registered (the office keeps its own
    // record of a number it registered: a second import of it answers UNCHANGED either way)
    const hidden = await buildPerson(c, {
      family_name: '浪速',
      given_name: '花子',
      birth_date: '1975-08-15',
      registry_number: unused(),
    });
    await buildMembership(c, { person_id: hidden.id, association_id: osakaAssocId });
    const nobodyNumber = unused();
    const csv = (reg: string) =>
      Buffer.from(
        `医籍登録番号,氏,名,氏カナ,名カナ,生年月日,性別,会員区分,入会日\n${reg},浪速,花子,ナニワ,ハナコ,1975-08-15,女,A,${clock.today()}\n`,
      ).toString('base64');
    for (const dryRun of [true, false, false]) {
      const invisible = await stack.queryAs(clerk, IMPORT, {
        input: {
          associationId: clerk.associationId,
          format: 'CSV',
          contentBase64: csv(hidden.registry_number),
          dryRun,
          idempotencyKey: randomUUID(),
        },
      });
      const nobody = await stack.queryAs(clerk, IMPORT, {
        input: {
          associationId: clerk.associationId,
          format: 'CSV',
          contentBase64: csv(nobodyNumber),
          dryRun,
          idempotencyKey: randomUUID(),
        },
      });
      expect(nobody.body.errors).toBeUndefined();
      expect(normalise(invisible, { reg: hidden.registry_number })).toEqual(
        normalise(nobody, { reg: nobodyNumber }),
      );
    }
  });

  // The host's staff register by registry number only a person they already know (a member, or an
  // earlier attendee of their sessions); anyone else registers themselves or through their own
  // association — an unknown number and an invisible person's both answer NOT_FOUND.
  probe(
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

  probe(
    'importMalpracticeInsuranceList: an invisible physician’s row reads like an unused number’s',
    async () => {
      const IMPORT = `mutation($input: ImportMalpracticeInsuranceListInput!) {
      importMalpracticeInsuranceList(input: $input) {
        dryRun applied matched rejected rows { line registryNumber outcome action personId message }
      }
    }`;
      const today = clock.today();
      const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 7 ? 1 : 0);
      const csv = (reg: string) =>
        `registry_number,insurance_year,enrolled_on,rider_coverage_yen\n${reg},${year},${today},\n`;
      const nobodyNumber = unused();
      for (const dryRun of [true, false]) {
        const ask = (reg: string) =>
          stack.queryAs(jmaClerk, IMPORT, {
            input: { associationId: jmaClerk.associationId, csv: csv(reg), dryRun },
          });
        const invisible = await ask(osaka.registry_number);
        const nobody = await ask(nobodyNumber);
        expect(nobody.body.errors).toBeUndefined();
        expect(normalise(invisible, { reg: osaka.registry_number })).toEqual(
          normalise(nobody, { reg: nobodyNumber }),
        );
      }
    },
  );

  it('every mutation that takes person data has an existence probe (read from the supergraph)', () => {
    const takingData = PERSON_MUTATIONS.filter((m) => m.slots.some((x) => x.kind === 'DATA')).map(
      (m) => m.field.name,
    );
    // the walk sees each subgraph's person-taking mutations
    expect(PERSON_MUTATIONS.map((m) => m.field.name)).toEqual(
      expect.arrayContaining([
        'createPerson',
        'addCreditEntry',
        'enrolMalpracticeInsurance',
        'filePrivacyRequest',
      ]),
    );
    expect(takingData.filter((name) => !DATA_PROBES[name])).toEqual([]);
    expect(Object.keys(DATA_PROBES).filter((name) => !takingData.includes(name))).toEqual([]);
    expect(
      Object.values(DATA_PROBES)
        .flat()
        .filter((title) => !written.has(title)),
    ).toEqual([]);
  });

  /**
   * The operation for a probe: the person's id at every person-id slot (optional ones too), and
   * values plausible enough to reach the person check elsewhere (this office's own session and
   * association, today's date); the sample values otherwise.
   */
  function personOperation(
    field: GraphQLField<unknown, unknown>,
    ids: Set<string>,
    personId: string,
    viewer: TestViewer,
  ) {
    const pick = (name: string, path: string, type: GraphQLInputType): unknown => {
      if (ids.has(path)) return personId;
      // an input with no required field must still change something to reach the person
      if (field.name === 'updatePerson' && path === 'input') return { familyName: '確認' };
      if (!isScalarType(type)) return undefined;
      if (name === 'sessionId') return sessionId;
      if (name === 'prefecturalAssociationId') return tokyoId;
      if (/associationId$/i.test(name)) return viewer.associationId ?? clerk.associationId;
      if (type.name === 'Date') return clock.today();
      if (type.name === 'DateTime') return clock.now().toISOString();
      if (type.name === 'Int' && /(^y|Y)ear$/.test(name)) return clock.fiscalYear();
      return undefined;
    };
    return chosenOperation(field, pick, (path) =>
      [...ids].some((p) => p === path || p.startsWith(`${path}.`)),
    );
  }

  // Generated: every mutation with a person-id slot, as an office clerk, a JMA clerk and a
  // physician — the id of a person they have no relation to answers like a random one.
  for (const { field, slots } of PERSON_MUTATIONS.filter((m) => m.slots.some((x) => x.kind === 'ID'))) {
    it(`${field.name}: an invisible person’s id answers like a nonexistent one (generated)`, async () => {
      const ids = new Set(slots.filter((x) => x.kind === 'ID').map((x) => x.path.join('.')));
      // a person of its own (nothing an earlier probe did can have touched them)
      const stranger = await buildPerson(c, { family_name: '堺' });
      await buildMembership(c, { person_id: stranger.id, association_id: osakaAssocId });
      const codes: unknown[] = [];
      for (const viewer of [clerk, jmaClerk, physician]) {
        const ask = (personId: string) => {
          const { query, variables } = personOperation(field, ids, personId, viewer);
          return stack.queryAs(viewer, query, variables);
        };
        const invisible = await ask(stranger.id);
        const nobody = await ask(randomUUID());
        expect([viewer.kind, viewer.associationTier, normalise(invisible, {})]).toEqual([
          viewer.kind,
          viewer.associationTier,
          normalise(nobody, {}),
        ]);
        codes.push(...(nobody.body.errors ?? []).map((e) => e.extensions?.code));
      }
      // the probe reached the person (for some viewer), not only an unrelated input check
      expect(codes).toContain('NOT_FOUND');
    });
  }

  it('a registration kept apart becomes the holder’s membership when the holder accepts it', async () => {
    // a physician of Osaka only, registered by 文京区医師会 under their registry number
    const holder = await buildPerson(c, { family_name: '堂島', given_name: '三郎' });
    await buildMembership(c, { person_id: holder.id, association_id: osakaAssocId });
    const self: TestViewer = { kind: 'PHYSICIAN', sub: randomUUID(), personId: holder.id };
    const created = await createAs(
      personInput({ registryNumber: holder.registry_number, givenName: '三郎' }),
    );
    expect(created.res.body.errors).toBeUndefined();
    const marked = (created.res.body.data as { createPerson: { id: string } }).createPerson.id;
    expect(marked).not.toBe(holder.id);
    const MATCHES = `query($id: ID!) { person(id: $id) { registryMatches { id association { id } category joinedOn } } }`;
    const ACCEPT = `mutation($id: ID!) { acceptRegistryMatch(id: $id) { id memberships { association { id } status } } }`;
    const PERSON = `query($id: ID!) { person(id: $id) { id familyName memberships { association { id } status } } }`;

    // the office still does not see the holder, nor the registrations awaiting them
    expect((await stack.queryAs(clerk, PERSON, { id: holder.id })).body.data).toEqual({ person: null });
    const officeAsks = await stack.queryAs(clerk, MATCHES, { id: marked });
    expect(officeAsks.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // the holder sees the registration on their own record
    const mine = await stack.queryAs(self, MATCHES, { id: holder.id });
    expect(mine.body.errors).toBeUndefined();
    const matches = (mine.body.data as { person: { registryMatches: { id: string }[] } }).person
      .registryMatches;
    expect(matches).toEqual([
      {
        id: expect.any(String),
        association: { id: clerk.associationId },
        category: 'A①',
        joinedOn: '2025-04-01',
      },
    ]);
    const matchId = matches[0]!.id;

    // nobody else accepts it: the office (not a physician), another physician (not theirs)
    expect((await stack.queryAs(clerk, ACCEPT, { id: matchId })).body.errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await stack.queryAs(physician, ACCEPT, { id: matchId })).body.errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );

    // the holder accepts: a member of 文京区医師会 now; the office's separate record has ended
    const accepted = await stack.queryAs(self, ACCEPT, { id: matchId });
    expect(accepted.body.errors).toBeUndefined();
    expect(
      (accepted.body.data as { acceptRegistryMatch: { memberships: unknown[] } }).acceptRegistryMatch
        .memberships,
    ).toEqual(
      expect.arrayContaining([
        { association: { id: osakaAssocId }, status: 'ACTIVE' },
        { association: { id: clerk.associationId }, status: 'ACTIVE' },
      ]),
    );
    const after = await stack.queryAs(self, MATCHES, { id: holder.id });
    expect(after.body.data).toEqual({ person: { registryMatches: [] } });
    const seen = await stack.queryAs(clerk, PERSON, { id: holder.id });
    expect(seen.body.data).toMatchObject({ person: { id: holder.id, familyName: '堂島' } });
    const record = await stack.queryAs(clerk, PERSON, { id: marked });
    expect(record.body.data).toMatchObject({
      person: { memberships: [{ association: { id: clerk.associationId }, status: 'LEFT' }] },
    });
    // accepted once only
    expect((await stack.queryAs(self, ACCEPT, { id: matchId })).body.errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
  });
});
