// Both builds against the one table of codes, sdk/data/codes.json: the
// TypeScript names of verdicts, stages and reasons, the status numbers of
// PouraError, the names and messages of results, and verify's defaults as
// the declarations document them and as the builds apply them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';

import { builds, repoDir } from './support.js';

const table = JSON.parse(fs.readFileSync(new URL('sdk/data/codes.json', repoDir), 'utf8'));
const declarations = fs.readFileSync(new URL('../package/dist/poura-verify.d.ts', import.meta.url), 'utf8');
const citizenship = JSON.parse(fs.readFileSync(new URL('examples/documents/citizenship.json', repoDir), 'utf8'));
const defaults = Object.fromEntries(table.verify_defaults.map((d) => [d.name, d.value]));
const statuses = Object.fromEntries([...table.errors, ...table.c_statuses].map((e) => [e.name, e.number]));
const DAY = 24 * 60 * 60;
const NOW = 1767225600; // 2026-01-01T00:00:00Z

describe('declarations', () => {
  for (const [alias, category] of [['Verdict', 'verdicts'], ['Stage', 'stages'], ['Reason', 'reasons']]) {
    test(`${alias} lists the table's ${category}`, () => {
      const union = declarations.match(new RegExp(`export type ${alias} =([^;]*);`));
      assert.ok(union, `no type ${alias}`);
      assert.deepEqual([...union[1].matchAll(/'([a-z0-9_]+)'/g)].map((m) => m[1]), table[category].map((e) => e.name));
    });
  }

  test('VerifyOptions documents the table\'s defaults', () => {
    for (const d of table.verify_defaults) {
      const doc = declarations.match(new RegExp(`/\\*\\*([^*]*)\\*/\\s*${d.js}\\?:`));
      assert.ok(doc, `no ${d.js} in VerifyOptions`);
      const stated = doc[1].match(/default (\d+)( days)?/);
      assert.ok(stated, `${d.js}: no default stated`);
      assert.equal(Number(stated[1]) * (stated[2] ? DAY : 1), d.value, d.js);
    }
  });
});

for (const [name, build] of Object.entries(builds)) {
  describe(name, () => {
    test('results carry the table\'s names and messages', async () => {
      const poura = await build.instance;
      const trust = poura.trustFromKeys((await builds.full.instance).generateKey().publicKey);
      for (const [text, stage, reason] of [
        ['not a certificate', 'prefix', 'bad_prefix'],
        ['BD1:lower case is no Base45', 'base45', 'bad_base45'],
        ['BD1:6BFX507H050', 'inflate', 'bad_compression'], // 78 9c, then no deflate data
        ['BD1:X507H0', 'cose', 'bad_cose'],                // 01 02 03 04
      ]) {
        const result = poura.verify(text, trust);
        const expected = table.reasons.find((r) => r.name === reason);
        assert.deepEqual([result.verdict, result.stage, result.reason], ['invalid', stage, reason]);
        assert.ok(table.stages.some((s) => s.name === result.stage));
        assert.deepEqual([result.message_en, result.message_bn], [expected.en, expected.bn]);
      }
      trust.dispose();
    });

    test('a PouraError carries the table\'s number for its code', async () => {
      const poura = await build.instance;
      for (const call of [() => poura.trustFromKeys({ algorithm: 'EdDSA', public_key: 'abcd' }),
        () => poura.verify(42), () => poura.openTrustBundle(new Uint8Array([1, 2, 3]), { roots: [] })]) {
        assert.throws(call, (error) => {
          assert.ok(error.code in statuses, error.code);
          assert.equal(error.status, statuses[error.code], error.code);
          return true;
        });
      }
    });
  });
}

test('verify and freshness apply the table\'s clock skew and grace period when given none', async () => {
  const poura = await builds.full.instance;
  const verifier = await builds['verify-only'].instance;
  const root = poura.generateKey();
  const keyset = poura.createKeyset(poura.generateKey(), { now: NOW - 10 * DAY });
  const builder = poura.createTrustBundle({ sequence: 1, issuedAt: NOW - DAY, nextUpdate: NOW + 30 * DAY });
  builder.addIssuer(keyset.publicKeys, { code: 'BD-10-06-88', nameBn: 'সারিয়াকান্দি পৌরসভা', nameEn: 'Sariakandi Pourashava' });
  const bundle = builder.sign(root);
  builder.dispose();
  const expiresAt = NOW + DAY;
  const issued = poura.issueCertificate(citizenship, keyset, { issuer: 'BD-10-06-88', issuedAt: NOW, expiresAt });
  const skew = defaults.clock_skew;
  const grace = defaults.grace_period;
  for (const p of [poura, verifier]) {
    const trust = p.openTrustBundle(bundle, { roots: JSON.stringify(root.publicKey) });
    assert.equal(p.verify(issued.qr, trust, { now: expiresAt + skew }).verdict, 'valid');
    assert.equal(p.verify(issued.qr, trust, { now: expiresAt + skew + 1 }).reason, 'expired');
    const nextUpdate = NOW + 30 * DAY;
    assert.equal(trust.freshness({ now: nextUpdate + grace }), 'stale');
    assert.equal(trust.freshness({ now: nextUpdate + grace + 1 }), 'expired');
    assert.equal(p.verify(issued.qr, trust, { now: nextUpdate + grace + 1 }).trust.freshness, 'expired');
    trust.dispose();
  }
});
