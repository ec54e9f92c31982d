/**
 * Clinical departments (診療科名), facility founder types (開設主体) and roles at a facility.
 * Weights are rough shares among practising physicians.
 */

export const DEPARTMENTS: readonly (readonly [name: string, weight: number])[] = [
  ['内科', 30],
  ['循環器内科', 5],
  ['消化器内科', 6],
  ['呼吸器内科', 3],
  ['糖尿病内科', 2],
  ['腎臓内科', 2],
  ['脳神経内科', 2],
  ['外科', 6],
  ['消化器外科', 2],
  ['心臓血管外科', 1],
  ['呼吸器外科', 1],
  ['乳腺外科', 1],
  ['整形外科', 7],
  ['形成外科', 1.5],
  ['脳神経外科', 2.5],
  ['小児科', 6],
  ['産婦人科', 4],
  ['眼科', 4.5],
  ['耳鼻咽喉科', 3],
  ['皮膚科', 3.5],
  ['泌尿器科', 2.5],
  ['精神科', 5],
  ['心療内科', 1],
  ['放射線科', 2.5],
  ['麻酔科', 3],
  ['救急科', 1.5],
  ['リハビリテーション科', 1],
  ['病理診断科', 0.8],
  ['臨床検査科', 0.4],
  ['総合診療科', 1],
  ['アレルギー科', 0.5],
  ['リウマチ科', 0.7],
];

/** Departments that a clinic name can carry (〇〇内科クリニック). */
export const CLINIC_DEPARTMENTS: ReadonlySet<string> = new Set([
  '内科',
  '循環器内科',
  '消化器内科',
  '整形外科',
  '小児科',
  '眼科',
  '耳鼻咽喉科',
  '皮膚科',
  '泌尿器科',
  '産婦人科',
  '心療内科',
  '形成外科',
  '脳神経外科',
  '呼吸器内科',
  '糖尿病内科',
]);

/** Facility founder types (所属施設の開設主体) and how hospitals of that type are named. */
export type FacilityType =
  | 'UNIVERSITY'
  | 'NATIONAL'
  | 'PUBLIC'
  | 'PUBLIC_BODY'
  | 'MEDICAL_CORPORATION'
  | 'INDIVIDUAL'
  | 'COMPANY'
  | 'ADMINISTRATIVE';

export const FACILITY_TYPE_LABELS: Readonly<Record<FacilityType, string>> = {
  UNIVERSITY: '学校法人・国立大学法人',
  NATIONAL: '国・独立行政法人',
  PUBLIC: '都道府県・市町村',
  PUBLIC_BODY: '日本赤十字社・済生会等',
  MEDICAL_CORPORATION: '医療法人',
  INDIVIDUAL: '個人',
  COMPANY: '会社',
  ADMINISTRATIVE: '行政機関',
};

/** Shares of employed (non-owner) physicians by facility type. */
export const HOSPITAL_TYPE_WEIGHTS: readonly (readonly [FacilityType, number])[] = [
  ['UNIVERSITY', 22],
  ['NATIONAL', 9],
  ['PUBLIC', 20],
  ['PUBLIC_BODY', 12],
  ['MEDICAL_CORPORATION', 33],
  ['COMPANY', 2],
  ['ADMINISTRATIVE', 2],
];

/** Roles (施設での業務・役職). */
export const ROLES = {
  resident: '初期研修医',
  senior: ['勤務医', '医員', '助教', '医長', '部長', '副院長', '院長'] as const,
  owner: ['院長', '理事長'] as const,
  company: '産業医',
  administrative: ['保健所長', '医務技監'] as const,
} as const;

/** Hospital-name suffixes for non-university hospitals, by founder type. */
export const HOSPITAL_SUFFIXES: Readonly<
  Record<Exclude<FacilityType, 'UNIVERSITY' | 'INDIVIDUAL'>, readonly string[]>
> = {
  NATIONAL: ['医療センター', '病院'],
  PUBLIC: ['市民病院', '中央病院', '総合医療センター'],
  PUBLIC_BODY: ['赤十字病院', '済生会病院', '厚生病院'],
  MEDICAL_CORPORATION: ['中央病院', '記念病院', '総合病院', 'リハビリテーション病院', '第一病院'],
  COMPANY: ['健康管理センター'],
  ADMINISTRATIVE: ['保健所'],
};
