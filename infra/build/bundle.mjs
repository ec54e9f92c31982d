#!/usr/bin/env node
/**
 * `npm run build` of a workspace package, run with cwd = the package folder:
 *   services/<name>:  node ../../infra/build/bundle.mjs
 *   gateway:          node ../infra/build/bundle.mjs
 *   infra:            node build/bundle.mjs            (bundles the migrate CLI and the audit commands)
 *
 * Bundles the package's entry (`src/index.ts`) with esbuild into `dist/index.js`: platform node,
 * target node20, CommonJS, source map (run with `node --enable-source-maps`). Packages from
 * node_modules stay external and are installed in the image by `npm ci --omit=dev -w <package>`;
 * workspace packages (`@mamis/*`) are consumed as TypeScript source, so they are bundled.
 *
 * Besides `dist/index.js` it writes `dist/externals.json`: every package specifier the bundle
 * `require()`s at run time. The Dockerfile resolves each one in the runtime stage, so an image
 * that lacks a dependency fails to BUILD instead of failing at start-up.
 *
 * The build fails when the bundle imports a package that neither the package nor its `@mamis/*`
 * dependencies declare (hoisting hides that in the checkout; `npm ci -w <package>` in the image
 * does not), and warns when a file imports a package only another workspace package declares.
 *
 * `__dirname` / `__filename` in bundled source keep their source meaning: they are rewritten to
 * the file's ORIGINAL folder, resolved relative to the bundle at run time. So
 * `path.resolve(__dirname, '../../..')` in services/platform/src/subgraph.ts still finds the repo
 * root when bundled into gateway/dist (a different depth) — as long as the runtime tree mirrors
 * the repository (the Docker image does: /app/<package>/dist, /app/schema).
 *
 * Libraries (`@mamis/platform`) are not bundled on their own: the build is a no-op that exits 0
 * (they are typechecked by `npm run typecheck` and bundled into every service that uses them).
 *
 * Options (repeatable): --entry <file>[:<outName>]  bundle these instead of the default entry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(repoRoot, 'package.json'));
const esbuild = require('esbuild');

/** Workspace packages that are libraries: nothing to bundle on their own. */
const LIBRARIES = new Set(['@mamis/platform']);
/** Entries of packages that have no `src/index.ts` (outName → file relative to the package). */
const EXTRA_ENTRIES = {
  // the migrate image also runs the audit commands (infra/k8s/audit-checkpoint-cronjob.yaml)
  '@mamis/infra': {
    'migrate-cli': 'db/migrate-cli.ts',
    'audit-checkpoint': 'db/audit-checkpoint.ts',
    'audit-verify': 'db/audit-verify.ts',
  },
};

const pkgDir = process.cwd();
const pkgJsonPath = path.join(pkgDir, 'package.json');
if (!existsSync(pkgJsonPath))
  fail(`no package.json in ${pkgDir}: run this with cwd = a workspace package folder`);
const pkg = JSON.parse(readFileSync(pkgJsonPath, 'utf8'));
const outdir = path.join(pkgDir, 'dist');

function fail(message) {
  console.error(`[bundle] ${message}`);
  process.exit(1);
}

function parseEntries(argv) {
  const entries = {};
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] !== '--entry')
      fail(`unknown argument ${argv[i]} (usage: bundle.mjs [--entry <file>[:<outName>]]...)`);
    const value = argv[++i];
    if (!value) fail('--entry needs a file');
    const [file, name] = value.split(':');
    entries[name ?? path.basename(file).replace(/\.[cm]?[jt]sx?$/, '')] = file;
  }
  return entries;
}

function defaultEntries() {
  if (LIBRARIES.has(pkg.name)) return null;
  if (EXTRA_ENTRIES[pkg.name]) return EXTRA_ENTRIES[pkg.name];
  if (existsSync(path.join(pkgDir, 'src/index.ts'))) return { index: 'src/index.ts' };
  return null;
}

const entries = process.argv.length > 2 ? parseEntries(process.argv.slice(2)) : defaultEntries();
if (!entries) {
  console.log(`[bundle] ${pkg.name}: library (or no src/index.ts), nothing to bundle`);
  process.exit(0);
}
for (const [name, file] of Object.entries(entries)) {
  if (!existsSync(path.resolve(pkgDir, file))) fail(`${pkg.name}: entry ${file} (${name}) does not exist`);
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isBare = (spec) => !spec.startsWith('.') && !path.isAbsolute(spec);
const packageNameOf = (spec) => {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

/** Keep node_modules packages external; bundle workspace packages (`@mamis/*`) from source. */
const externalsPlugin = {
  name: 'mamis-externals',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || !isBare(args.path)) return undefined;
      if (builtins.has(args.path)) return { path: args.path, external: true };
      if (args.path.startsWith('@mamis/')) return undefined; // resolved (through the workspace symlink) and bundled
      return { path: args.path, external: true };
    });
  },
};

const toPosix = (p) => p.split(path.sep).join('/');

