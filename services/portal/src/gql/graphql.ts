/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AnswerSurveyInput = {
  /** The answers: every required question, each question at most once. */
  answers: Array<SurveyAnswerInput>;
  /** The person answering: the viewer themself (or the physician an assistant or staff acts for). */
  personId: string | number;
  /** The survey (MemberSurvey.id). */
  surveyId: string | number;
};

/** One association of an application and the category there after approval. */
export type ApplicationAssociationInput = {
  /** An association of the application (its step decides in tier order). */
  associationId: string | number;
  /** JOIN, TRANSFER, CATEGORY_CHANGE: the category after approval; LEAVE: ignored. */
  category?: string | null | undefined;
};

export type ApplicationStepAction =
  | 'CATEGORY_CHANGE'
  | 'JOIN'
  | 'LEAVE'
  | 'TRANSFER_IN'
  | 'TRANSFER_OUT';

export type ApplicationStepStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED'
  /** The application closed (rejected or cancelled) before this step was decided. */
  | 'SKIPPED';

/** Tier of a medical association (医師会) in the national tree. */
export type AssociationTier =
  /** 地区医師会 */
  | 'DISTRICT'
  /** 郡市区等医師会 */
  | 'MUNICIPAL'
  /** 日本医師会 (JMA) */
  | 'NATIONAL'
  /** 都道府県医師会 */
  | 'PREFECTURAL'
  /** 職域医師会, incl. university associations (大学医師会) */
  | 'WORKPLACE';

export type AttendanceImportRowStatus =
  /** Attendance was already recorded (nothing changes, no credits twice). */
  | 'ALREADY_RECORDED'
  /** The registry number appeared on an earlier row. */
  | 'DUPLICATE'
  /** Not a registry number (digits only). */
  | 'MALFORMED'
  /** Registered for the session: attendance will be (or was) recorded. */
  | 'MATCHED'
  /**
   * No physician registered for this session has this registry number (register first) — also a
   * number nobody holds: the host learns nothing of physicians it has no relation to.
   */
  | 'NOT_REGISTERED'
  /** No longer returned: a number nobody holds reads NOT_REGISTERED (existence must not leak to the host). */
  | 'UNKNOWN_REGISTRY_NUMBER';

export type AttendanceStatus =
  | 'ATTENDED'
  | 'CANCELLED'
  | 'REGISTERED'
  | 'WAITLISTED';

/**
 * The layout of a bank file (README: "Dues payments from the bank").
 * CSV: a header row with the columns 取引日 (date) and 金額 (amount) and a reference or payer column;
 * ZENGIN: the Zengin (全銀協) fixed-length 振込入金通知, 200-byte records in Shift_JIS.
 */
export type BankFileFormat =
  | 'CSV'
  | 'ZENGIN';

export type CertificateStatus =
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'VALID';

export type CertificationApplicationStatus =
  | 'APPROVED'
  /** Checked by the prefectural association; waiting for the JMA. */
  | 'CHECKED'
  /** Filed by the physician; waiting for the prefectural association's check. */
  | 'FILED'
  | 'REJECTED';

export type CertificationDecision =
  | 'APPROVED'
  | 'FILED'
  | 'PASSED'
  | 'REJECTED'
  | 'RETURNED';

export type CertificationKind =
  | 'NEW'
  | 'RENEWAL';

export type CreateTrainingSessionInput = {
  /** Seats (null: unlimited); registrations beyond it wait in order. */
  capacity?: number | null | undefined;
  /** The co-hosting academic society's id (its client sees the session's attendees). */
  cohostSocietyId?: string | null | undefined;
  /** At least one credit line, or none for a session without credits. */
  credits: Array<SessionCreditInput>;
  /** When it ends (default: one hour per unit offered, at least one hour). */
  endsAt?: string | null | undefined;
  /** The staff's own association, which hosts the session. */
  hostAssociationId: string | number;
  /** The meeting URL of an online session. */
  onlineUrl?: string | null | undefined;
  /** The program the session's credits count for. */
  programCode: string;
  /** When it starts. */
  startsAt: string;
  /** The session's title (研修会名). */
  title: string;
  /** Where it takes place (a session has a venue, an online URL, or both). */
  venue?: string | null | undefined;
  /** PUBLIC (anyone signed in, and the calendar feed) or MEMBERS_ONLY (the host's members). */
  visibility?: SessionVisibility;
};

export type DecideCertificationApplicationInput = {
  /** Prefecture: true = passed on to the JMA, false = returned. JMA: true = approved (issues the certificate), false = rejected. */
  approve: boolean;
  /** The application (CertificationApplication.id). */
  id: string | number;
  /** A note kept with the step (the reason when returned or rejected). */
  note?: string | null | undefined;
  /** CertificationApplication.version as read (stale → CONFLICT). */
  version: number;
};

export type DuesInvoiceStatus =
  /** Exempt (amount 0), see exemptionRule */
  | 'EXEMPT'
  /** Amount outstanding */
  | 'OPEN'
  | 'PAID';

export type DuesPaymentMethod =
  | 'BANK_TRANSFER'
  | 'MANUAL';

/** Why an invoice asked for was left out of a reminder run. */
export type DuesReminderSkipReason =
  /** No such invoice of the association (or its member is not visible) */
  | 'NOT_FOUND'
  /** Not yet past its due date */
  | 'NOT_OVERDUE'
  /** Nothing outstanding (paid or exempt) */
  | 'SETTLED';

export type ExportMailingListInput = {
  /** The staff's own association (its current members are listed). */
  associationId: string | number;
  /** CSV (UTF-8 with BOM, or Shift_JIS) or printable address labels. */
  format: MailingFormat;
  /** What the list is for (e.g. 会報 2026年6月号). */
  purpose: string;
  /** The vendor or other recipient the file goes to (e.g. ○○印刷株式会社). */
  recipient: string;
};

/** 開設者種別: the founder type of a medical facility. */
export type FacilityFounderType =
  /** 個人 */
  | 'INDIVIDUAL'
  /** 医療法人 */
  | 'MEDICAL_CORPORATION'
  /** 国 */
  | 'NATIONAL'
  /** その他 */
  | 'OTHER'
  /** 公的医療機関 (prefectures, municipalities, Red Cross, …) */
  | 'PUBLIC'
  /** 社会保険関係団体 */
  | 'SOCIAL_INSURANCE';

export type FileMembershipApplicationInput = {
  /**
   * JOIN: the associations to join; TRANSFER: the associations moved to; LEAVE: the associations
   * left; CATEGORY_CHANGE: the associations whose category changes.
   */
  associations: Array<ApplicationAssociationInput>;
  /** A note for the deciding associations. */
  comment?: string | null | undefined;
  /** The date the change is to take effect once approved. */
  effectiveOn: string;
  /** JOIN, TRANSFER, LEAVE or CATEGORY_CHANGE. */
  kind: MembershipApplicationKind;
  /** The applicant: the physician themself, or the person staff file for. */
  personId: string | number;
  /** TRANSFER only: the current associations moved from (the same tiers as `associations`). */
  transferFrom?: Array<string | number> | null | undefined;
};

export type FilePrivacyRequestInput = {
  /** Required for a correction. */
  details?: string | null | undefined;
  /** A key the client chooses per request: a retry with the same key returns the first answer. */
  idempotencyKey: string;
  /** DISCLOSURE, CORRECTION or ERASURE (cessation of use). */
  kind: PrivacyRequestKind;
  /** The person the request is about: the viewer themself (or the physician an assistant or staff acts for). */
  personId: string | number;
};

export type ImportAttendanceCsvInput = {
  /** CSV text: one registry number (医籍登録番号) per row in the first column; an optional header row. */
  csv: string;
  /** true: only report what would happen; false: apply the good rows (one transaction). */
  dryRun: boolean;
  /** The session (hosted by the viewer's association). */
  sessionId: string | number;
};

export type ImportDuesPaymentsInput = {
  /** The staff's own association (its invoices are matched). */
  associationId: string | number;
  /** The bank file (CSV or Zengin), base64-encoded. */
  csvBase64: string;
  /** true: only the report; false: record exactly the matched rows (one transaction). */
  dryRun: boolean;
  /** CSV only: UTF8 or SHIFT_JIS (a Zengin file is always Shift_JIS). */
  encoding?: TextEncoding | null | undefined;
  /** The layout; omitted: a file that starts with a Zengin header record is ZENGIN, anything else CSV. */
  format?: BankFileFormat | null | undefined;
  /**
   * One key per press of the apply button (not used by a dry run): the same key again returns the
   * first report and records nothing new; the same key with another file is BAD_USER_INPUT.
   */
  idempotencyKey?: string | null | undefined;
};

/** How a person registered by staff joins the staff's association in the same call (a JOIN event). */
export type InitialMembershipInput = {
  /** The staff's own association, which the person joins. */
  associationId: string | number;
  /** The membership category there (MembershipCategory.code). */
  category: string;
  /** The date of joining. */
  joinedOn: string;
};

export type InsuranceStatus =
  | 'ENDED'
  | 'ENROLLED'
  | 'SUSPENDED';

export type InvoiceSkipReason =
  /** The member died */
  | 'DECEASED'
  /** No fee band covers the member's age */
  | 'NO_FEE_FOR_AGE'
  /** The category has no fee schedule for the year */
  | 'NO_FEE_SCHEDULE';

