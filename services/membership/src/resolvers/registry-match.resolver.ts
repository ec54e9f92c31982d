import type { MutationResolvers, PersonResolvers, RegistryMatchResolvers } from '../generated/resolver-types';
import { referencedAssociation } from './association.resolver';
import { writtenPerson } from './person.resolver';
import { acceptRegistryMatch, registryMatchesOf } from '../services/registry-match.service';

/** Registrations awaiting a match with their registry number's holder: registry-match.service.ts. */

export const registryMatchPersonResolvers: PersonResolvers = {
  registryMatches: (p, _, ctx) => registryMatchesOf(ctx, p.id),
};

export const registryMatchResolvers: RegistryMatchResolvers = {
  association: (r, _, ctx) => referencedAssociation(ctx, r.association_id),
  category: (r) => r.category,
  joinedOn: (r) => r.joined_on,
};

export const registryMatchMutationResolvers: MutationResolvers = {
  acceptRegistryMatch: async (_, args, ctx) => {
    const holder = await acceptRegistryMatch(ctx, args.id);
    ctx.loaders.personById.clear(holder);
    return writtenPerson(ctx, holder);
  },
};
