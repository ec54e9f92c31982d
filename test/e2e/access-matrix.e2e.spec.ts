import { randomUUID } from 'node:crypto';
import { addDays, clock } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startStack, type Stack, type TestViewer } from '../support/stack';
import { oracleAllows, oracleMayEdit, type Group, type Rel, type Tier } from '../support/access-oracle';
import {
  buildAssociation,
  buildAttendance,
  buildInsuranceEnrolment,
  buildMembership,
  buildPerson,
  buildTermsAcceptance,
  buildTermsVersion,
  buildTrainingSession,
  type AssociationRow,
} from '../support/builders';

/**
 * The authorization matrix: viewer kinds × the source document's membership patterns × field
 * groups × paths (root lookup, list, nested member list, and Person resolved through `_entities`
 * from another subgraph), all through the gateway over HTTP. Expectations come from the
 * independent oracle (test/support/access-oracle.ts) and the facts arranged below — never from
 * the implementation. Prints the case count; must show 0 wrong allows and 0 wrong denies.
 */

type AKey = 'JMA' | 'TOKYO' | 'OSAKA' | 'CHIYODA' | 'MINATO' | 'KITA' | 'UNIV';
type SKey = 'minatoOwn' | 'minatoCme' | 'chiyodaCme' | 'societyCohosted';

const TIER: Record<AKey, Tier> = {
  JMA: 'NATIONAL',
  TOKYO: 'PREFECTURAL',
  OSAKA: 'PREFECTURAL',
  CHIYODA: 'MUNICIPAL',
  MINATO: 'MUNICIPAL',
  KITA: 'DISTRICT',
  UNIV: 'WORKPLACE',
};
/** The academic society (学会) that co-hosts a session with an association. */
const SOCIETY = 'jsim';
const SESSIONS: Record<SKey, { host: AKey; program: string; cohost?: string }> = {
  minatoOwn: { host: 'MINATO', program: 'OWN' },
  minatoCme: { host: 'MINATO', program: 'CME' },
  chiyodaCme: { host: 'CHIYODA', program: 'CME' },
  societyCohosted: { host: 'KITA', program: 'OWN', cohost: SOCIETY },
};

interface Pattern {
  active: AKey[];
  former?: AKey[];
  attended?: SKey[];
  /** A pending membership application whose steps are at these associations. */
  applyingTo?: AKey[];
}
const PATTERNS: Record<string, Pattern> = {
  municipalOnly: { active: ['CHIYODA'] },
  upToPrefectural: { active: ['CHIYODA', 'TOKYO'] },
  upToNational: { active: ['CHIYODA', 'TOKYO', 'JMA'], attended: ['chiyodaCme'] },
  prefecturalOnly: { active: ['TOKYO'] },
  nationalOnly: { active: ['JMA'] },
  districtOnly: { active: ['KITA'] },
  districtAndMunicipal: { active: ['KITA', 'CHIYODA'] },
  workplaceOnly: { active: ['UNIV'] },
  workplaceUpToNational: { active: ['UNIV', 'TOKYO', 'JMA'] },
  transferred: { active: ['MINATO'], former: ['CHIYODA'] },
  hostSessionAttendee: { active: [], attended: ['minatoOwn'] },
  jmaProgramAttendee: { active: [], attended: ['minatoCme'] },
  otherPrefecture: { active: ['OSAKA'] },
  applicant: { active: [], applyingTo: ['CHIYODA', 'TOKYO'] },
  cohostAttendee: { active: [], attended: ['societyCohosted'] },
};
const PERSONS = Object.keys(PATTERNS);

/** The field that stands for each group in this schema (every group of the policy has one). */
const GROUP_FIELD: Record<Group, string> = {
  IDENTITY: 'familyName',
  CONTACT: 'email',
  PROFILE: 'school',
  MEMBERSHIP: 'memberships',
  DUES: 'dues',
  TRAINING: 'trainingAttendances',
  INSURANCE: 'malpracticeInsurance',
  PENSION: 'pension',
  CONSENT: 'termsAcceptances',
};
const PERSON_FIELDS = `id familyName email school
  memberships { association { id } }
  dues { association { id } }
  trainingAttendances { session { id programCode host { id } } }
  malpracticeInsurance { insuranceYear }
  pension { plan }
  termsAcceptances { version }`;

