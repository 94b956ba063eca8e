// Verify throughput under Node: Poura's verify-only WebAssembly build against
// JavaScript pipelines doing the same work on the same certificates, and
// against the native build through its C API.
//
//   Ed25519 BD1 certificates issued here by Poura (citizenship: plain;
//   heirship: compressed):
//     poura wasm                 poura/verify
//     noble + cbor-x             Base45, pako inflate, cbor-x COSE and claims, @noble/ed25519
//     WebCrypto                  the same, Ed25519 through crypto.subtle (reference)
//     native                     the C API of a native build (bench/wasm/native_verify.c),
//                                making the same calls as poura wasm: verify, then the
//                                whole result as JSON
//     native, verdict only       the same, reading only the verdict (reference)
//   ES256 HC1 certificate (tests/vectors/hc1.json; cose-js has no EdDSA):
//     poura wasm, cose-js, WebCrypto ECDSA, native, native verdict only
//
// Every pipeline first has to accept the good certificates and refuse a
// tampered one. Goals: WASM at least 3x the pure-JS pipelines, at least 0.75x
// native doing the same work (the "native" row; WebAssembly and native runs
// alternate, and the ratio is the native runs' median over the WebAssembly
// runs' median, both printed). POURA_NATIVE_BUILD
// names a native CMake build folder with the C API (default: build/ at the top
// of the repository); BENCH_SECONDS the time per run.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';

import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha512';
import { Decoder, Encoder, Tag } from 'cbor-x';
import cose from 'cose-js';
import pako from 'pako';
import * as full from 'poura';
import * as verifyOnly from 'poura/verify';

ed.etc.sha512Sync = (...messages) => sha512(ed.etc.concatBytes(...messages));

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const RUNS = 3;
const PAIRED_RUNS = 5; // WebAssembly and native in turns
const CERTIFICATES = 32;
const NOW = 1767225600; // 2026-01-01T00:00:00Z
const CLOCK_SKEW = 300;

// ----- The JavaScript pipelines ------------------------------------------------

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const BASE45_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE45.length; i += 1) BASE45_VALUE[BASE45.charCodeAt(i)] = i;

function base45Decode(text) {
  if (text.length % 3 === 1) throw new Error('bad Base45 length');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  const digit = (i) => {
    const code = text.charCodeAt(i);
    const value = code < 128 ? BASE45_VALUE[code] : -1;
    if (value < 0) throw new Error('bad Base45 character');
    return value;
  };
  let j = 0;
  for (let i = 0; i < text.length; i += 3) {
    if (i + 2 < text.length) {
      const value = digit(i) + digit(i + 1) * 45 + digit(i + 2) * 2025;
      if (value > 0xffff) throw new Error('bad Base45 triplet');
      out[j++] = value >> 8;
      out[j++] = value & 0xff;
    } else {
      const value = digit(i) + digit(i + 1) * 45;
      if (value > 0xff) throw new Error('bad Base45 pair');
      out[j++] = value;
    }
  }
  return out;
}

function base45Encode(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 < bytes.length) {
      let value = bytes[i] * 256 + bytes[i + 1];
      for (let k = 0; k < 3; k += 1) {
        text += BASE45[value % 45];
        value = Math.floor(value / 45);
      }
    } else {
      text += BASE45[bytes[i] % 45] + BASE45[Math.floor(bytes[i] / 45)];
    }
  }
  return text;
}

const cbor = new Decoder({ mapsAsObjects: true, useRecords: false });
const cborOut = new Encoder({ useRecords: false, tagUint8Array: false });
const EMPTY = new Uint8Array(0);

const isZlib = (b) => b.length >= 2 && (b[0] & 0x0f) === 8 && b[0] >> 4 <= 7 && (b[0] * 256 + b[1]) % 31 === 0;

