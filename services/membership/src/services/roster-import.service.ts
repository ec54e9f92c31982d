import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  actorOf,
  AppError,
  badInput,
  clock,
  idempotencyScopeOf,
  isCalendarDate,
  Messages,
  reasonOf,
  withIdempotency,
} from '@mamis/platform';
import type { MembershipWriteContext } from '../context';
import { category as validCategory } from '../domain/application-plan';
import { MembershipEventRepository } from '../repositories/membership-event.repository';
import { PersonRepository } from '../repositories/person.repository';
import {
  MAX_ROSTER_BYTES,
  parseRosterCsv,
  parseRosterXlsx,
  type RosterField,
  type RosterRow,
} from '../roster/roster-file';
import {
  registryNumber as normalizeRegistryNumber,
  validatePersonInput,
  type PersonColumns,
  type PersonInput,
} from '../validation/person-input.validator';

export type RosterFormat = 'CSV' | 'XLSX';
export type RosterRowStatus = 'CREATE' | 'JOIN' | 'UNCHANGED' | 'REJECTED';

export interface ImportRosterInput {
  associationId: string;
  format: RosterFormat;
  contentBase64: string;
  dryRun?: boolean | null;
  idempotencyKey: string;
}

export interface RosterRowResult {
  row: number;
  status: RosterRowStatus;
  code: string | null;
  field: string | null;
  message: string | null;
  personId: string | null;
}

export interface RosterImportResult {
  dryRun: boolean;
  total: number;
  created: number;
  joined: number;
  unchanged: number;
  rejected: number;
  rows: RosterRowResult[];
}

const SEX: Record<string, string> = {
  男: 'MALE',
  男性: 'MALE',
  女: 'FEMALE',
  女性: 'FEMALE',
  その他: 'OTHER',
};

/** Why a roster row is rejected: stable codes, Japanese first. */
const ROW_REASONS = {
  INVALID_FIELD: '項目の値が正しくありません (a field has an invalid value)',
  MISSING_FIELD: '必須項目がありません (a required field is missing)',
  DUPLICATE_ROW: 'この医籍登録番号は名簿の前の行にもあります (the registry number appears on an earlier row)',
  NO_MATCH:
    '医籍登録番号がなく、氏名・生年月日で一致する会員もいません (no registry number, and no person with this name and birth date)',
  AMBIGUOUS_MATCH:
    '氏名・生年月日が同じ方が複数います。医籍登録番号を入れてください (several persons have this name and birth date: give the registry number)',
} as const;
type RowReason = keyof typeof ROW_REASONS;

const rejected = (row: number, code: RowReason, field: string | null, detail?: string): RosterRowResult => ({
  row,
  status: 'REJECTED',
  code,
  field,
  message: detail ? `${ROW_REASONS[code]}: ${detail}` : ROW_REASONS[code],
  personId: null,
});

interface ValidRow {
  row: number;
  columns: PersonColumns | null;
  registry: string | null;
  familyName: string;
  givenName: string;
  birthDate: string;
  category: string;
  joinedOn: string;
}

