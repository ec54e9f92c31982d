import { applicationInScope } from '@mamis/platform';
import { pageSize } from '../validation/page.validator';
import { peopleQueryArgs } from '../validation/people-query.validator';
import type { QueryResolvers } from '../generated/resolver-types';

export const queryResolvers: QueryResolvers = {
  /** A person the viewer has no relation to is null, exactly as one that does not exist. */
  person: async (_, args, ctx) =>
    (await ctx.access.visible(args.id)) ? ctx.loaders.personById.load(args.id) : null,

  /** Who am I: what the access token says; the association and person are loaded as usual. */
  viewer: (_, _args, ctx) => ({
    kind: ctx.viewer.kind,
    role: ctx.viewer.role ?? null,
    associationId: ctx.viewer.associationId ?? null,
    personId: ctx.viewer.personId ?? null,
    scopes: ctx.viewer.scopes ?? [],
    sysadmin: ctx.viewer.sysadmin === true,
  }),

  /** The viewer's own person: physicians (and whoever acts as them); null for staff and clients. */
  me: async (_, _args, ctx) => {
    const id = ctx.viewer.personId;
    return id && (await ctx.access.visible(id)) ? ctx.loaders.personById.load(id) : null;
  },

  people: async (_, args, ctx) => {
    const { first, after, search, registryNumber } = peopleQueryArgs(args);
    const page = await ctx.services.persons.visiblePage(ctx.viewer, first, after, search, registryNumber);
    for (const p of page.nodes) ctx.loaders.personById.prime(p.id, p);
    const visible = new Set(await ctx.access.filterVisible(page.nodes.map((p) => p.id)));
    return { ...page, nodes: page.nodes.filter((p) => visible.has(p.id)), totalCount: page.total };
  },

  association: (_, args, ctx) => ctx.loaders.associationById.load(args.id),

  associationByCode: (_, args, ctx) => ctx.services.associations.findByCode(args.code),

  associations: (_, args, ctx) => ctx.services.associations.list(args),

  /**
   * Staff: applications with a step at their association; a physician (or whoever acts as them):
   * their own. Each is kept only if the viewer's MEMBERSHIP scope for its applicant covers it.
   */
  membershipApplications: async (_, args, ctx) => {
    const limit = pageSize(args.first ?? 100, 'first', 500);
    const v = ctx.viewer;
    const apps =
      v.kind === 'STAFF' && v.associationId
        ? await ctx.services.applications.forAssociation(v.associationId, args.status, limit)
        : v.personId
          ? await ctx.services.applications.forPerson(v.personId, args.status, limit)
          : [];
    const steps = await ctx.loaders.stepsByApplicationId.loadMany(apps.map((a) => a.id));
    const stepsOf = new Map(apps.map((a, i) => [a, steps[i]]));
    return ctx.access.recordsInScope(
      'MEMBERSHIP',
      apps,
      (a) => a.personId,
      (scope, a) => {
        const s = stepsOf.get(a);
        return Array.isArray(s) && applicationInScope(scope, a, s, v);
      },
    );
  },
};
