import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatAmount, formatAmountCeil, formatAmountFloor, MAX_UINT256, parseAmount, type AmountProblem } from './amount.js';
import { checkAmount } from './inputs.js';
import { tipMessages } from './tip.messages.js';

const ok = (input: string, decimals: number) => {
  const r = parseAmount(input, decimals);
  assert.ok(r.ok, `${JSON.stringify(input)} should parse, got ${r.ok ? '' : r.problem}`);
  return r.value;
};
const refused = (input: unknown, decimals: number): AmountProblem => {
  const r = parseAmount(input, decimals);
  assert.ok(!r.ok, `${JSON.stringify(input)} should be refused, got ${String((r as { value: bigint }).value)}`);
  return r.problem;
};

test('plain decimals parse exactly into base units', () => {
  assert.equal(ok('1', 6), 1_000_000n);
  assert.equal(ok('5', 18), 5n * 10n ** 18n);
  assert.equal(ok('0.1', 18), 10n ** 17n);
  assert.equal(ok('0.000001', 6), 1n);
  assert.equal(ok('.5', 6), 500_000n);
  assert.equal(ok('5.', 6), 5_000_000n);
  assert.equal(ok('  2.25 ', 6), 2_250_000n);
  assert.equal(ok('007', 0), 7n);
  assert.equal(ok('1.500000000', 6), 1_500_000n, 'trailing zeros past the decimals do not change the value');
  assert.equal(ok('0.1', 18) + ok('0.2', 18), ok('0.3', 18), 'no float rounding');
  assert.equal(ok('123456789012345678901234567890.123456789012345678', 18), 123456789012345678901234567890123456789012345678n);
});

test('numbers typed on other keyboards are read as digits', () => {
  assert.equal(ok('１２．５', 6), 12_500_000n, 'full-width');
  assert.equal(ok('١٢٫٥', 6), 12_500_000n, 'Arabic-Indic digits and decimal separator');
  assert.equal(ok('۱۰', 6), 10_000_000n, 'extended Arabic-Indic');
  assert.equal(refused('5²', 6), 'not-a-number', 'superscripts are not digits');
});

test('every other shape is refused deliberately, with a reason', () => {
  const cases: Array<[unknown, AmountProblem]> = [
    ['', 'empty'],
    ['   ', 'empty'],
    [null, 'empty'],
    [undefined, 'empty'],
    ['-1', 'negative'],
    ['−1', 'negative'],
    ['-0', 'negative'],
    ['+1', 'sign'],
    ['0', 'zero'],
    ['0.000', 'zero'],
    ['.0', 'zero'],
    ['1e3', 'exponent'],
    ['1E-3', 'exponent'],
    ['.5e2', 'exponent'],
    ['0x10', 'hex'],
    ['0b101', 'hex'],
    ['1,5', 'comma'],
    ['1,000', 'comma'],
    ['1.000,50', 'comma'],
    ['1 000', 'separator'],
    ['1_000', 'separator'],
    ["1'000", 'separator'],
    ['abc', 'not-a-number'],
    ['.', 'not-a-number'],
    ['1.2.3', 'not-a-number'],
    ['Infinity', 'not-a-number'],
    ['NaN', 'not-a-number'],
    ['1.5 USDC', 'not-a-number'],
    ['1.1234567', 'too-many-decimals'],
    ['1.5', 'too-many-decimals'],
    ['9'.repeat(101), 'too-large'],
    [`${MAX_UINT256 + 1n}`, 'too-large'],
  ];
  for (const [input, problem] of cases) {
    const decimals = input === '1.5' ? 0 : 6;
    assert.equal(refused(input, decimals), problem, `${JSON.stringify(input)}`);
  }
  assert.equal(ok(`${MAX_UINT256}`, 0), MAX_UINT256);
});

