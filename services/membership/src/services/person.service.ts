import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  actorOf,
  AppError,
  badInput,
  clock,
  conflict,
  ErrorCode,
  idempotencyScopeOf,
  Messages,
  withIdempotency,
} from '@mamis/platform';
import type { MembershipWriteContext } from '../context';
import { category } from '../domain/application-plan';
import { MembershipApplicationRepository } from '../repositories/membership-application.repository';
import { MembershipEventRepository } from '../repositories/membership-event.repository';
import { PersonRepository } from '../repositories/person.repository';
import {
  CONTACT_FIELDS,
  sentFields,
  validatePersonInput,
  type PersonInput,
} from '../validation/person-input.validator';
import { withdrawApplication } from './membership-application.service';

/**
 * Writes to a person's record by staff or the physician: registration of a new member, changes
 * with the version read, and a member's death. Authorise, validate, one transaction; the
 * repositories hold the SQL.
 */

export interface CreatePersonArgs {
  input: PersonInput;
  membership: { associationId: string; category: string; joinedOn: string };
  confirmDuplicate?: boolean | null;
  idempotencyKey: string;
}

/**
 * What a registry number given by the viewer means for the write. Held by a person the viewer
 * sees: a conflict (as before). Held by a person the viewer has no relation to: the write goes
 * exactly as for an unused number — the office's record is kept as its own, marked as awaiting a
 * match with that person (`registry_match_of`, never shown to the office). The same statements
 * run whether or not the number is held (the visibility check gets a random id when it is not),
 * so neither the answer nor its cost tells the office that the person exists.
 */
async function registryNumberMatch(
  ctx: MembershipWriteContext,
  manager: EntityManager,
  registryNumber: string,
  exceptId?: string,
): Promise<{ conflict: boolean; matchOf: string | null }> {
  const holder = await PersonRepository.registryNumberHolder(manager, registryNumber, exceptId);
  const probe = holder ?? randomUUID();
  const [seen] = await ctx.access.filterVisible([probe]);
  if (!holder) return { conflict: false, matchOf: null };
  return seen ? { conflict: true, matchOf: null } : { conflict: false, matchOf: holder };
}

/**
 * Staff (clerk/admin) register a person who joins their association at once: the person row
 * and a JOIN event (→ an ACTIVE membership) in one transaction, once per idempotency key.
 * Answers the new person's id.
 */
export async function createPerson(ctx: MembershipWriteContext, args: CreatePersonArgs): Promise<string> {
  const { input, membership } = args;
  ctx.access.authorizeAssociation(membership.associationId, 'REGISTER_MEMBER');
  const columns = validatePersonInput(input, { create: true });
  const cat = category('membership.category', membership.category);
  if (membership.joinedOn > clock.today())
    throw badInput('membership.joinedOn', Messages.JOINED_ON_IN_FUTURE);
  const payload = { input, membership, confirmDuplicate: !!args.confirmDuplicate };
  const { id } = await withIdempotency(
    ctx.services.dataSource,
    { operation: 'createPerson', actor: idempotencyScopeOf(ctx.viewer), key: args.idempotencyKey, payload },
    async (manager) => {
      const registry = await registryNumberMatch(ctx, manager, columns.registry_number as string);
      if (registry.conflict) throw PersonRepository.registryNumberConflict();
      columns.registry_match_of = registry.matchOf;
      // the same name and birth date: a warning about persons the viewer already sees only —
      // anyone else makes no difference to the answer (the same two queries run either way)
      const dups = await PersonRepository.sameNameAndBirthDate(
        manager,
        columns.family_name as string,
        columns.given_name as string,
        columns.birth_date as string,
      );
      const visible = await ctx.access.filterVisible(dups);
      if (visible.length && !args.confirmDuplicate)
        throw new AppError(ErrorCode.CONFLICT, Messages.POSSIBLE_DUPLICATE_PERSON, {
          field: 'confirmDuplicate',
          details: { duplicates: visible.map((id) => ({ id })) },
        });
      const personId = await PersonRepository.insert(manager, columns);
      await MembershipEventRepository.lockPerson(manager, personId);
      await MembershipEventRepository.append(manager, [
        {
          personId,
          associationId: membership.associationId,
          kind: 'JOIN',
          category: cat,
          effectiveOn: membership.joinedOn,
          recordedBy: actorOf(ctx.viewer),
        },
      ]);
      return { id: personId };
    },
  );
  // an association-keyed write to a person's data: audited like person-keyed ones
  ctx.access.recordWrite([id], 'IDENTITY');
  ctx.access.recordWrite([id], 'MEMBERSHIP');
  return id;
}

/**
 * Change a person's data with the version read. Contact fields need EDIT_CONTACT (the
 * physician themself, member associations' clerks); anything else EDIT_PERSON (clerks only).
 */
export async function updatePerson(
  ctx: MembershipWriteContext,
  args: { id: string; version: number; input: PersonInput },
): Promise<void> {
  const fields = sentFields(args.input);
  if (fields.length === 0) throw badInput('input', Messages.NOTHING_TO_CHANGE_PERSON);
  const op = fields.every((f) => CONTACT_FIELDS.has(f)) ? 'EDIT_CONTACT' : 'EDIT_PERSON';
  await ctx.access.authorizeWrite(args.id, op);
  await ctx.services.dataSource.transaction(async (manager) => {
    const current = await PersonRepository.load(manager, args.id);
    const columns = validatePersonInput(args.input, { current });
    if (columns.registry_number && columns.registry_number !== current.registryNumber) {
      const registry = await registryNumberMatch(ctx, manager, columns.registry_number as string, args.id);
      if (registry.conflict) throw PersonRepository.registryNumberConflict();
      columns.registry_match_of = registry.matchOf;
    }
    await PersonRepository.update(manager, args.id, args.version, columns);
  });
}

/**
 * A member's death (staff of a member association): every current membership ends with a
 * DEATH event on that date, and pending applications are cancelled.
 */
export async function recordDeath(ctx: MembershipWriteContext, args: { personId: string; diedOn: string }) {
  await ctx.access.authorizeWrite(args.personId, 'EDIT_PERSON');
  if (args.diedOn > clock.today()) throw badInput('diedOn', Messages.DATE_IN_FUTURE);
  const recordedBy = actorOf(ctx.viewer);
  await ctx.services.dataSource.transaction(async (manager) => {
    await MembershipEventRepository.lockPerson(manager, args.personId);
    const active = await MembershipEventRepository.active(manager, args.personId);
    if (active.size === 0) throw conflict(Messages.NO_CURRENT_MEMBERSHIP, 'personId');
    for (const id of await MembershipApplicationRepository.pendingOf(manager, args.personId))
      await withdrawApplication(manager, id, '死亡 (death)', recordedBy);
    await MembershipEventRepository.append(
      manager,
      [...active.keys()].map((associationId) => ({
        personId: args.personId,
        associationId,
        kind: 'DEATH' as const,
        effectiveOn: args.diedOn,
        recordedBy,
      })),
    );
  });
}
