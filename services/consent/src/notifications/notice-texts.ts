/** Notification texts: Japanese first, English second. */
export interface NoticeText {
  subjectJa: string;
  subjectEn: string;
  bodyJa: string;
  bodyEn: string;
}

export function termsRevisionNotice(v: {
  version: string;
  effectiveFrom: string;
  requiresAcceptance: boolean;
  summaryJa: string | null;
  summaryEn: string | null;
}): NoticeText {
  const again = v.requiresAcceptance;
  return {
    subjectJa: `MAMIS 利用規約の改定（ver ${v.version}、${v.effectiveFrom} 施行）`,
    subjectEn: `MAMIS terms of use revised (ver ${v.version}, effective ${v.effectiveFrom})`,
    bodyJa: [
      `MAMIS 利用規約を ver ${v.version} に改定します。効力発生日は ${v.effectiveFrom} です（利用規約第10条）。`,
      v.summaryJa ? `改定の内容: ${v.summaryJa}` : '',
      again
        ? '効力発生日以降の最初のログイン時に、改定後の利用規約への同意をお願いします。'
        : '改定後に本サービスを利用された場合、改定内容に同意したものとみなされます（第10条第3項）。',
    ]
      .filter(Boolean)
      .join('\n'),
    bodyEn: [
      `The MAMIS terms of use are revised to ver ${v.version}, effective ${v.effectiveFrom} (terms art. 10).`,
      v.summaryEn ? `What changes: ${v.summaryEn}` : '',
      again
        ? 'You will be asked to accept the revised terms at your first sign-in on or after that date.'
        : 'Using the service after the revision counts as accepting it (art. 10.3).',
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

/** Terms art. 13: data carried over from the JMA's previous member system. */
export const DATA_MIGRATION_NOTICE: NoticeText = {
  subjectJa: '旧会員情報システムからのデータ移行のお知らせ',
  subjectEn: 'Your data has been carried over from the previous member system',
  bodyJa:
    '日本医師会旧会員情報システムに保管されていたあなたの会員情報を、医師会会員情報システム（MAMIS）に移行しました（利用規約第13条）。移行したデータの共同利用・業務委託の取扱いは、利用規約第5条と同様です。',
  bodyEn:
    "Your member data held in the JMA's previous member system has been carried over to MAMIS (terms art. 13). It is jointly used and outsourced as art. 5 of the terms describes.",
};

/**
 * A notice of an association's activities to its members (purpose ③): the staff's own subject and
 * body, the sending association named in both, so a member of several associations knows who wrote.
 */
export function associationNotice(
  associationName: string,
  v: { subjectJa: string; bodyJa: string; subjectEn: string; bodyEn: string },
): NoticeText {
  return {
    subjectJa: `【${associationName}】${v.subjectJa}`,
    subjectEn: `[${associationName}] ${v.subjectEn}`,
    bodyJa: `${v.bodyJa}\n\n${associationName}より会員の皆様へのお知らせです。`,
    bodyEn: `${v.bodyEn}\n\nA notice from ${associationName} to its members.`,
  };
}

/** The notice of a survey (in My Page and by e-mail): what it is about, until when, where to answer. */
export function associationSurveyNotice(
  associationName: string,
  v: { title: string; description: string; closesOn: string },
): NoticeText {
  return {
    subjectJa: `【${associationName}】アンケートのお願い：${v.title}`,
    subjectEn: `[${associationName}] Survey: ${v.title}`,
    bodyJa: `${v.description}\n\n回答期限：${v.closesOn}\nマイページの「アンケート」から回答してください。\n\n${associationName}より会員の皆様へのアンケートです。`,
    bodyEn: `${v.description}\n\nPlease answer by ${v.closesOn} under "Surveys" in My Page.\n\nA survey from ${associationName} to its members.`,
  };
}
