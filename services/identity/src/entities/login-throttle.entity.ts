import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-in attempts per login name — kept for unknown names too, so an unknown user and a
 * wrong password behave the same (lockout included).
 */
@Entity({ name: 'login_throttle' })
export class LoginThrottleEntity {
  /** HMAC-SHA-256 of the normalised login name (no clear-text names of strangers stored). */
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_failure_at', type: 'timestamptz', nullable: true })
  lastFailureAt: Date | null;
}
