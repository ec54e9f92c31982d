import { actorOf, badInput, clock, Messages } from '@mamis/platform';
import type { MembershipWriteContext } from '../context';
import type { ProvisionRecordEntity } from '../entities';
import {
  buildCsv,
  buildLabels,
  MAILING_ITEMS,
  type MailingFile,
  type MailingFormat,
} from '../mailing/mailing-file';

/**
 * Mailing lists for a vendor (EXPORT_MAILING): authorise, validate the purpose and recipient,
 * build the file from the association's current members the viewer sees, and record the provision
 * (one transaction) plus an EXPORT entry in the audit trail.
 */

export interface ExportMailingListInput {
  associationId: string;
  format: MailingFormat;
  purpose: string;
  recipient: string;
}

export interface MailingListExport {
  file: MailingFile;
  provisionRecord: ProvisionRecordEntity;
}

/** A purpose or recipient: NFC, trimmed, 1–200 characters; `field` is the error's path. */
export function mailingText(value: string | null | undefined, field: string): string {
  const v = (value ?? '').normalize('NFC').trim();
  if (!v || v.length > 200) throw badInput(field, Messages.MAILING_TEXT);
  return v;
}

/**
 * The association's own current members as a CSV or label page: staff of THAT association only,
 * a provision record with every person, and an EXPORT entry (CONTACT: postal code and address;
 * IDENTITY: the name). `today` (default: the clock's) names the file.
 */
export async function exportMailingList(
  ctx: MembershipWriteContext,
  input: ExportMailingListInput,
  today: string = clock.today(),
): Promise<MailingListExport> {
  ctx.access.authorizeAssociation(input.associationId, 'EXPORT_MAILING');
  const purpose = mailingText(input.purpose, 'input.purpose');
  const recipient = mailingText(input.recipient, 'input.recipient');
  const members = await ctx.services.provisionRecords.currentMembers(input.associationId);
  const visible = new Set(await ctx.access.filterVisible(members.map((m) => m.personId)));
  const entries = members.filter((m) => visible.has(m.personId));
  const association = await ctx.loaders.associationById.load(input.associationId);
  const stem = `mailing-${association?.code ?? 'association'}-${today}`;
  const file =
    input.format === 'LABELS_HTML'
      ? buildLabels(entries, purpose, stem)
      : buildCsv(entries, input.format, stem);
  const personIds = entries.map((e) => e.personId);
  const provisionRecord = await ctx.services.dataSource.transaction((manager) =>
    ctx.services.provisionRecords.record(
      {
        associationId: input.associationId,
        actor: actorOf(ctx.viewer),
        recipient,
        purpose,
        items: MAILING_ITEMS,
        format: input.format,
        personIds,
      },
      manager,
    ),
  );
  ctx.access.recordExport(personIds, 'CONTACT');
  ctx.access.recordExport(personIds, 'IDENTITY');
  return { file, provisionRecord };
}
