/**
 * Dues and certificates of the data set, derived in SQL from the loaded persons and memberships
 * (set-based INSERT … SELECT, after the COPY of the person-keyed tables), so that the analytics
 * aggregates over them (duesCollection, certificateHolders, certificateExpiryForecast) have data at
 * every scale. Deterministic: ids are md5 of the row's natural key, every choice a hash of the
 * person id (`hashtext`), no randomness and no clock.
 *
 * - **JMA dues (会費) of the data set's last fiscal year** (FY2024, before REFERENCE_DAY 2025-03-31):
 *   one invoice per person whose JMA membership overlaps the year, category of its first period in
 *   the year, the JMA's shipped fees (`JMA_FEES`, A②(B) by age on April 1), months from the joining
 *   month (12 when joined before the year), issued 2024-04-15. About 88% paid in full, 4% in part
 *   (half), 8% not at all; each payment one `dues_payment` row (bank transfer).
 * - **Certificates (認定証)** issued by the JMA for its programmes to persons registered before
 *   April 2022 (fixtures excluded): CME ~30% of them (3 years), FAMILY_DOCTOR ~4% (3 years),
 *   OCCUPATIONAL ~6% and SPORTS ~3% (5 years), valid from a day in FY2022–FY2024, so they expire in
 *   FY2025–FY2029 and some are still valid today.
 */
import type { ClientBase } from 'pg';
import { JMA_FEES } from '@mamis/membership/src/dues/jma-defaults';
import { DEMO_PERSON_IDS, NATIONAL_CODE } from './fixtures';

/** The tables this step fills (empty before a load, truncated with the others on failure). */
export const DERIVED_TABLES = [
  'membership.dues_invoice',
  'membership.dues_payment',
  'training.certificate',
] as const;

/** The fiscal year of the generated JMA invoices: the data set's last complete one. */
export const DUES_FISCAL_YEAR = 2024;

/** The JMA programmes with certificates: share of eligible persons (%) and validity (years). */
export const CERTIFICATE_PLAN = [
  { programCode: 'CME', percent: 30, years: 3 },
  { programCode: 'FAMILY_DOCTOR', percent: 4, years: 3 },
  { programCode: 'OCCUPATIONAL', percent: 6, years: 5 },
  { programCode: 'SPORTS', percent: 3, years: 5 },
] as const;

const ISSUED_BY = 'seed';

