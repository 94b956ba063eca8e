#!/usr/bin/env node
// Assembles the verifier into one servable folder: the page (site/), Poura's
// verify-only WebAssembly package, zxing-wasm's reader build, the certificate
// profiles' titles and labels, a bold Bangla font cut to the page's verdict
// words, the service worker's asset list and, when given, the trust bundle and
// the config.json that names it with the root keys.
//
//   node build.mjs --out DIR [--poura-dist DIR] [--bundle trust.bundle --roots root.pub.json | --config config.json]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const MARKER = '.poura-web-verifier';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    'poura-dist': { type: 'string' },
    bundle: { type: 'string' },
    roots: { type: 'string' },
    config: { type: 'string' },
    'bangla-bold-font': { type: 'string' },
  },
});

function fail(message) {
  console.error(`build.mjs: ${message}`);
  process.exit(2);
}

if (!args.out) fail('--out DIR is required');
if (Boolean(args.bundle) !== Boolean(args.roots)) fail('--bundle and --roots go together');
if (args.config && args.bundle) fail('give either --config or --bundle with --roots');

const out = path.resolve(args.out);
const pouraDist = path.resolve(args['poura-dist'] || process.env.POURA_WASM_DIST || path.join(repo, 'wasm', 'package', 'dist'));

// Only a folder this script made before (or an empty or new one) is cleared.
if (fs.existsSync(out) && fs.readdirSync(out).length > 0 && !fs.existsSync(path.join(out, MARKER))) {
  fail(`${out} is not empty and was not made by this script; choose another --out`);
}
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, MARKER), 'made by examples/web-verifier/build.mjs\n');

function copy(from, to) {
  if (!fs.existsSync(from)) fail(`missing ${from}`);
  fs.mkdirSync(path.dirname(path.join(out, to)), { recursive: true });
  fs.copyFileSync(from, path.join(out, to));
}

for (const name of fs.readdirSync(path.join(here, 'site'))) copy(path.join(here, 'site', name), name);

// zxing-wasm: the ES reader build, the chunk it imports, its .wasm and licence,
// laid out as in the package so that the relative import keeps working.
const zxingReader = fileURLToPath(import.meta.resolve('zxing-wasm/reader'));
const zxingDist = path.resolve(path.dirname(zxingReader), '..', '..');
copy(zxingReader, 'vendor/zxing-wasm/es/reader/index.js');
copy(path.join(zxingDist, 'es', 'share.js'), 'vendor/zxing-wasm/es/share.js');
copy(path.join(zxingDist, 'reader', 'zxing_reader.wasm'), 'vendor/zxing-wasm/reader/zxing_reader.wasm');
copy(path.join(zxingDist, '..', 'LICENSE'), 'vendor/zxing-wasm/LICENSE');

copy(path.join(pouraDist, 'poura-verify.js'), 'poura/poura-verify.js');
copy(path.join(pouraDist, 'poura-verify.wasm'), 'poura/poura-verify.wasm');

