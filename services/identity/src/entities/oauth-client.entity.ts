import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** PUBLIC: a frontend (authorization code + PKCE, no secret). MACHINE: client_credentials with scopes. */
export type ClientKind = 'PUBLIC' | 'MACHINE';

/** An OAuth client registered by a JMA administrator. The secret is shown once and kept hashed. */
@Entity({ name: 'oauth_client' })
export class OAuthClientEntity {
  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: ClientKind;

  /** `sha256:<base64url>` of the secret (secrets are 256-bit random, so a fast hash suffices). */
  @Column({ name: 'secret_hash', type: 'text', nullable: true })
  secretHash: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopes: string[];

  @Column({ name: 'redirect_uris', type: 'text', array: true, default: () => "'{}'" })
  redirectUris: string[];

  @Column({ name: 'post_logout_redirect_uris', type: 'text', array: true, default: () => "'{}'" })
  postLogoutRedirectUris: string[];

  /** PUBLIC clients may use RFC 8693 token exchange (act-on-behalf by staff). */
  @Column({ name: 'token_exchange', type: 'boolean', default: false })
  tokenExchange: boolean;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
