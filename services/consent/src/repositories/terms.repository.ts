import { randomUUID } from 'node:crypto';
import { In, LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import {
  AppError,
  ErrorCode,
  badInput,
  clock,
  conflict,
  Messages,
  onlyUuids,
  tokyoDate,
} from '@mamis/platform';
import { TermsAcceptanceEntity, TermsVersionEntity } from '../entities';
import { TERMS_V101 } from '../defaults/terms-v101';
import { termsRevisionNotice } from '../notifications/notice-texts';
import { insertNotifications } from './notification.repository';

export interface AcceptanceRow {
  id: string;
  personId: string | null;
  version: string;
  acceptedAt: Date;
  method: string;
  clientId: string | null;
}

export interface NewTermsVersion {
  version: string;
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
  effectiveFrom: string;
  requiresAcceptance: boolean;
  summaryJa?: string | null;
  summaryEn?: string | null;
}

/** Who accepted: the human's account, and the person when that human is the physician themself. */
export interface Acceptor {
  accountId: string;
  personId: string | null;
  /** An assistant: the account of the physician (or staff member) it acts for. */
  principalAccountId?: string | null;
}

const VERSION = /^\d{1,3}\.\d{2}$/;
const versionKey = (v: string) => v.split('.').map(Number) as [number, number];
/** Numeric order of "major.minor" versions (1.10 > 1.09). */
export const compareVersions = (a: string, b: string) => {
  const [am, an] = versionKey(a);
  const [bm, bn] = versionKey(b);
  return am - bm || an - bn;
};

export class TermsRepository {
  constructor(private readonly ds: DataSource) {}

  /** The version in force on a date (Asia/Tokyo): the latest effective on or before it. */
  current(today: string = clock.today()): Promise<TermsVersionEntity | null> {
    return this.ds.getRepository(TermsVersionEntity).findOne({
      where: { effectiveFrom: LessThanOrEqual(today) },
      order: { effectiveFrom: 'DESC', createdAt: 'DESC' },
    });
  }

  /** Every version, newest first (announced future versions included). */
  all(): Promise<TermsVersionEntity[]> {
    return this.ds
      .getRepository(TermsVersionEntity)
      .find({ order: { effectiveFrom: 'DESC', createdAt: 'DESC' } });
  }

  async acceptancesByPersonIds(personIds: readonly string[]): Promise<AcceptanceRow[]> {
    const valid = onlyUuids(personIds);
    if (valid.length === 0) return [];
    const rows = await this.ds.getRepository(TermsAcceptanceEntity).find({
      where: { personId: In(valid) },
      relations: { termsVersion: true },
      order: { acceptedAt: 'DESC' },
    });
    return rows.map((r) => ({
      id: r.id,
      personId: r.personId,
      version: r.termsVersion?.version ?? '',
      acceptedAt: r.acceptedAt,
      method: r.method,
      clientId: r.clientId,
    }));
  }

  /**
   * Record the acceptance of `version`, which must be the version in force (CONFLICT at `version`
   * otherwise: the terms changed while the person was reading). Accepting the same version again
   * returns the existing record.
   */
  async accept(
    who: Acceptor,
    version: string,
    how: { method: 'LOGIN_PAGE' | 'API'; clientId?: string | null },
    now: Date = clock.now(),
  ): Promise<AcceptanceRow> {
    return this.ds.transaction(async (manager) => {
      const current = await manager.getRepository(TermsVersionEntity).findOne({
        where: { effectiveFrom: LessThanOrEqual(tokyoDate(now)) },
        order: { effectiveFrom: 'DESC', createdAt: 'DESC' },
      });
      if (!current) throw new AppError(ErrorCode.NOT_FOUND, Messages.NO_TERMS_IN_FORCE);
      if (current.version !== version)
        throw conflict(Messages.TERMS_VERSION_MISMATCH({ current: current.version, version }), 'version');
      const repo = manager.getRepository(TermsAcceptanceEntity);
      const existing = await repo.findOne({
        where: { accountId: who.accountId, termsVersionId: current.id },
        order: { acceptedAt: 'DESC' },
      });
      const row =
        existing ??
        (await repo.save(
          repo.create({
            id: randomUUID(),
            accountId: who.accountId,
            personId: who.personId,
            principalAccountId: who.principalAccountId ?? null,
            termsVersionId: current.id,
            acceptedAt: now,
            method: how.method,
            clientId: how.clientId ?? null,
          }),
        ));
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
   * Publish a new version (terms art. 10): a new, higher version number, effective today or later
   * and not before the latest version. One that requires renewed acceptance makes every human pass
   * the terms step again once it is in force (identity compares the accepted version with it); one
   * that does not is announced as a notice to every account that has accepted terms before.
   */
  async publish(
    input: NewTermsVersion,
    publishedBy: string | null,
    today: string = clock.today(),
  ): Promise<TermsVersionEntity> {
    const v = input.version.trim();
    if (!VERSION.test(v)) throw badInput('input.version', Messages.VERSION_FORMAT);
    for (const key of ['titleJa', 'titleEn', 'bodyJa', 'bodyEn'] as const)
      if (!input[key].trim()) throw badInput(`input.${key}`, Messages.REQUIRED);
    if (input.effectiveFrom < today)
      throw badInput('input.effectiveFrom', Messages.TERMS_EFFECTIVE_IN_PAST({ today }));
    return this.ds.transaction(async (manager) => {
      await manager.query('LOCK TABLE terms_version IN SHARE ROW EXCLUSIVE MODE');
      const repo = manager.getRepository(TermsVersionEntity);
      const existing = await repo.find();
      if (existing.some((e) => e.version === v))
        throw conflict(Messages.VERSION_EXISTS({ version: v }), 'input.version');
      const latest = existing.sort((a, b) => compareVersions(b.version, a.version))[0];
      if (latest && compareVersions(v, latest.version) <= 0)
        throw badInput('input.version', Messages.VERSION_NOT_HIGHER({ latest: latest.version }));
      if (latest && input.effectiveFrom < latest.effectiveFrom)
        throw badInput(
          'input.effectiveFrom',
          Messages.TERMS_EFFECTIVE_BEFORE_LATEST({
            version: latest.version,
            effectiveFrom: latest.effectiveFrom,
          }),
        );
      const row = await repo.save(
        repo.create({
          id: randomUUID(),
          version: v,
          titleJa: input.titleJa,
          titleEn: input.titleEn,
          bodyJa: input.bodyJa,
          bodyEn: input.bodyEn,
          effectiveFrom: input.effectiveFrom,
          requiresAcceptance: input.requiresAcceptance,
          summaryJa: input.summaryJa ?? null,
          summaryEn: input.summaryEn ?? null,
          publishedBy,
        }),
      );
      await this.announce(manager, row);
      return row;
    });
  }

  /** A notice of the revision to every account (and person) that has accepted terms before. */
  private async announce(manager: EntityManager, version: TermsVersionEntity): Promise<number> {
    const recipients: { account_id: string | null; person_id: string | null }[] = await manager.query(
      `SELECT DISTINCT ON (coalesce(account_id::text, 'person:' || person_id::text)) account_id, person_id
       FROM terms_acceptance
       ORDER BY coalesce(account_id::text, 'person:' || person_id::text), accepted_at DESC`,
    );
    const text = termsRevisionNotice(version);
    return insertNotifications(
      manager,
      recipients.map((r) => ({
        accountId: r.account_id,
        personId: r.person_id,
        kind: version.requiresAcceptance ? 'TERMS_ACCEPTANCE_REQUIRED' : 'TERMS_REVISION',
        ...text,
        sourceKey: `terms:${version.version}:${r.account_id ?? `person:${r.person_id}`}`,
      })),
    );
  }

  /** A fresh installation: terms ver 1.01 (the JMA's text) when no version exists yet. */
  async installDefault(): Promise<boolean> {
    const n = await this.ds.getRepository(TermsVersionEntity).count();
    if (n > 0) return false;
    await this.ds.query(
      `INSERT INTO terms_version (id, version, title_ja, title_en, body_ja, body_en, effective_from, requires_acceptance)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (version) DO NOTHING`,
      [
        randomUUID(),
        TERMS_V101.version,
        TERMS_V101.titleJa,
        TERMS_V101.titleEn,
        TERMS_V101.bodyJa,
        TERMS_V101.bodyEn,
        TERMS_V101.effectiveFrom,
        TERMS_V101.requiresAcceptance,
      ],
    );
    return true;
  }
}
