/**
 * The joint-use notice (日本医師会と日本国内の各医師会における個人データの共同利用について) as the JMA
 * published it with the terms of use ver 1.01 (/work/shared/seed), split into the five items of
 * APPI art. 27(5)(iii). The Japanese text is authoritative.
 *
 * ⑤ since the 2020 amendment also needs the representative: the source names the officer
 * responsible (情報システム課 会員情報室長) and the address, not the president's name; the JMA
 * completes it with `publishJointUseNotice` (a change of the responsible party is announced in
 * advance).
 */
export const JOINT_USE_NOTICE_V1 = {
  version: '1',
  effectiveFrom: '2024-09-27',
  title: '日本医師会と日本国内の各医師会における個人データの共同利用について',
  statement: '以下のとおり医師会員等の個人データを共同利用いたします。',
  dataItems: [
    '氏名',
    '生年月日・性別',
    '連絡先及び自宅の住所、電話番号、電子メールアドレス',
    '医籍登録番号及び医籍登録日',
    '日本医師会、都道府県医師会、郡市区医師会、職域医師会（大学医師会を含む）、地区医師会（以上を総称して、以下「各医師会」）にそれぞれ所属する会員の会員区分、入会・異動・退会の加入状況',
    '出身校',
    '所属施設及び所属施設の開設主体、施設、業務',
    '診療科名',
    '各医師会の入会・異動・退会の加入状況に関する履歴',
    '日本医師会生涯教育制度に関する研修会、日本医師会認定産業医制度・日本医師会認定健康スポーツ医制度に関する研修会、日医かかりつけ医機能研修制度に関する研修会の受講者に関する情報',
    '各医師会が主催する研修会の受講者に関する情報',
    '日医医師年金の情報',
    '日医医賠責特約保険を含む日本医師会医師賠償責任保険の加入状況',
    'その他、各医師会が利用者との間で各々の医師会の会則等に基づく事務を行うに当たり、必要となる情報',
  ],
  jointUsers: '各医師会と、各医師会が運営する研修会の運営者並びに日本医学会及び医学会分科会',
  purposes: [
    '各医師会の入会・異動・退会履歴の管理',
    '各医師会の会費徴収に関する業務',
    '各医師会刊行物の発送、活動に関するお知らせ、各種アンケートの送付',
    '日本医師会生涯教育制度に関する業務',
    '日本医師会医師年金制度運営に関する業務',
    '日本医師会認定産業医制度および日本医師会認定健康スポーツ医制度に関する業務',
    '日医かかりつけ医機能研修制度に関する業務',
    '日医医賠責特約保険を含む日本医師会医師賠償責任保険の運営に関する業務',
    '日本医師会ホームページメンバーズルームのアカウント作成',
    '都道府県医師会、郡市区医師会、職域医師会（大学医師会を含む）、地区医師会、日本医学会との事業連携',
    '個人を特定しない形で作成する統計情報',
    '①から⑪の行為を目的とした、発送業者、システム維持管理を行う業者に対して情報を提供する行為',
    '日本医師会が運営する医師会会員情報システム（MAMIS）のサービス内容を行うのに必要な業務',
    'その他、各医師会の定款に掲げる事業',
  ],
  responsibleParty: {
    name: '公益社団法人 日本医師会',
    address: '東京都文京区本駒込2-28-16',
    representative: '情報システム課 会員情報室長',
  },
  responsibilityNote:
    'MAMISを通じて取得した個人データは日本医師会、それ以外は取得した医師会が管理責任者になります。',
  summaryEn:
    "Joint use of personal data by the Japan Medical Association and the medical associations in Japan (English summary; the Japanese text is authoritative).\n(1) Items: name, date of birth and sex, contact and home address, phone, e-mail, medical registry number and date, membership category and status at each association and its history, alma mater, facility, departments, training, pension and malpractice-insurance data, and other data needed for each association's work.\n(2) Joint users: the medical associations (JMA, prefectural, municipal, workplace incl. university, district), operators of training sessions they run, the Japanese Association of Medical Sciences and its member societies.\n(3) Purposes: membership records, dues, mailings and surveys, CME, pension, certified occupational / health-sports physician programmes, family-doctor training, malpractice insurance, JMA members' room accounts, cooperation among associations, statistics that identify no individual, provision to mailing and maintenance contractors for these purposes, operation of MAMIS, and other work under each association's articles.\n(4) Responsible party: for data obtained through MAMIS, the Japan Medical Association (Information Systems Division, Member Information Office, 2-28-16 Honkomagome, Bunkyo-ku, Tokyo); otherwise the association that obtained it.",
};
