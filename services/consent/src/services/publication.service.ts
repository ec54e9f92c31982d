import { actingAccountOf, badInput, clock, conflict, isUuid, Messages, type Viewer } from '@mamis/platform';
import type { ConsentWriteContext } from '../context';
import type { JointUseNoticeEntity, ServiceDisclosureEntity } from '../entities';

/**
 * The JMA's public documents besides the terms (terms.service.ts): the joint-use notice
 * (共同利用に関する公表事項) and the service disclosure (contractors 業務委託先 and environment
 * requirements), each versioned. PUBLISH_TERMS (the JMA's staff); never backdated, never before
 * the latest version; validated here, stored by the repositories.
 */

export interface PublishJointUseNoticeInput {
  version: string;
  effectiveFrom: string;
  title: string;
  statement: string;
  dataItems: string[];
  jointUsers: string;
  purposes: string[];
  responsibleParty: { name: string; address: string; representative: string };
  responsibilityNote?: string | null;
  summaryEn?: string | null;
}

export interface PublishServiceDisclosureInput {
  version: string;
  effectiveFrom: string;
  contractors: { name: string; work: string; workEn?: string | null }[];
  environmentRequirements: { item: string; requirementJa: string; requirementEn: string }[];
}

const DISCLOSURE_MAX_ENTRIES = 100;
const DISCLOSURE_MAX_TEXT = 2_000;

/** The account that published (a uuid `sub`; anything else is not recorded). */
export const publisherOf = (viewer: Viewer): string | null => {
  const sub = actingAccountOf(viewer);
  return sub && isUuid(sub) ? sub : null;
};

/** PUBLISH_TERMS for the viewer's own association (the JMA's staff). */
const authorizePublication = (ctx: ConsentWriteContext) =>
  ctx.access.authorizeAssociation(ctx.viewer.associationId ?? '', 'PUBLISH_TERMS');

/** The latest version published (by effective date) must not be effective after the new one. */
function checkNotBeforeLatest(
  latest: { version: string; effectiveFrom: string } | null,
  effectiveFrom: string,
): void {
  if (latest && effectiveFrom < latest.effectiveFrom)
    throw badInput(
      'input.effectiveFrom',
      Messages.EFFECTIVE_BEFORE_LATEST({ version: latest.version, effectiveFrom: latest.effectiveFrom }),
    );
}

/* ----------------------------------------------------------------------------------------------
 * The joint-use notice
 * ------------------------------------------------------------------------------------------- */

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x.trim() === b[i]!.trim());

/** Does the new notice change the purposes (④) or the responsible party (⑤) of the previous one? */
export function changesPurposesOrParty(
  prev: JointUseNoticeEntity,
  next: Pick<PublishJointUseNoticeInput, 'purposes' | 'responsibleParty'>,
): boolean {
  return (
    !same(prev.purposes, next.purposes) ||
    prev.responsibleName.trim() !== next.responsibleParty.name.trim() ||
    prev.responsibleAddress.trim() !== next.responsibleParty.address.trim() ||
    prev.responsibleRepresentative.trim() !== next.responsibleParty.representative.trim()
  );
}

/**
 * A notice's own input (before anything is read): every text and list filled, effective today or
 * later. Answers the trimmed version.
 */
export function validateJointUseNotice(input: PublishJointUseNoticeInput, today: string): string {
  const version = input.version.trim();
  if (!version) throw badInput('input.version', Messages.REQUIRED);
  for (const key of ['title', 'statement', 'jointUsers'] as const)
    if (!input[key].trim()) throw badInput(`input.${key}`, Messages.REQUIRED);
  if (input.dataItems.length === 0 || input.dataItems.some((d) => !d.trim()))
    throw badInput('input.dataItems', Messages.DATA_ITEMS_REQUIRED);
  if (input.purposes.length === 0 || input.purposes.some((d) => !d.trim()))
    throw badInput('input.purposes', Messages.PURPOSES_REQUIRED);
  for (const key of ['name', 'address', 'representative'] as const)
    if (!input.responsibleParty[key].trim())
      throw badInput(`input.responsibleParty.${key}`, Messages.REQUIRED);
  if (input.effectiveFrom < today)
    throw badInput('input.effectiveFrom', Messages.NOTICE_EFFECTIVE_IN_PAST({ today }));
  return version;
}

/**
 * Against the latest notice: not effective before it, and a change of the purposes or of the
 * responsible party announced in advance (domain §5, APPI art. 27(6)): effective in the future.
 */
export function checkNoticeAgainstLatest(
  latest: JointUseNoticeEntity | null,
  input: PublishJointUseNoticeInput,
  today: string,
): void {
  checkNotBeforeLatest(latest, input.effectiveFrom);
  if (latest && changesPurposesOrParty(latest, input) && input.effectiveFrom <= today)
    throw badInput('input.effectiveFrom', Messages.NOTICE_CHANGE_IN_ADVANCE);
}

