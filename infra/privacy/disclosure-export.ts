import type { Client } from 'pg';
import { clock, FIELD_GROUPS, tokyoDateTime } from '@mamis/platform';
import {
  approvedRequest,
  auditAdminAct,
  completeRequest,
  existingSchemas,
  foreignKeys,
  inSystemTransaction,
  q,
  NOT_EXPORTED,
  personTables,
  qt,
} from './catalog';
import { GROUP_ITEMS, TABLE_TITLES } from './labels';

/** Columns never disclosed (credentials: secrets, not information about the person). */
const WITHHELD = new Set(['password_hash', 'totp_secret_sealed', 'totp_last_step']);

export interface AccessLogItem {
  seq: string;
  at: string;
  service: string;
  operation: string | null;
  actor: string | null;
  onBehalfOf: string | null;
  viewerKind: string;
  association: { id: string; name: string | null } | null;
  relations: string[];
  groups: string[];
  action: string;
}

/** The machine-readable disclosure (開示) of one person. */
export interface Disclosure {
  format: 'mamis-disclosure/1';
  personId: string;
  requestId: string | null;
  generatedAt: string;
  /** Every person-keyed table of every subgraph, by `schema.table` (empty tables too). */
  records: Record<string, Record<string, unknown>[]>;
  /**
   * The rows those records refer to (one level, through foreign keys) in tables that are not
   * person-keyed: the provision records behind `provision_record_person`, the sessions behind
   * attendance, the terms versions behind acceptances…
   */
  referenced: Record<string, Record<string, unknown>[]>;
  /** The person's login accounts (identity), credentials withheld. */
  accounts: Record<string, unknown>[];
  /** Every audit entry naming the person (who read or changed what, when, on what basis). */
  accessLog: AccessLogItem[];
  /**
   * Records of provision to third parties (APPI art. 33(5)): the provision tables' rows (any
   * person-keyed table whose name contains `provision`) and the audited exports (action EXPORT).
   */
  provisions: { records: Record<string, Record<string, unknown>[]>; exports: AccessLogItem[] };
  /** The data items the records cover (terms 別表2). */
  dataItems: { group: string; ja: string; en: string }[];
}

const json = (v: unknown): unknown =>
  v instanceof Date ? tokyoDateTime(v) : Buffer.isBuffer(v) ? v.toString('hex') : v;

const plain = (row: Record<string, unknown>, personId: string): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (WITHHELD.has(k)) continue;
    // a record covering several persons: only this person's part is theirs
    if (k === 'person_ids' && Array.isArray(v)) {
      out.person_ids = v.filter((x) => x === personId);
      out.person_count = v.length;
      continue;
    }
    out[k] = Array.isArray(v) ? v.map(json) : json(v);
  }
  return out;
};

