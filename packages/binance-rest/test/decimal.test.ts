// The exact-decimal module: the public functions on decimal strings (used by the analysis helpers, the
// MCP server and the streams' local order book) and the operations on values read once (used by
// pre-trade validation and rounding). Known values and edge cases first, then properties checked
// against plain bigint arithmetic on random values.

import {
  addDecimals,
  compareDecimals,
  decimalScale,
  divideDecimals,
  isDecimal,
  isZeroDecimal,
  midpointDecimals,
  multiplyDecimals,
  roundDecimal,
  subtractDecimals,
  trimDecimal,
  ValidationError,
} from '@binance-mcp/rest';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  add,
  cmp,
  DecimalSum,
  dec,
  div,
  formatDecimal,
  isMultiple,
  mul,
  parseDecimal,
  plainNumber,
  readDecimal,
  roundToStep,
  significantScale,
  sub,
} from '../src/decimal.js';

describe('decimal strings: known values', () => {
  test('add, subtract and multiply keep every digit', () => {
    expect(addDecimals('0.10000000', '0.2')).toBe('0.30000000');
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(subtractDecimals('1', '1.00000001')).toBe('-0.00000001');
    expect(subtractDecimals('5.5', '5.50')).toBe('0.00');
    expect(subtractDecimals('25.36520000', '25.35190000')).toBe('0.01330000');
    expect(subtractDecimals('1', '1.5')).toBe('-0.5');
    expect(multiplyDecimals('97012.34000000', '0.51234000')).toBe('49703.30227560');
    expect(multiplyDecimals('0.1', '0.2')).toBe('0.02');
    expect(multiplyDecimals('0.00240000', '10')).toBe('0.02400000');
    // Trailing zeros beyond the longer operand's decimals are dropped.
    expect(multiplyDecimals('1.50', '2.50')).toBe('3.75');
  });

  test('negative values and zero', () => {
    expect(addDecimals('-1.5', '1.5')).toBe('0.0');
    expect(addDecimals('-0', '0')).toBe('0');
    expect(subtractDecimals('-2.25', '-0.75')).toBe('-1.50');
    expect(multiplyDecimals('-0.5', '-0.5')).toBe('0.25');
    expect(multiplyDecimals('-3', '0.00')).toBe('0.00');
    expect(compareDecimals('-0.1', '0')).toBe(-1);
    expect(compareDecimals('-0.0', '0')).toBe(0);
    expect(compareDecimals('-1', '-2')).toBe(1);
    expect(divideDecimals('-2', '3', 2)).toBe('-0.67');
    expect(divideDecimals('-2', '3', 2, 'down')).toBe('-0.66');
    expect(divideDecimals('0', '-7', 3)).toBe('0.000');
    expect(midpointDecimals('-1', '2')).toBe('0.5');
    expect(midpointDecimals('-1', '-2')).toBe('-1.5');
  });

  test('division and rounding: half away from zero by default, or toward zero', () => {
    expect(divideDecimals('1', '3', 8)).toBe('0.33333333');
    expect(divideDecimals('2', '3', 8)).toBe('0.66666667');
    expect(divideDecimals('2', '3', 8, 'down')).toBe('0.66666666');
    expect(divideDecimals('1', '8', 2)).toBe('0.13');
    expect(divideDecimals('-1', '8', 2)).toBe('-0.13');
    expect(divideDecimals('90071992547409930.5', '0.5', 0)).toBe('180143985094819861');
    expect(roundDecimal('1.005', 2)).toBe('1.01');
    expect(roundDecimal('-1.005', 2)).toBe('-1.01');
    expect(roundDecimal('1.0049', 2)).toBe('1.00');
    expect(roundDecimal('1.009', 2, 'down')).toBe('1.00');
    expect(roundDecimal('-1.009', 2, 'down')).toBe('-1.00');
    expect(roundDecimal('1.2', 4)).toBe('1.2000');
    expect(roundDecimal('9.5', 0)).toBe('10');
  });

  test('midpoint: exact, with one more decimal only when the sum is odd', () => {
    expect(midpointDecimals('25.35190000', '25.36520000')).toBe('25.35855000');
    expect(midpointDecimals('0.00000001', '0.00000002')).toBe('0.000000015');
    expect(midpointDecimals('99.99', '100.01')).toBe('100.00');
    expect(midpointDecimals('1', '2')).toBe('1.5');
    expect(midpointDecimals('1', '3')).toBe('2');
  });

  test('compare, trim, scale', () => {
    expect(compareDecimals('1.50', '1.5')).toBe(0);
    expect(compareDecimals('10.0', '9.99999999')).toBe(1);
    expect(compareDecimals('0.0024', '0.00240000')).toBe(0);
    expect(trimDecimal('1.50000000')).toBe('1.5');
    expect(trimDecimal('2.000')).toBe('2');
    expect(trimDecimal('0.00240000')).toBe('0.0024');
    expect(trimDecimal('007.5')).toBe('7.5');
    expect(trimDecimal('0.0')).toBe('0');
    expect(trimDecimal('-0.00')).toBe('0');
    expect(trimDecimal('+1.50')).toBe('1.5');
    expect(trimDecimal('-00.10')).toBe('-0.1');
    expect(trimDecimal('1.')).toBe('1');
    const canonical = '97012.34';
    expect(trimDecimal(canonical)).toBe(canonical);
    expect(decimalScale('0.01000000')).toBe(8);
    expect(decimalScale('12')).toBe(0);
    expect(decimalScale('-1.50')).toBe(2);
  });

  test('zero tests and the grammar', () => {
    for (const zero of ['0', '0.00000000', '-0.0', '+0', '000', '0.']) expect(isZeroDecimal(zero)).toBe(true);
    for (const other of ['0.00000001', '1', '-0.1', '10', '', '-', '.', '.0', '0x0', '0e0', 0, null]) {
      expect(isZeroDecimal(other)).toBe(false);
    }
    for (const text of ['1', '-1', '+1', '1.', '1.5', '0001.5000', '123456789012345678901234567890.1']) {
      expect(isDecimal(text)).toBe(true);
    }
    for (const text of [
      '',
      '.5',
      '1e-7',
      '1E5',
      '1,5',
      ' 1',
      '1 ',
      '--1',
      '0x10',
      'NaN',
      'Infinity',
      '1.2.3',
    ]) {
      expect(isDecimal(text)).toBe(false);
    }
    expect(isDecimal(1)).toBe(false);
  });

  test('many digits and scales beyond 18', () => {
    const tiny = '0.0000000000000000000000000001'; // 28 decimals
    expect(addDecimals(tiny, tiny)).toBe('0.0000000000000000000000000002');
    expect(multiplyDecimals(tiny, tiny)).toBe(`0.${'0'.repeat(55)}1`);
    expect(divideDecimals('1', '3', 30)).toBe(`0.${'3'.repeat(30)}`);
    expect(divideDecimals('2', '3', 40, 'down')).toBe(`0.${'6'.repeat(40)}`);
    expect(roundDecimal('0.123456789012345678901234', 20)).toBe('0.12345678901234567890');
    expect(roundDecimal('0.5', 25)).toBe(`0.5${'0'.repeat(24)}`);
    const big = '123456789012345678901234567890.123456789012345678901234567890';
    expect(subtractDecimals(big, big)).toBe(`0.${'0'.repeat(30)}`);
    expect(addDecimals(big, '0.000000000000000000000000000001')).toBe(
      '123456789012345678901234567890.123456789012345678901234567891',
    );
    expect(compareDecimals(big, '123456789012345678901234567890.12345678901234567890123456789')).toBe(0);
    expect(midpointDecimals(big, '0')).toBe('61728394506172839450617283945.061728394506172839450617283945');
    expect(trimDecimal(`${big}000`)).toBe('123456789012345678901234567890.12345678901234567890123456789');
  });

  test('bad input names the parameter and what is allowed; exponents are refused', () => {
    expect(() => addDecimals('1e5', '1')).toThrow(ValidationError);
    expect(() => addDecimals('1e5', '1')).toThrow(/parameter 'a' is "1e5"; allowed: a decimal/);
    expect(() => subtractDecimals('1', '1e-7')).toThrow(/parameter 'b' is "1e-7"/);
    expect(() => multiplyDecimals('', '1')).toThrow(/parameter 'a'/);
    expect(() => midpointDecimals('1', 'abc')).toThrow(/parameter 'b' is "abc"/);
    expect(() => compareDecimals('1e-7', '1')).toThrow(ValidationError);
    expect(() => trimDecimal('1e-7')).toThrow(/parameter 'value' is "1e-7"/);
    expect(() => trimDecimal('.5')).toThrow(ValidationError);
    expect(() => trimDecimal('1.2.3')).toThrow(ValidationError);
    expect(() => trimDecimal(5 as never)).toThrow(ValidationError);
    expect(() => decimalScale('1e-7')).toThrow(ValidationError);
    expect(() => divideDecimals('1', '0.000', 2)).toThrow(
      /parameter 'b' is "0.000"; allowed: a non-zero divisor/,
    );
    expect(() => divideDecimals('1', '2', -1)).toThrow(/parameter 'scale'/);
    expect(() => divideDecimals('1', '2', 41)).toThrow(/parameter 'scale'/);
    expect(() => roundDecimal('1', 2, 'up' as never)).toThrow(/parameter 'rounding'/);
    expect(() => roundDecimal('1', 1.5)).toThrow(/parameter 'scale'/);
  });
});

