/**
 * The field groups of the access policy as the portal names them: each is a pair of rights
 * (`<group>:read`, `<group>:write`) that a sign-in asks for and a physician grants an assistant.
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

export type FieldGroup = (typeof FIELD_GROUPS)[number];

/**
 * The rights a sign-in asks for: every field group, read and write. The identity service grants a
 * physician all of them, an assistant only those its physician granted (the token says which).
 */
export const SIGN_IN_SCOPE = [
  'openid',
  'profile',
  ...FIELD_GROUPS.flatMap((g) => [`${g}:read`, `${g}:write`]),
].join(' ');
