import { AccessMessages, CommonMessages } from './common.messages';
import { ConsentMessages } from './consent.messages';
import { DuesMessages } from './dues.messages';
import { IdentityMessages } from './identity.messages';
import { InsurancePensionMessages } from './insurance-pension.messages';
import { MembershipMessages } from './membership.messages';
import { SurveyMessages } from './survey.messages';
import { TrainingMessages } from './training.messages';

export * from './message';

/**
 * The message catalogue: every message a person reads in an API error, Japanese first with the
 * English alongside, under a stable reason code (`extensions.details.reason`). One module per
 * service area; a call site names the entry (`badInput('input.units', Messages.UNITS_HALF_STEP)`),
 * and an entry with parameters is called with them (`Messages.TEXT_TOO_LONG({ max: 200 })`).
 */
export const MESSAGE_MODULES = {
  CommonMessages,
  AccessMessages,
  ConsentMessages,
  SurveyMessages,
  InsurancePensionMessages,
  MembershipMessages,
  DuesMessages,
  TrainingMessages,
  IdentityMessages,
} as const;

export const Messages = {
  ...CommonMessages,
  ...AccessMessages,
  ...ConsentMessages,
  ...SurveyMessages,
  ...InsurancePensionMessages,
  ...MembershipMessages,
  ...DuesMessages,
  ...TrainingMessages,
  ...IdentityMessages,
} as const;
