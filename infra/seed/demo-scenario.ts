/**
 * The demo scenario: what the demo accounts find on a fresh `npm start` beyond the generated data
 * set (which ends on its REFERENCE_DAY), dated relative to the platform clock's today:
 *
 * - a session of 文京区医師会 (M13005) co-hosted by the demo society (`DEMO_SOCIETY_ID`) three weeks
 *   ago, attended by the physicians 900001–900003 (the society client's attendees);
 * - 文京区医師会's fee schedule (A / B / C) for the current fiscal year and an invoice for each of
 *   its current members: 900001 and 900003 paid, 900002 in arrears, the others about two in three
 *   paid;
 * - certificates of 900003 (CME, expiring in about two months, with its reminder notices queued;
 *   occupational health, valid for years) and of 900002 (sports medicine);
 * - certification applications: 900002's CME application waiting for 東京都医師会's check (FILED),
 *   900003's family-doctor application waiting for the JMA's approval (CHECKED);
 * - three join applications (M13005 → P13 → JMA) of Tokyo physicians who are nobody's members yet,
 *   waiting at the municipal, the prefectural and the national step;
 * - a notice of 文京区医師会 to its current members (ASSOCIATION_NOTICE).
 *
 * Idempotent: fixed ids, `ON CONFLICT DO NOTHING` / `WHERE NOT EXISTS`, so a second start adds
 * nothing, and nothing is written over rows staff made themselves. It needs the demo fixtures
 * (infra/seed/fixtures.ts): a database without them is left alone. The relations of the demo
 * accounts stay as fixtures.ts describes them (the applicants are other persons; the session's
 * host is the attendees' own association).
 */
import type { ClientBase } from 'pg';
import { addDays } from '@mamis/platform';
import { associationNotice } from '@mamis/consent/src/notifications/notice-texts';
import { CertificationRepository } from '@mamis/training/src/repositories/certification.repository';
import type { DataSource } from 'typeorm';
import {
  DEMO_MUNICIPAL_CODE,
  DEMO_PERSON_IDS,
  DEMO_PREFECTURAL_CODE,
  DEMO_SOCIETY_ID,
  NATIONAL_CODE,
} from './fixtures';

/** Ids of the scenario's rows: 00000000-0000-4000-8000-00000d<6 hex digits>. */
const id = (n: number) => `00000000-0000-4000-8000-00000d${n.toString(16).padStart(6, '0')}`;

export const DEMO_SCENARIO_IDS = {
  /** The session co-hosted by the demo society. */
  cohostedSession: id(0x101),
  /** 900003's CME certificate, expiring within about two months. */
  expiringCertificate: id(0x301),
  occupationalCertificate: id(0x302),
  sportsCertificate: id(0x303),
  /** 900002's CME application, waiting for the prefecture's check. */
  applicationAtPrefecture: id(0x401),
  /** 900003's family-doctor application, waiting for the JMA's approval. */
  applicationAtJma: id(0x402),
  /** Join applications waiting at the municipal, prefectural and national step. */
  joinAtMunicipal: id(0x501),
  joinAtPrefectural: id(0x502),
  joinAtNational: id(0x503),
} as const;

/** Public verification codes of the scenario's certificates (`verifyCertificate(code:)`). */
export const DEMO_VERIFICATION_CODES = {
  expiringCertificate: 'DEMA-2345-CME3',
  occupationalCertificate: 'DEMA-2345-DCC2',
  sportsCertificate: 'DEMA-2345-SPT2',
} as const;

/** 文京区医師会's demo fee schedule (annual yen per category). */
export const DEMO_MUNICIPAL_FEES = { A: 48_000, B: 24_000, C: 12_000 } as const;

const SEEDED_BY = 'demo-seed';

/** The fiscal year (April 1 start) of a `YYYY-MM-DD` date. */
function fiscalYearOf(today: string): number {
  const y = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) < 4 ? y - 1 : y;
}

const shiftYears = (date: string, years: number) => {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(4) === '-02-29' ? '-02-28' : date.slice(4);
  return `${y}${md}`;
};

