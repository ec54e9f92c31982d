import type { EntityManager } from 'typeorm';
import { actorOf, badInput, conflict, Messages, notFound } from '@mamis/platform';
import type { InsurancePensionWriteContext } from '../context';
import {
  insuranceIneligibility,
  insuranceIneligibilityMessage,
  insuranceYearOf,
  insuranceYearStart,
  insuranceYearEnd,
  mayChangeStatus,
  type InsuranceStatus,
} from '../domain/insurance-rules';
import type { InsuranceChangeSource, InsuranceEnrolmentEntity } from '../entities';
import type { Repositories } from '../repositories';
import { requireId } from '../validation/write-input.validator';

export type EnrolAction = 'CREATE' | 'UPDATE' | 'UNCHANGED';

/** Who and what caused a change (for the status history). */
export interface ChangeOrigin {
  source: InsuranceChangeSource;
  recordedBy: string;
  reason?: string | null;
  eventId?: string | null;
}

const MAX_COVERAGE_YEN = 2_000_000_000;

/** A rider coverage must be a positive integer amount of yen (GraphQL Int is 32-bit already). */
export function checkCoverage(field: string, coverageYen: number | null | undefined): void {
  if (coverageYen == null) return;
  if (!Number.isInteger(coverageYen) || coverageYen <= 0 || coverageYen > MAX_COVERAGE_YEN)
    throw badInput(field, Messages.RIDER_COVERAGE_YEN);
}

export interface EnrolByStaffInput {
  personId: string;
  enrolledOn: string;
  riderCoverageYen?: number | null;
  reason?: string | null;
}

export interface ChangeStatusInput {
  enrolmentId: string;
  version: number;
  status: InsuranceStatus;
  effectiveOn: string;
  reason?: string | null;
}

export interface SetRiderInput {
  enrolmentId: string;
  version: number;
  coverageYen?: number | null;
  effectiveOn: string;
  reason?: string | null;
}

/**
 * Malpractice insurance (医師賠償責任保険) enrolment changes. The staff writes (`enrolByStaff`,
 * `changeStatus`, `setRider`) validate the ids, ask the access policy (MANAGE_INSURANCE), write
 * in one transaction and answer the enrolment as written. Every method that takes a manager runs
 * inside the caller's transaction (a staff mutation, the import, or a membership event) and
 * appends to the status history in it.
 */
export class InsuranceService {
  constructor(private readonly repos: Repositories) {}

  /** JMA staff: enrol an eligible person for the insurance year of `enrolledOn`. */
  async enrolByStaff(ctx: InsurancePensionWriteContext, input: EnrolByStaffInput) {
    requireId('input.personId', input.personId);
    await ctx.access.authorizeWrite(input.personId, 'MANAGE_INSURANCE');
    const id = await this.enrolEligible({ ...input, recordedBy: actorOf(ctx.viewer) });
    return this.written(id);
  }

  /** JMA staff: suspend, reinstate or end an enrolment. */
  async changeStatus(ctx: InsurancePensionWriteContext, input: ChangeStatusInput) {
    const enrolment = await this.authorizedEnrolment(ctx, input.enrolmentId);
    await this.applyStatus(enrolment, { ...input, recordedBy: actorOf(ctx.viewer) });
    return this.written(enrolment.id);
  }

  /** JMA staff: add, change or end the rider of an ENROLLED policy. */
  async setRider(ctx: InsurancePensionWriteContext, input: SetRiderInput) {
    const enrolment = await this.authorizedEnrolment(ctx, input.enrolmentId);
    await this.applyRider(enrolment, {
      ...input,
      coverageYen: input.coverageYen ?? null,
      recordedBy: actorOf(ctx.viewer),
    });
    return this.written(enrolment.id);
  }

  /**
   * The enrolment a staff change is about: its id checked, read, then the write rule for its person
   * (an enrolment of a person the viewer has no relation to answers as a missing one does).
   */
  private async authorizedEnrolment(ctx: InsurancePensionWriteContext, enrolmentId: string) {
    requireId('input.enrolmentId', enrolmentId);
    const enrolment = await this.repos.enrolments.byId(enrolmentId);
    if (!enrolment) throw notFound(Messages.ENROLMENT_NOT_FOUND);
    await ctx.access.authorizeWrite(enrolment.personId, 'MANAGE_INSURANCE');
    return enrolment;
  }

  /** The record a staff write just made, read back (the schema's answer is non-null). */
  private async written(id: string): Promise<InsuranceEnrolmentEntity> {
    const enrolment = await this.repos.enrolments.byId(id);
    if (!enrolment) throw notFound(Messages.ENROLMENT_NOT_FOUND);
    return enrolment;
  }

