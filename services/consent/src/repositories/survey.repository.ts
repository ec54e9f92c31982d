import type { DataSource, EntityManager } from 'typeorm';
import { onlyUuids } from '@mamis/platform';
import { SurveyEntity, type SurveyAnswerItemRecord, type SurveyQuestionRecord } from '../entities';

/** A survey as validated, before it is sent (src/validation/survey-input.validator.ts). */
export interface NewSurvey {
  associationId: string;
  title: string;
  description: string;
  questions: SurveyQuestionRecord[];
  closesOn: string;
  idempotencyKey: string;
}

/** The answer of a survey run: how many current members it goes (went) to, never who. */
export interface AssociationSurveyRun {
  dryRun: boolean;
  associationName: string;
  recipientCount: number;
  notifiedCount: number;
  /** The survey sent (null for a dry run). */
  surveyId: string | null;
}

/** A survey sent to a person, as the person's own list shows it. */
export interface PersonSurveyRow extends SurveyEntity {
  personId: string;
  associationName: string;
}

/** One member's answer (the person's id, the items, when). */
export interface SurveyAnswerRow {
  surveyId: string;
  personId: string;
  answers: SurveyAnswerItemRecord[];
  answeredAt: Date;
  updatedAt: Date;
}

const SURVEY_COLUMNS = `s.id, s.association_id AS "associationId", s.title, s.description, s.questions,
  to_char(s.closes_on, 'YYYY-MM-DD') AS "closesOn", s.recipient_count AS "recipientCount",
  s.created_by AS "createdBy", s.created_at AS "createdAt"`;

/** "The person is a CURRENT member of the survey's association" (access.membership_v1: ACTIVE). */
const CURRENT_MEMBER = (person: string, association: string) =>
  `EXISTS (SELECT 1 FROM access.membership_v1 m
           WHERE m.person_id = ${person} AND m.association_id = ${association} AND m.status = 'ACTIVE')`;

/**
 * Surveys (各種アンケート) an association sends to its current members, who they went to and the
 * members' answers (sending: src/services/survey.service.ts, in one transaction).
 */
export class SurveyRepository {
  constructor(private readonly ds: DataSource) {}

  /** Store a new survey (its recipients: `insertRecipients`). */
  async insert(manager: EntityManager, survey: Omit<SurveyEntity, 'createdAt'>): Promise<void> {
    await manager.getRepository(SurveyEntity).insert(survey);
  }

  /** The survey's recipients and the association they were members of (in batches). */
  async insertRecipients(
    manager: EntityManager,
    surveyId: string,
    associationId: string,
    personIds: readonly string[],
  ): Promise<void> {
    for (let i = 0; i < personIds.length; i += 5000)
      await manager.query(
        `INSERT INTO survey_recipient (survey_id, person_id, association_id)
         SELECT $1::uuid, unnest($2::uuid[]), $3::uuid`,
        [surveyId, personIds.slice(i, i + 5000), associationId],
      );
  }

  /** The association's surveys, newest first. */
  async byAssociation(associationId: string): Promise<SurveyEntity[]> {
    if (!onlyUuids([associationId]).length) return [];
    return (await this.ds.query(
      `SELECT ${SURVEY_COLUMNS} FROM survey s WHERE s.association_id = $1 ORDER BY s.created_at DESC, s.id`,
      [associationId],
    )) as SurveyEntity[];
  }

  /** One survey of the association (null when it is another association's, or none). */
  async ofAssociation(associationId: string, id: string): Promise<SurveyEntity | null> {
    if (onlyUuids([associationId, id]).length < 2) return null;
    const rows = (await this.ds.query(
      `SELECT ${SURVEY_COLUMNS} FROM survey s WHERE s.id = $1 AND s.association_id = $2`,
      [id, associationId],
    )) as SurveyEntity[];
    return rows[0] ?? null;
  }

