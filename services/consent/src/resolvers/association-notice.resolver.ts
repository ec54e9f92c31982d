import { actorOf, AppError, badInput, Messages, notFound } from '@mamis/platform';
import {
  auditAssociationSend,
  currentMemberRecipients,
  requiredText,
} from '../services/association-recipients';
import type { ConsentContext } from '../context';
import type { AssociationNoticeInput } from '../repositories/notification.repository';

const SUBJECT_MAX = 200;
const BODY_MAX = 10_000;
const KEY_MAX = 200;

/** A required text at `input.<field>`, with its label in Japanese and English. */
const text = (
  value: string | null | undefined,
  field: string,
  label: { labelJa: string; labelEn: string },
  max: number,
) => {
  return requiredText(value, `input.${field}`, label, max);
};

export const associationNoticeMutationResolvers = {
  /**
   * A notice of the association's activities to its own CURRENT members (purpose ③): SEND_NOTICES
   * (editors of THAT association only — never its parent or child). A dry run (the default) answers
   * how many members it would go to, nobody's name; applying creates one ASSOCIATION_NOTICE per
   * member with its e-mail queued and a record of provision to the mail delivery vendor, in one
   * transaction, once per idempotency key, and is audited as a CONSENT write for each recipient.
   */
  sendAssociationNotice: async (
    _: unknown,
    args: { input: AssociationNoticeInput & { dryRun?: boolean | null } },
    ctx: ConsentContext,
  ) => {
    const { input } = args;
    ctx.access.authorizeAssociation(input.associationId, 'SEND_NOTICES');
    const clean: AssociationNoticeInput = {
      associationId: input.associationId,
      subjectJa: text(
        input.subjectJa,
        'subjectJa',
        { labelJa: '件名（日本語）', labelEn: 'The Japanese subject' },
        SUBJECT_MAX,
      ),
      bodyJa: text(
        input.bodyJa,
        'bodyJa',
        { labelJa: '本文（日本語）', labelEn: 'The Japanese body' },
        BODY_MAX,
      ),
      subjectEn: text(
        input.subjectEn,
        'subjectEn',
        { labelJa: '件名（英語）', labelEn: 'The English subject' },
        SUBJECT_MAX,
      ),
      bodyEn: text(
        input.bodyEn,
        'bodyEn',
        { labelJa: '本文（英語）', labelEn: 'The English body' },
        BODY_MAX,
      ),
      idempotencyKey: text(
        input.idempotencyKey,
        'idempotencyKey',
        { labelJa: '冪等キー', labelEn: 'The idempotency key' },
        KEY_MAX,
      ),
    };
    const notices = ctx.services.notifications;
    const associationName = await notices.associationName(input.associationId);
    if (!associationName) throw notFound(Messages.ASSOCIATION_NOT_FOUND);
    const recipients = currentMemberRecipients(ctx, input.associationId);
    if (input.dryRun !== false)
      return { dryRun: true, associationName, recipientCount: (await recipients()).length, notifiedCount: 0 };
    try {
      return await notices.sendAssociationNotice(
        clean,
        associationName,
        actorOf(ctx.viewer),
        recipients,
        auditAssociationSend(ctx),
      );
    } catch (e) {
      // the same key with other texts: the input's field, in the office's language first
      if (e instanceof AppError && e.extensions.field === 'idempotencyKey')
        throw badInput('input.idempotencyKey', Messages.NOTICE_KEY_REUSED, { reason: 'KEY_REUSED' });
      throw e;
    }
  },
};