// Base45, inflate and COSE_Sign1: the algorithm, kid, Sig_structure bytes,
// signature and payload, as every JS pipeline needs them.
function openCose(qr, prefix) {
  if (!qr.startsWith(prefix)) throw new Error('bad prefix');
  let bytes = base45Decode(qr.slice(prefix.length));
  if (isZlib(bytes)) {
    bytes = pako.inflate(bytes);
    if (bytes.length > 65536) throw new Error('inflates too far');
  }
  let message = cbor.decode(bytes);
  if (message instanceof Tag) {
    if (message.tag !== 18) throw new Error('not COSE_Sign1');
    message = message.value;
  }
  if (!Array.isArray(message) || message.length !== 4) throw new Error('not COSE_Sign1');
  const [protectedBytes, unprotected, payload, signature] = message;
  const header = protectedBytes.length ? cbor.decode(protectedBytes) : {};
  const alg = header[1] ?? unprotected[1];
  const kid = header[4] ?? unprotected[4];
  if (!Number.isInteger(alg) || !(kid instanceof Uint8Array)) throw new Error('bad header');
  const toBeSigned = cborOut.encode(['Signature1', protectedBytes, EMPTY, payload]);
  return { alg, kid: Buffer.from(kid).toString('hex'), toBeSigned, signature, payload };
}

// The CWT claims, checked for their times; the document claim must be there.
function checkClaims(payload, documentClaim, now) {
  let claims = cbor.decode(payload);
  if (claims instanceof Tag && claims.tag === 61) claims = claims.value;
  if (claims[4] !== undefined && now > claims[4] + CLOCK_SKEW) return false;
  if (claims[5] !== undefined && now + CLOCK_SKEW < claims[5]) return false;
  return claims[documentClaim] !== undefined;
}

function noblePipeline(keys) {
  return (qr) => {
    const c = openCose(qr, 'BD1:');
    const key = keys.get(c.kid);
    if (c.alg !== -8 || !key || !ed.verify(c.signature, c.toBeSigned, key)) return false;
    return checkClaims(c.payload, -65537, NOW + 60);
  };
}

function webCryptoPipeline(keys, { prefix, alg, documentClaim, now, algorithm }) {
  return async (qr) => {
    const c = openCose(qr, prefix);
    const key = keys.get(c.kid);
    if (c.alg !== alg || !key || !(await crypto.subtle.verify(algorithm, key, c.signature, c.toBeSigned))) return false;
    return checkClaims(c.payload, documentClaim, now);
  };
}

function coseJsPipeline(verifier, now) {
  return (qr) => {
    if (!qr.startsWith('HC1:')) return false;
    let bytes = base45Decode(qr.slice(4));
    if (isZlib(bytes)) bytes = pako.inflate(bytes);
    let payload;
    try {
      payload = cose.sign.verifySync(Buffer.from(bytes), verifier);
    } catch {
      return false;
    }
    return checkClaims(payload, -260, now);
  };
}

// ----- Timing ------------------------------------------------------------------

// Synchronous verifiers are called without an await per certificate, which
// would otherwise add a microtask to every call; a pass is awaited once.
function passOver(verify, certificates, isAsync) {
  return isAsync
    ? async () => { for (const qr of certificates) await verify(qr); }
    : () => { for (const qr of certificates) verify(qr); };
}

// One run: passes over the certificates for SECONDS; µs per certificate.
async function timedRun(pass, count) {
  let done = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    await pass();
    done += count;
    elapsed = performance.now() - start;
  } while (elapsed < SECONDS * 1000);
  return (elapsed * 1000) / done;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function microsecondsPerOp(verify, certificates, isAsync) {
  const pass = passOver(verify, certificates, isAsync);
  // The first run warms up (lets V8 finish compiling the hot code) and is not counted.
  await timedRun(pass, certificates.length);
  const runs = [];
  for (let run = 0; run < RUNS; run += 1) runs.push(await timedRun(pass, certificates.length));
  return median(runs);
}

// Every pipeline must accept all the good certificates and refuse the tampered one.
async function checkPipeline(name, verify, good, tampered) {
  for (const qr of good) {
    if ((await verify(qr)) !== true) throw new Error(`${name} refuses a good certificate`);
  }
  let refused;
  try {
    refused = (await verify(tampered)) === false;
  } catch {
    refused = true;
  }
  if (!refused) throw new Error(`${name} accepts a tampered certificate`);
}

