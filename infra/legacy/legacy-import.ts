/**
 * The import of a legacy system's export (docs/legacy-import.md; format in legacy-format.ts).
 *
 * Length: `importLegacyExport` validates every file against what was read before it (the
 * associations and programmes in the database, then persons, their membership history, credits,
 * certificates, insurance, pension: the sections marked `// ----`) and then applies the accepted
 * rows in batches; the sections share the maps of accepted rows and the rejection list, so they
 * stay in one function, in that order.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AppError,
  clock,
  isCalendarDate,
  Messages,
  reasonOf,
  runAsSystem,
  writeAuditBatch,
  type AccessRecord,
  type FieldGroup,
  type Viewer,
  type ViewerKind,
} from '@mamis/platform';
import { category as validCategory } from '@mamis/membership/src/domain/application-plan';
import {
  MembershipEventRepository,
  type NewMembershipEvent,
} from '@mamis/membership/src/repositories/membership-event.repository';
import { PersonRepository } from '@mamis/membership/src/repositories/person.repository';
import {
  validatePersonInput,
  type PersonColumns,
  type PersonInput,
} from '@mamis/membership/src/validation/person-input.validator';
import { announceDataMigration } from '@mamis/consent/src/services/notification.service';
import {
  LEGACY_FILES,
  legacyUuid,
  rejection,
  type LegacyCertificate,
  type LegacyCredit,
  type LegacyEntity,
  type LegacyInsurance,
  type LegacyMembershipEvent,
  type LegacyPension,
  type LegacyPerson,
  type Rejection,
  type RejectReason,
} from './legacy-format';

/** The data sources of the services the import writes to (each on its own schema). */
export interface LegacyDataSources {
  membership: DataSource;
  training: DataSource;
  insurancePension: DataSource;
  consent: DataSource;
}

export interface LegacyImportOptions {
  dryRun: boolean;
  /** Persons per transaction (their history, credits, … go in the same batch). */
  batchSize?: number;
  progress?: (line: string) => void;
}

export interface EntityCounts {
  read: number;
  rejected: number;
  created: number;
  unchanged: number;
}

export interface LegacyImportReport {
  dryRun: boolean;
  counts: Record<LegacyEntity, EntityCounts>;
  rejections: Rejection[];
  /** Art. 13.1 notices created by this run (0 on a re-run: each person is told once). */
  notified: number;
}

/** The system actor the import's writes are recorded as (membership events, credits, audit). */
export const LEGACY_ACTOR = 'system:legacy-import';
const SYSTEM_VIEWER: Viewer = { kind: 'SYSTEM' as ViewerKind, sub: LEGACY_ACTOR, scopes: [] };

type ImportedEvent = LegacyMembershipEvent & { associationId: string; category: string };

interface Row<T> {
  line: number;
  value: T;
}

const HISTORY_OPENING = new Set(['JOIN', 'TRANSFER_IN']);
const HISTORY_KINDS = new Set(['JOIN', 'TRANSFER_IN', 'CATEGORY_CHANGE', 'LEAVE', 'TRANSFER_OUT', 'DEATH']);
const INSURANCE_STATUS = new Set(['ENROLLED', 'SUSPENDED', 'ENDED']);
const PENSION_PLANS = new Set(['BASIC', 'BASIC_AND_ADDITIONAL']);
const PENSION_STATUS = new Set(['ENROLLED', 'WITHDRAWN']);
const CONTRIBUTION_STATUS = new Set(['CONTRIBUTING', 'SUSPENDED']);

/** Read one JSON-lines file (absent → no rows); unreadable lines become rejections. */
function readJsonl<T>(dir: string, entity: LegacyEntity, rejections: Rejection[]): Row<T>[] {
  const file = path.join(dir, LEGACY_FILES[entity]);
  if (!existsSync(file)) return [];
  const rows: Row<T>[] = [];
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    try {
      const value = JSON.parse(text) as T;
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
      rows.push({ line: i + 1, value });
    } catch {
      rejections.push(rejection(LEGACY_FILES[entity], i + 1, null, 'INVALID_JSON'));
    }
  });
  return rows;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isDate = (v: unknown): v is string => typeof v === 'string' && isCalendarDate(v);