  /** How many CURRENT members answered each survey (one statement for the batch). */
  async responseCounts(surveyIds: readonly string[]): Promise<Map<string, number>> {
    const ids = onlyUuids(surveyIds);
    if (!ids.length) return new Map();
    const rows = (await this.ds.query(
      `SELECT a.survey_id::text AS id, count(*)::int AS n
       FROM survey_answer a JOIN survey s ON s.id = a.survey_id
       WHERE a.survey_id = ANY($1::uuid[]) AND ${CURRENT_MEMBER('a.person_id', 's.association_id')}
       GROUP BY a.survey_id`,
      [ids],
    )) as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /** The answers of the survey's respondents who are still CURRENT members of its association. */
  async currentMemberAnswers(surveyId: string): Promise<SurveyAnswerRow[]> {
    if (!onlyUuids([surveyId]).length) return [];
    return (await this.ds.query(
      `SELECT a.survey_id AS "surveyId", a.person_id AS "personId", a.answers,
              a.answered_at AS "answeredAt", a.updated_at AS "updatedAt"
       FROM survey_answer a JOIN survey s ON s.id = a.survey_id
       WHERE a.survey_id = $1 AND ${CURRENT_MEMBER('a.person_id', 's.association_id')}
       ORDER BY a.answered_at, a.person_id`,
      [surveyId],
    )) as SurveyAnswerRow[];
  }

  /**
   * The surveys sent to these persons while they are still CURRENT members of the sending
   * association (a former member's surveys are gone from their list), newest first.
   */
  async byPersonIds(personIds: readonly string[]): Promise<PersonSurveyRow[]> {
    const ids = onlyUuids(personIds);
    if (!ids.length) return [];
    return (await this.ds.query(
      `SELECT ${SURVEY_COLUMNS}, r.person_id AS "personId", a.name AS "associationName"
       FROM survey_recipient r
       JOIN survey s ON s.id = r.survey_id
       JOIN access.association_v1 a ON a.id = s.association_id
       WHERE r.person_id = ANY($1::uuid[]) AND ${CURRENT_MEMBER('r.person_id', 'r.association_id')}
       ORDER BY s.closes_on, s.created_at DESC, s.id`,
      [ids],
    )) as PersonSurveyRow[];
  }

  /** The person's answers to these surveys (keys `<survey>:<person>`; one statement per batch). */
  async answersOf(keys: readonly { surveyId: string; personId: string }[]): Promise<SurveyAnswerRow[]> {
    const surveys = onlyUuids(keys.map((k) => k.surveyId));
    const persons = onlyUuids(keys.map((k) => k.personId));
    if (!surveys.length || !persons.length) return [];
    return (await this.ds.query(
      `SELECT a.survey_id AS "surveyId", a.person_id AS "personId", a.answers,
              a.answered_at AS "answeredAt", a.updated_at AS "updatedAt"
       FROM survey_answer a WHERE a.survey_id = ANY($1::uuid[]) AND a.person_id = ANY($2::uuid[])`,
      [surveys, persons],
    )) as SurveyAnswerRow[];
  }

  /**
   * Save (or replace) the person's answer, in the caller's transaction, only while the person is a
   * recipient and still a CURRENT member of the association: false otherwise (nothing written).
   */
  async saveAnswer(
    manager: EntityManager,
    surveyId: string,
    personId: string,
    answers: SurveyAnswerItemRecord[],
    answeredBy: string,
  ): Promise<boolean> {
    if (onlyUuids([surveyId, personId]).length < 2) return false;
    const rows = (await manager.query(
      `INSERT INTO survey_answer (survey_id, person_id, answers, answered_by)
       SELECT r.survey_id, r.person_id, $3::jsonb, $4
       FROM survey_recipient r
       WHERE r.survey_id = $1 AND r.person_id = $2 AND ${CURRENT_MEMBER('r.person_id', 'r.association_id')}
       ON CONFLICT (survey_id, person_id)
       DO UPDATE SET answers = EXCLUDED.answers, answered_by = EXCLUDED.answered_by, updated_at = now()
       RETURNING survey_id`,
      [surveyId, personId, JSON.stringify(answers), answeredBy],
    )) as unknown[];
    return rows.length > 0;
  }
}
