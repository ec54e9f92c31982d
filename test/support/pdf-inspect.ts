import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export interface PdfInspection {
  pages: number;
  /** Page size in points (A4: 595.28 × 841.89). */
  width: number;
  height: number;
  /** The text of every page as pdf.js extracts it. */
  text: string;
  /** What the QR code on the first page (rendered) decodes to, or null. */
  qr: string | null;
}

/**
 * Parse a PDF and decode its QR code as a reader would: pdf.js text extraction, and the first
 * page rendered (pdf.js on @napi-rs/canvas) and scanned with jsQR — in a child Node process
 * (`pdf-inspect.mjs`; pdf.js is ESM-only). `pngOut` keeps the rendered page (e.g. test-artifacts/).
 */
export async function inspectPdf(pdf: Buffer, pngOut?: string): Promise<PdfInspection> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mamis-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, pdf);
    const args = [path.join(__dirname, 'pdf-inspect.mjs'), file, ...(pngOut ? [pngOut] : [])];
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 60_000,
    });
    return JSON.parse(stdout) as PdfInspection;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
