import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../../test/support/browser';
import { buildLabels, type MailingEntry } from '../src/mailing/mailing-file';

/** The address-label page (宛名ラベル) rendered by a real browser, as an office would print it. */
describe('address labels in a browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const entries: MailingEntry[] = Array.from({ length: 7 }, (_, i) => ({
    postalCode: '1130021',
    address:
      i === 0
        ? '東京都文京区本駒込二丁目28番16号 日本医師会館ビル 東棟 十二階 "髙島"会議室 <b>前</b>'
        : `東京都文京区本郷7-3-${i}`,
    familyName: i === 0 ? '髙橋' : '山田',
    givenName: `一郎${i}`,
    familyNameKana: 'ﾀｶﾊｼ',
    givenNameKana: 'ｲﾁﾛｳ',
  }));

  it('prints 3 labels of 70 × 37 mm per row, each with postal code, address and name fitting inside', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    await page.setContent(buildLabels(entries, '会報6月号', 'labels').content.toString('utf8'));
    await page.emulateMedia({ media: 'print' });
    const labels = page.locator('.label');
    expect(await labels.count()).toBe(7);
    const boxes = await labels.evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return {
          x: r.x,
          y: r.y,
          w: r.width,
          h: r.height,
          fits: el.scrollHeight <= el.clientHeight + 1,
          text: el.textContent,
        };
      }),
    );
    const mm = 96 / 25.4;
    expect(boxes[0]!.w).toBeCloseTo(70 * mm, 0);
    expect(boxes[0]!.h).toBeCloseTo(37 * mm, 0);
    // three per row: the 4th label starts a new row under the 1st
    expect(boxes[1]!.y).toBe(boxes[0]!.y);
    expect(boxes[2]!.y).toBe(boxes[0]!.y);
    expect(boxes[3]!.x).toBe(boxes[0]!.x);
    expect(boxes[3]!.y).toBeGreaterThan(boxes[0]!.y);
    expect(boxes.every((b) => b.fits)).toBe(true);
    // the HTML in an address is text, not markup
    expect(boxes[0]!.text).toContain('〒113-0021');
    expect(boxes[0]!.text).toContain('"髙島"会議室 <b>前</b>');
    expect(boxes[0]!.text).toContain('髙橋 一郎0 様');
    // the on-screen header is not printed
    expect(await page.locator('header').isVisible()).toBe(false);
    await page.close();
  });
});
