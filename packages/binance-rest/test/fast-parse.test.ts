// The hand-written parsers for klines and order books must give exactly what the zod schemas give, and
// refuse (undefined) exactly what the schemas refuse, so the schemas stay the contract.

import { depthResponse, klineSchema, parseDepth, parseKlines } from '@binance-mcp/rest';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import * as z from 'zod';

const decimal = fc.stringMatching(/^\d{1,8}\.\d{8}$/);
const klineTuple = fc.tuple(
  fc.nat(),
  decimal,
  decimal,
  decimal,
  decimal,
  decimal,
  fc.nat(),
  decimal,
  fc.nat(),
  decimal,
  decimal,
  fc.constant('0'),
);
const klines = fc.array(
  fc.oneof(
    klineTuple,
    klineTuple.map((k) => [...k, 'appended by a future API']),
  ),
  { maxLength: 20 },
);
const klinesSchema = z.array(klineSchema);

/** Replaces one value anywhere in a JSON-ish structure with something of another type. */
function corrupt(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || !Array.isArray(value) || value.length === 0) return replacement;
  const [head, ...rest] = path as [number, ...number[]];
  const i = head % value.length;
  const copy = [...value];
  copy[i] = corrupt(copy[i], rest, replacement);
  return copy;
}
const wrongValues = fc.constantFrom(null, undefined, 1.5, '1', true, {}, [], 10n);

describe('parseKlines', () => {
  test('equals the schema on valid klines', () => {
    fc.assert(
      fc.property(klines, (json) => {
        expect(parseKlines(json)).toStrictEqual(klinesSchema.parse(json));
      }),
    );
  });

  test('refuses whatever the schema refuses', () => {
    fc.assert(
      fc.property(
        klines,
        fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
        wrongValues,
        (json, path, wrong) => {
          const bad = corrupt(json, path, wrong);
          const schema = klinesSchema.safeParse(bad);
          const fast = parseKlines(bad);
          if (schema.success) expect(fast).toStrictEqual(schema.data);
          else expect(fast).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
    expect(parseKlines([[1, 'a']])).toBeUndefined();
    expect(parseKlines({})).toBeUndefined();
  });
});

describe('parseDepth', () => {
  const level = fc.tuple(decimal, decimal);
  const depth = fc.record({
    lastUpdateId: fc.oneof(fc.nat(), fc.bigInt({ min: 2n ** 53n, max: 2n ** 64n })),
    bids: fc.array(level, { maxLength: 10 }),
    asks: fc.array(level, { maxLength: 10 }),
  });

  test('equals the schema on valid books (extra fields dropped)', () => {
    fc.assert(
      fc.property(depth, fc.option(fc.string()), (json, extra) => {
        const withExtra = extra === null ? json : { ...json, extra };
        expect(parseDepth(withExtra)).toStrictEqual(depthResponse.parse(withExtra));
      }),
    );
  });

  test('refuses whatever the schema refuses', () => {
    fc.assert(
      fc.property(
        depth,
        fc.constantFrom('lastUpdateId', 'bids', 'asks'),
        fc.array(fc.nat(), { maxLength: 2 }),
        wrongValues,
        (json, key, path, wrong) => {
          const bad = { ...json, [key]: corrupt(json[key], path, wrong) };
          const schema = depthResponse.safeParse(bad);
          const fast = parseDepth(bad);
          if (schema.success) expect(fast).toStrictEqual(schema.data);
          else expect(fast).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
    expect(parseDepth({ lastUpdateId: 1.5, bids: [], asks: [] })).toBeUndefined();
    const threeWide = { lastUpdateId: 1, bids: [['1', '2', '3']], asks: [] };
    expect(depthResponse.safeParse(threeWide).success).toBe(false);
    expect(parseDepth(threeWide)).toBeUndefined();
    expect(parseDepth(null)).toBeUndefined();
  });
});