export type MailingFormat =
  /** CSV, Shift_JIS (Windows-31J) */
  | 'CSV_SHIFT_JIS'
  /** CSV, UTF-8 with BOM (郵便番号, 住所, 氏名, フリガナ) */
  | 'CSV_UTF8_BOM'
  /** A printable HTML page of address labels (宛名ラベル) */
  | 'LABELS_HTML';

export type MemberDimension =
  /** 10-year bands: <30, 30-39, … 80+ */
  | 'AGE_BAND'
  | 'CATEGORY'
  /** The first listed department (診療科) */
  | 'DEPARTMENT'
  | 'PREFECTURE'
  | 'SEX'
  /** The direct child association the member also belongs to */
  | 'SUB_ASSOCIATION';

/** Filters of Association.members; all optional, combined with AND. */
export type MemberFilter = {
  /** The membership category at this association (e.g. A①, B). */
  category?: string | null | undefined;
  /** Joined on or after this date. */
  joinedFrom?: string | null | undefined;
  /** Joined on or before this date. */
  joinedTo?: string | null | undefined;
  /** Default ACTIVE (current members); LEFT / TRANSFERRED / DECEASED list former members. */
  status?: MembershipStatus | null | undefined;
};

export type MembershipApplicationKind =
  /** 会員種別変更 (e.g. resident C → B) */
  | 'CATEGORY_CHANGE'
  /** 入会: join one or more associations (e.g. municipal + prefectural + JMA) */
  | 'JOIN'
  /** 退会 */
  | 'LEAVE'
  /** 異動: move from current associations to others (e.g. another municipal association) */
  | 'TRANSFER';

export type MembershipApplicationStatus =
  | 'APPROVED'
  | 'CANCELLED'
  | 'PENDING'
  | 'REJECTED';

export type MembershipEventKind =
  /** 会員種別変更 */
  | 'CATEGORY_CHANGE'
  /** 死亡 */
  | 'DEATH'
  /** 入会 */
  | 'JOIN'
  /** 退会 */
  | 'LEAVE'
  /** 異動 (転入): joins this association from another */
  | 'TRANSFER_IN'
  /** 異動 (転出): leaves this association for another */
  | 'TRANSFER_OUT';

export type MembershipStatus =
  | 'ACTIVE'
  | 'DECEASED'
  | 'LEFT'
  | 'TRANSFERRED';

export type NotificationKind =
  | 'APPLICATION_RESULT'
  /** A notice of an association's activities sent by its staff to its current members (sendAssociationNotice). */
  | 'ASSOCIATION_NOTICE'
  /** A survey an association's staff sent to its current members (sendAssociationSurvey), answered in My Page. */
  | 'ASSOCIATION_SURVEY'
  | 'CERTIFICATE_EXPIRY'
  | 'DATA_MIGRATION'
  | 'TERMS_ACCEPTANCE_REQUIRED'
  | 'TERMS_REVISION';

/** What a long office operation (処理状況) does. */
export type OfficeOperationKind =
  /** An invoice run (会費請求の発行): generateDuesInvoices, not a dry run. */
  | 'INVOICE_RUN'
  /** An applied bank file (入金データの取込): importDuesPayments, not a dry run. */
  | 'PAYMENT_IMPORT';

/** Where a long office operation stands. */
export type OfficeOperationStatus =
  /** Failed and rolled back: nothing was written (see message). */
  | 'FAILED'
  /** Still running (progress in done / total). */
  | 'RUNNING'
  /** Finished: everything was written (see summary). */
  | 'SUCCEEDED';

export type PaymentImportReason =
  | 'ALREADY_IMPORTED'
  | 'AMBIGUOUS_PAYER'
  /** The amount is more than the invoice's amount outstanding (less is a partial payment). */
  | 'AMOUNT_MISMATCH'
  /** Zengin: the bank cancelled the transfer (取消区分 1). */
  | 'CANCELLED_TRANSFER'
  | 'DUPLICATE_IN_FILE'
  | 'INVALID_AMOUNT'
  | 'INVALID_DATE'
  /** Earlier rows of the file already pay the invoice in full. */
  | 'INVOICE_ALREADY_MATCHED'
  | 'INVOICE_NOT_OPEN'
  | 'NO_REFERENCE_OR_PAYER'
  | 'UNKNOWN_PAYER'
  | 'UNKNOWN_REFERENCE';

export type PensionContributionStatus =
  /** Contributions completed: the person has reached 65 (払込満了). */
  | 'COMPLETED'
  | 'CONTRIBUTING'
  /** No contributions: the enrolment was withdrawn. */
  | 'STOPPED'
  /** Contributions paused (払込休止). */
  | 'SUSPENDED';

/** 基本年金 only, or 基本年金 with 加算年金 (additional contributions). */
export type PensionPlan =
  | 'BASIC'
  | 'BASIC_AND_ADDITIONAL';

export type PensionStatus =
  | 'ENROLLED'
  /** 脱退 (withdrawn). */
  | 'WITHDRAWN';

/**
 * Every item of 別表2 that staff register. Text is normalised (full-width letters and digits to
 * half-width, half-width katakana to full-width, hiragana in kana fields to katakana); errors name
 * the field (e.g. `input.postalCode`).
 */
export type PersonInput = {
  /** Contact address after the prefecture. */
  address?: string | null | undefined;
  /** Date of birth (YYYY-MM-DD). */
  birthDate?: string | null | undefined;
  /** Departments (診療科), main one first. */
  departments?: Array<string> | null | undefined;
  /** Contact e-mail address (notices are sent here). */
  email?: string | null | undefined;
  /** The facility's founder type (開設者種別). */
  facilityFounderType?: FacilityFounderType | null | undefined;
  /** The medical facility of work (勤務先). */
  facilityName?: string | null | undefined;
  /** The person's role there (e.g. 院長, 勤務医). */
  facilityRole?: string | null | undefined;
  /** Family name in kanji (姓). */
  familyName?: string | null | undefined;
  /** Katakana (ｶﾀｶﾅ and ひらがな are accepted and stored as カタカナ). */
  familyNameKana?: string | null | undefined;
  /** Given name in kanji (名). */
  givenName?: string | null | undefined;
  /** Given name in katakana (ｶﾀｶﾅ and ひらがな are accepted and stored as カタカナ). */
  givenNameKana?: string | null | undefined;
  /** Year of graduation (used by dues exemptions). */
  graduationYear?: number | null | undefined;
  /** Home address after the prefecture. */
  homeAddress?: string | null | undefined;
  /** Home phone number. */
  homePhone?: string | null | undefined;
  /** Home postal code: 7 digits, with or without a hyphen. */
  homePostalCode?: string | null | undefined;
  /** Prefecture of the home address (JIS X 0401: 1–47). */
  homePrefectureCode?: number | null | undefined;
  /** Contact phone number (digits and hyphens). */
  phone?: string | null | undefined;
  /** 7 digits, with or without a hyphen (100-0001). */
  postalCode?: string | null | undefined;
  /** Prefecture of the contact address (JIS X 0401: 1–47). */
  prefectureCode?: number | null | undefined;
  /** The date of registration in the medical register (医籍登録日). */
  registryDate?: string | null | undefined;
  /** 医籍登録番号: digits only (1–7). */
  registryNumber?: string | null | undefined;
  /** The medical school graduated from (出身大学). */
  school?: string | null | undefined;
  /** Sex as registered. */
  sex?: Sex | null | undefined;
};

/** APPI rights: disclosure (開示, art. 33), correction (訂正, art. 34), cessation of use / erasure (利用停止・消去, art. 35). */
export type PrivacyRequestKind =
  | 'CORRECTION'
  | 'DISCLOSURE'
  | 'ERASURE';

export type PrivacyRequestStatus =
  | 'APPROVED'
  | 'COMPLETED'
  | 'RECEIVED'
  | 'REJECTED';

/**
 * Register for a session: the physician themself (personId = own id), staff of an association the
 * person is a member of (personId), or the host's staff (registryNumber). Idempotent: the same key
 * returns the first result; registering again for a session one is already on returns that record.
 */
export type RegisterForSessionInput = {
  /** A key the client chooses per registration: a retry with the same key returns the first answer. */
  idempotencyKey: string;
  /** Who registers: the physician themself, or a person the staff see (give this or registryNumber). */
  personId?: string | number | null | undefined;
  /** Host staff registering a walk-in attendee by 医籍登録番号 (instead of personId). */
  registryNumber?: string | null | undefined;
  /** The session. */
  sessionId: string | number;
};

export type SendAssociationNoticeInput = {
  /** The sending association: the viewer's own. */
  associationId: string | number;
  /** The body in English (at most 10,000 characters). */
  bodyEn: string;
  /** The body in Japanese (at most 10,000 characters). */
  bodyJa: string;
  /** true (default): count the recipients only; false: send. */
  dryRun?: boolean | null | undefined;
  /** Once per key for the association (1–200 characters): a repeated send with the same key sends nothing again. */
  idempotencyKey: string;
  /** The subject in English (at most 200 characters). */
  subjectEn: string;
  /** The subject in Japanese (at most 200 characters); the association's name is put in front. */
  subjectJa: string;
};

export type SendAssociationSurveyInput = {
  /** The sending association: the viewer's own. */
  associationId: string | number;
  /** The last day answers are taken (Asia/Tokyo): today or later, at most 366 days ahead. */
  closesOn: string;
  /** What it is about and why (at most 10,000 characters). */
  description: string;
  /** true (default): validate and count the recipients only; false: send. */
  dryRun?: boolean | null | undefined;
  /** Once per key for the association (1–200 characters): a repeated send with the same key sends nothing again. */
  idempotencyKey: string;
  /** The questions, in order (1–50). */
  questions: Array<SurveyQuestionInput>;
  /** The survey's title (at most 200 characters); the association's name is put in front in the notice. */
  title: string;
};

