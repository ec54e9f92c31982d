import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const requireFromHere = createRequire(__filename);

/** Noto Sans JP (SIL Open Font License) from npm: embedded (subset) in every document. */
const FONT_REGULAR = requireFromHere.resolve(
  '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
);
const FONT_BOLD = requireFromHere.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf');

/** One page of a dues document: an invoice (請求書), a receipt (領収書) or a reminder (督促状). */
export interface DuesPage {
  kind: 'INVOICE' | 'RECEIPT' | 'REMINDER';
  associationName: string;
  memberName: string;
  postalCode?: string | null;
  address?: string | null;
  /** The invoices on the page (one for an invoice or receipt; a reminder lists every overdue one). */
  items: {
    reference: string;
    fiscalYear: number;
    categoryCode: string;
    months: number;
    amountYen: number;
    paidYen: number;
    issuedOn: string;
    dueOn: string;
    /** Receipts: the payments (date and amount). */
    payments?: { paidOn: string; amountYen: number }[];
  }[];
  /** The date printed as the document's date (today in Asia/Tokyo). */
  documentDate: string;
  /** A line printed below the table (e.g. the bank account). */
  note?: string | null;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;

/** `2026-04-01` → `2026年4月1日`. */
export const jaDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** 126000 → `¥126,000`. */
export const yen = (n: number) => `¥${n.toLocaleString('ja-JP')}`;

const TITLES = {
  INVOICE: { ja: '会費請求書', en: 'Invoice for membership dues' },
  RECEIPT: { ja: '領収書', en: 'Receipt' },
  REMINDER: { ja: '会費納入のお願い（督促状）', en: 'Reminder: membership dues overdue' },
} as const;

/** The PDF's file name stem for one page kind. */
export const documentTitle = (kind: DuesPage['kind']) => TITLES[kind];

function drawPage(doc: PDFKit.PDFDocument, page: DuesPage): void {
  const width = A4.width - 2 * MARGIN;
  const title = TITLES[page.kind];
  doc.font('jp').fontSize(10).fillColor('#333333');
  doc.text(jaDate(page.documentDate), MARGIN, MARGIN, { width, align: 'right' });
  doc.moveDown(1);
  doc.font('jp-bold').fontSize(22).fillColor('#1f3a5f').text(title.ja, { width, align: 'center' });
  doc.font('jp').fontSize(10).fillColor('#555555').text(title.en, { width, align: 'center' });
  doc.moveDown(1.5);

  const top = doc.y;
  doc.font('jp').fontSize(10).fillColor('#333333');
  if (page.postalCode) doc.text(`〒${page.postalCode}`, MARGIN, top, { width: width / 2 });
  if (page.address) doc.text(page.address, { width: width / 2 });
  doc
    .font('jp-bold')
    .fontSize(16)
    .fillColor('#000000')
    .text(`${page.memberName} 様`, { width: width / 2 });
  const leftBottom = doc.y;
  doc.font('jp-bold').fontSize(13).fillColor('#000000');
  doc.text(page.associationName, MARGIN + width / 2, top, { width: width / 2, align: 'right' });
  doc.y = Math.max(leftBottom, doc.y) + 18;

  const total = page.items.reduce(
    (s, i) => s + (page.kind === 'RECEIPT' ? i.paidYen : i.amountYen - i.paidYen),
    0,
  );
  const lead =
    page.kind === 'INVOICE'
      ? '下記のとおり会費をご請求申し上げます。納期限までにお納めください。'
      : page.kind === 'RECEIPT'
        ? '下記の会費を正に領収いたしました。'
        : '下記の会費が納期限を過ぎても未納となっております。至急お納めくださいますようお願い申し上げます。行き違いでお納めの節はご容赦ください。';
  doc.font('jp').fontSize(11).fillColor('#000000').text(lead, MARGIN, doc.y, { width });
  doc.moveDown(0.8);
  const label = page.kind === 'RECEIPT' ? '領収金額' : page.kind === 'INVOICE' ? 'ご請求金額' : '未納額合計';
  doc
    .font('jp-bold')
    .fontSize(18)
    .text(`${label}\u3000${yen(total)}`, { width, align: 'center' });
  doc.moveDown(1);

  // the table: one row per invoice
  const cols =
    page.kind === 'RECEIPT'
      ? [
          ['請求番号', 110],
          ['年度', 70],
          ['会員区分', 80],
          ['請求額', 100],
          ['領収額', 123],
        ]
      : [
          ['請求番号', 100],
          ['年度', 60],
          ['会員区分', 70],
          ['請求額', 85],
          ['既納額', 70],
          ['納期限', 98],
        ];
  let y = doc.y;
  const drawRow = (cells: string[], bold = false) => {
    let x = MARGIN;
    doc
      .font(bold ? 'jp-bold' : 'jp')
      .fontSize(10)
      .fillColor('#000000');
    cells.forEach((c, n) => {
      const w = cols[n]![1] as number;
      doc.text(c, x + 4, y + 5, { width: w - 8, align: n >= 3 && n <= 4 ? 'right' : 'left' });
      x += w;
    });
    doc
      .lineWidth(0.5)
      .moveTo(MARGIN, y + 22)
      .lineTo(MARGIN + width, y + 22)
      .stroke('#888888');
    y += 24;
  };
  drawRow(
    cols.map((c) => c[0] as string),
    true,
  );
  for (const i of page.items) {
    const fy = `${i.fiscalYear}年度`;
    const category = `${i.categoryCode}${i.months < 12 ? `（${i.months}か月）` : ''}`;
    drawRow(
      page.kind === 'RECEIPT'
        ? [i.reference, fy, category, yen(i.amountYen), yen(i.paidYen)]
        : [i.reference, fy, category, yen(i.amountYen), yen(i.paidYen), jaDate(i.dueOn)],
    );
  }
  doc.y = y + 8;
  if (page.kind === 'RECEIPT') {
    const payments = page.items.flatMap((i) => i.payments ?? []);
    if (payments.length)
      doc
        .font('jp')
        .fontSize(10)
        .text(
          `入金日：${payments.map((p) => `${jaDate(p.paidOn)}（${yen(p.amountYen)}）`).join('、')}`,
          MARGIN,
          doc.y,
          { width },
        );
    doc.moveDown(0.5);
    doc.text('但し、上記年度の会費として', MARGIN, doc.y, { width });
  } else {
    doc
      .font('jp')
      .fontSize(10)
      .text(
        '振込の際は、振込依頼人名の前に請求番号をご記入ください。 / Quote the invoice number when you pay by bank transfer.',
        MARGIN,
        doc.y,
        { width },
      );
  }
  if (page.note) {
    doc.moveDown(0.5);
    doc.font('jp').fontSize(10).text(page.note, MARGIN, doc.y, { width });
  }
  doc
    .font('jp')
    .fontSize(8)
    .fillColor('#555555')
    .text(`${page.associationName}（MAMIS）`, MARGIN, A4.height - MARGIN - 12, { width, align: 'right' });
}

/**
 * Renders dues documents as one PDF (A4 portrait, Noto Sans JP embedded as a subset), one page
 * per entry: the association's name, the member's name (and address on a reminder), the invoices
 * with their amounts in yen and due dates; a receipt shows what was paid and when.
 */
export function renderDuesPdf(pages: DuesPage[], info: { title: string; author: string }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'ja',
    displayTitle: true,
    autoFirstPage: false,
    info: { Title: info.title, Author: info.author, Creator: 'MAMIS' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('jp', FONT_REGULAR);
  doc.registerFont('jp-bold', FONT_BOLD);
  for (const page of pages) {
    doc.addPage({ size: 'A4', margin: MARGIN });
    drawPage(doc, page);
  }
  doc.end();
  return done;
}
