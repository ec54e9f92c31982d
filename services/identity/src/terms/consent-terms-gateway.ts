import {
  clock,
  runAsSystem,
  SUBGRAPH_SECRET_HEADER,
  VIEWER_ASSERTION_HEADER,
  type AssertionSigner,
  type Viewer,
} from '@mamis/platform';
import type { DataSource } from 'typeorm';
import type { SubjectClaims } from '../auth/account.service';
import {
  TermsChangedError,
  type AcceptanceContext,
  type TermsGateway,
  type TermsText,
} from './terms-gateway';

export interface ConsentTermsOptions {
  /** The consent subgraph's GraphQL endpoint. */
  consentUrl: string;
  /** Consent's subgraph secret (x-subgraph-secret). */
  secret: string;
  /** Signs the viewer assertion for the consent subgraph (a key consent trusts). */
  signer: AssertionSigner;
  timeoutMs?: number;
}

/** The viewer an access token with these claims would carry (as the gateway builds it). */
export function viewerOfClaims(c: SubjectClaims): Viewer {
  const viewer: Viewer = {
    kind: c.kind,
    sub: c.sub,
    scopes: c.rights,
    ...(c.person_id ? { personId: c.person_id } : {}),
    ...(c.association_id ? { associationId: c.association_id } : {}),
    ...(c.association_tier ? { associationTier: c.association_tier as Viewer['associationTier'] } : {}),
    ...(c.role ? { role: c.role } : {}),
  };
  if (c.act) viewer.actor = { sub: c.act.sub, kind: c.act.kind as Viewer['kind'] };
  return viewer;
}

/**
 * The consent subgraph as the system of record of the terms of use.
 * - Reads (every sign-in and every token): the `access.terms_version_v1` and
 *   `access.terms_acceptance_v1` views, in the same database — no network hop per token.
 * - Writes (the terms page): consent's `acceptTerms(version, channel: LOGIN_PAGE, clientId)`
 *   mutation, called directly on the subgraph with its secret and a viewer assertion for the
 *   account (as the gateway would send), so the acceptance is recorded by consent's own rules.
 */
export class ConsentTermsGateway implements TermsGateway {
  private claimsOf: ((accountId: string) => Promise<SubjectClaims | null>) | undefined;

  constructor(
    private readonly ds: DataSource,
    private readonly opts: ConsentTermsOptions,
  ) {}

  /** The account's token claims (AccountService.subjectClaims; bound after it is built). */
  bindClaims(fn: (accountId: string) => Promise<SubjectClaims | null>): void {
    this.claimsOf = fn;
  }

  async current(today: string = clock.today()): Promise<TermsText | null> {
    const rows: TermsText[] = await runAsSystem(() =>
      this.ds.query(
        `SELECT version, title_ja AS "titleJa", body_ja AS "bodyJa", title_en AS "titleEn", body_en AS "bodyEn"
         FROM access.terms_version_v1
         WHERE effective_from <= $1
         ORDER BY effective_from DESC, published_at DESC
         LIMIT 1`,
        [today],
      ),
    );
    return rows[0] ?? null;
  }

  async accepted(accountId: string, today: string = clock.today()): Promise<string | null> {
    const rows: { accepted: string; current: string | null; covers: boolean }[] = await runAsSystem(() =>
      this.ds.query(
        `WITH cur AS (
           SELECT version FROM access.terms_version_v1 WHERE effective_from <= $2
           ORDER BY effective_from DESC, published_at DESC LIMIT 1),
         req AS (
           SELECT effective_from, published_at FROM access.terms_version_v1
           WHERE effective_from <= $2 AND requires_acceptance
           ORDER BY effective_from DESC, published_at DESC LIMIT 1),
         acc AS (
           SELECT version, effective_from, version_published_at FROM access.terms_acceptance_v1
           WHERE account_id = $1
              OR (account_id IS NULL
                  AND person_id = (SELECT person_id FROM account WHERE id = $1 AND kind = 'PHYSICIAN'))
           ORDER BY effective_from DESC, version_published_at DESC LIMIT 1)
         SELECT acc.version AS accepted, cur.version AS current,
                (req.effective_from IS NULL
                 OR (acc.effective_from, acc.version_published_at) >= (req.effective_from, req.published_at)) AS covers
         FROM acc LEFT JOIN cur ON true LEFT JOIN req ON true`,
        [accountId, today],
      ),
    );
    const r = rows[0];
    if (!r) return null;
    return r.covers && r.current ? r.current : r.accepted;
  }

  async accept(accountId: string, version: string, how: AcceptanceContext = {}): Promise<void> {
    const claims = this.claimsOf ? await this.claimsOf(accountId) : null;
    if (!claims) throw new Error('terms: the account may not act (or claims are not bound)');
    const res = await fetch(this.opts.consentUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        [SUBGRAPH_SECRET_HEADER]: this.opts.secret,
        [VIEWER_ASSERTION_HEADER]: await this.opts.signer.sign(viewerOfClaims(claims), 'consent'),
      },
      body: JSON.stringify({
        query: `mutation Accept($version: String!, $clientId: String) {
          acceptTerms(version: $version, channel: LOGIN_PAGE, clientId: $clientId) { id version }
        }`,
        variables: { version, clientId: how.clientId ?? null },
      }),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
    });
    const body = (await res.json().catch(() => ({}))) as {
      data?: { acceptTerms?: { version: string } | null };
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    if (body.errors?.some((e) => e.extensions?.code === 'CONFLICT')) throw new TermsChangedError(version);
    if (!res.ok || body.errors?.length || body.data?.acceptTerms?.version !== version)
      throw new Error(
        `consent refused the acceptance: HTTP ${res.status} ${body.errors?.map((e) => e.extensions?.code ?? e.message).join(', ') ?? ''}`,
      );
  }
}
