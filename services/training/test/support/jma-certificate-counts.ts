import type { Client } from 'pg';
import {
  JMA_CERTIFICATE_SUMMARIES,
  jmaMaintainedSql,
  jmaRecountSql,
} from '../../src/repositories/jma-certificate-counts.sql';

/**
 * The maintained certificate counts of the JMA's training-statistics population (triggers of
 * migration JmaCertificateCounts) equal their recount from the certificates, attendance and
 * memberships as they are now: the holders per programme and holding period, and the certificates
 * per programme and expiry day. Returns the recounts' row numbers (a test can check it saw data).
 */
export async function expectJmaCertificateCountsMaintained(admin: Client): Promise<number[]> {
  const sizes: number[] = [];
  for (const s of JMA_CERTIFICATE_SUMMARIES) {
    const recount = (await admin.query(jmaRecountSql(s))).rows;
    expect({ [s.table]: (await admin.query(jmaMaintainedSql(s))).rows }).toEqual({ [s.table]: recount });
    sizes.push(recount.length);
  }
  return sizes;
}