interface ViewerCase {
  name: string;
  viewer: TestViewer;
  tier?: Tier;
  association?: AKey;
  self?: string;
  /** A society client's society (scope `society:<id>`). */
  society?: string;
  /** An assistant's rights: the groups its physician let it read (design: "within the rights granted"). */
  rights?: Group[];
}

// Thousands of requests per test: correctness, not speed (a loaded machine must not fail it).
jest.setTimeout(600_000);

describe('authorization matrix (gateway, all subgraphs)', () => {
  let db: TestDatabase;
  let stack: Stack;
  const assoc = {} as Record<AKey, AssociationRow>;
  const sessionId = {} as Record<SKey, string>;
  const personId: Record<string, string> = {};
  const nameOf: Record<string, string> = {};
  let cases = 0;
  let totalWrong = 0;
  let wrong: string[] = [];
  beforeEach(() => {
    wrong = [];
  });
  afterEach(() => {
    totalWrong += wrong.length;
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    assoc.JMA = await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    assoc.TOKYO = await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: assoc.JMA.id });
    assoc.OSAKA = await buildAssociation(c, {
      code: 'P27',
      tier: 'PREFECTURAL',
      parent_id: assoc.JMA.id,
      prefecture_code: 27,
    });
    assoc.CHIYODA = await buildAssociation(c, {
      code: 'M13001',
      tier: 'MUNICIPAL',
      parent_id: assoc.TOKYO.id,
    });
    assoc.MINATO = await buildAssociation(c, {
      code: 'M13003',
      tier: 'MUNICIPAL',
      parent_id: assoc.TOKYO.id,
    });
    assoc.KITA = await buildAssociation(c, { code: 'D13001', tier: 'DISTRICT', parent_id: assoc.CHIYODA.id });
    assoc.UNIV = await buildAssociation(c, {
      code: 'W13001',
      tier: 'WORKPLACE',
      kind: 'UNIVERSITY',
      parent_id: assoc.TOKYO.id,
    });
    for (const [key, s] of Object.entries(SESSIONS) as [SKey, (typeof SESSIONS)[SKey]][]) {
      sessionId[key] = (
        await buildTrainingSession(c, {
          host_association_id: assoc[s.host].id,
          program_code: s.program,
          cohost_society_id: s.cohost ?? null,
        })
      ).id;
    }
    const terms = await buildTermsVersion(c);
    let invoiceNo = 0;
    for (const [name, p] of Object.entries(PATTERNS)) {
      const person = await buildPerson(c, { family_name: `姓${name}` });
      personId[name] = person.id;
      nameOf[person.id] = name;
      for (const a of p.active)
        await buildMembership(c, { person_id: person.id, association_id: assoc[a].id });
      for (const a of p.former ?? []) {
        await buildMembership(c, {
          person_id: person.id,
          association_id: assoc[a].id,
          status: 'TRANSFERRED',
          left_on: '2024-03-31',
        });
      }
      for (const s of p.attended ?? [])
        await buildAttendance(c, { session_id: sessionId[s], person_id: person.id });
      if (p.applyingTo) {
        const app = randomUUID();
        await c.query(
          `INSERT INTO membership.membership_application (id, person_id, kind, status, effective_on, filed_by)
           VALUES ($1, $2, 'JOIN', 'PENDING', $3, 'matrix')`,
          [app, person.id, addDays(clock.today(), 5)],
        );
        for (const [i, a] of p.applyingTo.entries())
          await c.query(
            `INSERT INTO membership.membership_application_step
               (id, application_id, ordinal, association_id, action, category, status)
             VALUES ($1, $2, $3, $4, 'JOIN', 'A①', 'PENDING')`,
            [randomUUID(), app, i + 1, assoc[a].id],
          );
      }
      // an invoice of every association the person is or was a member of (DUES is narrowed to
      // the viewer's own association's), and a pension enrolment (PENSION: the JMA and self)
      for (const a of [...p.active, ...(p.former ?? [])])
        await c.query(
          `INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code,
             annual_fee_yen, months, amount_yen, paid_yen, status, reference, issued_on, issued_by)
           VALUES ($1, $2, $3, $5, 'A①', 10000, 12, 10000, 0, 'OPEN', $4, $6, 'matrix')`,
          [
            randomUUID(),
            assoc[a].id,
            person.id,
            `M${String(++invoiceNo).padStart(9, '0')}`,
            clock.fiscalYear(),
            `${clock.fiscalYear()}-04-01`,
          ],
        );
      await c.query(
        `INSERT INTO insurance_pension.pension_enrolment (id, person_id, plan, status, contribution_status,
           enrolled_on, monthly_contribution_yen, contributions_end_on)
         VALUES ($1, $2, 'BASIC', 'ENROLLED', 'CONTRIBUTING', '2010-04-01', 12000, $3)`,
        [randomUUID(), person.id, `${clock.fiscalYear() + 14}-05-04`],
      );
      await buildInsuranceEnrolment(c, { person_id: person.id });
      await buildTermsAcceptance(c, { person_id: person.id, terms_version_id: terms.id });
    }
    stack = await startStack(db);
  }, 120_000);

  afterAll(async () => {
    console.log(`authorization matrix: ${cases} cases, ${totalWrong} wrong`);
    await stack?.close();
    await db?.drop();
  });

  // ---- the oracle applied to the arranged facts ----------------------------------------------
  function relationsOf(v: ViewerCase, person: string): Rel[] {
    const p = PATTERNS[person]!;
    const rels: Rel[] = [];
    if (v.self === person) rels.push('SELF');
    if (v.association) {
      if (p.active.includes(v.association)) rels.push('MEMBER');
      if ((p.former ?? []).includes(v.association)) rels.push('FORMER_MEMBER');
      if ((p.attended ?? []).some((s) => SESSIONS[s].host === v.association)) rels.push('TRAINING_HOST');
      if (v.association === 'JMA' && (p.attended ?? []).some((s) => SESSIONS[s].program !== 'OWN'))
        rels.push('TRAINING_ISSUER');
      if ((p.applyingTo ?? []).includes(v.association)) rels.push('APPLICANT');
    }
    if (v.society && (p.attended ?? []).some((s) => SESSIONS[s].cohost === v.society))
      rels.push('SOCIETY_COHOST');
    return rels;
  }
  const allows = (v: ViewerCase, person: string, g: Group) =>
    (!v.rights || v.rights.includes(g)) && relationsOf(v, person).some((r) => oracleAllows(r, v.tier, g));
  const visible = (v: ViewerCase, person: string) =>
    (Object.keys(GROUP_FIELD) as Group[]).some((g) => allows(v, person, g));
  /** design.md: host → "those sessions only"; JMA as issuer → "JMA programs" only. */
  function trainingVisible(v: ViewerCase, person: string, s: SKey): boolean {
    const rels = relationsOf(v, person);
    if (rels.includes('SELF') || rels.includes('MEMBER')) return true;
    if (rels.includes('TRAINING_HOST') && SESSIONS[s].host === v.association) return true;
    if (rels.includes('SOCIETY_COHOST') && SESSIONS[s].cohost === v.society) return true;
    return rels.includes('TRAINING_ISSUER') && SESSIONS[s].program !== 'OWN';
  }

  const check = (ok: boolean, what: string) => {
    cases++;
    if (!ok) wrong.push(what);
  };

  type Errors = { path?: (string | number)[]; extensions?: { code?: string } }[] | undefined;

  /** Compare one returned person object (or its absence) with the oracle, group by group. */
  function checkPerson(
    v: ViewerCase,
    person: string,
    obj: Record<string, unknown> | null | undefined,
    errors: Errors,
    path: (string | number)[],
    label: string,
  ) {
    const expectVisible = visible(v, person);
    check(
      expectVisible === (obj != null),
      `${label}: ${v.name} → ${person}: visible=${obj != null}, expected ${expectVisible}`,
    );
    if (!obj) {
      const leaked = (errors ?? []).some(
        (e) => JSON.stringify(e.path?.slice(0, path.length)) === JSON.stringify(path),
      );
      check(!leaked, `${label}: ${v.name} → ${person}: an error reveals an invisible person`);
      return;
    }
    for (const [group, field] of Object.entries(GROUP_FIELD) as [Group, string][]) {
      const expected = allows(v, person, group);
      const value = obj[field];
      // a group may be allowed with nothing in it (e.g. no insurance row): null only when denied
      const denied =
        value === null &&
        (errors ?? []).some(
          (e) =>
            JSON.stringify(e.path) === JSON.stringify([...path, field]) && e.extensions?.code === 'FORBIDDEN',
        );
      check(
        expected ? value !== null && value !== undefined : denied,
        `${label}: ${v.name} → ${person}.${field} (${group}): got ${JSON.stringify(value)}, expected ${expected ? 'allowed' : 'denied'}`,
      );
    }
    // record-level narrowing inside TRAINING and MEMBERSHIP
    const attendances = obj.trainingAttendances as { session: { id: string } }[] | null;
    for (const a of attendances ?? []) {
      const s = (Object.keys(sessionId) as SKey[]).find((k) => sessionId[k] === a.session.id)!;
      check(
        trainingVisible(v, person, s),
        `${label}: ${v.name} → ${person}: training record of ${s} out of scope`,
      );
    }
    const expectedSessions = (PATTERNS[person]!.attended ?? []).filter((s) => trainingVisible(v, person, s));
    if (attendances)
      check(
        attendances.length === expectedSessions.length,
        `${label}: ${v.name} → ${person}: ${attendances.length} training records, expected ${expectedSessions.length}`,
      );
    // DUES: the person themself sees every invoice; staff only their own association's
    const dues = obj.dues as { association: { id: string } }[] | null;
    if (dues) {
      const own = relationsOf(v, person).includes('SELF');
      const p = PATTERNS[person]!;
      const expectedDues = [...p.active, ...(p.former ?? [])].filter((a) => own || a === v.association);
      check(
        dues.length === expectedDues.length &&
          dues.every((d) => expectedDues.some((a) => assoc[a].id === d.association.id)),
        `${label}: ${v.name} → ${person}: dues of [${dues.map((d) => d.association.id)}], expected [${expectedDues}]`,
      );
    }
    const memberships = obj.memberships as { association: { id: string } }[] | null;
    if (memberships && !relationsOf(v, person).some((r) => r === 'SELF' || r === 'MEMBER')) {
      for (const m of memberships)
        check(
          m.association.id === assoc[v.association!]?.id,
          `${label}: ${v.name} → ${person}: membership record of another association`,
        );
    }
  }

  const staffCases: ViewerCase[] = (Object.keys(TIER) as AKey[]).flatMap((a) =>
    (['ADMIN', 'CLERK', 'VIEWER'] as const)
      .filter((role) => role === 'CLERK' || a === 'CHIYODA')
      .map((role) => ({
        name: `staff(${a},${role})`,
        association: a,
        tier: TIER[a],
        viewer: {
          kind: 'STAFF' as const,
          sub: `staff-${a}-${role}`,
          associationId: '',
          associationTier: TIER[a],
          role,
        },
      })),
  );
  const viewers = (): ViewerCase[] => {
    for (const s of staffCases) s.viewer.associationId = assoc[s.association!].id;
    return [
      ...staffCases,
      ...PERSONS.map((p) => ({
        name: `self(${p})`,
        self: p,
        viewer: { kind: 'PHYSICIAN' as const, sub: `phys-${p}`, personId: personId[p] },
      })),
      ...(
        [
          ['assistant(upToNational, all rights)', Object.keys(GROUP_FIELD) as Group[]],
          [
            'assistant(upToNational, identity+contact+training)',
            ['IDENTITY', 'CONTACT', 'TRAINING'] as Group[],
          ],
        ] as const
      ).map(([name, rights]) => ({
        name,
        self: 'upToNational',
        rights: [...rights],
        viewer: {
          kind: 'ASSISTANT' as const,
          sub: 'asst-1',
          personId: personId.upToNational,
          scopes: rights.map((g) => `${g.toLowerCase()}:read`),
          actor: { sub: 'asst-1', kind: 'ASSISTANT' as const },
        },
      })),
      {
        name: 'staff(CHIYODA) on behalf of municipalOnly',
        self: 'municipalOnly',
        viewer: {
          kind: 'PHYSICIAN' as const,
          sub: 'phys-municipalOnly',
          personId: personId.municipalOnly,
          actor: { sub: 'staff-CHIYODA-ADMIN', kind: 'STAFF' as const, associationId: assoc.CHIYODA.id },
        },
      },
      {
        name: 'society client (no co-hosted session)',
        viewer: {
          kind: 'CLIENT' as const,
          sub: 'society-1',
          scopes: ['society:11111111-1111-4111-8111-111111111111'],
        },
      },
      {
        name: `society client (${SOCIETY}, co-hosts a session)`,
        society: SOCIETY,
        viewer: { kind: 'CLIENT' as const, sub: `society-${SOCIETY}`, scopes: [`society:${SOCIETY}`] },
      },
    ];
  };

  it('root lookups: person(id) for every viewer × person × group', async () => {
    for (const v of viewers()) {
      const q = `{ ${PERSONS.map((p, i) => `p${i}: person(id: "${personId[p]}") { ${PERSON_FIELDS} }`).join('\n')} }`;
      const res = await stack.queryAs<Record<string, Record<string, unknown> | null>>(v.viewer, q);
      check(
        res.status === 200,
        `root: ${v.name}: HTTP ${res.status} ${JSON.stringify(res.body.errors?.[0])}`,
      );
      PERSONS.forEach((p, i) =>
        checkPerson(v, p, res.body.data?.[`p${i}`], res.body.errors as Errors, [`p${i}`], 'root'),
      );
    }
    expect(wrong).toEqual([]);
  });

  it('lists: people(first) holds exactly the visible persons, each with the right groups', async () => {
    for (const v of viewers()) {
      const res = await stack.queryAs<{ people: { nodes: Record<string, unknown>[]; totalCount: number } }>(
        v.viewer,
        `{ people(first: 30) { totalCount nodes { ${PERSON_FIELDS} } } }`,
      );
      check(
        !res.body.errors?.some((e) => e.path?.length === 1),
        `list: ${v.name}: ${JSON.stringify(res.body.errors?.[0])}`,
      );
      const nodes = res.body.data?.people.nodes ?? [];
      const got = nodes.map((n) => nameOf[n.id as string]!).sort();
      const expected = PERSONS.filter((p) => visible(v, p)).sort();
      check(
        JSON.stringify(got) === JSON.stringify(expected),
        `list: ${v.name}: got [${got}], expected [${expected}]`,
      );
      check(
        res.body.data?.people.totalCount === expected.length,
        `list: ${v.name}: totalCount ${res.body.data?.people.totalCount}, expected ${expected.length}`,
      );
      nodes.forEach((n, i) =>
        checkPerson(v, nameOf[n.id as string]!, n, res.body.errors as Errors, ['people', 'nodes', i], 'list'),
      );
    }
    expect(wrong).toEqual([]);
  });

  it('nested: an association’s members for its own staff only', async () => {
    for (const v of viewers()) {
      for (const a of Object.keys(TIER) as AKey[]) {
        const res = await stack.queryAs<{
          association: { members: { nodes: Record<string, unknown>[] } | null };
        }>(
          v.viewer,
          `{ association(id: "${assoc[a].id}") { members(first: 30) { nodes { ${PERSON_FIELDS} } } } }`,
        );
        const own = v.association === a && v.viewer.kind === 'STAFF';
        const members = res.body.data?.association?.members;
        if (!own) {
          const forbidden = (res.body.errors ?? []).some(
            (e) => e.extensions?.code === 'FORBIDDEN' && e.path?.join('.') === 'association.members',
          );
          check(members == null && forbidden, `nested: ${v.name} listed members of ${a}`);
          continue;
        }
        const got = (members?.nodes ?? []).map((n) => nameOf[n.id as string]!).sort();
        const expected = PERSONS.filter((p) => PATTERNS[p]!.active.includes(a)).sort();
        check(
          JSON.stringify(got) === JSON.stringify(expected),
          `nested: ${v.name}: members of ${a}: [${got}] vs [${expected}]`,
        );
        (members?.nodes ?? []).forEach((n, i) =>
          checkPerson(
            v,
            nameOf[n.id as string]!,
            n,
            res.body.errors as Errors,
            ['association', 'members', 'nodes', i],
            'nested',
          ),
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('_entities: persons reached from a training session (resolved by reference in the membership subgraph)', async () => {
    for (const v of viewers()) {
      for (const s of Object.keys(SESSIONS) as SKey[]) {
        const res = await stack.queryAs<{
          trainingSession: { attendances: { person: Record<string, unknown> | null }[] } | null;
        }>(
          v.viewer,
          `{ trainingSession(id: "${sessionId[s]}") { attendances { person { ${PERSON_FIELDS} } } } }`,
        );
        const attendees = PERSONS.filter((p) => (PATTERNS[p]!.attended ?? []).includes(s));
        const expected = attendees.filter((p) => trainingVisible(v, p, s)).sort();
        const list = res.body.data?.trainingSession?.attendances ?? [];
        const got = list.map((a) => (a.person ? nameOf[a.person.id as string]! : '?')).sort();
        check(
          JSON.stringify(got) === JSON.stringify(expected),
          `_entities: ${v.name}: attendees of ${s}: [${got}] vs [${expected}]` +
            (res.body.errors ? ` errors: ${JSON.stringify(res.body.errors)}` : ''),
        );
        list.forEach((a, i) => {
          if (a.person)
            checkPerson(
              v,
              nameOf[a.person.id as string]!,
              a.person,
              res.body.errors as Errors,
              ['trainingSession', 'attendances', i, 'person'],
              '_entities',
            );
        });
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses person data to an analytics client (FORBIDDEN) and to anonymous callers (UNAUTHENTICATED)', async () => {
    const analytics = await stack.queryAs<{ person: unknown }>(
      { kind: 'CLIENT', sub: 'analytics-1', scopes: ['analytics:aggregate'] },
      `{ person(id: "${personId.upToNational}") { familyName } people(first: 5) { totalCount } }`,
    );
    check(analytics.body.data?.person == null, 'analytics: person returned');
    check(
      (analytics.body.errors ?? []).every((e) => e.extensions?.code === 'FORBIDDEN') &&
        (analytics.body.errors ?? []).length > 0,
      `analytics: ${JSON.stringify(analytics.body.errors)}`,
    );
    const anonymous = await stack.query<{ person: unknown }>(
      `{ person(id: "${personId.upToNational}") { familyName } }`,
    );
    check(anonymous.body.data?.person == null, 'anonymous: person returned');
    check(
      anonymous.body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED',
      `anonymous: ${JSON.stringify(anonymous.body.errors)}`,
    );
    expect(wrong).toEqual([]);
  });

  it('mutations: editing a person’s contact data and identity, for every viewer × person', async () => {
    const c = await db.admin();
    const versions = async () =>
      new Map(
        (
          await c.query('SELECT id::text, version FROM membership.person WHERE id = ANY($1)', [
            Object.values(personId),
          ])
        ).rows.map((r: { id: string; version: number }) => [r.id, r.version] as const),
      );
    const writers = viewers().filter((v) => v.viewer.kind !== 'CLIENT');
    for (const v of writers) {
      for (const [op, input] of [
        ['EDIT_CONTACT', (_p: string) => `{ phone: "03-1234-5678" }`],
        ['EDIT_PERSON', (p: string) => `{ familyName: "姓${p}" }`],
      ] as const) {
        // one request per person (a refused non-null mutation nulls the whole response), in parallel
        const version = await versions();
        const results = await Promise.all(
          PERSONS.map((p) =>
            stack.queryAs<{ updatePerson: { id: string } | null }>(
              v.viewer,
              `mutation { updatePerson(id: "${personId[p]}", version: ${version.get(personId[p]!)}, input: ${input(p)}) { id } }`,
            ),
          ),
        );
        PERSONS.forEach((p, i) => {
          const res = results[i]!;
          const rels = relationsOf(v, p);
          // an assistant also needs the group's write right (none granted in this matrix)
          const expected = !v.rights && oracleMayEdit(rels, v.tier, v.viewer.role, op);
          const outcome = res.body.data?.updatePerson
            ? 'OK'
            : (res.body.errors as Errors)?.[0]?.extensions?.code;
          const want = expected ? 'OK' : visible(v, p) ? 'FORBIDDEN' : 'NOT_FOUND';
          check(outcome === want, `mutation: ${v.name} ${op} ${p}: ${outcome}, expected ${want}`);
        });
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('gives the analytics client every aggregate (and nothing else, above)', async () => {
    // allowed means: answered, or refused by disclosure control for a population this small —
    // never FORBIDDEN or UNAUTHENTICATED
    const fy = clock.fiscalYear();
    // the insurance year starts on July 1
    const insuranceYear = Number(clock.today().slice(0, 4)) - (clock.today().slice(5) < '07-01' ? 1 : 0);
    const aggregates = [
      'members(groupBy: [CATEGORY]) { total }',
      'memberFlow(fromFiscalYear: 2014, toFiscalYear: 2016) { total }',
      `trainingCredits(programCode: "CME", fiscalYear: ${fy - 1}) { total }`,
      'certificateHolders { total }',
      `certificateExpiryForecast(fromFiscalYear: ${fy - 1}, toFiscalYear: ${fy + 4}) { total }`,
      `insuranceEnrolment(insuranceYear: ${insuranceYear}) { total rate }`,
      `duesCollection(fiscalYear: ${fy}) { total rate }`,
    ];
    for (const a of aggregates) {
      const res = await stack.queryAs<{ statistics: Record<string, unknown> | null }>(
        { kind: 'CLIENT', sub: 'analytics-1', scopes: ['analytics:aggregate'] },
        `{ statistics { associationId k ${a} } }`,
      );
      const errors = (res.body.errors ?? []) as NonNullable<Errors>;
      const answered = errors.length === 0 && res.body.data?.statistics != null;
      const disclosure = errors.length > 0 && errors.every((e) => e.extensions?.code === 'BAD_USER_INPUT');
      check(answered || disclosure, `analytics aggregate ${a}: ${JSON.stringify(errors)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('sees an ended membership on the very next request', async () => {
    const v = staffCases.find((s) => s.association === 'CHIYODA' && s.viewer.role === 'CLERK')!;
    const q = `{ person(id: "${personId.municipalOnly}") { email } }`;
    expect(
      (await stack.queryAs<{ person: { email: string } }>(v.viewer, q)).body.data?.person?.email,
    ).toBeTruthy();
    const c = await db.admin();
    await c.query(`UPDATE membership.membership SET status = 'LEFT', left_on = $2 WHERE person_id = $1`, [
      personId.municipalOnly,
      addDays(clock.today(), -1),
    ]);
    const after = await stack.queryAs<{ person: { email: string | null } | null }>(v.viewer, q);
    // now a former member: identity and its own records only, contact data denied
    expect(after.body.data?.person?.email ?? null).toBeNull();
    await c.query(`UPDATE membership.membership SET status = 'ACTIVE', left_on = NULL WHERE person_id = $1`, [
      personId.municipalOnly,
    ]);
  });
});