// The verdict words in bold Bangla, whatever fonts the clerk's device has: a
// subset of Noto Sans Bengali Bold (Debian's fonts-noto-core) with the Bengali
// letters of the words the page sets in it (the verdict words of render.js and
// the notices app.js shows in their place), cut by fontTools' pyftsubset with
// every OpenType feature, so that conjuncts still form; and its licence.
function banglaWords() {
  const render = fs.readFileSync(path.join(here, 'site', 'render.js'), 'utf8');
  const app = fs.readFileSync(path.join(here, 'site', 'app.js'), 'utf8');
  const verdictWords = [...render.matchAll(/mark: '[^']*', bn: '([^']+)'/g)].map((m) => m[1]);
  const notices = [...app.matchAll(/noticeResult\(\s*'([^']+)'/g)].map((m) => m[1]);
  if (verdictWords.length < 3 || notices.length < 3) fail('could not find the verdict words in site/render.js and site/app.js');
  return [...verdictWords, ...notices].join(' ');
}

function licenceOf(copyrightFile) {
  const text = fs.readFileSync(copyrightFile, 'utf8');
  const holders = /^Files: \*\nCopyright:\n((?: .*\n)+)/m.exec(text);
  const ofl = /^License: OFL-1\.1\n((?: .*\n)+)/m.exec(text.slice(text.indexOf('\nLicense: OFL-1.1\n PREAMBLE') + 1));
  if (!holders || !ofl) fail(`${copyrightFile} does not hold the Noto copyright and the OFL 1.1 text`);
  const unfold = (lines) => lines.split('\n').map((line) => (line === ' .' ? '' : line.slice(1))).join('\n');
  return (
    'fonts/bangla-bold.woff2 is a subset of Noto Sans Bengali Bold, cut by build.mjs to the letters of\n' +
    "the verifier page's verdict words. The subset keeps the font's own names and this licence.\n\n" +
    `Copyright:\n${unfold(holders[1])}\n` +
    'This Font Software is licensed under the SIL Open Font License, Version 1.1.\n\n' +
    unfold(ofl[1])
  );
}

const fontSource = args['bangla-bold-font'] || '/usr/share/fonts/truetype/noto/NotoSansBengali-Bold.ttf';
if (!fs.existsSync(fontSource)) fail(`missing ${fontSource}: install fonts-noto-core (scripts/install-deps web) or give --bangla-bold-font`);
const letters = [...new Set(banglaWords())].filter((c) => /[\u0980-\u09FF]/u.test(c)).join('');
fs.mkdirSync(path.join(out, 'fonts'));
try {
  execFileSync('pyftsubset', [fontSource, `--text=${letters}\u200C\u200D\u25CC`, '--layout-features=*', '--no-hinting',
    '--flavor=woff2', `--output-file=${path.join(out, 'fonts', 'bangla-bold.woff2')}`], { stdio: ['ignore', 'ignore', 'inherit'] });
} catch (error) {
  fail(`pyftsubset (fontTools, with Brotli for WOFF2) failed: ${error.message}; install fonttools and python3-brotli (scripts/install-deps web)`);
}
fs.writeFileSync(path.join(out, 'fonts', 'OFL.txt'), licenceOf('/usr/share/doc/fonts-noto-core/copyright'));

// What the page needs of each certificate profile to show a document: the
// title and, per field, the label and the enum values, in Bangla and English.
function fieldView(field) {
  const view = { name: field.name, kind: field.kind, label: field.label };
  if (Array.isArray(field.values)) view.values = field.values.map(({ value, bn, en }) => ({ value, bn, en }));
  if (Array.isArray(field.fields)) view.fields = field.fields.map(fieldView);
  return view;
}
const profilesDir = path.join(repo, 'sdk', 'data', 'profiles');
const profiles = {};
for (const name of fs.readdirSync(profilesDir).filter((n) => n.endsWith('.json')).sort()) {
  const profile = JSON.parse(fs.readFileSync(path.join(profilesDir, name), 'utf8'));
  profiles[profile.type] = { title: profile.title, fields: profile.fields.map(fieldView) };
}
fs.writeFileSync(path.join(out, 'profiles.json'), `${JSON.stringify(profiles, null, 1)}\n`);

// config.json and the bundle stay out of the asset list: the service worker
// fetches them network-first so that a new bundle replaces the old one.
const data = new Set(['config.json', 'sw.js', 'sw-assets.js', MARKER]);
if (args.bundle) {
  const roots = JSON.parse(fs.readFileSync(args.roots, 'utf8'));
  copy(args.bundle, 'trust.bundle');
  data.add('trust.bundle');
  const config = { trustBundleUrl: 'trust.bundle', roots };
  fs.writeFileSync(path.join(out, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
} else if (args.config) {
  const config = JSON.parse(fs.readFileSync(args.config, 'utf8'));
  if (typeof config.trustBundleUrl !== 'string' || typeof config.roots !== 'object') {
    fail(`${args.config} needs "trustBundleUrl" (a URL) and "roots" (the root.pub.json object)`);
  }
  copy(args.config, 'config.json');
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [path.relative(out, full).split(path.sep).join('/')];
  });
}
const assets = walk(out).filter((file) => !data.has(file)).sort();
const hash = createHash('sha256');
const integrity = { './': '' };
for (const file of assets) {
  const bytes = fs.readFileSync(path.join(out, file));
  hash.update(file).update('\0').update(bytes);
  integrity[file] = `sha256-${createHash('sha256').update(bytes).digest('base64')}`;
}
integrity['./'] = integrity['index.html'];
const build = hash.digest('hex').slice(0, 16);
fs.writeFileSync(
  path.join(out, 'sw-assets.js'),
  '// Written by build.mjs: the files of this build and their SHA-256, kept by the service worker for offline use.\n' +
    `self.PAGE_BUILD = ${JSON.stringify(build)};\n` +
    `self.PAGE_ASSETS = ${JSON.stringify(integrity, null, 1)};\n`,
);

console.log(`assembled ${out}: ${assets.length} files, build ${build}${fs.existsSync(path.join(out, 'config.json')) ? '' : ' (no config.json yet: see README.md)'}`);
