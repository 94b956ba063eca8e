// The JS API of both builds: loading options, PouraError codes, arguments
// refused from JS, an issue -> verify round trip with a trust bundle made here,
// QR rendering and fees.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';

import { DOMParser } from '@xmldom/xmldom';
import { init as initFull, PouraError as FullPouraError } from 'poura';
import { init as initVerify, PouraError as VerifyPouraError } from 'poura/verify';

import { builds, repoDir } from './support.js';

const distDir = new URL('../package/dist/', import.meta.url);
const packageVersion = JSON.parse(fs.readFileSync(new URL('../package/package.json', import.meta.url), 'utf8')).version;
const citizenship = JSON.parse(fs.readFileSync(new URL('examples/documents/citizenship.json', repoDir), 'utf8'));
const DAY = 24 * 60 * 60;
const NOW = 1767225600; // 2026-01-01T00:00:00Z

// Checks that fn throws a PouraError with this code.
function throwsCode(fn, code, PouraErrorClass) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof PouraErrorClass, `a PouraError, not ${error}`);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'PouraError');
    assert.equal(error.code, code, error.message);
    assert.ok(error.status < 0);
    assert.ok(error.message.length > 0);
    return true;
  });
}

// A ministry root key, a pourashava keyset and a signed bundle listing it.
function publisher(poura) {
  const root = poura.generateKey();
  const keyset = poura.createKeyset(poura.generateKey(), { now: NOW - 10 * DAY });
  const bundleFor = (sequence, edit = () => {}) => {
    const builder = poura.createTrustBundle({ sequence, issuedAt: NOW - DAY, nextUpdate: NOW + 30 * DAY });
    try {
      builder.addIssuer(keyset.publicKeys, {
        code: 'BD-10-06-88', nameBn: 'সারিয়াকান্দি পৌরসভা', nameEn: 'Sariakandi Pourashava',
        documentTypes: ['citizenship', 'heirship'],
      });
      edit(builder);
      return builder.sign(root);
    } finally {
      builder.dispose();
    }
  };
  return { root, keyset, bundleFor, rootsJson: JSON.stringify(root.publicKey) };
}

describe('loading', () => {
  for (const [name, init, file] of [['full', initFull, 'poura.wasm'], ['verify-only', initVerify, 'poura-verify.wasm']]) {
    test(`${name}: wasmBinary, wasmUrl as a file URL and as a path, and the default location`, async () => {
      const binary = fs.readFileSync(new URL(file, distDir));
      const fromBinary = await init({ wasmBinary: new Uint8Array(binary) });
      const fromModule = await init({ wasmBinary: await WebAssembly.compile(binary) });
      const fromUrl = await init({ wasmUrl: new URL(file, distDir) });
      const fromPath = await init({ wasmUrl: new URL(file, distDir).pathname });
      const byDefault = await init();
      for (const poura of [fromBinary, fromModule, fromUrl, fromPath, byDefault]) {
        assert.equal(poura.version, packageVersion);
      }
    });

    test(`${name}: a missing or broken .wasm rejects init()`, async () => {
      await assert.rejects(init({ wasmUrl: new URL('no-such-file.wasm', distDir) }), /ENOENT/);
      await assert.rejects(init({ wasmBinary: new Uint8Array([0, 97, 115, 109, 9, 9]) }), WebAssembly.CompileError);
      await assert.rejects(init({ wasmUrl: 42 }), (error) => error.code === 'invalid_argument');
      await assert.rejects(init({ wasm: 'x' }), (error) => error.code === 'invalid_argument');
    });
  }
});

