import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  actorOf,
  AppError,
  badInput,
  clock,
  conflict,
  ErrorCode,
  Messages,
  withIdempotency,
} from '@mamis/platform';
import type { MembershipContext } from '../context';
import type { ApplicationKind } from '../entities/membership-application.entity';
import { category } from '../domain/application-plan';
import { MembershipApplicationRepository } from '../repositories/membership-application.repository';
import { MembershipEventRepository } from '../repositories/membership-event.repository';
import { PersonRepository } from '../repositories/person.repository';
import { importRoster, type ImportRosterInput } from '../services/roster-import.service';
import {
  CONTACT_FIELDS,
  sentFields,
  validatePersonInput,
  type PersonInput,
} from '../validation/person-input.validator';

interface CreatePersonArgs {
  input: PersonInput;
  membership: { associationId: string; category: string; joinedOn: string };
  confirmDuplicate?: boolean | null;
  idempotencyKey: string;
}

interface FileApplicationArgs {
  input: {
    personId: string;
    kind: ApplicationKind;
    effectiveOn: string;
    associations: { associationId: string; category?: string | null }[];
    transferFrom?: string[] | null;
    comment?: string | null;
  };
  idempotencyKey: string;
}

/** The account that did it: the human behind an act-on-behalf or assistant token, else the subject. */
/** Idempotency keys are per token subject. */
const submitterOf = (ctx: MembershipContext) => ctx.viewer.sub ?? 'unknown';

/**
 * What a registry number given by the viewer means for the write. Held by a person the viewer
 * sees: a conflict (as before). Held by a person the viewer has no relation to: the write goes
 * exactly as for an unused number — the office's record is kept as its own, marked as awaiting a
 * match with that person (`registry_match_of`, never shown to the office). The same statements
 * run whether or not the number is held (the visibility check gets a random id when it is not),
 * so neither the answer nor its cost tells the office that the person exists.
 */
