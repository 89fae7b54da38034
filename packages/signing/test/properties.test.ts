// Property tests of the payload builders: for any parameters, what is signed is exactly what is sent, and
// decoding what is sent gives back the caller's parameters, in order.

import { createHmac } from 'node:crypto';
import {
  createSigner,
  encodeRestParams,
  type Signer,
  signRestParams,
  signWsApiParams,
} from '@binance-mcp/signing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePairs } from './helpers.js';

const SECRET = 'property-test-secret';
const RESERVED = new Set(['timestamp', 'signature', 'recvWindow', 'apiKey', '__proto__']);

// Names: any non-empty well-formed string (REST percent-encodes them), unique, not reserved.
const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((n) => !RESERVED.has(n));
const text = fc.string({ unit: 'grapheme', maxLength: 24 });
const scalar = fc.oneof(
  text,
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((n) => !Number.isInteger(n) || Number.isSafeInteger(n)),
  fc.maxSafeInteger(),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
  fc.boolean(),
);
const value = fc.oneof(
  { weight: 5, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(fc.oneof(text, fc.integer(), fc.boolean()), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const entries = fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n, maxLength: 8 });

/** The text a value is expected to be sent as (before percent-encoding). */
function expectedText(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    if (Object.is(v, -0)) return '0';
    const plain = String(v);
    // Exponent forms are expanded; the number they denote must not change.
    return plain.includes('e') ? undefined : plain;
  }
  if (Array.isArray(v)) return JSON.stringify(v);
  return String(v);
}

function present(list: [string, unknown][]): [string, unknown][] {
  return list.filter(([, v]) => v !== undefined);
}

describe('REST payload properties', () => {
  let signer: Signer;
  beforeAll(async () => {
    signer = await createSigner({ apiKey: 'k', apiSecret: SECRET });
  });

  it('decoding the sent query gives back the parameters, in order, then timestamp and signature', async () => {
    await fc.assert(
      fc.asyncProperty(entries, fc.integer({ min: 1, max: 2 ** 45 }), async (list, timestamp) => {
        const signed = await signRestParams(signer, { query: list }, { timestamp });
        const decoded = decodePairs(signed.queryString);
        const kept = present(list);
        expect(decoded.map(([n]) => n)).toEqual([...kept.map(([n]) => n), 'timestamp', 'signature']);
        kept.forEach(([, v], i) => {
          const [, got] = decoded[i]!;
          const want = expectedText(v);
          if (want !== undefined) expect(got).toBe(want);
          else expect(Number(got)).toBe(v); // an expanded exponent still denotes the same number
        });
        expect(decoded.at(-2)).toEqual(['timestamp', String(timestamp)]);
        expect(decoded.at(-1)).toEqual(['signature', signed.signature]);
        // URLSearchParams, as a server framework would use, reads the same.
        expect([...new URLSearchParams(signed.queryString)]).toEqual(decoded);
      }),
      { numRuns: 200 },
    );
  });

  it('what is signed is exactly what is sent: the query and body without the signature, concatenated', async () => {
    await fc.assert(
      fc.asyncProperty(
        entries,
        entries,
        fc.option(fc.integer({ min: 1, max: 60000 })),
        async (query, body, rw) => {
          const names = new Set(query.map(([n]) => n));
          const bodyOnly = body.filter(([n]) => !names.has(n));
          const signed = await signRestParams(
            signer,
            { query, body: bodyOnly },
            { timestamp: 1, recvWindow: rw ?? undefined },
          );
          const suffix = `&signature=${signed.signature}`;
          const sentQuery = signed.queryString.endsWith(suffix)
            ? signed.queryString.slice(0, -suffix.length)
            : signed.queryString;
          const sentBody = signed.body.endsWith(suffix) ? signed.body.slice(0, -suffix.length) : signed.body;
          expect(sentQuery + sentBody).toBe(signed.payload);
          // Exactly one part carries the signature, at its end.
          expect([signed.queryString, signed.body].filter((part) => part.endsWith(suffix))).toHaveLength(1);
          // The signature is over those bytes, recomputed independently.
          expect(signed.signature).toBe(createHmac('sha256', SECRET).update(signed.payload).digest('hex'));
          // Everything sent is ASCII: unreserved characters and %XX escapes.
          expect(signed.queryString + signed.body).toMatch(/^[A-Za-z0-9\-._~%&=]*$/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('encodeRestParams agrees with the signed query string', () => {
    fc.assert(
      fc.property(entries, (list) => {
        const encoded = encodeRestParams(list);
        expect(decodePairs(encoded).map(([n]) => n)).toEqual(present(list).map(([n]) => n));
      }),
      { numRuns: 200 },
    );
  });
});

describe('WebSocket API payload properties', () => {
  let signer: Signer;
  beforeAll(async () => {
    signer = await createSigner({ apiKey: 'apikey', apiSecret: SECRET });
  });

  const wsName = name.filter((n) => !n.includes('&') && !n.includes('='));
  const wsEntries = fc.uniqueArray(fc.tuple(wsName, value), { selector: ([n]) => n, maxLength: 8 });

  it('the payload is the sent params (but signature), sorted, as raw name=value text', async () => {
    await fc.assert(
      fc.asyncProperty(wsEntries, async (list) => {
        const signed = await signWsApiParams(signer, list, { timestamp: 7 });
        const { signature, ...rest } = signed.params;
        expect(signature).toBe(signed.signature);
        const names = Object.keys(rest);
        expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        const rebuilt = names
          .map((n) => {
            const v = rest[n];
            return `${n}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`;
          })
          .join('&');
        expect(rebuilt).toBe(signed.payload);
        expect(signed.signature).toBe(
          createHmac('sha256', SECRET).update(signed.payload, 'utf8').digest('hex'),
        );
        // Every caller parameter that was not undefined is there, with its value's meaning intact.
        for (const [n, v] of present(list)) {
          const sent = rest[n];
          if (typeof v === 'bigint') expect(BigInt(sent as string | number)).toBe(v);
          else if (typeof v === 'number') expect(Number(sent)).toBe(Object.is(v, -0) ? 0 : v);
          else expect(sent).toEqual(v);
        }
        // The JSON that goes over the wire round-trips to the same params.
        expect(JSON.parse(JSON.stringify(signed.params))).toEqual(signed.params);
      }),
      { numRuns: 200 },
    );
  });
});
