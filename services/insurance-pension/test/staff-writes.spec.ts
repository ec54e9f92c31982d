import { randomUUID } from 'node:crypto';
import { addDays, AppError, clock, ErrorCode, type Access, type Viewer } from '@mamis/platform';
import type { InsurancePensionWriteContext } from '../src/context';
import { checkStatisticsYear, insuranceYearOf, insuranceYearStart } from '../src/domain/insurance-rules';
import type { InsuranceEnrolmentEntity, PensionEnrolmentEntity } from '../src/entities';
import type { Repositories } from '../src/repositories';
import { InsuranceListImport } from '../src/services/insurance-list-import.service';
import { InsuranceService } from '../src/services/insurance.service';
import { PensionService } from '../src/services/pension.service';

/**
 * The staff writes' order of checks, without a database: the id first (nothing read), then the
 * record (an unknown one is NOT_FOUND), then the access policy, then the input against the record.
 */

const viewer: Viewer = { kind: 'STAFF', sub: randomUUID(), associationId: randomUUID(), scopes: [] };

/** Records what the policy was asked, in order; `deny` makes authorizeWrite answer NOT_FOUND. */
function writeContext(opts: { deny?: boolean; forbidAssociation?: boolean } = {}) {
  const asked: string[] = [];
  const access = {
    authorizeWrite: jest.fn(async (personId: string, op: string) => {
      asked.push(`write:${op}:${personId}`);
      if (opts.deny) throw new AppError(ErrorCode.NOT_FOUND, 'not found');
      return 'SELF';
    }),
    authorizeAssociation: jest.fn((associationId: string, op: string) => {
      asked.push(`association:${op}:${associationId}`);
      if (opts.forbidAssociation) throw new AppError(ErrorCode.FORBIDDEN, 'forbidden');
    }),
    filterVisible: jest.fn(async (ids: readonly string[]) => [...ids]),
  };
  const ctx = { viewer, access: access as unknown as Access } satisfies InsurancePensionWriteContext;
  return { ctx, access, asked };
}

/** Repositories that answer the given enrolment / pension and fail on anything else (no database). */
function repositories(
  opts: { enrolment?: Partial<InsuranceEnrolmentEntity>; pension?: Partial<PensionEnrolmentEntity> } = {},
) {
  const reads: string[] = [];
  const fail = () => {
    throw new Error('no database in this test');
  };
  const repos = {
    dataSource: { transaction: jest.fn(fail) },
    enrolments: {
      byId: jest.fn(async (id: string) => {
        reads.push(`enrolment:${id}`);
        return opts.enrolment ? ({ id, ...opts.enrolment } as InsuranceEnrolmentEntity) : null;
      }),
    },
    pensions: {
      byId: jest.fn(async (id: string) => {
        reads.push(`pension:${id}`);
        return opts.pension ? ({ id, ...opts.pension } as PensionEnrolmentEntity) : null;
      }),
    },
    standing: { personIdsByRegistryNumbers: jest.fn(fail), byPersonIds: jest.fn(fail) },
  } as unknown as Repositories;
  return { repos, reads };
}

const codeOf = (e: unknown) => (e as AppError).extensions.code;
const fieldOf = (e: unknown) => (e as AppError).extensions.field;
const caught = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

// dates from the platform clock: an enrolment of the current insurance year, changed today
const today = clock.today();
const year = insuranceYearOf(today);
const yearStart = insuranceYearStart(year);
const nextYearStart = insuranceYearStart(year + 1);

