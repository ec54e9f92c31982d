/**
 * The terms of use ver 1.01 (2024-09-27), summarised from the JMA's MAMIS terms of use
 * (/work/shared/seed, 医師会会員情報システム MAMIS 利用規約 ver1.01).
 */

export const TERMS_V101 = {
  version: '1.01',
  effectiveFrom: '2024-09-27',
  requiresAcceptance: true,
  titleJa: '医師会会員情報システム（MAMIS）利用規約 ver1.01',
  titleEn: 'Terms of Use of the Medical Association Member Information System (MAMIS), ver 1.01',
  bodyJa: [
    '本規約は、公益社団法人日本医師会（本会）が提供する医師会会員情報システム（MAMIS）の利用について、本会と利用者（各医師会の会員、事務担当者、研修会の参加者・運営者、日本医学会・分科会関係者）との間の条件を定めるものです。',
    '第2条 利用者は本規約および所属する医師会の会則等に従い、アカウントを自らの責任で管理します。補助者に利用させるときは適切に監督し、補助者が退職等により権限を失ったときはパスワード変更等の措置を講じます。',
    '第4条 本サービスが扱う内容は別表1、個人情報は別表2（氏名、生年月日・性別、連絡先・住所・電話番号・電子メールアドレス、医籍登録番号及び医籍登録日、会員区分と入会・異動・退会の状況、出身校、所属施設及び開設主体、診療科名等）のとおりです。',
    '第5条 別表2の個人データは、本会、各医師会、各医師会が運営する研修会の運営者並びに日本医学会・医学会分科会が、入会・異動・退会履歴の管理、会費徴収、刊行物の発送、生涯教育制度、医師年金、認定産業医・認定健康スポーツ医制度、医師賠償責任保険（特約保険を含む）、個人を特定しない統計等の目的で共同利用します。共同利用の内容は本サービスのトップページで周知します。各医師会は必要な範囲で利用者のアカウントでログインし処理を行うことができ、その結果は利用者に帰属します。',
    '第6条 法令違反、第三者の権利侵害、システムの複製・改変、なりすまし、営業目的での利用等を禁止します。',
    '第8条 退会・退職、死亡、規約違反の場合、本会は利用を停止または終了できます。データは保存され、本会が必要と認めるときは消去されます。',
    '第10条 本会は本規約を改定でき、改定内容と効力発生日を本会ウェブサイトで周知します。',
    '第13条 旧会員情報システムの会員データは本サービスへ移行し、その旨を利用者に周知します。',
  ].join('\n\n'),
  bodyEn: [
    'These terms govern the use of MAMIS, the member information system provided by the Japan Medical Association (JMA), between the JMA and its users: members of the medical associations, their office staff, participants in and operators of training sessions, and people of the Japanese Association of Medical Sciences and its member societies.',
    "Art. 2 Users follow these terms and their associations' rules and keep their account safe. A user who lets an assistant use the account supervises the assistant and changes the password or takes other steps when the assistant loses the right to use it.",
    'Art. 4 The services are listed in Schedule 1 and the personal data in Schedule 2 (name, date of birth and sex, contact and home address, phone, e-mail, medical registry number and date, membership categories and join/transfer/leave status, alma mater, facility and its founder, clinical departments, and the data of the services).',
    "Art. 5 The data in Schedule 2 is jointly used by the JMA, the medical associations, the operators of their training sessions and the Japanese Association of Medical Sciences and its member societies for membership records, dues, mailings, continuing medical education, the physician pension, certified occupational and sports physicians, malpractice insurance (incl. the rider), anonymous statistics and related purposes, as shown on the service's top page. An association may log in with a user's account where needed; the result counts as the user's own act.",
    "Art. 6 Breaking the law, infringing others' rights, copying or altering the system, impersonation and use for sales or other own purposes are prohibited.",
    'Art. 8 Use may be suspended or ended when a user leaves the association or the workplace, dies or breaks the terms; the data is kept and may be erased when the JMA decides.',
    'Art. 10 The JMA may revise these terms and announces the revision and its effective date on its website.',
    'Art. 13 Member data from the previous JMA system is carried over and the people concerned are told.',
  ].join('\n\n'),
} as const;
