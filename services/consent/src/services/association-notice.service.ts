import { createHash } from 'node:crypto';
import { actorOf, AppError, badInput, Messages, notFound, onlyUuids, withIdempotency } from '@mamis/platform';
import type { ConsentWriteContext } from '../context';
import { associationNotice } from '../notifications/notice-texts';
import {
  insertNotificationsQueuingMail,
  type AssociationNoticeInput,
  type AssociationNoticeRun,
} from '../repositories/notification.repository';
import { auditAssociationSend, currentMemberRecipients, requiredText } from './association-recipients';

const SUBJECT_MAX = 200;
const BODY_MAX = 10_000;
const KEY_MAX = 200;

export interface SendAssociationNoticeInput {
  associationId: string;
  subjectJa: string;
  bodyJa: string;
  subjectEn: string;
  bodyEn: string;
  dryRun?: boolean | null;
  idempotencyKey: string;
}

/**
 * A notice's texts and key, NFC-normalised and trimmed: each required and within its limit,
 * BAD_USER_INPUT at `input.<field>` otherwise (in this order: subjects and bodies, then the key).
 */
export function validateAssociationNotice(input: SendAssociationNoticeInput): AssociationNoticeInput {
  return {
    associationId: input.associationId,
    subjectJa: requiredText(
      input.subjectJa,
      'input.subjectJa',
      { labelJa: '件名（日本語）', labelEn: 'The Japanese subject' },
      SUBJECT_MAX,
    ),
    bodyJa: requiredText(
      input.bodyJa,
      'input.bodyJa',
      { labelJa: '本文（日本語）', labelEn: 'The Japanese body' },
      BODY_MAX,
    ),
    subjectEn: requiredText(
      input.subjectEn,
      'input.subjectEn',
      { labelJa: '件名（英語）', labelEn: 'The English subject' },
      SUBJECT_MAX,
    ),
    bodyEn: requiredText(
      input.bodyEn,
      'input.bodyEn',
      { labelJa: '本文（英語）', labelEn: 'The English body' },
      BODY_MAX,
    ),
    idempotencyKey: requiredText(
      input.idempotencyKey,
      'input.idempotencyKey',
      { labelJa: '冪等キー', labelEn: 'The idempotency key' },
      KEY_MAX,
    ),
  };
}

/**
 * A notice of the association's activities to its own CURRENT members (purpose ③): SEND_NOTICES
 * (editors of THAT association only — never its parent or child). A dry run (the default) answers
 * how many members it would go to, nobody's name; applying creates one ASSOCIATION_NOTICE per
 * member with its e-mail queued and a record of provision to the mail delivery vendor, in ONE
 * transaction, once per (association, idempotency key): the key is stored with the first answer,
 * which a repeated call gets back, and the notifications' source keys carry it too, so nobody is
 * told twice. The first send is audited as a CONSENT write for each recipient (and the mail
 * vendor's handover as an export).
 */
export async function sendAssociationNotice(
  ctx: ConsentWriteContext,
  input: SendAssociationNoticeInput,
): Promise<AssociationNoticeRun> {
  ctx.access.authorizeAssociation(input.associationId, 'SEND_NOTICES');
  const clean = validateAssociationNotice(input);
  const { notifications, provisionRecords } = ctx.services;
  const associationName = await notifications.associationName(input.associationId);
  if (!associationName) throw notFound(Messages.ASSOCIATION_NOT_FOUND);
  const recipients = currentMemberRecipients(ctx, input.associationId);
  if (input.dryRun !== false)
    return { dryRun: true, associationName, recipientCount: (await recipients()).length, notifiedCount: 0 };
  const actor = actorOf(ctx.viewer);
  const audit = auditAssociationSend(ctx);
  const { idempotencyKey, ...payload } = clean;
  const keyHash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  try {
    return await withIdempotency(
      ctx.services.dataSource,
      {
        operation: 'sendAssociationNotice',
        actor: `association:${clean.associationId}`,
        key: idempotencyKey,
        payload,
      },
      async (manager): Promise<AssociationNoticeRun> => {
        const personIds = onlyUuids(await recipients(manager));
        const text = associationNotice(associationName, clean);
        const { created: notifiedCount, queuedPersonIds } = await insertNotificationsQueuingMail(
          manager,
          personIds.map((personId) => ({
            accountId: null,
            personId,
            kind: 'ASSOCIATION_NOTICE',
            ...text,
            sourceKey: `association-notice:${clean.associationId}:${keyHash}:${personId}`,
          })),
        );
        // the e-mail hands the names and addresses to the mail delivery vendor: recorded here
        await provisionRecords.recordMailProvision(manager, {
          associationId: clean.associationId,
          actor,
          purpose: text.subjectJa,
          personIds: queuedPersonIds,
        });
        audit(personIds, queuedPersonIds);
        return { dryRun: false, associationName, recipientCount: personIds.length, notifiedCount };
      },
    );
  } catch (e) {
    // the same key with other texts: the input's field, in the office's language first
    if (e instanceof AppError && e.extensions.field === 'idempotencyKey')
      throw badInput('input.idempotencyKey', Messages.NOTICE_KEY_REUSED, { reason: 'KEY_REUSED' });
    throw e;
  }
}