describe('insurance staff writes (insurance.service.ts)', () => {
  it.each([
    ['enrolByStaff', 'input.personId'],
    ['changeStatus', 'input.enrolmentId'],
    ['setRider', 'input.enrolmentId'],
  ] as const)(
    '%s: a malformed id is BAD_USER_INPUT at %s before anything is read or asked',
    async (op, field) => {
      const { ctx, asked } = writeContext();
      const { repos, reads } = repositories();
      const service = new InsuranceService(repos);
      const input = {
        personId: 'not-an-id',
        enrolmentId: 'not-an-id',
        version: 1,
        status: 'SUSPENDED' as const,
        enrolledOn: today,
        effectiveOn: today,
        coverageYen: 1,
      };
      const e = await caught(
        op === 'enrolByStaff'
          ? service.enrolByStaff(ctx, input)
          : op === 'changeStatus'
            ? service.changeStatus(ctx, input)
            : service.setRider(ctx, input),
      );
      expect(codeOf(e)).toBe('BAD_USER_INPUT');
      expect(fieldOf(e)).toBe(field);
      expect(reads).toEqual([]);
      expect(asked).toEqual([]);
    },
  );

  it('an unknown enrolment is NOT_FOUND before the policy is asked', async () => {
    const { ctx, asked } = writeContext();
    const { repos } = repositories();
    const id = randomUUID();
    const e = await caught(
      new InsuranceService(repos).changeStatus(ctx, {
        enrolmentId: id,
        version: 1,
        status: 'SUSPENDED',
        effectiveOn: today,
      }),
    );
    expect(codeOf(e)).toBe('NOT_FOUND');
    expect(asked).toEqual([]);
  });

  it("an enrolment of a person the viewer has no relation to answers the policy's NOT_FOUND, as a missing one", async () => {
    const personId = randomUUID();
    const { ctx, asked } = writeContext({ deny: true });
    const { repos } = repositories({
      enrolment: { personId, status: 'ENDED', insuranceYear: year, enrolledOn: yearStart },
    });
    const e = await caught(
      new InsuranceService(repos).changeStatus(ctx, {
        enrolmentId: randomUUID(),
        version: 1,
        status: 'SUSPENDED',
        effectiveOn: today,
      }),
    );
    // the ENDED enrolment's transition would be refused, but the policy answers first
    expect(codeOf(e)).toBe('NOT_FOUND');
    expect(asked).toEqual([`write:MANAGE_INSURANCE:${personId}`]);
  });

  it('after the policy: a refused status change is BAD_USER_INPUT at input.status (nothing written)', async () => {
    const personId = randomUUID();
    const { ctx, asked } = writeContext();
    const { repos } = repositories({
      enrolment: { personId, status: 'ENDED', insuranceYear: year, enrolledOn: yearStart },
    });
    const e = await caught(
      new InsuranceService(repos).changeStatus(ctx, {
        enrolmentId: randomUUID(),
        version: 1,
        status: 'SUSPENDED',
        effectiveOn: today,
      }),
    );
    expect(codeOf(e)).toBe('BAD_USER_INPUT');
    expect(fieldOf(e)).toBe('input.status');
    expect(asked).toEqual([`write:MANAGE_INSURANCE:${personId}`]);
    expect(repos.dataSource.transaction).not.toHaveBeenCalled();
  });

  it('after the policy: a rider coverage that is not a positive amount is BAD_USER_INPUT at its field', async () => {
    const personId = randomUUID();
    const { ctx, asked } = writeContext();
    const { repos } = repositories({
      enrolment: { personId, status: 'ENROLLED', insuranceYear: year, enrolledOn: yearStart },
    });
    const service = new InsuranceService(repos);
    const rider = await caught(
      service.setRider(ctx, { enrolmentId: randomUUID(), version: 1, coverageYen: 0, effectiveOn: today }),
    );
    expect([codeOf(rider), fieldOf(rider)]).toEqual(['BAD_USER_INPUT', 'input.coverageYen']);
    const enrol = await caught(
      service.enrolByStaff(ctx, { personId, enrolledOn: today, riderCoverageYen: -5 }),
    );
    expect([codeOf(enrol), fieldOf(enrol)]).toEqual(['BAD_USER_INPUT', 'input.riderCoverageYen']);
    expect(asked).toEqual([`write:MANAGE_INSURANCE:${personId}`, `write:MANAGE_INSURANCE:${personId}`]);
    expect(repos.dataSource.transaction).not.toHaveBeenCalled();
  });

  it('a rider change outside the insurance year is BAD_USER_INPUT at input.effectiveOn', async () => {
    const { ctx } = writeContext();
    const { repos } = repositories({
      enrolment: { personId: randomUUID(), status: 'ENROLLED', insuranceYear: year, enrolledOn: yearStart },
    });
    const e = await caught(
      new InsuranceService(repos).setRider(ctx, {
        enrolmentId: randomUUID(),
        version: 1,
        coverageYen: 1000,
        effectiveOn: nextYearStart,
      }),
    );
    expect([codeOf(e), fieldOf(e)]).toEqual(['BAD_USER_INPUT', 'input.effectiveOn']);
  });
});