test('a text longer than anyone types: not a number is "not a number", whatever its length (issue 11, item 6)', () => {
  const cases: Array<[string, AmountProblem]> = [
    ['a'.repeat(101), 'not-a-number'],
    [`1${'x'.repeat(200)}`, 'not-a-number'],
    [`${'9'.repeat(150)}abc`, 'not-a-number'],
    ['1.2.3'.repeat(40), 'not-a-number'],
    [`1e${'9'.repeat(120)}`, 'not-a-number'],
    [`<script>${'x'.repeat(1_000)}</script>`, 'not-a-number'],
    ['\u202e'.repeat(50) + '5'.repeat(60), 'not-a-number'],
    ['.'.repeat(101), 'not-a-number'],
    ['x'.repeat(1_000_000), 'not-a-number'],
    ['9'.repeat(101), 'too-large'],
    ['9'.repeat(1_000_000), 'too-large'],
    [`-${'9'.repeat(150)}`, 'negative'],
    [`0.${'1'.repeat(150)}`, 'too-many-decimals'],
  ];
  for (const [input, problem] of cases) assert.equal(refused(input, 18), problem, `${JSON.stringify(input.slice(0, 30))}… (${input.length} characters)`);
  // Redundant zeros do not make a number long: 000…0001.5000… is 1.5.
  assert.equal(ok(`${'0'.repeat(200)}1.5${'0'.repeat(200)}`, 6), 1_500_000n);
  assert.equal(refused('0'.repeat(300), 6), 'zero');
  // The sentence the tip shows for it.
  const checked = checkAmount(`hello ${'world '.repeat(40)}`, { symbol: 'ETH', decimals: 18 });
  assert.ok(!checked.ok);
  assert.equal(checked.problem.key, 'tip.amount.notANumber');
  assert.match(tipMessages[checked.problem.key], /is not an amount/);
  assert.ok(String(checked.problem.vars?.value).length <= 42, 'the quoted text is short');
});

// formatAmount is internal/format.ts's unitsToDecimal (tested there); here: it is parseAmount's inverse.
test('formatAmount round-trips with parseAmount', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: MAX_UINT256 }), fc.integer({ min: 0, max: 36 }), (value, decimals) => {
      const text = formatAmount(value, decimals);
      const back = parseAmount(text, decimals);
      return back.ok && back.value === value && back.text === text;
    }),
    { numRuns: 3000 },
  );
});

test('formatAmountCeil never understates an estimate', () => {
  assert.equal(formatAmountCeil(1n, 18), '0.000001');
  assert.equal(formatAmountCeil(21_000n * 2_000_000_000n, 18), '0.000042');
  assert.equal(formatAmountCeil(1_500_000n, 6), '1.5');
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 30 }), (value, decimals) => {
      const shown = parseAmount(formatAmountCeil(value, decimals), decimals);
      return value === 0n || (shown.ok && shown.value >= value);
    }),
    { numRuns: 2000 },
  );
});

test('property: thousands of random strings never throw and always answer', () => {
  const anyText = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.stringMatching(/^[-+]?[0-9.,eExXbB _']{0,24}$/),
    fc.stringMatching(/^\d{0,80}(\.\d{0,40})?$/),
  );
  fc.assert(
    fc.property(anyText, fc.integer({ min: 0, max: 36 }), (input, decimals) => {
      const r = parseAmount(input, decimals);
      if (r.ok) {
        // Accepted amounts are positive, fit uint256, and format back to the same value.
        assert.ok(r.value > 0n && r.value <= MAX_UINT256);
        const again = parseAmount(formatAmount(r.value, decimals), decimals);
        assert.ok(again.ok && again.value === r.value);
      } else {
        assert.equal(typeof r.problem, 'string');
      }
    }),
    { numRuns: 5000 },
  );
});

test('formatAmountFloor shows a balance in at most 6 decimals, never overstated (issue 15: 18 raw decimals)', () => {
  assert.equal(formatAmountFloor(9_999_999_961_974_877_403_233n, 18), '9999.999961');
  assert.equal(formatAmountFloor(1_999_999n, 6), '1.999999');
  assert.equal(formatAmountFloor(10n ** 18n, 18), '1');
  assert.equal(formatAmountFloor(0n, 18), '0');
  assert.equal(formatAmountFloor(1n, 18), '0.000000000000000001');
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: MAX_UINT256 }), fc.integer({ min: 0, max: 30 }), (v, d) => {
      const shown = parseAmount(formatAmountFloor(v, d), d);
      return v === 0n || (shown.ok && shown.value <= v);
    }),
  );
});