describe('verify half (both builds)', () => {
  for (const [name, PouraErrorClass] of [['full', FullPouraError], ['verify-only', VerifyPouraError]]) {
    test(`${name}: SDK errors are PouraErrors with the SDK's code`, async () => {
      const poura = await builds[name].instance;
      const { rootsJson } = publisher(await builds.full.instance);
      throwsCode(() => poura.openTrustBundle(new Uint8Array([1, 2, 3]), { roots: rootsJson }), 'trust_bundle_invalid',
        PouraErrorClass);
      throwsCode(() => poura.openTrustBundle(new Uint8Array(4), { roots: '{"algorithm": "EdDSA"' }), 'malformed_input',
        PouraErrorClass);
      throwsCode(() => poura.trustFromKeys({ algorithm: 'EdDSA', public_key: 'abcd' }), 'key_invalid', PouraErrorClass);
      throwsCode(() => poura.trustFromCertificate(new Uint8Array([0x30, 0x03, 1, 2, 3])), 'key_invalid', PouraErrorClass);
    });

    test(`${name}: wrong arguments from JS are refused as invalid_argument`, async () => {
      const poura = await builds[name].instance;
      const { rootsJson, bundleFor } = publisher(await builds.full.instance);
      const trust = poura.openTrustBundle(bundleFor(1), { roots: rootsJson });
      throwsCode(() => poura.verify(42, trust), 'invalid_argument', PouraErrorClass);
      throwsCode(() => poura.verify('BD1:', {}), 'invalid_argument', PouraErrorClass);
      throwsCode(() => poura.verify('BD1:', trust, { scheme: 'XX1' }), 'invalid_argument', PouraErrorClass);
      throwsCode(() => poura.verify('BD1:', trust, { now: 1.5 }), 'invalid_argument', PouraErrorClass);
      throwsCode(() => poura.verify('BD1:', trust, { clockSkewSeconds: -1 }), 'invalid_argument', PouraErrorClass);
      throwsCode(() => poura.verify('BD1:', trust, { nwo: 1 }), 'invalid_argument', PouraErrorClass);
      throwsCode(() => poura.openTrustBundle('not bytes', { roots: rootsJson }), 'invalid_argument', PouraErrorClass);
      throwsCode(() => poura.openTrustBundle(bundleFor(1), {}), 'invalid_argument', PouraErrorClass);
      trust.dispose();
      trust.dispose();
      throwsCode(() => poura.verify('BD1:', trust), 'invalid_argument', PouraErrorClass);
    });

    test(`${name}: a bad certificate is a verdict, not an exception`, async () => {
      const poura = await builds[name].instance;
      const { rootsJson, bundleFor } = publisher(await builds.full.instance);
      const trust = poura.openTrustBundle(bundleFor(1), { roots: rootsJson });
      const result = poura.verify('HELLO', trust, { now: NOW });
      assert.deepEqual([result.verdict, result.stage, result.reason], ['invalid', 'prefix', 'bad_prefix']);
      assert.equal(result.document, null);
      assert.equal(result.issuer, null);
      assert.ok(result.message_en.length > 0 && result.message_bn.length > 0);
      trust.dispose();
    });
  }
});