/** Read everything the system holds on a person (inside the caller's transaction). */
export async function collectDisclosure(
  client: Client,
  personId: string,
  requestId: string | null = null,
  now: Date = clock.now(),
): Promise<Disclosure> {
  const records: Disclosure['records'] = {};
  for (const t of await personTables(client)) {
    const key = `${t.schema}.${t.table}`;
    if (NOT_EXPORTED.has(key)) continue;
    const where = t.array ? `$1::uuid = ANY(${t.column})` : `${t.column} = $1`;
    const { rows } = await client.query(`SELECT * FROM ${qt(t.schema, t.table)} WHERE ${where} ORDER BY 1`, [
      personId,
    ]);
    records[key] = rows.map((r: Record<string, unknown>) => plain(r, personId));
  }
  const referenced = await referencedRows(client, records);
  const accounts = (await existingSchemas(client, ['identity'])).length
    ? (
        await client.query(`SELECT * FROM identity.account WHERE person_id = $1 ORDER BY created_at`, [
          personId,
        ])
      ).rows.map((r: Record<string, unknown>) => plain(r, personId))
    : [];
  const { rows: log } = await client.query(
    `SELECT e.seq::text AS seq, e.at, e.service, e.operation, e.actor, e.on_behalf_of, e.viewer_kind,
            e.viewer_association::text AS association_id, a.name AS association_name, e.relations, e.groups, e.action
     FROM audit.entry e LEFT JOIN membership.association a ON a.id = e.viewer_association
     WHERE e.person_ids @> ARRAY[$1::uuid] ORDER BY e.seq`,
    [personId],
  );
  const accessLog: AccessLogItem[] = log.map((e) => ({
    seq: e.seq,
    at: tokyoDateTime(e.at),
    service: e.service,
    operation: e.operation,
    actor: e.actor,
    onBehalfOf: e.on_behalf_of,
    viewerKind: e.viewer_kind,
    association: e.association_id ? { id: e.association_id, name: e.association_name } : null,
    relations: e.relations,
    groups: e.groups,
    action: e.action,
  }));
  const provisionRecords = Object.fromEntries(
    [...Object.entries(records), ...Object.entries(referenced)].filter(([k]) => k.includes('provision')),
  );
  const groups = new Set<string>(accessLog.flatMap((e) => e.groups));
  return {
    format: 'mamis-disclosure/1',
    personId,
    requestId,
    generatedAt: tokyoDateTime(now),
    records,
    referenced,
    accounts,
    accessLog,
    provisions: { records: provisionRecords, exports: accessLog.filter((e) => e.action === 'EXPORT') },
    dataItems: FIELD_GROUPS.filter((g) => groups.has(g) || g === 'IDENTITY').map((g) => ({
      group: g,
      ...GROUP_ITEMS[g],
    })),
  };
}

/** One level of foreign keys from the person's rows to tables that are not person-keyed. */
async function referencedRows(
  client: Client,
  records: Disclosure['records'],
): Promise<Disclosure['referenced']> {
  const personKeyed = new Set(Object.keys(records));
  const schemas = [...new Set(Object.keys(records).map((k) => k.split('.')[0]!))];
  const wanted = new Map<string, { schema: string; table: string; column: string; values: Set<unknown> }>();
  for (const fk of await foreignKeys(client, schemas)) {
    const rows = records[`${fk.schema}.${fk.table}`];
    const target = `${fk.refSchema}.${fk.refTable}`;
    if (!rows?.length || personKeyed.has(target) || NOT_EXPORTED.has(target)) continue;
    const key = `${target}|${fk.refColumn}`;
    const w = wanted.get(key) ?? {
      schema: fk.refSchema,
      table: fk.refTable,
      column: fk.refColumn,
      values: new Set(),
    };
    for (const r of rows) if (r[fk.column] !== null && r[fk.column] !== undefined) w.values.add(r[fk.column]);
    wanted.set(key, w);
  }
  const out: Disclosure['referenced'] = {};
  for (const w of wanted.values()) {
    if (w.values.size === 0) continue;
    const { rows } = await client.query(
      `SELECT * FROM ${qt(w.schema, w.table)} WHERE ${q(w.column)}::text = ANY($1::text[]) ORDER BY 1`,
      [[...w.values].map(String)],
    );
    const key = `${w.schema}.${w.table}`;
    out[key] = [...(out[key] ?? []), ...rows.map((r: Record<string, unknown>) => plain(r, ''))];
  }
  return out;
}

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const cell = (v: unknown) =>
  esc(v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : v);

function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '<p>記録はありません。<span lang="en">No records.</span></p>';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return `<table><thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${cols.map((c) => `<td>${cell(r[c])}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const title = (key: string) => TABLE_TITLES[key] ?? { ja: key, en: key };