/** Publish a new version of the joint-use notice. */
export async function publishJointUseNotice(
  ctx: ConsentWriteContext,
  input: PublishJointUseNoticeInput,
): Promise<JointUseNoticeEntity> {
  authorizePublication(ctx);
  const publishedBy = publisherOf(ctx.viewer);
  const today = clock.today();
  const version = validateJointUseNotice(input, today);
  const notices = ctx.services.jointUseNotices;
  return ctx.services.dataSource.transaction(async (manager) => {
    await notices.lockForPublication(manager);
    if (await notices.versionExists(manager, version))
      throw conflict(Messages.VERSION_EXISTS({ version }), 'input.version');
    checkNoticeAgainstLatest(await notices.latest(manager), input, today);
    return notices.insert(manager, {
      version,
      effectiveFrom: input.effectiveFrom,
      title: input.title,
      statement: input.statement,
      dataItems: input.dataItems,
      jointUsers: input.jointUsers,
      purposes: input.purposes,
      responsibleName: input.responsibleParty.name,
      responsibleAddress: input.responsibleParty.address,
      responsibleRepresentative: input.responsibleParty.representative,
      responsibilityNote: input.responsibilityNote ?? null,
      summaryEn: input.summaryEn ?? null,
      publishedBy,
    });
  });
}

/* ----------------------------------------------------------------------------------------------
 * The service disclosure
 * ------------------------------------------------------------------------------------------- */

/** A disclosure as validated: trimmed texts (an optional one empty → null). */
export interface ValidServiceDisclosure {
  version: string;
  contractors: { name: string; work: string; workEn: string | null }[];
  environmentRequirements: { item: string; requirementJa: string; requirementEn: string }[];
}

/**
 * A disclosure's own input (before anything is read): a version of at most 50 characters, at
 * most 100 contractors, 1–100 environment requirements, texts filled and at most 2,000
 * characters, effective today or later.
 */
export function validateServiceDisclosure(
  input: PublishServiceDisclosureInput,
  today: string,
): ValidServiceDisclosure {
  const version = input.version.trim();
  if (!version) throw badInput('input.version', Messages.REQUIRED);
  if (version.length > 50) throw badInput('input.version', Messages.TEXT_TOO_LONG({ max: 50 }));
  if (input.contractors.length > DISCLOSURE_MAX_ENTRIES)
    throw badInput('input.contractors', Messages.TOO_MANY_CONTRACTORS({ max: DISCLOSURE_MAX_ENTRIES }));
  if (input.environmentRequirements.length === 0)
    throw badInput('input.environmentRequirements', Messages.REQUIREMENT_REQUIRED);
  if (input.environmentRequirements.length > DISCLOSURE_MAX_ENTRIES)
    throw badInput(
      'input.environmentRequirements',
      Messages.TOO_MANY_REQUIREMENTS({ max: DISCLOSURE_MAX_ENTRIES }),
    );
  const text = (path: string, value: string | null | undefined, required: boolean) => {
    const v = value?.trim() ?? '';
    if (required && !v) throw badInput(path, Messages.REQUIRED);
    if (v.length > DISCLOSURE_MAX_TEXT)
      throw badInput(path, Messages.TEXT_TOO_LONG({ max: DISCLOSURE_MAX_TEXT }));
    return v || null;
  };
  const contractors = input.contractors.map((c, i) => ({
    name: text(`input.contractors.${i}.name`, c.name, true)!,
    work: text(`input.contractors.${i}.work`, c.work, true)!,
    workEn: text(`input.contractors.${i}.workEn`, c.workEn, false),
  }));
  const environmentRequirements = input.environmentRequirements.map((r, i) => ({
    item: text(`input.environmentRequirements.${i}.item`, r.item, true)!,
    requirementJa: text(`input.environmentRequirements.${i}.requirementJa`, r.requirementJa, true)!,
    requirementEn: text(`input.environmentRequirements.${i}.requirementEn`, r.requirementEn, true)!,
  }));
  if (input.effectiveFrom < today)
    throw badInput('input.effectiveFrom', Messages.EFFECTIVE_IN_PAST({ today }));
  return { version, contractors, environmentRequirements };
}

/** Publish a new version of the service disclosure. */
export async function publishServiceDisclosure(
  ctx: ConsentWriteContext,
  input: PublishServiceDisclosureInput,
): Promise<ServiceDisclosureEntity> {
  authorizePublication(ctx);
  const publishedBy = publisherOf(ctx.viewer);
  const today = clock.today();
  const valid = validateServiceDisclosure(input, today);
  const disclosures = ctx.services.serviceDisclosures;
  return ctx.services.dataSource.transaction(async (manager) => {
    await disclosures.lockForPublication(manager);
    if (await disclosures.versionExists(manager, valid.version))
      throw conflict(Messages.VERSION_EXISTS({ version: valid.version }), 'input.version');
    checkNotBeforeLatest(await disclosures.latest(manager), input.effectiveFrom);
    return disclosures.insert(manager, {
      version: valid.version,
      effectiveFrom: input.effectiveFrom,
      contractors: valid.contractors,
      environmentRequirements: valid.environmentRequirements,
      publishedBy,
    });
  });
}
