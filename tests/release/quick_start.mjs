// The npm package's check, run under Node from a folder where only the
// installed tarball is: the full build issues a certificate under a trust
// bundle it signs, as a pourashava and the ministry would; the verify-only
// build, as a clerk's page would, accepts it and refuses a forged copy.
//
//   node quick_start.mjs <citizenship.json>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { init } from 'poura';
import { init as initVerify } from 'poura/verify';

const fail = (message) => { console.error(`FAIL: ${message}`); process.exit(1); };

// Both builds must come from node_modules, not from a checkout.
const where = createRequire(import.meta.url).resolve('poura/package.json');
if (!where.startsWith(process.cwd() + '/node_modules/poura/')) fail(`poura resolved to ${where}`);

const poura = await init();
const now = Math.floor(Date.now() / 1000);
const root = poura.generateKey();
const keyset = poura.createKeyset(poura.generateKey());
const bundle = poura.createTrustBundle({ sequence: 1, issuedAt: now - 60, nextUpdate: now + 30 * 86400 })
  .addIssuer(keyset.publicKeys, { code: 'BD-10-06-88', nameBn: 'সারিয়াকান্দি পৌরসভা', nameEn: 'Sariakandi Pourashava' })
  .sign(root);
const qr = poura.issue(readFileSync(process.argv[2], 'utf8'), keyset, { issuer: 'BD-10-06-88' });
console.log(`full build ${poura.version}: issued a certificate (${qr.length} characters), QR ${poura.qrSvg(qr).slice(0, 4)}...`);

const verifier = await initVerify();
const trust = verifier.openTrustBundle(bundle, { roots: JSON.stringify(root.publicKey) });
const genuine = verifier.verify(qr, trust);
console.log(`verify build: ${genuine.verdict} ${genuine.document?.name_en} from ${genuine.issuer?.name_en}`);
if (genuine.verdict !== 'valid') fail(`the genuine certificate: ${genuine.reason}`);

const forged = qr.slice(0, -4) + (qr.endsWith('0000') ? '1111' : '0000');
const refused = verifier.verify(forged, trust);
console.log(`verify build: a forged copy is ${refused.verdict} (${refused.reason})`);
if (refused.verdict !== 'invalid') fail('the forged copy was accepted');
trust.dispose();
