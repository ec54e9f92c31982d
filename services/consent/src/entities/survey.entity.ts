import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const SURVEY_QUESTION_KINDS = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'FREE_TEXT'] as const;
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];

/** One option of a choice question; ids are stable within the survey (`q1-1`, `q1-2`, …). */
export interface SurveyOptionRecord {
  id: string;
  label: string;
}

/** One question of a survey as stored (ids `q1`, `q2`, … in the order given). */
export interface SurveyQuestionRecord {
  id: string;
  kind: SurveyQuestionKind;
  text: string;
  required: boolean;
  /** Empty for FREE_TEXT. */
  options: SurveyOptionRecord[];
}

/** One answered question as stored: the chosen options, or the free text. */
export interface SurveyAnswerItemRecord {
  questionId: string;
  optionIds: string[];
  text: string | null;
}

/**
 * A survey (各種アンケート, purpose ③ of the joint-use notice) an association's staff sent to its
 * current members. Created and sent in one transaction (sendAssociationSurvey); never edited after.
 */
@Entity({ name: 'survey' })
@Index('survey_association_idx', ['associationId', 'createdAt'])
export class SurveyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The sending association (its staff only see the survey and its results). */
  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'jsonb' })
  questions: SurveyQuestionRecord[];

  /** The last day answers are taken (Asia/Tokyo, inclusive): closed when the clock's today is later. */
  @Column({ name: 'closes_on', type: 'date' })
  closesOn: string;

  /** The current members it was sent to (fixed at sending). */
  @Column({ name: 'recipient_count', type: 'integer' })
  recipientCount: number;

  /** The staff account (token subject) that sent it. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A member a survey was sent to (person-keyed: row-level security applies). */
@Entity({ name: 'survey_recipient' })
@Index('survey_recipient_person_idx', ['personId'])
export class SurveyRecipientEntity {
  @PrimaryColumn({ name: 'survey_id', type: 'uuid' })
  surveyId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** Copied from the survey: a member's open surveys and the current-member check are one read. */
  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;
}

/** A member's answer to a survey (one per person; changed in place until the survey closes). */
@Entity({ name: 'survey_answer' })
@Index('survey_answer_person_idx', ['personId'])
export class SurveyAnswerEntity {
  @PrimaryColumn({ name: 'survey_id', type: 'uuid' })
  surveyId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'jsonb' })
  answers: SurveyAnswerItemRecord[];

  /** The account (token subject) that gave the answer: the physician, their assistant, or staff acting for them. */
  @Column({ name: 'answered_by', type: 'text' })
  answeredBy: string;

  @CreateDateColumn({ name: 'answered_at', type: 'timestamptz' })
  answeredAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
