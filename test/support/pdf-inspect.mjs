#!/usr/bin/env node
/**
 * Reads a PDF as a person's tools would: `node test/support/pdf-inspect.mjs <file.pdf> [png-out]`
 * prints JSON { pages, width, height, text, qr } — the text of every page (pdf.js text layer),
 * and the QR code found on the first page rendered at 3× (pdf.js on @napi-rs/canvas, decoded with
 * jsQR; null when none). With `png-out`, the rendered first page is written there too.
 *
 * A separate Node process (ES modules: pdf.js is ESM-only; jest runs CommonJS): see pdf-inspect.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const [file, pngOut] = process.argv.slice(2);
const data = new Uint8Array(readFileSync(file));
const pdf = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
let text = '';
for (let i = 1; i <= pdf.numPages; i += 1) {
  const page = await pdf.getPage(i);
  const content = await page.getTextContent();
  text += content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('') + '\n';
}
const page = await pdf.getPage(1);
const unscaled = page.getViewport({ scale: 1 });
const viewport = page.getViewport({ scale: 3 });
const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#ffffff';
ctx.fillRect(0, 0, canvas.width, canvas.height);
await page.render({ canvasContext: ctx, canvas, viewport }).promise;
const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
const qr = jsQR(new Uint8ClampedArray(image.data.buffer), image.width, image.height);
if (pngOut) writeFileSync(pngOut, canvas.toBuffer('image/png'));
process.stdout.write(
  JSON.stringify({
    pages: pdf.numPages,
    width: unscaled.width,
    height: unscaled.height,
    text,
    qr: qr ? qr.data : null,
  }),
);
await pdf.destroy();
