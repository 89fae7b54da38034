// Rounding prices and quantities to a symbol's rules, with exact decimal arithmetic: checked on known
// values, and as properties (the result is a multiple of the step, within one step of the input, on
// the side asked for) over random decimals where floats would go wrong.

import {
  roundPrice,
  roundQuantity,
  roundToStepSize,
  type SymbolInfo,
  validateOrder,
} from '@binance-mcp/rest';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const SYMBOL = {
  symbol: 'ETHBTC',
  status: 'TRADING',
  filters: [
    { filterType: 'PRICE_FILTER', minPrice: '0.00001000', maxPrice: '100.00000000', tickSize: '0.00001000' },
    { filterType: 'LOT_SIZE', minQty: '0.00100000', maxQty: '9000.00000000', stepSize: '0.00100000' },
    { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '10.00000000', stepSize: '0.01000000' },
  ],
} as unknown as SymbolInfo;

describe('rounding helpers', () => {
  test('prices to the tick: nearest by default, down, up; printed with the tick’s decimals', () => {
    expect(roundPrice(SYMBOL, '0.0512345')).toBe('0.05123');
    expect(roundPrice(SYMBOL, '0.051235')).toBe('0.05124');
    expect(roundPrice(SYMBOL, '0.0512399', 'down')).toBe('0.05123');
    expect(roundPrice(SYMBOL, '0.0512301', 'up')).toBe('0.05124');
    expect(roundPrice(SYMBOL, 0.05, 'up')).toBe('0.05000');
    expect(roundPrice(SYMBOL, 1e-7, 'up')).toBe('0.00001');
  });

  test('quantities to the lot step: down by default; the market step for market orders', () => {
    expect(roundQuantity(SYMBOL, '1.23456')).toBe('1.234');
    expect(roundQuantity(SYMBOL, '1.23456', 'up')).toBe('1.235');
    expect(roundQuantity(SYMBOL, '1.23456', 'down', { market: true })).toBe('1.23');
    // 0.1 + 0.2 is 0.30000000000000004 as a float: exact arithmetic still rounds it to 0.3.
    expect(roundQuantity(SYMBOL, 0.1 + 0.2)).toBe('0.300');
  });

  test('any step; a zero step leaves the value; bad input is refused with the parameter', () => {
    expect(roundToStepSize('12345.6789', '10', 'nearest')).toBe('12350');
    expect(roundToStepSize('0.5', '1', 'nearest')).toBe('1');
    expect(roundToStepSize('0.123', '0')).toBe('0.123');
    expect(() => roundToStepSize('abc', '1')).toThrow(/parameter 'value' is "abc"/);
    expect(() => roundToStepSize('1', '-1')).toThrow(/parameter 'step' is "-1"/);
    expect(() => roundToStepSize('1', '1', 'sideways' as never)).toThrow(/'down', 'up' or 'nearest'/);
    expect(() => roundPrice({} as SymbolInfo, '1')).toThrow(/parameter 'symbolInfo'/);
  });

  test('a rounded quantity passes LOT_SIZE', () => {
    expect(
      validateOrder(SYMBOL, {
        side: 'BUY',
        type: 'LIMIT',
        price: '0.05',
        quantity: roundQuantity(SYMBOL, '2.71828'),
      }),
    ).toEqual([]);
  });
});

describe('properties over random decimals', () => {
  const decimalText = fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 12 }))
    .map(([units, scale]) => {
      const digits = units.toString().padStart(scale + 1, '0');
      return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    });
  const step = fc.constantFrom('0.00000001', '0.00001', '0.001', '0.01', '0.5', '1', '10', '0.25');

  /** A decimal string as a fraction n / 10^s, for exact comparisons. */
  const exact = (text: string): [bigint, number] => {
    const [whole, fraction = ''] = text.split('.');
    return [BigInt(`${whole}${fraction}`), fraction.length];
  };
  const scaled = (text: string, scale: number) => {
    const [n, s] = exact(text);
    return n * 10n ** BigInt(scale - s);
  };

  test('down ≤ value ≤ up, each a multiple of the step, less than one step from the value', () => {
    fc.assert(
      fc.property(decimalText, step, (value, s) => {
        const down = roundToStepSize(value, s, 'down');
        const up = roundToStepSize(value, s, 'up');
        const nearest = roundToStepSize(value, s, 'nearest');
        const scale = 24;
        const v = scaled(value, scale);
        const st = scaled(s, scale);
        for (const r of [down, up, nearest]) expect(scaled(r, scale) % st).toBe(0n);
        expect(scaled(down, scale) <= v && v <= scaled(up, scale)).toBe(true);
        expect(scaled(up, scale) - scaled(down, scale)).toBe(v % st === 0n ? 0n : st);
        expect([down, up]).toContain(nearest);
        const distance = (r: string) => (scaled(r, scale) > v ? scaled(r, scale) - v : v - scaled(r, scale));
        expect(2n * distance(nearest) <= st).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
