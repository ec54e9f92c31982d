import type { DataSource } from 'typeorm';
import { AccountRepository } from './account.repository';
import { AuditRepository } from './audit.repository';
import { ClientRepository } from './client.repository';
import { MembershipLookupRepository } from './membership-lookup.repository';
import { OidcPayloadRepository } from './oidc-payload.repository';
import { PasswordResetRepository } from './password-reset.repository';
import { RevocationRepository } from './revocation.repository';
import { StaffRepository } from './staff.repository';
import { ThrottleRepository } from './throttle.repository';

export * from './account.repository';
export * from './audit.repository';
export * from './client.repository';
export * from './membership-lookup.repository';
export * from './oidc-payload.repository';
export * from './password-reset.repository';
export * from './revocation.repository';
export * from './staff.repository';
export * from './throttle.repository';

export interface Repositories {
  accounts: AccountRepository;
  audit: AuditRepository;
  clients: ClientRepository;
  membership: MembershipLookupRepository;
  oidc: OidcPayloadRepository;
  passwordResets: PasswordResetRepository;
  revocations: RevocationRepository;
  staff: StaffRepository;
  throttle: ThrottleRepository;
}

export const createRepositories = (ds: DataSource): Repositories => ({
  accounts: new AccountRepository(ds),
  audit: new AuditRepository(ds),
  clients: new ClientRepository(ds),
  membership: new MembershipLookupRepository(ds),
  oidc: new OidcPayloadRepository(ds),
  passwordResets: new PasswordResetRepository(ds),
  revocations: new RevocationRepository(ds),
  staff: new StaffRepository(ds),
  throttle: new ThrottleRepository(ds),
});