export type SendDuesRemindersInput = {
  /** The staff's own association (its invoices only). */
  associationId: string | number;
  /** true: only the preview (nothing written or recorded); false: the letters, recorded. */
  dryRun: boolean;
  /**
   * Required unless dryRun: one key per press of the send button; the same key again returns the first
   * answer and sends nothing new (another request with a used key: BAD_USER_INPUT).
   */
  idempotencyKey?: string | null | undefined;
  /** The overdue invoices to remind about (DuesInvoice.id, e.g. from duesArrears; 1 to 1,000). */
  invoiceIds: Array<string | number>;
  /** A line printed on every letter (e.g. the bank account to pay into); at most 200 characters. */
  note?: string | null | undefined;
  /**
   * Who the letters are handed to for delivery: a mailing vendor (e.g. ○○印刷株式会社) or the office
   * itself (e.g. 事務局（自会発送）). Kept in the provision record.
   */
  recipient: string;
};

export type SessionCreditInput = {
  /** The curriculum code or category the units count toward. */
  code: string;
  /** CURRICULUM_CODE or CATEGORY. */
  kind: SessionCreditKind;
  /** Units an attendee earns (positive, in steps of 0.5). */
  units: number;
};

/** CURRICULUM_CODE (CME カリキュラムコード) or CATEGORY (e.g. occupational physician EARLY_STAGE, PRACTICAL, LATE_STAGE). */
export type SessionCreditKind =
  | 'CATEGORY'
  | 'CURRICULUM_CODE';

/** Who may see a session: PUBLIC (anyone signed in; listed in the iCalendar feed) or MEMBERS_ONLY (the host's members and staff). */
export type SessionVisibility =
  | 'MEMBERS_ONLY'
  | 'PUBLIC';

export type Sex =
  | 'FEMALE'
  | 'MALE'
  | 'OTHER';

export type StepDecision =
  | 'APPROVE'
  | 'REJECT';

/** A member's answer to one question. */
export type SurveyAnswerInput = {
  /** The chosen options (SurveyOption.id): one for SINGLE_CHOICE, any for MULTIPLE_CHOICE, none for FREE_TEXT. */
  optionIds?: Array<string> | null | undefined;
  /** The question (SurveyQuestion.id). */
  questionId: string;
  /** The free text (FREE_TEXT only; at most 4,000 characters). */
  text?: string | null | undefined;
};

/** A question of a new survey. */
export type SurveyQuestionInput = {
  /** How it is answered. */
  kind: SurveyQuestionKind;
  /** The options of a choice question (2–30, distinct, at most 200 characters each); none for FREE_TEXT. */
  options?: Array<string> | null | undefined;
  /** true: a member must answer it. */
  required?: boolean | null | undefined;
  /** The question (at most 1,000 characters). */
  text: string;
};

/** SINGLE_CHOICE: one option; MULTIPLE_CHOICE: any number of options; FREE_TEXT: a text (never aggregated). */
export type SurveyQuestionKind =
  | 'FREE_TEXT'
  | 'MULTIPLE_CHOICE'
  | 'SINGLE_CHOICE';

export type TextEncoding =
  | 'SHIFT_JIS'
  | 'UTF8';

export type TrainingSessionStatus =
  | 'CANCELLED'
  | 'SCHEDULED';

/** Only the fields given change; null clears endsAt, venue, onlineUrl, capacity, cohostSocietyId. */
export type UpdateTrainingSessionInput = {
  /** A new capacity (omit: unchanged; null: unlimited). */
  capacity?: number | null | undefined;
  /** The co-hosting society (omit: unchanged; null: none). */
  cohostSocietyId?: string | null | undefined;
  /** Replaces the credit lines (omit: unchanged); attendance already recorded keeps its credits. */
  credits?: Array<SessionCreditInput> | null | undefined;
  /** A new end (omit: unchanged). */
  endsAt?: string | null | undefined;
  /** The session to change. */
  id: string | number;
  /** A new meeting URL (omit: unchanged; null: none). */
  onlineUrl?: string | null | undefined;
  /** A new start (omit: unchanged). */
  startsAt?: string | null | undefined;
  /** A new title (omit: unchanged). */
  title?: string | null | undefined;
  /** A new venue (omit: unchanged; null: none). */
  venue?: string | null | undefined;
  /** TrainingSession.version as read (stale → CONFLICT). */
  version: number;
  /** PUBLIC or MEMBERS_ONLY (omit: unchanged). */
  visibility?: SessionVisibility | null | undefined;
};

export type ContactEditFieldsFragment = { id: string, email: string | null, phone: string | null, postalCode: string | null, prefectureCode: number | null, address: string | null, version: number | null };

export type UpdateContactMutationVariables = Exact<{
  id: string | number;
  version: number;
  input: PersonInput;
}>;


export type UpdateContactMutation = { updatePerson: { id: string, email: string | null, phone: string | null, postalCode: string | null, prefectureCode: number | null, address: string | null, version: number | null } | null };

export type MyAccessLogQueryVariables = Exact<{ [key: string]: never; }>;


export type MyAccessLogQuery = { me: { id: string, familyName: string, givenName: string, accessLog: Array<{ at: string, viewerKind: string, actorName: string | null, onBehalfOf: string | null, relations: Array<string>, groups: Array<string>, operation: string | null, action: string, association: { id: string, name: string } | null }> | null } | null };

export type MyApplicationsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyApplicationsQuery = { me: { id: string, familyName: string, givenName: string, memberships: Array<{ id: string, category: string, status: MembershipStatus, association: { id: string, name: string } }> | null, membershipApplications: Array<{ id: string, kind: MembershipApplicationKind, status: MembershipApplicationStatus, effectiveOn: string, filedAt: string, comment: string | null, steps: Array<{ id: string, ordinal: number, action: ApplicationStepAction, category: string, status: ApplicationStepStatus, decidedAt: string | null, decidedByName: string | null, association: { id: string, name: string } }> }> | null } | null };

export type FileMembershipApplicationMutationVariables = Exact<{
  input: FileMembershipApplicationInput;
  idempotencyKey: string;
}>;


export type FileMembershipApplicationMutation = { fileMembershipApplication: { id: string, kind: MembershipApplicationKind, status: MembershipApplicationStatus } };

export type MyMembershipsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyMembershipsQuery = { me: { id: string, familyName: string, givenName: string, memberships: Array<{ id: string, category: string, status: MembershipStatus, joinedOn: string, leftOn: string | null, association: { id: string, name: string } }> | null, membershipHistory: Array<{ id: string, kind: MembershipEventKind, category: string, effectiveOn: string, association: { id: string, name: string }, counterpartAssociation: { id: string, name: string } | null }> | null } | null };

export type ActingPersonQueryVariables = Exact<{ [key: string]: never; }>;


export type ActingPersonQuery = { me: { id: string, familyName: string, givenName: string } | null };

export type MyNotificationsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyNotificationsQuery = { me: { id: string, familyName: string, givenName: string, notifications: Array<{ id: string, kind: NotificationKind, subjectJa: string, subjectEn: string, bodyJa: string, bodyEn: string, createdAt: string, readAt: string | null }> | null } | null };

export type MarkNotificationReadMutationVariables = Exact<{
  id: string | number;
}>;


export type MarkNotificationReadMutation = { markNotificationRead: { id: string, readAt: string | null } | null };

export type MyPrivacyQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPrivacyQuery = { termsVersions: Array<{ id: string, version: string, titleJa: string, titleEn: string, effectiveFrom: string, summaryJa: string | null, summaryEn: string | null }>, jointUseNotices: Array<{ id: string, version: string, title: string, effectiveFrom: string }>, me: { id: string, familyName: string, givenName: string, termsAcceptances: Array<{ id: string, version: string, acceptedAt: string, method: string, clientId: string | null }> | null, privacyRequests: Array<{ id: string, kind: PrivacyRequestKind, status: PrivacyRequestStatus, details: string | null, filedAt: string, dueOn: string, overdue: boolean, decidedAt: string | null, decisionNote: string | null, completedAt: string | null, export: { generatedAt: string } | null }> | null, provisionRecords: Array<{ id: string, recipient: string, purpose: string, items: Array<string>, format: string, rowCount: number, createdAt: string, association: { id: string, name: string } }> | null, emailProvisionRecords: Array<{ id: string, recipient: string, purpose: string, items: Array<string>, format: string, rowCount: number, createdAt: string, association: { id: string, name: string } }> | null } | null };

export type MyProvisionRecordFragment = { id: string, recipient: string, purpose: string, items: Array<string>, format: string, rowCount: number, createdAt: string, association: { id: string, name: string } };

export type MyPrivacyExportQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPrivacyExportQuery = { me: { id: string, privacyRequests: Array<{ id: string, export: { html: string, json: string, generatedAt: string } | null }> | null } | null };

export type FilePrivacyRequestMutationVariables = Exact<{
  input: FilePrivacyRequestInput;
}>;


export type FilePrivacyRequestMutation = { filePrivacyRequest: { id: string, kind: PrivacyRequestKind, status: PrivacyRequestStatus } };

export type MyProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type MyProfileQuery = { me: { id: string, familyName: string, givenName: string, familyNameKana: string, givenNameKana: string, registryNumber: string, birthDate: string | null, email: string | null, phone: string | null, postalCode: string | null, prefectureCode: number | null, address: string | null, version: number | null } | null };