// One changed byte inside the signed payload of an uncompressed certificate.
function tamper(qr, prefix) {
  const bytes = base45Decode(qr.slice(prefix.length));
  if (isZlib(bytes)) throw new Error('tamper() needs an uncompressed certificate');
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  return prefix + base45Encode(bytes);
}

// ----- Native --------------------------------------------------------------------

function nativeVerifier(tmp) {
  const build = path.resolve(process.env.POURA_NATIVE_BUILD ?? path.join(repo, 'build'));
  const libDir = path.join(build, 'bindings/c');
  if (!fs.existsSync(path.join(libDir, 'libpoura_c.so'))) {
    console.log(`native: skipped (no ${libDir}/libpoura_c.so; set POURA_NATIVE_BUILD to a native build folder)`);
    return null;
  }
  const program = path.join(tmp, 'native_verify');
  execFileSync('cc', ['-O2', '-std=c99', '-D_POSIX_C_SOURCE=199309L', `-I${path.join(repo, 'bindings/c/include')}`,
    path.join(here, 'native_verify.c'), `-L${libDir}`, '-lpoura_c', `-Wl,-rpath,${libDir}`, '-o', program]);
  return (args, texts) => {
    const file = path.join(tmp, `qr-${Math.random().toString(36).slice(2)}.txt`);
    fs.writeFileSync(file, texts.join('\n') + '\n');
    return JSON.parse(execFileSync(program, [...args, '--seconds', String(SECONDS), file], { encoding: 'utf8' }));
  };
}

// The "native" row and the verdict-only reference row, measured in turns with
// poura wasm: this machine's speed drifts over seconds, so each native run
// follows a WebAssembly run, and the rows give the medians of those runs,
// the WebAssembly ones as a row of their own. Every run is kept, to print.
async function nativeRows(native, args, wasmVerify, good, tampered) {
  for (const extra of [[], ['--verdict-only']]) {
    if (native([...args, ...extra], good).valid !== good.length) throw new Error('native refuses a good certificate');
    if (native([...args, ...extra], [tampered]).valid !== 0) throw new Error('native accepts a tampered certificate');
  }
  const pass = passOver(wasmVerify, good, false);
  await timedRun(pass, good.length);
  const wasm = [], full = [], verdictOnly = [];
  for (let run = 0; run < PAIRED_RUNS; run += 1) {
    wasm.push(await timedRun(pass, good.length));
    full.push(native(args, good).us_per_op);
    verdictOnly.push(native([...args, '--verdict-only'], good).us_per_op);
  }
  return [
    { name: PAIRED_WASM, us: median(wasm), runs: wasm },
    { name: 'native', us: median(full), runs: full },
    { name: 'native, verdict only', us: median(verdictOnly), runs: verdictOnly },
  ];
}

// ----- Report --------------------------------------------------------------------

const PAIRED_WASM = 'poura wasm, paired';

// Every ratio printed is one row's µs/op over another's, both printed: a
// native row is set against the WebAssembly runs it alternated with.
function baseline(rows, row) {
  const name = row.name.startsWith('native') ? PAIRED_WASM : 'poura wasm';
  return rows.find((r) => r.name === name);
}

function report(title, rows) {
  console.log(`\n${title}`);
  console.log('pipeline                     µs/op    ops/s   wasm speed-up');
  for (const row of rows) {
    const base = baseline(rows, row);
    const ratio = row.name.startsWith('poura wasm') ? '' : `${(row.us / base.us).toFixed(2)}x`;
    console.log(`${row.name.padEnd(26)} ${row.us.toFixed(1).padStart(8)} ${Math.round(1e6 / row.us).toString().padStart(8)}` +
      `   ${ratio}`);
  }
  const paired = rows.filter((r) => r.runs);
  if (paired.length) {
    console.log(`runs in turns (µs/op), whose medians are the paired rows above:`);
    for (const row of paired) console.log(`  ${row.name.padEnd(24)} ${row.runs.map((us) => us.toFixed(1)).join(', ')}`);
  }
}

