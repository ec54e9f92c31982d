#!/usr/bin/env node
/**
 * Bundles the development API explorer (explorer.mjs: GraphiQL + React from node_modules, no CDN)
 * into `<outdir>/explorer.js` and `<outdir>/explorer.css` with esbuild. Run by the gateway (a child
 * process, development only) the first time the explorer is opened:
 *   node gateway/explorer/build-explorer.mjs <outdir>
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../package.json'));
const esbuild = require('esbuild');
const outdir = process.argv[2];
if (!outdir) {
  console.error('usage: build-explorer.mjs <outdir>');
  process.exit(2);
}
await esbuild.build({
  entryPoints: { explorer: path.join(here, 'explorer.mjs') },
  outdir,
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: {
    '.woff': 'dataurl',
    '.woff2': 'dataurl',
    '.ttf': 'dataurl',
    '.svg': 'dataurl',
    '.png': 'dataurl',
  },
  logLevel: 'error',
  legalComments: 'none',
});
console.log(outdir);
