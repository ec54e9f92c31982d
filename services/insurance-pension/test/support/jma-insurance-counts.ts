import type { Client } from 'pg';
import {
  JMA_INSURANCE_SUMMARIES,
  jmaInsuranceMaintainedSql,
  jmaInsuranceRecountSql,
} from '../../src/repositories/jma-insurance-counts.sql';

/**
 * The maintained insurance counts of the JMA's population (triggers of migration
 * JmaInsuranceCounts) equal their recount from the memberships and enrolments as they are now: the
 * population per prefecture, and the enrolled per insurance year and prefecture. Returns the
 * recounts' row numbers (a test can check it saw data).
 */
export async function expectJmaInsuranceCountsMaintained(admin: Client): Promise<number[]> {
  const sizes: number[] = [];
  for (const s of JMA_INSURANCE_SUMMARIES) {
    const recount = (await admin.query(jmaInsuranceRecountSql(s))).rows;
    expect({ [s.table]: (await admin.query(jmaInsuranceMaintainedSql(s))).rows }).toEqual({
      [s.table]: recount,
    });
    sizes.push(recount.length);
  }
  return sizes;
}
