// End-to-end tests of the verifier page in headless Chromium: certificates made
// with the real `poura` CLI, checked by the page through Poura's WebAssembly
// verifier, and compared with what `poura verify --json` says about them.
//
//   POURA_CLI=/path/to/poura [WEB_VERIFIER_WORK=dir] [CHROMIUM=/usr/bin/chromium] node --test tests/
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
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
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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
  // Anything the page's Content-Security-Policy blocks is a problem too.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
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
    outcome: await verdict.getAttribute('data-outcome'),
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

// axe-core's rules over the whole page as it stands; each violation as "rule: nodes".
async function axeViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
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
  build(path.join(work, 'www', 'site-future-bundle'), fx.futureBundle, fx.roots);
  // A page whose configured bundle the server does not have.
  const noBundle = path.join(work, 'no-bundle-config.json');
  fs.writeFileSync(noBundle, JSON.stringify({ trustBundleUrl: 'missing.bundle', roots: JSON.parse(fs.readFileSync(fx.roots, 'utf8')) }));
  execFileSync(process.execPath, [path.join(here, '..', 'build.mjs'), '--out', path.join(work, 'www', 'site-no-bundle'), '--config', noBundle], {
    stdio: 'inherit',
  });
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
    assert.match(result.text, /Compare the name and NID with the holder's ID/);
    assert.equal(result.outcome, 'valid');
    const technical = await page.locator('#result-body details.technical').textContent();
    assert.ok(technical.includes(cliVerdict(fx.valid.qr_text).identity.fingerprint),
      'the technical details show the fingerprint');
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
    ['a tampered copy', () => fx.tampered, 'bad_signature', '04-tampered', /do not accept it/],
    ['a revoked certificate', () => fx.revoked.qr_text, 'revoked', '05-revoked', /do not accept it/],
    ['an expired certificate', () => fx.expired.qr_text, 'expired', '06-expired', /Ask the holder to renew it at the pourashava/],
    ['an issuer not allowed this document type', () => fx.notAllowed.qr_text, 'issuer_not_allowed', '07-wrong-issuer-type', /do not accept it/],
    ['a key that is not in the trust bundle', () => fx.unknownKey.qr_text, 'unknown_key', '08-wrong-issuer-key',
      /Update the trust bundle, then check again/],
  ];
  for (const [what, text, reason, name, nextStep] of refusals) {
    it(`says INVALID for ${what}, with what to do next`, async () => {
      const context = await browser.newContext(PHONE);
      const { page, problems } = await openVerifier(context);
      const result = await verifyByTyping(page, text());
      assert.equal(result.verdict, 'invalid');
      assert.equal(result.outcome, 'invalid');
      assert.equal(result.reason, reason);
      assert.match(await page.locator('#result-body .verdict .next-step').innerText(), nextStep);
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
    assert.equal(result.outcome, 'cannot-check');
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
    await page.waitForSelector('#trust-problems li');
    assert.match(await page.locator('#trust-problems').innerText(), /older than the bundle in use/);
    assert.match(await page.locator('#trust-facts').innerText(), new RegExp(`#${fx.show.sequence}\\b`));
    // Every value in the facts has its term: the problem is a list of its own, not a dd without a dt.
    assert.deepEqual(
      await page.$$eval('#trust-facts > *', (nodes) => nodes.map((n) => n.tagName)),
      ['DT', 'DD', 'DT', 'DD', 'DT', 'DD', 'DT', 'DD', 'DT', 'DD'],
    );
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

  it('says the clock is suspect, in amber, for a trust bundle issued after the time the device shows', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context, 'site-future-bundle');
    assert.equal(await page.locator('#trust-state').getAttribute('data-state'), 'clock_suspect');
    assert.equal(await page.locator('#trust-banner').getAttribute('data-state'), 'clock_suspect');
    assert.match(await page.locator('#trust-banner').innerText(), /clock looks wrong/);
    const result = await verifyByTyping(page, fx.valid.qr_text);
    assert.equal(result.verdict, 'valid');
    assertSameAsCli(result, fx.valid.qr_text, fx.futureBundle);
    assert.match(result.text, /clock is behind the trust bundle/);
    assert.match(result.text, /clock suspect/);
    assert.doesNotMatch(result.text, /up to date/);
    await shot(page, '14b-clock-suspect');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says CANNOT CHECK, in amber and not red, for every certificate once the trust bundle has expired', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context, 'site-expired-bundle');
    assert.equal(await page.locator('#trust-state').getAttribute('data-state'), 'expired');
    const result = await verifyByTyping(page, fx.valid.qr_text);
    assert.equal(result.verdict, 'invalid');
    assert.equal(result.reason, 'trust_expired');
    assertSameAsCli(result, fx.valid.qr_text, fx.expiredBundle);
    assert.equal(result.outcome, 'cannot-check');
    assert.ok(result.text.includes('যাচাই করা যায়নি') && result.text.includes('CANNOT CHECK'));
    assert.ok(!result.text.includes('অবৈধ') && !result.text.includes('INVALID'), 'not called invalid');
    assert.doesNotMatch(result.text, /do not rely on the details/);
    assert.match(result.text, /This does not mean the certificate is forged/);
    const colour = await page.locator('#result-body .verdict-mark').evaluate((node) => getComputedStyle(node).backgroundColor);
    assert.equal(colour, 'rgb(180, 83, 9)', 'the amber mark');
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
    // The bundle came from the service worker's cache: the page says it is a saved copy.
    assert.match(await page.locator('#trust-facts').innerText(), /saved on this device \(offline\)/);
    await shot(page, '12-offline-revoked');
    await context.setOffline(false);
    assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)), []);
    await context.close();
  });
});

