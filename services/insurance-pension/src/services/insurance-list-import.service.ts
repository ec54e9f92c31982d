import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { insuranceIneligibility, insuranceYearOf } from '../domain/insurance-rules';
import type { Repositories } from '../repositories';
import { checkCoverage, type EnrolAction, type InsuranceService } from './insurance.service';
import { actorOf, badInput, Messages } from '@mamis/platform';
import type { InsurancePensionWriteContext } from '../context';

export type ImportOutcome =
  'MATCHED' | 'UNKNOWN_REGISTRY_NUMBER' | 'INELIGIBLE_CATEGORY' | 'DUPLICATE' | 'MALFORMED';

export interface ImportRow {
  line: number;
  registryNumber: string | null;
  outcome: ImportOutcome;
  action: EnrolAction | null;
  personId: string | null;
  message: string | null;
}

export interface ImportReport {
  dryRun: boolean;
  applied: boolean;
  matched: number;
  rejected: number;
  rows: ImportRow[];
}

const UNKNOWN_MESSAGE =
  '日本医師会の会員・元会員等にこの医籍登録番号の医師はいません (no physician known to the JMA has this registry number)';

/** The insurer's list: one row per insured person and insurance year. */
export const IMPORT_COLUMNS = [
  'registry_number',
  'insurance_year',
  'enrolled_on',
  'rider_coverage_yen',
] as const;
const MAX_ROWS = 20_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return ISO_DATE.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

interface Parsed {
  line: number;
  registryNumber: string;
  insuranceYear: number;
  enrolledOn: string;
  riderCoverageYen: number | null;
}

