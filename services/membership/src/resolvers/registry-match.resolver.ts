import type { MembershipContext } from '../context';
import type { PersonEntity } from '../entities/person.entity';
import type { RegistryMatchRow } from '../repositories/registry-match.repository';
import { acceptRegistryMatch, registryMatchesOf } from '../services/registry-match.service';

/** Registrations awaiting a match with their registry number's holder: registry-match.service.ts. */

export const registryMatchPersonResolvers = {
  registryMatches: (p: PersonEntity, _: unknown, ctx: MembershipContext) => registryMatchesOf(ctx, p.id),
};

export const registryMatchResolvers = {
  association: (r: RegistryMatchRow, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.associationById.load(r.association_id),
  category: (r: RegistryMatchRow) => r.category,
  joinedOn: (r: RegistryMatchRow) => r.joined_on,
};

export const registryMatchMutationResolvers = {
  acceptRegistryMatch: async (_: unknown, args: { id: string }, ctx: MembershipContext) => {
    const holder = await acceptRegistryMatch(ctx, args.id);
    ctx.loaders.personById.clear(holder);
    return ctx.loaders.personById.load(holder);
  },
};
