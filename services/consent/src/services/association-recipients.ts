import { badInput, Messages } from '@mamis/platform';
import type { EntityManager } from 'typeorm';
import type { ConsentWriteContext } from '../context';

/**
 * A required text of an association's message (a notice, a survey), NFC-normalised and trimmed:
 * BAD_USER_INPUT at `field` with a reason code, Japanese first.
 */
export function requiredText(
  value: string | null | undefined,
  field: string,
  label: { labelJa: string; labelEn: string },
  max: number,
): string {
  const v = (value ?? '').normalize('NFC').trim();
  if (!v) throw badInput(field, Messages.LABELLED_REQUIRED(label), { reason: 'REQUIRED' });
  if (v.length > max)
    throw badInput(field, Messages.LABELLED_TOO_LONG({ ...label, max }), { reason: 'TOO_LONG', max });
  return v;
}

/**
 * Who an association's message goes to: its CURRENT members (never former ones, nor a parent's or
 * child's), as far as the viewer sees them — read inside the sending transaction when given.
 */
export const currentMemberRecipients =
  (ctx: ConsentWriteContext, associationId: string) =>
  async (manager?: EntityManager): Promise<string[]> =>
    ctx.access.filterVisible(await ctx.services.notifications.currentMemberIds(associationId, manager));

/**
 * The audit of a sent notice or survey, for the first send of its key: a CONSENT write for every
 * recipient, and an EXPORT of the name and e-mail address of each one whose mail went to the mail
 * delivery vendor (the handover its record of provision lists), as the postal mailing export is.
 */
export const auditAssociationSend =
  (ctx: ConsentWriteContext) =>
  (personIds: string[], mailedPersonIds: string[]): void => {
    ctx.access.recordWrite(personIds, 'CONSENT');
    ctx.access.recordExport(mailedPersonIds, 'IDENTITY');
    ctx.access.recordExport(mailedPersonIds, 'CONTACT');
  };