describe('values read once (pre-trade validation, rounding, summaries)', () => {
  test('reading: strings, numbers as written, bigints; exponents in strings are refused', () => {
    expect(parseDecimal('0.00100000')).toEqual({ units: 100000n, scale: 8 });
    expect(parseDecimal('-1.5')).toEqual({ units: -15n, scale: 1 });
    expect(parseDecimal('1e-7')).toBeUndefined();
    expect(dec(1e-7)).toEqual({ units: 1n, scale: 7 });
    expect(dec(0.1 + 0.2)).toEqual({ units: 30000000000000004n, scale: 17 });
    expect(dec(12n)).toEqual({ units: 12n, scale: 0 });
    expect(() => dec('1e-7')).toThrow(RangeError);
    expect(() => dec(Number.NaN)).toThrow(RangeError);
    expect(plainNumber(1e-7)).toBe('0.0000001');
    expect(plainNumber(2.5e-10)).toBe('0.00000000025');
    expect(plainNumber(97000.5)).toBe('97000.5');
    expect(plainNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(readDecimal('2.50')).toEqual({ units: 250n, scale: 2 });
    expect(() => readDecimal(2.5, 'price')).toThrow(/parameter 'price' is 2.5/);
  });

  test('arithmetic, comparison and printing', () => {
    const d = (text: string) => dec(text);
    expect(formatDecimal(add(d('0.1'), d('0.2')))).toBe('0.3');
    expect(formatDecimal(sub(d('1'), d('1.00000001')))).toBe('-0.00000001');
    expect(formatDecimal(mul(d('0.3'), d('0.1')))).toBe('0.03');
    expect(cmp(d('1.50'), d('1.5'))).toBe(0);
    expect(cmp(d('-2'), d('1'))).toBe(-1);
    expect(cmp(d('0.00000002'), d('0.00000001'))).toBe(1);
    expect(formatDecimal(d('0.00100000'))).toBe('0.001');
    expect(formatDecimal(d('5.000'))).toBe('5');
    expect(formatDecimal(d('0.5'), 3)).toBe('0.500');
    expect(formatDecimal(d('1.239'), 2)).toBe('1.23'); // cut, not rounded
    expect(formatDecimal(d('-1.239'), 2)).toBe('-1.23');
    expect(significantScale(d('0.00100000'))).toBe(3);
    expect(significantScale(d('1.00000000'))).toBe(0);
    expect(significantScale(d('0.00000000'))).toBe(0);
  });

  test('division and steps: down, up and nearest (halves up)', () => {
    const d = (text: string) => dec(text);
    const q = (a: string, b: string, scale: number, mode: 'down' | 'up' | 'nearest') =>
      formatDecimal(div(d(a), d(b), scale, mode), scale);
    expect(q('2', '3', 2, 'down')).toBe('0.66');
    expect(q('2', '3', 2, 'up')).toBe('0.67');
    expect(q('1', '3', 2, 'up')).toBe('0.34');
    expect(q('1', '3', 2, 'nearest')).toBe('0.33');
    expect(q('1', '8', 2, 'nearest')).toBe('0.13');
    expect(q('1', '4', 2, 'up')).toBe('0.25'); // exact: nothing to round
    expect(q('100', '0.00000001', 0, 'down')).toBe('10000000000');
    const r = (value: string, step: string, mode: 'down' | 'up' | 'nearest') =>
      formatDecimal(roundToStep(d(value), d(step), mode), significantScale(d(step)));
    expect(r('0.123456', '0.00100000', 'down')).toBe('0.123');
    expect(r('0.123456', '0.00100000', 'up')).toBe('0.124');
    expect(r('0.1235', '0.001', 'nearest')).toBe('0.124');
    expect(r('0.12349', '0.001', 'nearest')).toBe('0.123');
    expect(r('12345.6789', '10', 'nearest')).toBe('12350');
    expect(r('0.7', '0.25', 'down')).toBe('0.50');
    expect(formatDecimal(roundToStep(d('0.123'), d('0'), 'up'))).toBe('0.123');
    expect(isMultiple(d('0.3'), d('0.1'))).toBe(true);
    expect(isMultiple(d('0.30000000'), d('0.1'))).toBe(true);
    expect(isMultiple(d('0.35'), d('0.1'))).toBe(false);
    expect(isMultiple(d('0.35'), d('0'))).toBe(true);
    expect(isMultiple(d('1'), d('0.00000000000000000001'))).toBe(true);
  });

  test('a running sum keeps the longest operand’s decimals, as folding the string functions would', () => {
    const sum = new DecimalSum();
    expect(sum.toString()).toBe('0');
    sum.add(dec('1.50'));
    sum.addProduct(dec('2.5'), dec('0.4'));
    expect(sum.toString()).toBe('2.50');
    sum.add(dec('-0.001'));
    expect(sum.toString()).toBe('2.499');
  });
});

// Random decimals with up to 12 integer and 10 fraction digits (and some with up to 30 decimals), with
// their value as bigint units at their scale: the reference every property checks against.
const decimalArb = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 10n ** 22n }),
    fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 19, max: 30 })),
  )
  .map(([negative, units, scale]) => {
    const digits = units.toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return { text: negative ? `-${text}` : text, units: negative ? -units : units, scale };
  });