describe('pension staff writes (pension.service.ts)', () => {
  it('a malformed id is BAD_USER_INPUT at its field before anything is read or asked', async () => {
    const { ctx, asked } = writeContext();
    const { repos, reads } = repositories();
    const service = new PensionService(repos);
    const enrol = await caught(
      service.enrol(ctx, { personId: '', plan: 'BASIC', enrolledOn: today, monthlyContributionYen: 1000 }),
    );
    expect([codeOf(enrol), fieldOf(enrol)]).toEqual(['BAD_USER_INPUT', 'input.personId']);
    const change = await caught(service.change(ctx, { pensionId: 'x', version: 1, effectiveOn: today }));
    expect([codeOf(change), fieldOf(change)]).toEqual(['BAD_USER_INPUT', 'input.pensionId']);
    expect(reads).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('an unknown pension is NOT_FOUND before the policy; a known one is checked after it', async () => {
    const { ctx, asked } = writeContext();
    const missing = await caught(
      new PensionService(repositories().repos).change(ctx, {
        pensionId: randomUUID(),
        version: 1,
        effectiveOn: today,
      }),
    );
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(asked).toEqual([]);
    const personId = randomUUID();
    const { repos } = repositories({
      pension: {
        personId,
        status: 'ENROLLED',
        enrolledOn: addDays(today, -30),
        contributionsEndOn: addDays(today, 3650),
      },
    });
    const nothing = await caught(
      new PensionService(repos).change(ctx, { pensionId: randomUUID(), version: 1, effectiveOn: today }),
    );
    expect([codeOf(nothing), fieldOf(nothing)]).toEqual(['BAD_USER_INPUT', 'input']);
    const early = await caught(
      new PensionService(repos).change(ctx, {
        pensionId: randomUUID(),
        version: 1,
        effectiveOn: addDays(today, -31),
        withdraw: true,
      }),
    );
    expect([codeOf(early), fieldOf(early)]).toEqual(['BAD_USER_INPUT', 'input.effectiveOn']);
    expect(asked).toEqual([`write:MANAGE_PENSION:${personId}`, `write:MANAGE_PENSION:${personId}`]);
    expect(repos.dataSource.transaction).not.toHaveBeenCalled();
  });

  it('after the policy: a contribution that is not a positive amount is BAD_USER_INPUT', async () => {
    const personId = randomUUID();
    const { ctx, asked } = writeContext();
    const { repos } = repositories();
    const e = await caught(
      new PensionService(repos).enrol(ctx, {
        personId,
        plan: 'BASIC',
        enrolledOn: today,
        monthlyContributionYen: 0,
      }),
    );
    expect([codeOf(e), fieldOf(e)]).toEqual(['BAD_USER_INPUT', 'input.monthlyContributionYen']);
    expect(asked).toEqual([`write:MANAGE_PENSION:${personId}`]);
  });
});

describe('insurer list import (insurance-list-import.service.ts)', () => {
  it('asks IMPORT_INSURANCE for the association before reading the file', async () => {
    const { ctx, asked } = writeContext({ forbidAssociation: true });
    const { repos } = repositories();
    const associationId = randomUUID();
    const e = await caught(
      new InsuranceListImport(repos, new InsuranceService(repos)).run(ctx, {
        associationId,
        csv: 'not,the,header\n',
        dryRun: true,
      }),
    );
    expect(codeOf(e)).toBe('FORBIDDEN');
    expect(asked).toEqual([`association:IMPORT_INSURANCE:${associationId}`]);
  });

  it('a file without the header is BAD_USER_INPUT at input.csv', async () => {
    const { ctx } = writeContext();
    const { repos } = repositories();
    const e = await caught(
      new InsuranceListImport(repos, new InsuranceService(repos)).run(ctx, {
        associationId: randomUUID(),
        csv: 'not,the,header\n',
        dryRun: true,
      }),
    );
    expect([codeOf(e), fieldOf(e)]).toEqual(['BAD_USER_INPUT', 'input.csv']);
  });
});

describe('insurance statistics year', () => {
  it('answers for insurance years 2000–2100 only', () => {
    expect(() => checkStatisticsYear('insuranceYear', 2000)).not.toThrow();
    expect(() => checkStatisticsYear('insuranceYear', 2100)).not.toThrow();
    for (const year of [1999, 2101]) {
      const e = (() => {
        try {
          checkStatisticsYear('insuranceYear', year);
        } catch (err) {
          return err;
        }
      })();
      expect([codeOf(e), fieldOf(e)]).toEqual(['BAD_USER_INPUT', 'insuranceYear']);
    }
  });
});
