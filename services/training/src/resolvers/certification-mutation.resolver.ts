import type { TrainingContext } from '../context';
import {
  addCertificationRule,
  addCreditEntry,
  approveCertificationApplication,
  checkCertificationApplication,
  createTrainingProgram,
  fileCertificationApplication,
  reverseCreditEntry,
  type CreateProgramInput,
  type CreditEntryInput,
  type DecideInput,
  type FileInput,
  type RuleInput,
} from '../services/certification.service';

/** Mutations of rules, the credit ledger and certification; the services authorise first. */
export const certificationMutationResolvers = {
  createTrainingProgram: (_: unknown, args: { input: CreateProgramInput }, ctx: TrainingContext) =>
    createTrainingProgram(ctx, args.input),
  addCertificationRule: (_: unknown, args: { input: RuleInput }, ctx: TrainingContext) =>
    addCertificationRule(ctx, args.input),
  addCreditEntry: (_: unknown, args: { input: CreditEntryInput }, ctx: TrainingContext) =>
    addCreditEntry(ctx, args.input),
  reverseCreditEntry: (_: unknown, args: { entryId: string; reason: string }, ctx: TrainingContext) =>
    reverseCreditEntry(ctx, args.entryId, args.reason),
  fileCertificationApplication: (_: unknown, args: { input: FileInput }, ctx: TrainingContext) =>
    fileCertificationApplication(ctx, args.input),
  checkCertificationApplication: (_: unknown, args: { input: DecideInput }, ctx: TrainingContext) =>
    checkCertificationApplication(ctx, args.input),
  approveCertificationApplication: (_: unknown, args: { input: DecideInput }, ctx: TrainingContext) =>
    approveCertificationApplication(ctx, args.input),
};
