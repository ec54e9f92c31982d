import type { ConsentContext } from '../context';
import type { SurveyEntity } from '../entities';
import type { PersonSurveyRow, SurveyAnswerRow } from '../repositories/survey.repository';
import {
  aggregateResults,
  answerSurvey,
  isOpen,
  sendAssociationSurvey,
  type AnswerSurveyInput,
  type SendAssociationSurveyInput,
} from '../services/survey.service';

/** A member's answer as served: the stored items under `items`. */
const answerOf = (a: SurveyAnswerRow) => ({
  items: a.answers,
  answeredAt: a.answeredAt,
  updatedAt: a.updatedAt,
});

export const surveyQueryResolvers = {
  /** The association's surveys (READ_SURVEY_RESULTS: its own staff only). */
  associationSurveys: (_: unknown, args: { associationId: string }, ctx: ConsentContext) => {
    ctx.access.authorizeAssociation(args.associationId, 'READ_SURVEY_RESULTS');
    return ctx.services.surveys.byAssociation(args.associationId);
  },
  /** One survey of the association; another association's is null, as one that does not exist. */
  associationSurvey: (_: unknown, args: { associationId: string; id: string }, ctx: ConsentContext) => {
    ctx.access.authorizeAssociation(args.associationId, 'READ_SURVEY_RESULTS');
    return ctx.services.surveys.ofAssociation(args.associationId, args.id);
  },
};

export const surveyMutationResolvers = {
  sendAssociationSurvey: async (
    _: unknown,
    args: { input: SendAssociationSurveyInput },
    ctx: ConsentContext,
  ) => {
    const run = await sendAssociationSurvey(ctx, args.input);
    const survey = run.surveyId
      ? await ctx.services.surveys.ofAssociation(args.input.associationId, run.surveyId)
      : null;
    return { ...run, survey };
  },
  answerSurvey: (_: unknown, args: { input: AnswerSurveyInput }, ctx: ConsentContext) =>
    answerSurvey(ctx, args.input),
};

export const surveyPersonResolvers = {
  /** The person's own surveys (the field rule requires the CONSENT scope ALL). */
  surveys: async (p: { id: string }, args: { includeClosed?: boolean | null }, ctx: ConsentContext) => {
    const rows = await ctx.loaders.surveysByPersonId.load(p.id);
    return args.includeClosed ? rows : rows.filter((s) => isOpen(s));
  },
};

export const memberSurveyResolvers = {
  open: (s: SurveyEntity) => isOpen(s),
  myAnswer: async (s: PersonSurveyRow, _: unknown, ctx: ConsentContext) => {
    const a = await ctx.loaders.surveyAnswer.load(`${s.id}:${s.personId}`);
    return a ? answerOf(a) : null;
  },
};

export const associationSurveyResolvers = {
  open: (s: SurveyEntity) => isOpen(s),
  responseCount: (s: SurveyEntity, _: unknown, ctx: ConsentContext) =>
    ctx.loaders.surveyResponseCount.load(s.id),
  suppressionK: (_: SurveyEntity, __: unknown, ctx: ConsentContext) => ctx.statistics.k,
  /**
   * Suppressed aggregates over the current members' answers (no person data), for the staff who
   * may read each answer (READ_SURVEY_ANSWERS) and null for others: the population changes as
   * members leave, so two readings would give a leaver's answer by differencing.
   */
  results: async (s: SurveyEntity, _: unknown, ctx: ConsentContext) => {
    if (!ctx.access.mayOperate(s.associationId, 'READ_SURVEY_ANSWERS')) return null;
    return aggregateResults(s, await ctx.loaders.surveyCurrentAnswers.load(s.id), ctx.statistics.k);
  },
  /**
   * Each answer of a member the association still has (READ_SURVEY_ANSWERS), read as the member's
   * CONSENT data through the MEMBER relation and audited as such; null for staff without the right.
   */
  memberAnswers: async (s: SurveyEntity, _: unknown, ctx: ConsentContext) => {
    if (!ctx.access.mayOperate(s.associationId, 'READ_SURVEY_ANSWERS')) return null;
    const rows = await ctx.loaders.surveyCurrentAnswers.load(s.id);
    await ctx.access.prime(rows.map((r) => r.personId));
    const out = [];
    for (const r of rows) {
      const relations = await ctx.access.relations(r.personId);
      if (!relations.has('MEMBER')) continue;
      ctx.access.recordRead(r.personId, 'CONSENT', relations);
      out.push({ ...answerOf(r), personId: r.personId });
    }
    return out;
  },
};

export const surveyMemberAnswerResolvers = {
  person: async (a: { personId: string }, _: unknown, ctx: ConsentContext) =>
    (await ctx.access.visible(a.personId)) ? { __typename: 'Person', id: a.personId } : null,
};
