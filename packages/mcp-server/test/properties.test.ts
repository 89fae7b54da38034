// Random input to every tool (fast-check): whatever arrives, the answer is a result (never a crash, never
// a protocol error), either data with its environment or an isError text that says what to fix; and no
// output ever contains the configured API key, secret or private key, even when the input carries them.
// The server runs with credentials registered in the simulator: an HMAC key, and an Ed25519 PEM key.

import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Connected, connectModern, type SimContext, simContext, textOf } from './helpers.js';

const API_KEY = 'pRoPeRtYkEy0123456789abcdefABCDEFGHIJ';
const API_SECRET = 'pRoPeRtYsEcReT0123456789abcdefXYZ';
const ED_KEY = 'eDkEy0123456789abcdefABCDEFGHIJKLMN';
const ed = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const pemBody = ed.privateKey
  .split('\n')
  .filter((line) => line && !line.startsWith('-----'))
  .join('');

type Setup = { name: string; s: SimContext; c: Connected; secrets: string[] };
const setups: Setup[] = [];

beforeAll(async () => {
  // Trading on too: every tool of every toolset gets random input.
  const hmac = await simContext(
    { BINANCE_API_KEY: API_KEY, BINANCE_API_SECRET: API_SECRET, BINANCE_ENABLE_TRADING: 'true' },
    { simulator: { accounts: [{ apiKey: API_KEY, secret: API_SECRET, balances: { USDT: '1000' } }] } },
  );
  setups.push({
    name: 'HMAC',
    s: hmac,
    c: await connectModern(hmac.context),
    secrets: [API_KEY, API_SECRET],
  });
  const pem = await simContext(
    { BINANCE_API_KEY: ED_KEY, BINANCE_PRIVATE_KEY: ed.privateKey, BINANCE_ENABLE_TRADING: 'true' },
    {
      simulator: {
        accounts: [
          { apiKey: ED_KEY, keyType: 'ED25519', publicKey: ed.publicKey, balances: { USDT: '1000' } },
        ],
      },
    },
  );
  setups.push({
    name: 'Ed25519',
    s: pem,
    c: await connectModern(pem.context),
    secrets: [ED_KEY, pemBody, ...pemBody.match(/.{16}/g)!],
  });
});
afterAll(async () => {
  for (const x of setups) {
    await x.c.close();
    await x.s.close();
  }
});

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
};

/** Every enum or const value a schema mentions, to mix valid values with garbage. */
function valuesIn(schema: JsonSchema | undefined): unknown[] {
  if (!schema) return [];
  return [
    ...(schema.enum ?? []),
    ...(schema.const !== undefined ? [schema.const] : []),
    ...(schema.anyOf ?? []).flatMap(valuesIn),
    ...valuesIn(schema.items),
  ];
}

function valueArbitrary(schema: JsonSchema | undefined, secrets: string[]): fc.Arbitrary<unknown> {
  const known = valuesIn(schema);
  const strings = fc.constantFrom(
    'BTCUSDT',
    'ethusdt',
    'NOPEUSDT',
    'BTC',
    'USDT',
    '',
    ' ',
    '-1h',
    '-7d',
    'now',
    '2026-01-01',
    '2026-13-45T99:00:00Z',
    '0.5',
    '1e9',
    '-3',
    '1m',
    '4h',
    'FULL',
    'eyJ0IjoiZ2V0X3ByaWNlIiwibyI6OTl9',
    '%00',
    '这是测试币456',
    ...secrets,
  );
  const scalar = fc.oneof(
    strings,
    fc.string({ maxLength: 30 }),
    fc.integer({ min: -10, max: 6000 }),
    fc.constantFrom(0, -1, 2 ** 53, 1e300, 0.000001, 8_640_000_000_001),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    ...(known.length ? [fc.constantFrom(...known)] : []),
  );
  return fc.oneof(
    { weight: 5, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.constantFrom('BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'ETHBTC'), {
        minLength: 1,
        maxLength: 3,
      }),
    },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), scalar, { maxKeys: 2 }) },
  );
}

/** Valid values for the fields most tools require, so a planted value gets past the schema check. */
function validBase(props: Record<string, JsonSchema>): Record<string, unknown> {
  const base: Record<string, unknown> = { symbol: 'BTCUSDT', interval: '1h' };
  return Object.fromEntries(Object.entries(base).filter(([k]) => k in props));
}

describe.each(['HMAC', 'Ed25519'])('random arguments, %s credentials', (name) => {
  test('every tool answers with data or a clear error, and never shows a secret', async () => {
    const setup = setups.find((x) => x.name === name) as Setup;
    const { tools } = await setup.c.client.listTools();
    // market 9, streams 4, account 6, trading 7.
    expect(tools.length).toBe(26);
    for (const tool of tools) {
      const props = (tool.inputSchema as JsonSchema).properties ?? {};
      const fieldArbs = Object.fromEntries(
        Object.entries(props).map(([k, v]) => [k, valueArbitrary(v, setup.secrets)]),
      );
      const record = fc.record(fieldArbs, { requiredKeys: [] });
      const names = Object.keys(props);
      const args = fc.oneof(
        { weight: 4, arbitrary: record },
        // A secret in a field (pasted by mistake, or planted to be echoed back): never shown.
        ...(names.length
          ? [
              {
                weight: 2,
                arbitrary: fc
                  .tuple(fc.constantFrom(...names), fc.constantFrom(...setup.secrets))
                  .map(([field, secret]) => ({ ...validBase(props), [field]: secret })),
              },
            ]
          : []),
        {
          weight: 1,
          arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), valueArbitrary(undefined, setup.secrets), {
            maxKeys: 3,
          }),
        },
      );
      await fc.assert(
        fc.asyncProperty(args, async (input) => {
          setup.s.sim.reset();
          const result = await setup.c.client.callTool({
            name: tool.name,
            arguments: input as Record<string, unknown>,
          });
          const text = textOf(result);
          const everything = JSON.stringify(result);
          for (const secret of setup.secrets) {
            expect(everything.includes(secret), `${tool.name} ${JSON.stringify(input)} leaked a secret`).toBe(
              false,
            );
          }
          if (result.isError) {
            expect(text.length).toBeGreaterThan(20);
            // Either the SDK's schema check (names the field) or ours (says what is allowed / what to do).
            expect(text).toMatch(
              /Input validation error|Invalid arguments|allowed|Binance|refused|Rate limit|Not done|Not sent|Not placed|Outcome unknown/,
            );
          } else {
            expect(result.structuredContent).toMatchObject({ environment: 'simulator' });
            expect(text).toMatch(/^\[simulator\] /);
          }
        }),
        { numRuns: 30 },
      );
    }
  });
});