export type MyInsuranceQueryVariables = Exact<{ [key: string]: never; }>;


export type MyInsuranceQuery = { me: { id: string, familyName: string, givenName: string, malpracticeInsurance: { id: string, insuranceYear: number, category: string, status: InsuranceStatus, enrolledOn: string, endedOn: string | null, rider: boolean, riderCoverageYen: number | null } | null, malpracticeInsuranceHistory: Array<{ id: string, insuranceYear: number, category: string, status: InsuranceStatus, enrolledOn: string, endedOn: string | null }> | null, pension: { id: string, plan: PensionPlan, status: PensionStatus, contributionStatus: PensionContributionStatus, enrolledOn: string, withdrawnOn: string | null, monthlyContributionYen: number, contributionsEndOn: string } | null } | null };

export type MyDuesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyDuesQuery = { me: { id: string, familyName: string, givenName: string, dues: Array<{ id: string, fiscalYear: number, categoryCode: string, amountYen: number, paidYen: number, outstandingYen: number, status: DuesInvoiceStatus, reference: string, issuedOn: string, association: { id: string, name: string }, payments: Array<{ id: string, amountYen: number, paidOn: string, method: DuesPaymentMethod }> }> | null } | null };

export type MyDuesDocumentsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyDuesDocumentsQuery = { me: { id: string, dues: Array<{ id: string, invoiceDocument: { path: string } | null, receiptDocument: { path: string } | null }> | null } | null };

export type MySessionsQueryVariables = Exact<{
  from?: string | null | undefined;
}>;


export type MySessionsQuery = { me: { id: string, familyName: string, givenName: string, memberships: Array<{ id: string, status: MembershipStatus, association: { id: string, name: string } }> | null, trainingAttendances: Array<{ id: string, status: AttendanceStatus, registeredAt: string, session: { id: string, title: string, startsAt: string } }> | null } | null, trainingSessions: Array<{ id: string, title: string, programCode: string, startsAt: string, endsAt: string, venue: string | null, onlineUrl: string | null, units: number, capacity: number | null, registeredCount: number, waitlistedCount: number, status: TrainingSessionStatus, host: { id: string, name: string } }> };

export type RegisterForSessionMutationVariables = Exact<{
  input: RegisterForSessionInput;
}>;


export type RegisterForSessionMutation = { registerForSession: { id: string, status: AttendanceStatus } };

export type CancelSessionRegistrationMutationVariables = Exact<{
  sessionId: string | number;
  personId: string | number;
}>;


export type CancelSessionRegistrationMutation = { cancelSessionRegistration: { id: string, status: AttendanceStatus } };

export type MySurveysQueryVariables = Exact<{ [key: string]: never; }>;


export type MySurveysQuery = { me: { id: string, familyName: string, givenName: string, surveys: Array<{ id: string, associationName: string, title: string, description: string, closesOn: string, open: boolean, questions: Array<{ id: string, kind: SurveyQuestionKind, text: string, required: boolean, options: Array<{ id: string, label: string }> }>, myAnswer: { updatedAt: string, items: Array<{ questionId: string, optionIds: Array<string>, text: string | null }> } | null }> | null } | null };

export type AnswerSurveyMutationVariables = Exact<{
  input: AnswerSurveyInput;
}>;


export type AnswerSurveyMutation = { answerSurvey: { id: string, open: boolean, myAnswer: { updatedAt: string, items: Array<{ questionId: string, optionIds: Array<string>, text: string | null }> } | null } };

export type MyTrainingQueryVariables = Exact<{ [key: string]: never; }>;


export type MyTrainingQuery = { trainingPrograms: Array<{ code: string, nameJa: string, nameEn: string }>, me: { id: string, familyName: string, givenName: string, creditLedger: Array<{ id: string, programCode: string, code: string, units: number, earnedOn: string }> | null, cme: { programCode: string, kind: CertificationKind, asOf: string, windowFrom: string | null, windowTo: string | null, deadline: string | null, graceUntil: string | null, inGrace: boolean, units: number, total: number, eligible: boolean, evidenceRequired: boolean, rule: { id: string, note: string | null } | null, requirements: Array<{ key: string, required: number, achieved: number, met: boolean, missing: number }> } | null, occupational: { programCode: string, kind: CertificationKind, asOf: string, windowFrom: string | null, windowTo: string | null, deadline: string | null, graceUntil: string | null, inGrace: boolean, units: number, total: number, eligible: boolean, evidenceRequired: boolean, rule: { id: string, note: string | null } | null, requirements: Array<{ key: string, required: number, achieved: number, met: boolean, missing: number }> } | null, sports: { programCode: string, kind: CertificationKind, asOf: string, windowFrom: string | null, windowTo: string | null, deadline: string | null, graceUntil: string | null, inGrace: boolean, units: number, total: number, eligible: boolean, evidenceRequired: boolean, rule: { id: string, note: string | null } | null, requirements: Array<{ key: string, required: number, achieved: number, met: boolean, missing: number }> } | null, familyDoctor: { programCode: string, kind: CertificationKind, asOf: string, windowFrom: string | null, windowTo: string | null, deadline: string | null, graceUntil: string | null, inGrace: boolean, units: number, total: number, eligible: boolean, evidenceRequired: boolean, rule: { id: string, note: string | null } | null, requirements: Array<{ key: string, required: number, achieved: number, met: boolean, missing: number }> } | null, certificates: Array<{ id: string, number: string, programCode: string, validFrom: string, validTo: string, status: CertificateStatus, verificationCode: string }> | null, trainingAttendances: Array<{ id: string, status: AttendanceStatus, attendedAt: string | null, units: number, session: { id: string, title: string, programCode: string, startsAt: string } }> | null } | null };

export type ProgressFieldsFragment = { programCode: string, kind: CertificationKind, asOf: string, windowFrom: string | null, windowTo: string | null, deadline: string | null, graceUntil: string | null, inGrace: boolean, units: number, total: number, eligible: boolean, evidenceRequired: boolean, rule: { id: string, note: string | null } | null, requirements: Array<{ key: string, required: number, achieved: number, met: boolean, missing: number }> };

export type MyTrainingDocumentsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyTrainingDocumentsQuery = { me: { id: string, certificates: Array<{ id: string, document: { path: string, expiresAt: string } | null }> | null, trainingAttendances: Array<{ id: string, certificateDocument: { path: string, expiresAt: string } | null }> | null } | null };

export type OfficeApprovalsQueryVariables = Exact<{ [key: string]: never; }>;


export type OfficeApprovalsQuery = { membershipApplications: Array<{ id: string, kind: MembershipApplicationKind, status: MembershipApplicationStatus, effectiveOn: string, comment: string | null, filedAt: string, person: { id: string, familyName: string, givenName: string, familyNameKana: string, givenNameKana: string } | null, steps: Array<{ id: string, ordinal: number, action: ApplicationStepAction, category: string, status: ApplicationStepStatus, comment: string | null, association: { id: string, name: string } }>, currentStep: { id: string, association: { id: string } } | null }> };

export type OfficeDecideStepMutationVariables = Exact<{
  stepId: string | number;
  decision: StepDecision;
  comment?: string | null | undefined;
}>;


export type OfficeDecideStepMutation = { decideMembershipApplicationStep: { id: string, status: MembershipApplicationStatus, steps: Array<{ id: string, status: ApplicationStepStatus, comment: string | null }>, currentStep: { id: string, association: { id: string } } | null } };

export type OfficeCertificationApplicationsQueryVariables = Exact<{
  associationId: string | number;
}>;


export type OfficeCertificationApplicationsQuery = { association: { id: string, tier: AssociationTier } | null, trainingPrograms: Array<{ code: string, nameJa: string, nameEn: string, jmaProgram: boolean }>, certificationApplicationsToDecide: Array<{ id: string, programCode: string, kind: CertificationKind, status: CertificationApplicationStatus, holderName: string, evidence: string | null, version: number, filedAt: string, prefecturalAssociation: { id: string, name: string }, person: { id: string, familyName: string, givenName: string, registryNumber: string }, steps: Array<{ step: string, decision: CertificationDecision, note: string | null, decidedAt: string, association: { id: string, name: string } | null }> }> };

export type OfficeApplicantProgressQueryVariables = Exact<{
  personId: string | number;
  program: string;
  kind?: CertificationKind | null | undefined;
}>;


export type OfficeApplicantProgressQuery = { person: { id: string, trainingSummary: { programCode: string, kind: CertificationKind, eligible: boolean, evidenceRequired: boolean, deadline: string | null, windowFrom: string | null, windowTo: string | null, rule: { id: string, note: string | null } | null, requirements: Array<{ key: string, required: number, achieved: number, met: boolean, missing: number }> } | null } | null };

export type OfficeCheckCertificationApplicationMutationVariables = Exact<{
  input: DecideCertificationApplicationInput;
}>;


export type OfficeCheckCertificationApplicationMutation = { checkCertificationApplication: { id: string, status: CertificationApplicationStatus, version: number } };

export type OfficeApproveCertificationApplicationMutationVariables = Exact<{
  input: DecideCertificationApplicationInput;
}>;


export type OfficeApproveCertificationApplicationMutation = { approveCertificationApplication: { id: string, status: CertificationApplicationStatus, version: number, certificate: { id: string, number: string } | null } };

