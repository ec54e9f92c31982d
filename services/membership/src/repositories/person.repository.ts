import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AppError,
  conflict,
  entityReader,
  ErrorCode,
  isUuid,
  Messages,
  notFound,
  updateVersioned,
  visiblePersonPredicate,
  visiblePersonsSql,
  type EntityReader,
  type Viewer,
} from '@mamis/platform';
import { PersonEntity } from '../entities';
import type { MembershipStatus } from '../entities/membership.entity';
import type { PersonColumns } from '../validation/person-input.validator';
import { searchTerms } from '../validation/people-query.validator';
import { encodeCursor, type CursorKey } from './cursor';

/**
 * Filters of Association.members (MemberFilter in the SDL), as the resolver passes them: the
 * category already normalised (`memberFilterArgs`, validation/member-filter.validator.ts).
 */
export interface MemberFilter {
  category?: string | null;
  status?: MembershipStatus | null;
  joinedFrom?: string | null;
  joinedTo?: string | null;
}

/**
 * people(registryNumber): the exact registry number (normalised by the caller). Spelled as two
 * branches so that each can use its partial index (matched persons: person_registry_number_key;
 * records kept apart awaiting a match: person_registry_match_of_idx), with leakproof operators only.
 */
export function registryCondition(param: number): string {
  return `((p.registry_number = $${param} AND p.registry_match_of IS NULL) OR (p.registry_match_of IS NOT NULL AND p.registry_number = $${param}))`;
}

/**
 * people(search): a prefix of the name, family + given with spaces ignored — of the kana name
 * when the text is kana, else of the kanji name; digits only: the exact registry number
 * (`searchTerms`; its limits are checked before, by `checkSearch` in people-query.validator.ts).
 *
 * Written with LEAKPROOF operators on plain columns only (=, <, >=, starts_with): under row-level
 * security PostgreSQL evaluates a non-leakproof condition (LIKE, ||) only AFTER the row-security
 * predicate, so `(family || given) LIKE 'ヤマ%'` cannot use an index and checks row security on
 * every row first (18.9 s at full scale). "family || given starts with P" is spelled out as:
 * family starts with P, or family is P's first k characters and given starts with the rest.
 * For kana, family_name_kana lies in [P's first character, P with its last character
 * incremented) — an index condition on person_kana_idx (collation "C", so code-point order), which
 * the page walks in its ORDER BY and leaves at the LIMIT.
 */
export function searchCondition(search: string, param: number): { sql: string; values: string[] } | null {
  const terms = searchTerms(search);
  if (!terms) return null;
  // the exact registry number: its holder, or an office's own record awaiting a match
  if (terms.kind === 'REGISTRY_NUMBER') return { sql: registryCondition(param), values: [terms.digits] };
  const { kana: isKana, chars } = terms;
  const [family, given] = isKana
    ? ['p.family_name_kana', 'p.given_name_kana']
    : ['p.family_name', 'p.given_name'];
  const values: string[] = [];
  const $ = (v: string) => {
    values.push(v);
    return `$${param + values.length - 1}`;
  };
  const whole = chars.join('');
  const alternatives = [`starts_with(${family}, ${$(whole)})`];
  for (let k = 1; k < chars.length; k++)
    alternatives.push(
      `(${family} = ${$(chars.slice(0, k).join(''))} AND starts_with(${given}, ${$(chars.slice(k).join(''))}))`,
    );
  const parts = [`(${alternatives.join(' OR ')})`];
  if (isKana) {
    const last = chars[chars.length - 1]!.codePointAt(0)!;
    parts.unshift(
      `${family} >= ${$(chars[0]!)}`,
      `${family} < ${$(chars.slice(0, -1).join('') + String.fromCodePoint(last + 1))}`,
    );
  }
  return { sql: parts.join(' AND '), values };
}

