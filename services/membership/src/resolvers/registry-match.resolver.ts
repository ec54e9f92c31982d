import {
  actorOf,
  AppError,
  badInput,
  clock,
  ErrorCode,
  Messages,
  notFound,
  onlyUuids,
  runAsSystem,
} from '@mamis/platform';
import type { MembershipContext } from '../context';
import type { PersonEntity } from '../entities/person.entity';
import { MembershipEventRepository } from '../repositories/membership-event.repository';

/**
 * Registrations kept apart because the association could not see the registry number's holder
 * (`membership.person.registry_match_of`, see mutation.resolver.ts): the holder sees them on their
 * own record and accepts them. Until then the association learns nothing about the holder; after,
 * the holder is its member (which the holder chose). The marked records are not the holder's and
 * row security shows them to nobody but their association, so these statements run as the system
 * after the policy decided (the holder's own CONSENT scope to read, ACCEPT_REGISTRY_MATCH to write).
 */

interface MatchRow {
  id: string;
  person_id: string;
  association_id: string;
  category: string;
  joined_on: string;
}

const MATCHES = `SELECT m.id::text AS id, m.person_id::text AS person_id, m.association_id::text AS association_id,
         m.category, m.joined_on::text AS joined_on
    FROM membership.person p JOIN membership.membership m ON m.person_id = p.id AND m.status = 'ACTIVE'
   WHERE p.registry_match_of = $1`;

export const registryMatchPersonResolvers = {
  /** The person's own (the field rule requires the CONSENT scope ALL). */
  registryMatches: async (p: PersonEntity, _: unknown, ctx: MembershipContext) => {
    const rows = await runAsSystem(
      async () =>
        (await ctx.services.dataSource.query(`${MATCHES} ORDER BY m.joined_on, m.id`, [p.id])) as MatchRow[],
    );
    return rows;
  },
};

export const registryMatchResolvers = {
  association: (r: MatchRow, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.associationById.load(r.association_id),
  category: (r: MatchRow) => r.category,
  joinedOn: (r: MatchRow) => r.joined_on,
};

export const registryMatchMutationResolvers = {
  acceptRegistryMatch: async (_: unknown, args: { id: string }, ctx: MembershipContext) => {
    const holder = ctx.viewer.personId;
    if (!holder) throw new AppError(ErrorCode.FORBIDDEN, Messages.REGISTRATION_ACCEPT_NAMED_ONLY);
    if (onlyUuids([args.id]).length === 0) throw badInput('id', Messages.NOT_A_REGISTRATION_ID);
    await ctx.access.authorizeWrite(holder, 'ACCEPT_REGISTRY_MATCH');
    const marked = await runAsSystem(() =>
      ctx.services.dataSource.transaction(async (manager) => {
        await MembershipEventRepository.lockPerson(manager, holder);
        const [match] = (await manager.query(`${MATCHES} AND m.id = $2 FOR UPDATE OF m`, [
          holder,
          args.id,
        ])) as MatchRow[];
        if (!match) throw notFound(Messages.MEMBER_REGISTRATION_NOT_FOUND);
        await MembershipEventRepository.lockPerson(manager, match.person_id);
        const recordedBy = actorOf(ctx.viewer, 'unknown');
        // the association's separate record ends where it began (it never was a second person)
        await MembershipEventRepository.append(manager, [
          {
            personId: match.person_id,
            associationId: match.association_id,
            kind: 'LEAVE',
            effectiveOn: match.joined_on,
            recordedBy,
          },
        ]);
        const active = await MembershipEventRepository.active(manager, holder);
        if (!active.has(match.association_id))
          await MembershipEventRepository.append(manager, [
            {
              personId: holder,
              associationId: match.association_id,
              kind: 'JOIN',
              category: match.category,
              effectiveOn: match.joined_on > clock.today() ? clock.today() : match.joined_on,
              recordedBy,
            },
          ]);
        return match.person_id;
      }),
    );
    // the association's record changed too (its own data): audited like any write
    ctx.access.recordWrite([marked], 'MEMBERSHIP');
    ctx.loaders.personById.clear(holder);
    return ctx.loaders.personById.load(holder);
  },
};