function goals(rows, pureJs) {
  const wasm = rows.find((r) => r.name === 'poura wasm');
  const lines = [];
  for (const name of pureJs) {
    const row = rows.find((r) => r.name === name);
    const speedUp = row.us / wasm.us;
    lines.push(`  wasm vs ${name}: ${row.us.toFixed(1)} / ${wasm.us.toFixed(1)} µs = ${speedUp.toFixed(2)}x ` +
      `(goal >= 3x: ${speedUp >= 3 ? 'met' : 'NOT met'})`);
  }
  const versus = (row) => {
    const base = baseline(rows, row);
    const share = row.us / base.us;
    return [share, `${row.us.toFixed(1)} / ${base.us.toFixed(1)} µs = ${share.toFixed(2)}x native speed ` +
      `(medians of ${row.runs.length} runs in turns)`];
  };
  const native = rows.find((r) => r.name === 'native');
  if (native) {
    const [share, text] = versus(native);
    lines.push(`  wasm vs native: ${text}; goal >= 0.75x: ${share >= 0.75 ? 'met' : 'NOT met'}`);
  }
  const verdictOnly = rows.find((r) => r.name === 'native, verdict only');
  if (verdictOnly) lines.push(`  wasm vs native reading only the verdict: ${versus(verdictOnly)[1]} (reference)`);
  console.log(lines.join('\n'));
}

