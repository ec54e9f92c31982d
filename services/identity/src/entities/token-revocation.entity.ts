import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * "Every access token of this subject issued at or before `not_before` is void"; read by the gateway on every request.
 * JWT access tokens are self-contained and live ≤ 5 min; the gateway reads these rows through
 * `/internal/revocations` on every request, so a revocation holds from the next request on.
 * Keys: `account:<account id>` (token `sub` or `act.sub`), `person:<person id>` (`person_id`),
 * `client:<client id>` (`client_id`).
 */
@Entity({ name: 'token_revocation' })
export class TokenRevocationEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  /** Tokens with `iat` ≤ this instant are refused. */
  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore: Date;

  @Column({ type: 'text' })
  reason: string;

  @Index('token_revocation_updated_idx')
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
