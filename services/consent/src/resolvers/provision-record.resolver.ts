import type { ConsentContext } from '../context';
import type { ProvisionRecordEntity } from '../entities';

export const provisionRecordPersonResolvers = {
  /**
   * The records of provision of the person's name and e-mail address to the mail delivery vendor
   * (APPI art. 33 disclosure). The shield decides who: Person.emailProvisionRecords is CONSENT data
   * that needs the full scope (its rule's requiredScope in the platform's field rules).
   */
  emailProvisionRecords: (p: { id: string }, _: unknown, ctx: ConsentContext) =>
    ctx.loaders.provisionRecordsByPersonId.load(p.id),
};

/** ProvisionRecord is a value type shared with membership; its association is membership's entity. */
export const provisionRecordResolvers = {
  association: (r: ProvisionRecordEntity) => ({ __typename: 'Association', id: r.associationId }),
  items: (r: ProvisionRecordEntity) => r.items.split(','),
};
