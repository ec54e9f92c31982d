import { In, LessThanOrEqual, type DataSource } from 'typeorm';
import { onlyUuids, tokyoDate } from '@mamis/platform';
import { TermsAcceptanceEntity, TermsVersionEntity } from '../entities';

export interface AcceptanceRow {
  id: string;
  personId: string;
  version: string;
  acceptedAt: Date;
  method: string;
}

export class TermsRepository {
  constructor(private readonly ds: DataSource) {}

  /** The version in force on a date (Asia/Tokyo): the latest effective on or before it. */
  current(today: string = tokyoDate(new Date())): Promise<TermsVersionEntity | null> {
    return this.ds.getRepository(TermsVersionEntity).findOne({
      where: { effectiveFrom: LessThanOrEqual(today) },
      order: { effectiveFrom: 'DESC', createdAt: 'DESC' },
    });
  }

  async acceptancesByPersonIds(personIds: readonly string[]): Promise<AcceptanceRow[]> {
    const valid = onlyUuids(personIds);
    if (valid.length === 0) return [];
    const rows = await this.ds.getRepository(TermsAcceptanceEntity).find({
      where: { personId: In(valid) },
      relations: { termsVersion: true },
      order: { acceptedAt: 'DESC' },
    });
    return rows.map((r) => ({
      id: r.id,
      personId: r.personId,
      version: r.termsVersion?.version ?? '',
      acceptedAt: r.acceptedAt,
      method: r.method,
    }));
  }
}
