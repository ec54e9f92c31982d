import { In, type DataSource } from 'typeorm';
import { isUuid } from '@mamis/platform';
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

  /** Keyset page in kana order. */
  async page(first: number, after: string | null | undefined): Promise<PersonPage> {
    const qb = this.ds
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .orderBy('p.family_name_kana')
      .addOrderBy('p.given_name_kana')
      .addOrderBy('p.id')
      .limit(first + 1);
    if (after) {
      const [fk, gk, id] = decodeCursor(after, 3);
      qb.where('(p.family_name_kana, p.given_name_kana, p.id) > (:fk, :gk, :id)', { fk, gk, id });
    }
    return toPage(await qb.getMany(), first);
  }

  count(): Promise<number> {
    return this.ds.getRepository(PersonEntity).count();
  }

  /** Current (ACTIVE) members of one association, keyset page in kana order. */
  async membersPage(associationId: string, first: number, after: string | null | undefined): Promise<PersonPage> {
    const qb = this.ds
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .innerJoin('membership', 'm', 'm.person_id = p.id AND m.association_id = :aid AND m.status = :active', {
        aid: associationId,
        active: 'ACTIVE',
      })
      .orderBy('p.family_name_kana')
      .addOrderBy('p.given_name_kana')
      .addOrderBy('p.id')
      .limit(first + 1);
    if (after) {
      const [fk, gk, id] = decodeCursor(after, 3);
      qb.where('(p.family_name_kana, p.given_name_kana, p.id) > (:fk, :gk, :id)', { fk, gk, id });
    }
    return toPage(await qb.getMany(), first);
  }

  async countMembers(associationId: string): Promise<number> {
    const [row] = (await this.ds.query(
      `SELECT count(*)::int AS n FROM membership.membership WHERE association_id = $1 AND status = 'ACTIVE'`,
      [associationId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }
}

function toPage(rows: PersonEntity[], first: number): PersonPage {
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  const last = nodes[nodes.length - 1];
  return { nodes, hasNextPage, endCursor: last ? encodeCursor(sortKey(last)) : null };
}
