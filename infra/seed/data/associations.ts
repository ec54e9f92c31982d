/**
 * Reference data for the association tree beyond prefectures and municipalities: where DISTRICT
 * associations (地区医師会) exist, company workplace associations (職域医師会), and the
 * per-tier membership categories.
 */

/** The JMA (日本医師会). */
export const NATIONAL_ASSOCIATION = { code: 'JMA', name: '日本医師会', kana: 'ニホンイシカイ' } as const;

/**
 * District associations per municipality: [prefecture code, municipality name, count]. Osaka has
 * 64 in total (two under each of its 32 cities outside Osaka City); elsewhere a few large cities.
 * Order matters: Tokyo's first district is under 文京区, so its code is D13001 (DEMO_DISTRICT_CODE).
 */
export const DISTRICT_PLAN: readonly (readonly [
  prefectureCode: number,
  municipality: string | '*CITIES*',
  count: number,
])[] = [
  [27, '*CITIES*', 2],
  [13, '文京区', 2],
  [13, '世田谷区', 3],
  [13, '大田区', 2],
  [13, '八王子市', 2],
  [1, '札幌市', 4],
  [14, '川崎市', 3],
  [14, '相模原市', 2],
  [23, '豊田市', 2],
  [28, '姫路市', 3],
  [40, '久留米市', 2],
  [22, '浜松市', 3],
  [11, 'さいたま市', 4],
];

/** District name parts: [kanji, kana], used in order under one municipality. */
export const DISTRICT_AREAS: readonly (readonly [string, string])[] = [
  ['東', 'ヒガシ'],
  ['西', 'ニシ'],
  ['南', 'ミナミ'],
  ['北', 'キタ'],
  ['中央', 'チュウオウ'],
];

/** Company workplace associations (fictional names): [prefecture code, name, kana]. */
export const COMPANY_ASSOCIATIONS: readonly (readonly [number, string, string])[] = [
  [13, '首都圏鉄道職域医師会', 'シュトケンテツドウショクイキイシカイ'],
  [13, '全国電機産業職域医師会', 'ゼンコクデンキサンギョウショクイキイシカイ'],
  [14, '京浜製鉄職域医師会', 'ケイヒンセイテツショクイキイシカイ'],
  [23, '中部自動車産業職域医師会', 'チュウブジドウシャサンギョウショクイキイシカイ'],
  [27, '関西化学工業職域医師会', 'カンサイカガクコウギョウショクイキイシカイ'],
  [40, '北九州製鉄職域医師会', 'キタキュウシュウセイテツショクイキイシカイ'],
  [1, '北海道鉄道職域医師会', 'ホッカイドウテツドウショクイキイシカイ'],
];

/** JMA membership categories (domain.md §6). */
export const JMA_CATEGORIES = ['A①', 'A②(B)', 'A②(C)', 'B', 'C'] as const;
export type JmaCategory = (typeof JMA_CATEGORIES)[number];

/** JMA categories that carry the JMA malpractice insurance. */
export const INSURED_JMA_CATEGORIES: ReadonlySet<string> = new Set(['A①', 'A②(B)', 'A②(C)']);

/**
 * Categories used by prefectural, municipal, district and workplace associations in this seed
 * (each association sets its own in reality): A owner/manager, B employed doctor, C resident.
 */
export const LOCAL_CATEGORIES = ['A', 'B', 'C'] as const;
export type LocalCategory = (typeof LOCAL_CATEGORIES)[number];
