import type { JointUseNoticeResolvers } from '../generated/resolver-types';

export const jointUseNoticeResolvers: JointUseNoticeResolvers = {
  responsibleParty: (n) => ({
    name: n.responsibleName,
    address: n.responsibleAddress,
    representative: n.responsibleRepresentative,
  }),
};