const exact = (d: { units: bigint; scale: number }, scale: number) =>
  d.units * 10n ** BigInt(scale - d.scale);
const unitsOf = (text: string) => BigInt(text.replace('.', ''));
const scaleOf = (text: string) => (text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);

describe('decimal strings: properties against bigint arithmetic', () => {
  test('add, subtract, multiply, midpoint and compare', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        const s = Math.max(a.scale, b.scale);
        const sum = addDecimals(a.text, b.text);
        expect(scaleOf(sum)).toBe(s);
        expect(unitsOf(sum)).toBe(exact(a, s) + exact(b, s));
        const diff = subtractDecimals(a.text, b.text);
        expect(unitsOf(diff)).toBe(exact(a, s) - exact(b, s));
        const product = multiplyDecimals(a.text, b.text);
        expect(unitsOf(product) * 10n ** BigInt(a.scale + b.scale - scaleOf(product))).toBe(
          a.units * b.units,
        );
        const mid = midpointDecimals(a.text, b.text);
        expect(compareDecimals(addDecimals(mid, mid), sum)).toBe(0);
        expect(scaleOf(mid)).toBe((exact(a, s) + exact(b, s)) % 2n === 0n ? s : s + 1);
        const d = exact(a, s) - exact(b, s);
        expect(compareDecimals(a.text, b.text)).toBe(d < 0n ? -1 : d > 0n ? 1 : 0);
        expect(compareDecimals(addDecimals(diff, b.text), a.text)).toBe(0);
      }),
    );
  });

  test('division rounds half away from zero, or toward zero', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, fc.integer({ min: 0, max: 30 }), (a, b, scale) => {
        fc.pre(b.units !== 0n);
        const q = divideDecimals(a.text, b.text, scale);
        const down = divideDecimals(a.text, b.text, scale, 'down');
        // |q − a/b| ≤ half a unit of the last place, and `down` is the truncation.
        const num = a.units * 10n ** BigInt(b.scale + scale);
        const den = b.units * 10n ** BigInt(a.scale);
        const err = unitsOf(q) * den - num; // (q − a/b) · den · 10^scale
        const absDen = den < 0n ? -den : den;
        expect(2n * (err < 0n ? -err : err) <= absDen).toBe(true);
        expect(unitsOf(down)).toBe(num / den);
      }),
    );
  });

  test('trim keeps the value and drops every redundant character', () => {
    // Decorated forms of a random decimal: a plus sign, leading zeros, trailing zeros, a bare point.
    const decorated = fc.tuple(
      decimalArb,
      fc.boolean(),
      fc.nat({ max: 3 }),
      fc.nat({ max: 3 }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(decorated, ([a, plus, lead, trail, point]) => {
        let text = a.text.replace('-', '');
        if (trail > 0) text = text.includes('.') ? text + '0'.repeat(trail) : `${text}.${'0'.repeat(trail)}`;
        else if (point && !text.includes('.')) text = `${text}.`;
        text = `${a.units < 0n ? '-' : plus ? '+' : ''}${'0'.repeat(lead)}${text}`;
        const trimmed = trimDecimal(text);
        expect(compareDecimals(trimmed, a.text)).toBe(0);
        expect(trimmed).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/);
        expect(trimmed === '-0' || trimmed.startsWith('+')).toBe(false);
        expect(trimDecimal(trimmed)).toBe(trimmed);
        expect(isZeroDecimal(text)).toBe(a.units === 0n);
      }),
    );
  });

  test('on any text, trim and the zero test agree with isDecimal', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', ' '), maxLength: 8 });
    fc.assert(
      fc.property(text, (t) => {
        if (isDecimal(t)) {
          expect(compareDecimals(trimDecimal(t), t)).toBe(0);
          expect(isZeroDecimal(t)).toBe(compareDecimals(t, '0') === 0);
        } else {
          expect(() => trimDecimal(t)).toThrow(ValidationError);
          expect(isZeroDecimal(t)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
