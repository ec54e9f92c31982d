import { clock, runAsSystem, scopeOf } from '@mamis/platform';
import { PRIVACY_REQUEST_KINDS, type PrivacyRequestEntity, type PrivacyRequestStatus } from '../entities';
import { DECIDE_OP, decidePrivacyRequest, filePrivacyRequest } from '../services/privacy-request.service';
import type { ConsentContext } from '../context';
import type {
  MutationResolvers,
  PersonResolvers,
  PrivacyExportResolvers,
  PrivacyRequestResolvers,
  QueryResolvers,
} from '../generated/resolver-types';

/** A request as served: `details` is withheld from a viewer who does not see the person. */
export type ServedPrivacyRequest = PrivacyRequestEntity & { detailsHidden?: boolean };

const OPEN: readonly PrivacyRequestStatus[] = ['RECEIVED', 'APPROVED'];

/** Only the person (SELF: physician, active assistant, staff acting for them) holds CONSENT ALL. */
const isSelf = async (ctx: ConsentContext, personId: string) =>
  scopeOf(await ctx.access.grants(personId), 'CONSENT') === 'ALL';

export const privacyPersonResolvers: PersonResolvers = {
  /**
   * The person's own requests. The field rule requires the CONSENT scope ALL (SELF: physician,
   * active assistant, staff acting for them); a member association's CONSENT status gets null.
   */
  privacyRequests: (p, _, ctx) => ctx.loaders.privacyRequestsByPersonId.load(p.id),
};

export const privacyQueryResolvers: QueryResolvers = {
  privacyRequestsToDecide: async (_, args, ctx): Promise<ServedPrivacyRequest[]> => {
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

export const privacyMutationResolvers: MutationResolvers = {
  filePrivacyRequest: (_, { input }, ctx) => filePrivacyRequest(ctx, input),
  decidePrivacyRequest: (_, { input }, ctx) => decidePrivacyRequest(ctx, input),
};

export const privacyRequestResolvers: PrivacyRequestResolvers = {
  overdue: (r) => OPEN.includes(r.status) && r.dueOn < clock.today(),
  details: (r) => (r.detailsHidden ? null : r.details),
  history: (r, _, ctx) => ctx.loaders.privacyRequestEvents.load(r.id),
  /** The disclosure itself: the person only. */
  export: async (r, _, ctx) => {
    if (r.kind !== 'DISCLOSURE' || !(await isSelf(ctx, r.personId))) return null;
    return ctx.loaders.privacyExportByRequestId.load(r.id);
  },
  person: async (r, _, ctx) =>
    (await ctx.access.visible(r.personId)) ? { __typename: 'Person', id: r.personId } : null,
};

export const privacyExportResolvers: PrivacyExportResolvers = {
  json: (e) => JSON.stringify(e.json),
};
