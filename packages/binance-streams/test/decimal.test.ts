import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  canonicalDecimal,
  decimalAdd,
  decimalCompare,
  decimalMidpoint,
  decimalMul,
  decimalSub,
  isZeroDecimal,
} from '../src/index.js';

describe('exact decimals', () => {
  test('examples', () => {
    expect(decimalSub('25.36520000', '25.35190000')).toBe('0.01330000');
    expect(decimalMidpoint('25.35190000', '25.36520000')).toBe('25.35855000');
    expect(decimalMidpoint('0.00000001', '0.00000002')).toBe('0.000000015');
    expect(decimalAdd('0.1', '0.2')).toBe('0.3');
    expect(decimalMul('0.00240000', '10')).toBe('0.02400000');
    expect(decimalSub('1', '1.5')).toBe('-0.5');
    expect(decimalCompare('10.0', '9.99999999')).toBe(1);
    expect(decimalCompare('0.0024', '0.00240000')).toBe(0);
    expect(canonicalDecimal('0.00240000')).toBe('0.0024');
    expect(canonicalDecimal('10.000')).toBe('10');
    expect(canonicalDecimal('007.5')).toBe('7.5');
    expect(canonicalDecimal('0.0')).toBe('0');
    expect(isZeroDecimal('0.00000000')).toBe(true);
    expect(isZeroDecimal('0.00000001')).toBe(false);
    expect(() => decimalAdd('1e-7', '1')).toThrow(/Not a decimal string/);
  });

  // Integers scaled by 10^8 as the reference: BigInt arithmetic is exact.
  const units = fc.bigInt({ min: 0n, max: 10n ** 18n });
  const text = (u: bigint) => {
    const s = u.toString().padStart(9, '0');
    return `${s.slice(0, -8)}.${s.slice(-8)}`;
  };

  test('add, sub, midpoint and compare agree with integer arithmetic', () => {
    fc.assert(
      fc.property(units, units, (a, b) => {
        expect(decimalCompare(decimalAdd(text(a), text(b)), text(a + b))).toBe(0);
        const diff = a - b;
        expect(decimalSub(text(a), text(b))).toBe(diff < 0n ? `-${text(-diff)}` : text(diff));
        expect(decimalCompare(text(a), text(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
        const mid = decimalMidpoint(text(a), text(b));
        expect(decimalCompare(decimalAdd(mid, mid), text(a + b))).toBe(0);
      }),
    );
  });
});