/** A roster row → normalised person columns and membership, or the reason it is rejected. */
function validateRow(r: RosterRow, today: string): ValidRow | RosterRowResult {
  const v = r.values;
  const field = (f: RosterField) => `rows[${r.row}].${f}`;
  for (const f of ['familyName', 'givenName', 'birthDate', 'category', 'joinedOn'] as const)
    if (!v[f]) return rejected(r.row, 'MISSING_FIELD', field(f));
  const birthDate = v.birthDate!.replace(/\//g, '-');
  const joinedOn = v.joinedOn!.replace(/\//g, '-');
  if (!isCalendarDate(birthDate)) return rejected(r.row, 'INVALID_FIELD', field('birthDate'));
  if (!isCalendarDate(joinedOn) || joinedOn > today)
    return rejected(r.row, 'INVALID_FIELD', field('joinedOn'));
  let category: string;
  try {
    category = validCategory('category', v.category);
  } catch {
    return rejected(r.row, 'INVALID_FIELD', field('category'));
  }
  let registry: string | null = null;
  let columns: PersonColumns | null = null;
  try {
    if (v.registryNumber) {
      registry = normalizeRegistryNumber(field('registryNumber'), v.registryNumber);
      const input: PersonInput = {
        familyName: v.familyName,
        givenName: v.givenName,
        familyNameKana: v.familyNameKana ?? null,
        givenNameKana: v.givenNameKana ?? null,
        birthDate,
        sex: (SEX[v.sex ?? ''] ?? v.sex ?? null) as PersonInput['sex'],
        registryNumber: registry,
        email: v.email ?? null,
        phone: v.phone ?? null,
        postalCode: v.postalCode ?? null,
        prefectureCode: v.prefectureCode ? Number(v.prefectureCode.normalize('NFKC')) : null,
        address: v.address ?? null,
        school: v.school ?? null,
        graduationYear: v.graduationYear ? Number(v.graduationYear.normalize('NFKC')) : null,
        facilityName: v.facilityName ?? null,
        facilityRole: v.facilityRole ?? null,
        departments: v.departments
          ? v.departments
              .split(/[・、,，/]/)
              .map((d) => d.trim())
              .filter(Boolean)
          : null,
      };
      columns = validatePersonInput(input, { prefix: `rows[${r.row}]`, create: true, today });
    }
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const f = String(e.extensions.field ?? '');
    const missing = reasonOf(e) === Messages.REQUIRED.reason; // the reason code, not the words
    return rejected(r.row, missing ? 'MISSING_FIELD' : 'INVALID_FIELD', f, e.message);
  }
  return {
    row: r.row,
    columns,
    registry,
    familyName: v.familyName!.normalize('NFKC').trim(),
    givenName: v.givenName!.normalize('NFKC').trim(),
    birthDate,
    category,
    joinedOn,
  };
}

/**
 * The person a row means, decided without revealing anyone the office may not see:
 * - by registry number: its holder when the office sees the holder; else the office's own earlier
 *   record of that number (a previous import kept apart, `registry_match_of`) when it sees that;
 *   else a new person — for an unused number and for a holder the office does not see alike
 *   (then marked `registry_match_of` the holder, as createPerson does). The same statements run
 *   either way.
 * - without a registry number: the one person with this name and birth date the office sees.
 */
async function matchRow(
  ctx: MembershipWriteContext,
  manager: EntityManager,
  r: ValidRow,
): Promise<{ personId: string | null; matchOf: string | null } | RosterRowResult> {
  if (r.registry) {
    const holder = await PersonRepository.registryNumberHolder(manager, r.registry);
    const own = (await manager.query(
      `SELECT id::text AS id FROM membership.person
       WHERE registry_number = $1 AND registry_match_of IS NOT NULL ORDER BY created_at, id`,
      [r.registry],
    )) as { id: string }[];
    const probes = [holder ?? randomUUID(), ...own.map((o) => o.id)];
    const visible = new Set(await ctx.access.filterVisible(probes));
    if (holder && visible.has(holder)) return { personId: holder, matchOf: null };
    const mine = own.find((o) => visible.has(o.id));
    if (mine) return { personId: mine.id, matchOf: null };
    return { personId: null, matchOf: holder };
  }
  const same = await PersonRepository.sameNameAndBirthDate(manager, r.familyName, r.givenName, r.birthDate);
  const visible = await ctx.access.filterVisible(same);
  if (visible.length === 1) return { personId: visible[0]!, matchOf: null };
  return rejected(r.row, visible.length ? 'AMBIGUOUS_MATCH' : 'NO_MATCH', `rows[${r.row}].registryNumber`);
}

/**
 * Bulk roster import for an association (REGISTER_MEMBER): create or match each row's person and
 * give them a membership with the row's category and join date. A dry run answers what would be
 * done, row by row, and writes nothing; applying is one transaction, once per idempotency key, and
 * applying the same roster again changes nothing (matched members stay as they are).
 */
export async function importRoster(
  ctx: MembershipWriteContext,
  input: ImportRosterInput,
): Promise<RosterImportResult> {
  ctx.access.authorizeAssociation(input.associationId, 'REGISTER_MEMBER');
  if (input.format !== 'CSV' && input.format !== 'XLSX')
    throw badInput('input.format', Messages.ROSTER_FORMAT);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.contentBase64))
    throw badInput('input.contentBase64', Messages.ROSTER_NOT_BASE64);
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw badInput('input.contentBase64', Messages.ROSTER_EMPTY);
  if (content.length > MAX_ROSTER_BYTES)
    throw badInput(
      'input.contentBase64',
      Messages.ROSTER_TOO_LARGE({ megabytes: MAX_ROSTER_BYTES / 1024 / 1024 }),
    );
  const rows = input.format === 'CSV' ? parseRosterCsv(content) : await parseRosterXlsx(content);
  const today = clock.today();
  const dryRun = !!input.dryRun;
  const actor = actorOf(ctx.viewer);

  const run = async (manager: EntityManager): Promise<RosterImportResult> => {
    const results: RosterRowResult[] = [];
    const seen = new Set<string>();
    const written: string[] = [];
    for (const raw of rows) {
      const r = validateRow(raw, today);
      if ('status' in r) {
        results.push(r);
        continue;
      }
      const dupKey = r.registry ?? `${r.familyName}|${r.givenName}|${r.birthDate}`;
      if (seen.has(dupKey)) {
        results.push(rejected(r.row, 'DUPLICATE_ROW', `rows[${r.row}].registryNumber`));
        continue;
      }
      seen.add(dupKey);
      const match = await matchRow(ctx, manager, r);
      if ('status' in match) {
        results.push(match);
        continue;
      }
      if (!match.personId) {
        let personId: string | null = null;
        if (!dryRun) {
          personId = await PersonRepository.insert(manager, {
            ...r.columns!,
            registry_match_of: match.matchOf,
          });
          await MembershipEventRepository.lockPerson(manager, personId);
          await MembershipEventRepository.append(manager, [
            {
              personId,
              associationId: input.associationId,
              kind: 'JOIN',
              category: r.category,
              effectiveOn: r.joinedOn,
              recordedBy: actor,
            },
          ]);
          written.push(personId);
        }
        results.push({ row: r.row, status: 'CREATE', code: null, field: null, message: null, personId });
        continue;
      }
      const personId = match.personId;
      const active = await MembershipEventRepository.active(manager, personId);
      if (active.has(input.associationId)) {
        results.push({ row: r.row, status: 'UNCHANGED', code: null, field: null, message: null, personId });
        continue;
      }
      if (!dryRun) {
        await MembershipEventRepository.lockPerson(manager, personId);
        await MembershipEventRepository.append(manager, [
          {
            personId,
            associationId: input.associationId,
            kind: 'JOIN',
            category: r.category,
            effectiveOn: r.joinedOn,
            recordedBy: actor,
          },
        ]);
        written.push(personId);
      }
      results.push({ row: r.row, status: 'JOIN', code: null, field: null, message: null, personId });
    }
    const count = (s: RosterRowStatus) => results.filter((x) => x.status === s).length;
    ctx.access.recordWrite(written, 'IDENTITY');
    ctx.access.recordWrite(written, 'MEMBERSHIP');
    return {
      dryRun,
      total: results.length,
      created: count('CREATE'),
      joined: count('JOIN'),
      unchanged: count('UNCHANGED'),
      rejected: count('REJECTED'),
      rows: results,
    };
  };

  if (dryRun) {
    // the same reads as applying, in a transaction that is rolled back
    let result: RosterImportResult | undefined;
    await ctx.services.dataSource
      .transaction(async (manager) => {
        result = await run(manager);
        throw new DryRunDone();
      })
      .catch((e: unknown) => {
        if (!(e instanceof DryRunDone)) throw e;
      });
    return result!;
  }
  const contentHash = createHash('sha256').update(content).digest('hex');
  return withIdempotency(
    ctx.services.dataSource,
    {
      operation: 'importRoster',
      actor: idempotencyScopeOf(ctx.viewer),
      key: input.idempotencyKey,
      payload: { associationId: input.associationId, format: input.format, contentHash },
    },
    run,
  );
}

class DryRunDone extends Error {}