export type OfficeDuesArrearsQueryVariables = Exact<{
  associationId: string | number;
  fiscalYear?: number | null | undefined;
  overdueOnly?: boolean | null | undefined;
}>;


export type OfficeDuesArrearsQuery = { duesArrears: Array<{ id: string, fiscalYear: number, categoryCode: string, reference: string, amountYen: number, paidYen: number, outstandingYen: number, issuedOn: string, dueOn: string, daysOverdue: number, reminderCount: number, lastRemindedAt: string | null, person: { id: string, familyName: string, givenName: string } | null }> };

export type OfficeDuesRemindersMutationVariables = Exact<{
  input: SendDuesRemindersInput;
}>;


export type OfficeDuesRemindersMutation = { sendDuesReminders: { dryRun: boolean, memberCount: number, totalOutstandingYen: number, lines: Array<{ outstandingYen: number, daysOverdue: number, invoice: { id: string, fiscalYear: number, reference: string, person: { id: string, familyName: string, givenName: string } | null } }>, skipped: Array<{ invoiceId: string, reason: DuesReminderSkipReason }>, letters: { filename: string, contentType: string, contentBase64: string, rowCount: number, provisionRecord: { id: string, recipient: string, createdAt: string } } | null } };

export type OfficeDuesInvoiceQueryVariables = Exact<{
  associationId: string | number;
  reference: string;
}>;


export type OfficeDuesInvoiceQuery = { duesInvoice: { id: string, fiscalYear: number, categoryCode: string, reference: string, amountYen: number, paidYen: number, outstandingYen: number, status: DuesInvoiceStatus, issuedOn: string, dueOn: string, person: { id: string, familyName: string, givenName: string } | null, invoiceDocument: { path: string, fileName: string } | null, receiptDocument: { path: string, fileName: string } | null } | null };

export type OfficeInvoiceRunMutationVariables = Exact<{
  associationId: string | number;
  fiscalYear: number;
  dryRun: boolean;
  idempotencyKey?: string | null | undefined;
}>;


export type OfficeInvoiceRunMutation = { generateDuesInvoices: { fiscalYear: number, dryRun: boolean, created: number, exempt: number, existing: number, operationId: string | null, skipped: Array<{ reason: InvoiceSkipReason, person: { id: string, familyName: string, givenName: string } | null }>, planned: Array<{ categoryCode: string, months: number, amountYen: number, status: DuesInvoiceStatus, person: { id: string, familyName: string, givenName: string } | null }> } };

export type OfficeImportPaymentsMutationVariables = Exact<{
  input: ImportDuesPaymentsInput;
}>;


export type OfficeImportPaymentsMutation = { importDuesPayments: { dryRun: boolean, applied: boolean, totalRows: number, matchedCount: number, unmatchedCount: number, matchedAmountYen: number, operationId: string | null, rows: Array<{ rowNumber: number, matched: boolean, reason: PaymentImportReason | null, message: string | null, paidOn: string | null, amountYen: number | null, payer: string | null, reference: string | null, invoice: { id: string, person: { id: string, familyName: string, givenName: string } | null } | null }> } };

export type OfficeMailingCountQueryVariables = Exact<{
  id: string | number;
}>;


export type OfficeMailingCountQuery = { association: { id: string, members: { totalCount: number } | null } | null };

export type OfficeExportMailingMutationVariables = Exact<{
  input: ExportMailingListInput;
}>;


export type OfficeExportMailingMutation = { exportMailingList: { filename: string, contentType: string, rowCount: number, contentBase64: string, warnings: Array<string>, provisionRecord: { id: string, recipient: string, purpose: string, rowCount: number, createdAt: string } } };

export type OfficeMemberQueryVariables = Exact<{
  id: string | number;
}>;


export type OfficeMemberQuery = { person: { id: string, familyName: string, givenName: string, familyNameKana: string, givenNameKana: string, registryNumber: string, registryDate: string | null, birthDate: string | null, sex: Sex | null, homePostalCode: string | null, homeAddress: string | null, homePhone: string | null, school: string | null, graduationYear: number | null, facilityName: string | null, facilityRole: string | null, departments: Array<string> | null, email: string | null, phone: string | null, postalCode: string | null, prefectureCode: number | null, address: string | null, version: number | null, memberships: Array<{ id: string, category: string, status: MembershipStatus, joinedOn: string, leftOn: string | null, association: { id: string, name: string } }> | null, membershipHistory: Array<{ id: string, kind: MembershipEventKind, category: string, effectiveOn: string, association: { id: string, name: string } }> | null, dues: Array<{ id: string, fiscalYear: number, categoryCode: string, amountYen: number, outstandingYen: number, status: DuesInvoiceStatus }> | null, creditLedger: Array<{ id: string, programCode: string, code: string, units: number, earnedOn: string }> | null } | null };

export type OfficeMembersQueryVariables = Exact<{
  id: string | number;
  filter?: MemberFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OfficeMembersQuery = { association: { id: string, membershipCategories: Array<{ id: string, code: string, name: string }>, members: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, familyName: string, givenName: string, familyNameKana: string, givenNameKana: string, registryNumber: string, memberships: Array<{ id: string, category: string, status: MembershipStatus, association: { id: string } }> | null }> } | null } | null };

export type OfficePeopleSearchQueryVariables = Exact<{
  search: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OfficePeopleSearchQuery = { people: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, familyName: string, givenName: string, familyNameKana: string, givenNameKana: string, registryNumber: string, memberships: Array<{ id: string, category: string, status: MembershipStatus, association: { id: string } }> | null }> } };

export type OfficeMemberRowFragment = { id: string, familyName: string, givenName: string, familyNameKana: string, givenNameKana: string, registryNumber: string, memberships: Array<{ id: string, category: string, status: MembershipStatus, association: { id: string } }> | null };

export type OfficeRegisterCategoriesQueryVariables = Exact<{
  id: string | number;
}>;


export type OfficeRegisterCategoriesQuery = { association: { id: string, membershipCategories: Array<{ id: string, code: string, name: string }> } | null };

export type OfficeCreatePersonMutationVariables = Exact<{
  input: PersonInput;
  membership: InitialMembershipInput;
  confirmDuplicate?: boolean | null | undefined;
  idempotencyKey: string;
}>;


export type OfficeCreatePersonMutation = { createPerson: { id: string } };

export type OfficeSendAssociationNoticeMutationVariables = Exact<{
  input: SendAssociationNoticeInput;
}>;


export type OfficeSendAssociationNoticeMutation = { sendAssociationNotice: { dryRun: boolean, associationName: string, recipientCount: number, notifiedCount: number } };

export type OfficeAssociationQueryVariables = Exact<{
  id: string | number;
}>;


export type OfficeAssociationQuery = { association: { id: string, name: string } | null };

export type OfficeOperationsQueryVariables = Exact<{
  associationId: string | number;
  first?: number | null | undefined;
}>;


export type OfficeOperationsQuery = { officeOperations: { totalCount: number, pageInfo: { hasNextPage: boolean }, nodes: Array<{ id: string, kind: OfficeOperationKind, status: OfficeOperationStatus, total: number | null, done: number, message: string | null, actorName: string | null, startedAt: string, finishedAt: string | null, summary: { fiscalYear: number | null, created: number | null, exempt: number | null, existing: number | null, skipped: number | null, totalRows: number | null, matched: number | null, unmatched: number | null, matchedAmountYen: number | null } | null }> } };

export type OfficeStatisticsQueryVariables = Exact<{
  id: string | number;
  groupBy: Array<MemberDimension> | MemberDimension;
}>;


export type OfficeStatisticsQuery = { statistics: { associationId: string, asOf: string, k: number, members: { dimensions: Array<string>, total: number | null, suppressedCells: number, k: number, cells: Array<{ keys: Array<string>, count: number | null, suppressed: boolean }> } | null } | null };

export type OfficeSurveysQueryVariables = Exact<{
  associationId: string | number;
}>;


export type OfficeSurveysQuery = { associationSurveys: Array<{ id: string, title: string, closesOn: string, open: boolean, createdAt: string, recipientCount: number, responseCount: number }> };

export type OfficeSendAssociationSurveyMutationVariables = Exact<{
  input: SendAssociationSurveyInput;
}>;


export type OfficeSendAssociationSurveyMutation = { sendAssociationSurvey: { dryRun: boolean, recipientCount: number, notifiedCount: number, survey: { id: string } | null } };

export type OfficeSurveyResultsQueryVariables = Exact<{
  associationId: string | number;
  id: string | number;
}>;


export type OfficeSurveyResultsQuery = { associationSurvey: { id: string, title: string, description: string, closesOn: string, open: boolean, recipientCount: number, responseCount: number, suppressionK: number, questions: Array<{ id: string, text: string, kind: SurveyQuestionKind, options: Array<{ id: string, label: string }> }>, results: Array<{ questionId: string, kind: SurveyQuestionKind, text: string, respondentCount: number | null, respondentCountSuppressed: boolean, options: Array<{ optionId: string, label: string, count: number | null, suppressed: boolean }> }> | null, memberAnswers: Array<{ updatedAt: string, person: { id: string, familyName: string, givenName: string } | null, items: Array<{ questionId: string, optionIds: Array<string>, text: string | null }> }> | null } | null };

export type OfficeSessionsQueryVariables = Exact<{
  hostId: string | number;
}>;


export type OfficeSessionsQuery = { trainingSessions: Array<{ id: string, programCode: string, title: string, startsAt: string, venue: string | null, units: number, capacity: number | null, registeredCount: number, waitlistedCount: number, status: TrainingSessionStatus, version: number }>, trainingPrograms: Array<{ code: string, nameJa: string, nameEn: string, codes: Array<string> }>, association: { id: string, tier: AssociationTier } | null };

