import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { onlyUuids } from '@mamis/platform';
import {
  DuesExemptionRuleEntity,
  DuesInvoiceEntity,
  DuesPaymentEntity,
  FeeScheduleEntity,
  MembershipCategoryEntity,
} from '../entities';
import { fiscalYearEnd, fiscalYearStart, type FeeBand } from '../dues/fee-rules';

/**
 * Data access of dues: membership categories, fee schedules, exemptions, invoices and payments.
 * No rule lives here — what to invoice (services/invoice-run.service.ts), how bank rows match
 * invoices (services/payment-matching.service.ts) and what input is valid
 * (services/dues-settings.service.ts, dues-payment.service.ts) are decided by the services, which
 * authorise first and open the transactions the `m: EntityManager` methods run in.
 */

/** A member of the association in a fiscal year, as the invoice run reads them. */
export interface InvoiceRunMember {
  person_id: string;
  category: string;
  joined_on: string;
  status: string;
  birth_date: string;
  graduation_year: number | null;
  registry_date: string | null;
  /** Already has an invoice of the association for the year. */
  invoiced: boolean;
}

/** An invoice as bank-file matching reads it (with the payer kana of its person). */
export interface MatchableInvoice {
  id: string;
  person_id: string;
  reference: string;
  status: string;
  amount_yen: number;
  paid_yen: number;
  kana: string;
}

export class DuesRepository {
  constructor(private readonly ds: DataSource) {}

  /* ----------------------------------------------------------------- categories and schedules */