/** The readable rendering: Japanese first, English second; every section of the JSON. */
export function renderDisclosureHtml(d: Disclosure): string {
  const sections = Object.entries(d.records)
    .map(([key, rows]) => {
      const t = title(key);
      return `<section><h2>${esc(t.ja)} <span lang="en">/ ${esc(t.en)}</span> <small>(${esc(key)}, ${rows.length})</small></h2>${table(rows)}</section>`;
    })
    .join('\n');
  const log = d.accessLog.map((e) => ({
    日時: e.at,
    '医師会 / association': e.association?.name ?? e.association?.id ?? '',
    '種別 / viewer': e.viewerKind,
    '操作者 / actor': e.actor,
    '代理 / on behalf of': e.onBehalfOf,
    '根拠 / relation': e.relations.join(', '),
    '項目 / data': e.groups.join(', '),
    '操作 / action': e.action,
    'サービス / service': e.service,
  }));
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>保有個人データの開示 / Disclosure of personal data</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #999;padding:.2em .4em;vertical-align:top}[lang=en]{color:#555}</style>
</head><body>
<h1>保有個人データの開示 <span lang="en">/ Disclosure of your personal data</span></h1>
<p>個人情報保護法第33条に基づき、医師会会員情報システム（MAMIS）が保有するあなたの個人データ、第三者提供の記録及びアクセス記録をすべて開示します。</p>
<p lang="en">Under APPI art. 33, this is everything MAMIS holds on you, the records of provision to third parties and the access log.</p>
<p>作成日時 <span lang="en">Generated</span>: ${esc(d.generatedAt)} ・ 請求 <span lang="en">Request</span>: ${esc(d.requestId ?? '')}</p>
<section><h2>含まれる項目 <span lang="en">/ Data items</span></h2><ul>${d.dataItems
    .map((i) => `<li>${esc(i.ja)} <span lang="en">/ ${esc(i.en)}</span></li>`)
    .join('')}</ul></section>
${sections}
${Object.entries(d.referenced)
  .map(([key, rows]) => {
    const t = title(key);
    return `<section><h2>関連する記録: ${esc(t.ja)} <span lang="en">/ Related records: ${esc(t.en)}</span> <small>(${esc(key)}, ${rows.length})</small></h2>${table(rows)}</section>`;
  })
  .join('\n')}
<section><h2>${esc(title('identity.account').ja)} <span lang="en">/ ${esc(title('identity.account').en)}</span></h2>${table(d.accounts)}</section>
<section><h2>第三者提供の記録 <span lang="en">/ Records of provision to third parties</span> <small>(${d.provisions.exports.length})</small></h2>${table(
    d.provisions.exports.map((e) => ({
      日時: e.at,
      医師会: e.association?.name ?? '',
      操作者: e.actor,
      項目: e.groups.join(', '),
      操作: e.operation,
    })),
  )}</section>
<section><h2>アクセス記録 <span lang="en">/ Access log</span> <small>(${d.accessLog.length})</small></h2>${table(log)}</section>
</body></html>
`;
}

export interface ExportResult {
  requestId: string;
  personId: string;
  disclosure: Disclosure;
  html: string;
}

/**
 * `npm run privacy:export -- --request <id>`: for an APPROVED disclosure request, collect, render,
 * store in consent.privacy_export (the person reads it as `PrivacyRequest.export`), complete the
 * request and audit the act — in one transaction.
 */
export async function runDisclosureExport(
  client: Client,
  requestId: string,
  actor = 'system:privacy-export',
): Promise<ExportResult> {
  return inSystemTransaction(client, async () => {
    const req = await approvedRequest(client, requestId, 'DISCLOSURE');
    const now = clock.now();
    const disclosure = await collectDisclosure(client, req.person_id, req.id, now);
    const html = renderDisclosureHtml(disclosure);
    await client.query(
      `INSERT INTO consent.privacy_export (id, request_id, person_id, json, html, generated_at)
       VALUES (gen_random_uuid(), $1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (request_id) DO UPDATE SET json = EXCLUDED.json, html = EXCLUDED.html, generated_at = EXCLUDED.generated_at`,
      [req.id, req.person_id, JSON.stringify(disclosure), html, now],
    );
    await completeRequest(client, req, req.person_id, actor, 'disclosure produced', now);
    await auditAdminAct(client, {
      operation: 'privacy:export',
      actor,
      personIds: [req.person_id],
      groups: [...FIELD_GROUPS],
      action: 'READ',
    });
    return { requestId: req.id, personId: req.person_id, disclosure, html };
  });
}
