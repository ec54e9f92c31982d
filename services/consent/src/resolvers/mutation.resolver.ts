import { actingAccountOf, AppError, ErrorCode, isUuid, Messages, notFound } from '@mamis/platform';
import type { ConsentContext } from '../context';
import type { NewJointUseNotice } from '../repositories/joint-use-notice.repository';
import type { NewServiceDisclosure } from '../repositories/service-disclosure.repository';
import type { NewTermsVersion } from '../repositories/terms.repository';

/** The account that published (a uuid `sub`; anything else is not recorded). */
const publisher = (ctx: ConsentContext) => {
  const sub = actingAccountOf(ctx.viewer);
  return sub && isUuid(sub) ? sub : null;
};

const forbidden = () => new AppError(ErrorCode.FORBIDDEN, Messages.TERMS_ACCEPT_NOT_ALLOWED);

export const mutationResolvers = {
  /**
   * The acceptance belongs to the human using the token: the actor (an assistant, staff acting on
   * a physician's behalf) when there is one, otherwise the subject. A physician accepts as SELF
   * (WRITE_POLICY ACCEPT_TERMS); a staff member for their own staff account (ACCEPT_STAFF_TERMS).
   */
  acceptTerms: async (
    _: unknown,
    args: { version: string; channel?: 'API' | 'LOGIN_PAGE' | null; clientId?: string | null },
    ctx: ConsentContext,
  ) => {
    const v = ctx.viewer;
    const accountId = actingAccountOf(v);
    if (!accountId || !isUuid(accountId)) throw forbidden();
    // An assistant accepts the terms for their own use of the system (terms art. 2.3, 2.5): that
    // needs no right from the grantor and grants none — it only records the assistant's consent
    // (the assistant's account, the version, and the account they act for).
    const assistant = v.kind === 'ASSISTANT' && v.actor?.kind === 'ASSISTANT';
    if (assistant) {
      if (!v.sub || !isUuid(v.sub)) throw forbidden();
    } else if (v.personId) await ctx.access.authorizeWrite(v.personId, 'ACCEPT_TERMS');
    else if (v.kind === 'STAFF' && v.associationId)
      ctx.access.authorizeAssociation(v.associationId, 'ACCEPT_STAFF_TERMS');
    else throw forbidden();
    const personId = v.kind === 'PHYSICIAN' && !v.actor ? (v.personId ?? null) : null;
    const principalAccountId = assistant ? (v.sub ?? null) : null;
    return ctx.services.terms.accept({ accountId, personId, principalAccountId }, args.version, {
      method: args.channel === 'LOGIN_PAGE' ? 'LOGIN_PAGE' : 'API',
      clientId: args.clientId?.slice(0, 200) ?? null,
    });
  },

  publishTermsVersion: (_: unknown, args: { input: NewTermsVersion }, ctx: ConsentContext) => {
    ctx.access.authorizeAssociation(ctx.viewer.associationId ?? '', 'PUBLISH_TERMS');
    return ctx.services.terms.publish(args.input, publisher(ctx));
  },

  publishJointUseNotice: (_: unknown, args: { input: NewJointUseNotice }, ctx: ConsentContext) => {
    ctx.access.authorizeAssociation(ctx.viewer.associationId ?? '', 'PUBLISH_TERMS');
    return ctx.services.jointUseNotices.publish(args.input, publisher(ctx));
  },

  publishServiceDisclosure: (_: unknown, args: { input: NewServiceDisclosure }, ctx: ConsentContext) => {
    ctx.access.authorizeAssociation(ctx.viewer.associationId ?? '', 'PUBLISH_TERMS');
    return ctx.services.serviceDisclosures.publish(args.input, publisher(ctx));
  },

  markNotificationRead: async (_: unknown, args: { id: string }, ctx: ConsentContext) => {
    const n = await ctx.services.notifications.byId(args.id);
    if (!n?.personId) throw notFound(Messages.NOTIFICATION_NOT_FOUND);
    await ctx.access.authorizeWrite(n.personId, 'MARK_NOTIFICATION_READ');
    return ctx.services.notifications.markRead(n.id);
  },
};