  private async enrolEligible(input: EnrolByStaffInput & { recordedBy: string }): Promise<string> {
    checkCoverage('input.riderCoverageYen', input.riderCoverageYen);
    return this.repos.dataSource.transaction(async (manager) => {
      const standing = (await this.repos.standing.byPersonIds([input.personId], manager)).get(input.personId);
      const why = insuranceIneligibility(standing);
      if (why)
        throw badInput('input.personId', insuranceIneligibilityMessage(why, standing?.category ?? null), {
          reason: why,
          category: standing?.category ?? null,
          eligibleCategories: ['A①', 'A②(B)', 'A②(C)'],
        });
      const existing = await this.repos.enrolments.forYear(
        manager,
        input.personId,
        insuranceYearOf(input.enrolledOn),
      );
      if (existing && existing.status !== 'ENDED')
        throw conflict(
          Messages.INSURANCE_ALREADY_ENROLLED({ insuranceYear: existing.insuranceYear }),
          'input.enrolledOn',
        );
      const { id } = await this.enrolIn(manager, {
        personId: input.personId,
        category: standing!.category!,
        enrolledOn: input.enrolledOn,
        riderCoverageYen: input.riderCoverageYen ?? null,
        origin: { source: 'STAFF', recordedBy: input.recordedBy, reason: input.reason },
      });
      return id;
    });
  }

  /**
   * Enrol (or re-enrol an ENDED enrolment of) the insurance year of `enrolledOn`; an open one is
   * left as it is except for the rider when `riderCoverageYen` is given as a number or null.
   * The caller has checked eligibility.
   */
  async enrolIn(
    manager: EntityManager,
    e: {
      personId: string;
      category: string;
      enrolledOn: string;
      /** undefined: leave the rider of an open enrolment as it is. */
      riderCoverageYen?: number | null;
      origin: ChangeOrigin;
    },
  ): Promise<{ id: string; action: EnrolAction }> {
    const year = insuranceYearOf(e.enrolledOn);
    const existing = await this.repos.enrolments.forYear(manager, e.personId, year);
    const log = (id: string, status: InsuranceStatus) =>
      this.repos.enrolments.appendChange(manager, {
        enrolmentId: id,
        personId: e.personId,
        subject: 'POLICY',
        status,
        category: e.category,
        effectiveOn: e.enrolledOn,
        ...e.origin,
      });
    const logRider = (id: string, coverage: number | null, effectiveOn: string) =>
      this.repos.enrolments.appendChange(manager, {
        enrolmentId: id,
        personId: e.personId,
        subject: 'RIDER',
        status: coverage == null ? 'ENDED' : 'ENROLLED',
        coverageYen: coverage,
        effectiveOn,
        ...e.origin,
      });
    if (!existing) {
      const id = await this.repos.enrolments.insert(manager, {
        personId: e.personId,
        insuranceYear: year,
        category: e.category,
        enrolledOn: e.enrolledOn,
        riderCoverageYen: e.riderCoverageYen ?? null,
      });
      await log(id, 'ENROLLED');
      if (e.riderCoverageYen != null) await logRider(id, e.riderCoverageYen, e.enrolledOn);
      return { id, action: 'CREATE' };
    }
    if (existing.status === 'ENDED') {
      const coverage = e.riderCoverageYen ?? null;
      await this.repos.enrolments.update(manager, existing.id, existing.version, {
        status: 'ENROLLED',
        category: e.category,
        enrolled_on: e.enrolledOn,
        ended_on: null,
        rider: coverage != null,
        rider_coverage_yen: coverage,
      });
      await log(existing.id, 'ENROLLED');
      if (coverage != null) await logRider(existing.id, coverage, e.enrolledOn);
      return { id: existing.id, action: 'UPDATE' };
    }
    const riderChanged =
      e.riderCoverageYen !== undefined &&
      (e.riderCoverageYen ?? null) !== (existing.rider ? existing.riderCoverageYen : null);
    if (!riderChanged) return { id: existing.id, action: 'UNCHANGED' };
    const coverage = e.riderCoverageYen ?? null;
    await this.repos.enrolments.update(manager, existing.id, existing.version, {
      rider: coverage != null,
      rider_coverage_yen: coverage,
    });
    await logRider(existing.id, coverage, e.enrolledOn);
    return { id: existing.id, action: 'UPDATE' };
  }

  /** End every open enrolment from the insurance year of `effectiveOn` on (and its rider). */
  async endOpen(
    manager: EntityManager,
    personId: string,
    effectiveOn: string,
    origin: ChangeOrigin,
  ): Promise<number> {
    const open = await this.repos.enrolments.openFrom(manager, personId, insuranceYearOf(effectiveOn));
    for (const e of open) await this.end(manager, e, effectiveOn, origin);
    return open.length;
  }

