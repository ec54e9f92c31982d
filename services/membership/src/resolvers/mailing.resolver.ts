import type {
  MutationResolvers,
  PersonResolvers,
  ProvisionRecordResolvers,
} from '../generated/resolver-types';
import { exportMailingList } from '../services/mailing.service';
import { referencedAssociation } from './association.resolver';

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
  exportMailingList: async (_, { input }, ctx) => {
    const { file, provisionRecord } = await exportMailingList(ctx, input);
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
