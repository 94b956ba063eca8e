// End-to-end tests of the verifier page in headless Chromium: certificates made
// with the real `poura` CLI, checked by the page through Poura's WebAssembly
// verifier, and compared with what `poura verify --json` says about them.
//
//   POURA_CLI=/path/to/poura [WEB_VERIFIER_WORK=dir] [CHROMIUM=/usr/bin/chromium] node --test tests/
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { KALIGANJ, SARIAKANDI, makeFixtures } from './fixtures.mjs';
import { makePhotos } from './photos.mjs';
import { serve } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const poura = process.env.POURA_CLI;
const work = process.env.WEB_VERIFIER_WORK || fs.mkdtempSync(path.join(os.tmpdir(), 'poura-web-verifier-'));
const shots = path.join(work, 'screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

let fx;
let photos;
let server;
let browser;

function build(out, bundle, roots) {
  execFileSync(process.execPath, [path.join(here, '..', 'build.mjs'), '--out', out, '--bundle', bundle, '--roots', roots], {
    stdio: 'inherit',
  });
}

// The CLI's verdict on the same text: the page must say the same thing.
function cliVerdict(text, bundle = fx.bundle) {
  try {
    return JSON.parse(execFileSync(poura, ['verify', text, '--trust', bundle, '--root', fx.roots, '--json'], { encoding: 'utf8' }));
  } catch (error) {
    if (error.status !== 1) throw error;
    return JSON.parse(error.stdout);
  }
}

async function openVerifier(context, folder = 'site') {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(`${server.url}/`) && !/^(data|blob):/.test(request.url())) {
      problems.push(`request to another origin: ${request.url()}`);
    }
  });
  await page.goto(`${server.url}/${folder}/`);
  await page.waitForSelector('body[data-ready]');
  return { page, problems };
}

async function resultOf(page, previous = null) {
  const verdict = page.locator('#result-body > .verdict');
  await verdict.waitFor();
  if (previous) await page.waitForFunction((old) => document.querySelector('#result-body > .verdict') !== old, previous);
  return {
    verdict: await verdict.getAttribute('data-verdict'),
    reason: await verdict.getAttribute('data-reason'),
    text: await page.locator('#result').innerText(),
    handle: await verdict.elementHandle(),
  };
}

// The whole page, and what the clerk sees on the screen at that moment.
async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  await page.screenshot({ path: path.join(shots, `${name}-screen.png`) });
}

async function verifyByTyping(page, text) {
  await page.locator('#qr-text').fill(text);
  await page.locator('#qr-text').press('Enter');
  return resultOf(page);
}

function assertSameAsCli(result, text, bundle) {
  const cli = cliVerdict(text, bundle);
  assert.equal(result.verdict, cli.verdict);
  assert.equal(result.reason, cli.reason);
  assert.ok(result.text.includes(cli.message_en), `page shows "${cli.message_en}"`);
  assert.ok(result.text.includes(cli.message_bn), `page shows "${cli.message_bn}"`);
}

before(async () => {
  assert.ok(poura && fs.existsSync(poura), 'POURA_CLI must name the poura command-line tool');
  fs.mkdirSync(shots, { recursive: true });
  fx = makeFixtures(poura, path.join(work, 'fixtures'));
  build(path.join(work, 'www', 'site'), fx.bundle, fx.roots);
  build(path.join(work, 'www', 'site-old-bundle'), fx.olderBundle, fx.roots);
  build(path.join(work, 'www', 'site-stale-bundle'), fx.staleBundle, fx.roots);
  build(path.join(work, 'www', 'site-expired-bundle'), fx.expiredBundle, fx.roots);
  server = await serve(path.join(work, 'www'));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  photos = await makePhotos(browser, fx.qrPng, path.join(work, 'photos'));
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  console.log(`screenshots in ${shots}`);
});

