import {
  addCertificationRule,
  addCreditEntry,
  approveCertificationApplication,
  checkCertificationApplication,
  createTrainingProgram,
  fileCertificationApplication,
  reverseCreditEntry,
} from '../services/certification.service';
import type { MutationResolvers } from '../generated/resolver-types';

/** Mutations of rules, the credit ledger and certification; the services authorise first. */
export const certificationMutationResolvers: MutationResolvers = {
  createTrainingProgram: (_, args, ctx) => createTrainingProgram(ctx, args.input),
  addCertificationRule: (_, args, ctx) => addCertificationRule(ctx, args.input),
  addCreditEntry: (_, args, ctx) => addCreditEntry(ctx, args.input),
  reverseCreditEntry: (_, args, ctx) => reverseCreditEntry(ctx, args.entryId, args.reason),
  fileCertificationApplication: (_, args, ctx) => fileCertificationApplication(ctx, args.input),
  checkCertificationApplication: (_, args, ctx) => checkCertificationApplication(ctx, args.input),
  approveCertificationApplication: (_, args, ctx) => approveCertificationApplication(ctx, args.input),
};
