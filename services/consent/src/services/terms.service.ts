import {
  actingAccountOf,
  AppError,
  badInput,
  clock,
  conflict,
  ErrorCode,
  isUuid,
  Messages,
  tokyoDate,
} from '@mamis/platform';
import type { ConsentWriteContext } from '../context';
import type { TermsVersionEntity } from '../entities';
import { termsRevisionNotice } from '../notifications/notice-texts';
import { insertNotifications } from './notification.service';
import type { AcceptanceRow, NewTermsVersion } from '../repositories/terms.repository';
import { publisherOf } from './publication.service';

/**
 * The terms of use: a human's acceptance of the version in force, and the JMA's publication of a
 * new version (terms art. 10). Authorise (the access policy), validate, one transaction; the
 * repositories hold the SQL.
 */

export interface AcceptTermsArgs {
  version: string;
  channel?: 'API' | 'LOGIN_PAGE' | null;
  clientId?: string | null;
}

/** A new version as the JMA publishes it (`publishTermsVersion`'s input); the publisher is the viewer. */
export type PublishTermsVersionInput = Omit<NewTermsVersion, 'publishedBy'>;

const VERSION = /^\d{1,3}\.\d{2}$/;
const versionKey = (v: string) => v.split('.').map(Number) as [number, number];
/** Numeric order of "major.minor" versions (1.10 > 1.09). */
export const compareVersions = (a: string, b: string) => {
  const [am, an] = versionKey(a);
  const [bm, bn] = versionKey(b);
  return am - bm || an - bn;
};

const forbidden = () => new AppError(ErrorCode.FORBIDDEN, Messages.TERMS_ACCEPT_NOT_ALLOWED);

/**
 * The acceptance belongs to the human using the token: the actor (an assistant, staff acting on
 * a physician's behalf) when there is one, otherwise the subject. A physician accepts as SELF
 * (WRITE_POLICY ACCEPT_TERMS); a staff member for their own staff account (ACCEPT_STAFF_TERMS).
 * `version` must be the version in force (CONFLICT at `version` otherwise: the terms changed while
 * the person was reading); accepting the same version again answers the existing record.
 */
export async function acceptTerms(ctx: ConsentWriteContext, args: AcceptTermsArgs): Promise<AcceptanceRow> {
  const v = ctx.viewer;
  const accountId = actingAccountOf(v);
  if (!accountId || !isUuid(accountId)) throw forbidden();
  // An assistant accepts the terms for their own use of the system (terms art. 2.3, 2.5): that
  // needs no right from the grantor and grants none — it only records the assistant's consent
  // (the assistant's account, the version, and the account they act for).
  const assistant = v.kind === 'ASSISTANT' && v.actor?.kind === 'ASSISTANT';
  if (assistant) {
    if (!v.sub || !isUuid(v.sub)) throw forbidden();
  } else if (v.personId) await ctx.access.authorizeWrite(v.personId, 'ACCEPT_TERMS');
  else if (v.kind === 'STAFF' && v.associationId)
    ctx.access.authorizeAssociation(v.associationId, 'ACCEPT_STAFF_TERMS');
  else throw forbidden();
  const personId = v.kind === 'PHYSICIAN' && !v.actor ? (v.personId ?? null) : null;
  const principalAccountId = assistant ? (v.sub ?? null) : null;
  const method = args.channel === 'LOGIN_PAGE' ? 'LOGIN_PAGE' : 'API';
  const clientId = args.clientId?.slice(0, 200) ?? null;
  const now = clock.now();
  const terms = ctx.services.terms;
  return ctx.services.dataSource.transaction(async (manager) => {
    const current = await terms.inForce(manager, tokyoDate(now));
    if (!current) throw new AppError(ErrorCode.NOT_FOUND, Messages.NO_TERMS_IN_FORCE);
    if (current.version !== args.version)
      throw conflict(
        Messages.TERMS_VERSION_MISMATCH({ current: current.version, version: args.version }),
        'version',
      );
    const row =
      (await terms.acceptanceOf(manager, accountId, current.id)) ??
      (await terms.insertAcceptance(manager, {
        accountId,
        personId,
        principalAccountId,
        termsVersionId: current.id,
        acceptedAt: now,
        method,
        clientId,
      }));
    return {
      id: row.id,
      personId: row.personId,
      version: current.version,
      acceptedAt: row.acceptedAt,
      method: row.method,
      clientId: row.clientId,
    };
  });
}

/**
 * A new version's own input (before anything is read): a "major.minor" version number, the four
 * texts, effective today or later. Answers the trimmed version number.
 */
export function validateTermsVersion(input: PublishTermsVersionInput, today: string): string {
  const v = input.version.trim();
  if (!VERSION.test(v)) throw badInput('input.version', Messages.VERSION_FORMAT);
  for (const key of ['titleJa', 'titleEn', 'bodyJa', 'bodyEn'] as const)
    if (!input[key].trim()) throw badInput(`input.${key}`, Messages.REQUIRED);
  if (input.effectiveFrom < today)
    throw badInput('input.effectiveFrom', Messages.TERMS_EFFECTIVE_IN_PAST({ today }));
  return v;
}

/** Against the versions published: a new, higher version number, not effective before the latest. */
export function checkTermsVersionOrder(
  version: string,
  effectiveFrom: string,
  existing: readonly Pick<TermsVersionEntity, 'version' | 'effectiveFrom'>[],
): void {
  if (existing.some((e) => e.version === version))
    throw conflict(Messages.VERSION_EXISTS({ version }), 'input.version');
  const latest = [...existing].sort((a, b) => compareVersions(b.version, a.version))[0];
  if (latest && compareVersions(version, latest.version) <= 0)
    throw badInput('input.version', Messages.VERSION_NOT_HIGHER({ latest: latest.version }));
  if (latest && effectiveFrom < latest.effectiveFrom)
    throw badInput(
      'input.effectiveFrom',
      Messages.TERMS_EFFECTIVE_BEFORE_LATEST({
        version: latest.version,
        effectiveFrom: latest.effectiveFrom,
      }),
    );
}

/**
 * Publish a new version (terms art. 10; PUBLISH_TERMS: the JMA's staff). One that requires renewed
 * acceptance makes every human pass the terms step again once it is in force (identity compares
 * the accepted version with it); one that does not is announced as a notice to every account that
 * has accepted terms before. Both are announced in the same transaction.
 */
export async function publishTermsVersion(
  ctx: ConsentWriteContext,
  input: PublishTermsVersionInput,
): Promise<TermsVersionEntity> {
  ctx.access.authorizeAssociation(ctx.viewer.associationId ?? '', 'PUBLISH_TERMS');
  const publishedBy = publisherOf(ctx.viewer);
  const today = clock.today();
  const version = validateTermsVersion(input, today);
  const terms = ctx.services.terms;
  return ctx.services.dataSource.transaction(async (manager) => {
    await terms.lockForPublication(manager);
    checkTermsVersionOrder(version, input.effectiveFrom, await terms.allIn(manager));
    const row = await terms.insertVersion(manager, { ...input, version, publishedBy });
    // a notice of the revision to every account (and person) that has accepted terms before
    const text = termsRevisionNotice(row);
    await insertNotifications(
      manager,
      (await terms.acceptors(manager)).map((r) => ({
        accountId: r.account_id,
        personId: r.person_id,
        kind: row.requiresAcceptance ? 'TERMS_ACCEPTANCE_REQUIRED' : 'TERMS_REVISION',
        ...text,
        sourceKey: `terms:${row.version}:${r.account_id ?? `person:${r.person_id}`}`,
      })),
    );
    return row;
  });
}
