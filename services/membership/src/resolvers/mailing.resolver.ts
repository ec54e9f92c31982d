import { actorOf, badInput, clock, Messages } from '@mamis/platform';
import { buildCsv, buildLabels, MAILING_ITEMS } from '../mailing/mailing-file';
import type {
  MutationResolvers,
  PersonResolvers,
  ProvisionRecordResolvers,
} from '../generated/resolver-types';
import { referencedAssociation } from './association.resolver';

const text = (value: string | null | undefined, field: string) => {
  const v = (value ?? '').normalize('NFC').trim();
  if (!v || v.length > 200) throw badInput(field, Messages.MAILING_TEXT);
  return v;
};

export const mailingPersonResolvers: PersonResolvers = {
  /**
   * The records of provision that covered this person (APPI art. 33 disclosure). The field rule
   * requires the full CONSENT scope (SELF: the physician, their active assistant, staff acting on
   * their behalf) — a member association's STATUS_ONLY is not enough, so one association does not
   * learn what another gave to whom.
   */
  provisionRecords: (p, _, ctx) => ctx.loaders.provisionRecordsByPersonId.load(p.id),
};

export const provisionRecordResolvers: ProvisionRecordResolvers = {
  association: (r, _, ctx) => referencedAssociation(ctx, r.associationId),
  items: (r) => r.items.split(','),
};

export const mailingMutationResolvers: MutationResolvers = {
  /**
   * The association's own current members as a CSV or label page for a vendor: EXPORT_MAILING
   * (staff of THAT association only), a provision record with every person, and an EXPORT entry
   * in the audit trail (CONTACT: postal code and address; IDENTITY: the name).
   */
  exportMailingList: async (_, args, ctx) => {
    const { input } = args;
    ctx.access.authorizeAssociation(input.associationId, 'EXPORT_MAILING');
    const purpose = text(input.purpose, 'input.purpose');
    const recipient = text(input.recipient, 'input.recipient');
    const members = await ctx.services.provisionRecords.currentMembers(input.associationId);
    const visible = new Set(await ctx.access.filterVisible(members.map((m) => m.personId)));
    const entries = members.filter((m) => visible.has(m.personId));
    const association = await ctx.loaders.associationById.load(input.associationId);
    const stem = `mailing-${association?.code ?? 'association'}-${clock.today()}`;
    const file =
      input.format === 'LABELS_HTML'
        ? buildLabels(entries, purpose, stem)
        : buildCsv(entries, input.format, stem);
    const personIds = entries.map((e) => e.personId);
    const provisionRecord = await ctx.services.provisionRecords.record({
      associationId: input.associationId,
      actor: actorOf(ctx.viewer),
      recipient,
      purpose,
      items: MAILING_ITEMS,
      format: input.format,
      personIds,
    });
    ctx.access.recordExport(personIds, 'CONTACT');
    ctx.access.recordExport(personIds, 'IDENTITY');
    return {
      filename: file.filename,
      contentType: file.contentType,
      encoding: file.encoding,
      rowCount: file.rowCount,
      contentBase64: file.content.toString('base64'),
      warnings: file.warnings,
      provisionRecord,
    };
  },
};