async function main() {
  const poura = await full.init();
  const verifier = await verifyOnly.init();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'poura-wasm-bench-'));
  const native = nativeVerifier(tmp);
  console.log(`Node ${process.version}; ${os.cpus()[0].model}; ${SECONDS} s x ${RUNS} runs per figure (median), after a ${SECONDS} s warm-up;\n` +
    `native rows: ${PAIRED_RUNS} runs, each after a poura wasm run`);

  // Ed25519 BD1: a ministry root, one pourashava, a signed bundle.
  const documents = ['citizenship', 'heirship'].map((name) =>
    JSON.parse(fs.readFileSync(path.join(repo, 'examples/documents', `${name}.json`), 'utf8')));
  const root = poura.generateKey();
  const keyset = poura.createKeyset(poura.generateKey(), { now: NOW - 86400 });
  const builder = poura.createTrustBundle({ sequence: 1, issuedAt: NOW - 86400, nextUpdate: NOW + 30 * 86400 });
  builder.addIssuer(keyset.publicKeys, { code: 'BD-10-06-88', nameBn: 'সারিয়াকান্দি পৌরসভা', nameEn: 'Sariakandi Pourashava' });
  const bundle = builder.sign(root);
  const good = [];
  for (let i = 0; i < CERTIFICATES; i += 1) {
    good.push(poura.issue(documents[i % 2], keyset, { issuer: 'BD-10-06-88', issuedAt: NOW }));
  }
  const compressed = good.filter((qr) => isZlib(base45Decode(qr.slice(4)))).length;
  console.log(`\n${good.length} BD1 certificates (${compressed} compressed), ${Math.round(good.reduce((s, q) => s + q.length, 0) / good.length)} characters on average`);
  const tampered = tamper(good[0], 'BD1:');

  const trust = verifier.openTrustBundle(bundle, { roots: root.publicKey });
  const options = { now: NOW + 60 };
  const pouraVerify = (qr) => verifier.verify(qr, trust, options).verdict === 'valid';
  const rawKeys = new Map(keyset.publicKeys.keys.map((k) => [k.kid, Buffer.from(k.public_key, 'hex')]));
  const webKeys = new Map();
  for (const [kid, raw] of rawKeys) {
    webKeys.set(kid, await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']));
  }
  const pipelines = [
    ['poura wasm', pouraVerify, false],
    ['noble + cbor-x', noblePipeline(rawKeys), false],
    ['WebCrypto + cbor-x', webCryptoPipeline(webKeys, { prefix: 'BD1:', alg: -8, documentClaim: -65537, now: NOW + 60,
      algorithm: { name: 'Ed25519' } }), true],
  ];
  const rows = [];
  for (const [name, verify, isAsync] of pipelines) {
    await checkPipeline(name, verify, good, tampered);
    rows.push({ name, us: await microsecondsPerOp(verify, good, isAsync) });
  }
  if (native) {
    fs.writeFileSync(path.join(tmp, 'trust.bundle'), bundle);
    fs.writeFileSync(path.join(tmp, 'root.pub.json'), JSON.stringify(root.publicKey));
    const args = ['--bundle', path.join(tmp, 'trust.bundle'), '--roots', path.join(tmp, 'root.pub.json'),
      '--now', String(NOW + 60)];
    rows.push(...(await nativeRows(native, args, pouraVerify, good, tampered)));
  }
  report('Ed25519, BD1 (Poura-issued)', rows);
  goals(rows, ['noble + cbor-x']);

  // ES256 HC1, from the shared vectors: cose-js supports ECDSA and RSA only.
  const hc1 = JSON.parse(fs.readFileSync(path.join(repo, 'tests/vectors/hc1.json'), 'utf8'));
  const vector = hc1.vectors.find((v) => v.name === 'es256_kid_protected');
  const certificates = hc1.trust.certificates.map((b64) => Buffer.from(b64, 'base64'));
  const signer = certificates.find((der) => {
    try {
      return new X509Certificate(der).publicKey.asymmetricKeyType === 'ec';
    } catch {
      return false;
    }
  });
  const jwk = new X509Certificate(signer).publicKey.export({ format: 'jwk' });
  const hc1Now = vector.now;
  const hc1Good = [vector.qr];
  const hc1Bytes = base45Decode(vector.qr.slice(4));
  const hc1Plain = isZlib(hc1Bytes) ? zlib.inflateSync(hc1Bytes) : hc1Bytes;
  const hc1Tampered = tamper(`HC1:${base45Encode(hc1Plain)}`, 'HC1:');
  const hc1Trust = verifier.trustFromCertificate(signer);
  const hc1Options = { now: hc1Now, scheme: 'HC1' };
  const kid = Buffer.from(openCose(vector.qr, 'HC1:').kid, 'hex').toString('hex');
  const ecKey = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const hc1Verify = (qr) => verifier.verify(qr, hc1Trust, hc1Options).verdict === 'valid';
  const hc1Pipelines = [
    ['poura wasm', hc1Verify, false],
    ['cose-js', coseJsPipeline({ key: { x: Buffer.from(jwk.x, 'base64url'), y: Buffer.from(jwk.y, 'base64url') } }, hc1Now),
      false],
    ['WebCrypto + cbor-x', webCryptoPipeline(new Map([[kid, ecKey]]), { prefix: 'HC1:', alg: -7, documentClaim: -260,
      now: hc1Now, algorithm: { name: 'ECDSA', hash: 'SHA-256' } }), true],
  ];
  const hc1Rows = [];
  for (const [name, verify, isAsync] of hc1Pipelines) {
    await checkPipeline(name, verify, hc1Good, hc1Tampered);
    hc1Rows.push({ name, us: await microsecondsPerOp(verify, hc1Good, isAsync) });
  }
  if (native) {
    fs.writeFileSync(path.join(tmp, 'signer.der'), signer);
    const args = ['--cert', path.join(tmp, 'signer.der'), '--scheme', 'hc1', '--now', String(hc1Now)];
    hc1Rows.push(...(await nativeRows(native, args, hc1Verify, hc1Good, hc1Tampered)));
  }
  report('ES256, HC1 (tests/vectors/hc1.json es256_kid_protected)', hc1Rows);
  goals(hc1Rows, ['cose-js']);

  const dist = path.join(repo, 'wasm/package/dist');
  const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
  const verifyBundle = gz('poura-verify.wasm') + gz('poura-verify.js');
  console.log(`\nverify-only bundle: ${(verifyBundle / 1000).toFixed(1)} kB gzipped (.wasm + .js; goal <= 150 KB: ` +
    `${verifyBundle <= 150 * 1000 ? 'met' : 'NOT met'})`);
  fs.rmSync(tmp, { recursive: true, force: true });
}

await main();
