import type { PersonResolvers, ProvisionRecordResolvers } from '../generated/resolver-types';

export const provisionRecordPersonResolvers: PersonResolvers = {
  /**
   * The records of provision of the person's name and e-mail address to the mail delivery vendor
   * (APPI art. 33 disclosure). The shield decides who: Person.emailProvisionRecords is CONSENT data
   * that needs the full scope (its rule's requiredScope in the platform's field rules).
   */
  emailProvisionRecords: (p, _, ctx) => ctx.loaders.provisionRecordsByPersonId.load(p.id),
};

/** ProvisionRecord is a value type shared with membership; its association is membership's entity. */
export const provisionRecordResolvers: ProvisionRecordResolvers = {
  association: (r) => ({ __typename: 'Association', id: r.associationId }),
  items: (r) => r.items.split(','),
};
