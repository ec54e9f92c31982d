import { badInput, Messages } from '@mamis/platform';
import type { AssociationTier } from '../entities/association.entity';
import type { ApplicationKind } from '../entities/membership-application.entity';
import type { StepAction } from '../entities/membership-application-step.entity';
import { normalizeText } from '../validation/text.normalizer';

/** What a filed application asks for (FileMembershipApplicationInput without the person). */
export interface ApplicationRequest {
  kind: ApplicationKind;
  effectiveOn: string;
  associations: { associationId: string; category?: string | null }[];
  transferFrom?: string[] | null;
}

export interface PlannedStep {
  ordinal: number;
  associationId: string;
  action: StepAction;
  category: string;
  counterpartAssociationId: string | null;
}

export interface PlanContext {
  /** The associations named in the request (unknown ids are absent). */
  associations: ReadonlyMap<string, { tier: AssociationTier; code: string }>;
  /** The person's current (ACTIVE) memberships by association. */
  active: ReadonlyMap<string, { category: string; joinedOn: string }>;
  /** Today in Tokyo: an effective date lies within two years before and one year after it. */
  today?: string;
}

const shiftYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

/** Decision order: municipal (and district, workplace) → prefectural → national. */
const RANK: Record<AssociationTier, number> = {
  DISTRICT: 0,
  MUNICIPAL: 1,
  WORKPLACE: 1,
  PREFECTURAL: 2,
  NATIONAL: 3,
};
/** Within one tier, the association left decides before the one joined. */
const LEAVING = new Set<StepAction>(['LEAVE', 'TRANSFER_OUT']);

export function category(path: string, value: string | null | undefined): string {
  const v = normalizeText(value ?? '');
  if (!v) throw badInput(path, Messages.CATEGORY_REQUIRED);
  if (v.length > 20) throw badInput(path, Messages.CATEGORY_TOO_LONG);
  return v;
}

/**
 * The steps of an application, in decision order, checked against the person's current
 * memberships (errors name the input field). Pure: the caller reads the facts.
 */
export function planApplication(req: ApplicationRequest, ctx: PlanContext): PlannedStep[] {
  if (req.associations.length === 0) throw badInput('input.associations', Messages.ASSOCIATIONS_REQUIRED);
  if (req.associations.length > 10) throw badInput('input.associations', Messages.TOO_MANY_ASSOCIATIONS);
  const seen = new Set<string>();
  const steps: Omit<PlannedStep, 'ordinal'>[] = [];
  const known = (id: string, path: string) => {
    const a = ctx.associations.get(id);
    if (!a) throw badInput(path, Messages.NO_SUCH_ASSOCIATION);
    if (seen.has(id)) throw badInput(path, Messages.LISTED_TWICE);
    seen.add(id);
    return a;
  };
  const notBefore = (joinedOn: string) => {
    if (req.effectiveOn < joinedOn)
      throw badInput('input.effectiveOn', Messages.EFFECTIVE_BEFORE_MEMBERSHIP({ joinedOn }));
  };

  if (
    ctx.today &&
    (req.effectiveOn < shiftYears(ctx.today, -2) || req.effectiveOn > shiftYears(ctx.today, 1))
  )
    throw badInput('input.effectiveOn', Messages.EFFECTIVE_ON_WINDOW);
  if (req.kind !== 'TRANSFER' && req.transferFrom?.length)
    throw badInput('input.transferFrom', Messages.TRANSFER_ONLY);

  const from: { id: string; tier: AssociationTier; category: string }[] = [];
  if (req.kind === 'TRANSFER') {
    if (!req.transferFrom?.length) throw badInput('input.transferFrom', Messages.TRANSFER_FROM_REQUIRED);
    req.transferFrom.forEach((id, i) => {
      const path = `input.transferFrom.${i}`;
      const a = known(id, path);
      const m = ctx.active.get(id);
      if (!m) throw badInput(path, Messages.NOT_CURRENT_MEMBER);
      notBefore(m.joinedOn);
      from.push({ id, tier: a.tier, category: m.category });
    });
  }

  req.associations.forEach((item, i) => {
    const path = `input.associations.${i}`;
    const a = known(item.associationId, `${path}.associationId`);
    const m = ctx.active.get(item.associationId);
    switch (req.kind) {
      case 'JOIN':
        if (m) throw badInput(`${path}.associationId`, Messages.ALREADY_MEMBER);
        steps.push({
          associationId: item.associationId,
          action: 'JOIN',
          category: category(`${path}.category`, item.category),
          counterpartAssociationId: null,
        });
        break;
      case 'LEAVE':
        if (!m) throw badInput(`${path}.associationId`, Messages.NOT_CURRENT_MEMBER);
        notBefore(m.joinedOn);
        steps.push({
          associationId: item.associationId,
          action: 'LEAVE',
          category: m.category,
          counterpartAssociationId: null,
        });
        break;
      case 'CATEGORY_CHANGE': {
        if (!m) throw badInput(`${path}.associationId`, Messages.NOT_CURRENT_MEMBER);
        notBefore(m.joinedOn);
        const c = category(`${path}.category`, item.category);
        if (c === m.category) throw badInput(`${path}.category`, Messages.SAME_CATEGORY({ category: c }));
        steps.push({
          associationId: item.associationId,
          action: 'CATEGORY_CHANGE',
          category: c,
          counterpartAssociationId: null,
        });
        break;
      }
      case 'TRANSFER': {
        if (m) throw badInput(`${path}.associationId`, Messages.ALREADY_MEMBER);
        const pair = from.find(
          (f) => RANK[f.tier] === RANK[a.tier] && !steps.some((s) => s.counterpartAssociationId === f.id),
        );
        if (!pair) throw badInput(`${path}.associationId`, Messages.TRANSFER_SAME_TIER);
        steps.push({
          associationId: item.associationId,
          action: 'TRANSFER_IN',
          category: item.category ? category(`${path}.category`, item.category) : pair.category,
          counterpartAssociationId: pair.id,
        });
        break;
      }
    }
  });

  if (req.kind === 'TRANSFER') {
    for (const [i, f] of from.entries()) {
      const target = steps.find((s) => s.counterpartAssociationId === f.id);
      if (!target) throw badInput(`input.transferFrom.${i}`, Messages.TRANSFER_SAME_TIER);
      steps.push({
        associationId: f.id,
        action: 'TRANSFER_OUT',
        category: f.category,
        counterpartAssociationId: target.associationId,
      });
    }
  }

  const key = (s: Omit<PlannedStep, 'ordinal'>) => {
    const a = ctx.associations.get(s.associationId)!;
    return [RANK[a.tier], LEAVING.has(s.action) ? 0 : 1, a.code] as const;
  };
  return steps
    .sort((x, y) => {
      const [a1, b1, c1] = key(x);
      const [a2, b2, c2] = key(y);
      return a1 - a2 || b1 - b2 || (c1 < c2 ? -1 : c1 > c2 ? 1 : 0);
    })
    .map((s, i) => ({ ...s, ordinal: i + 1 }));
}