export interface PersonPage {
  nodes: PersonEntity[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const sortKey = (p: PersonEntity) => [p.familyNameKana, p.givenNameKana, p.id];

export class PersonRepository {
  private readonly persons: EntityReader<PersonEntity>;
  constructor(private readonly ds: DataSource) {
    this.persons = entityReader(ds, PersonEntity);
  }

  findByIds(ids: readonly string[]): Promise<PersonEntity[]> {
    return this.persons.whereIn('id', ids.filter(isUuid));
  }

  /**
   * Keyset page (kana order) of the persons a viewer has ANY relation to, read from the access
   * views: the physician themself; for staff, the members, former members and training
   * attendees of their association (and, for the JMA, participants of JMA programs). The access
   * layer still decides what of each person is shown.
   */
  async visiblePage(
    viewer: Viewer,
    first: number,
    after: CursorKey | null | undefined,
    search?: string | null,
    registryNumber?: string | null,
  ): Promise<PersonPage & { total: () => Promise<number> }> {
    const { sql, params } = visiblePageSql(viewer, first, after, search, registryNumber);
    const ids = (await this.ds.query(sql, params)) as { id: string }[];
    const rows = await this.findByIds(ids.map((r) => r.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const page = toPage(ids.map((r) => byId.get(r.id)!).filter(Boolean), first);
    return {
      ...page,
      total: async () => {
        const v = visiblePersonsSql(viewer);
        const search_ = search ? searchCondition(search, v.params.length + 1) : null;
        const conds = [
          search_?.sql,
          registryNumber ? registryCondition(v.params.length + (search_?.values.length ?? 0) + 1) : null,
        ]
          .filter(Boolean)
          .join(' AND ');
        const values = [...v.params, ...(search_?.values ?? []), ...(registryNumber ? [registryNumber] : [])];
        const [row] = (await this.ds.query(
          conds
            ? `WITH visible AS (${v.sql}) SELECT count(*)::int AS n FROM membership.person p
               JOIN (SELECT DISTINCT person_id FROM visible) v ON v.person_id = p.id WHERE ${conds}`
            : `WITH visible AS (${v.sql}) SELECT count(*)::int AS n FROM visible`,
          values,
        )) as { n: number }[];
        return row?.n ?? 0;
      },
    };
  }

  /**
   * Members of one association (by default the current ones), keyset page in kana order. A
   * person with several matching periods (e.g. left twice) is listed once.
   *
   * One statement: the page is a range of membership_member_page_idx (association, status, the
   * kana sort key copied onto each period, person) read in page order and left at the LIMIT —
   * the same rows whatever the association's size — then those persons by primary key.
   */
  async membersPage(
    associationId: string,
    first: number,
    after: CursorKey | null | undefined,
    filter: MemberFilter = {},
  ): Promise<PersonPage> {
    const { sql, params } = memberPageSql(associationId, first, after, filter);
    const rows = await this.ds
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .where(`p.id IN (${sql})`, params)
      .orderBy('p.family_name_kana')
      .addOrderBy('p.given_name_kana')
      .addOrderBy('p.id')
      .getMany();
    return toPage(rows, first);
  }

  /**
   * The number of members the filter selects. Current members (the default), with or without a
   * category: the maintained count (membership.active_member_count, kept by triggers in the
   * same transaction as each membership change), not a count of rows per request. Former
   * members and joining-date filters: counted (a range of membership_member_page_idx).
   */
  async countMembers(associationId: string, filter: MemberFilter = {}): Promise<number> {
    if ((filter.status ?? 'ACTIVE') === 'ACTIVE' && !filter.joinedFrom && !filter.joinedTo) {
      const [row] = (await this.ds.query(
        `SELECT coalesce(sum(members), 0)::int AS n FROM membership.active_member_count
          WHERE association_id = $1 AND ($2::text IS NULL OR category = $2)`,
        [associationId, filter.category ?? null],
      )) as { n: number }[];
      return row?.n ?? 0;
    }
    const { sql, params } = memberCondition(associationId, filter);
    const [row] = (await this.ds
      .createQueryBuilder()
      .select('count(DISTINCT m.person_id)::int', 'n')
      .from('membership.membership', 'm')
      .where(sql, params)
      .getRawMany()) as { n: number }[];
    return row?.n ?? 0;
  }

  /* ---- writes (inside the caller's transaction) -------------------------------------------- */

  /**
   * The person who holds a registry number (a matched person: records awaiting a match do not
   * hold it), or null. The caller decides what the viewer may learn of it: a holder the viewer
   * does not see must make no difference to the answer (existence must not leak).
   */
  static async registryNumberHolder(
    manager: EntityManager,
    registryNumber: string,
    exceptId?: string,
  ): Promise<string | null> {
    const [row] = (await manager.query(
      `SELECT id::text AS id FROM membership.person
       WHERE registry_number = $1 AND registry_match_of IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [registryNumber, exceptId ?? null],
    )) as { id: string }[];
    return row?.id ?? null;
  }

  /** The same registry number as a person the viewer sees → CONFLICT at `input.registryNumber`. */
  static registryNumberConflict(): AppError {
    return conflict(Messages.REGISTRY_NUMBER_TAKEN, 'input.registryNumber');
  }

  /** Persons with the same name and birth date (the caller warns of those the viewer sees). */
  static async sameNameAndBirthDate(
    manager: EntityManager,
    familyName: string,
    givenName: string,
    birthDate: string,
  ): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id::text AS id FROM membership.person
       WHERE family_name = $1 AND given_name = $2 AND birth_date = $3 ORDER BY id`,
      [familyName, givenName, birthDate],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Insert a person; `id` is given when the caller derives it (the legacy import), else random. */
  static async insert(
    manager: EntityManager,
    columns: PersonColumns,
    id: string = randomUUID(),
  ): Promise<string> {
    const cols = Object.keys(columns);
    try {
      await manager.query(
        `INSERT INTO membership.person (id, ${cols.map((c) => `"${c}"`).join(', ')})
         VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')})`,
        [id, ...cols.map((c) => columns[c])],
      );
    } catch (e) {
      throw uniqueViolation(e);
    }
    return id;
  }

  /**
   * Insert many new persons in one statement (the legacy import: ids derived by the caller).
   * Columns a row does not name take the table's defaults (departments: none; the rest null).
   */
  static async insertMany(
    manager: EntityManager,
    rows: { id: string; columns: PersonColumns }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const cols = [...new Set(rows.flatMap((r) => Object.keys(r.columns)))].filter((c) => /^[a-z_]+$/.test(c));
    const list = ['id', ...cols].map((c) => `"${c}"`).join(', ');
    const values = ['id', ...cols]
      .map((c) => (c === 'departments' ? `coalesce(r."departments", '{}')` : `r."${c}"`))
      .join(', ');
    try {
      await manager.query(
        `INSERT INTO membership.person (${list})
         SELECT ${values} FROM jsonb_populate_recordset(NULL::membership.person, $1::jsonb) AS r`,
        [JSON.stringify(rows.map((r) => ({ id: r.id, ...r.columns })))],
      );
    } catch (e) {
      throw uniqueViolation(e);
    }
  }

  /** Update with the version the client read (stale → CONFLICT at `version`, nothing written). */
  static async update(manager: EntityManager, id: string, version: number, columns: PersonColumns) {
    try {
      return await updateVersioned(manager, 'membership.person', id, version, columns);
    } catch (e) {
      throw uniqueViolation(e);
    }
  }

  static async load(manager: EntityManager, id: string): Promise<PersonEntity> {
    const p = await manager.getRepository(PersonEntity).findOneBy({ id });
    if (!p) throw notFound(Messages.PERSON_NOT_FOUND);
    return p;
  }
}

/** A concurrent insert with the same registry number loses on the unique index: CONFLICT too. */
function uniqueViolation(e: unknown): unknown {
  const err = e as { code?: string; constraint?: string; driverError?: { code?: string } };
  const code = err.code ?? err.driverError?.code;
  if (code === '23505')
    return new AppError(ErrorCode.CONFLICT, Messages.REGISTRY_NUMBER_TAKEN, {
      field: 'input.registryNumber',
    });
  return e;
}

function memberCondition(
  associationId: string,
  f: MemberFilter,
): { sql: string; params: Record<string, unknown> } {
  const parts = ['m.association_id = :aid', 'm.status = :status'];
  const params: Record<string, unknown> = { aid: associationId, status: f.status ?? 'ACTIVE' };
  if (f.category != null) {
    parts.push('m.category = :category');
    params.category = f.category;
  }
  if (f.joinedFrom) {
    parts.push('m.joined_on >= :joinedFrom');
    params.joinedFrom = f.joinedFrom;
  }
  if (f.joinedTo) {
    parts.push('m.joined_on <= :joinedTo');
    params.joinedTo = f.joinedTo;
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * The ids of one page of an association's members, in kana order (the sort key on the
 * membership row): a sub-select for `p.id IN (…)` with named parameters. DISTINCT lists a person
 * with several matching periods once; on the index order it is a Unique step, not a sort.
 */
export function memberPageSql(
  associationId: string,
  first: number,
  after: CursorKey | null | undefined,
  filter: MemberFilter,
): { sql: string; params: Record<string, unknown> } {
  const { sql, params } = memberCondition(associationId, filter);
  const where = [sql];
  if (after) {
    const [fk, gk, id] = after;
    where.push('(m.family_name_kana, m.given_name_kana, m.person_id) > (:fk, :gk, :id)');
    Object.assign(params, { fk, gk, id });
  }
  return {
    sql: `SELECT x.person_id FROM (SELECT DISTINCT m.family_name_kana, m.given_name_kana, m.person_id
            FROM membership.membership m WHERE ${where.join(' AND ')}
           ORDER BY m.family_name_kana, m.given_name_kana, m.person_id LIMIT ${first + 1}) x`,
    params,
  };
}

/**
 * The one statement of a people() page: ids of visible persons in kana order (see visiblePage).
 * Visibility is a per-row predicate (index probes per candidate, see visiblePersonPredicate), so
 * the statement walks person_kana_idx in order and stops at the LIMIT.
 */
export function visiblePageSql(
  viewer: Viewer,
  first: number,
  after: CursorKey | null | undefined,
  search?: string | null,
  registryNumber?: string | null,
): { sql: string; params: unknown[] } {
  const visible = visiblePersonPredicate(viewer, 'p.id');
  const params = [...visible.params];
  const where: string[] = [visible.sql];
  if (after) {
    const [fk, gk, id] = after;
    params.push(fk, gk, id);
    where.push(
      `(p.family_name_kana, p.given_name_kana, p.id) > ($${params.length - 2}, $${params.length - 1}, $${params.length}::uuid)`,
    );
  }
  const cond = search ? searchCondition(search, params.length + 1) : null;
  if (cond) {
    params.push(...cond.values);
    where.push(cond.sql);
  }
  if (registryNumber) {
    params.push(registryNumber);
    where.push(registryCondition(params.length));
  }
  return {
    sql: `SELECT p.id FROM membership.person p WHERE ${where.join(' AND ')}
       ORDER BY p.family_name_kana, p.given_name_kana, p.id LIMIT ${first + 1}`,
    params,
  };
}

function toPage(rows: PersonEntity[], first: number): PersonPage {
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  const last = nodes[nodes.length - 1];
  return { nodes, hasNextPage, endCursor: last ? encodeCursor(sortKey(last)) : null };
}
