import { randomUUID } from 'node:crypto';
import { In, LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import { clock, onlyUuids } from '@mamis/platform';
import { TermsAcceptanceEntity, TermsVersionEntity } from '../entities';
import { TERMS_V101 } from '../defaults/terms-v101';

export interface AcceptanceRow {
  id: string;
  personId: string | null;
  version: string;
  acceptedAt: Date;
  method: string;
  clientId: string | null;
}

/** A version as validated, to be stored (src/services/terms.service.ts decides). */
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
  publishedBy: string | null;
}

/** A new acceptance record (the version accepted by its id). */
export interface NewAcceptance {
  accountId: string;
  personId: string | null;
  principalAccountId: string | null;
  termsVersionId: string;
  acceptedAt: Date;
  method: string;
  clientId: string | null;
}

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

  /** The version in force on a date, read in the caller's transaction. */
  inForce(manager: EntityManager, today: string): Promise<TermsVersionEntity | null> {
    return manager.getRepository(TermsVersionEntity).findOne({
      where: { effectiveFrom: LessThanOrEqual(today) },
      order: { effectiveFrom: 'DESC', createdAt: 'DESC' },
    });
  }

  /** The latest acceptance of a version by an account (null when none). */
  acceptanceOf(
    manager: EntityManager,
    accountId: string,
    termsVersionId: string,
  ): Promise<TermsAcceptanceEntity | null> {
    return manager.getRepository(TermsAcceptanceEntity).findOne({
      where: { accountId, termsVersionId },
      order: { acceptedAt: 'DESC' },
    });
  }

  insertAcceptance(manager: EntityManager, a: NewAcceptance): Promise<TermsAcceptanceEntity> {
    const repo = manager.getRepository(TermsAcceptanceEntity);
    return repo.save(repo.create({ id: randomUUID(), ...a }));
  }

  /** Lock the versions against a concurrent publication (until the caller's transaction ends). */
  async lockForPublication(manager: EntityManager): Promise<void> {
    await manager.query('LOCK TABLE terms_version IN SHARE ROW EXCLUSIVE MODE');
  }

  /** Every version, in the caller's transaction (no order). */
  allIn(manager: EntityManager): Promise<TermsVersionEntity[]> {
    return manager.getRepository(TermsVersionEntity).find();
  }

  insertVersion(manager: EntityManager, v: NewTermsVersion): Promise<TermsVersionEntity> {
    const repo = manager.getRepository(TermsVersionEntity);
    return repo.save(
      repo.create({
        id: randomUUID(),
        version: v.version,
        titleJa: v.titleJa,
        titleEn: v.titleEn,
        bodyJa: v.bodyJa,
        bodyEn: v.bodyEn,
        effectiveFrom: v.effectiveFrom,
        requiresAcceptance: v.requiresAcceptance,
        summaryJa: v.summaryJa ?? null,
        summaryEn: v.summaryEn ?? null,
        publishedBy: v.publishedBy,
      }),
    );
  }

  /** Every account (or, without one, person) that has accepted terms before, with its latest acceptance. */
  acceptors(manager: EntityManager): Promise<{ account_id: string | null; person_id: string | null }[]> {
    return manager.query(
      `SELECT DISTINCT ON (coalesce(account_id::text, 'person:' || person_id::text)) account_id, person_id
       FROM terms_acceptance
       ORDER BY coalesce(account_id::text, 'person:' || person_id::text), accepted_at DESC`,
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
