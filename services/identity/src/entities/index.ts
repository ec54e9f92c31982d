import { AccountEntity } from './account.entity';
import { AssistantGrantEntity } from './assistant-grant.entity';
import { InterimTermsAcceptanceEntity, InterimTermsVersionEntity } from './interim-terms.entity';
import { LifecycleCheckpointEntity, LifecycleEventDoneEntity } from './lifecycle.entity';
import { LoginThrottleEntity } from './login-throttle.entity';
import { OAuthClientEntity } from './oauth-client.entity';
import { OidcPayloadEntity } from './oidc-payload.entity';
import { PasswordResetTokenEntity } from './password-reset-token.entity';
import { RecoveryCodeEntity } from './recovery-code.entity';
import { StaffInvitationEntity } from './staff-invitation.entity';
import { TokenRevocationEntity } from './token-revocation.entity';

export * from './account.entity';
export * from './assistant-grant.entity';
export * from './interim-terms.entity';
export * from './lifecycle.entity';
export * from './login-throttle.entity';
export * from './oauth-client.entity';
export * from './oidc-payload.entity';
export * from './password-reset-token.entity';
export * from './recovery-code.entity';
export * from './staff-invitation.entity';
export * from './token-revocation.entity';

export const entities = [
  AccountEntity,
  AssistantGrantEntity,
  LoginThrottleEntity,
  RecoveryCodeEntity,
  OAuthClientEntity,
  OidcPayloadEntity,
  PasswordResetTokenEntity,
  InterimTermsVersionEntity,
  InterimTermsAcceptanceEntity,
  TokenRevocationEntity,
  LifecycleCheckpointEntity,
  LifecycleEventDoneEntity,
  StaffInvitationEntity,
];