describe('the verifier page', () => {
  it('shows the trust bundle it loaded', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context);
    assert.equal(await page.locator('body').getAttribute('data-ready'), 'yes');
    assert.equal(await page.locator('#trust-state').getAttribute('data-state'), 'fresh');
    const facts = await page.locator('#trust-facts').innerText();
    assert.match(facts, new RegExp(`#${fx.show.sequence}\\b`));
    assert.match(facts, /up to date|হালনাগাদ/);
    await shot(page, '01-start');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says VALID for a genuine certificate pasted into the field', async () => {
    const context = await browser.newContext(PHONE);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page, problems } = await openVerifier(context);
    await page.evaluate((text) => navigator.clipboard.writeText(text), fx.valid.qr_text);
    await page.locator('#qr-text').focus();
    await page.keyboard.press('Control+V');
    const result = await resultOf(page);
    assert.equal(result.verdict, 'valid');
    assertSameAsCli(result, fx.valid.qr_text);
    for (const expected of ['বৈধ', 'VALID', 'নাগরিকত্ব সনদ', 'Citizenship Certificate', 'মোছাঃ রহিমা খাতুন',
      'Mst. Rahima Khatun', 'মোঃ আব্দুল করিম', '1990101234567', SARIAKANDI.bn, SARIAKANDI.en, SARIAKANDI.code,
      'SKD-2025-0001', fx.valid.kid]) {
      assert.ok(result.text.includes(expected), `the verdict shows ${expected}`);
    }
    assert.match(result.text, /up to date/);
    assert.equal(await page.locator('#qr-text').inputValue(), fx.valid.qr_text);
    await shot(page, '02-valid-pasted');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('reads the QR from an uploaded photo and says VALID', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context);
    await page.locator('#photo').setInputFiles(photos.withQr);
    const result = await resultOf(page);
    assert.equal(result.verdict, 'valid');
    assert.equal(await page.locator('#qr-text').inputValue(), fx.valid.qr_text);
    assert.ok(result.text.includes('Mst. Rahima Khatun'));
    await shot(page, '03-valid-photo');
    assert.deepEqual(problems, []);
    await context.close();
  });

  const refusals = [
    ['a tampered copy', () => fx.tampered, 'bad_signature', '04-tampered'],
    ['a revoked certificate', () => fx.revoked.qr_text, 'revoked', '05-revoked'],
    ['an expired certificate', () => fx.expired.qr_text, 'expired', '06-expired'],
    ['an issuer not allowed this document type', () => fx.notAllowed.qr_text, 'issuer_not_allowed', '07-wrong-issuer-type'],
    ['a key that is not in the trust bundle', () => fx.unknownKey.qr_text, 'unknown_key', '08-wrong-issuer-key'],
  ];
  for (const [what, text, reason, name] of refusals) {
    it(`says INVALID for ${what}`, async () => {
      const context = await browser.newContext(PHONE);
      const { page, problems } = await openVerifier(context);
      const result = await verifyByTyping(page, text());
      assert.equal(result.verdict, 'invalid');
      assert.equal(result.reason, reason);
      assertSameAsCli(result, text());
      assert.ok(result.text.includes('অবৈধ') && result.text.includes('INVALID'));
      await shot(page, name);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  it('shows no document details for a forged copy, and the issuer for a wrong-type one', async () => {
    const context = await browser.newContext(PHONE);
    const { page } = await openVerifier(context);
    let result = await verifyByTyping(page, fx.tampered);
    assert.ok(!result.text.includes('Rahela'), 'the forged name is not shown');
    assert.equal(await page.locator('[data-part="document"]').count(), 0);
    assert.match(result.text, /The issuer could not be established/);
    assert.ok(!result.text.includes(SARIAKANDI.en), 'no issuer is claimed for a forgery');
    await page.locator('#qr-text').fill(fx.notAllowed.qr_text);
    await page.locator('#qr-text').press('Enter');
    result = await resultOf(page, result.handle);
    assert.equal(result.reason, 'issuer_not_allowed');
    assert.ok(result.text.includes(KALIGANJ.en) && result.text.includes(KALIGANJ.code));
    assert.match(result.text, /do not rely on the details/);
    await context.close();
  });

  it('shows whose an expired or revoked certificate is, under the warning not to rely on it', async () => {
    const context = await browser.newContext(PHONE);
    const { page } = await openVerifier(context);
    let handle;
    for (const [certificate, reason] of [[fx.expired, 'expired'], [fx.revoked, 'revoked']]) {
      await page.locator('#qr-text').fill(certificate.qr_text);
      await page.locator('#qr-text').press('Enter');
      const result = await resultOf(page, handle);
      handle = result.handle;
      assert.equal(result.reason, reason);
      assert.equal(await page.locator('[data-part="document"]').count(), 1);
      assert.ok(result.text.includes('Mst. Rahima Khatun'), `the holder's name for a ${reason} certificate`);
      assert.match(result.text, /do not rely on the details/);
    }
    await context.close();
  });

  it('says clearly that a photo holds no QR code, and keeps working', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context);
    await page.locator('#photo').setInputFiles(photos.withoutQr);
    const result = await resultOf(page);
    assert.equal(result.verdict, 'none');
    assert.match(result.text, /No QR code found in this photo/);
    assert.match(result.text, /কোনো QR কোড পাওয়া যায়নি/);
    await shot(page, '09-photo-without-qr');
    const next = await verifyByTyping(page, fx.valid.qr_text);
    assert.equal(next.verdict, 'valid');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('takes a hardware scanner typing the QR text and Enter, wherever the focus was', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openVerifier(context);
    await page.locator('h1').click();
    assert.equal(await page.evaluate(() => document.activeElement.id), '');
    await page.keyboard.type(fx.heirship.qr_text);
    await page.keyboard.press('Enter');
    const result = await resultOf(page);
    assert.equal(result.verdict, 'valid');
    for (const expected of ['ওয়ারিশ সনদ', 'Heirship Certificate', 'The deceased', 'Heirs', 'Md. Rafiqul Islam', 'পুত্র', 'Son']) {
      assert.ok(result.text.includes(expected), `the verdict shows ${expected}`);
    }
    await shot(page, '10-scanner-heirship-desktop');
    // The next scan replaces the last one.
    await page.keyboard.type(fx.tradeLicence.qr_text);
    await page.keyboard.press('Enter');
    const second = await resultOf(page, result.handle);
    assert.equal(second.verdict, 'valid');
    assert.ok(second.text.includes(KALIGANJ.en) && second.text.includes('Trade Licence'));
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('takes a newer trust bundle file and refuses an older one', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context, 'site-old-bundle');
    assert.match(await page.locator('#trust-facts').innerText(), new RegExp(`#${fx.show.sequence - 1}\\b`));
    // The older bundle does not yet list the revocation.
    let result = await verifyByTyping(page, fx.revoked.qr_text);
    assert.equal(result.verdict, 'valid');
    assertSameAsCli(result, fx.revoked.qr_text, fx.olderBundle);
    await page.locator('#bundle-file').setInputFiles(fx.bundle);
    await page.waitForFunction((seq) => document.getElementById('trust-facts').innerText.includes(`#${seq}`), fx.show.sequence);
    await page.locator('#qr-text').press('Enter');
    result = await resultOf(page, result.handle);
    assert.equal(result.reason, 'revoked');
    await page.locator('#bundle-file').setInputFiles(fx.olderBundle);
    await page.waitForSelector('#trust-facts .problem');
    assert.match(await page.locator('#trust-facts').innerText(), /older than the bundle in use/);
    assert.match(await page.locator('#trust-facts').innerText(), new RegExp(`#${fx.show.sequence}\\b`));
    await shot(page, '11-bundle-rollback-refused');
    // The newer bundle is remembered: a reload keeps it although the server still has the older one.
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    assert.match(await page.locator('#trust-facts').innerText(), new RegExp(`#${fx.show.sequence}\\b`));
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('warns about a stale trust bundle and still verifies', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context, 'site-stale-bundle');
    assert.equal(await page.locator('#trust-state').getAttribute('data-state'), 'stale');
    const result = await verifyByTyping(page, fx.valid.qr_text);
    assert.equal(result.verdict, 'valid');
    assertSameAsCli(result, fx.valid.qr_text, fx.staleBundle);
    assert.match(result.text, /The trust bundle is out of date/);
    assert.match(result.text, /stale/);
    await shot(page, '14-stale-bundle');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('refuses every certificate once the trust bundle has expired', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context, 'site-expired-bundle');
    assert.equal(await page.locator('#trust-state').getAttribute('data-state'), 'expired');
    const result = await verifyByTyping(page, fx.valid.qr_text);
    assert.equal(result.verdict, 'invalid');
    assert.equal(result.reason, 'trust_expired');
    assertSameAsCli(result, fx.valid.qr_text, fx.expiredBundle);
    await shot(page, '15-expired-bundle');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('keeps verifying offline after one visit', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      }
    });
    await context.setOffline(true);
    const served = server.requests.length;
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    assert.equal(await page.locator('body').getAttribute('data-ready'), 'yes');
    assert.equal(server.requests.length, served, 'nothing reached the server while offline');
    let result = await verifyByTyping(page, fx.valid.qr_text);
    assert.equal(result.verdict, 'valid');
    await page.locator('#photo').setInputFiles(photos.withQr);
    result = await resultOf(page, result.handle);
    assert.equal(result.verdict, 'valid');
    result = await verifyByTyping(page, fx.revoked.qr_text);
    assert.equal(result.reason, 'revoked');
    await shot(page, '12-offline-revoked');
    await context.setOffline(false);
    assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)), []);
    await context.close();
  });
});

describe('the camera', () => {
  let cameraBrowser;

  before(async () => {
    cameraBrowser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${photos.camera}`],
    });
  });

  after(async () => {
    if (cameraBrowser) await cameraBrowser.close();
  });

  it('reads a QR code held in front of the camera', async () => {
    const context = await cameraBrowser.newContext(PHONE);
    await context.grantPermissions(['camera']);
    const { page, problems } = await openVerifier(context);
    await page.locator('#camera-start').click();
    const result = await resultOf(page);
    assert.equal(result.verdict, 'valid');
    assert.equal(await page.locator('#camera').isHidden(), true, 'the camera stops after a read');
    await shot(page, '13-camera');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
