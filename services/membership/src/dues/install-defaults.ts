import { randomUUID } from 'node:crypto';
import { JMA_CATEGORIES, JMA_EXEMPTIONS, JMA_FEES } from './jma-defaults';

/** What the installer needs of a database connection (a pg Client or Pool). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount?: number | null }>;
}

/** Starting categories of every other association (municipal, prefectural, district, workplace). */
export const LOCAL_CATEGORIES = [
  {
    code: 'A',
    name: 'A会員',
    description: '診療所・病院の開設者・管理者 (clinic/hospital owner or manager)',
  },
  { code: 'B', name: 'B会員', description: '勤務医 (hospital doctor)' },
  { code: 'C', name: 'C会員', description: '研修医 (resident)' },
] as const;

export interface InstalledDefaults {
  categories: number;
  feeBands: number;
  exemptions: number;
}

/**
 * Install the defaults a fresh installation ships with (idempotent; safe on every start):
 * - the JMA (the NATIONAL association): its membership categories, its exemption rule when it has
 *   none, and its fee schedule for `fiscalYear` when it has never had a fee schedule at all (once
 *   the JMA has set one, later years are its own decision: nothing is installed over it);
 * - every other association: the starting categories A, B and C where it has none of that code.
 * Existing rows are never changed.
 */
export async function installAssociationDefaults(
  db: Queryable,
  opts: { fiscalYear: number },
): Promise<InstalledDefaults> {
  await db.query('BEGIN');
  try {
    // serialise concurrent installers (two starts against one database)
    await db.query('SELECT pg_advisory_xact_lock(727002)');
    const out = await install(db, opts.fiscalYear);
    await db.query('COMMIT');
    return out;
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

async function install(db: Queryable, fiscalYear: number): Promise<InstalledDefaults> {
  const out: InstalledDefaults = { categories: 0, feeBands: 0, exemptions: 0 };
  const national = (await db.query(
    `SELECT id::text AS id FROM membership.association WHERE tier = 'NATIONAL' ORDER BY code = 'JMA' DESC, id LIMIT 1`,
  )) as { rows: { id: string }[] };
  const jmaId = national.rows[0]?.id;
  if (jmaId) {
    for (const [i, cat] of JMA_CATEGORIES.entries()) {
      const r = await db.query(
        `INSERT INTO membership.membership_category (id, association_id, code, name, description, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (association_id, code) DO NOTHING`,
        [randomUUID(), jmaId, cat.code, cat.name, cat.description, i],
      );
      out.categories += r.rowCount ?? 0;
    }
    const anySchedule = await db.query(
      'SELECT 1 FROM membership.fee_schedule WHERE association_id = $1 LIMIT 1',
      [jmaId],
    );
    if (!anySchedule.rows.length)
      for (const fee of JMA_FEES) {
        await db.query(
          `INSERT INTO membership.fee_schedule (id, association_id, category_code, fiscal_year, min_age, max_age, annual_fee_yen)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [randomUUID(), jmaId, fee.categoryCode, fiscalYear, fee.minAge, fee.maxAge, fee.annualFeeYen],
        );
        out.feeBands++;
      }
    const anyExemption = await db.query(
      'SELECT 1 FROM membership.dues_exemption_rule WHERE association_id = $1 LIMIT 1',
      [jmaId],
    );
    if (!anyExemption.rows.length)
      for (const ex of JMA_EXEMPTIONS) {
        await db.query(
          `INSERT INTO membership.dues_exemption_rule
             (id, association_id, category_code, from_fiscal_year, to_fiscal_year, years_after_graduation, description)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            randomUUID(),
            jmaId,
            ex.categoryCode,
            ex.fromFiscalYear,
            ex.toFiscalYear,
            ex.yearsAfterGraduation,
            ex.description,
          ],
        );
        out.exemptions++;
      }
  }
  for (const [i, cat] of LOCAL_CATEGORIES.entries()) {
    const r = await db.query(
      `INSERT INTO membership.membership_category (id, association_id, code, name, description, sort_order)
       SELECT gen_random_uuid(), a.id, $1, $2, $3, $4 FROM membership.association a
       WHERE a.tier <> 'NATIONAL'
       ON CONFLICT (association_id, code) DO NOTHING`,
      [cat.code, cat.name, cat.description, i],
    );
    out.categories += r.rowCount ?? 0;
  }
  return out;
}