export type OfficeImportAttendanceMutationVariables = Exact<{
  input: ImportAttendanceCsvInput;
}>;


export type OfficeImportAttendanceMutation = { importAttendanceCsv: { dryRun: boolean, applied: number, matched: number, rejected: number, rows: Array<{ rowNumber: number, registryNumber: string | null, status: AttendanceImportRowStatus, message: string | null, person: { id: string, familyName: string, givenName: string } | null }> } };

export type OfficeSessionFieldsFragment = { id: string, title: string, startsAt: string, endsAt: string, venue: string | null, onlineUrl: string | null, units: number, capacity: number | null, visibility: SessionVisibility, status: TrainingSessionStatus, version: number, registeredCount: number, waitlistedCount: number, credits: Array<{ kind: SessionCreditKind, code: string, units: number }> };

export type OfficeSessionDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type OfficeSessionDetailQuery = { trainingSession: { id: string, programCode: string, title: string, startsAt: string, endsAt: string, venue: string | null, onlineUrl: string | null, units: number, capacity: number | null, visibility: SessionVisibility, status: TrainingSessionStatus, version: number, registeredCount: number, waitlistedCount: number, attendances: Array<{ id: string, status: AttendanceStatus, registeredAt: string, person: { id: string, familyName: string, givenName: string, registryNumber: string } }>, credits: Array<{ kind: SessionCreditKind, code: string, units: number }> } | null };

export type OfficeCreateSessionMutationVariables = Exact<{
  input: CreateTrainingSessionInput;
}>;


export type OfficeCreateSessionMutation = { createTrainingSession: { id: string, title: string, version: number } };

export type OfficeUpdateSessionMutationVariables = Exact<{
  input: UpdateTrainingSessionInput;
}>;


export type OfficeUpdateSessionMutation = { updateTrainingSession: { id: string, title: string, startsAt: string, endsAt: string, venue: string | null, onlineUrl: string | null, units: number, capacity: number | null, visibility: SessionVisibility, status: TrainingSessionStatus, version: number, registeredCount: number, waitlistedCount: number, credits: Array<{ kind: SessionCreditKind, code: string, units: number }> } };

export type OfficeCancelSessionMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type OfficeCancelSessionMutation = { cancelTrainingSession: { id: string, status: TrainingSessionStatus, version: number } };

export type TopPageQueryVariables = Exact<{ [key: string]: never; }>;


export type TopPageQuery = { jointUseNotice: { id: string, version: string, effectiveFrom: string, title: string, statement: string, dataItems: Array<string>, jointUsers: string, purposes: Array<string>, responsibilityNote: string | null, summaryEn: string | null, responsibleParty: { name: string, address: string, representative: string } } | null, upcomingJointUseNotice: { id: string, version: string, effectiveFrom: string, title: string, summaryEn: string | null } | null, termsOfUse: { id: string, version: string, titleJa: string, titleEn: string, effectiveFrom: string } | null, serviceDisclosure: { id: string, version: string, effectiveFrom: string, contractors: Array<{ name: string, work: string, workEn: string | null }>, environmentRequirements: Array<{ item: string, requirementJa: string, requirementEn: string }> } | null, termsVersions: Array<{ id: string, version: string, titleJa: string, titleEn: string, bodyJa: string, bodyEn: string, effectiveFrom: string, requiresAcceptance: boolean, summaryJa: string | null, summaryEn: string | null }> };

export type VerifyCertificateQueryVariables = Exact<{
  code: string;
}>;


export type VerifyCertificateQuery = { verifyCertificate: { valid: boolean, status: CertificateStatus, programCode: string, programNameJa: string, programNameEn: string, validFrom: string, validTo: string, holderName: string } | null };

