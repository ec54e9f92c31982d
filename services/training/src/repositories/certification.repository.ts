import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { onlyUuids, updateVersioned } from '@mamis/platform';
import { newVerificationCode, randomCode } from '../domain/verification-code';
import {
  CertificateEntity,
  CertificationApplicationEntity,
  CertificationStepEntity,
  type CertificationApplicationStatus,
  type CertificationDecision,
  type CertificationStepKind,
} from '../entities';

/** Days before expiry at which reminder notices are due. */
export const REMINDER_DAYS = [180, 90, 30] as const;

/** Applications, their recorded steps, certificates and their reminder notices. */
export class CertificationRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The PREFECTURAL associations the person is an active member of, most recently joined first
   * (which of them checks an application: src/domain/checking-association.ts).
   */
  async activePrefecturalAssociationIds(personId: string): Promise<string[]> {
    const rows = (await this.ds.query(
      `SELECT m.association_id::text AS id FROM access.membership_v1 m
       JOIN access.association_v1 a ON a.id = m.association_id
       WHERE m.person_id = $1 AND m.status = 'ACTIVE' AND a.tier = 'PREFECTURAL'
       ORDER BY m.joined_on DESC`,
      [personId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Is the person a current member of the association (an own programme's applicants)? */
  async isCurrentMember(personId: string, associationId: string): Promise<boolean> {
    const rows = (await this.ds.query(
      `SELECT 1 FROM access.membership_v1 WHERE person_id = $1 AND association_id = $2::uuid AND status = 'ACTIVE' LIMIT 1`,
      [personId, associationId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** An application of the person in progress (FILED or CHECKED) for the program, if any. */
  async openApplication(manager: EntityManager, personId: string, programCode: string) {
    return manager.findOne(CertificationApplicationEntity, {
      where: { personId, programCode, status: In(['FILED', 'CHECKED']) },
    });
  }

  applicationById(id: string): Promise<CertificationApplicationEntity | null> {
    if (onlyUuids([id]).length === 0) return Promise.resolve(null);
    return this.ds.getRepository(CertificationApplicationEntity).findOneBy({ id });
  }

  applicationsByPersonIds(ids: readonly string[]): Promise<CertificationApplicationEntity[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(CertificationApplicationEntity)
      .find({ where: { personId: In(valid) }, order: { filedAt: 'DESC', id: 'ASC' } });
  }

  stepsByApplicationIds(ids: readonly string[]): Promise<CertificationStepEntity[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(CertificationStepEntity)
      .find({ where: { applicationId: In(valid) }, order: { decidedAt: 'ASC', id: 'ASC' } });
  }

  certificatesByPersonIds(ids: readonly string[]): Promise<CertificateEntity[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(CertificateEntity)
      .find({ where: { personId: In(valid) }, order: { validTo: 'DESC', id: 'ASC' } });
  }

  certificatesByIds(ids: readonly string[]): Promise<CertificateEntity[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(CertificateEntity).findBy({ id: In(valid) });
  }

  /** In the caller's transaction. */
  certificatesByIdsIn(manager: EntityManager, ids: readonly string[]): Promise<CertificateEntity[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return manager.findBy(CertificateEntity, { id: In(valid) });
  }

  /** By the code printed on it (public verification runs this as the system: see the resolver). */
  certificateByVerificationCode(code: string): Promise<CertificateEntity | null> {
    return this.ds.getRepository(CertificateEntity).findOneBy({ verificationCode: code });
  }

  /** Applications waiting for a step: FILED at the prefecture, CHECKED at the JMA. */
  awaiting(status: CertificationApplicationStatus, prefecturalAssociationId?: string) {
    return this.ds.getRepository(CertificationApplicationEntity).find({
      where: prefecturalAssociationId ? { status, prefecturalAssociationId } : { status },
      order: { filedAt: 'ASC', id: 'ASC' },
      take: 500,
    });
  }

  /**
   * Certificates of the persons the viewer is related to (`visible`: visiblePersonsSql of the
   * access module) whose validity ends between `from` and `to`, soonest first.
   */
  async expiring(
    visible: { sql: string; params: unknown[] },
    from: string,
    to: string,
    first: number,
  ): Promise<CertificateEntity[]> {
    const n = visible.params.length;
    const rows = (await this.ds.query(
      `SELECT c.id FROM training.certificate c
       WHERE c.person_id IN (${visible.sql}) AND c.valid_to BETWEEN $${n + 1} AND $${n + 2}
       ORDER BY c.valid_to, c.id LIMIT $${n + 3}`,
      [...visible.params, from, to, first],
    )) as { id: string }[];
    if (rows.length === 0) return [];
    const byId = new Map((await this.certificatesByIds(rows.map((r) => r.id))).map((c) => [c.id, c]));
    return rows.map((r) => byId.get(r.id)).filter((c): c is CertificateEntity => !!c);
  }

  async lockApplication(manager: EntityManager, id: string): Promise<CertificationApplicationEntity | null> {
    if (onlyUuids([id]).length === 0) return null;
    return manager.findOne(CertificationApplicationEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async insertApplication(
    manager: EntityManager,
    input: Omit<
      CertificationApplicationEntity,
      'id' | 'status' | 'certificateId' | 'filedAt' | 'version' | 'updatedAt'
    >,
  ): Promise<CertificationApplicationEntity> {
    const row = manager.create(CertificationApplicationEntity, {
      ...input,
      id: randomUUID(),
      status: 'FILED',
      certificateId: null,
      version: 1,
    });
    // jsonb snapshot: TypeORM's deep-partial type does not accept `unknown` values
    await manager.insert(
      CertificationApplicationEntity,
      row as QueryDeepPartialEntity<CertificationApplicationEntity>,
    );
    return row;
  }

  async addStep(
    manager: EntityManager,
    app: CertificationApplicationEntity,
    step: CertificationStepKind,
    decision: CertificationDecision,
    associationId: string | null,
    decidedBy: string,
    note: string | null,
  ): Promise<void> {
    await manager.insert(CertificationStepEntity, {
      id: randomUUID(),
      applicationId: app.id,
      personId: app.personId,
      step,
      decision,
      associationId,
      decidedBy,
      note,
    });
  }

  setStatus(
    manager: EntityManager,
    app: CertificationApplicationEntity,
    status: CertificationApplicationStatus,
    certificateId?: string,
  ): Promise<number> {
    return updateVersioned(manager, 'training.certification_application', app.id, app.version, {
      status,
      ...(certificateId ? { certificate_id: certificateId } : {}),
    });
  }

  async issueCertificate(
    manager: EntityManager,
    input: {
      personId: string;
      programCode: string;
      validFrom: string;
      validTo: string;
      holderName: string;
      issuerAssociationId: string;
      applicationId: string;
      issuedBy: string;
    },
  ): Promise<CertificateEntity> {
    const row = manager.create(CertificateEntity, {
      ...input,
      id: randomUUID(),
      number: `${input.programCode}-${input.validFrom.slice(0, 4)}-${randomCode(8)}`,
      verificationCode: newVerificationCode(),
    });
    await manager.insert(CertificateEntity, row);
    return row;
  }

  /**
   * Reminder notices (180, 90 and 30 days before expiry) for certificates still valid on `today`
   * (or just the one `certificateId`), Japanese and English text. Idempotent: one notice per
   * certificate and kind. Returns how many were newly scheduled.
   */
  async scheduleReminders(
    runner: Pick<EntityManager, 'query'>,
    today: string,
    certificateId?: string,
  ): Promise<number> {
    const rows = (await runner.query(
      `INSERT INTO training.notification_outbox (id, person_id, certificate_id, kind, payload, due_on)
       SELECT gen_random_uuid(), c.person_id, c.id, 'CERTIFICATE_EXPIRY_' || d.days,
         jsonb_build_object(
           'certificateNumber', c.number, 'programCode', c.program_code, 'validTo', c.valid_to,
           'daysBefore', d.days,
           'subjectJa', '【' || p.name_ja || '】認定証の有効期限が近づいています（' || d.days || '日前）',
           'bodyJa', c.holder_name || ' 様' || chr(10) || '認定証番号 ' || c.number || ' の有効期限は '
             || to_char(c.valid_to, 'YYYY"年"MM"月"DD"日"') || ' です。更新の手続きをご確認ください。',
           'subjectEn', p.name_en || ': your certificate expires in ' || d.days || ' days',
           'bodyEn', 'Certificate ' || c.number || ' is valid until ' || to_char(c.valid_to, 'YYYY-MM-DD')
             || '. Please check the renewal procedure.'),
         c.valid_to - d.days
       FROM training.certificate c
       JOIN training.training_program p ON p.code = c.program_code
       CROSS JOIN unnest($2::int[]) AS d(days)
       WHERE c.valid_to >= $1::date AND ($3::uuid IS NULL OR c.id = $3::uuid)
       ON CONFLICT (certificate_id, kind) DO NOTHING
       RETURNING id`,
      [today, [...REMINDER_DAYS], certificateId ?? null],
    )) as unknown[];
    return rows.length;
  }
}