describe('the clerk at a busy counter', () => {
  async function typeScan(page, text) {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  it('catches a new scan wherever the focus is, and clears the old verdict the moment it starts', async () => {
    const context = await browser.newContext(DESKTOP);
    const { page, problems } = await openVerifier(context);
    await page.locator('h1').click();
    await typeScan(page, fx.valid.qr_text);
    let result = await resultOf(page);
    assert.equal(result.verdict, 'valid');
    // The technical details give the focus back to the field when opened.
    await page.locator('#result-body summary').click();
    // The details' toggle event, which gives the focus back, is dispatched as a task after the click.
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'qr-text', null,
      { timeout: 2000 }).catch(() => {});
    assert.equal(await page.evaluate(() => document.activeElement.id), 'qr-text');
    const places = [
      ['the technical details', '#result-body summary'],
      ['the camera button', '#camera-start'],
      ['the photo chooser', '#photo'],
      ['the bundle file chooser', '#bundle-file'],
    ];
    let expected = fx.valid.qr_text;
    for (const [where, selector] of places) {
      await page.locator(selector).focus();
      assert.notEqual(await page.evaluate(() => document.activeElement.id), 'qr-text', `the focus is on ${where}`);
      // The verdict on screen is the old one until the first key of the next scan, then none.
      expected = expected === fx.tampered ? fx.valid.qr_text : fx.tampered;
      const before = Date.now();
      await page.keyboard.type(expected.slice(0, 6));
      assert.equal(await page.locator('#result-body').innerHTML(), '', `the old verdict is gone at once (focus on ${where})`);
      await page.keyboard.type(expected.slice(6));
      await page.keyboard.press('Enter');
      result = await resultOf(page, result.handle);
      assert.equal(await page.locator('#qr-text').inputValue(), expected, `the whole scan reached the field from ${where}`);
      assert.equal(result.reason, expected === fx.tampered ? 'bad_signature' : 'ok', `the verdict on the scan made from ${where}`);
      // The verdict says when it was made.
      const at = Date.parse(await page.locator('#result-body .checked-at time').getAttribute('datetime'));
      assert.ok(at >= before - 1000 && at <= Date.now() + 1000, 'the time of the check');
      assert.match(await page.locator('#result-body .checked-at').innerText(), /Checked at \d\d:\d\d:\d\d/);
    }
    await shot(page, '16-scan-after-details-desktop');
    // In the field itself, the first key after a check starts a new text instead of adding to the old one.
    await page.locator('#qr-text').focus();
    await page.keyboard.press('End');
    await typeScan(page, fx.tampered);
    result = await resultOf(page, result.handle);
    assert.equal(await page.locator('#qr-text').inputValue(), fx.tampered);
    assert.equal(result.reason, 'bad_signature');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('gives the focus back to the text field after a photo and after the camera', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context);
    await page.locator('#photo').focus();
    await page.locator('#photo').setInputFiles(photos.withQr);
    await resultOf(page);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'qr-text');
    // No camera in this browser: the message, and the focus back in the field.
    await page.locator('#camera-start').click();
    await page.waitForFunction(() => /camera/i.test(document.getElementById('scan-status').textContent) &&
      !/Hold the QR/.test(document.getElementById('scan-status').textContent));
    assert.equal(await page.evaluate(() => document.activeElement.id), 'qr-text');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says CANNOT CHECK, scan again, for text that could not be read, and keeps red for a forgery', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context);
    const unreadable = [
      ['bad_prefix', 'https://example.com/certificate/1'],
      ['bad_base45', 'BD1:A'],
      ['truncated', fx.valid.qr_text.slice(0, Math.floor(fx.valid.qr_text.length * 0.7))],
    ];
    let handle;
    for (const [what, text] of unreadable) {
      await page.locator('#qr-text').fill(text);
      await page.locator('#qr-text').press('Enter');
      const result = await resultOf(page, handle);
      handle = result.handle;
      assert.equal(result.outcome, 'cannot-check', what);
      assert.ok(result.text.includes('CANNOT CHECK') && !result.text.includes('INVALID'), what);
      assert.match(result.text, /Scan again/, what);
      assertSameAsCli(result, text);
    }
    await shot(page, '17-unreadable-cannot-check');
    const forged = await verifyByTyping(page, fx.tampered);
    assert.equal(forged.outcome, 'invalid');
    assert.ok(forged.text.includes('INVALID'));
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows a bundle that is not up to date at the top of the page on a phone', async () => {
    for (const [folder, state, words] of [
      ['site-expired-bundle', 'expired', /trust bundle has expired/],
      ['site-stale-bundle', 'stale', /trust bundle is stale/],
      ['site-no-bundle', 'missing', /No trust bundle/],
    ]) {
      const context = await browser.newContext(PHONE);
      const { page, problems } = await openVerifier(context, folder);
      const banner = page.locator('#trust-banner');
      assert.equal(await banner.isVisible(), true, `${state}: the banner shows`);
      assert.equal(await banner.getAttribute('data-state'), state);
      assert.match(await banner.innerText(), words);
      const box = await banner.boundingBox();
      // Right under the page's title, before the verdict and the check form, whole on the first screen.
      assert.ok(box.y < 250 && box.y + box.height <= PHONE.viewport.height, `${state}: the banner at ${box.y} px`);
      await shot(page, `18-banner-${state}`);
      assert.deepEqual(problems.filter((p) => !/missing\.bundle|404/.test(p)), []);
      await context.close();
    }
    const context = await browser.newContext(PHONE);
    const { page } = await openVerifier(context);
    assert.equal(await page.locator('#trust-banner').isVisible(), false, 'no banner for a bundle that is up to date');
    await context.close();
  });

  it('checks a scan typed with Caps Lock on in upper case, and says so', async () => {
    const context = await browser.newContext(DESKTOP);
    const { page, problems } = await openVerifier(context);
    await page.locator('h1').click();
    await typeScan(page, fx.valid.qr_text.toLowerCase());
    const result = await resultOf(page);
    assert.equal(result.verdict, 'valid');
    assert.match(await page.locator('#scan-status').innerText(), /Caps Lock/);
    await shot(page, '19-caps-lock');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('isolates every value and shows a bidi control instead of obeying it', async () => {
    const context = await browser.newContext(DESKTOP);
    const { page, problems } = await openVerifier(context);
    // A trusted key signing for an issuer code that reverses the rest of the line: refused, and the
    // claim is shown in the technical details.
    const result = await verifyByTyping(page, fx.hostileClaim.qr_text);
    assert.equal(result.verdict, 'invalid');
    await page.locator('#result-body summary').click();
    // The claimed issuer, beside the fingerprint (hex digits only).
    const shown = page.locator('#result-body .technical dd code bdi').filter({ hasText: 'BD-' });
    assert.equal(await shown.count(), 1, 'the claimed issuer is isolated in a <bdi>');
    const seen = await shown.innerText();
    assert.ok(!seen.includes('\u202E'), 'the control itself is not in the text');
    assert.ok(seen.includes('U+202E'), `the control is shown: ${seen}`);
    assert.ok(seen.startsWith('BD-') && seen.endsWith('88-60-01'), seen);
    // Everything from a certificate or the bundle sits in its own <bdi>.
    for (const selector of ['#result-body [data-part="issuer"] dd', '#trust-facts .issuers li']) {
      for (const node of await page.locator(selector).all()) {
        assert.ok((await node.locator('bdi').count()) > 0 || (await node.locator('time').count()) > 0, `${selector} isolates its value`);
      }
    }
    await shot(page, '20-bidi-control-shown');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('reads a photo whose QR is only 150 pixels wide', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context);
    await page.locator('#photo').setInputFiles(photos.smallQr);
    const result = await resultOf(page);
    assert.equal(result.verdict, 'valid');
    assert.equal(await page.locator('#qr-text').inputValue(), fx.valid.qr_text);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('ships a strict Content-Security-Policy that the page keeps', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    for (const directive of ["script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "default-src 'self'"]) {
      assert.ok(policy.includes(directive), directive);
    }
    // Everything the page does runs under it: a verdict, a photo read with zxing's .wasm.
    await verifyByTyping(page, fx.valid.qr_text);
    await page.locator('#photo').setInputFiles(photos.withQr);
    await page.waitForFunction(() => document.getElementById('scan-status').textContent === '');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('announces the verdict line only, not the details under it', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context);
    await verifyByTyping(page, fx.valid.qr_text);
    const live = await page.$$eval('[aria-live]', (nodes) => nodes.map((n) => n.textContent.trim()).filter(Boolean));
    assert.equal(live.length, 1, `one live region speaks: ${JSON.stringify(live)}`);
    const words = live[0].split(/\s+/).length;
    assert.ok(words <= 20, `the announcement is ${words} words: ${live[0]}`);
    assert.match(live[0], /বৈধ VALID/);
    assert.equal(await page.locator('#result').getAttribute('aria-live'), null);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('installs for offline use without downloading the verifier a second time', async () => {
    const context = await browser.newContext(PHONE);
    const first = server.requests.length;
    const { page, problems } = await openVerifier(context);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      if (registration.active.state !== 'activated') {
        await new Promise((resolve) => registration.active.addEventListener('statechange', resolve));
      }
    });
    const fetched = server.requests.slice(first);
    for (const file of ['/site/poura/poura-verify.wasm', '/site/poura/poura-verify.js', '/site/app.js', '/site/render.js']) {
      assert.equal(fetched.filter((p) => p === file).length, 1, `${file} fetched once`);
    }
    // The service worker still has every file: the zxing .wasm the page had not needed yet, too.
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const shell = await caches.open(names.find((n) => n.startsWith('poura-verifier-shell-')));
      return (await shell.keys()).map((r) => new URL(r.url).pathname);
    });
    for (const file of ['/site/poura/poura-verify.wasm', '/site/vendor/zxing-wasm/reader/zxing_reader.wasm', '/site/fonts/bangla-bold.woff2']) {
      assert.ok(cached.includes(file), `${file} cached`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('draws the small things right: focus ring, notice size, bold Bangla verdict word', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openVerifier(context);
    // The photo control shows the keyboard focus.
    await page.locator('#camera-start').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'photo');
    const ring = await page.locator('label[for="photo"]').evaluate((node) => getComputedStyle(node).outlineStyle);
    assert.equal(ring, 'solid');
    await shot(page, '21-photo-focus-ring');
    // "No QR code found" is smaller than VALID on a phone.
    await page.locator('#photo').setInputFiles(photos.withoutQr);
    await resultOf(page);
    const noticeSize = parseFloat(await page.locator('#result-body .verdict-word').evaluate((n) => getComputedStyle(n).fontSize));
    const valid = await verifyByTyping(page, fx.valid.qr_text);
    assert.equal(valid.verdict, 'valid');
    const validSize = parseFloat(await page.locator('#result-body .verdict-word').evaluate((n) => getComputedStyle(n).fontSize));
    assert.ok(noticeSize <= validSize * 0.6, `notice ${noticeSize}px, VALID ${validSize}px`);
    // The Bangla verdict word is drawn in the bold subset shipped with the page, every letter of it.
    await page.evaluate(() => document.fonts.ready);
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    for (const selector of ['#result-body .verdict-word [lang="bn"]']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      assert.deepEqual(fonts.map((f) => [f.familyName, f.isCustomFont]), [['Noto Sans Bengali', true]], JSON.stringify(fonts));
    }
    const weight = await page.locator('#result-body .verdict-word [lang="bn"]').evaluate((n) => getComputedStyle(n).fontWeight);
    assert.ok(Number(weight) >= 700);
    await shot(page, '22-valid-bold-bangla');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('has no axe-core violation in any state, on a phone and on a desktop', async () => {
    const states = [
      ['start', 'site', async () => {}],
      ['valid', 'site', (page) => verifyByTyping(page, fx.valid.qr_text)],
      ['forged', 'site', (page) => verifyByTyping(page, fx.tampered)],
      ['revoked', 'site', (page) => verifyByTyping(page, fx.revoked.qr_text)],
      ['expired', 'site', (page) => verifyByTyping(page, fx.expired.qr_text)],
      ['unknown key', 'site', (page) => verifyByTyping(page, fx.unknownKey.qr_text)],
      ['unreadable', 'site', (page) => verifyByTyping(page, 'BD1:A')],
      ['no QR in the photo', 'site', async (page) => {
        await page.locator('#photo').setInputFiles(photos.withoutQr);
        await resultOf(page);
      }],
      ['stale bundle, valid', 'site-stale-bundle', (page) => verifyByTyping(page, fx.valid.qr_text)],
      ['expired bundle', 'site-expired-bundle', (page) => verifyByTyping(page, fx.valid.qr_text)],
      ['no bundle', 'site-no-bundle', (page) => verifyByTyping(page, fx.valid.qr_text)],
    ];
    for (const [size, options] of [['phone', PHONE], ['desktop', DESKTOP]]) {
      const context = await browser.newContext(options);
      for (const [state, folder, act] of states) {
        const { page } = await openVerifier(context, folder);
        await act(page);
        await page.locator('#result-body details.technical').evaluateAll((nodes) => nodes.forEach((n) => { n.open = true; }));
        assert.deepEqual(await axeViolations(page), [], `${state} on a ${size}`);
        await page.close();
      }
      await context.close();
    }
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