  categoriesOf(associationIds: readonly string[]): Promise<MembershipCategoryEntity[]> {
    const ids = onlyUuids(associationIds);
    if (!ids.length) return Promise.resolve([]);
    return this.ds
      .getRepository(MembershipCategoryEntity)
      .find({ where: { associationId: In(ids) }, order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  /** Create or change a category (by association and code). */
  async upsertCategory(
    m: EntityManager,
    input: {
      associationId: string;
      code: string;
      name: string;
      description: string | null;
      sortOrder: number;
    },
  ): Promise<MembershipCategoryEntity> {
    const [row] = (await m.query(
      `INSERT INTO membership.membership_category (id, association_id, code, name, description, sort_order)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (association_id, code) DO UPDATE
         SET name = EXCLUDED.name, description = EXCLUDED.description, sort_order = EXCLUDED.sort_order
       RETURNING id`,
      [randomUUID(), input.associationId, input.code, input.name, input.description, input.sortOrder],
    )) as { id: string }[];
    return m.getRepository(MembershipCategoryEntity).findOneByOrFail({ id: row!.id });
  }

  /** Whether the association has a category with this code. */
  async categoryExists(m: EntityManager, associationId: string, code: string): Promise<boolean> {
    const rows = (await m.query(
      'SELECT 1 FROM membership.membership_category WHERE association_id = $1 AND code = $2',
      [associationId, code],
    )) as unknown[];
    return rows.length > 0;
  }

  feeSchedules(associationId: string, fiscalYear: number): Promise<FeeScheduleEntity[]> {
    return this.ds.getRepository(FeeScheduleEntity).find({
      where: { associationId, fiscalYear },
      order: { categoryCode: 'ASC', minAge: { direction: 'ASC', nulls: 'FIRST' } },
    });
  }

  /** Replace the fee bands of one category for one fiscal year; answers the new bands. */
  async replaceFeeSchedule(
    m: EntityManager,
    input: { associationId: string; categoryCode: string; fiscalYear: number; bands: FeeBand[] },
  ): Promise<FeeScheduleEntity[]> {
    await m.query(
      'DELETE FROM membership.fee_schedule WHERE association_id = $1 AND category_code = $2 AND fiscal_year = $3',
      [input.associationId, input.categoryCode, input.fiscalYear],
    );
    const repo = m.getRepository(FeeScheduleEntity);
    await repo.insert(
      input.bands.map((b) => ({
        id: randomUUID(),
        associationId: input.associationId,
        categoryCode: input.categoryCode,
        fiscalYear: input.fiscalYear,
        minAge: b.minAge,
        maxAge: b.maxAge,
        annualFeeYen: b.annualFeeYen,
      })),
    );
    return repo.find({
      where: {
        associationId: input.associationId,
        categoryCode: input.categoryCode,
        fiscalYear: input.fiscalYear,
      },
      order: { minAge: { direction: 'ASC', nulls: 'FIRST' } },
    });
  }

  exemptionRules(associationId: string): Promise<DuesExemptionRuleEntity[]> {
    return this.ds
      .getRepository(DuesExemptionRuleEntity)
      .find({ where: { associationId }, order: { categoryCode: 'ASC', fromFiscalYear: 'ASC' } });
  }

  exemptionRulesOf(associationIds: readonly string[]): Promise<DuesExemptionRuleEntity[]> {
    const ids = onlyUuids(associationIds);
    if (!ids.length) return Promise.resolve([]);
    return this.ds.getRepository(DuesExemptionRuleEntity).findBy({ associationId: In(ids) });
  }

  async insertExemptionRule(
    m: EntityManager,
    input: Omit<DuesExemptionRuleEntity, 'id'>,
  ): Promise<DuesExemptionRuleEntity> {
    const row = { ...input, id: randomUUID() };
    await m.getRepository(DuesExemptionRuleEntity).insert(row);
    return row;
  }

  /* ------------------------------------------------------------------------------- invoices */

  invoicesByPersonIds(personIds: readonly string[]): Promise<DuesInvoiceEntity[]> {
    const ids = onlyUuids(personIds);
    if (!ids.length) return Promise.resolve([]);
    return this.ds
      .getRepository(DuesInvoiceEntity)
      .find({ where: { personId: In(ids) }, order: { fiscalYear: 'DESC', associationId: 'ASC' } });
  }

  invoicesByIds(invoiceIds: readonly string[]): Promise<DuesInvoiceEntity[]> {
    const ids = onlyUuids(invoiceIds);
    if (!ids.length) return Promise.resolve([]);
    return this.ds.getRepository(DuesInvoiceEntity).findBy({ id: In(ids) });
  }

  paymentsByInvoiceIds(invoiceIds: readonly string[]): Promise<DuesPaymentEntity[]> {
    const ids = onlyUuids(invoiceIds);
    if (!ids.length) return Promise.resolve([]);
    return this.ds
      .getRepository(DuesPaymentEntity)
      .find({ where: { invoiceId: In(ids) }, order: { paidOn: 'ASC', createdAt: 'ASC' } });
  }

  invoiceByReference(associationId: string, reference: string): Promise<DuesInvoiceEntity | null> {
    return this.ds.getRepository(DuesInvoiceEntity).findOneBy({ associationId, reference });
  }

  findInvoice(id: string): Promise<DuesInvoiceEntity | null> {
    if (!onlyUuids([id]).length) return Promise.resolve(null);
    return this.ds.getRepository(DuesInvoiceEntity).findOneBy({ id });
  }

  /* ---------------------------------------------------------------------------- invoice run */

  /** Serialise invoice runs of one association and year (until the transaction ends). */
  async lockInvoiceRun(m: EntityManager, associationId: string, fy: number): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dues:${associationId}:${fy}`]);
  }

  /**
   * Every person whose membership of the association overlaps the fiscal year, once: the first
   * membership period overlapping the year (its category applies for the whole year).
   */
  async invoiceRunMembers(m: EntityManager, associationId: string, fy: number): Promise<InvoiceRunMember[]> {
    return (await m.query(
      `SELECT DISTINCT ON (ms.person_id)
              ms.person_id::text AS person_id, ms.category, ms.joined_on::text AS joined_on,
              ms.status, ms.left_on::text AS left_on, p.birth_date::text AS birth_date,
              p.graduation_year, p.registry_date::text AS registry_date,
              EXISTS (SELECT 1 FROM membership.dues_invoice i
                      WHERE i.association_id = ms.association_id AND i.person_id = ms.person_id
                        AND i.fiscal_year = $2) AS invoiced
       FROM membership.membership ms
       JOIN membership.person p ON p.id = ms.person_id
       WHERE ms.association_id = $1 AND ms.joined_on <= $4::date
         AND (ms.left_on IS NULL OR ms.left_on >= $3::date)
       ORDER BY ms.person_id, ms.joined_on, ms.id`,
      [associationId, fy, fiscalYearStart(fy), fiscalYearEnd(fy)],
    )) as InvoiceRunMember[];
  }

  feeSchedulesIn(m: EntityManager, associationId: string, fiscalYear: number): Promise<FeeScheduleEntity[]> {
    return m.getRepository(FeeScheduleEntity).findBy({ associationId, fiscalYear });
  }

  exemptionRulesIn(m: EntityManager, associationId: string): Promise<DuesExemptionRuleEntity[]> {
    return m.getRepository(DuesExemptionRuleEntity).findBy({ associationId });
  }

  /** The highest invoice number of the association and year so far (0: none). */
  async lastInvoiceNumber(m: EntityManager, associationId: string, fy: number): Promise<number> {
    const [seqRow] = (await m.query(
      `SELECT coalesce(max(substring(reference from 5)::int), 0) AS n FROM membership.dues_invoice
       WHERE association_id = $1 AND fiscal_year = $2`,
      [associationId, fy],
    )) as { n: number }[];
    return Number(seqRow?.n ?? 0);
  }

  /**
   * Insert invoices in one statement; one that exists for its (association, person, fiscal year)
   * is left alone (ON CONFLICT DO NOTHING). Answers the ones inserted.
   */
  async insertInvoices(
    m: EntityManager,
    chunk: DuesInvoiceEntity[],
  ): Promise<{ id: string; status: string }[]> {
    return (await m.query(
      `INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code,
         annual_fee_yen, months, amount_yen, paid_yen, status, exemption_rule_id, reference, issued_on, issued_by)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::int[], $7::smallint[],
         $8::int[], $9::int[], $10::text[], $11::uuid[], $12::text[], $13::date[], $14::text[])
       ON CONFLICT (association_id, person_id, fiscal_year) DO NOTHING
       RETURNING id::text AS id, status`,
      [
        chunk.map((r) => r.id),
        chunk.map((r) => r.associationId),
        chunk.map((r) => r.personId),
        chunk.map((r) => r.fiscalYear),
        chunk.map((r) => r.categoryCode),
        chunk.map((r) => r.annualFeeYen),
        chunk.map((r) => r.months),
        chunk.map((r) => r.amountYen),
        chunk.map((r) => r.paidYen),
        chunk.map((r) => r.status),
        chunk.map((r) => r.exemptionRuleId),
        chunk.map((r) => r.reference),
        chunk.map((r) => r.issuedOn),
        chunk.map((r) => r.issuedBy),
      ],
    )) as { id: string; status: string }[];
  }

  /* ------------------------------------------------------------------------------- payments */

  /**
   * The association's invoices with one of these references, and all its open ones, with their
   * person's kana name; `forUpdate`: locked for the transaction.
   */
  matchableInvoices(
    m: EntityManager,
    associationId: string,
    references: string[],
    forUpdate: boolean,
  ): Promise<MatchableInvoice[]> {
    const lock = forUpdate ? 'FOR UPDATE OF i' : '';
    return m.query(
      `SELECT i.id::text AS id, i.person_id::text AS person_id, i.reference, i.status, i.amount_yen, i.paid_yen,
              p.family_name_kana || p.given_name_kana AS kana
       FROM membership.dues_invoice i JOIN membership.person p ON p.id = i.person_id
       WHERE i.association_id = $1 AND (i.reference = ANY($2::text[]) OR i.status = 'OPEN')
       ORDER BY i.id ${lock}`,
      [associationId, references],
    ) as Promise<MatchableInvoice[]>;
  }

  /** Which of these bank transaction ids the association has recorded payments of. */
  async importedTransactions(m: EntityManager, associationId: string, txIds: string[]): Promise<Set<string>> {
    const rows = (await m.query(
      `SELECT bank_transaction_id FROM membership.dues_payment
       WHERE association_id = $1 AND bank_transaction_id = ANY($2::text[])`,
      [associationId, txIds],
    )) as { bank_transaction_id: string }[];
    return new Set(rows.map((r) => r.bank_transaction_id));
  }

  /* -------------------------------------------------------------------------------- arrears */

  /**
   * Open invoices with an amount outstanding (滞納), of one fiscal year or of every year up to
   * `upToFiscalYear`, oldest year first, then in kana order.
   */
  async arrears(
    associationId: string,
    filter: {
      fiscalYear?: number | null;
      upToFiscalYear?: number | null;
      /** Only invoices issued before this day (the caller's overdue rule: overdueIssuedBefore). */
      issuedBefore?: string | null;
    },
  ) {
    const rows = (await this.ds.query(
      `SELECT i.id FROM membership.dues_invoice i JOIN membership.person p ON p.id = i.person_id
       WHERE i.association_id = $1 AND i.status = 'OPEN' AND i.paid_yen < i.amount_yen
         AND ($2::int IS NULL OR i.fiscal_year = $2) AND ($3::int IS NULL OR i.fiscal_year <= $3)
         AND ($4::date IS NULL OR i.issued_on < $4::date)
       ORDER BY i.fiscal_year, p.family_name_kana, p.given_name_kana, p.id`,
      [associationId, filter.fiscalYear ?? null, filter.upToFiscalYear ?? null, filter.issuedBefore ?? null],
    )) as { id: string }[];
    if (!rows.length) return [];
    const invoices = await this.ds.getRepository(DuesInvoiceEntity).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(invoices.map((i) => [i.id, i]));
    return rows.map((r) => byId.get(r.id)).filter((i): i is DuesInvoiceEntity => !!i);
  }
}

/** Format of the provision records that reminder runs keep (sendDuesReminders). */
export const REMINDER_FORMAT = 'DUES_REMINDER';

export interface ReminderStats {
  count: number;
  last: Date | null;
}

/** How many reminders each (association, person) got and when the last one was made: one statement. */
export async function reminderStats(
  ds: DataSource,
  keys: readonly { associationId: string; personId: string }[],
): Promise<ReminderStats[]> {
  const persons = onlyUuids(keys.map((k) => k.personId));
  const associations = onlyUuids(keys.map((k) => k.associationId));
  if (!persons.length || !associations.length) return keys.map(() => ({ count: 0, last: null }));
  const rows = (await ds.query(
    `SELECT rp.association_id::text AS a, rp.person_id::text AS p, count(*)::int AS n, max(r.created_at) AS last
     FROM membership.provision_record_person rp
     JOIN membership.provision_record r ON r.id = rp.provision_record_id
     WHERE rp.person_id = ANY($1::uuid[]) AND rp.association_id = ANY($2::uuid[]) AND r.format = $3
     GROUP BY 1, 2`,
    [persons, associations, REMINDER_FORMAT],
  )) as { a: string; p: string; n: number; last: Date }[];
  const byKey = new Map(rows.map((r) => [`${r.a}:${r.p}`, r]));
  return keys.map((k) => {
    const r = byKey.get(`${k.associationId}:${k.personId}`);
    return r ? { count: r.n, last: new Date(r.last) } : { count: 0, last: null };
  });
}

export interface LockedInvoice {
  id: string;
  person_id: string;
  association_id?: string;
  status: string;
  amount_yen: number;
  paid_yen: number;
}

/** An invoice locked for the transaction (FOR UPDATE); undefined if there is none with that id. */
export async function lockInvoice(m: EntityManager, id: string): Promise<LockedInvoice | undefined> {
  if (!onlyUuids([id]).length) return undefined;
  const [row] = (await m.query(
    `SELECT id::text AS id, person_id::text AS person_id, association_id::text AS association_id, status,
            amount_yen, paid_yen
     FROM membership.dues_invoice WHERE id = $1 FOR UPDATE`,
    [id],
  )) as LockedInvoice[];
  return row;
}

/**
 * Add a payment to an invoice (PAID once fully paid) and record it: the caller checked the amount.
 * The PAID marking stays in the UPDATE itself (`paid_yen + $2 >= amount_yen` on the row's current
 * value), not decided in a service from a value read earlier: one bank import matches the whole
 * file against the invoices as read once, and may carry two transfers for the same invoice (two
 * partial payments, or a payment twice), so after the first the caller's `paid_yen` is stale. The
 * sum and the status change together in one atomic statement on the row as it is then; a status
 * computed from a stale `paid_yen` would leave a fully paid invoice OPEN.
 */
export async function applyPayment(
  m: EntityManager,
  invoice: { id: string },
  p: Pick<DuesPaymentEntity, 'amountYen' | 'paidOn' | 'method' | 'bankTransactionId' | 'note' | 'recordedBy'>,
): Promise<DuesPaymentEntity> {
  const [inv] = (await m.query(
    `UPDATE membership.dues_invoice SET paid_yen = paid_yen + $2,
       status = CASE WHEN paid_yen + $2 >= amount_yen THEN 'PAID' ELSE status END
     WHERE id = $1 RETURNING association_id::text AS association_id, person_id::text AS person_id`,
    [invoice.id, p.amountYen],
  )) as
    | [{ association_id: string; person_id: string }[], number]
    | { association_id: string; person_id: string }[];
  const updated = (Array.isArray(inv) ? inv[0] : inv) as { association_id: string; person_id: string };
  const row = {
    id: randomUUID(),
    invoiceId: invoice.id,
    associationId: updated.association_id,
    personId: updated.person_id,
    ...p,
  };
  await m.getRepository(DuesPaymentEntity).insert(row);
  return m.getRepository(DuesPaymentEntity).findOneByOrFail({ id: row.id });
}
