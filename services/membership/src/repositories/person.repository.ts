import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { isUuid, visiblePersonsSql, type Viewer } from '@mamis/platform';
import { PersonEntity } from '../entities';
import { decodeCursor, encodeCursor } from './cursor';

export interface PersonPage {
  nodes: PersonEntity[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const sortKey = (p: PersonEntity) => [p.familyNameKana, p.givenNameKana, p.id];

export class PersonRepository {
  constructor(private readonly ds: DataSource) {}

  findByIds(ids: readonly string[]): Promise<PersonEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(PersonEntity).findBy({ id: In(valid) });
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
    after: string | null | undefined,
  ): Promise<PersonPage & { total: () => Promise<number> }> {
    const { sql: cte, params } = visiblePersonsSql(viewer);
    let where = '';
    if (after) {
      const [fk, gk, id] = decodeCursor(after, 3);
      params.push(fk, gk, id);
      where = `WHERE (p.family_name_kana, p.given_name_kana, p.id) > ($${params.length - 2}, $${params.length - 1}, $${params.length}::uuid)`;
    }
    const ids = (await this.ds.query(
      `WITH visible AS (${cte})
       SELECT p.id FROM membership.person p JOIN visible v ON v.person_id = p.id ${where}
       ORDER BY p.family_name_kana, p.given_name_kana, p.id LIMIT ${first + 1}`,
      params,
    )) as { id: string }[];
    const rows = await this.findByIds(ids.map((r) => r.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const page = toPage(ids.map((r) => byId.get(r.id)!).filter(Boolean), first);
    return {
      ...page,
      total: async () => {
        const v = visiblePersonsSql(viewer);
        const [row] = (await this.ds.query(
          `WITH visible AS (${v.sql}) SELECT count(*)::int AS n FROM visible`,
          v.params,
        )) as { n: number }[];
        return row?.n ?? 0;
      },
    };
  }

  /** Current (ACTIVE) members of one association, keyset page in kana order. */
  async membersPage(
    associationId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<PersonPage> {
    const qb = this.ds
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .innerJoin('membership', 'm', 'm.person_id = p.id AND m.association_id = :aid AND m.status = :active', {
        aid: associationId,
        active: 'ACTIVE',
      });
    return kanaPage(qb, first, after);
  }

  async countMembers(associationId: string): Promise<number> {
    const [row] = (await this.ds.query(
      `SELECT count(*)::int AS n FROM membership.membership WHERE association_id = $1 AND status = 'ACTIVE'`,
      [associationId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }
}

/** Keyset pagination in kana order (family kana, given kana, id) over a person query. */
async function kanaPage(
  qb: SelectQueryBuilder<PersonEntity>,
  first: number,
  after: string | null | undefined,
): Promise<PersonPage> {
  qb.orderBy('p.family_name_kana')
    .addOrderBy('p.given_name_kana')
    .addOrderBy('p.id')
    .limit(first + 1);
  if (after) {
    const [fk, gk, id] = decodeCursor(after, 3);
    qb.andWhere('(p.family_name_kana, p.given_name_kana, p.id) > (:fk, :gk, :id)', { fk, gk, id });
  }
  return toPage(await qb.getMany(), first);
}

function toPage(rows: PersonEntity[], first: number): PersonPage {
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  const last = nodes[nodes.length - 1];
  return { nodes, hasNextPage, endCursor: last ? encodeCursor(sortKey(last)) : null };
}
