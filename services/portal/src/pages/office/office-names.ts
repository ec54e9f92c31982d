import type { Names } from '../../lib/names';

export { KIND_NAMES, STATUS_NAMES, useNames } from '../../lib/names';

export const SEX_NAMES: Names = {
  MALE: { ja: '男性', en: 'Male' },
  FEMALE: { ja: '女性', en: 'Female' },
  OTHER: { ja: 'その他', en: 'Other' },
};
