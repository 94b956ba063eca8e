// What the test suites share: both builds, loaded once, and the shared test
// vectors of tests/vectors/ (see their README.md) applied to them.
import assert from 'node:assert/strict';
import fs from 'node:fs';

import * as full from 'poura';
import * as verifyOnly from 'poura/verify';

export const vectorsDir = new URL('../../tests/vectors/', import.meta.url);
export const repoDir = new URL('../../', import.meta.url);

export const builds = {
  full: { module: full, instance: full.init() },
  'verify-only': { module: verifyOnly, instance: verifyOnly.init() },
};

export function readVectors(name) {
  return JSON.parse(fs.readFileSync(new URL(name, vectorsDir), 'utf8'));
}

const bytes = (base64) => new Uint8Array(Buffer.from(base64, 'base64'));
const hex = (base64) => Buffer.from(base64, 'base64').toString('hex');

// Sets up the trust a vector describes. Returns { trust, error }: error is the
// PouraError code of the step that failed; after a refused update the trust
// stays as it was.
export function setUpTrust(poura, description) {
  if (description.certificates) {
    try {
      return { trust: poura.trustFromCertificate(description.certificates.map(bytes)) };
    } catch (error) {
      assert.ok(error.code, `a PouraError, not ${error}`);
      return { error: error.code };
    }
  }
  const roots = description.roots.map((root) => ({ algorithm: root.algorithm, public_key: hex(root.public_key) }));
  let trust;
  try {
    trust = poura.openTrustBundle(bytes(description.bundle), { roots, minSequence: description.min_sequence ?? 0 });
  } catch (error) {
    assert.ok(error.code, `a PouraError, not ${error}`);
    return { error: error.code };
  }
  for (const update of description.updates ?? []) {
    try {
      trust.update(bytes(update));
    } catch (error) {
      assert.ok(error.code, `a PouraError, not ${error}`);
      return { trust, error: error.code };
    }
  }
  return { trust };
}

const OPTION_NAMES = {
  scheme: 'scheme', clock_skew: 'clockSkewSeconds', grace_period: 'graceSeconds', max_inflated_size: 'maxInflatedSize',
};

export function verifyOptions(vector) {
  const options = { now: vector.now };
  for (const [name, value] of Object.entries(vector.options ?? {})) {
    assert.ok(OPTION_NAMES[name], `unknown vector option ${name}`);
    options[OPTION_NAMES[name]] = name === 'scheme' ? value.toUpperCase() : value;
  }
  return options;
}

// Runs one vector of a verify file against a loaded build.
export function runVerifyVector(poura, file, vector) {
  const expect = vector.expect;
  const { trust, error } = setUpTrust(poura, vector.trust ?? file.trust);
  try {
    assert.equal(error, expect.trust_error, 'the trust set-up');
    if (expect.verdict === undefined) {
      assert.ok(expect.trust_error, 'a vector with nothing to verify names a trust error');
      return;
    }
    const result = poura.verify(vector.qr, trust, verifyOptions(vector));
    assert.deepEqual([result.verdict, result.stage, result.reason], [expect.verdict, expect.stage, expect.reason],
      `verdict, stage and reason (detail: ${result.detail})`);
    if (expect.document !== undefined) assert.deepEqual(result.document, expect.document);
    for (const [member, value] of Object.entries(expect.issuer ?? {})) {
      assert.equal(result.issuer?.[member], value, `issuer.${member}`);
    }
    if (expect.serial !== undefined) assert.equal(result.serial, expect.serial);
    if (expect.identity !== undefined) assert.deepEqual(result.identity, expect.identity);
    if (expect.trust?.freshness !== undefined) assert.equal(result.trust.freshness, expect.trust.freshness);
    if (expect.trust?.sequence !== undefined) assert.equal(result.trust.sequence, expect.trust.sequence);
  } finally {
    trust?.dispose();
  }
}
