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
import type { MembershipWriteContext } from '../context';
import { MembershipEventRepository } from '../repositories/membership-event.repository';
import { RegistryMatchRepository, type RegistryMatchRow } from '../repositories/registry-match.repository';

/**
 * Registrations kept apart because the association could not see the registry number's holder
 * (`membership.person.registry_match_of`, see person.service.ts): the holder sees them on their
 * own record and accepts them. Until then the association learns nothing about the holder; after,
 * the holder is its member (which the holder chose). The marked records are not the holder's and
 * row security shows them to nobody but their association, so these statements run as the system
 * after the policy decided (the holder's own CONSENT scope to read, ACCEPT_REGISTRY_MATCH to write).
 */

/**
 * The registrations awaiting a match with `personId`. Only the holder's own: the field rule of
 * `Person.registryMatches` requires the CONSENT scope ALL (the shield refuses anyone else first).
 */
export async function registryMatchesOf(
  ctx: MembershipWriteContext,
  personId: string,
): Promise<RegistryMatchRow[]> {
  return runAsSystem(() => RegistryMatchRepository.of(ctx.services.dataSource, personId));
}

/**
 * The holder accepts a registration: the association's separate record ends where it began, and
 * the holder joins that association (unless already a member). Answers the holder's person id.
 */
export async function acceptRegistryMatch(ctx: MembershipWriteContext, id: string): Promise<string> {
  const holder = ctx.viewer.personId;
  if (!holder) throw new AppError(ErrorCode.FORBIDDEN, Messages.REGISTRATION_ACCEPT_NAMED_ONLY);
  if (onlyUuids([id]).length === 0) throw badInput('id', Messages.NOT_A_REGISTRATION_ID);
  await ctx.access.authorizeWrite(holder, 'ACCEPT_REGISTRY_MATCH');
  const marked = await runAsSystem(() =>
    ctx.services.dataSource.transaction(async (manager) => {
      await MembershipEventRepository.lockPerson(manager, holder);
      const match = await RegistryMatchRepository.lock(manager, holder, id);
      if (!match) throw notFound(Messages.MEMBER_REGISTRATION_NOT_FOUND);
      await MembershipEventRepository.lockPerson(manager, match.person_id);
      const recordedBy = actorOf(ctx.viewer);
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
  return holder;
}