  private async end(
    manager: EntityManager,
    e: InsuranceEnrolmentEntity,
    effectiveOn: string,
    origin: ChangeOrigin,
  ) {
    const endedOn = effectiveOn < e.enrolledOn ? e.enrolledOn : effectiveOn;
    await this.repos.enrolments.update(manager, e.id, e.version, {
      status: 'ENDED',
      ended_on: endedOn,
      rider: false,
    });
    await this.repos.enrolments.appendChange(manager, {
      enrolmentId: e.id,
      personId: e.personId,
      subject: 'POLICY',
      status: 'ENDED',
      category: e.category,
      effectiveOn: endedOn,
      ...origin,
    });
    if (e.rider)
      await this.repos.enrolments.appendChange(manager, {
        enrolmentId: e.id,
        personId: e.personId,
        subject: 'RIDER',
        status: 'ENDED',
        coverageYen: null,
        effectiveOn: endedOn,
        ...origin,
      });
  }

  /** A new (insured) category on the open enrolments from the year of `effectiveOn` on. */
  async recategorise(
    manager: EntityManager,
    personId: string,
    category: string,
    effectiveOn: string,
    origin: ChangeOrigin,
  ): Promise<number> {
    const open = await this.repos.enrolments.openFrom(manager, personId, insuranceYearOf(effectiveOn));
    let changed = 0;
    for (const e of open) {
      if (e.category === category) continue;
      await this.repos.enrolments.update(manager, e.id, e.version, { category });
      await this.repos.enrolments.appendChange(manager, {
        enrolmentId: e.id,
        personId,
        subject: 'POLICY',
        status: e.status,
        category,
        effectiveOn,
        ...origin,
      });
      changed++;
    }
    return changed;
  }

  /** Suspend, reinstate or end (the caller has authorised the write). */
  private async applyStatus(
    enrolment: InsuranceEnrolmentEntity,
    input: {
      version: number;
      status: InsuranceStatus;
      effectiveOn: string;
      reason?: string | null;
      recordedBy: string;
    },
  ): Promise<void> {
    if (!mayChangeStatus(enrolment.status, input.status))
      throw badInput(
        'input.status',
        Messages.INSURANCE_STATUS_TRANSITION({ from: enrolment.status, to: input.status }),
      );
    checkWithinYear('input.effectiveOn', enrolment, input.effectiveOn);
    await this.repos.dataSource.transaction(async (manager) => {
      const origin: ChangeOrigin = { source: 'STAFF', recordedBy: input.recordedBy, reason: input.reason };
      if (input.status === 'ENDED') {
        const current = await this.repos.enrolments.byId(enrolment.id, manager);
        if (!current || current.version !== input.version) throw conflict(Messages.STALE_VERSION, 'version');
        await this.end(manager, current, input.effectiveOn, origin);
        return;
      }
      if (input.status === 'ENROLLED') {
        // reinstating: the person must still be in an insured category
        const standing = (await this.repos.standing.byPersonIds([enrolment.personId], manager)).get(
          enrolment.personId,
        );
        const why = insuranceIneligibility(standing);
        if (why)
          throw badInput('input.status', insuranceIneligibilityMessage(why, standing?.category ?? null));
      }
      await this.repos.enrolments.update(manager, enrolment.id, input.version, { status: input.status });
      await this.repos.enrolments.appendChange(manager, {
        enrolmentId: enrolment.id,
        personId: enrolment.personId,
        subject: 'POLICY',
        status: input.status,
        category: enrolment.category,
        effectiveOn: input.effectiveOn,
        ...origin,
      });
    });
  }

  /** Add, change or end the rider (the caller has authorised the write). */
  private async applyRider(
    enrolment: InsuranceEnrolmentEntity,
    input: {
      version: number;
      coverageYen: number | null;
      effectiveOn: string;
      reason?: string | null;
      recordedBy: string;
    },
  ): Promise<void> {
    checkCoverage('input.coverageYen', input.coverageYen);
    if (enrolment.status !== 'ENROLLED') throw badInput('input.enrolmentId', Messages.RIDER_ENROLLED_ONLY);
    checkWithinYear('input.effectiveOn', enrolment, input.effectiveOn);
    await this.repos.dataSource.transaction(async (manager) => {
      await this.repos.enrolments.update(manager, enrolment.id, input.version, {
        rider: input.coverageYen != null,
        rider_coverage_yen: input.coverageYen,
      });
      await this.repos.enrolments.appendChange(manager, {
        enrolmentId: enrolment.id,
        personId: enrolment.personId,
        subject: 'RIDER',
        status: input.coverageYen == null ? 'ENDED' : 'ENROLLED',
        coverageYen: input.coverageYen,
        effectiveOn: input.effectiveOn,
        source: 'STAFF',
        recordedBy: input.recordedBy,
        reason: input.reason,
      });
    });
  }
}

/** A change of an enrolment takes effect within its insurance year (July 1 – June 30). */
function checkWithinYear(field: string, e: InsuranceEnrolmentEntity, effectiveOn: string) {
  const from =
    e.enrolledOn > insuranceYearStart(e.insuranceYear) ? e.enrolledOn : insuranceYearStart(e.insuranceYear);
  const to = insuranceYearEnd(e.insuranceYear);
  if (effectiveOn < from || effectiveOn > to)
    throw badInput(field, Messages.CHANGE_WITHIN_INSURANCE_YEAR({ from, to }));
}
