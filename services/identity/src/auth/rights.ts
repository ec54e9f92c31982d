import type { AccountKind, StaffRole } from '../entities';

/**
 * User API scopes ("rights") on the gateway audience: one read and one write scope per field
 * group of the access policy (design.md). A token carries the rights the client asked for that the
 * account holds; an assistant holds the subset its grantor gave it.
 */
export const FIELD_GROUPS = [
  'identity',
  'contact',
  'profile',
  'membership',
  'dues',
  'training',
  'insurance',
  'pension',
  'consent',
] as const;
export const READ_RIGHTS = FIELD_GROUPS.map((g) => `${g}:read`);
export const WRITE_RIGHTS = FIELD_GROUPS.map((g) => `${g}:write`);
export const ALL_RIGHTS = [...READ_RIGHTS, ...WRITE_RIGHTS];

/** Machine-client scopes. */
export const ANALYTICS_SCOPE = 'analytics:aggregate';
export const SOCIETY_SCOPE = /^society:[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const isMachineScope = (s: string) => s === ANALYTICS_SCOPE || SOCIETY_SCOPE.test(s);

/** OpenID scopes the provider knows besides the API rights. */
export const OIDC_SCOPES = ['openid', 'offline_access', 'profile'];

export function rightsOf(
  account: { kind: AccountKind; role: StaffRole | null },
  assistantScopes?: readonly string[],
): string[] {
  if (account.kind === 'ASSISTANT') return [...(assistantScopes ?? [])].filter((s) => ALL_RIGHTS.includes(s));
  if (account.kind === 'STAFF' && account.role === 'VIEWER') return [...READ_RIGHTS];
  return [...ALL_RIGHTS];
}
