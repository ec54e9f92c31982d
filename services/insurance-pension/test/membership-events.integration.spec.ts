import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { clock, runAsSystem } from '@mamis/platform';
import { insuranceYearOf } from '../src/domain/insurance-rules';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildAssociation, buildInsuranceEnrolment, type PersonRow } from '../../../test/support/builders';
import { makeDataSource } from '../src/data-source';
import { createServices, type InsurancePensionServices } from '../src/services';
import { buildMember, buildTree, insertMembershipEvent } from './support/fixtures';

/**
 * The membership event consumer against a real PostgreSQL: events are appended to the membership
 * service's log (membership.membership_event, read through access.membership_event_v1) and the
 * consumer runs as the insurance-pension role, exactly as in the service.
 */
/** Events enrol in the current insurance year (never one that is over): dates relative to today. */
const TODAY = clock.today();
const YEAR = insuranceYearOf(TODAY);

describe('insurance follows JMA membership events (consumer, real PostgreSQL)', () => {
  let db: TestDatabase;
  let admin: Client;
  let ds: DataSource;
  let tree: Awaited<ReturnType<typeof buildTree>>;

  const services = (opts: Parameters<typeof createServices>[1] = {}): InsurancePensionServices =>
    createServices(ds, opts);

  interface EnrolmentRow {
    insurance_year: number;
    category: string;
    status: string;
    enrolled_on: string;
    ended_on: string | null;
    rider: boolean;
  }
  const enrolments = async (personId: string) =>
    (
      await admin.query<EnrolmentRow>(
        `SELECT insurance_year, category, status, to_char(enrolled_on, 'YYYY-MM-DD') AS enrolled_on,
                to_char(ended_on, 'YYYY-MM-DD') AS ended_on, rider
         FROM insurance_pension.insurance_enrolment WHERE person_id = $1 ORDER BY insurance_year`,
        [personId],
      )
    ).rows;
  const history = async (personId: string) =>
    (
      await admin.query<{
        subject: string;
        status: string;
        category: string | null;
        source: string;
        event_id: string | null;
      }>(
        `SELECT subject, status, category, source, event_id::text AS event_id
         FROM insurance_pension.insurance_status_change WHERE person_id = $1 ORDER BY recorded_at, subject`,
        [personId],
      )
    ).rows;
  const resetCheckpoint = () =>
    admin.query(`UPDATE insurance_pension.membership_event_checkpoint SET last_seq = 0`);

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    tree = await buildTree(admin);
    ds = makeDataSource(db.urlFor('insurance_pension')).dataSource;
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db.drop();
  });

  beforeEach(async () => {
    // every test starts with the log read to its end
    await services().consumer.runUntilIdle();
  });

  it('B → A②(B): enrols from the effective date, exactly once even when the event is delivered twice', async () => {
    const p = await buildMember(admin, tree, { jmaCategory: 'B' });
    const ev = await insertMembershipEvent(admin, {
      personId: p.id,
      associationId: tree.jma.id,
      kind: 'CATEGORY_CHANGE',
      category: 'A②(B)',
      previousCategory: 'B',
      effectiveOn: TODAY,
    });
    const first = await services().consumer.runUntilIdle();
    expect(first.applied).toBe(1);
    expect(await enrolments(p.id)).toEqual([
      {
        insurance_year: YEAR,
        category: 'A②(B)',
        status: 'ENROLLED',
        enrolled_on: TODAY,
        ended_on: null,
        rider: false,
      },
    ]);
    // delivered again (the checkpoint is lost and the log is read from the start)
    await resetCheckpoint();
    const again = await services().consumer.runUntilIdle();
    expect(again.applied).toBe(0);
    expect(again.duplicates).toBeGreaterThanOrEqual(1);
    expect(await enrolments(p.id)).toHaveLength(1);
    expect(await history(p.id)).toEqual([
      { subject: 'POLICY', status: 'ENROLLED', category: 'A②(B)', source: 'MEMBERSHIP', event_id: ev.id },
    ]);
  });

  it('A②(B) → B: ends the open enrolment on the effective date, rider included', async () => {
    const p = await buildMember(admin, tree, { jmaCategory: 'A②(B)' });
    await buildInsuranceEnrolment(admin, {
      person_id: p.id,
      insurance_year: 2026,
      category: 'A②(B)',
      rider: true,
      rider_coverage_yen: 100_000_000,
    });
    await insertMembershipEvent(admin, {
      personId: p.id,
      associationId: tree.jma.id,
      kind: 'CATEGORY_CHANGE',
      category: 'B',
      previousCategory: 'A②(B)',
      effectiveOn: '2026-11-01',
    });
    await services().consumer.runUntilIdle();
    expect(await enrolments(p.id)).toEqual([
      expect.objectContaining({
        insurance_year: 2026,
        status: 'ENDED',
        ended_on: '2026-11-01',
        rider: false,
      }),
    ]);
    expect((await history(p.id)).map((h) => `${h.subject}:${h.status}`).sort()).toEqual([
      'POLICY:ENDED',
      'RIDER:ENDED',
    ]);
  });

  it.each(['LEAVE', 'DEATH', 'TRANSFER_OUT'] as const)(
    'membership end (%s of the JMA) ends the insurance exactly once',
    async (kind) => {
      const p = await buildMember(admin, tree, { jmaCategory: 'A①' });
      await buildInsuranceEnrolment(admin, { person_id: p.id, insurance_year: 2026 });
      // the next insurance year was already arranged: it ends too
      await buildInsuranceEnrolment(admin, {
        person_id: p.id,
        insurance_year: 2027,
        enrolled_on: '2027-07-01',
      });
      await insertMembershipEvent(admin, {
        personId: p.id,
        associationId: tree.jma.id,
        kind,
        category: 'A①',
        effectiveOn: '2027-03-31',
      });
      await services().consumer.runUntilIdle();
      await resetCheckpoint();
      await services().consumer.runUntilIdle();
      expect(await enrolments(p.id)).toEqual([
        expect.objectContaining({ insurance_year: 2026, status: 'ENDED', ended_on: '2027-03-31' }),
        expect.objectContaining({ insurance_year: 2027, status: 'ENDED', ended_on: '2027-07-01' }),
      ]);
      expect(await history(p.id)).toEqual([
        expect.objectContaining({ subject: 'POLICY', status: 'ENDED', source: 'MEMBERSHIP' }),
        expect.objectContaining({ subject: 'POLICY', status: 'ENDED', source: 'MEMBERSHIP' }),
      ]);
    },
  );

  it('a change between insured categories keeps the enrolment and records the new category', async () => {
    const p = await buildMember(admin, tree, { jmaCategory: 'A②(C)' });
    await buildInsuranceEnrolment(admin, { person_id: p.id, insurance_year: 2026, category: 'A②(C)' });
    await insertMembershipEvent(admin, {
      personId: p.id,
      associationId: tree.jma.id,
      kind: 'CATEGORY_CHANGE',
      category: 'A②(B)',
      previousCategory: 'A②(C)',
      effectiveOn: '2027-04-01',
    });
    await services().consumer.runUntilIdle();
    expect(await enrolments(p.id)).toEqual([
      expect.objectContaining({ status: 'ENROLLED', category: 'A②(B)' }),
    ]);
    expect(await history(p.id)).toEqual([expect.objectContaining({ status: 'ENROLLED', category: 'A②(B)' })]);
  });

  it('ignores events of other tiers (leaving the municipal association) but reads past them', async () => {
    const p = await buildMember(admin, tree, { jmaCategory: 'A①' });
    await buildInsuranceEnrolment(admin, { person_id: p.id, insurance_year: 2026 });
    await insertMembershipEvent(admin, {
      personId: p.id,
      associationId: tree.muni.id,
      kind: 'LEAVE',
      category: 'A',
      effectiveOn: '2026-09-01',
    });
    const r = await services().consumer.runBatch();
    expect(r.applied).toBe(0);
    expect(r.read).toBe(1);
    expect(await enrolments(p.id)).toEqual([expect.objectContaining({ status: 'ENROLLED' })]);
  });

  it('a crash between batches and mid-batch: after a restart every event is applied exactly once', async () => {
    const persons: PersonRow[] = [];
    for (let i = 0; i < 5; i++) persons.push(await buildMember(admin, tree, { jmaCategory: 'B' }));
    for (const p of persons)
      await insertMembershipEvent(admin, {
        personId: p.id,
        associationId: tree.jma.id,
        kind: 'CATEGORY_CHANGE',
        category: 'A②(B)',
        previousCategory: 'B',
        effectiveOn: TODAY,
      });
    // batch 1 (events 1–2) commits; batch 2 crashes after applying its first event
    let applied = 0;
    const crashing = services({
      batchSize: 2,
      afterApply: () => {
        applied++;
        if (applied === 3) throw new Error('simulated crash');
      },
    });
    await expect(crashing.consumer.runUntilIdle()).rejects.toThrow('simulated crash');
    const enrolled = async () => await Promise.all(persons.map(async (p) => (await enrolments(p.id)).length));
    expect(await enrolled()).toEqual([1, 1, 0, 0, 0]);
    // a new process: reads on from the committed checkpoint
    const restarted = services({ batchSize: 2 });
    const r = await restarted.consumer.runUntilIdle();
    expect(r.applied).toBe(3);
    expect(await enrolled()).toEqual([1, 1, 1, 1, 1]);
    // and once more from the start: nothing applied twice
    await resetCheckpoint();
    expect((await services({ batchSize: 2 }).consumer.runUntilIdle()).applied).toBe(0);
    for (const p of persons) expect(await history(p.id)).toHaveLength(1);
  });

  it('waits at a recent gap in seq (an uncommitted event) and passes an old one', async () => {
    const p = await buildMember(admin, tree, { jmaCategory: 'B' });
    const { rows } = await admin.query<{ seq: string }>(
      `SELECT coalesce(max(seq), 0)::text AS seq FROM membership.membership_event`,
    );
    const gapSeq = Number(rows[0]!.seq) + 2; // seq + 1 is "still in flight"
    await insertMembershipEvent(admin, {
      personId: p.id,
      associationId: tree.jma.id,
      kind: 'CATEGORY_CHANGE',
      category: 'A②(B)',
      previousCategory: 'B',
      effectiveOn: TODAY,
      seq: gapSeq,
    });
    const waiting = await services().consumer.runBatch();
    expect(waiting.waitingForGap).toBe(true);
    expect(await enrolments(p.id)).toHaveLength(0);
    const later = services({ now: () => new Date(Date.now() + 120_000) });
    const r = await later.consumer.runBatch();
    expect(r.applied).toBe(1);
    expect(await enrolments(p.id)).toHaveLength(1);
    // keep the sequence ahead of the explicit seq for the other tests
    await admin.query(`SELECT setval(pg_get_serial_sequence('membership.membership_event', 'seq'), $1)`, [
      gapSeq,
    ]);
  });

  it('does not enrol after the fact for an insurance year that is over (a late or replayed event)', async () => {
    const p = await buildMember(admin, tree, { jmaCategory: 'A①' });
    const ev = await insertMembershipEvent(admin, {
      personId: p.id,
      associationId: tree.jma.id,
      kind: 'JOIN',
      category: 'A①',
      effectiveOn: `${YEAR - 1}-06-30`,
    });
    expect((await services().consumer.runUntilIdle()).applied).toBe(1);
    expect(await enrolments(p.id)).toEqual([]);
    const { rows } = await admin.query(
      'SELECT outcome FROM insurance_pension.processed_membership_event WHERE event_id = $1',
      [ev.id],
    );
    expect(rows).toEqual([{ outcome: 'PAST_YEAR' }]);
  });

  it('an event of another (non-JMA) association changes nothing, even run as the system', async () => {
    const other = await buildAssociation(admin, { tier: 'PREFECTURAL' });
    const p = await buildMember(admin, tree, { jmaCategory: 'A①' });
    await insertMembershipEvent(admin, {
      personId: p.id,
      associationId: other.id,
      kind: 'JOIN',
      category: 'A',
      effectiveOn: '2026-09-01',
    });
    const r = await runAsSystem(() => services().consumer.runUntilIdle());
    expect(r.applied).toBe(0);
    expect(await enrolments(p.id)).toHaveLength(0);
  });
});