/** Parse the CSV (UTF-8, optional BOM); a problem with the file as a whole → BAD_USER_INPUT at `input.csv`. */
function readCsv(csv: string): string[][] {
  try {
    return parse(csv, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
  } catch (err) {
    throw badInput('input.csv', Messages.INSURANCE_CSV_UNREADABLE({ detail: (err as Error).message }));
  }
}

function parseRow(cells: string[], line: number): Parsed | string {
  if (cells.length !== IMPORT_COLUMNS.length)
    return `expected ${IMPORT_COLUMNS.length} columns, found ${cells.length}`;
  const [registryNumber, year, enrolledOn, coverage] = cells as [string, string, string, string];
  if (!/^\d{1,10}$/.test(registryNumber)) return 'registry_number must be digits';
  if (!/^\d{4}$/.test(year)) return 'insurance_year must be a year (YYYY)';
  if (!validDate(enrolledOn)) return 'enrolled_on must be a date (YYYY-MM-DD)';
  if (insuranceYearOf(enrolledOn) !== Number(year))
    return `enrolled_on ${enrolledOn} is not in insurance year ${year} (${year}-07-01 – ${Number(year) + 1}-06-30)`;
  let riderCoverageYen: number | null = null;
  if (coverage !== '') {
    if (!/^\d+$/.test(coverage)) return 'rider_coverage_yen must be an integer amount of yen';
    riderCoverageYen = Number(coverage);
    try {
      checkCoverage('rider_coverage_yen', riderCoverageYen);
    } catch {
      return 'rider_coverage_yen must be a positive amount of yen';
    }
  }
  return { line, registryNumber, insuranceYear: Number(year), enrolledOn, riderCoverageYen };
}

export interface ImportListInput {
  associationId: string;
  csv: string;
  dryRun: boolean;
}

/**
 * Import of the insurer's enrolment list (JMA). Every row gets an outcome; a dry run reports
 * what would happen (MATCHED rows with CREATE / UPDATE / UNCHANGED) and writes nothing; the real
 * run applies the MATCHED rows in ONE transaction (all or nothing) and reports the same.
 */
export class InsuranceListImport {
  constructor(
    private readonly repos: Repositories,
    private readonly insurance: InsuranceService,
  ) {}

  /**
   * IMPORT_INSURANCE for the association first; then every matched person passes the person-keyed
   * write rule (MANAGE_INSURANCE, audited) before anything is written, and a holder of a registry
   * number the viewer has no relation to reads as an unknown number.
   */
  async run(ctx: InsurancePensionWriteContext, input: ImportListInput): Promise<ImportReport> {
    ctx.access.authorizeAssociation(input.associationId, 'IMPORT_INSURANCE');
    return this.apply(input.csv, {
      dryRun: input.dryRun,
      recordedBy: actorOf(ctx.viewer),
      authorize: async (ids) => {
        await Promise.all(ids.map((id) => ctx.access.authorizeWrite(id, 'MANAGE_INSURANCE')));
      },
      visible: (ids) => ctx.access.filterVisible(ids),
    });
  }

  /** `authorize` is called with the matched persons before anything is written. */
  private async apply(
    csv: string,
    opts: {
      dryRun: boolean;
      recordedBy: string;
      authorize: (personIds: string[]) => Promise<void>;
      /** The ids the viewer has a relation to (the access policy); the others count as unknown. */
      visible: (personIds: string[]) => Promise<string[]>;
    },
  ): Promise<ImportReport> {
    const records = readCsv(csv);
    const [header, ...body] = records;
    if (!header || header.map((h) => h.toLowerCase()).join(',') !== IMPORT_COLUMNS.join(','))
      throw badInput('input.csv', Messages.INSURANCE_CSV_HEADER({ header: IMPORT_COLUMNS.join(',') }));
    if (body.length > MAX_ROWS)
      throw badInput('input.csv', Messages.INSURANCE_CSV_TOO_MANY_ROWS({ max: MAX_ROWS }));

    const rows: ImportRow[] = [];
    const good: (Parsed & { personId: string; category: string; row: ImportRow })[] = [];
    const parsed = body.map((cells, i) => parseRow(cells, i + 2));
    const numbers = parsed.filter((p): p is Parsed => typeof p !== 'string').map((p) => p.registryNumber);
    const holders = await this.repos.standing.personIdsByRegistryNumbers(numbers);
    // A holder the JMA has no relation to reads like a number nobody holds: whether a physician
    // exists must not show. Unused numbers take a random id through the same
    // visibility query, so that both cases run the same statements.
    const asked = new Map(numbers.map((n) => [n, holders.get(n) ?? randomUUID()]));
    const seenIds = new Set(await opts.visible([...new Set(asked.values())]));
    const people = new Map([...asked].filter(([, id]) => seenIds.has(id)));
    const standing = await this.repos.standing.byPersonIds([...people.values()]);
    const seen = new Map<string, number>();
    parsed.forEach((p, i) => {
      const line = i + 2;
      const row: ImportRow = {
        line,
        registryNumber: null,
        outcome: 'MALFORMED',
        action: null,
        personId: null,
        message: null,
      };
      rows.push(row);
      if (typeof p === 'string') {
        row.registryNumber = body[i]?.[0] || null;
        row.message = p;
        return;
      }
      row.registryNumber = p.registryNumber;
      const key = `${p.registryNumber}:${p.insuranceYear}`;
      const first = seen.get(key);
      if (first !== undefined) {
        row.outcome = 'DUPLICATE';
        row.message = `the same registry number and insurance year as line ${first}`;
        return;
      }
      seen.set(key, line);
      const personId = people.get(p.registryNumber);
      if (!personId) {
        row.outcome = 'UNKNOWN_REGISTRY_NUMBER';
        row.message = UNKNOWN_MESSAGE;
        return;
      }
      const s = standing.get(personId);
      const why = insuranceIneligibility(s);
      if (why) {
        row.outcome = 'INELIGIBLE_CATEGORY';
        row.message =
          why === 'NOT_A_JMA_MEMBER'
            ? 'not a current JMA member'
            : `JMA category ${s!.category} is not eligible (A①, A②(B), A②(C) only)`;
        return;
      }
      row.outcome = 'MATCHED';
      row.personId = personId;
      good.push({ ...p, personId, category: s!.category!, row });
    });

    const matchedIds = [...new Set(good.map((g) => g.personId))];
    if (matchedIds.length) await opts.authorize(matchedIds);
    // a dry run computes the actions in a transaction that is rolled back: the same code path
    const DRY_RUN = Symbol('dry run');
    try {
      await this.repos.dataSource.transaction(async (manager) => {
        for (const g of good) {
          const { action } = await this.insurance.enrolIn(manager, {
            personId: g.personId,
            category: g.category,
            enrolledOn: g.enrolledOn,
            riderCoverageYen: g.riderCoverageYen,
            origin: { source: 'IMPORT', recordedBy: opts.recordedBy, reason: `insurer list line ${g.line}` },
          });
          g.row.action = action;
        }
        if (opts.dryRun) throw DRY_RUN;
      });
    } catch (err) {
      if (err !== DRY_RUN) throw err;
    }
    const matched = good.length;
    return {
      dryRun: opts.dryRun,
      applied: !opts.dryRun && matched > 0,
      matched,
      rejected: rows.length - matched,
      rows,
    };
  }
}
