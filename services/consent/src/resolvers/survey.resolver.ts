import type { SurveyAnswerRow } from '../repositories/survey.repository';
import { aggregateResults, answerSurvey, isOpen, sendAssociationSurvey } from '../services/survey.service';
import type {
  AssociationSurveyResolvers,
  MemberSurveyResolvers,
  MutationResolvers,
  PersonResolvers,
  QueryResolvers,
  SurveyMemberAnswerResolvers,
} from '../generated/resolver-types';

/** A member's answer as served: the stored items under `items`. */
const answerOf = (a: SurveyAnswerRow) => ({
  items: a.answers,
  answeredAt: a.answeredAt,
  updatedAt: a.updatedAt,
});

export const surveyQueryResolvers: QueryResolvers = {
  /** The association's surveys (READ_SURVEY_RESULTS: its own staff only). */
  associationSurveys: (_, args, ctx) => {
    ctx.access.authorizeAssociation(args.associationId, 'READ_SURVEY_RESULTS');
    return ctx.services.surveys.byAssociation(args.associationId);
  },
  /** One survey of the association; another association's is null, as one that does not exist. */
  associationSurvey: (_, args, ctx) => {
    ctx.access.authorizeAssociation(args.associationId, 'READ_SURVEY_RESULTS');
    return ctx.services.surveys.ofAssociation(args.associationId, args.id);
  },
};

export const surveyMutationResolvers: MutationResolvers = {
  sendAssociationSurvey: (_, args, ctx) => sendAssociationSurvey(ctx, args.input),
  answerSurvey: (_, args, ctx) => answerSurvey(ctx, args.input),
};

export const surveyPersonResolvers: PersonResolvers = {
  /** The person's own surveys (the field rule requires the CONSENT scope ALL). */
  surveys: async (p, args, ctx) => {
    const rows = await ctx.loaders.surveysByPersonId.load(p.id);
    return args.includeClosed ? rows : rows.filter((s) => isOpen(s));
  },
};

export const memberSurveyResolvers: MemberSurveyResolvers = {
  open: (s) => isOpen(s),
  myAnswer: async (s, _, ctx) => {
    const a = await ctx.loaders.surveyAnswer.load(`${s.id}:${s.personId}`);
    return a ? answerOf(a) : null;
  },
};

export const associationSurveyResolvers: AssociationSurveyResolvers = {
  open: (s) => isOpen(s),
  responseCount: (s, _, ctx) => ctx.loaders.surveyResponseCount.load(s.id),
  suppressionK: (_, __, ctx) => ctx.statistics.k,
  /**
   * Suppressed aggregates over the current members' answers (no person data), for the staff who
   * may read each answer (READ_SURVEY_ANSWERS) and null for others: the population changes as
   * members leave, so two readings would give a leaver's answer by differencing.
   */
  results: async (s, _, ctx) => {
    if (!ctx.access.mayOperate(s.associationId, 'READ_SURVEY_ANSWERS')) return null;
    return aggregateResults(s, await ctx.loaders.surveyCurrentAnswers.load(s.id), ctx.statistics.k);
  },
  /**
   * Each answer of a member the association still has (READ_SURVEY_ANSWERS), read as the member's
   * CONSENT data through the MEMBER relation and audited as such; null for staff without the right.
   */
  memberAnswers: async (s, _, ctx) => {
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

export const surveyMemberAnswerResolvers: SurveyMemberAnswerResolvers = {
  person: async (a, _, ctx) =>
    (await ctx.access.visible(a.personId)) ? { __typename: 'Person', id: a.personId } : null,
};