/**
 * Validate a whole export and, unless `dryRun`, import it: persons, their membership history,
 * credits, certificates, insurance and pension, in batches of persons (one transaction per service
 * and batch), audited as the system actor; then the art. 13.1 notice to each imported person.
 * Every rejected row is reported with its file, line, legacy id and a stable reason code.
 */
export async function importLegacyExport(
  dir: string,
  ds: LegacyDataSources,
  opts: LegacyImportOptions,
): Promise<LegacyImportReport> {
  const progress = opts.progress ?? (() => undefined);
  const batchSize = opts.batchSize ?? 500;
  const rejections: Rejection[] = [];
  const today = clock.today();
  const counts = Object.fromEntries(
    (Object.keys(LEGACY_FILES) as LegacyEntity[]).map((e) => [
      e,
      { read: 0, rejected: 0, created: 0, unchanged: 0 },
    ]),
  ) as Record<LegacyEntity, EntityCounts>;
  /** Record a rejected row (false: the row is not kept). */
  const reject = (
    entity: LegacyEntity,
    line: number,
    id: unknown,
    code: RejectReason,
    field?: string,
    detail?: string,
  ): false => {
    counts[entity].rejected++;
    rejections.push(rejection(LEGACY_FILES[entity], line, isText(id) ? id : null, code, field, detail));
    return false;
  };

  // ---- reference data -------------------------------------------------------------------------
  const [associations, programs] = await runAsSystem(
    async (): Promise<[Map<string, string>, Set<string>]> => [
      new Map(
        (
          (await ds.membership.query('SELECT code, id::text AS id FROM membership.association')) as {
            code: string;
            id: string;
          }[]
        ).map((r) => [r.code, r.id]),
      ),
      new Set(
        ((await ds.training.query('SELECT code FROM training.training_program')) as { code: string }[]).map(
          (r) => r.code,
        ),
      ),
    ],
  );

  // ---- persons ----------------------------------------------------------------------------------
  const persons = new Map<string, { id: string; columns: PersonColumns; line: number }>();
  {
    const parseErrors: Rejection[] = [];
    const rows = readJsonl<LegacyPerson>(dir, 'persons', parseErrors);
    counts.persons.read = rows.length + parseErrors.length;
    counts.persons.rejected += parseErrors.length;
    rejections.push(...parseErrors);
    const seen = new Set<string>();
    const byRegistry = new Map<string, string>();
    for (const { line, value: p } of rows) {
      if (!isText(p.legacyId)) {
        reject('persons', line, null, 'MISSING_LEGACY_ID', 'legacyId');
        continue;
      }
      if (seen.has(p.legacyId)) {
        reject('persons', line, p.legacyId, 'DUPLICATE_LEGACY_ID', 'legacyId');
        continue;
      }
      seen.add(p.legacyId);
      let columns: PersonColumns;
      try {
        const { legacyId: _legacyId, ...input } = p;
        columns = validatePersonInput(input as PersonInput, { prefix: 'person', create: true });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const field = String(e.extensions.field ?? '');
        // the catalogue's stable reason code, never the message text (which is for people)
        const missing = reasonOf(e) === Messages.REQUIRED.reason;
        reject('persons', line, p.legacyId, missing ? 'MISSING_FIELD' : 'INVALID_FIELD', field, e.message);
        continue;
      }
      const registry = columns.registry_number as string;
      if (byRegistry.has(registry)) {
        reject('persons', line, p.legacyId, 'DUPLICATE_REGISTRY_NUMBER', 'person.registryNumber');
        continue;
      }
      byRegistry.set(registry, p.legacyId);
      persons.set(p.legacyId, { id: legacyUuid('persons', p.legacyId), columns, line });
    }
    // a registry number MAMIS already holds for someone else: not silently merged
    const held = await runAsSystem(
      async () =>
        (await ds.membership.query(
          `SELECT registry_number, id::text AS id FROM membership.person
           WHERE registry_match_of IS NULL AND registry_number = ANY($1::text[])`,
          [[...byRegistry.keys()]],
        )) as { registry_number: string; id: string }[],
    );
    for (const h of held) {
      const legacyId = byRegistry.get(h.registry_number)!;
      const p = persons.get(legacyId)!;
      if (p.id === h.id) continue;
      persons.delete(legacyId);
      reject('persons', p.line, legacyId, 'REGISTRY_NUMBER_HELD', 'person.registryNumber');
    }
  }
  progress(`persons: ${persons.size} valid, ${counts.persons.rejected} rejected`);

  /** Rows of a dependent file, with the common checks (legacy id, duplicate, known person). */
  function dependents<T extends { legacyId: string; personLegacyId: string }>(
    entity: LegacyEntity,
  ): Row<T>[] {
    const parseErrors: Rejection[] = [];
    const rows = readJsonl<T>(dir, entity, parseErrors);
    counts[entity].read = rows.length + parseErrors.length;
    counts[entity].rejected += parseErrors.length;
    rejections.push(...parseErrors);
    const seen = new Set<string>();
    return rows.filter(({ line, value }) => {
      if (!isText(value.legacyId)) return reject(entity, line, null, 'MISSING_LEGACY_ID', 'legacyId');
      if (seen.has(value.legacyId))
        return reject(entity, line, value.legacyId, 'DUPLICATE_LEGACY_ID', 'legacyId');
      seen.add(value.legacyId);
      if (!isText(value.personLegacyId) || !persons.has(value.personLegacyId))
        return reject(entity, line, value.legacyId, 'UNKNOWN_PERSON', 'personLegacyId');
      return true;
    });
  }

  // ---- membership history: replayed per person and association, in effective-date order ---------
  const events = new Map<string, ImportedEvent[]>();
  {
    const rows = dependents<LegacyMembershipEvent>('membershipEvents');
    const ok = rows.filter(({ line, value: e }) => {
      const bad = (code: RejectReason, field?: string) =>
        reject('membershipEvents', line, e.legacyId, code, field);
      if (!HISTORY_KINDS.has(e.kind)) return bad('INVALID_FIELD', 'kind');
      if (!associations.has(e.associationCode)) return bad('UNKNOWN_ASSOCIATION', 'associationCode');
      if (e.counterpartAssociationCode && !associations.has(e.counterpartAssociationCode))
        return bad('UNKNOWN_ASSOCIATION', 'counterpartAssociationCode');
      if (!isDate(e.effectiveOn) || e.effectiveOn > today) return bad('INVALID_FIELD', 'effectiveOn');
      if (HISTORY_OPENING.has(e.kind) || e.kind === 'CATEGORY_CHANGE') {
        try {
          validCategory('category', e.category);
        } catch {
          return bad(e.category ? 'INVALID_FIELD' : 'MISSING_FIELD', 'category');
        }
      }
      return true;
    });
    ok.sort(
      (a, b) =>
        a.value.personLegacyId.localeCompare(b.value.personLegacyId) ||
        a.value.effectiveOn.localeCompare(b.value.effectiveOn) ||
        a.line - b.line,
    );
    const active = new Map<string, { category: string; joinedOn: string }>();
    for (const { line, value: e } of ok) {
      const key = `${e.personLegacyId}|${e.associationCode}`;
      const current = active.get(key);
      let category = e.category?.trim() ?? '';
      if (HISTORY_OPENING.has(e.kind)) {
        if (current) {
          reject('membershipEvents', line, e.legacyId, 'INVALID_HISTORY', 'kind', 'already a member');
          continue;
        }
        active.set(key, { category, joinedOn: e.effectiveOn });
      } else if (!current) {
        reject('membershipEvents', line, e.legacyId, 'INVALID_HISTORY', 'kind', 'not a member at that date');
        continue;
      } else if (e.kind === 'CATEGORY_CHANGE') {
        current.category = category;
      } else {
        category = current.category;
        active.delete(key);
      }
      const list = events.get(e.personLegacyId) ?? [];
      list.push({ ...e, category, associationId: associations.get(e.associationCode)! });
      events.set(e.personLegacyId, list);
    }
  }

  // ---- credits, certificates, insurance, pension -------------------------------------------------
  const credits = dependents<LegacyCredit>('credits').filter(({ line, value: c }) => {
    const bad = (code: RejectReason, field?: string) => reject('credits', line, c.legacyId, code, field);
    if (!programs.has(c.programCode)) return bad('UNKNOWN_PROGRAM', 'programCode');
    if (!isText(c.code)) return bad('MISSING_FIELD', 'code');
    if (
      typeof c.units !== 'number' ||
      c.units === 0 ||
      !Number.isInteger(c.units * 2) ||
      Math.abs(c.units) >= 10000
    )
      return bad('INVALID_UNITS', 'units');
    if (!isDate(c.earnedOn)) return bad('INVALID_FIELD', 'earnedOn');
    return true;
  });
  const certNumbers = new Set<string>();
  const certificates = dependents<LegacyCertificate>('certificates').filter(({ line, value: c }) => {
    const bad = (code: RejectReason, field?: string) => reject('certificates', line, c.legacyId, code, field);
    if (!programs.has(c.programCode)) return bad('UNKNOWN_PROGRAM', 'programCode');
    if (!isText(c.number)) return bad('MISSING_FIELD', 'number');
    if (certNumbers.has(c.number)) return bad('INVALID_FIELD', 'number');
    if (!isDate(c.validFrom)) return bad('INVALID_FIELD', 'validFrom');
    if (!isDate(c.validTo) || c.validTo < c.validFrom) return bad('INVALID_FIELD', 'validTo');
    if (!associations.has(c.issuerAssociationCode))
      return bad('UNKNOWN_ASSOCIATION', 'issuerAssociationCode');
    certNumbers.add(c.number);
    return true;
  });
  const insuranceYears = new Set<string>();
  const insurance = dependents<LegacyInsurance>('insurance').filter(({ line, value: r }) => {
    const bad = (code: RejectReason, field?: string) => reject('insurance', line, r.legacyId, code, field);
    if (!Number.isInteger(r.insuranceYear) || r.insuranceYear < 1950 || r.insuranceYear > 2200)
      return bad('INVALID_FIELD', 'insuranceYear');
    if (insuranceYears.has(`${r.personLegacyId}|${r.insuranceYear}`))
      return bad('INVALID_FIELD', 'insuranceYear');
    if (!isText(r.category)) return bad('MISSING_FIELD', 'category');
    if (!INSURANCE_STATUS.has(r.status)) return bad('INVALID_FIELD', 'status');
    if (!isDate(r.enrolledOn)) return bad('INVALID_FIELD', 'enrolledOn');
    if (r.endedOn != null && !isDate(r.endedOn)) return bad('INVALID_FIELD', 'endedOn');
    if (r.riderCoverageYen != null && !Number.isInteger(r.riderCoverageYen))
      return bad('INVALID_FIELD', 'riderCoverageYen');
    insuranceYears.add(`${r.personLegacyId}|${r.insuranceYear}`);
    return true;
  });
  const pensionPersons = new Set<string>();
  const pension = dependents<LegacyPension>('pension').filter(({ line, value: r }) => {
    const bad = (code: RejectReason, field?: string) => reject('pension', line, r.legacyId, code, field);
    if (pensionPersons.has(r.personLegacyId)) return bad('INVALID_FIELD', 'personLegacyId');
    if (!PENSION_PLANS.has(r.plan)) return bad('INVALID_FIELD', 'plan');
    if (!PENSION_STATUS.has(r.status)) return bad('INVALID_FIELD', 'status');
    if (!CONTRIBUTION_STATUS.has(r.contributionStatus)) return bad('INVALID_FIELD', 'contributionStatus');
    if (!isDate(r.enrolledOn)) return bad('INVALID_FIELD', 'enrolledOn');
    if (r.withdrawnOn != null && !isDate(r.withdrawnOn)) return bad('INVALID_FIELD', 'withdrawnOn');
    if (!Number.isInteger(r.monthlyContributionYen) || r.monthlyContributionYen < 0)
      return bad('INVALID_FIELD', 'monthlyContributionYen');
    if (!isDate(r.contributionsEndOn)) return bad('INVALID_FIELD', 'contributionsEndOn');
    pensionPersons.add(r.personLegacyId);
    return true;
  });
  rejections.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  progress(
    `validated: ${rejections.length} rows rejected (${(Object.keys(counts) as LegacyEntity[])
      .map((e) => `${e} ${counts[e].rejected}/${counts[e].read}`)
      .join(', ')})`,
  );
  if (opts.dryRun) return { dryRun: true, counts, rejections, notified: 0 };

  // ---- apply, in batches of persons ------------------------------------------------------------
  const byPerson = <T extends { personLegacyId: string }>(rows: Row<T>[]) => {
    const m = new Map<string, T[]>();
    for (const { value } of rows)
      m.set(value.personLegacyId, [...(m.get(value.personLegacyId) ?? []), value]);
    return m;
  };
  const creditsOf = byPerson(credits);
  const certificatesOf = byPerson(certificates);
  const insuranceOf = byPerson(insurance);
  const pensionOf = byPerson(pension);
  const legacyIds = [...persons.keys()];
  let notified = 0;
  let batchNo = 0;
  for (let start = 0; start < legacyIds.length; start += batchSize) {
    batchNo++;
    const batch = legacyIds.slice(start, start + batchSize);
    const ids = batch.map((l) => persons.get(l)!.id);
    const audit = (manager: EntityManager, service: string, groups: FieldGroup[], personIds: string[]) =>
      writeAuditBatch(
        manager,
        {
          requestId: `legacy-import-${batchNo}`,
          service,
          operation: 'legacyImport',
          viewer: SYSTEM_VIEWER,
          action: 'WRITE',
        },
        personIds.flatMap((personId) =>
          groups.map((group): AccessRecord => ({ personId, group, relations: [] })),
        ),
      );

    await runAsSystem(() =>
      ds.membership.transaction(async (manager) => {
        const existing = new Set(
          (
            (await manager.query('SELECT id::text AS id FROM membership.person WHERE id = ANY($1::uuid[])', [
              ids,
            ])) as {
              id: string;
            }[]
          ).map((r) => r.id),
        );
        const recorded = new Set(
          (
            (await manager.query(
              'SELECT id::text AS id FROM membership.membership_event WHERE person_id = ANY($1::uuid[])',
              [ids],
            )) as { id: string }[]
          ).map((r) => r.id),
        );
        const touched: string[] = [];
        const fresh: { id: string; columns: PersonColumns }[] = [];
        const freshHistory: NewMembershipEvent[] = [];
        const toEvent = (personId: string, e: ImportedEvent): NewMembershipEvent => ({
          id: legacyUuid('membershipEvents', e.legacyId),
          personId,
          associationId: e.associationId,
          kind: e.kind,
          category: e.category,
          effectiveOn: e.effectiveOn,
          recordedBy: LEGACY_ACTOR,
          counterpartAssociationId: e.counterpartAssociationCode
            ? associations.get(e.counterpartAssociationCode)!
            : null,
        });
        for (const legacyId of batch) {
          const p = persons.get(legacyId)!;
          const history = events.get(legacyId) ?? [];
          if (!existing.has(p.id)) {
            // a new person: with their whole history, in bulk
            fresh.push({ id: p.id, columns: p.columns });
            freshHistory.push(...history.map((e) => toEvent(p.id, e)));
            touched.push(p.id);
            continue;
          }
          counts.persons.unchanged++;
          const missing = history.filter((e) => {
            const known = recorded.has(legacyUuid('membershipEvents', e.legacyId));
            if (known) counts.membershipEvents.unchanged++;
            return !known;
          });
          if (missing.length === 0) continue;
          // a person imported before whose export has grown: the new events, one by one
          await MembershipEventRepository.lockPerson(manager, p.id);
          await MembershipEventRepository.append(
            manager,
            missing.map((e) => toEvent(p.id, e)),
          );
          counts.membershipEvents.created += missing.length;
          touched.push(p.id);
        }
        await PersonRepository.insertMany(manager, fresh);
        counts.persons.created += fresh.length;
        counts.membershipEvents.created += await MembershipEventRepository.appendHistoryOfNewPersons(
          manager,
          freshHistory,
        );
        if (touched.length)
          await audit(manager, 'membership', ['IDENTITY', 'CONTACT', 'PROFILE', 'MEMBERSHIP'], touched);
      }),
    );

    await runAsSystem(() =>
      ds.training.transaction(async (manager) => {
        const creditRows = batch.flatMap((l) =>
          (creditsOf.get(l) ?? []).map((c) => ({
            id: legacyUuid('credits', c.legacyId),
            person_id: persons.get(l)!.id,
            program_code: c.programCode,
            code: c.code,
            units: c.units,
            earned_on: c.earnedOn,
            evidence: `legacy:${c.legacyId}`,
          })),
        );
        const certRows = batch.flatMap((l) =>
          (certificatesOf.get(l) ?? []).map((c) => {
            const id = legacyUuid('certificates', c.legacyId);
            const p = persons.get(l)!.columns;
            return {
              id,
              number: c.number,
              person_id: persons.get(l)!.id,
              program_code: c.programCode,
              valid_from: c.validFrom,
              valid_to: c.validTo,
              holder_name: `${String(p.family_name)} ${String(p.given_name)}`,
              verification_code: `L${id.replace(/-/g, '').slice(0, 11).toUpperCase()}`,
              issuer_association_id: associations.get(c.issuerAssociationCode)!,
            };
          }),
        );
        const touched = new Set<string>();
        if (creditRows.length) {
          const made = (await manager.query(
            `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, evidence, recorded_by)
             SELECT r.id, r.person_id, r.program_code, r.code, r.units, r.earned_on, 'MANUAL', r.evidence, $2
             FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, person_id uuid, program_code text, code text,
                  units numeric, earned_on date, evidence text)
             ON CONFLICT (id) DO NOTHING RETURNING person_id::text AS person_id`,
            [JSON.stringify(creditRows), LEGACY_ACTOR],
          )) as { person_id: string }[];
          made.forEach((r) => touched.add(r.person_id));
          counts.credits.created += made.length;
          counts.credits.unchanged += creditRows.length - made.length;
        }
        if (certRows.length) {
          const made = (await manager.query(
            `INSERT INTO training.certificate (id, number, person_id, program_code, valid_from, valid_to, holder_name,
                                               verification_code, issuer_association_id, issued_by)
             SELECT r.id, r.number, r.person_id, r.program_code, r.valid_from, r.valid_to, r.holder_name,
                    r.verification_code, r.issuer_association_id, $2
             FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, number text, person_id uuid, program_code text,
                  valid_from date, valid_to date, holder_name text, verification_code text, issuer_association_id uuid)
             ON CONFLICT (id) DO NOTHING RETURNING person_id::text AS person_id`,
            [JSON.stringify(certRows), LEGACY_ACTOR],
          )) as { person_id: string }[];
          made.forEach((r) => touched.add(r.person_id));
          counts.certificates.created += made.length;
          counts.certificates.unchanged += certRows.length - made.length;
        }
        if (touched.size) await audit(manager, 'training', ['TRAINING'], [...touched]);
      }),
    );

    await runAsSystem(() =>
      ds.insurancePension.transaction(async (manager) => {
        const insuranceRows = batch.flatMap((l) =>
          (insuranceOf.get(l) ?? []).map((r) => ({
            id: legacyUuid('insurance', r.legacyId),
            person_id: persons.get(l)!.id,
            insurance_year: r.insuranceYear,
            category: r.category,
            status: r.status,
            enrolled_on: r.enrolledOn,
            ended_on: r.endedOn ?? null,
            rider: !!r.rider,
            rider_coverage_yen: r.riderCoverageYen ?? null,
          })),
        );
        const pensionRows = batch.flatMap((l) =>
          (pensionOf.get(l) ?? []).map((r) => ({
            id: legacyUuid('pension', r.legacyId),
            person_id: persons.get(l)!.id,
            plan: r.plan,
            status: r.status,
            contribution_status: r.contributionStatus,
            enrolled_on: r.enrolledOn,
            withdrawn_on: r.withdrawnOn ?? null,
            monthly_contribution_yen: r.monthlyContributionYen,
            contributions_end_on: r.contributionsEndOn,
          })),
        );
        const insuranceTouched: string[] = [];
        const pensionTouched: string[] = [];
        if (insuranceRows.length) {
          const made = (await manager.query(
            `INSERT INTO insurance_pension.insurance_enrolment (id, person_id, insurance_year, category, status, enrolled_on,
                                                              ended_on, rider, rider_coverage_yen)
             SELECT r.id, r.person_id, r.insurance_year, r.category, r.status, r.enrolled_on, r.ended_on, r.rider,
                    r.rider_coverage_yen
             FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, person_id uuid, insurance_year smallint, category text,
                  status text, enrolled_on date, ended_on date, rider boolean, rider_coverage_yen integer)
             ON CONFLICT DO NOTHING RETURNING person_id::text AS person_id`,
            [JSON.stringify(insuranceRows)],
          )) as { person_id: string }[];
          insuranceTouched.push(...made.map((r) => r.person_id));
          counts.insurance.created += made.length;
          counts.insurance.unchanged += insuranceRows.length - made.length;
        }
        if (pensionRows.length) {
          const made = (await manager.query(
            `INSERT INTO insurance_pension.pension_enrolment (id, person_id, plan, status, contribution_status, enrolled_on,
                                                            withdrawn_on, monthly_contribution_yen, contributions_end_on)
             SELECT r.id, r.person_id, r.plan, r.status, r.contribution_status, r.enrolled_on, r.withdrawn_on,
                    r.monthly_contribution_yen, r.contributions_end_on
             FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, person_id uuid, plan text, status text,
                  contribution_status text, enrolled_on date, withdrawn_on date, monthly_contribution_yen integer,
                  contributions_end_on date)
             ON CONFLICT DO NOTHING RETURNING person_id::text AS person_id`,
            [JSON.stringify(pensionRows)],
          )) as { person_id: string }[];
          pensionTouched.push(...made.map((r) => r.person_id));
          counts.pension.created += made.length;
          counts.pension.unchanged += pensionRows.length - made.length;
        }
        if (insuranceTouched.length)
          await audit(manager, 'insurance-pension', ['INSURANCE'], insuranceTouched);
        if (pensionTouched.length) await audit(manager, 'insurance-pension', ['PENSION'], pensionTouched);
      }),
    );

    // terms art. 13.1: each imported person is told once (a notification + a queued e-mail to the
    // contact address the previous system held, now the person's e-mail)
    notified += await runAsSystem(() => announceDataMigration(ds.consent, ids));
    progress(`imported ${Math.min(start + batchSize, legacyIds.length)}/${legacyIds.length} persons`);
  }
  return { dryRun: false, counts, rejections, notified };
}