async function registryNumberMatch(
  ctx: MembershipContext,
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

export const mutationResolvers = {
  /** Bulk roster import (dry run first; idempotent): roster-import.service.ts. */
  importRoster: (_: unknown, args: { input: ImportRosterInput }, ctx: MembershipContext) =>
    importRoster(ctx, args.input),

  /**
   * Staff (clerk/admin) register a person who joins their association at once: the person row
   * and a JOIN event (→ an ACTIVE membership) in one transaction, once per idempotency key.
   */
  createPerson: async (_: unknown, args: CreatePersonArgs, ctx: MembershipContext) => {
    const { input, membership } = args;
    ctx.access.authorizeAssociation(membership.associationId, 'REGISTER_MEMBER');
    const columns = validatePersonInput(input, { create: true });
    const cat = category('membership.category', membership.category);
    if (membership.joinedOn > clock.today())
      throw badInput('membership.joinedOn', Messages.JOINED_ON_IN_FUTURE);
    const payload = { input, membership, confirmDuplicate: !!args.confirmDuplicate };
    const { id } = await withIdempotency(
      ctx.services.dataSource,
      { operation: 'createPerson', actor: submitterOf(ctx), key: args.idempotencyKey, payload },
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
            recordedBy: actorOf(ctx.viewer, 'unknown'),
          },
        ]);
        return { id: personId };
      },
    );
    // an association-keyed write to a person's data: audited like person-keyed ones
    ctx.access.recordWrite([id], 'IDENTITY');
    ctx.access.recordWrite([id], 'MEMBERSHIP');
    return ctx.loaders.personById.load(id);
  },

  /**
   * Change a person's data with the version read. Contact fields need EDIT_CONTACT (the
   * physician themself, member associations' clerks); anything else EDIT_PERSON (clerks only).
   */
  updatePerson: async (
    _: unknown,
    args: { id: string; version: number; input: PersonInput },
    ctx: MembershipContext,
  ) => {
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
    ctx.loaders.personById.clear(args.id);
    return ctx.loaders.personById.load(args.id);
  },

  /** File once (idempotency key): the physician, or staff of a member association for them. */
  fileMembershipApplication: async (
    _: unknown,
    { input, idempotencyKey }: FileApplicationArgs,
    ctx: MembershipContext,
  ) => {
    await ctx.access.authorizeWrite(input.personId, 'FILE_APPLICATION');
    const { id } = await withIdempotency(
      ctx.services.dataSource,
      {
        operation: 'fileMembershipApplication',
        actor: submitterOf(ctx),
        key: idempotencyKey,
        payload: input,
      },
      async (manager) => {
        const app = await MembershipApplicationRepository.file(manager, {
          ...input,
          filedBy: actorOf(ctx.viewer, 'unknown'),
        });
        return { id: app.id };
      },
    );
    // the filer is the person or a member association's staff: row security lets them read it
    const [app] = await ctx.services.applications.byIds([id]);
    return app;
  },

  /** Staff of the step's association approve or reject it; the last approval writes the events. */
  decideMembershipApplicationStep: async (
    _: unknown,
    args: { stepId: string; decision: 'APPROVE' | 'REJECT'; comment?: string | null },
    ctx: MembershipContext,
  ) =>
    ctx.services.dataSource.transaction(async (manager) => {
      const associationId = await MembershipApplicationRepository.stepAssociation(manager, args.stepId);
      ctx.access.authorizeAssociation(associationId, 'DECIDE_APPLICATION_STEP');
      const id = await MembershipApplicationRepository.decide(
        manager,
        args.stepId,
        args.decision,
        args.comment,
        actorOf(ctx.viewer, 'unknown'),
      );
      // read back in the transaction: an applicant who is not a member yet is related to this
      // association through the application only
      const app = await MembershipApplicationRepository.load(manager, id);
      if (app) ctx.access.recordWrite([app.personId], 'MEMBERSHIP');
      return app;
    }),

  /** The applicant (or member-association staff for them) withdraw a pending application. */
  cancelMembershipApplication: async (
    _: unknown,
    args: { id: string; reason?: string | null },
    ctx: MembershipContext,
  ) => {
    const [visible] = await ctx.services.applications.byIds([args.id]);
    if (!visible) throw new AppError(ErrorCode.NOT_FOUND, Messages.MEMBERSHIP_APPLICATION_NOT_FOUND);
    await ctx.access.authorizeWrite(visible.personId, 'FILE_APPLICATION');
    return ctx.services.dataSource.transaction(async (manager) => {
      await MembershipApplicationRepository.cancel(
        manager,
        args.id,
        args.reason,
        actorOf(ctx.viewer, 'unknown'),
      );
      return MembershipApplicationRepository.load(manager, args.id);
    });
  },

  /**
   * A member's death (staff of a member association): every current membership ends with a
   * DEATH event on that date, and pending applications are cancelled.
   */
  recordDeath: async (_: unknown, args: { personId: string; diedOn: string }, ctx: MembershipContext) => {
    await ctx.access.authorizeWrite(args.personId, 'EDIT_PERSON');
    if (args.diedOn > clock.today()) throw badInput('diedOn', Messages.DATE_IN_FUTURE);
    await ctx.services.dataSource.transaction(async (manager) => {
      await MembershipEventRepository.lockPerson(manager, args.personId);
      const active = await MembershipEventRepository.active(manager, args.personId);
      if (active.size === 0) throw conflict(Messages.NO_CURRENT_MEMBERSHIP, 'personId');
      const pending = (await manager.query(
        `SELECT id::text AS id FROM membership.membership_application WHERE person_id = $1 AND status = 'PENDING'`,
        [args.personId],
      )) as { id: string }[];
      for (const p of pending)
        await MembershipApplicationRepository.cancel(
          manager,
          p.id,
          '死亡 (death)',
          actorOf(ctx.viewer, 'unknown'),
        );
      await MembershipEventRepository.append(
        manager,
        [...active.keys()].map((associationId) => ({
          personId: args.personId,
          associationId,
          kind: 'DEATH' as const,
          effectiveOn: args.diedOn,
          recordedBy: actorOf(ctx.viewer, 'unknown'),
        })),
      );
    });
    return ctx.loaders.personById.load(args.personId);
  },
};