describe('issue -> verify round trip', () => {
  test('a certificate issued by the full build verifies in both builds, with the trust bundle made here', async () => {
    const poura = await builds.full.instance;
    const verifier = await builds['verify-only'].instance;
    const { keyset, bundleFor, rootsJson } = publisher(poura);
    const issued = poura.issueCertificate(citizenship, keyset, { issuer: 'BD-10-06-88', serial: 'C0WASM000001', issuedAt: NOW });
    assert.match(issued.qr, /^BD1:[0-9A-Z $%*+\-./:]+$/);
    assert.equal(issued.serial, 'C0WASM000001');
    assert.equal(issued.issuedAt, NOW);
    assert.equal(issued.kid, keyset.publicKeys.keys[0].kid);

    for (const p of [poura, verifier]) {
      const trust = p.openTrustBundle(bundleFor(3), { roots: rootsJson });
      assert.equal(trust.sequence, 3);
      assert.equal(trust.issuedAt, new Date((NOW - DAY) * 1000).toISOString().replace('.000', ''));
      assert.equal(trust.issuers[0].issuer, 'BD-10-06-88');
      const result = p.verify(issued.qr, trust, { now: new Date((NOW + 60) * 1000) });
      assert.equal(result.verdict, 'valid', result.detail);
      assert.equal(result.reason, 'ok');
      assert.equal(result.document.name_en, citizenship.name_en);
      assert.equal(result.document.name_bn, citizenship.name_bn);
      assert.equal(result.serial, 'C0WASM000001');
      assert.deepEqual(result.issuer, { code: 'BD-10-06-88', name_bn: 'সারিয়াকান্দি পৌরসভা',
        name_en: 'Sariakandi Pourashava', kid: issued.kid, algorithm: 'EdDSA' });
      assert.equal(result.trust.freshness, 'fresh');

      // The trust's own freshness agrees with verify's: fresh until the next
      // update (NOW + 30 days), then stale for the grace period, then expired;
      // before the bundle's issue time less the skew, the clock is suspect.
      for (const [days, graceSeconds, expected] of [[29, undefined, 'fresh'], [31, undefined, 'stale'],
        [36, undefined, 'stale'], [38, undefined, 'expired'], [31, 0, 'expired'], [31, 2 * DAY, 'stale'],
        [-2, undefined, 'clock_suspect']]) {  // a day before the bundle was issued (NOW - 1 day)
        const now = NOW + days * DAY;
        assert.equal(trust.freshness({ now, graceSeconds }), expected, `${days} days, grace ${graceSeconds}`);
        assert.equal(p.verify(issued.qr, trust, { now, graceSeconds }).trust.freshness, expected);
      }
      assert.equal(trust.freshness(), 'expired'); // the bundle's next update was in 2026
      const BuildPouraError = p === poura ? FullPouraError : VerifyPouraError;
      throwsCode(() => trust.freshness({ graceSeconds: -1 }), 'invalid_argument', BuildPouraError);
      throwsCode(() => trust.freshness({ grace: 1 }), 'invalid_argument', BuildPouraError);

      // One character changed in the signed part.
      const at = issued.qr.length - 10;
      const forged = issued.qr.slice(0, at) + (issued.qr[at] === 'A' ? 'B' : 'A') + issued.qr.slice(at + 1);
      assert.equal(p.verify(forged, trust, { now: NOW + 60 }).verdict, 'invalid');

      // A newer bundle revoking the certificate; then an older one is refused.
      trust.update(bundleFor(4, (b) => b.revoke('BD-10-06-88', 'C0WASM000001')));
      assert.equal(trust.sequence, 4);
      assert.equal(trust.issuers.length, 1);
      assert.equal(p.verify(issued.qr, trust, { now: NOW + 60 }).reason, 'revoked');
      assert.throws(() => trust.update(bundleFor(2)), (error) => error.code === 'trust_rollback');
      assert.equal(trust.sequence, 4);
      assert.throws(() => p.openTrustBundle(bundleFor(2), { roots: rootsJson, minSequence: 3 }),
        (error) => error.code === 'trust_rollback');
      trust.dispose();
    }
  });

  test('issuing with a private key, trusted directly from its public key; expiry', async () => {
    const poura = await builds.full.instance;
    const key = poura.generateKey();
    const qr = poura.issue(citizenship, key, { issuer: 'BD-10-06-88', issuedAt: NOW, expiresAt: NOW + DAY });
    const trust = poura.trustFromKeys(key.publicKey);
    assert.deepEqual([trust.sequence, trust.issuedAt, trust.nextUpdate], [0, null, null]);
    assert.deepEqual(trust.issuers.map((issuer) => issuer.kid), [key.publicKey.kid]);
    assert.equal(trust.freshness({ now: NOW + 1000 * DAY }), 'fresh'); // no bundle: never stale
    assert.equal(poura.verify(qr, trust, { now: NOW + 60 }).verdict, 'valid');
    const late = poura.verify(qr, trust, { now: NOW + 2 * DAY });
    assert.deepEqual([late.verdict, late.reason], ['invalid', 'expired']);
    const other = poura.trustFromKeys(poura.generateKey().publicKey);
    assert.equal(poura.verify(qr, other, { now: NOW + 60 }).reason, 'unknown_key');
  });

  test('issuing compresses a certificate when that makes it shorter, unless told not to', async () => {
    const poura = await builds.full.instance;
    const key = poura.generateKey();
    // A family's names repeat their parts: zlib shortens six heirs by a fifth.
    const heirship = JSON.parse(fs.readFileSync(new URL('examples/documents/heirship.json', repoDir), 'utf8'));
    heirship.heirs = [
      ['মোছাঃ ফাতেমা বেগম', 'Mst. Fatema Begum', 'wife'], ['মোঃ রফিকুল ইসলাম', 'Md. Rafiqul Islam', 'son'],
      ['মোঃ শফিকুল ইসলাম', 'Md. Shafiqul Islam', 'son'], ['মোঃ আমিনুল ইসলাম', 'Md. Aminul Islam', 'son'],
      ['মোছাঃ রহিমা খাতুন', 'Mst. Rahima Khatun', 'daughter'], ['মোছাঃ সালমা খাতুন', 'Mst. Salma Khatun', 'daughter'],
    ].map(([name_bn, name_en, relation]) => ({ name_bn, name_en, relation }));
    const issueWith = (options) => poura.issue(heirship, key, { issuer: 'BD-10-06-88', serial: 'H0WASM000001',
      issuedAt: NOW, ...options });
    const byDefault = issueWith({});
    const plain = issueWith({ compression: false });
    assert.equal(issueWith({ compression: true }), byDefault);
    // The first two envelope bytes are the first three Base45 characters.
    const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    const firstByte = (qr) => [...qr.slice(4, 7)].reduce((n, c, i) => n + BASE45.indexOf(c) * 45 ** i, 0) >> 8;
    assert.equal(firstByte(byDefault), 0x78, 'a zlib header');
    assert.equal(firstByte(plain), 0xd2, 'the COSE_Sign1 tag');
    assert.ok(byDefault.length < plain.length);
    const trust = poura.trustFromKeys(key.publicKey);
    for (const qr of [byDefault, plain]) assert.equal(poura.verify(qr, trust, { now: NOW + 60 }).verdict, 'valid');
  });

  test('issue errors carry the SDK code', async () => {
    const poura = await builds.full.instance;
    const key = poura.generateKey();
    throwsCode(() => poura.issue({ type: 'citizenship' }, key, { issuer: 'BD-10-06-88' }), 'document_invalid',
      FullPouraError);
    throwsCode(() => poura.issue({ type: 'no_such_type' }, key, { issuer: 'BD-10-06-88' }), 'unknown_document_type',
      FullPouraError);
    throwsCode(() => poura.issue(citizenship, {}, { issuer: 'BD-10-06-88' }), 'invalid_argument', FullPouraError);
    throwsCode(() => poura.createKeyset(key).toJson(''), 'invalid_argument', FullPouraError);
  });

  test('keys and keysets survive PEM and JSON; a wrong passphrase is refused', async () => {
    const poura = await builds.full.instance;
    const key = poura.generateKey();
    const again = poura.privateKeyFromPem(key.toUnencryptedPem());
    assert.deepEqual(again.publicKey, key.publicKey);
    const keyset = poura.createKeyset(key, { now: NOW });
    const copy = poura.keysetFromJson(keyset.toUnencryptedJson());
    assert.deepEqual(copy.publicKeys, keyset.publicKeys);
    const pem = key.toPem('correct horse');
    throwsCode(() => poura.privateKeyFromPem(pem, 'battery staple'), 'wrong_passphrase', FullPouraError);
    assert.deepEqual(poura.privateKeyFromPem(pem, 'correct horse').publicKey, key.publicKey);
  });
});

