import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { Viewer } from '@mamis/platform';

/**
 * Test data builders: sensible defaults, any column overridable. They insert with the superuser
 * client of a test database (arranging data is not what the tests are about).
 */
let seq = 0;
const next = () => ++seq;

export interface AssociationRow {
  id: string;
  code: string;
  name: string;
  name_kana: string;
  tier: 'NATIONAL' | 'PREFECTURAL' | 'MUNICIPAL' | 'DISTRICT' | 'WORKPLACE';
  kind: string | null;
  prefecture_code: number | null;
  parent_id: string | null;
}

export interface PersonRow {
  id: string;
  family_name: string;
  given_name: string;
  family_name_kana: string;
  given_name_kana: string;
  birth_date: string;
  sex: 'MALE' | 'FEMALE' | 'OTHER';
  registry_number: string;
  registry_date: string | null;
  email: string | null;
  phone: string | null;
  postal_code: string | null;
  prefecture_code: number | null;
  address: string | null;
  school: string | null;
  facility_name: string | null;
  facility_role: string | null;
  departments: string[];
}

async function insert(client: Client, table: string, row: object) {
  const cols = Object.keys(row);
  const values = Object.values(row);
  await client.query(
    `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
    values,
  );
}

export async function buildAssociation(
  client: Client,
  overrides: Partial<AssociationRow> = {},
): Promise<AssociationRow> {
  const n = next();
  const row: AssociationRow = {
    id: randomUUID(),
    code: `T${n}`,
    name: `テスト医師会${n}`,
    name_kana: `テストイシカイ${n}`,
    tier: 'MUNICIPAL',
    kind: null,
    prefecture_code: 13,
    parent_id: null,
    ...overrides,
  };
  await insert(client, 'membership.association', row);
  return row;
}

/** The JMA (code JMA) and 東京都医師会 (code P13, prefectural) under it, with their real names. */
export async function buildJmaAndTokyo(
  client: Client,
): Promise<{ jma: AssociationRow; tokyo: AssociationRow }> {
  const jma = await buildAssociation(client, {
    code: 'JMA',
    name: '日本医師会',
    tier: 'NATIONAL',
    prefecture_code: null,
  });
  const tokyo = await buildAssociation(client, {
    code: 'P13',
    name: '東京都医師会',
    tier: 'PREFECTURAL',
    parent_id: jma.id,
  });
  return { jma, tokyo };
}

export async function buildPerson(client: Client, overrides: Partial<PersonRow> = {}): Promise<PersonRow> {
  const n = next();
  const row: PersonRow = {
    id: randomUUID(),
    family_name: '山田',
    given_name: `太郎${n}`,
    family_name_kana: 'ヤマダ',
    given_name_kana: `タロウ${String(n).padStart(5, '0')}`,
    birth_date: '1980-04-01',
    sex: 'MALE',
    registry_number: String(100000 + n),
    registry_date: '2006-05-01',
    email: `taro${n}@example.jp`,
    phone: '03-1234-5678',
    postal_code: '1000001',
    prefecture_code: 13,
    address: '東京都千代田区千代田1-1',
    school: '東京大学',
    facility_name: '山田クリニック',
    facility_role: '院長',
    departments: ['内科'],
    ...overrides,
  };
  await insert(client, 'membership.person', row);
  return row;
}

export async function buildMembership(
  client: Client,
  overrides: { person_id: string; association_id: string } & Partial<{
    id: string;
    category: string;
    status: string;
    joined_on: string;
    left_on: string | null;
  }>,
) {
  const row = {
    id: randomUUID(),
    category: 'A①',
    status: 'ACTIVE',
    joined_on: '2015-04-01',
    left_on: null,
    ...overrides,
  };
  await insert(client, 'membership.membership', row);
  return row;
}

export async function buildTrainingSession(
  client: Client,
  overrides: { host_association_id: string } & Partial<{
    id: string;
    program_code: string;
    title: string;
    starts_at: string;
    venue: string | null;
    units: number;
    capacity: number | null;
    cohost_society_id: string | null;
  }>,
) {
  const row = {
    id: randomUUID(),
    program_code: 'CME',
    title: '生涯教育講座',
    starts_at: '2026-06-01T19:00:00+09:00',
    venue: '医師会館',
    units: 1.5,
    capacity: 100,
    ...overrides,
  };
  await insert(client, 'training.training_session', row);
  return row;
}

export async function buildAttendance(
  client: Client,
  overrides: { session_id: string; person_id: string } & Partial<{
    id: string;
    status: string;
    attended_at: string | null;
    units: number;
  }>,
) {
  const row = {
    id: randomUUID(),
    status: 'ATTENDED',
    attended_at: '2026-06-01T21:00:00+09:00',
    units: 1.5,
    ...overrides,
  };
  await insert(client, 'training.attendance', row);
  return row;
}

export async function buildInsuranceEnrolment(
  client: Client,
  overrides: { person_id: string } & Partial<{
    id: string;
    insurance_year: number;
    category: string;
    status: string;
    enrolled_on: string;
    rider: boolean;
    rider_coverage_yen: number | null;
  }>,
) {
  const row = {
    id: randomUUID(),
    insurance_year: 2026,
    category: 'A①',
    status: 'ENROLLED',
    enrolled_on: '2026-07-01',
    rider: false,
    rider_coverage_yen: null,
    ...overrides,
  };
  await insert(client, 'insurance_pension.insurance_enrolment', row);
  return row;
}

export async function buildTermsVersion(
  client: Client,
  overrides: Partial<{
    id: string;
    version: string;
    effective_from: string;
    requires_acceptance: boolean;
  }> = {},
) {
  const row = {
    id: randomUUID(),
    version: '1.01',
    title_ja: '医師会会員情報システム利用規約',
    title_en: 'MAMIS Terms of Use',
    body_ja: '本規約は…',
    body_en: 'These terms…',
    effective_from: '2024-09-27',
    requires_acceptance: true,
    ...overrides,
  };
  await insert(client, 'consent.terms_version', row);
  return row;
}

export async function buildTermsAcceptance(
  client: Client,
  overrides: { person_id: string; terms_version_id: string } & Partial<{
    id: string;
    accepted_at: string;
    method: string;
  }>,
) {
  const row = {
    id: randomUUID(),
    accepted_at: '2025-01-10T10:00:00+09:00',
    method: 'LOGIN_PAGE',
    ...overrides,
  };
  await insert(client, 'consent.terms_acceptance', row);
  return row;
}

/** What an association's notice or survey reaches and must not reach (see `buildAssociationAudience`). */
export interface AssociationAudience {
  prefectureId: string;
  /** 文京区医師会: the sender. */
  bunkyoId: string;
  /** 千代田区医師会: another municipal association of the same prefecture. */
  chiyodaId: string;
  /** Current members of 文京区 (and of the prefecture). */
  members: string[];
  /** A former member of 文京区 (left in 2020). */
  formerId: string;
  /** A member of 千代田区 and the prefecture, never of 文京区. */
  otherId: string;
}

/**
 * The JMA, 東京都 (P13), 文京区 (M13005) with `memberCount` current members, a former member, and
 * 千代田区 (M13001) with a member of its own; the terms in force. For what an association sends to
 * its current members only.
 */
export async function buildAssociationAudience(
  client: Client,
  memberCount: number,
): Promise<AssociationAudience> {
  const jma = await buildAssociation(client, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
  const pref = await buildAssociation(client, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma.id });
  const bunkyo = await buildAssociation(client, { code: 'M13005', name: '文京区医師会', parent_id: pref.id });
  const chiyoda = await buildAssociation(client, {
    code: 'M13001',
    name: '千代田区医師会',
    parent_id: pref.id,
  });
  await buildTermsVersion(client);
  const members: string[] = [];
  for (let i = 0; i < memberCount; i++) {
    const p = await buildPerson(client);
    await buildMembership(client, { person_id: p.id, association_id: bunkyo.id });
    await buildMembership(client, { person_id: p.id, association_id: pref.id });
    members.push(p.id);
  }
  const former = await buildPerson(client);
  await buildMembership(client, {
    person_id: former.id,
    association_id: bunkyo.id,
    status: 'LEFT',
    left_on: '2020-03-31',
  });
  const other = await buildPerson(client);
  await buildMembership(client, { person_id: other.id, association_id: chiyoda.id });
  await buildMembership(client, { person_id: other.id, association_id: pref.id });
  return {
    prefectureId: pref.id,
    bunkyoId: bunkyo.id,
    chiyodaId: chiyoda.id,
    members,
    formerId: former.id,
    otherId: other.id,
  };
}

/**
 * The viewer of a municipal association's clerk (what the services set per transaction), for tests
 * that run statements as a viewer without tokens (`runAsViewer`); any field overridable.
 */
export function buildStaffViewer(associationId: string, overrides: Partial<Viewer> = {}): Viewer {
  return {
    kind: 'STAFF',
    sub: `staff-of-${associationId}`,
    associationId,
    associationTier: 'MUNICIPAL',
    role: 'CLERK',
    scopes: [],
    ...overrides,
  };
}
