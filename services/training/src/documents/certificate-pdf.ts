import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatWareki } from '@mamis/platform';

const requireFromHere = createRequire(__filename);

/** Noto Sans JP (SIL Open Font License) from npm: embedded (subset) in every document. */
const FONT_REGULAR = requireFromHere.resolve(
  '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
);
const FONT_BOLD = requireFromHere.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf');

/** What a printed certificate (認定証 / 修了証) or attendance certificate (受講証明書) shows. */
export interface CertificateDocumentData {
  kind: 'CERTIFICATE' | 'ATTENDANCE';
  /** Japanese title first, English below. */
  titleJa: string;
  titleEn: string;
  holderName: string;
  programNameJa: string;
  programNameEn: string;
  number: string;
  /** Certificates: the validity period; attendance: the session's date (from = to). */
  validFrom: string;
  validTo: string;
  issuerName: string;
  /** ISO date (Asia/Tokyo) the document's underlying record was issued. */
  issuedOn: string;
  verificationCode: string;
  /** `<PORTAL_URL>/verify?code=<code>`: what the QR code holds. */
  verificationUrl: string;
  /** Attendance certificates: the session and what was earned. */
  session?: { title: string; date: string; venue: string | null; units: number; codes: string[] };
}

/** Titles per programme (the JMA's names of its certificates); other programmes: "<name> 認定証". */
export function certificateTitle(programCode: string, programNameJa: string, programNameEn: string) {
  switch (programCode) {
    case 'CME':
      return { ja: '日本医師会生涯教育認定証', en: 'JMA Continuing Medical Education Certificate' };
    case 'OCCUPATIONAL':
      return { ja: '日本医師会認定産業医 認定証', en: 'JMA Certified Occupational Physician' };
    case 'SPORTS':
      return { ja: '日本医師会認定健康スポーツ医 認定証', en: 'JMA Certified Health-Sports Physician' };
    case 'FAMILY_DOCTOR':
      return {
        ja: '日医かかりつけ医機能研修制度 修了証',
        en: 'JMA Family-Doctor Function Training Certificate',
      };
    default:
      return { ja: `${programNameJa} 認定証`, en: `Certificate: ${programNameEn}` };
  }
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;

/** `2026-04-01` → `令和8年4月1日 (2026-04-01)`: 和暦 as offices write it, the ISO date alongside. */
const jaDate = (iso: string) => `${formatWareki(iso)} (${iso})`;

/** Draws the QR code of `text` as vector squares (crisp at any zoom and in print). */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const cell = size / (n + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let r = 0; r < n; r += 1) {
    for (let c = 0; c < n; c += 1) {
      if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
    }
  }
  doc.fill('#000000');
  doc.restore();
}

/**
 * Renders one certificate as a PDF (A4 portrait, Noto Sans JP embedded as a subset): title,
 * holder, programme, number, validity, issuer, issue date, and the verification code with a QR
 * code of the verification page's URL.
 */
export function renderCertificatePdf(data: CertificateDocumentData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'ja',
    displayTitle: true,
    info: {
      Title: `${data.titleJa} ${data.number}`,
      Author: data.issuerName,
      Subject: `${data.titleEn} — ${data.holderName}`,
      Creator: 'MAMIS',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('jp', FONT_REGULAR);
  doc.registerFont('jp-bold', FONT_BOLD);
  const width = A4.width - 2 * MARGIN;

  // frame
  doc
    .lineWidth(2)
    .rect(MARGIN / 2, MARGIN / 2, A4.width - MARGIN, A4.height - MARGIN)
    .stroke('#1f3a5f');

  doc.font('jp-bold').fontSize(24).fillColor('#1f3a5f');
  doc.text(data.titleJa, MARGIN, 96, { width, align: 'center' });
  doc.font('jp').fontSize(12).fillColor('#333333');
  doc.text(data.titleEn, { width, align: 'center' });

  doc.moveDown(2);
  doc.font('jp').fontSize(11).fillColor('#555555').text('氏名 Name', { width, align: 'center' });
  doc.font('jp-bold').fontSize(26).fillColor('#000000').text(data.holderName, { width, align: 'center' });
  doc.moveDown(1);

  const rows: Array<[string, string]> = [
    ['番号 Number', data.number],
    ['研修制度 Programme', `${data.programNameJa}\n${data.programNameEn}`],
  ];
  if (data.session) {
    rows.push(['研修会 Session', data.session.title]);
    rows.push(['受講日 Date', jaDate(data.session.date)]);
    if (data.session.venue) rows.push(['会場 Venue', data.session.venue]);
    rows.push([
      '取得単位 Credits',
      `${data.session.units}${data.session.codes.length ? ` (${data.session.codes.join(', ')})` : ''}`,
    ]);
  } else {
    rows.push(['有効期間 Valid', `${jaDate(data.validFrom)} 〜 ${jaDate(data.validTo)}`]);
  }
  rows.push(['発行者 Issuer', data.issuerName]);
  rows.push(['発行日 Issued', jaDate(data.issuedOn)]);

  const labelWidth = 150;
  let y = doc.y + 8;
  for (const [label, value] of rows) {
    doc
      .font('jp')
      .fontSize(10)
      .fillColor('#555555')
      .text(label, MARGIN + 20, y, { width: labelWidth });
    doc
      .font('jp')
      .fontSize(12)
      .fillColor('#000000')
      .text(value, MARGIN + 20 + labelWidth, y, { width: width - 40 - labelWidth });
    y = Math.max(doc.y, y + 16) + 10;
  }

  // statement
  y += 10;
  const statement =
    data.kind === 'ATTENDANCE'
      ? '上記の者が本研修会を受講したことを証明します。\nThis certifies that the above person attended this session.'
      : '上記の者が本制度の認定を受けたことを証明します。\nThis certifies that the above person holds this certification.';
  doc
    .font('jp')
    .fontSize(11)
    .fillColor('#000000')
    .text(statement, MARGIN + 20, y, { width: width - 40 });

  // verification block at the bottom: QR code, the code and the URL
  const qrSize = 120;
  const qrY = A4.height - MARGIN - 40 - qrSize;
  drawQr(doc, data.verificationUrl, MARGIN + 20, qrY, qrSize);
  const textX = MARGIN + 20 + qrSize + 20;
  const textWidth = width - 40 - qrSize - 20;
  doc
    .font('jp')
    .fontSize(10)
    .fillColor('#555555')
    .text('照合コード Verification code', textX, qrY + 8, {
      width: textWidth,
    });
  doc
    .font('jp-bold')
    .fontSize(18)
    .fillColor('#000000')
    .text(data.verificationCode, textX, doc.y + 2, {
      width: textWidth,
    });
  doc
    .font('jp')
    .fontSize(8)
    .fillColor('#555555')
    .text(
      '真正性はこのQRコード、または次のページにコードを入力して確認できます。\nScan the QR code or enter the code at:',
      textX,
      doc.y + 6,
      { width: textWidth },
    );
  doc
    .font('jp')
    .fontSize(8)
    .fillColor('#1f3a5f')
    .text(data.verificationUrl, textX, doc.y + 2, {
      width: textWidth,
    });

  doc.end();
  return done;
}
