import { randomUUID } from 'node:crypto';
import { clock, pinClock, resetClock } from '@mamis/platform';
import { insuranceYearOf } from '../src/domain/insurance-rules';
import type { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type GraphQLResponse, type Stack, type TestViewer } from '../../../test/support/stack';
import {
  buildInsuranceEnrolment,
  buildPerson,
  buildMembership,
  buildTermsVersion,
  type PersonRow,
} from '../../../test/support/builders';
import { buildMember, buildTree, insertMembershipEvent } from './support/fixtures';

/**
 * Insurance (医師賠償責任保険) and pension (医師年金) through the gateway over HTTP: who sees which
 * field (design.md: INSURANCE for the physician and member associations of NATIONAL or
 * PREFECTURAL tier, PENSION for the physician and the JMA only), the JMA staff mutations with their
 * eligibility rules, the insurer's list import, and membership events flowing through to
 * insurance by the service's own background consumer.
 */
describe('insurance-pension subgraph through the gateway', () => {
  let db: TestDatabase;
  let admin: Client;
  let stack: Stack;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let jmaStaff: TestViewer;
  let prefStaff: TestViewer;
  let muniStaff: TestViewer;
  let member: PersonRow;

  const PERSON = `query P($id: ID!) { person(id: $id) {
    id familyName
    malpracticeInsurance { insuranceYear category status rider riderCoverageYen }
    pension { plan status contributionStatus }
  } }`;
  interface PersonData {
    person: {
      id: string;
      familyName: string;
      malpracticeInsurance: {
        insuranceYear: number;
        category: string;
        status: string;
        rider: boolean;
        riderCoverageYen: number | null;
      } | null;
      pension: { plan: string; status: string; contributionStatus: string } | null;
    } | null;
  }
  const errorAt = (res: GraphQLResponse<unknown>, field: string) =>
    res.body.errors?.find((e) => e.path?.join('.') === `person.${field}`)?.extensions?.code;
  const firstError = (res: GraphQLResponse<unknown>) => res.body.errors?.[0]?.extensions;

  const ENROLMENT_FIELDS = `id insuranceYear category status enrolledOn endedOn rider riderCoverageYen version
    statusHistory { subject status category coverageYen effectiveOn source reason }`;
  const ENROL = `mutation E($input: EnrolMalpracticeInsuranceInput!) { enrolMalpracticeInsurance(input: $input) { ${ENROLMENT_FIELDS} } }`;
  const CHANGE = `mutation C($input: ChangeMalpracticeInsuranceStatusInput!) { changeMalpracticeInsuranceStatus(input: $input) { ${ENROLMENT_FIELDS} } }`;
  const RIDER = `mutation R($input: SetMalpracticeInsuranceRiderInput!) { setMalpracticeInsuranceRider(input: $input) { ${ENROLMENT_FIELDS} } }`;
  const PENSION_FIELDS = `id plan status contributionStatus enrolledOn withdrawnOn monthlyContributionYen contributionsEndOn version
    history { plan status contributionStatus monthlyContributionYen effectiveOn }`;
  const ENROL_PENSION = `mutation P($input: EnrolPhysicianPensionInput!) { enrolPhysicianPension(input: $input) { ${PENSION_FIELDS} } }`;
  const CHANGE_PENSION = `mutation P($input: ChangePhysicianPensionInput!) { changePhysicianPension(input: $input) { ${PENSION_FIELDS} } }`;
  const IMPORT = `mutation I($input: ImportMalpracticeInsuranceListInput!) { importMalpracticeInsuranceList(input: $input) {
    dryRun applied matched rejected rows { line registryNumber outcome action personId message } } }`;

  interface Enrolment {
    id: string;
    insuranceYear: number;
    category: string;
    status: string;
    enrolledOn: string;
    endedOn: string | null;
    rider: boolean;
    riderCoverageYen: number | null;
    version: number;
    statusHistory: {
      subject: string;
      status: string;
      category: string | null;
      coverageYen: number | null;
      effectiveOn: string;
      source: string;
    }[];
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    tree = await buildTree(admin);
    await buildTermsVersion(admin);
    member = await buildMember(admin, tree, { jmaCategory: 'A①', birthDate: '1975-05-05' });
    await buildInsuranceEnrolment(admin, {
      person_id: member.id,
      insurance_year: 2026,
      rider: true,
      rider_coverage_yen: 100_000_000,
    });
    await admin.query(
      `INSERT INTO insurance_pension.pension_enrolment
         (id, person_id, plan, status, contribution_status, enrolled_on, monthly_contribution_yen, contributions_end_on)
       VALUES ($1, $2, 'BASIC', 'ENROLLED', 'CONTRIBUTING', '2010-04-01', 12000, '2040-05-04')`,
      [randomUUID(), member.id],
    );
    stack = await startStack(db);
    jmaStaff = {
      kind: 'STAFF',
      sub: 'jma-clerk-1',
      associationId: tree.jma.id,
      associationTier: 'NATIONAL',
      role: 'CLERK',
    };
    prefStaff = {
      kind: 'STAFF',
      sub: 'pref-admin-1',
      associationId: tree.pref.id,
      associationTier: 'PREFECTURAL',
      role: 'ADMIN',
    };
    muniStaff = {
      kind: 'STAFF',
      sub: 'muni-admin-1',
      associationId: tree.muni.id,
      associationTier: 'MUNICIPAL',
      role: 'ADMIN',
    };
  });

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  describe('who sees insurance and pension (tiers)', () => {
    it('municipal staff see their own member, but neither insurance nor pension', async () => {
      const res = await stack.queryAs<PersonData>(muniStaff, PERSON, { id: member.id });
      expect(res.body.data?.person).toMatchObject({
        id: member.id,
        familyName: member.family_name,
        malpracticeInsurance: null,
        pension: null,
      });
      expect(errorAt(res, 'malpracticeInsurance')).toBe('FORBIDDEN');
      expect(errorAt(res, 'pension')).toBe('FORBIDDEN');
    });

    it('the prefecture sees insurance but not pension', async () => {
      const res = await stack.queryAs<PersonData>(prefStaff, PERSON, { id: member.id });
      expect(res.body.data?.person?.malpracticeInsurance).toEqual({
        insuranceYear: 2026,
        category: 'A①',
        status: 'ENROLLED',
        rider: true,
        riderCoverageYen: 100_000_000,
      });
      expect(res.body.data?.person?.pension).toBeNull();
      expect(errorAt(res, 'pension')).toBe('FORBIDDEN');
      expect(errorAt(res, 'malpracticeInsurance')).toBeUndefined();
    });

    it('the JMA sees both', async () => {
      const res = await stack.queryAs<PersonData>(jmaStaff, PERSON, { id: member.id });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.person?.malpracticeInsurance).toMatchObject({ insuranceYear: 2026, rider: true });
      expect(res.body.data?.person?.pension).toEqual({
        plan: 'BASIC',
        status: 'ENROLLED',
        contributionStatus: 'CONTRIBUTING',
      });
    });

    it('the physician sees both of their own', async () => {
      const res = await stack.queryAs<PersonData>(
        { kind: 'PHYSICIAN', sub: 'doc', personId: member.id },
        PERSON,
        { id: member.id },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.person?.malpracticeInsurance).not.toBeNull();
      expect(res.body.data?.person?.pension).not.toBeNull();
    });

    it('the JMA does not see a member of the prefecture only (membership is not inherited)', async () => {
      const prefOnly = await buildMember(admin, tree, { tiers: ['muni', 'pref'] });
      await buildInsuranceEnrolment(admin, { person_id: prefOnly.id });
      const res = await stack.queryAs<PersonData>(jmaStaff, PERSON, { id: prefOnly.id });
      expect(res.body.data?.person).toBeNull();
    });
  });

  describe('malpractice insurance mutations (JMA staff)', () => {
    it('enrols an A②(C) member with a rider, and records the history', async () => {
      const p = await buildMember(admin, tree, { jmaCategory: 'A②(C)' });
      const res = await stack.queryAs<{ enrolMalpracticeInsurance: Enrolment }>(jmaStaff, ENROL, {
        input: { personId: p.id, enrolledOn: '2026-07-01', riderCoverageYen: 200_000_000 },
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.enrolMalpracticeInsurance).toMatchObject({
        insuranceYear: 2026,
        category: 'A②(C)',
        status: 'ENROLLED',
        enrolledOn: '2026-07-01',
        rider: true,
        riderCoverageYen: 200_000_000,
        version: 1,
        statusHistory: [
          {
            subject: 'POLICY',
            status: 'ENROLLED',
            category: 'A②(C)',
            coverageYen: null,
            effectiveOn: '2026-07-01',
            source: 'STAFF',
          },
          {
            subject: 'RIDER',
            status: 'ENROLLED',
            category: null,
            coverageYen: 200_000_000,
            effectiveOn: '2026-07-01',
            source: 'STAFF',
          },
        ],
      });
    });

    it('June 30 belongs to the previous insurance year, July 1 starts the next', async () => {
      const p = await buildMember(admin, tree, { jmaCategory: 'A②(B)' });
      const june = await stack.queryAs<{ enrolMalpracticeInsurance: Enrolment }>(jmaStaff, ENROL, {
        input: { personId: p.id, enrolledOn: '2026-06-30' },
      });
      expect(june.body.data?.enrolMalpracticeInsurance.insuranceYear).toBe(2025);
      const july = await stack.queryAs<{ enrolMalpracticeInsurance: Enrolment }>(jmaStaff, ENROL, {
        input: { personId: p.id, enrolledOn: '2026-07-01' },
      });
      expect(july.body.data?.enrolMalpracticeInsurance.insuranceYear).toBe(2026);
      // a second enrolment in the same insurance year is a conflict
      const again = await stack.queryAs(jmaStaff, ENROL, {
        input: { personId: p.id, enrolledOn: '2027-06-30' },
      });
      expect(firstError(again)).toMatchObject({ code: 'CONFLICT', field: 'input.enrolledOn' });
    });

    it.each(['B', 'C'])(
      'refuses JMA category %s with BAD_USER_INPUT that says why, at input.personId',
      async (category) => {
        const p = await buildMember(admin, tree, { jmaCategory: category });
        const res = await stack.queryAs(jmaStaff, ENROL, {
          input: { personId: p.id, enrolledOn: '2026-07-01' },
        });
        expect(firstError(res)).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'input.personId',
          details: { reason: 'CATEGORY_NOT_ELIGIBLE', category },
        });
        expect(res.body.errors?.[0]?.message).toContain(`category ${category} is not eligible`);
        const { rows } = await admin.query(
          'SELECT 1 FROM insurance_pension.insurance_enrolment WHERE person_id = $1',
          [p.id],
        );
        expect(rows).toHaveLength(0);
      },
    );

    it('only JMA editors: the prefecture (which sees insurance) and a JMA viewer may not enrol; a stranger is absent', async () => {
      const p = await buildMember(admin, tree, { jmaCategory: 'A①' });
      const pref = await stack.queryAs(prefStaff, ENROL, {
        input: { personId: p.id, enrolledOn: '2026-07-01' },
      });
      expect(firstError(pref)?.code).toBe('FORBIDDEN');
      const viewer = await stack.queryAs({ ...jmaStaff, role: 'VIEWER' }, ENROL, {
        input: { personId: p.id, enrolledOn: '2026-07-01' },
      });
      expect(firstError(viewer)?.code).toBe('FORBIDDEN');
      const stranger = await buildPerson(admin);
      const absent = await stack.queryAs(jmaStaff, ENROL, {
        input: { personId: stranger.id, enrolledOn: '2026-07-01' },
      });
      expect(firstError(absent)?.code).toBe('NOT_FOUND');
    });

    it('suspends, reinstates and ends; a stale version is a CONFLICT; the history is append-only', async () => {
      const p = await buildMember(admin, tree, { jmaCategory: 'A①' });
      const enrolled = (
        await stack.queryAs<{ enrolMalpracticeInsurance: Enrolment }>(jmaStaff, ENROL, {
          input: { personId: p.id, enrolledOn: '2026-07-01', riderCoverageYen: 100_000_000 },
        })
      ).body.data!.enrolMalpracticeInsurance;
      const change = (input: Record<string, unknown>) =>
        stack.queryAs<{ changeMalpracticeInsuranceStatus: Enrolment }>(jmaStaff, CHANGE, {
          input: { enrolmentId: enrolled.id, ...input },
        });
      const suspended = await change({
        version: 1,
        status: 'SUSPENDED',
        effectiveOn: '2026-09-01',
        reason: '保険料未納',
      });
      expect(suspended.body.data?.changeMalpracticeInsuranceStatus).toMatchObject({
        status: 'SUSPENDED',
        version: 2,
      });
      const stale = await change({ version: 1, status: 'ENROLLED', effectiveOn: '2026-10-01' });
      expect(firstError(stale)).toMatchObject({ code: 'CONFLICT', field: 'version' });
      const outside = await change({ version: 2, status: 'ENROLLED', effectiveOn: '2027-07-01' });
      expect(firstError(outside)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.effectiveOn' });
      expect(
        (await change({ version: 2, status: 'ENROLLED', effectiveOn: '2026-10-01' })).body.data
          ?.changeMalpracticeInsuranceStatus.status,
      ).toBe('ENROLLED');
      const ended = (await change({ version: 3, status: 'ENDED', effectiveOn: '2027-01-31' })).body.data!
        .changeMalpracticeInsuranceStatus;
      expect(ended).toMatchObject({ status: 'ENDED', endedOn: '2027-01-31', rider: false });
      expect(ended.statusHistory.map((h) => `${h.subject}:${h.status}:${h.effectiveOn}`)).toEqual([
        'POLICY:ENROLLED:2026-07-01',
        'RIDER:ENROLLED:2026-07-01',
        'POLICY:SUSPENDED:2026-09-01',
        'POLICY:ENROLLED:2026-10-01',
        'POLICY:ENDED:2027-01-31',
        'RIDER:ENDED:2027-01-31',
      ]);
      const fromEnded = await change({
        version: ended.version,
        status: 'ENROLLED',
        effectiveOn: '2027-02-01',
      });
      expect(firstError(fromEnded)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    });

    it('adds, changes and ends the rider (特約保険) in integer yen', async () => {
      const p = await buildMember(admin, tree, { jmaCategory: 'A②(B)' });
      const e = (
        await stack.queryAs<{ enrolMalpracticeInsurance: Enrolment }>(jmaStaff, ENROL, {
          input: { personId: p.id, enrolledOn: '2026-07-01' },
        })
      ).body.data!.enrolMalpracticeInsurance;
      const rider = (input: Record<string, unknown>) =>
        stack.queryAs<{ setMalpracticeInsuranceRider: Enrolment }>(jmaStaff, RIDER, {
          input: { enrolmentId: e.id, ...input },
        });
      const bad = await rider({ version: 1, coverageYen: -5, effectiveOn: '2026-08-01' });
      expect(firstError(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.coverageYen' });
      expect(
        (await rider({ version: 1, coverageYen: 100_000_000, effectiveOn: '2026-08-01' })).body.data
          ?.setMalpracticeInsuranceRider,
      ).toMatchObject({ rider: true, riderCoverageYen: 100_000_000 });
      expect(
        (await rider({ version: 2, coverageYen: 200_000_000, effectiveOn: '2026-10-01' })).body.data
          ?.setMalpracticeInsuranceRider.riderCoverageYen,
      ).toBe(200_000_000);
      const off = (await rider({ version: 3, coverageYen: null, effectiveOn: '2027-01-01' })).body.data!
        .setMalpracticeInsuranceRider;
      expect(off).toMatchObject({ status: 'ENROLLED', rider: false, riderCoverageYen: null });
      expect(
        off.statusHistory.filter((h) => h.subject === 'RIDER').map((h) => [h.status, h.coverageYen]),
      ).toEqual([
        ['ENROLLED', 100_000_000],
        ['ENROLLED', 200_000_000],
        ['ENDED', null],
      ]);
    });
  });

  describe('insurance status as of a date (insurance year from July 1)', () => {
    const STATUS_ON = `query S($id: ID!, $on: Date) { person(id: $id) {
      malpracticeInsurance { insuranceYear status statusOn onDay: statusOn(date: $on) }
      malpracticeInsuranceOn { insuranceYear }
      onDay: malpracticeInsuranceOn(date: $on) { insuranceYear statusOn(date: $on) }
    } }`;
    interface StatusData {
      person: {
        malpracticeInsurance: { insuranceYear: number; status: string; statusOn: string; onDay: string };
        malpracticeInsuranceOn: { insuranceYear: number } | null;
        onDay: { insuranceYear: number; statusOn: string } | null;
      };
    }
    afterEach(resetClock);

    it('an enrolment for insurance year 2024 is EXPIRED in December 2026, ENROLLED within its year', async () => {
      const p = await buildMember(admin, tree, { jmaCategory: 'A①', birthDate: '1970-01-20' });
      await buildInsuranceEnrolment(admin, {
        person_id: p.id,
        insurance_year: 2024,
        enrolled_on: '2024-07-01',
      });
      pinClock('2026-12-03T10:00:00+09:00');
      const res = await stack.queryAs<StatusData>(jmaStaff, STATUS_ON, { id: p.id, on: '2025-06-30' });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.person).toEqual({
        // the stored status is unchanged; on the platform's today it is over, on 2025-06-30 still in force
        malpracticeInsurance: {
          insuranceYear: 2024,
          status: 'ENROLLED',
          statusOn: 'EXPIRED',
          onDay: 'ENROLLED',
        },
        malpracticeInsuranceOn: null,
        onDay: { insuranceYear: 2024, statusOn: 'ENROLLED' },
      });
      // the day before the first day of cover, and July 1 of the next year
      const before = await stack.queryAs<StatusData>(jmaStaff, STATUS_ON, { id: p.id, on: '2024-06-30' });
      expect(before.body.data!.person.malpracticeInsurance.onDay).toBe('NOT_STARTED');
      const after = await stack.queryAs<StatusData>(jmaStaff, STATUS_ON, { id: p.id, on: '2025-07-01' });
      expect(after.body.data!.person.malpracticeInsurance.onDay).toBe('EXPIRED');
      expect(after.body.data!.person.onDay).toBeNull();
      // with the platform clock shifted back into insurance year 2024, today's status is ENROLLED
      pinClock('2025-03-01T10:00:00+09:00');
      const then = await stack.queryAs<StatusData>(jmaStaff, STATUS_ON, { id: p.id, on: null });
      expect(then.body.data!.person.malpracticeInsurance.statusOn).toBe('ENROLLED');
      expect(then.body.data!.person.malpracticeInsuranceOn).toEqual({ insuranceYear: 2024 });
    });

    it("today's insurance year is ENROLLED today, and a suspension counts from its effective day", async () => {
      const year = insuranceYearOf(clock.today());
      const p = await buildMember(admin, tree, { jmaCategory: 'A①', birthDate: '1971-02-02' });
      const e = await buildInsuranceEnrolment(admin, {
        person_id: p.id,
        insurance_year: year,
        enrolled_on: `${year}-07-01`,
      });
      const res = await stack.queryAs<StatusData>(jmaStaff, STATUS_ON, { id: p.id, on: `${year}-07-01` });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.person.malpracticeInsurance.statusOn).toBe('ENROLLED');
      expect(res.body.data!.person.malpracticeInsuranceOn).toEqual({ insuranceYear: year });
      await admin.query(
        `INSERT INTO insurance_pension.insurance_status_change
           (id, enrolment_id, person_id, subject, status, category, effective_on, source, recorded_by)
         VALUES ($1, $2, $3, 'POLICY', 'SUSPENDED', 'A①', $4, 'STAFF', 'test')`,
        [randomUUID(), e.id, p.id, `${year}-09-01`],
      );
      await admin.query(
        `UPDATE insurance_pension.insurance_enrolment SET status = 'SUSPENDED' WHERE id = $1`,
        [e.id],
      );
      const aug = await stack.queryAs<StatusData>(jmaStaff, STATUS_ON, { id: p.id, on: `${year}-08-31` });
      expect(aug.body.data!.person.malpracticeInsurance.onDay).toBe('ENROLLED');
      const sep = await stack.queryAs<StatusData>(jmaStaff, STATUS_ON, { id: p.id, on: `${year}-09-01` });
      expect(sep.body.data!.person.malpracticeInsurance.onDay).toBe('SUSPENDED');
    });
  });

  describe('physician pension (医師年金)', () => {
    it('64 years 6 months on the exact day: the day before may enrol, the day itself may not', async () => {
      const p = await buildMember(admin, tree, { jmaCategory: 'B', birthDate: '1961-03-15' });
      const input = { personId: p.id, plan: 'BASIC', monthlyContributionYen: 12_000 };
      const tooOld = await stack.queryAs(jmaStaff, ENROL_PENSION, {
        input: { ...input, enrolledOn: '2025-09-15' },
      });
      expect(firstError(tooOld)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.enrolledOn',
        details: { reason: 'TOO_OLD', closesOn: '2025-09-15' },
      });
      // the contribution status is as of today: a day long after the 65th birthday, whatever the run's clock
      pinClock('2026-12-01');
      const ok = await stack
        .queryAs<{
          enrolPhysicianPension: { contributionsEndOn: string; contributionStatus: string };
        }>(jmaStaff, ENROL_PENSION, {
          input: { ...input, enrolledOn: '2025-09-14' },
        })
        .finally(resetClock);
      expect(ok.body.errors).toBeUndefined();
      // contributions until 65: the last day is the day before the 65th birthday (2026-03-15), long past
      expect(ok.body.data?.enrolPhysicianPension).toMatchObject({
        contributionsEndOn: '2026-03-14',
        contributionStatus: 'COMPLETED',
      });
    });

    it('born on a leap day: enrolment closes on August 29 of the 64th year', async () => {
      const p = await buildMember(admin, tree, { jmaCategory: 'A①', birthDate: '1960-02-29' });
      const input = { personId: p.id, plan: 'BASIC', monthlyContributionYen: 12_000 };
      expect(
        firstError(
          await stack.queryAs(jmaStaff, ENROL_PENSION, { input: { ...input, enrolledOn: '2024-08-29' } }),
        )?.code,
      ).toBe('BAD_USER_INPUT');
      const ok = await stack.queryAs<{ enrolPhysicianPension: { contributionsEndOn: string } }>(
        jmaStaff,
        ENROL_PENSION,
        { input: { ...input, enrolledOn: '2024-08-28' } },
      );
      expect(ok.body.data?.enrolPhysicianPension.contributionsEndOn).toBe('2025-02-28');
    });

    it('only JMA members; only JMA staff; suspend, change plan and withdraw with history', async () => {
      const nonMember = await buildMember(admin, tree, { jmaCategory: null });
      const refused = await stack.queryAs(jmaStaff, ENROL_PENSION, {
        input: {
          personId: nonMember.id,
          plan: 'BASIC',
          monthlyContributionYen: 12_000,
          enrolledOn: '2026-01-01',
        },
      });
      expect(firstError(refused)?.code).toBe('NOT_FOUND'); // not a JMA member: invisible to the JMA
      const p = await buildMember(admin, tree, { jmaCategory: 'A①', birthDate: '1985-06-30' });
      const byPref = await stack.queryAs(prefStaff, ENROL_PENSION, {
        input: { personId: p.id, plan: 'BASIC', monthlyContributionYen: 12_000, enrolledOn: '2026-01-01' },
      });
      expect(firstError(byPref)?.code).toBe('FORBIDDEN');
      const created = (
        await stack.queryAs<{
          enrolPhysicianPension: { id: string; contributionStatus: string; contributionsEndOn: string };
        }>(jmaStaff, ENROL_PENSION, {
          input: { personId: p.id, plan: 'BASIC', monthlyContributionYen: 12_000, enrolledOn: '2026-01-01' },
        })
      ).body.data!.enrolPhysicianPension;
      expect(created).toMatchObject({ contributionStatus: 'CONTRIBUTING', contributionsEndOn: '2050-06-29' });
      const twice = await stack.queryAs(jmaStaff, ENROL_PENSION, {
        input: { personId: p.id, plan: 'BASIC', monthlyContributionYen: 12_000, enrolledOn: '2026-02-01' },
      });
      expect(firstError(twice)?.code).toBe('CONFLICT');
      const change = (input: Record<string, unknown>) =>
        stack.queryAs<{
          changePhysicianPension: {
            status: string;
            contributionStatus: string;
            plan: string;
            version: number;
            history: { status: string; contributionStatus: string; plan: string }[];
          };
        }>(jmaStaff, CHANGE_PENSION, { input: { pensionId: created.id, ...input } });
      expect(
        (await change({ version: 1, effectiveOn: '2026-04-01', contributionStatus: 'SUSPENDED' })).body.data
          ?.changePhysicianPension.contributionStatus,
      ).toBe('SUSPENDED');
      expect(
        (
          await change({
            version: 2,
            effectiveOn: '2026-05-01',
            plan: 'BASIC_AND_ADDITIONAL',
            monthlyContributionYen: 30_000,
            contributionStatus: 'CONTRIBUTING',
          })
        ).body.data?.changePhysicianPension,
      ).toMatchObject({ plan: 'BASIC_AND_ADDITIONAL', contributionStatus: 'CONTRIBUTING' });
      const withdrawn = (await change({ version: 3, effectiveOn: '2026-06-01', withdraw: true })).body.data!
        .changePhysicianPension;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', contributionStatus: 'STOPPED' });
      expect(withdrawn.history.map((h) => `${h.plan}:${h.status}:${h.contributionStatus}`)).toEqual([
        'BASIC:ENROLLED:CONTRIBUTING',
        'BASIC:ENROLLED:SUSPENDED',
        'BASIC_AND_ADDITIONAL:ENROLLED:CONTRIBUTING',
        'BASIC_AND_ADDITIONAL:WITHDRAWN:STOPPED',
      ]);
      // the prefecture sees the member's insurance, never the pension
      const seen = await stack.queryAs<PersonData>(prefStaff, PERSON, { id: p.id });
      expect(errorAt(seen, 'pension')).toBe('FORBIDDEN');
    });
  });

  describe("the insurer's enrolment list (CSV import)", () => {
    it('dry run reports every row and writes nothing; the real run applies the good rows', async () => {
      const fresh = await buildMember(admin, tree, { jmaCategory: 'A②(B)' });
      const riderChange = await buildMember(admin, tree, { jmaCategory: 'A①' });
      await buildInsuranceEnrolment(admin, { person_id: riderChange.id, insurance_year: 2026 });
      const uninsured = await buildMember(admin, tree, { jmaCategory: 'B' });
      const csv = [
        'registry_number,insurance_year,enrolled_on,rider_coverage_yen',
        `${fresh.registry_number},2026,2026-07-01,`,
        `${riderChange.registry_number},2026,2026-07-01,100000000`,
        '99999999,2026,2026-07-01,',
        `${uninsured.registry_number},2026,2026-07-01,`,
        `${fresh.registry_number},2026,2026-08-01,`,
        `${fresh.registry_number},2026,2026-13-01,`,
        `${fresh.registry_number},2026,2026-06-30,`,
        'only,two',
      ].join('\n');
      const run = (dryRun: boolean, viewer = jmaStaff, associationId = tree.jma.id) =>
        stack.queryAs<{
          importMalpracticeInsuranceList: {
            dryRun: boolean;
            applied: boolean;
            matched: number;
            rejected: number;
            rows: { line: number; outcome: string; action: string | null; personId: string | null }[];
          };
        }>(viewer, IMPORT, { input: { associationId, csv, dryRun } });
      const dry = await run(true);
      expect(dry.body.errors).toBeUndefined();
      const expectedRows = [
        { line: 2, outcome: 'MATCHED', action: 'CREATE', personId: fresh.id },
        { line: 3, outcome: 'MATCHED', action: 'UPDATE', personId: riderChange.id },
        { line: 4, outcome: 'UNKNOWN_REGISTRY_NUMBER', action: null, personId: null },
        { line: 5, outcome: 'INELIGIBLE_CATEGORY', action: null, personId: null },
        { line: 6, outcome: 'DUPLICATE', action: null, personId: null },
        { line: 7, outcome: 'MALFORMED', action: null, personId: null },
        { line: 8, outcome: 'MALFORMED', action: null, personId: null },
        { line: 9, outcome: 'MALFORMED', action: null, personId: null },
      ];
      expect(dry.body.data?.importMalpracticeInsuranceList).toMatchObject({
        dryRun: true,
        applied: false,
        matched: 2,
        rejected: 6,
        rows: expectedRows.map((r) => expect.objectContaining(r)),
      });
      const count = async () =>
        (
          await admin.query(
            `SELECT count(*)::int AS n FROM insurance_pension.insurance_enrolment WHERE person_id = ANY($1)`,
            [[fresh.id, riderChange.id]],
          )
        ).rows[0].n as number;
      expect(await count()).toBe(1);
      const rider = async () =>
        (
          await admin.query(
            `SELECT rider_coverage_yen FROM insurance_pension.insurance_enrolment WHERE person_id = $1`,
            [riderChange.id],
          )
        ).rows[0].rider_coverage_yen as number | null;
      expect(await rider()).toBeNull();

      const real = await run(false);
      expect(real.body.data?.importMalpracticeInsuranceList).toMatchObject({
        dryRun: false,
        applied: true,
        matched: 2,
      });
      expect(await count()).toBe(2);
      expect(await rider()).toBe(100_000_000);
      // the same list again: nothing to change
      const again = await run(false);
      expect(again.body.data?.importMalpracticeInsuranceList.rows.slice(0, 2).map((r) => r.action)).toEqual([
        'UNCHANGED',
        'UNCHANGED',
      ]);
      const sources = await admin.query(
        `SELECT source FROM insurance_pension.insurance_status_change WHERE person_id = $1`,
        [fresh.id],
      );
      expect(sources.rows).toEqual([{ source: 'IMPORT' }]);

      // only the JMA's own staff
      expect(firstError(await run(true, prefStaff, tree.pref.id))?.code).toBe('FORBIDDEN');
      expect(firstError(await run(true, jmaStaff, tree.pref.id))?.code).toBe('FORBIDDEN');
    });

    it('a file without the header is refused at input.csv', async () => {
      const res = await stack.queryAs(jmaStaff, IMPORT, {
        input: { associationId: tree.jma.id, csv: '1,2026,2026-07-01,', dryRun: true },
      });
      expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.csv' });
    });
  });

  it('a JMA category change B → A②(B) reaches the insurance through the running service', async () => {
    const today = clock.today();
    const p = await buildMember(admin, tree, { jmaCategory: 'B' });
    await admin.query(
      `UPDATE membership.membership SET category = 'A②(B)' WHERE person_id = $1 AND association_id = $2`,
      [p.id, tree.jma.id],
    );
    await insertMembershipEvent(admin, {
      personId: p.id,
      associationId: tree.jma.id,
      kind: 'CATEGORY_CHANGE',
      category: 'A②(B)',
      previousCategory: 'B',
      effectiveOn: today,
    });
    // the service's own consumer loop (INSURANCE_EVENT_POLL_MS) picks it up
    let insurance: PersonData['person'] extends infer P
      ? P extends { malpracticeInsurance: infer I }
        ? I
        : never
      : never = null;
    for (let i = 0; i < 60 && !insurance; i++) {
      await new Promise((r) => setTimeout(r, 250));
      insurance =
        (await stack.queryAs<PersonData>(jmaStaff, PERSON, { id: p.id })).body.data?.person
          ?.malpracticeInsurance ?? null;
    }
    expect(insurance).toEqual({
      insuranceYear: insuranceYearOf(today),
      category: 'A②(B)',
      status: 'ENROLLED',
      rider: false,
      riderCoverageYen: null,
    });
  });

  it('ends the enrolment when the member leaves the JMA (through the running service)', async () => {
    const p = await buildMember(admin, tree, { jmaCategory: 'A①' });
    await buildInsuranceEnrolment(admin, { person_id: p.id, insurance_year: 2026 });
    await buildMembership(admin, {
      person_id: p.id,
      association_id: tree.jma.id,
      status: 'LEFT',
      left_on: '2026-12-31',
    }).catch(() => undefined);
    await insertMembershipEvent(admin, {
      personId: p.id,
      associationId: tree.jma.id,
      kind: 'LEAVE',
      category: 'A①',
      effectiveOn: '2026-12-31',
    });
    let status: string | undefined;
    for (let i = 0; i < 60 && status !== 'ENDED'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const { rows } = await admin.query(
        `SELECT status FROM insurance_pension.insurance_enrolment WHERE person_id = $1`,
        [p.id],
      );
      status = rows[0]?.status as string | undefined;
    }
    expect(status).toBe('ENDED');
  });
});
