import { badInput, Messages } from '@mamis/platform';
import type { MembershipWriteContext } from '../context';
import type { DuesExemptionRuleEntity, FeeScheduleEntity, MembershipCategoryEntity } from '../entities';
import { bandsOverlap, type FeeBand } from '../dues/fee-rules';

/**
 * An association's dues settings (MANAGE_DUES): membership categories, fee schedules and
 * exemption rules. Authorise, validate, then one transaction through the dues repository.
 */

const validFiscalYear = (fy: number) => Number.isInteger(fy) && fy >= 1900 && fy <= 2200;

/** Create or change a category (by association and code). */
export async function setCategory(
  ctx: MembershipWriteContext,
  input: {
    associationId: string;
    code: string;
    name: string;
    description?: string | null;
    sortOrder?: number | null;
  },
): Promise<MembershipCategoryEntity> {
  ctx.access.authorizeAssociation(input.associationId, 'MANAGE_DUES');
  // codes are kept as written (NFKC would turn ② into 2)
  const code = input.code.trim();
  if (!code || code.length > 20) throw badInput('input.code', Messages.CATEGORY_CODE_LENGTH);
  if (!input.name.trim()) throw badInput('input.name', Messages.CATEGORY_NAME_REQUIRED);
  return ctx.services.dataSource.transaction((m) =>
    ctx.services.dues.upsertCategory(m, {
      associationId: input.associationId,
      code,
      name: input.name.trim(),
      description: input.description ?? null,
      sortOrder: input.sortOrder ?? 0,
    }),
  );
}

/**
 * Replace the fee bands of one category for one fiscal year. Bands must not overlap; amounts are
 * whole yen ≥ 0; the category must exist at the association.
 */
export async function setFeeSchedule(
  ctx: MembershipWriteContext,
  input: { associationId: string; categoryCode: string; fiscalYear: number; bands: FeeBand[] },
): Promise<FeeScheduleEntity[]> {
  ctx.access.authorizeAssociation(input.associationId, 'MANAGE_DUES');
  if (!validFiscalYear(input.fiscalYear)) throw badInput('input.fiscalYear', Messages.FISCAL_YEAR);
  if (!input.bands.length) throw badInput('input.bands', Messages.FEE_BANDS_REQUIRED);
  input.bands.forEach((b, i) => {
    if (!Number.isSafeInteger(b.annualFeeYen) || b.annualFeeYen < 0 || b.annualFeeYen > 10_000_000)
      throw badInput(`input.bands.${i}.annualFeeYen`, Messages.ANNUAL_FEE_YEN);
    for (const k of ['minAge', 'maxAge'] as const)
      if (b[k] !== null && (!Number.isInteger(b[k]) || b[k]! < 0 || b[k]! > 150))
        throw badInput(`input.bands.${i}.${k}`, Messages.AGE_RANGE);
    if (b.minAge !== null && b.maxAge !== null && b.minAge > b.maxAge)
      throw badInput(`input.bands.${i}.maxAge`, Messages.MAX_AGE_BELOW_MIN);
    input.bands.slice(0, i).forEach((other) => {
      if (bandsOverlap(b, other)) throw badInput(`input.bands.${i}`, Messages.AGE_BANDS_OVERLAP);
    });
  });
  return ctx.services.dataSource.transaction(async (m) => {
    if (!(await ctx.services.dues.categoryExists(m, input.associationId, input.categoryCode)))
      throw badInput('input.categoryCode', Messages.UNKNOWN_MEMBERSHIP_CATEGORY);
    return ctx.services.dues.replaceFeeSchedule(m, input);
  });
}

/** Add an exemption rule (years after graduation) for a category of the association. */
export async function addExemptionRule(
  ctx: MembershipWriteContext,
  input: Omit<DuesExemptionRuleEntity, 'id'>,
): Promise<DuesExemptionRuleEntity> {
  ctx.access.authorizeAssociation(input.associationId, 'MANAGE_DUES');
  if (
    !Number.isInteger(input.yearsAfterGraduation) ||
    input.yearsAfterGraduation < 1 ||
    input.yearsAfterGraduation > 50
  )
    throw badInput('input.yearsAfterGraduation', Messages.YEARS_AFTER_GRADUATION);
  if (input.toFiscalYear !== null && input.toFiscalYear < input.fromFiscalYear)
    throw badInput('input.toFiscalYear', Messages.TO_FISCAL_YEAR_BEFORE_FROM);
  if (!input.description.trim()) throw badInput('input.description', Messages.EXEMPTION_DESCRIPTION_REQUIRED);
  return ctx.services.dataSource.transaction(async (m) => {
    if (!(await ctx.services.dues.categoryExists(m, input.associationId, input.categoryCode)))
      throw badInput('input.categoryCode', Messages.UNKNOWN_MEMBERSHIP_CATEGORY);
    return ctx.services.dues.insertExemptionRule(m, input);
  });
}
