import type { Client } from 'pg';
import {
  JMA_CREDIT_SUMMARIES,
  jmaCreditMaintainedSql,
  jmaCreditRecountSql,
} from '../../src/repositories/jma-credit-counts.sql';

/**
 * The maintained credit counts of the JMA's training-statistics population (triggers of migration
 * JmaCreditCounts) equal their recount from the credit ledger, attendance and memberships as they
 * are now: the population per prefecture, and the persons with units per programme, fiscal year,
 * band and prefecture. Returns the recounts' row numbers (a test can check it saw data).
 */
export async function expectJmaCreditCountsMaintained(admin: Client): Promise<number[]> {
  const sizes: number[] = [];
  for (const s of JMA_CREDIT_SUMMARIES) {
    const recount = (await admin.query(jmaCreditRecountSql(s))).rows;
    expect({ [s.table]: (await admin.query(jmaCreditMaintainedSql(s))).rows }).toEqual({
      [s.table]: recount,
    });
    sizes.push(recount.length);
  }
  return sizes;
}
