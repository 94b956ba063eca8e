// The shared test vectors (tests/vectors/) against both WebAssembly builds:
// every verify file against the full and the verify-only build, the fee
// vectors against the full build.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { builds, readVectors, runVerifyVector } from './support.js';

const VERIFY_FILES = ['valid.json', 'failures.json', 'malformed.json', 'trust.json', 'hc1.json'];
for (const [buildName, build] of Object.entries(builds)) {
  describe(`${buildName} build`, () => {
    for (const fileName of VERIFY_FILES) {
      const file = readVectors(fileName);
      describe(fileName, () => {
        test('has vectors', () => assert.ok(file.vectors.length > 0));
        for (const vector of file.vectors) {
          test(`${fileName}: ${vector.name}`, async () => runVerifyVector(await build.instance, file, vector));
        }
      });
    }
  });
}

describe('fees/bills.json (full build)', () => {
  const file = readVectors('fees/bills.json');
  const schedulesLoaded = builds.full.instance.then(async (poura) => {
    const fs = await import('node:fs');
    const texts = file.schedules.map((path) => fs.readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
    return poura.schedules(texts);
  });

  test('has cases', () => assert.ok(file.cases.length > 0));
  for (const c of file.cases) {
    test(`fees/bills.json: ${c.name}`, async () => {
      const poura = await builds.full.instance;
      const schedules = await schedulesLoaded;
      const calculate = poura.fees[c.calculator];
      assert.ok(calculate, `calculator ${c.calculator}`);
      const expect = c.expect;
      if (expect.error !== undefined) {
        assert.throws(() => calculate(schedules, c.input), (error) => {
          assert.equal(error.name, 'PouraError');
          assert.equal(error.code, expect.error);
          assert.ok(error.message.includes(expect.message_contains),
            `"${error.message}" should contain "${expect.message_contains}"`);
          return true;
        });
        return;
      }
      const bill = calculate(schedules, c.input);
      assert.equal(bill.total_poisha, expect.total_poisha);
      const charged = bill.lines.filter((line) => !line.informational);
      assert.equal(charged.reduce((sum, line) => sum + line.amount_poisha, 0), bill.total_poisha,
        'the charged lines add up to the total');
      for (const [code, amount] of Object.entries(expect.lines ?? {})) {
        const line = bill.lines.find((l) => l.code === code);
        assert.ok(line, `line ${code}`);
        assert.equal(line.amount_poisha, amount, `line ${code}`);
      }
      for (const code of expect.absent ?? []) {
        assert.equal(bill.lines.find((l) => l.code === code), undefined, `line ${code} should be absent`);
      }
      if (expect.instalments_poisha !== undefined) {
        assert.deepEqual(bill.instalments.map((i) => i.amount_poisha), expect.instalments_poisha);
      }
      if (expect.due !== undefined) assert.equal(bill.due, expect.due);
    });
  }
});
