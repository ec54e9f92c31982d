import type { DataSource } from 'typeorm';
import { onlyUuids } from '@mamis/platform';

export interface SummaryLineRow {
  person_id: string;
  program_code: string;
  code: string;
  earned_on: string;
  units: number;
}

export interface SummaryCertificateRow {
  id: string;
  person_id: string;
  program_code: string;
  valid_from: string;
  valid_to: string;
}

/**
 * The raw material of progress computations for a whole page of persons: ONE statement for the
 * ledger (net units per person, program, code and date — reversals summed in) and ONE for the
 * certificates, whatever the number of persons.
 */
export class TrainingSummaryRepository {
  constructor(private readonly ds: DataSource) {}

  async lines(personIds: readonly string[], programCodes: readonly string[]): Promise<SummaryLineRow[]> {
    const ids = onlyUuids(personIds);
    if (ids.length === 0 || programCodes.length === 0) return [];
    return (await this.ds.query(
      `SELECT person_id::text AS person_id, program_code, code, earned_on, sum(units)::float8 AS units
       FROM training.credit_entry
       WHERE person_id = ANY($1::uuid[]) AND program_code = ANY($2::text[])
       GROUP BY person_id, program_code, code, earned_on
       ORDER BY earned_on`,
      [ids, programCodes],
    )) as SummaryLineRow[];
  }

  async certificates(personIds: readonly string[]): Promise<SummaryCertificateRow[]> {
    const ids = onlyUuids(personIds);
    if (ids.length === 0) return [];
    return (await this.ds.query(
      `SELECT id::text AS id, person_id::text AS person_id, program_code, valid_from, valid_to
       FROM training.certificate WHERE person_id = ANY($1::uuid[])`,
      [ids],
    )) as SummaryCertificateRow[];
  }
}
