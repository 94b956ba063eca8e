// Test certificates made with the real `poura` CLI: a root key, a trust bundle
// that trusts Sariakandi for every document type and Kaliganj only for trade
// licences and receipts, and QR texts for each verdict the page must show.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const documents = path.resolve(here, '..', '..', 'documents');

export const SARIAKANDI = { code: 'BD-10-06-88', bn: 'সারিয়াকান্দি পৌরসভা', en: 'Sariakandi Pourashava' };
export const KALIGANJ = { code: 'BD-44-33-01', bn: 'কালীগঞ্জ পৌরসভা', en: 'Kaliganj Pourashava' };

// RFC 9285 Base45, for the tampered copy: the test edits the signed bytes
// themselves, as a forger would, and wraps them again.
const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

function base45Decode(text) {
  const values = [...text].map((c) => {
    const v = BASE45.indexOf(c);
    if (v < 0) throw new Error(`not Base45: ${JSON.stringify(c)}`);
    return v;
  });
  const bytes = [];
  for (let i = 0; i < values.length; i += 3) {
    if (i + 2 < values.length) {
      const n = values[i] + values[i + 1] * 45 + values[i + 2] * 45 * 45;
      bytes.push(n >> 8, n & 0xff);
    } else {
      bytes.push(values[i] + values[i + 1] * 45);
    }
  }
  return Buffer.from(bytes);
}

function base45Encode(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 < bytes.length) {
      let n = bytes[i] * 256 + bytes[i + 1];
      for (let k = 0; k < 3; k++, n = Math.floor(n / 45)) text += BASE45[n % 45];
    } else {
      text += BASE45[bytes[i] % 45] + BASE45[Math.floor(bytes[i] / 45)];
    }
  }
  return text;
}

// The holder's name changed in the signed payload, the signature kept.
export function forge(qrText, from, to) {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('keep the length');
  const prefix = qrText.slice(0, 4);
  const packed = base45Decode(qrText.slice(4));
  const compressed = packed[0] === 0x78;
  const cose = compressed ? zlib.inflateSync(packed) : packed;
  const at = cose.indexOf(Buffer.from(from));
  if (at < 0) throw new Error(`${from} is not in the signed payload`);
  Buffer.from(to).copy(cose, at);
  return prefix + base45Encode(compressed ? zlib.deflateSync(cose, { level: 9 }) : cose);
}

export function makeFixtures(poura, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, POURA_PASSPHRASE: 'web verifier test passphrase' };
  const run = (...args) => execFileSync(poura, args, { cwd: dir, env, encoding: 'utf8' });
  const issue = (keyset, issuer, document, serial, ...more) =>
    JSON.parse(
      run('issue', '--keyset', `${keyset}.keyset.json`, '--issuer', issuer, '--document', path.join(documents, document),
        '--serial', serial, '--json', ...more),
    );
  const trust = (...args) => run('trust', ...args, '--bundle', 'trust.bundle', '--root-keyset', 'root.keyset.json');

  // Keys valid from 2024, so that the expired certificate below was signed while its key was valid.
  for (const name of ['root', 'sariakandi', 'kaliganj', 'outsider']) run('keygen', '--out', name, '--now', '2024-01-01');
  trust('init');
  trust('add', '--issuer-keys', 'sariakandi.pub.json', '--code', SARIAKANDI.code, '--name-bn', SARIAKANDI.bn,
    '--name-en', SARIAKANDI.en, '--docs', '*');
  trust('add', '--issuer-keys', 'kaliganj.pub.json', '--code', KALIGANJ.code, '--name-bn', KALIGANJ.bn,
    '--name-en', KALIGANJ.en, '--docs', 'trade_licence,receipt');
  // The bundle as it was before the revocation below: for the update and rollback tests.
  fs.copyFileSync(path.join(dir, 'trust.bundle'), path.join(dir, 'older.bundle'));

  const valid = issue('sariakandi', SARIAKANDI.code, 'citizenship.json', 'SKD-2025-0001', '--png', 'valid.png', '--module', '6');
  const heirship = issue('sariakandi', SARIAKANDI.code, 'heirship.json', 'SKD-2025-0002');
  const revoked = issue('sariakandi', SARIAKANDI.code, 'citizenship.json', 'SKD-2025-0003');
  trust('revoke', '--issuer', SARIAKANDI.code, '--serial', 'SKD-2025-0003');
  const expired = issue('sariakandi', SARIAKANDI.code, 'citizenship.json', 'SKD-2024-0100',
    '--issued', '2024-02-01', '--expires', '2024-08-01');
  // Kaliganj is trusted, but not for citizenship certificates.
  const notAllowed = issue('kaliganj', KALIGANJ.code, 'citizenship.json', 'KLG-2025-0001');
  const tradeLicence = issue('kaliganj', KALIGANJ.code, 'trade_licence.json', 'KLG-2025-0002');
  // Signed by a trusted key, but claiming an issuer code with a right-to-left override in it.
  const hostileClaim = issue('sariakandi', 'BD-\u202E88-60-01', 'citizenship.json', 'SKD-2025-0777');
  // A key the bundle has never heard of, claiming to be Sariakandi.
  const unknownKey = issue('outsider', SARIAKANDI.code, 'citizenship.json', 'SKD-2025-0666');

  // Bundles signed in the past: one past its next update but within the 7 days' grace (stale),
  // one past the grace too (expired); and one signed 3 days from now, which a
  // correct clock cannot have seen yet (clock suspect). All trust Sariakandi.
  const aged = (name, daysAgo, validDays) => {
    const at = `${new Date(Date.now() - daysAgo * 86400e3).toISOString().slice(0, 19)}Z`;
    const sign = (...args) => run('trust', ...args, '--bundle', `${name}.bundle`, '--root-keyset', 'root.keyset.json',
      '--now', at, '--valid-days', String(validDays));
    sign('init');
    sign('add', '--issuer-keys', 'sariakandi.pub.json', '--code', SARIAKANDI.code, '--name-bn', SARIAKANDI.bn,
      '--name-en', SARIAKANDI.en, '--docs', '*');
    return path.join(dir, `${name}.bundle`);
  };
  const staleBundle = aged('stale', 40, 36);
  const expiredBundle = aged('expired', 60, 30);
  const futureBundle = aged('future', -3, 30);

  const show = JSON.parse(run('trust', 'show', '--bundle', 'trust.bundle', '--root', 'root.pub.json', '--json'));
  return {
    dir,
    bundle: path.join(dir, 'trust.bundle'),
    olderBundle: path.join(dir, 'older.bundle'),
    staleBundle,
    expiredBundle,
    futureBundle,
    roots: path.join(dir, 'root.pub.json'),
    show,
    qrPng: path.join(dir, 'valid.png'),
    valid,
    heirship,
    tradeLicence,
    tampered: forge(valid.qr_text, 'Rahima', 'Rahela'),
    revoked,
    expired,
    notAllowed,
    unknownKey,
    hostileClaim,
  };
}