/** `__dirname`/`__filename` of a bundled source file = its source location, relative to the bundle. */
const sourceDirnamePlugin = {
  name: 'mamis-source-dirname',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      if (args.path.split(path.sep).includes('node_modules')) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
      const relDir = toPosix(path.relative(outdir, path.dirname(args.path))) || '.';
      const relFile = toPosix(path.relative(outdir, args.path));
      const body = source
        .replace(/\b__dirname\b/g, '__mamisSourceDirname()')
        .replace(/\b__filename\b/g, '__mamisSourceFilename()');
      // Appended (function declarations hoist), so line numbers and the source map stay right.
      const epilogue =
        `\nimport * as __mamisPath from 'node:path';` +
        `function __mamisSourceDirname() { return __mamisPath.resolve(__dirname, ${JSON.stringify(relDir)}); }` +
        `function __mamisSourceFilename() { return __mamisPath.resolve(__dirname, ${JSON.stringify(relFile)}); }\n`;
      const ext = path.extname(args.path).slice(1);
      return {
        contents: body + epilogue,
        loader: ext.includes('t') ? 'ts' : 'js',
        resolveDir: path.dirname(args.path),
      };
    });
  },
};

const DEP_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];
const declaredIn = (json) => new Set(DEP_FIELDS.flatMap((k) => Object.keys(json[k] ?? {})));

/** The package.json that owns a source file (the nearest one above it). */
function ownerOf(file, cache) {
  let dir = path.dirname(file);
  while (dir.startsWith(repoRoot)) {
    if (cache.has(dir)) return cache.get(dir);
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const json = JSON.parse(readFileSync(candidate, 'utf8'));
      const owner = { name: json.name ?? path.relative(repoRoot, dir), declared: declaredIn(json) };
      cache.set(dir, owner);
      return owner;
    }
    dir = path.dirname(dir);
  }
  return undefined;
}

/**
 * Everything `npm ci --omit=dev -w <this package>` installs at the top level: the package's own
 * dependencies and, through workspace (`@mamis/*`) dependencies, theirs.
 */
function installedClosure(json) {
  const names = new Set();
  const seen = new Set();
  const visit = (j) => {
    if (seen.has(j.name)) return;
    seen.add(j.name);
    for (const dep of declaredIn(j)) {
      names.add(dep);
      if (!dep.startsWith('@mamis/')) continue;
      const depJson = path.join(repoRoot, 'node_modules', dep, 'package.json');
      if (existsSync(depJson)) visit(JSON.parse(readFileSync(depJson, 'utf8')));
    }
  };
  visit(json);
  return names;
}

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

let result;
try {
  result = await esbuild.build({
    absWorkingDir: pkgDir,
    entryPoints: entries,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    // TypeORM/migration/entity metadata uses class names: never let bundling rename a class.
    keepNames: true,
    // experimentalDecorators (TypeORM legacy decorators), no decorator metadata needed.
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
    plugins: [externalsPlugin, sourceDirnamePlugin],
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
} catch {
  fail(`${pkg.name}: esbuild failed (errors above)`);
}

// Externals: what the bundle needs at run time, and whether the image will install each one.
const externals = new Set();
const notInstalled = [];
const undeclared = [];
const owners = new Map();
const closure = installedClosure(pkg);
for (const [input, info] of Object.entries(result.metafile.inputs)) {
  const file = path.resolve(pkgDir, input);
  for (const imp of info.imports) {
    // `<runtime>` is esbuild's own helper module, not a package.
    if (!imp.external || builtins.has(imp.path) || imp.path.startsWith('<')) continue;
    externals.add(imp.path);
    const name = packageNameOf(imp.path);
    const where = toPosix(path.relative(repoRoot, file));
    const owner = ownerOf(file, owners);
    if (!closure.has(name))
      notInstalled.push(
        `${where} imports '${name}', declared by neither ${pkg.name} nor its @mamis/* dependencies`,
      );
    else if (owner && !owner.declared.has(name))
      undeclared.push(`${where} imports '${name}': add it to the dependencies of ${owner.name}`);
  }
}
if (undeclared.length > 0) {
  console.warn(
    `[bundle] ${pkg.name}: warning: imports installed only through another workspace package:\n` +
      [...new Set(undeclared)].map((l) => `  - ${l}`).join('\n'),
  );
}
if (notInstalled.length > 0) {
  fail(
    `${pkg.name}: undeclared runtime dependencies (the production image installs only declared ones):\n` +
      [...new Set(notInstalled)].map((l) => `  - ${l}`).join('\n'),
  );
}
await writeFile(path.join(outdir, 'externals.json'), `${JSON.stringify([...externals].sort(), null, 2)}\n`);

const outputs = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .map(
    ([file, o]) =>
      `${toPosix(path.relative(pkgDir, path.resolve(pkgDir, file)))} (${(o.bytes / 1024).toFixed(0)} KiB)`,
  );
console.log(`[bundle] ${pkg.name}: ${outputs.join(', ')}; ${externals.size} external packages`);
