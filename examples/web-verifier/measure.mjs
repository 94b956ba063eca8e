#!/usr/bin/env node
// The page's weight and how soon it is ready, as a clerk's first visit meets
// them: assembles the page with a bundle made by the real `poura` CLI, serves
// it on 127.0.0.1 and opens it in a fresh Chromium profile each run.
//
//   weight: every byte the server sent until the service worker has installed
//           (the page, both .wasm files, the trust data and what the service
//           worker caches), each response gzipped at level 9 as a server would
//           send it; a file fetched twice counts twice.
//   ready:  from navigation start to <body data-ready> (the verifier and the
//           trust bundle loaded, the text field focused), the median of RUNS.
//
//   POURA_CLI=/path/to/poura [POURA_WASM_DIST=dir] [RUNS=7] node measure.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { makeFixtures } from './tests/fixtures.mjs';
import { serve } from './tests/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const runs = Number(process.env.RUNS || 7);
const poura = process.env.POURA_CLI && path.resolve(process.env.POURA_CLI);
if (!poura || !fs.existsSync(poura)) {
  console.error('measure.mjs: POURA_CLI must name the poura command-line tool');
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'poura-web-verifier-measure-'));
const fx = makeFixtures(poura, path.join(work, 'fixtures'));
const site = path.join(work, 'www', 'site');
execFileSync(process.execPath, [path.join(here, 'build.mjs'), '--out', site, '--bundle', fx.bundle, '--roots', fx.roots], {
  stdio: 'ignore',
});
const server = await serve(path.join(work, 'www'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

const gzipped = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

const readyTimes = [];
let weight = 0;
let files = [];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const first = server.requests.length;
  await page.goto(`${server.url}/site/`);
  await page.waitForSelector('body[data-ready]');
  readyTimes.push(await page.evaluate(() => performance.now()));
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    await new Promise((resolve) => {
      if (registration.active && registration.active.state === 'activated') resolve();
      else registration.active.addEventListener('statechange', resolve);
    });
  });
  if (run === 0) {
    files = server.requests.slice(first).map((p) => {
      const file = path.join(work, 'www', decodeURIComponent(p));
      return fs.statSync(file).isDirectory() ? path.join(file, 'index.html') : file;
    });
    weight = files.reduce((sum, file) => sum + gzipped(file), 0);
  }
  await context.close();
}
await browser.close();
await server.close();

readyTimes.sort((a, b) => a - b);
const median = readyTimes[Math.floor(readyTimes.length / 2)];
const counts = new Map();
for (const file of files) counts.set(path.relative(site, file), (counts.get(path.relative(site, file)) || 0) + 1);
for (const [file, count] of [...counts].sort()) {
  console.log(`  ${file.padEnd(40)} ${String(gzipped(path.join(site, file))).padStart(8)} B gz${count > 1 ? ` ×${count}` : ''}`);
}
console.log(`first visit: ${files.length} responses, ${(weight / 1000).toFixed(1)} kB gzipped`);
console.log(`ready: median ${(median / 1000).toFixed(3)} s of ${runs} runs (${readyTimes.map((t) => (t / 1000).toFixed(3)).join(', ')})`);
fs.rmSync(work, { recursive: true, force: true });
