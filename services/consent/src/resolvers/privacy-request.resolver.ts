import {
  actorOf,
  badInput,
  clock,
  conflict,
  Messages,
  notFound,
  runAsSystem,
  scopeOf,
  type AssociationOperation,
} from '@mamis/platform';
import {
  PRIVACY_REQUEST_KINDS,
  type PrivacyRequestEntity,
  type PrivacyRequestKind,
  type PrivacyRequestStatus,
} from '../entities';
import type { ConsentContext } from '../context';

/** A request as served: `details` is withheld from a viewer who does not see the person. */
type Served = PrivacyRequestEntity & { detailsHidden?: boolean };

/** Who decides which kind: corrections the routed associations; disclosure the JMA; erasure JMA admins. */
const DECIDE_OP: Record<PrivacyRequestKind, AssociationOperation> = {
  DISCLOSURE: 'DECIDE_PRIVACY_REQUEST',
  CORRECTION: 'DECIDE_PRIVACY_REQUEST',
  ERASURE: 'DECIDE_ERASURE',
};

const DETAILS_MAX = 4000;
const OPEN: readonly PrivacyRequestStatus[] = ['RECEIVED', 'APPROVED'];

/** Only the person (SELF: physician, active assistant, staff acting for them) holds CONSENT ALL. */
const isSelf = async (ctx: ConsentContext, personId: string) =>
  scopeOf(await ctx.access.grants(personId), 'CONSENT') === 'ALL';

export const privacyPersonResolvers = {
  /**
   * The person's own requests. The field rule requires the CONSENT scope ALL (SELF: physician,
   * active assistant, staff acting for them); a member association's CONSENT status gets null.
   */
  privacyRequests: (p: { id: string }, _: unknown, ctx: ConsentContext) =>
    ctx.loaders.privacyRequestsByPersonId.load(p.id),
};

export const privacyQueryResolvers = {
  privacyRequestsToDecide: async (
    _: unknown,
    args: { associationId: string; status?: PrivacyRequestStatus | null },
    ctx: ConsentContext,
  ): Promise<Served[]> => {
    ctx.access.authorizeAssociation(args.associationId, 'DECIDE_PRIVACY_REQUEST');
    const kinds = PRIVACY_REQUEST_KINDS.filter((k) =>
      ctx.access.mayOperate(args.associationId, DECIDE_OP[k]),
    );
    // routed requests regardless of row-level security (see the repository); then what the
    // viewer may see of each person
    const rows = await runAsSystem(() =>
      ctx.services.privacyRequests.routedTo(args.associationId, kinds, args.status),
    );
    const visible = new Set(await ctx.access.filterVisible([...new Set(rows.map((r) => r.personId))]));
    // the read of each visible person's CONSENT data is recorded (every request is shown)
    await ctx.access.recordsInScope(
      'CONSENT',
      rows.filter((r) => visible.has(r.personId)),
      (r) => r.personId,
      () => true,
    );
    return rows.map((r) => (visible.has(r.personId) ? r : { ...r, details: null, detailsHidden: true }));
  },
};

export const privacyMutationResolvers = {
  filePrivacyRequest: async (
    _: unknown,
    {
      input,
    }: {
      input: { personId: string; kind: PrivacyRequestKind; details?: string | null; idempotencyKey: string };
    },
    ctx: ConsentContext,
  ) => {
    await ctx.access.authorizeWrite(input.personId, 'FILE_PRIVACY_REQUEST');
    const details = input.details?.trim() || null;
    if (details && details.length > DETAILS_MAX)
      throw badInput('input.details', Messages.TEXT_TOO_LONG({ max: DETAILS_MAX }));
    if (input.kind === 'CORRECTION' && !details)
      throw badInput('input.details', Messages.CORRECTION_DETAILS_REQUIRED);
    const id = await ctx.services.privacyRequests.fileOnce(
      {
        personId: input.personId,
        kind: input.kind,
        details,
        filedBy: actorOf(ctx.viewer),
      },
      input.idempotencyKey,
    );
    const [row] = await ctx.services.privacyRequests.byIds([id]);
    if (!row) throw notFound(Messages.PRIVACY_REQUEST_NOT_FOUND);
    return row;
  },

  decidePrivacyRequest: async (
    _: unknown,
    {
      input,
    }: {
      input: {
        requestId: string;
        associationId: string;
        approve: boolean;
        note?: string | null;
        version: number;
      };
    },
    ctx: ConsentContext,
  ) => {
    ctx.access.authorizeAssociation(input.associationId, 'DECIDE_PRIVACY_REQUEST');
    const note = input.note?.trim() || null;
    if (!input.approve && !note) throw badInput('input.note', Messages.REJECTION_REASON_REQUIRED);
    if (note && note.length > DETAILS_MAX)
      throw badInput('input.note', Messages.TEXT_TOO_LONG({ max: DETAILS_MAX }));
    const actor = actorOf(ctx.viewer);
    const repo = ctx.services.privacyRequests;
    return repo.decideWith(input.requestId, async (manager, req) => {
      // not routed to this association: as if it did not exist
      if (!req || !req.routedAssociationIds.includes(input.associationId))
        throw notFound(Messages.PRIVACY_REQUEST_NOT_FOUND, 'input.requestId');
      ctx.access.authorizeAssociation(input.associationId, DECIDE_OP[req.kind]);
      if (req.status !== 'RECEIVED')
        throw conflict(Messages.PRIVACY_REQUEST_DECIDED({ status: req.status }), 'input.requestId');
      // a correction decided by an association: the association corrects the data (EDIT_PERSON)
      // and closes the request; a disclosure/erasure approved is carried out by the admin command
      const status: PrivacyRequestStatus = !input.approve
        ? 'REJECTED'
        : req.kind === 'CORRECTION'
          ? 'COMPLETED'
          : 'APPROVED';
      const next = await repo.decide(manager, req, status, { ...input, note, actor });
      if (next === req) throw conflict(Messages.PRIVACY_REQUEST_CHANGED, 'input.version');
      return next;
    });
  },
};

export const privacyRequestResolvers = {
  overdue: (r: Served) => OPEN.includes(r.status) && r.dueOn < clock.today(),
  details: (r: Served) => (r.detailsHidden ? null : r.details),
  history: (r: Served, _: unknown, ctx: ConsentContext) => ctx.loaders.privacyRequestEvents.load(r.id),
  /** The disclosure itself: the person only. */
  export: async (r: Served, _: unknown, ctx: ConsentContext) => {
    if (r.kind !== 'DISCLOSURE' || !(await isSelf(ctx, r.personId))) return null;
    return ctx.loaders.privacyExportByRequestId.load(r.id);
  },
  person: async (r: Served, _: unknown, ctx: ConsentContext) =>
    (await ctx.access.visible(r.personId)) ? { __typename: 'Person', id: r.personId } : null,
};

export const privacyExportResolvers = {
  json: (e: { json: unknown }) => JSON.stringify(e.json),
};
