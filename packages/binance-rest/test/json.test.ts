// The JSON parser must never round a 64-bit integer, and must otherwise agree with JSON.parse.

import { parseJson } from '@binance-mcp/rest';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const BIG = '9223372036854775807'; // 2^63 - 1

/** True when JSON.stringify would print an integer literal that is not a safe integer. */
function hasUnsafeIntegerLiteral(value: unknown): boolean {
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < 1e21;
  }
  if (Array.isArray(value)) return value.some(hasUnsafeIntegerLiteral);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasUnsafeIntegerLiteral);
  return false;
}

describe('parseJson', () => {
  test('keeps integers beyond 2^53 exact, as bigint', () => {
    const value = parseJson(`{"id":${BIG},"ids":[9007199254740993,-9007199254740993],"n":1}`) as {
      id: unknown;
      ids: unknown[];
      n: unknown;
    };
    expect(value.id).toBe(9223372036854775807n);
    expect(value.ids).toEqual([9007199254740993n, -9007199254740993n]);
    expect(value.n).toBe(1);
  });

  test('2^53 itself is not a safe integer and comes back as bigint; 2^53 - 1 stays a number', () => {
    expect(parseJson('[9007199254740992,9007199254740991]')).toEqual([9007199254740992n, 9007199254740991]);
  });

  test('finds an unsafe integer wherever it sits (the scan samples every 16th character)', () => {
    for (let pad = 0; pad < 40; pad++) {
      for (const big of ['9007199254740993', '12345678901234567890', '-99999999999999999']) {
        const text = `${' '.repeat(pad)}[1234567890123,"x",${big}]`;
        expect((parseJson(text) as unknown[])[2], `pad ${pad}, ${big}`).toBe(BigInt(big));
      }
      // 16 safe digits next to a long safe-looking string do not trigger anything
      expect(parseJson(`${' '.repeat(pad)}[9007199254740991,"1234567890"]`)).toEqual([
        9007199254740991,
        '1234567890',
      ]);
    }
  });

  test('microsecond timestamps (16 digits, safe) stay numbers', () => {
    expect(parseJson('{"T":1700000000123456}')).toEqual({ T: 1700000000123456 });
  });

  test('digits inside strings are left alone, including escaped quotes before them', () => {
    const text = `{"a":"x\\"${BIG}","b":"0.000000000000000000001","c":${BIG}}`;
    expect(parseJson(text)).toEqual({ a: `x"${BIG}`, b: '0.000000000000000000001', c: BigInt(BIG) });
  });

  test('floats with many digits are left to JSON.parse (Binance sends decimals as strings)', () => {
    const text = '[12345678901234567.5, 1e30, 123456789012345678e2]';
    expect(parseJson(text)).toEqual(JSON.parse(text));
    expect((parseJson(text) as unknown[]).every((n) => typeof n === 'number')).toBe(true);
  });

  test('a string spelling the marker escape is not mistaken for an integer', () => {
    const text = `{"s":"\\u0000int64${BIG}","big":${BIG}}`;
    expect(parseJson(text)).toEqual({ s: `\u0000int64${BIG}`, big: BigInt(BIG) });
    const allNul = `{"s":"\\u0000${BIG}","t":"\\u0001x","big":${BIG}}`;
    expect(parseJson(allNul)).toEqual({ s: `\u0000${BIG}`, t: '\u0001x', big: BigInt(BIG) });
  });

  test('invalid or truncated JSON throws a SyntaxError, with or without big integers', () => {
    expect(() => parseJson('{"a":1')).toThrow(SyntaxError);
    expect(() => parseJson(`{"a":${BIG}`)).toThrow(SyntaxError);
    expect(() => parseJson('')).toThrow(SyntaxError);
  });

  test('turns an unsafe integer that JSON.stringify printed into the exact bigint of that literal', () => {
    const text = JSON.stringify([2 ** 60]); // "[1152921504606847000]": the shortest round-trip form
    expect(parseJson(text)).toEqual([1152921504606847000n]);
  });

  test('agrees with JSON.parse on any JSON without unsafe integers', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        fc.pre(!hasUnsafeIntegerLiteral(value));
        const text = JSON.stringify(value);
        expect(parseJson(text)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  test('round-trips any bigint placed anywhere in a document', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), (value, big) => {
        fc.pre(!hasUnsafeIntegerLiteral(value));
        const text = `{"doc":${JSON.stringify(value)},"big":${big}}`;
        const parsed = parseJson(text) as { doc: unknown; big: unknown };
        expect(parsed.doc).toStrictEqual(JSON.parse(JSON.stringify(value)));
        expect(parsed.big).toBe(Number.isSafeInteger(Number(big)) ? Number(big) : big);
      }),
      { numRuns: 300 },
    );
  });
});