describe('QR codes', () => {
  test('qrSvg gives a well-formed SVG document of the right size', async () => {
    const poura = await builds.full.instance;
    const errors = [];
    const parser = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) });
    for (const [ecc, quietZone] of [['L', 0], ['Q', 4], ['H', 2]]) {
      const svg = poura.qrSvg('BD1:HELLO', { ecc, moduleSize: 3, quietZone });
      const doc = parser.parseFromString(svg, 'image/svg+xml');
      assert.deepEqual(errors, []);
      const root = doc.documentElement;
      assert.equal(root.localName, 'svg');
      assert.equal(root.namespaceURI, 'http://www.w3.org/2000/svg');
      // A version 1 symbol is 21 modules a side, plus the quiet zone on both sides;
      // the view box counts modules, the size user units.
      const side = 21 + 2 * quietZone;
      assert.deepEqual(root.getAttribute('viewBox').split(/\s+/).map(Number), [0, 0, side, side]);
      assert.equal(Number(root.getAttribute('width')), side * 3);
    }
    assert.ok(poura.qrSvg('x'.repeat(500)).length > poura.qrSvg('x').length);
    throwsCode(() => poura.qrSvg('x'.repeat(5000), { ecc: 'H' }), 'limit_exceeded', FullPouraError);
    throwsCode(() => poura.qrSvg('x', { ecc: 'Z' }), 'invalid_argument', FullPouraError);
    throwsCode(() => poura.qrSvg('x', { moduleSize: 0 }), 'invalid_argument', FullPouraError);
    throwsCode(() => poura.qrSvg('x', { quietZone: 101 }), 'invalid_argument', FullPouraError);
    throwsCode(() => poura.qrPng('x', { moduleSize: 2 ** 32 + 1 }), 'invalid_argument', FullPouraError);
  });

  test('qrPng gives PNG bytes', async () => {
    const poura = await builds.full.instance;
    const png = poura.qrPng('BD1:HELLO', { moduleSize: 2 });
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    throwsCode(() => poura.qrPng('BD1:HELLO', { moduleSize: 0 }), 'invalid_argument', FullPouraError);
  });
});

describe('fees', () => {
  test('schedule errors and bill errors are PouraErrors', async () => {
    const poura = await builds.full.instance;
    throwsCode(() => poura.schedules([{ id: 'x' }]), 'schedule_invalid', FullPouraError);
    throwsCode(() => poura.schedules(['{']), 'schedule_invalid', FullPouraError);
    const schedule = fs.readFileSync(new URL('examples/schedules/kaliganj-2025-26.json', repoDir), 'utf8');
    throwsCode(() => poura.fees.holding(schedule, { municipality: 'nowhere', fiscal_year: '2025-26', monthly_rent: 1 }),
      'not_in_schedule', FullPouraError);
    const bill = poura.fees.holding(schedule, { municipality: 'kaliganj', fiscal_year: '2025-26', monthly_rent: 10000 });
    assert.equal(bill.total_poisha, 2250000);
  });
});
