import { randomUUID } from 'node:crypto';
import { LessThanOrEqual, type DataSource } from 'typeorm';
import { clock } from '@mamis/platform';
import { InterimTermsAcceptanceEntity, InterimTermsVersionEntity } from '../entities';
import { DEFAULT_TERMS } from './default-terms';

export interface TermsText {
  version: string;
  titleJa: string;
  bodyJa: string;
  titleEn: string;
  bodyEn: string;
}

/** How an acceptance was given (recorded with it). */
export interface AcceptanceContext {
  /** The OAuth client the person is signing in to. */
  clientId?: string;
}

/** The version shown is no longer the one in force (the terms changed while the person read them). */
export class TermsChangedError extends Error {
  override name = 'TermsChangedError';
}

/**
 * Where the terms of use come from and where acceptances go. The system of record is the consent
 * subgraph: {@link ConsentTermsGateway} (consent-terms-gateway.ts) reads the `access` views and
 * records acceptances through consent's `acceptTerms`; server.ts uses it whenever CONSENT_URL is
 * set (required in production). {@link InterimPgTermsGateway} keeps both in the identity schema
 * for development and tests that run identity alone.
 */
export interface TermsGateway {
  /** The version in force on `today` (default: the clock's; null: none configured → no terms step). */
  current(today?: string): Promise<TermsText | null>;
  /**
   * The version this account's agreement covers, or null: the version in force when the latest
   * acceptance covers every revision requiring acceptance since (terms art. 10.3: using the
   * service after a revision counts as agreeing to it), otherwise the latest accepted version.
   * "In force" is judged on `today` (default: the clock's).
   */
  accepted(accountId: string, today?: string): Promise<string | null>;
  /** Record the acceptance; {@link TermsChangedError} when `version` is no longer in force. */
  accept(accountId: string, version: string, how?: AcceptanceContext): Promise<void>;
}

/** INTERIM implementation: tables interim_terms_version / interim_terms_acceptance in schema identity. */
export class InterimPgTermsGateway implements TermsGateway {
  constructor(private readonly ds: DataSource) {}

  async current(today: string = clock.today()): Promise<TermsText | null> {
    const row = await this.ds.getRepository(InterimTermsVersionEntity).findOne({
      where: { effectiveFrom: LessThanOrEqual(today) },
      order: { effectiveFrom: 'DESC' },
    });
    return row
      ? {
          version: row.version,
          titleJa: row.titleJa,
          bodyJa: row.bodyJa,
          titleEn: row.titleEn,
          bodyEn: row.bodyEn,
        }
      : null;
  }

  async accepted(accountId: string): Promise<string | null> {
    const row = await this.ds
      .getRepository(InterimTermsAcceptanceEntity)
      .findOne({ where: { accountId }, order: { acceptedAt: 'DESC' } });
    return row?.version ?? null;
  }

  async accept(accountId: string, version: string): Promise<void> {
    await this.ds
      .getRepository(InterimTermsAcceptanceEntity)
      .insert({ id: randomUUID(), accountId, version });
  }

  /** Install ver 1.01 when no version exists yet (first start). */
  async ensureDefault(): Promise<void> {
    await this.ds.query(
      `INSERT INTO interim_terms_version (version, title_ja, body_ja, title_en, body_en, effective_from)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (version) DO NOTHING`,
      [
        DEFAULT_TERMS.version,
        DEFAULT_TERMS.titleJa,
        DEFAULT_TERMS.bodyJa,
        DEFAULT_TERMS.titleEn,
        DEFAULT_TERMS.bodyEn,
        DEFAULT_TERMS.effectiveFrom,
      ],
    );
  }
}