/** Insert the derived rows (one transaction); returns the rows per table. */
export async function loadDuesAndCertificates(client: ClientBase): Promise<Record<string, number>> {
  const fy = DUES_FISCAL_YEAR;
  const counts: Record<string, number> = {};
  const fees = JMA_FEES.filter((f) => f.annualFeeYen >= 0);
  await client.query('BEGIN');
  try {
    // The maintained summaries over these tables (dues collection, the JMA's certificate counts)
    // are recounted by the loader right after this step: their triggers stay off here, as during
    // the COPY. With them on, the certificates' INSERT recounted the JMA's holding periods inside
    // the statement, over tables not yet analysed (more than 14 minutes at full scale).
    await client.query('SET LOCAL session_replication_role = replica');
    const invoices = await client.query(
      `WITH jma AS (SELECT id FROM membership.association WHERE code = $1),
       fee AS (
         SELECT * FROM unnest($2::text[], $3::int[], $4::int[], $5::int[]) AS f(category, min_age, max_age, annual)),
       periods AS (
         SELECT DISTINCT ON (m.person_id) m.person_id, m.category, m.joined_on
           FROM membership.membership m JOIN jma ON jma.id = m.association_id
          WHERE m.joined_on <= $7::date AND (m.left_on IS NULL OR m.left_on >= $6::date)
          ORDER BY m.person_id, m.joined_on, m.id),
       billed AS (
         SELECT pe.person_id, pe.category,
                CASE WHEN pe.joined_on < $6::date THEN 12
                     ELSE 12 - ((extract(year FROM pe.joined_on)::int - $8) * 12 + extract(month FROM pe.joined_on)::int - 4)
                END AS months,
                (SELECT f.annual FROM fee f
                  WHERE f.category = pe.category
                    AND (f.min_age IS NULL OR date_part('year', age($6::date, p.birth_date)) >= f.min_age)
                    AND (f.max_age IS NULL OR date_part('year', age($6::date, p.birth_date)) <= f.max_age)
                  ORDER BY f.min_age NULLS LAST LIMIT 1) AS annual,
                abs(hashtext(pe.person_id::text || ':dues')) % 100 AS h
           FROM periods pe JOIN membership.person p ON p.id = pe.person_id
          WHERE p.id <> ALL($9::uuid[])),
       priced AS (
         SELECT b.*, (b.annual::bigint * b.months / 12)::int AS amount FROM billed b WHERE b.annual IS NOT NULL)
       INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code, annual_fee_yen,
         months, amount_yen, paid_yen, status, exemption_rule_id, reference, issued_on, issued_by)
       SELECT md5('dues:' || pr.person_id::text || ':' || $8::text)::uuid, (SELECT id FROM jma), pr.person_id, $8,
              pr.category, pr.annual, pr.months, pr.amount,
              CASE WHEN pr.amount = 0 OR pr.h < 88 THEN pr.amount WHEN pr.h < 92 THEN pr.amount / 2 ELSE 0 END,
              CASE WHEN pr.amount = 0 OR pr.h < 88 THEN 'PAID' ELSE 'OPEN' END,
              NULL, $8::text || lpad(row_number() OVER (ORDER BY pr.person_id)::text, 6, '0'),
              ($8::text || '-04-15')::date, $10
         FROM priced pr`,
      [
        NATIONAL_CODE,
        fees.map((f) => f.categoryCode),
        fees.map((f) => f.minAge),
        fees.map((f) => f.maxAge),
        fees.map((f) => f.annualFeeYen),
        `${fy}-04-01`,
        `${fy + 1}-03-31`,
        fy,
        Object.values(DEMO_PERSON_IDS),
        ISSUED_BY,
      ],
    );
    counts['membership.dues_invoice'] = invoices.rowCount ?? 0;
    const payments = await client.query(
      `INSERT INTO membership.dues_payment (id, invoice_id, association_id, person_id, amount_yen, paid_on, method,
         bank_transaction_id, note, recorded_by)
       SELECT md5('payment:' || i.id::text)::uuid, i.id, i.association_id, i.person_id, i.paid_yen,
              i.issued_on + 10 + abs(hashtext(i.person_id::text || ':paid')) % 80, 'BANK_TRANSFER', NULL, NULL, $2
         FROM membership.dues_invoice i
        WHERE i.fiscal_year = $1 AND i.issued_by = $2 AND i.paid_yen > 0`,
      [fy, ISSUED_BY],
    );
    counts['membership.dues_payment'] = payments.rowCount ?? 0;
    const certificates = await client.query(
      `WITH plan AS (
         SELECT * FROM unnest($1::text[], $2::int[], $3::int[]) AS g(code, percent, years)),
       chosen AS (
         SELECT p.id AS person_id, p.family_name || ' ' || p.given_name AS holder, g.code, g.years,
                DATE '2022-04-01' + (abs(hashtext(p.id::text || ':from:' || g.code)) % 1095) AS valid_from
           FROM membership.person p CROSS JOIN plan g
          WHERE p.registry_date < DATE '2022-04-01' AND p.id <> ALL($4::uuid[])
            AND abs(hashtext(p.id::text || ':' || g.code)) % 100 < g.percent),
       numbered AS (
         SELECT c.*, row_number() OVER (ORDER BY c.person_id, c.code) AS n FROM chosen c)
       INSERT INTO training.certificate (id, number, person_id, program_code, valid_from, valid_to, holder_name,
         verification_code, issuer_association_id, application_id, issued_by, issued_at)
       SELECT md5('certificate:' || x.person_id::text || ':' || x.code)::uuid,
              x.code || '-' || extract(year FROM x.valid_from)::int || '-' || lpad(x.n::text, 8, '0'),
              x.person_id, x.code, x.valid_from,
              (x.valid_from + make_interval(years => x.years) - interval '1 day')::date, x.holder,
              translate(substr(v.code, 1, 4) || '-' || substr(v.code, 5, 4) || '-' || substr(v.code, 9, 4), '01', 'QR'),
              (SELECT id FROM membership.association WHERE code = $5), NULL, $6,
              (x.valid_from::text || ' 09:00:00+09')::timestamptz
         FROM numbered x CROSS JOIN LATERAL (SELECT 'S' || lpad(x.n::text, 11, '0') AS code) v`,
      [
        CERTIFICATE_PLAN.map((g) => g.programCode),
        CERTIFICATE_PLAN.map((g) => g.percent),
        CERTIFICATE_PLAN.map((g) => g.years),
        Object.values(DEMO_PERSON_IDS),
        NATIONAL_CODE,
        ISSUED_BY,
      ],
    );
    counts['training.certificate'] = certificates.rowCount ?? 0;
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return counts;
}