/** A JST timestamp of a day at hh:mm. */
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+09:00`;

export interface DemoScenarioResult {
  /** false: the database has no demo fixtures; nothing was written. */
  applied: boolean;
  /** New rows per part (all 0 on a second run). */
  created: Record<string, number>;
}

/**
 * Write the scenario (superuser connection, one transaction). `today`: the platform clock's
 * Tokyo date (`clock.today()`).
 */
export async function seedDemoScenario(client: ClientBase, today: string): Promise<DemoScenarioResult> {
  const created: Record<string, number> = {};
  const run = async (part: string, sql: string, params: unknown[]) => {
    const r = await client.query(sql, params);
    created[part] = (created[part] ?? 0) + (r.rowCount ?? 0);
  };
  const fixtures = await client.query<{ n: string }>(
    'SELECT count(*) AS n FROM membership.person WHERE id = ANY($1::uuid[])',
    [Object.values(DEMO_PERSON_IDS)],
  );
  if (Number(fixtures.rows[0]?.n) !== Object.keys(DEMO_PERSON_IDS).length) return { applied: false, created };
  const codes = await client.query<{ code: string; id: string; name: string }>(
    'SELECT code, id::text AS id, name FROM membership.association WHERE code = ANY($1::text[])',
    [[NATIONAL_CODE, DEMO_PREFECTURAL_CODE, DEMO_MUNICIPAL_CODE]],
  );
  const assoc = (code: string) => {
    const a = codes.rows.find((r) => r.code === code);
    if (!a) throw new Error(`demo scenario: association ${code} is missing`);
    return a;
  };
  const jma = assoc(NATIONAL_CODE).id;
  const pref = assoc(DEMO_PREFECTURAL_CODE).id;
  const muni = assoc(DEMO_MUNICIPAL_CODE);
  const { municipalOnly, upToPrefectural, upToNational } = DEMO_PERSON_IDS;
  const fy = fiscalYearOf(today);
  const fyStart = `${fy}-04-01`;

  await client.query('BEGIN');
  try {
    // ---- a session co-hosted by the demo society, attended by 900001–900003
    const sessionDay = addDays(today, -21);
    await run(
      'sessions',
      `INSERT INTO training.training_session (id, host_association_id, program_code, title, starts_at, ends_at,
         venue, units, capacity, cohost_society_id, visibility, status)
       VALUES ($1, $2, 'OWN', '文京区医師会・日本内科学会 共催 学術講演会「高血圧診療の最新知見」', $3, $4,
         '文京区医師会館 3階 講堂', 1.5, 120, $5, 'PUBLIC', 'SCHEDULED')
       ON CONFLICT (id) DO NOTHING`,
      [
        DEMO_SCENARIO_IDS.cohostedSession,
        muni.id,
        at(sessionDay, '19:00'),
        at(sessionDay, '20:30'),
        DEMO_SOCIETY_ID,
      ],
    );
    await run(
      'attendances',
      `INSERT INTO training.attendance (id, session_id, person_id, status, attended_at, units, registered_at,
         check_in_method, recorded_by)
       SELECT a.id, $1, a.person_id, 'ATTENDED', $2, 1.5, $3, 'STAFF', $4
         FROM unnest($5::uuid[], $6::uuid[]) AS a(id, person_id)
       ON CONFLICT DO NOTHING`,
      [
        DEMO_SCENARIO_IDS.cohostedSession,
        at(sessionDay, '19:05'),
        at(addDays(sessionDay, -14), '10:00'),
        SEEDED_BY,
        [id(0x111), id(0x112), id(0x113)],
        [municipalOnly, upToPrefectural, upToNational],
      ],
    );

    // ---- 文京区医師会's fee schedule and invoices of the current fiscal year
    await run(
      'feeSchedules',
      `INSERT INTO membership.fee_schedule (id, association_id, category_code, fiscal_year, min_age, max_age, annual_fee_yen)
       SELECT gen_random_uuid(), $1, f.code, $2, NULL, NULL, f.fee
         FROM unnest($3::text[], $4::int[]) AS f(code, fee)
        WHERE NOT EXISTS (SELECT 1 FROM membership.fee_schedule s WHERE s.association_id = $1 AND s.fiscal_year = $2)`,
      [muni.id, fy, Object.keys(DEMO_MUNICIPAL_FEES), Object.values(DEMO_MUNICIPAL_FEES)],
    );
    const issuedOn = today < addDays(fyStart, 14) ? today : addDays(fyStart, 14);
    // one invoice per current member who joined before the year began (12 months), numbered as the
    // invoice run numbers them (<FY><6 digits>) after any the association issued itself
    await run(
      'invoices',
      `WITH members AS (
         SELECT DISTINCT ON (ms.person_id) ms.person_id, ms.category
           FROM membership.membership ms
          WHERE ms.association_id = $1 AND ms.status = 'ACTIVE' AND ms.joined_on < $3::date
            AND NOT EXISTS (SELECT 1 FROM membership.dues_invoice i
                             WHERE i.association_id = $1 AND i.person_id = ms.person_id AND i.fiscal_year = $2)
          ORDER BY ms.person_id, ms.joined_on),
       fees AS (
         SELECT category_code, max(annual_fee_yen) AS fee FROM membership.fee_schedule
          WHERE association_id = $1 AND fiscal_year = $2 AND min_age IS NULL GROUP BY category_code),
       seq AS (
         SELECT coalesce(max(substring(reference from 5)::int), 0) AS n FROM membership.dues_invoice
          WHERE association_id = $1 AND fiscal_year = $2)
       INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code,
         annual_fee_yen, months, amount_yen, paid_yen, status, reference, issued_on, issued_by)
       SELECT gen_random_uuid(), $1, m.person_id, $2, m.category, f.fee, 12, f.fee, 0, 'OPEN',
              $2::text || lpad((seq.n + row_number() OVER (ORDER BY m.person_id))::text, 6, '0'), $4::date, $5
         FROM members m JOIN fees f ON f.category_code = m.category CROSS JOIN seq
       ON CONFLICT DO NOTHING`,
      [muni.id, fy, fyStart, issuedOn, SEEDED_BY],
    );
    // payments: 900001 and 900003 paid, 900002 not; the others by a stable hash (about two in three)
    const paidOn = addDays(issuedOn, 20) < today ? addDays(issuedOn, 20) : today;
    await run(
      'payments',
      `WITH paid AS (
         UPDATE membership.dues_invoice i SET paid_yen = i.amount_yen, status = 'PAID'
          WHERE i.association_id = $1 AND i.fiscal_year = $2 AND i.issued_by = $5 AND i.status = 'OPEN'
            AND i.paid_yen = 0 AND i.person_id <> $4::uuid
            AND NOT EXISTS (SELECT 1 FROM membership.dues_payment p WHERE p.invoice_id = i.id)
            AND (i.person_id = ANY($3::uuid[]) OR abs(hashtext(i.person_id::text)) % 3 <> 0)
         RETURNING i.id, i.person_id, i.amount_yen)
       INSERT INTO membership.dues_payment (id, invoice_id, association_id, person_id, amount_yen, paid_on, method, note, recorded_by)
       SELECT gen_random_uuid(), paid.id, $1, paid.person_id, paid.amount_yen, $6::date, 'MANUAL', '窓口 (at the counter)', $5
         FROM paid`,
      [muni.id, fy, [municipalOnly, upToNational], upToPrefectural, SEEDED_BY, paidOn],
    );

    // ---- certificates (the JMA issues those of its programmes)
    const certificates: [string, string, string, string, string, string][] = [
      // id, person, programme, valid from, valid to, holder name
      [
        DEMO_SCENARIO_IDS.expiringCertificate,
        upToNational,
        'CME',
        shiftYears(addDays(today, 61), -3),
        addDays(today, 60),
        '佐藤 一郎',
      ],
      [
        DEMO_SCENARIO_IDS.occupationalCertificate,
        upToNational,
        'OCCUPATIONAL',
        addDays(today, -400),
        shiftYears(addDays(today, -401), 5),
        '佐藤 一郎',
      ],
      [
        DEMO_SCENARIO_IDS.sportsCertificate,
        upToPrefectural,
        'SPORTS',
        addDays(today, -200),
        shiftYears(addDays(today, -201), 5),
        '鈴木 花子',
      ],
    ];
    const codeOf: Record<string, string> = {
      [DEMO_SCENARIO_IDS.expiringCertificate]: DEMO_VERIFICATION_CODES.expiringCertificate,
      [DEMO_SCENARIO_IDS.occupationalCertificate]: DEMO_VERIFICATION_CODES.occupationalCertificate,
      [DEMO_SCENARIO_IDS.sportsCertificate]: DEMO_VERIFICATION_CODES.sportsCertificate,
    };
    for (const [certId, personId, program, from, to, holder] of certificates) {
      await run(
        'certificates',
        `INSERT INTO training.certificate (id, number, person_id, program_code, valid_from, valid_to, holder_name,
           verification_code, issuer_association_id, application_id, issued_by, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11)
         ON CONFLICT DO NOTHING`,
        [
          certId,
          `${program}-${from.slice(0, 4)}-${codeOf[certId]!.replace(/-/g, '').slice(-8)}`,
          personId,
          program,
          from,
          to,
          holder,
          codeOf[certId],
          jma,
          SEEDED_BY,
          at(from, '09:00'),
        ],
      );
    }
    // the reminder notices (180, 90, 30 days before) of the certificates, as issuing schedules them
    const reminders = new CertificationRepository(undefined as unknown as DataSource);
    for (const [certId] of certificates)
      created.reminders =
        (created.reminders ?? 0) +
        (await reminders.scheduleReminders(
          { query: <T>(sql: string, p?: unknown[]) => client.query(sql, p).then((r) => r.rows as T) },
          today,
          certId,
        ));

    // ---- certification applications: one at the prefecture's check, one at the JMA's approval
    const applications: [string, string, string, 'FILED' | 'CHECKED', string, number][] = [
      [DEMO_SCENARIO_IDS.applicationAtPrefecture, upToPrefectural, 'CME', 'FILED', '鈴木 花子', 5],
      [DEMO_SCENARIO_IDS.applicationAtJma, upToNational, 'FAMILY_DOCTOR', 'CHECKED', '佐藤 一郎', 12],
    ];
    for (const [appId, personId, program, status, holder, daysAgo] of applications) {
      const filedAt = at(addDays(today, -daysAgo), '21:10');
      const inserted = await client.query(
        `INSERT INTO training.certification_application (id, person_id, program_code, kind, status,
           prefectural_association_id, holder_name, evidence, progress_snapshot, filed_by, filed_at, version, updated_at)
         VALUES ($1, $2, $3, 'NEW', $4, $5, $6, $7, $8, $9, $10, $11, $10)
         ON CONFLICT DO NOTHING`,
        [
          appId,
          personId,
          program,
          status,
          pref,
          holder,
          program === 'FAMILY_DOCTOR'
            ? '在宅医療 2件・地域ケア会議 3回 (home visits, community care meetings)'
            : null,
          JSON.stringify({ eligible: true, kind: 'NEW', source: SEEDED_BY }),
          `person:${personId}`,
          filedAt,
          status === 'CHECKED' ? 2 : 1,
        ],
      );
      created.certificationApplications = (created.certificationApplications ?? 0) + (inserted.rowCount ?? 0);
      if (!inserted.rowCount) continue;
      await run(
        'certificationSteps',
        `INSERT INTO training.certification_step (id, application_id, person_id, step, decision, association_id, decided_by, note, decided_at)
         VALUES (gen_random_uuid(), $1, $2, 'FILE', 'FILED', NULL, $3, NULL, $4)`,
        [appId, personId, `person:${personId}`, filedAt],
      );
      if (status === 'CHECKED')
        await run(
          'certificationSteps',
          `INSERT INTO training.certification_step (id, application_id, person_id, step, decision, association_id, decided_by, note, decided_at)
           VALUES (gen_random_uuid(), $1, $2, 'CHECK', 'PASSED', $3, $4, '記載内容を確認しました (checked)', $5)`,
          [appId, personId, pref, SEEDED_BY, at(addDays(today, -daysAgo + 4), '14:00')],
        );
    }

    // ---- join applications (M13005 → P13 → JMA) of Tokyo physicians who are nobody's members
    const joins: [string, number, number][] = [
      // id, steps already approved, filed days ago
      [DEMO_SCENARIO_IDS.joinAtMunicipal, 0, 3],
      [DEMO_SCENARIO_IDS.joinAtPrefectural, 1, 10],
      [DEMO_SCENARIO_IDS.joinAtNational, 2, 17],
    ];
    const missing: string[] = [];
    for (const [appId] of joins) {
      const r = await client.query('SELECT 1 FROM membership.membership_application WHERE id = $1', [appId]);
      if (!r.rowCount) missing.push(appId);
    }
    const applicants = missing.length
      ? (
          await client.query<{ id: string }>(
            `SELECT p.id::text AS id FROM membership.person p
              WHERE p.prefecture_code = 13 AND p.id <> ALL($1::uuid[])
                AND NOT EXISTS (SELECT 1 FROM membership.membership m WHERE m.person_id = p.id)
                AND NOT EXISTS (SELECT 1 FROM membership.membership_application a WHERE a.person_id = p.id)
              ORDER BY p.registry_number LIMIT $2`,
            [Object.values(DEMO_PERSON_IDS), missing.length],
          )
        ).rows.map((r) => r.id)
      : [];
    const effectiveOn = addDays(`${today.slice(0, 8)}01`, 40).slice(0, 8) + '01'; // the 1st of next month
    const plan: [string, string][] = [
      [muni.id, 'A'],
      [pref, 'A'],
      [jma, 'A①'],
    ];
    for (const [appId, approved, daysAgo] of joins) {
      if (!missing.includes(appId)) continue;
      const personId = applicants.shift();
      if (!personId) break;
      const filedAt = at(addDays(today, -daysAgo), '10:30');
      await run(
        'joinApplications',
        `INSERT INTO membership.membership_application (id, person_id, kind, status, effective_on, comment, filed_by, filed_at, version)
         VALUES ($1, $2, 'JOIN', 'PENDING', $3, '開業に伴い入会を希望します (joining on opening a clinic)', $4, $5, $6)`,
        [appId, personId, effectiveOn, `person:${personId}`, filedAt, 1 + approved],
      );
      for (const [i, [associationId, category]] of plan.entries()) {
        const decided = i < approved;
        await run(
          'joinApplicationSteps',
          `INSERT INTO membership.membership_application_step (id, application_id, ordinal, association_id, action,
             category, counterpart_association_id, status, decided_by, decided_at, decision_comment)
           VALUES (gen_random_uuid(), $1, $2, $3, 'JOIN', $4, NULL, $5, $6, $7, NULL)`,
          [
            appId,
            i + 1,
            associationId,
            category,
            decided ? 'APPROVED' : 'PENDING',
            decided ? SEEDED_BY : null,
            decided ? at(addDays(today, -daysAgo + 2 * (i + 1)), '15:00') : null,
          ],
        );
      }
    }

    // ---- a notice of 文京区医師会 to its current members
    const text = associationNotice(muni.name, {
      subjectJa: '年次総会のご案内',
      bodyJa: `${addDays(today, 30)} 19時より文京区医師会館にて年次総会を開催します。ご出席をお願いいたします。`,
      subjectEn: 'Annual general meeting',
      bodyEn: `The annual general meeting is held at the association's hall on ${addDays(today, 30)} at 19:00. Please attend.`,
    });
    await run(
      'notices',
      `INSERT INTO consent.notification (id, person_id, account_id, kind, subject_ja, subject_en, body_ja, body_en, source_key)
       SELECT gen_random_uuid(), m.person_id, NULL, 'ASSOCIATION_NOTICE', $2, $3, $4, $5,
              'association-notice:' || $1::text || ':demo-annual-meeting:' || m.person_id::text
         FROM (SELECT DISTINCT person_id FROM membership.membership WHERE association_id = $1 AND status = 'ACTIVE') m
       ON CONFLICT (source_key) DO NOTHING`,
      [muni.id, text.subjectJa, text.subjectEn, text.bodyJa, text.bodyEn],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return { applied: true, created };
}