export const ContactEditFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ContactEditFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"prefectureCode"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<ContactEditFieldsFragment, unknown>;
export const MyProvisionRecordFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MyProvisionRecord"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisionRecord"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"items"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<MyProvisionRecordFragment, unknown>;
export const ProgressFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProgressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"windowFrom"}},{"kind":"Field","name":{"kind":"Name","value":"windowTo"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"graceUntil"}},{"kind":"Field","name":{"kind":"Name","value":"inGrace"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceRequired"}},{"kind":"Field","name":{"kind":"Name","value":"requirements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"achieved"}},{"kind":"Field","name":{"kind":"Name","value":"met"}},{"kind":"Field","name":{"kind":"Name","value":"missing"}}]}}]}}]} as unknown as DocumentNode<ProgressFieldsFragment, unknown>;
export const OfficeMemberRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OfficeMemberRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyNameKana"}},{"kind":"Field","name":{"kind":"Name","value":"givenNameKana"}},{"kind":"Field","name":{"kind":"Name","value":"registryNumber"}},{"kind":"Field","name":{"kind":"Name","value":"memberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<OfficeMemberRowFragment, unknown>;
export const OfficeSessionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OfficeSessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"onlineUrl"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"credits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"units"}}]}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"registeredCount"}},{"kind":"Field","name":{"kind":"Name","value":"waitlistedCount"}}]}}]} as unknown as DocumentNode<OfficeSessionFieldsFragment, unknown>;
export const UpdateContactDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateContact"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PersonInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePerson"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ContactEditFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ContactEditFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"prefectureCode"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<UpdateContactMutation, UpdateContactMutationVariables>;
export const MyAccessLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyAccessLog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"accessLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"viewerKind"}},{"kind":"Field","name":{"kind":"Name","value":"actorName"}},{"kind":"Field","name":{"kind":"Name","value":"onBehalfOf"}},{"kind":"Field","name":{"kind":"Name","value":"relations"}},{"kind":"Field","name":{"kind":"Name","value":"groups"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyAccessLogQuery, MyAccessLogQueryVariables>;
export const MyApplicationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyApplications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"memberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"membershipApplications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveOn"}},{"kind":"Field","name":{"kind":"Name","value":"filedAt"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ordinal"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decidedByName"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyApplicationsQuery, MyApplicationsQueryVariables>;
export const FileMembershipApplicationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FileMembershipApplication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FileMembershipApplicationInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileMembershipApplication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<FileMembershipApplicationMutation, FileMembershipApplicationMutationVariables>;
export const MyMembershipsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyMemberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"memberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"joinedOn"}},{"kind":"Field","name":{"kind":"Name","value":"leftOn"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"membershipHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveOn"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"counterpartAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyMembershipsQuery, MyMembershipsQueryVariables>;
export const ActingPersonDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActingPerson"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}}]}}]}}]} as unknown as DocumentNode<ActingPersonQuery, ActingPersonQueryVariables>;
export const MyNotificationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyNotifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"notifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subjectJa"}},{"kind":"Field","name":{"kind":"Name","value":"subjectEn"}},{"kind":"Field","name":{"kind":"Name","value":"bodyJa"}},{"kind":"Field","name":{"kind":"Name","value":"bodyEn"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}}]}}]}}]}}]} as unknown as DocumentNode<MyNotificationsQuery, MyNotificationsQueryVariables>;
export const MarkNotificationReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkNotificationRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markNotificationRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}}]}}]}}]} as unknown as DocumentNode<MarkNotificationReadMutation, MarkNotificationReadMutationVariables>;
export const MyPrivacyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyPrivacy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"termsVersions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"titleJa"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}},{"kind":"Field","name":{"kind":"Name","value":"summaryJa"}},{"kind":"Field","name":{"kind":"Name","value":"summaryEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"jointUseNotices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}}]}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"termsAcceptances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"privacyRequests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"filedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decisionNote"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"export"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"provisionRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MyProvisionRecord"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emailProvisionRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MyProvisionRecord"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MyProvisionRecord"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisionRecord"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"items"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<MyPrivacyQuery, MyPrivacyQueryVariables>;
export const MyPrivacyExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyPrivacyExport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"privacyRequests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"export"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"html"}},{"kind":"Field","name":{"kind":"Name","value":"json"}},{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyPrivacyExportQuery, MyPrivacyExportQueryVariables>;
export const FilePrivacyRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FilePrivacyRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FilePrivacyRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filePrivacyRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<FilePrivacyRequestMutation, FilePrivacyRequestMutationVariables>;
export const MyProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyNameKana"}},{"kind":"Field","name":{"kind":"Name","value":"givenNameKana"}},{"kind":"Field","name":{"kind":"Name","value":"registryNumber"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ContactEditFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ContactEditFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"prefectureCode"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<MyProfileQuery, MyProfileQueryVariables>;
export const MyInsuranceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyInsurance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"malpracticeInsurance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"insuranceYear"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enrolledOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"rider"}},{"kind":"Field","name":{"kind":"Name","value":"riderCoverageYen"}}]}},{"kind":"Field","name":{"kind":"Name","value":"malpracticeInsuranceHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"insuranceYear"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enrolledOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pension"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plan"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"contributionStatus"}},{"kind":"Field","name":{"kind":"Name","value":"enrolledOn"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawnOn"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyContributionYen"}},{"kind":"Field","name":{"kind":"Name","value":"contributionsEndOn"}}]}}]}}]}}]} as unknown as DocumentNode<MyInsuranceQuery, MyInsuranceQueryVariables>;
export const MyDuesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyDues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"dues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"amountYen"}},{"kind":"Field","name":{"kind":"Name","value":"paidYen"}},{"kind":"Field","name":{"kind":"Name","value":"outstandingYen"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"issuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amountYen"}},{"kind":"Field","name":{"kind":"Name","value":"paidOn"}},{"kind":"Field","name":{"kind":"Name","value":"method"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyDuesQuery, MyDuesQueryVariables>;
export const MyDuesDocumentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyDuesDocuments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceDocument"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"Field","name":{"kind":"Name","value":"receiptDocument"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyDuesDocumentsQuery, MyDuesDocumentsQueryVariables>;
export const MySessionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MySessions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"memberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"trainingAttendances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"registeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"trainingSessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"programCode"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"onlineUrl"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"registeredCount"}},{"kind":"Field","name":{"kind":"Name","value":"waitlistedCount"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"host"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<MySessionsQuery, MySessionsQueryVariables>;
export const RegisterForSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterForSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterForSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerForSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RegisterForSessionMutation, RegisterForSessionMutationVariables>;
export const CancelSessionRegistrationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelSessionRegistration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"personId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelSessionRegistration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"personId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"personId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CancelSessionRegistrationMutation, CancelSessionRegistrationMutationVariables>;
export const MySurveysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MySurveys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"surveys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"closesOn"}},{"kind":"Field","name":{"kind":"Name","value":"open"}},{"kind":"Field","name":{"kind":"Name","value":"questions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"options"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"myAnswer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"questionId"}},{"kind":"Field","name":{"kind":"Name","value":"optionIds"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MySurveysQuery, MySurveysQueryVariables>;
export const AnswerSurveyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AnswerSurvey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AnswerSurveyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"answerSurvey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"open"}},{"kind":"Field","name":{"kind":"Name","value":"myAnswer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"questionId"}},{"kind":"Field","name":{"kind":"Name","value":"optionIds"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]} as unknown as DocumentNode<AnswerSurveyMutation, AnswerSurveyMutationVariables>;
export const MyTrainingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyTraining"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingPrograms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameJa"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"creditLedger"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"programCode"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"earnedOn"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"cme"},"name":{"kind":"Name","value":"trainingSummary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"program"},"value":{"kind":"StringValue","value":"CME","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProgressFields"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"occupational"},"name":{"kind":"Name","value":"trainingSummary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"program"},"value":{"kind":"StringValue","value":"OCCUPATIONAL","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProgressFields"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"sports"},"name":{"kind":"Name","value":"trainingSummary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"program"},"value":{"kind":"StringValue","value":"SPORTS","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProgressFields"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"familyDoctor"},"name":{"kind":"Name","value":"trainingSummary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"program"},"value":{"kind":"StringValue","value":"FAMILY_DOCTOR","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProgressFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"programCode"}},{"kind":"Field","name":{"kind":"Name","value":"validFrom"}},{"kind":"Field","name":{"kind":"Name","value":"validTo"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"verificationCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trainingAttendances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attendedAt"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"programCode"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProgressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"windowFrom"}},{"kind":"Field","name":{"kind":"Name","value":"windowTo"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"graceUntil"}},{"kind":"Field","name":{"kind":"Name","value":"inGrace"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceRequired"}},{"kind":"Field","name":{"kind":"Name","value":"requirements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"achieved"}},{"kind":"Field","name":{"kind":"Name","value":"met"}},{"kind":"Field","name":{"kind":"Name","value":"missing"}}]}}]}}]} as unknown as DocumentNode<MyTrainingQuery, MyTrainingQueryVariables>;
export const MyTrainingDocumentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyTrainingDocuments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"document"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"trainingAttendances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateDocument"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyTrainingDocumentsQuery, MyTrainingDocumentsQueryVariables>;
export const OfficeApprovalsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeApprovals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"membershipApplications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"PENDING"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveOn"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"filedAt"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyNameKana"}},{"kind":"Field","name":{"kind":"Name","value":"givenNameKana"}}]}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ordinal"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentStep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OfficeApprovalsQuery, OfficeApprovalsQueryVariables>;
export const OfficeDecideStepDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeDecideStep"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"stepId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"decision"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StepDecision"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"comment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decideMembershipApplicationStep"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"stepId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"stepId"}}},{"kind":"Argument","name":{"kind":"Name","value":"decision"},"value":{"kind":"Variable","name":{"kind":"Name","value":"decision"}}},{"kind":"Argument","name":{"kind":"Name","value":"comment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"comment"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentStep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OfficeDecideStepMutation, OfficeDecideStepMutationVariables>;
export const OfficeCertificationApplicationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeCertificationApplications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"association"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trainingPrograms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameJa"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"jmaProgram"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certificationApplicationsToDecide"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"associationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"programCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"holderName"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"filedAt"}},{"kind":"Field","name":{"kind":"Name","value":"prefecturalAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"registryNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OfficeCertificationApplicationsQuery, OfficeCertificationApplicationsQueryVariables>;
export const OfficeApplicantProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeApplicantProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"personId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"program"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CertificationKind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"personId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trainingSummary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"program"},"value":{"kind":"Variable","name":{"kind":"Name","value":"program"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceRequired"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"windowFrom"}},{"kind":"Field","name":{"kind":"Name","value":"windowTo"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requirements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"achieved"}},{"kind":"Field","name":{"kind":"Name","value":"met"}},{"kind":"Field","name":{"kind":"Name","value":"missing"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OfficeApplicantProgressQuery, OfficeApplicantProgressQueryVariables>;
export const OfficeCheckCertificationApplicationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeCheckCertificationApplication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DecideCertificationApplicationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkCertificationApplication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<OfficeCheckCertificationApplicationMutation, OfficeCheckCertificationApplicationMutationVariables>;
export const OfficeApproveCertificationApplicationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeApproveCertificationApplication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DecideCertificationApplicationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveCertificationApplication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}}]}}]}}]} as unknown as DocumentNode<OfficeApproveCertificationApplicationMutation, OfficeApproveCertificationApplicationMutationVariables>;
export const OfficeDuesArrearsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeDuesArrears"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fiscalYear"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"overdueOnly"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"duesArrears"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"associationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"fiscalYear"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fiscalYear"}}},{"kind":"Argument","name":{"kind":"Name","value":"overdueOnly"},"value":{"kind":"Variable","name":{"kind":"Name","value":"overdueOnly"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"amountYen"}},{"kind":"Field","name":{"kind":"Name","value":"paidYen"}},{"kind":"Field","name":{"kind":"Name","value":"outstandingYen"}},{"kind":"Field","name":{"kind":"Name","value":"issuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"reminderCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastRemindedAt"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}}]}}]}}]}}]} as unknown as DocumentNode<OfficeDuesArrearsQuery, OfficeDuesArrearsQueryVariables>;
export const OfficeDuesRemindersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeDuesReminders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendDuesRemindersInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendDuesReminders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalOutstandingYen"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outstandingYen"}},{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"invoice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"skipped"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"letters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"contentBase64"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"provisionRecord"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OfficeDuesRemindersMutation, OfficeDuesRemindersMutationVariables>;
export const OfficeDuesInvoiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeDuesInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reference"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"duesInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"associationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reference"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reference"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"amountYen"}},{"kind":"Field","name":{"kind":"Name","value":"paidYen"}},{"kind":"Field","name":{"kind":"Name","value":"outstandingYen"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"issuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"invoiceDocument"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"receiptDocument"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}}]}}]}}]}}]} as unknown as DocumentNode<OfficeDuesInvoiceQuery, OfficeDuesInvoiceQueryVariables>;
export const OfficeInvoiceRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeInvoiceRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fiscalYear"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generateDuesInvoices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"associationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"fiscalYear"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fiscalYear"}}},{"kind":"Argument","name":{"kind":"Name","value":"dryRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"exempt"}},{"kind":"Field","name":{"kind":"Name","value":"existing"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"operationId"}},{"kind":"Field","name":{"kind":"Name","value":"planned"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"amountYen"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OfficeInvoiceRunMutation, OfficeInvoiceRunMutationVariables>;
export const OfficeImportPaymentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeImportPayments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportDuesPaymentsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importDuesPayments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"applied"}},{"kind":"Field","name":{"kind":"Name","value":"totalRows"}},{"kind":"Field","name":{"kind":"Name","value":"matchedCount"}},{"kind":"Field","name":{"kind":"Name","value":"unmatchedCount"}},{"kind":"Field","name":{"kind":"Name","value":"matchedAmountYen"}},{"kind":"Field","name":{"kind":"Name","value":"operationId"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rowNumber"}},{"kind":"Field","name":{"kind":"Name","value":"matched"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"paidOn"}},{"kind":"Field","name":{"kind":"Name","value":"amountYen"}},{"kind":"Field","name":{"kind":"Name","value":"payer"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"invoice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OfficeImportPaymentsMutation, OfficeImportPaymentsMutationVariables>;
export const OfficeMailingCountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeMailingCount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"association"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]} as unknown as DocumentNode<OfficeMailingCountQuery, OfficeMailingCountQueryVariables>;
export const OfficeExportMailingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeExportMailing"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExportMailingListInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportMailingList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"contentBase64"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"provisionRecord"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<OfficeExportMailingMutation, OfficeExportMailingMutationVariables>;
export const OfficeMemberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyNameKana"}},{"kind":"Field","name":{"kind":"Name","value":"givenNameKana"}},{"kind":"Field","name":{"kind":"Name","value":"registryNumber"}},{"kind":"Field","name":{"kind":"Name","value":"registryDate"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"sex"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ContactEditFields"}},{"kind":"Field","name":{"kind":"Name","value":"homePostalCode"}},{"kind":"Field","name":{"kind":"Name","value":"homeAddress"}},{"kind":"Field","name":{"kind":"Name","value":"homePhone"}},{"kind":"Field","name":{"kind":"Name","value":"school"}},{"kind":"Field","name":{"kind":"Name","value":"graduationYear"}},{"kind":"Field","name":{"kind":"Name","value":"facilityName"}},{"kind":"Field","name":{"kind":"Name","value":"facilityRole"}},{"kind":"Field","name":{"kind":"Name","value":"departments"}},{"kind":"Field","name":{"kind":"Name","value":"memberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"joinedOn"}},{"kind":"Field","name":{"kind":"Name","value":"leftOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"membershipHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"amountYen"}},{"kind":"Field","name":{"kind":"Name","value":"outstandingYen"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"creditLedger"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"programCode"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"earnedOn"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ContactEditFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"prefectureCode"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<OfficeMemberQuery, OfficeMemberQueryVariables>;
export const OfficeMembersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeMembers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MemberFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"association"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"membershipCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OfficeMemberRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OfficeMemberRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyNameKana"}},{"kind":"Field","name":{"kind":"Name","value":"givenNameKana"}},{"kind":"Field","name":{"kind":"Name","value":"registryNumber"}},{"kind":"Field","name":{"kind":"Name","value":"memberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<OfficeMembersQuery, OfficeMembersQueryVariables>;
export const OfficePeopleSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficePeopleSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"people"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OfficeMemberRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OfficeMemberRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyNameKana"}},{"kind":"Field","name":{"kind":"Name","value":"givenNameKana"}},{"kind":"Field","name":{"kind":"Name","value":"registryNumber"}},{"kind":"Field","name":{"kind":"Name","value":"memberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"association"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<OfficePeopleSearchQuery, OfficePeopleSearchQueryVariables>;
export const OfficeRegisterCategoriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeRegisterCategories"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"association"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"membershipCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<OfficeRegisterCategoriesQuery, OfficeRegisterCategoriesQueryVariables>;
export const OfficeCreatePersonDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeCreatePerson"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PersonInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"membership"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InitialMembershipInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"confirmDuplicate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPerson"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"membership"},"value":{"kind":"Variable","name":{"kind":"Name","value":"membership"}}},{"kind":"Argument","name":{"kind":"Name","value":"confirmDuplicate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"confirmDuplicate"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<OfficeCreatePersonMutation, OfficeCreatePersonMutationVariables>;
export const OfficeSendAssociationNoticeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeSendAssociationNotice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendAssociationNoticeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendAssociationNotice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"associationName"}},{"kind":"Field","name":{"kind":"Name","value":"recipientCount"}},{"kind":"Field","name":{"kind":"Name","value":"notifiedCount"}}]}}]}}]} as unknown as DocumentNode<OfficeSendAssociationNoticeMutation, OfficeSendAssociationNoticeMutationVariables>;
export const OfficeAssociationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeAssociation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"association"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<OfficeAssociationQuery, OfficeAssociationQueryVariables>;
export const OfficeOperationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeOperations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"officeOperations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"associationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"actorName"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"summary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"exempt"}},{"kind":"Field","name":{"kind":"Name","value":"existing"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"totalRows"}},{"kind":"Field","name":{"kind":"Name","value":"matched"}},{"kind":"Field","name":{"kind":"Name","value":"unmatched"}},{"kind":"Field","name":{"kind":"Name","value":"matchedAmountYen"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OfficeOperationsQuery, OfficeOperationsQueryVariables>;
export const OfficeStatisticsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeStatistics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MemberDimension"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"statistics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"associationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"k"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dimensions"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"suppressedCells"}},{"kind":"Field","name":{"kind":"Name","value":"k"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keys"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OfficeStatisticsQuery, OfficeStatisticsQueryVariables>;
export const OfficeSurveysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeSurveys"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"associationSurveys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"associationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"closesOn"}},{"kind":"Field","name":{"kind":"Name","value":"open"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"recipientCount"}},{"kind":"Field","name":{"kind":"Name","value":"responseCount"}}]}}]}}]} as unknown as DocumentNode<OfficeSurveysQuery, OfficeSurveysQueryVariables>;
export const OfficeSendAssociationSurveyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeSendAssociationSurvey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendAssociationSurveyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendAssociationSurvey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"recipientCount"}},{"kind":"Field","name":{"kind":"Name","value":"notifiedCount"}},{"kind":"Field","name":{"kind":"Name","value":"survey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<OfficeSendAssociationSurveyMutation, OfficeSendAssociationSurveyMutationVariables>;
export const OfficeSurveyResultsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeSurveyResults"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"associationSurvey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"associationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"closesOn"}},{"kind":"Field","name":{"kind":"Name","value":"open"}},{"kind":"Field","name":{"kind":"Name","value":"recipientCount"}},{"kind":"Field","name":{"kind":"Name","value":"responseCount"}},{"kind":"Field","name":{"kind":"Name","value":"suppressionK"}},{"kind":"Field","name":{"kind":"Name","value":"questions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"options"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"questionId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"respondentCount"}},{"kind":"Field","name":{"kind":"Name","value":"respondentCountSuppressed"}},{"kind":"Field","name":{"kind":"Name","value":"options"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"optionId"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"memberAnswers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"questionId"}},{"kind":"Field","name":{"kind":"Name","value":"optionIds"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]} as unknown as DocumentNode<OfficeSurveyResultsQuery, OfficeSurveyResultsQueryVariables>;
export const OfficeSessionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeSessions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hostId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingSessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"hostAssociationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hostId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"includeCancelled"},"value":{"kind":"BooleanValue","value":true}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"programCode"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"registeredCount"}},{"kind":"Field","name":{"kind":"Name","value":"waitlistedCount"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trainingPrograms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameJa"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"codes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"association"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hostId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}}]}}]}}]} as unknown as DocumentNode<OfficeSessionsQuery, OfficeSessionsQueryVariables>;
export const OfficeImportAttendanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeImportAttendance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportAttendanceCsvInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importAttendanceCsv"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"applied"}},{"kind":"Field","name":{"kind":"Name","value":"matched"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rowNumber"}},{"kind":"Field","name":{"kind":"Name","value":"registryNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OfficeImportAttendanceMutation, OfficeImportAttendanceMutationVariables>;
export const OfficeSessionDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeSessionDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"programCode"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"OfficeSessionFields"}},{"kind":"Field","name":{"kind":"Name","value":"attendances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"registeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"registryNumber"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OfficeSessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"onlineUrl"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"credits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"units"}}]}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"registeredCount"}},{"kind":"Field","name":{"kind":"Name","value":"waitlistedCount"}}]}}]} as unknown as DocumentNode<OfficeSessionDetailQuery, OfficeSessionDetailQueryVariables>;
export const OfficeCreateSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeCreateSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTrainingSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTrainingSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<OfficeCreateSessionMutation, OfficeCreateSessionMutationVariables>;
export const OfficeUpdateSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeUpdateSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTrainingSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTrainingSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OfficeSessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OfficeSessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"onlineUrl"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"credits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"units"}}]}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"registeredCount"}},{"kind":"Field","name":{"kind":"Name","value":"waitlistedCount"}}]}}]} as unknown as DocumentNode<OfficeUpdateSessionMutation, OfficeUpdateSessionMutationVariables>;
export const OfficeCancelSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OfficeCancelSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelTrainingSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<OfficeCancelSessionMutation, OfficeCancelSessionMutationVariables>;
export const TopPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TopPage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jointUseNotice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"statement"}},{"kind":"Field","name":{"kind":"Name","value":"dataItems"}},{"kind":"Field","name":{"kind":"Name","value":"jointUsers"}},{"kind":"Field","name":{"kind":"Name","value":"purposes"}},{"kind":"Field","name":{"kind":"Name","value":"responsibleParty"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"representative"}}]}},{"kind":"Field","name":{"kind":"Name","value":"responsibilityNote"}},{"kind":"Field","name":{"kind":"Name","value":"summaryEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"upcomingJointUseNotice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summaryEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"termsOfUse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"titleJa"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceDisclosure"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}},{"kind":"Field","name":{"kind":"Name","value":"contractors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"work"}},{"kind":"Field","name":{"kind":"Name","value":"workEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"environmentRequirements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"item"}},{"kind":"Field","name":{"kind":"Name","value":"requirementJa"}},{"kind":"Field","name":{"kind":"Name","value":"requirementEn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"termsVersions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"titleJa"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"bodyJa"}},{"kind":"Field","name":{"kind":"Name","value":"bodyEn"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}},{"kind":"Field","name":{"kind":"Name","value":"requiresAcceptance"}},{"kind":"Field","name":{"kind":"Name","value":"summaryJa"}},{"kind":"Field","name":{"kind":"Name","value":"summaryEn"}}]}}]}}]} as unknown as DocumentNode<TopPageQuery, TopPageQueryVariables>;
export const VerifyCertificateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyCertificate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyCertificate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"programCode"}},{"kind":"Field","name":{"kind":"Name","value":"programNameJa"}},{"kind":"Field","name":{"kind":"Name","value":"programNameEn"}},{"kind":"Field","name":{"kind":"Name","value":"validFrom"}},{"kind":"Field","name":{"kind":"Name","value":"validTo"}},{"kind":"Field","name":{"kind":"Name","value":"holderName"}}]}}]}}]} as unknown as DocumentNode<VerifyCertificateQuery, VerifyCertificateQueryVariables>;