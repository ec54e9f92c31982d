import type { ViewerResolvers } from '../generated/resolver-types';

/** The `viewer` query's object: what the access token says. */
export interface ViewerInfo {
  kind: string;
  role: string | null;
  associationId: string | null;
  personId: string | null;
  scopes: string[];
  sysadmin: boolean;
}

export const viewerResolvers: ViewerResolvers = {
  association: (v, _, ctx) => (v.associationId ? ctx.loaders.associationById.load(v.associationId) : null),
  /** The person the token acts for, through the usual visibility check (as `me`). */
  person: async (v, _, ctx) =>
    v.personId && (await ctx.access.visible(v.personId)) ? ctx.loaders.personById.load(v.personId) : null,
};
