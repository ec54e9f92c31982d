/**
 * Training programs (研修制度) and the topics used to title sessions (研修会).
 */

export const PROGRAM_CODES = ['CME', 'OCCUPATIONAL', 'SPORTS', 'FAMILY_DOCTOR', 'OWN'] as const;
export type ProgramCode = (typeof PROGRAM_CODES)[number];

export interface ProgramInfo {
  label: string;
  /** Units a session offers, 0.5 steps: [min, max]. */
  units: readonly [number, number];
  titles: readonly string[];
}

export const PROGRAMS: Readonly<Record<ProgramCode, ProgramInfo>> = {
  CME: {
    label: '日本医師会生涯教育講座',
    units: [1, 3],
    titles: [
      '高血圧診療の最新知見',
      '糖尿病治療の新展開',
      '感染症対策の基本',
      '認知症の早期診断と地域連携',
      '在宅医療と緩和ケア',
      '心不全の外来管理',
      '慢性腎臓病の診療',
      'がん検診の精度管理',
      '小児の発熱への対応',
      '抗菌薬の適正使用',
      '骨粗鬆症の診断と治療',
      '睡眠障害の診かた',
      '医療安全と医療倫理',
      'プライマリ・ケアにおける漢方',
      '禁煙指導',
    ],
  },
  OCCUPATIONAL: {
    label: '日本医師会認定産業医制度研修会',
    units: [1, 3],
    titles: [
      '産業医の職務（前期）',
      '作業環境管理（実地）',
      'メンタルヘルス対策（後期）',
      '過重労働対策（更新）',
      '化学物質の自律的管理（専門）',
      '職場巡視の実際（実地）',
      '健康診断の事後措置（更新）',
      '治療と仕事の両立支援（専門）',
    ],
  },
  SPORTS: {
    label: '日本医師会認定健康スポーツ医学講習会',
    units: [1, 2],
    titles: [
      '運動処方の基礎',
      'スポーツ外傷と障害',
      '高齢者の運動指導',
      '生活習慣病と運動療法',
      'アンチ・ドーピング',
    ],
  },
  FAMILY_DOCTOR: {
    label: '日医かかりつけ医機能研修制度 応用研修会',
    units: [1, 6],
    titles: [
      'かかりつけ医の倫理',
      '多職種連携と地域包括ケア',
      'フレイル予防',
      '終末期医療とアドバンス・ケア・プランニング',
      '服薬管理とポリファーマシー',
    ],
  },
  OWN: {
    label: '学術講演会',
    units: [0.5, 2],
    titles: [
      '地域医療連携の会',
      '症例検討会',
      '臨床懇話会',
      '医療制度改革の動向',
      '災害医療研修',
      '救急医療の実際',
    ],
  },
};

/** Which programs associations of each tier host, with weights. */
export const HOSTED_PROGRAMS: Readonly<Record<string, readonly (readonly [ProgramCode, number])[]>> = {
  NATIONAL: [
    ['CME', 5],
    ['OCCUPATIONAL', 2],
    ['SPORTS', 1],
    ['FAMILY_DOCTOR', 2],
  ],
  PREFECTURAL: [
    ['CME', 4],
    ['OCCUPATIONAL', 3],
    ['SPORTS', 1],
    ['FAMILY_DOCTOR', 2],
    ['OWN', 1],
  ],
  MUNICIPAL: [
    ['CME', 5],
    ['OWN', 4],
    ['OCCUPATIONAL', 1],
  ],
  DISTRICT: [
    ['OWN', 3],
    ['CME', 1],
  ],
  WORKPLACE: [
    ['CME', 2],
    ['OCCUPATIONAL', 2],
    ['OWN', 1],
  ],
};
