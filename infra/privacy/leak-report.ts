import type { Client } from 'pg';
import { FIELD_GROUPS, tokyoDateTime, type FieldGroup } from '@mamis/platform';
import { q, qt, SUBGRAPH_SCHEMAS } from './catalog';
import { GROUP_ITEMS } from './labels';

/**
 * The leak drill (APPI art. 26; PPC rules art. 8): who touched whose data, which items, in a
 * window — from the audit chain (every non-self read, every write, every export) and the
 * provision records. `--actor` narrows to one staff member / account (as actor or on whose
 * behalf), `--client` to one API client (viewer kind CLIENT; the client id is the token subject).
 */
export interface LeakReportInput {
  /** Inclusive start: ISO date (Asia/Tokyo 00:00) or date-time. */
  from: string;
  /** Exclusive end: an ISO date means the END of that day (Asia/Tokyo), a date-time is exclusive. */
  to: string;
  actor?: string;
  client?: string;
}

export interface LeakReport {
  format: 'mamis-leak-report/1';
  generatedAt: string;
  window: { from: string; to: string };
  filter: { actor: string | null; client: string | null };
  /** 本人の数 (number of persons whose data was touched). */
  personCount: number;
  persons: {
    personId: string;
    /** null once the person was erased (their id is then a pseudonym). */
    name: string | null;
    registryNumber: string | null;
    groups: FieldGroup[];
    actions: string[];
    entries: number;
  }[];
  /** 漏えい等が発生したおそれがある個人データの項目. */
  dataItems: { group: FieldGroup; ja: string; en: string; persons: number }[];
  /** Recipients / accessors: who touched the data, how. */
  recipients: {
    viewerKind: string;
    association: { id: string; name: string | null } | null;
    actor: string | null;
    onBehalfOf: string | null;
    actions: string[];
    groups: FieldGroup[];
    persons: number;
    entries: number;
    first: string;
    last: string;
  }[];
  /** Rows of provision tables (tables named *provision*, e.g. membership.provision_record) in the window. */
  provisions: Record<string, Record<string, unknown>[]>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function windowOf(input: Pick<LeakReportInput, 'from' | 'to'>): { from: Date; to: Date } {
  const from = DATE.test(input.from) ? new Date(`${input.from}T00:00:00+09:00`) : new Date(input.from);
  let to: Date;
  if (DATE.test(input.to)) {
    to = new Date(`${input.to}T00:00:00+09:00`);
    to.setUTCDate(to.getUTCDate() + 1);
  } else to = new Date(input.to);
  if (Number.isNaN(from.getTime())) throw new Error(`--from: not a date or date-time: ${input.from}`);
  if (Number.isNaN(to.getTime())) throw new Error(`--to: not a date or date-time: ${input.to}`);
  if (to <= from) throw new Error('--to must be after --from');
  return { from, to };
}

interface EntryRow {
  at: Date;
  actor: string | null;
  on_behalf_of: string | null;
  viewer_kind: string;
  association_id: string | null;
  association_name: string | null;
  groups: FieldGroup[];
  action: string;
  person_ids: string[];
}

export async function leakReport(client: Client, input: LeakReportInput): Promise<LeakReport> {
  const { from, to } = windowOf(input);
  const { rows } = await client.query<EntryRow>(
    `SELECT e.at, e.actor, e.on_behalf_of, e.viewer_kind, e.viewer_association::text AS association_id,
            a.name AS association_name, e.groups, e.action, e.person_ids::text[] AS person_ids
     FROM audit.entry e LEFT JOIN membership.association a ON a.id = e.viewer_association
     WHERE e.at >= $1 AND e.at < $2
       AND ($3::text IS NULL OR e.actor = $3 OR e.on_behalf_of = $3)
       AND ($4::text IS NULL OR (e.viewer_kind = 'CLIENT' AND e.actor = $4))
     ORDER BY e.seq`,
    [from, to, input.actor ?? null, input.client ?? null],
  );
  const persons = new Map<string, { groups: Set<FieldGroup>; actions: Set<string>; entries: number }>();
  const recipients = new Map<string, LeakReport['recipients'][number] & { ids: Set<string> }>();
  for (const e of rows) {
    for (const id of e.person_ids) {
      const p = persons.get(id) ?? { groups: new Set(), actions: new Set(), entries: 0 };
      e.groups.forEach((g) => p.groups.add(g));
      p.actions.add(e.action);
      p.entries++;
      persons.set(id, p);
    }
    const key = [e.viewer_kind, e.association_id, e.actor, e.on_behalf_of].join('|');
    const r = recipients.get(key) ?? {
      viewerKind: e.viewer_kind,
      association: e.association_id ? { id: e.association_id, name: e.association_name } : null,
      actor: e.actor,
      onBehalfOf: e.on_behalf_of,
      actions: [],
      groups: [],
      persons: 0,
      entries: 0,
      first: tokyoDateTime(e.at),
      last: tokyoDateTime(e.at),
      ids: new Set<string>(),
    };
    if (!r.actions.includes(e.action)) r.actions.push(e.action);
    for (const g of e.groups) if (!r.groups.includes(g)) r.groups.push(g);
    e.person_ids.forEach((id) => r.ids.add(id));
    r.entries++;
    r.last = tokyoDateTime(e.at);
    recipients.set(key, r);
  }
  const ids = [...persons.keys()].sort();
  const { rows: people } = await client.query<{ id: string; name: string; registry_number: string }>(
    `SELECT id::text, family_name || ' ' || given_name AS name, registry_number
     FROM membership.person WHERE id = ANY($1::uuid[]) AND registry_number NOT LIKE 'ERASED-%'`,
    [ids],
  );
  const byId = new Map(people.map((p) => [p.id, p]));
  const order = (gs: Iterable<FieldGroup>) => FIELD_GROUPS.filter((g) => new Set(gs).has(g));

  // provision records in the window: tables of the subgraphs named *provision* with a time column
  const provisions: LeakReport['provisions'] = {};
  const { rows: provTables } = await client.query<{ s: string; t: string; c: string }>(
    `SELECT DISTINCT ON (c.table_schema, c.table_name) c.table_schema AS s, c.table_name AS t, c.column_name AS c
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE t.table_type = 'BASE TABLE' AND c.table_schema = ANY($1) AND c.table_name LIKE '%provision%'
       AND c.data_type LIKE 'timestamp%'
     ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
    [SUBGRAPH_SCHEMAS],
  );
  for (const p of provTables) {
    const { rows: prov } = await client.query(
      `SELECT * FROM ${qt(p.s, p.t)} WHERE ${q(p.c)} >= $1 AND ${q(p.c)} < $2 ORDER BY ${q(p.c)}`,
      [from, to],
    );
    provisions[`${p.s}.${p.t}`] = prov;
  }

  return {
    format: 'mamis-leak-report/1',
    generatedAt: tokyoDateTime(new Date()),
    window: { from: tokyoDateTime(from), to: tokyoDateTime(to) },
    filter: { actor: input.actor ?? null, client: input.client ?? null },
    personCount: ids.length,
    persons: ids.map((id) => {
      const p = persons.get(id)!;
      return {
        personId: id,
        name: byId.get(id)?.name ?? null,
        registryNumber: byId.get(id)?.registry_number ?? null,
        groups: order(p.groups),
        actions: [...p.actions].sort(),
        entries: p.entries,
      };
    }),
    dataItems: FIELD_GROUPS.map((g) => ({
      group: g,
      ...GROUP_ITEMS[g],
      persons: ids.filter((id) => persons.get(id)!.groups.has(g)).length,
    })).filter((d) => d.persons > 0),
    recipients: [...recipients.values()].map(({ ids: set, ...r }) => ({
      ...r,
      groups: order(r.groups),
      persons: set.size,
    })),
    provisions,
  };
}

/** A readable summary in the shape of the PPC report form (Japanese first, English second). */
export function renderLeakReportMarkdown(r: LeakReport): string {
  const lines = [
    '# 個人データの漏えい等報告 基礎資料 / Basis for a personal-data breach report (APPI art. 26)',
    '',
    `- 対象期間 / Window: ${r.window.from} – ${r.window.to}`,
    `- 絞り込み / Filter: ${r.filter.actor ? `actor ${r.filter.actor}` : r.filter.client ? `client ${r.filter.client}` : 'なし / none'}`,
    `- 作成日時 / Generated: ${r.generatedAt}`,
    '',
    '## 1. 概要 / Summary',
    '（記入してください / to be filled in by the privacy officer）',
    '',
    '## 2. 漏えい等が発生し、又は発生したおそれがある個人データの項目 / Data items concerned',
    ...(r.dataItems.length
      ? r.dataItems.map((d) => `- ${d.ja} / ${d.en} (${d.group}): ${d.persons} 名 / persons`)
      : ['- なし / none']),
    '',
    '## 3. 本人の数 / Number of persons',
    `${r.personCount} 名 / persons`,
    '',
    '## 4. 提供先・アクセスした者 / Recipients and accessors',
    '| 種別 kind | 医師会 association | 操作者 actor | 代理 on behalf of | 操作 actions | 項目 groups | 本人数 persons | 初回 first | 最終 last |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.recipients.map(
      (x) =>
        `| ${x.viewerKind} | ${x.association?.name ?? x.association?.id ?? ''} | ${x.actor ?? ''} | ${x.onBehalfOf ?? ''} | ${x.actions.join(', ')} | ${x.groups.join(', ')} | ${x.persons} | ${x.first} | ${x.last} |`,
    ),
    '',
    '## 5. 本人一覧 / Persons',
    '| 本人 person | 氏名 name | 医籍登録番号 registry no. | 項目 groups | 操作 actions |',
    '|---|---|---|---|---|',
    ...r.persons.map(
      (p) =>
        `| ${p.personId} | ${p.name ?? '（消去済み / erased）'} | ${p.registryNumber ?? ''} | ${p.groups.join(', ')} | ${p.actions.join(', ')} |`,
    ),
    '',
    '## 6. 第三者提供の記録 / Provision records in the window',
    ...(Object.keys(r.provisions).length
      ? Object.entries(r.provisions).map(([t, rows]) => `- ${t}: ${rows.length}`)
      : ['- なし / none']),
    '',
    '## 7. 原因・二次被害又はそのおそれ・本人への対応・公表・再発防止策 / Cause, secondary harm, notice to persons, publication, prevention',
    '（記入してください / to be filled in）',
    '',
  ];
  return lines.join('\n');
}
