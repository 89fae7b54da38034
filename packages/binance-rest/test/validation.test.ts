// Bad input is refused before anything is sent, with an error that names the parameter, the value and
// what is allowed.

import { createRestClient, type RestClient, ValidationError } from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { setup } from './helpers.js';

let sim: Simulator;
let client: RestClient;

beforeAll(async () => {
  ({ sim, client } = await setup());
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** Calls `call`, expects a ValidationError, and checks that nothing reached the simulator. */
async function refused(call: () => Promise<unknown>): Promise<ValidationError> {
  const error = await call().then(
    () => {
      throw new Error('expected a ValidationError, but the call succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect(sim.requests()).toEqual([]);
  return error as ValidationError;
}

type Case = [
  name: string,
  call: (c: RestClient) => Promise<unknown>,
  expected: { parameter: string; value: unknown; allowed: RegExp },
];

const cases: Case[] = [
  [
    'missing symbol',
    (c) => c.depth({} as never),
    { parameter: 'symbol', value: undefined, allowed: /a symbol of 1 to 20 characters/ },
  ],
  [
    'lower-case symbol, with a hint',
    (c) => c.depth({ symbol: 'btcusdt' }),
    { parameter: 'symbol', value: 'btcusdt', allowed: /did you mean "BTCUSDT"\?/ },
  ],
  [
    'symbol too long',
    (c) => c.price({ symbol: 'A'.repeat(21) }),
    { parameter: 'symbol', value: 'A'.repeat(21), allowed: /1 to 20 characters/ },
  ],
  [
    'symbol with a space',
    (c) => c.avgPrice({ symbol: 'BTC USDT' }),
    { parameter: 'symbol', value: 'BTC USDT', allowed: /upper-case letters A-Z/ },
  ],
  [
    'symbol not a string',
    (c) => c.avgPrice({ symbol: 42 as never }),
    { parameter: 'symbol', value: 42, allowed: /a symbol/ },
  ],
  [
    'a bad symbol inside symbols',
    (c) => c.price({ symbols: ['BTCUSDT', 'eth/usdt'] }),
    { parameter: 'symbols.1', value: 'eth/usdt', allowed: /a symbol of 1 to 20/ },
  ],
  [
    'duplicate symbols',
    (c) => c.bookTicker({ symbols: ['BTCUSDT', 'ETHUSDT', 'BTCUSDT'] }),
    { parameter: 'symbols.2', value: 'BTCUSDT', allowed: /distinct symbols; "BTCUSDT" is listed twice/ },
  ],
  [
    'empty symbols',
    (c) => c.ticker24hr({ symbols: [] }),
    { parameter: 'symbols', value: [], allowed: /a list of 1 to any number of distinct symbols/ },
  ],
  [
    'more than 100 symbols for the rolling window ticker',
    (c) => c.rollingWindowTicker({ symbols: Array.from({ length: 101 }, (_, i) => `S${i}USDT`) }),
    { parameter: 'symbols', value: expect.any(Array), allowed: /a list of 1 to 100 distinct symbols/ },
  ],
  [
    'symbol and symbols together',
    (c) => c.ticker24hr({ symbol: 'BTCUSDT', symbols: ['ETHUSDT'] }),
    { parameter: 'symbols', value: ['ETHUSDT'], allowed: /either 'symbol' or 'symbols', not both/ },
  ],
  [
    'neither symbol nor symbols where one is required',
    (c) => c.tradingDayTicker({}),
    {
      parameter: 'symbol',
      value: undefined,
      allowed: /one of 'symbol' \(one symbol\) or 'symbols' \(a list\) is required/,
    },
  ],
  [
    'interval not one of the 16',
    (c) => c.klines({ symbol: 'BTCUSDT', interval: '2m' as never }),
    {
      parameter: 'interval',
      value: '2m',
      allowed: /one of 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1M/,
    },
  ],
  [
    'interval in the wrong case',
    (c) => c.uiKlines({ symbol: 'BTCUSDT', interval: '1H' as never }),
    { parameter: 'interval', value: '1H', allowed: /one of 1s/ },
  ],
  [
    'depth limit above 5000',
    (c) => c.depth({ symbol: 'BTCUSDT', limit: 5001 }),
    { parameter: 'limit', value: 5001, allowed: /an integer from 1 to 5000 \(Binance's default: 100\)/ },
  ],
  [
    'trades limit above 1000',
    (c) => c.trades({ symbol: 'BTCUSDT', limit: 1001 }),
    { parameter: 'limit', value: 1001, allowed: /an integer from 1 to 1000/ },
  ],
  [
    'limit 0',
    (c) => c.klines({ symbol: 'BTCUSDT', interval: '1m', limit: 0 }),
    { parameter: 'limit', value: 0, allowed: /an integer from 1 to 1000/ },
  ],
  [
    'fractional limit',
    (c) => c.aggTrades({ symbol: 'BTCUSDT', limit: 2.5 }),
    { parameter: 'limit', value: 2.5, allowed: /an integer from 1 to 1000/ },
  ],
  [
    'limit as a string',
    (c) => c.historicalTrades({ symbol: 'BTCUSDT', limit: '5' as never }),
    { parameter: 'limit', value: '5', allowed: /an integer/ },
  ],
  [
    'startTime after endTime',
    (c) => c.klines({ symbol: 'BTCUSDT', interval: '1h', startTime: 2000, endTime: 1000 }),
    { parameter: 'endTime', value: 1000, allowed: /a time at or after startTime \(2000\)/ },
  ],
  [
    'a negative time',
    (c) => c.aggTrades({ symbol: 'BTCUSDT', startTime: -1 }),
    {
      parameter: 'startTime',
      value: -1,
      allowed: /epoch milliseconds as a non-negative integer, or a valid Date/,
    },
  ],
  [
    'an invalid Date',
    (c) => c.aggTrades({ symbol: 'BTCUSDT', endTime: new Date('nope') }),
    { parameter: 'endTime', value: expect.any(Date), allowed: /a valid Date/ },
  ],
  [
    'a negative fromId',
    (c) => c.historicalTrades({ symbol: 'BTCUSDT', fromId: -5 }),
    { parameter: 'fromId', value: -5, allowed: /a non-negative integer id/ },
  ],
  [
    'a fromId string that is not digits',
    (c) => c.aggTrades({ symbol: 'BTCUSDT', fromId: '12a' }),
    { parameter: 'fromId', value: '12a', allowed: /a string of digits/ },
  ],
  [
    'historicalBlockTrades without its required fromId',
    (c) => c.historicalBlockTrades({ symbol: 'BTCUSDT' } as never),
    { parameter: 'fromId', value: undefined, allowed: /a non-negative integer id/ },
  ],
  [
    'timeZone beyond +14:00',
    (c) => c.klines({ symbol: 'BTCUSDT', interval: '1h', timeZone: '14:30' }),
    { parameter: 'timeZone', value: '14:30', allowed: /from -12:00 to \+14:00/ },
  ],
  [
    'timeZone below -12',
    (c) => c.tradingDayTicker({ symbol: 'BTCUSDT', timeZone: -13 }),
    { parameter: 'timeZone', value: -13, allowed: /from -12:00 to \+14:00/ },
  ],
  [
    'timeZone with 60 minutes',
    (c) => c.klines({ symbol: 'BTCUSDT', interval: '1h', timeZone: '5:60' }),
    { parameter: 'timeZone', value: '5:60', allowed: /hours and minutes/ },
  ],
  [
    'windowSize with mixed units',
    (c) => c.rollingWindowTicker({ symbol: 'BTCUSDT', windowSize: '1d2h' }),
    { parameter: 'windowSize', value: '1d2h', allowed: /1m to 59m, 1h to 23h or 1d to 7d \(one unit/ },
  ],
  [
    'windowSize of 60 minutes',
    (c) => c.rollingWindowTicker({ symbol: 'BTCUSDT', windowSize: '60m' }),
    { parameter: 'windowSize', value: '60m', allowed: /1m to 59m/ },
  ],
  [
    'windowSize of 8 days',
    (c) => c.rollingWindowTicker({ symbol: 'BTCUSDT', windowSize: '8d' }),
    { parameter: 'windowSize', value: '8d', allowed: /1d to 7d/ },
  ],
  [
    'ticker type not FULL or MINI',
    (c) => c.ticker24hr({ symbol: 'BTCUSDT', type: 'SMALL' as never }),
    { parameter: 'type', value: 'SMALL', allowed: /"FULL" \(default\) or "MINI"/ },
  ],
  [
    'unknown symbolStatus',
    (c) => c.price({ symbolStatus: 'OPEN' as never }),
    { parameter: 'symbolStatus', value: 'OPEN', allowed: /one of TRADING, HALT, BREAK/ },
  ],
  [
    'exchangeInfo: permissions together with symbol',
    (c) => c.exchangeInfo({ symbol: 'BTCUSDT', permissions: 'SPOT' }),
    { parameter: 'permissions', value: 'SPOT', allowed: /only without 'symbol' and 'symbols'/ },
  ],
  [
    'exchangeInfo: symbolStatus together with symbols',
    (c) => c.exchangeInfo({ symbols: ['BTCUSDT'], symbolStatus: 'TRADING' }),
    { parameter: 'symbolStatus', value: 'TRADING', allowed: /only without 'symbol' and 'symbols'/ },
  ],
  [
    'exchangeInfo: a malformed permission',
    (c) => c.exchangeInfo({ permissions: ['spot'] }),
    { parameter: 'permissions.0', value: 'spot', allowed: /a permission such as "SPOT"/ },
  ],
  [
    'executionRules: two selectors at once',
    (c) => c.executionRules({ symbol: 'BTCUSDT', symbolStatus: 'TRADING' }),
    {
      parameter: 'symbolStatus',
      value: 'TRADING',
      allowed: /at most one of 'symbol', 'symbols' and 'symbolStatus'/,
    },
  ],
  [
    'a misspelt parameter',
    (c) => c.depth({ symbol: 'BTCUSDT', limt: 5 } as never),
    { parameter: 'limt', value: 5, allowed: /only the parameters of depth: symbol, limit, symbolStatus/ },
  ],
  [
    'a parameter for an endpoint that takes none',
    (c) => c.ping({ symbol: 'BTCUSDT' } as never),
    { parameter: 'symbol', value: 'BTCUSDT', allowed: /no parameters: ping takes none/ },
  ],
  [
    'parameters that are not an object',
    (c) => c.depth('BTCUSDT' as never),
    {
      parameter: 'params',
      value: 'BTCUSDT',
      allowed: /an object with the parameters symbol, limit, symbolStatus/,
    },
  ],
];

describe('each validation error names the parameter, the value and what is allowed', () => {
  test.each(cases)('%s', async (_name, call, expected) => {
    const error = await refused(() => call(client));
    expect({ parameter: error.parameter, value: error.value }).toEqual({
      parameter: expected.parameter,
      value: expected.value,
    });
    expect(error.allowed).toMatch(expected.allowed);
    expect(error.message).toContain(`'${expected.parameter}'`);
    expect(error.message).toContain(error.allowed);
    expect(error.endpoint).toMatch(/^GET \/api\/v3\//);
  });
});

test('the message reads as one sentence', async () => {
  const error = await refused(() => client.depth({ symbol: 'BTCUSDT', limit: 6000 }));
  expect(error.message).toBe(
    "GET /api/v3/depth: parameter 'limit' is 6000; allowed: an integer from 1 to 5000 (Binance's default: 100)",
  );
  const missing = await refused(() => client.klines({ symbol: 'BTCUSDT' } as never));
  expect(missing.message).toBe(
    "GET /api/v3/klines: parameter 'interval' is missing; allowed: one of 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1M",
  );
});

test('accepted forms: non-ASCII symbols, hour offsets, Dates, bigint ids', async () => {
  await client.depth({ symbol: '这是测试币456', limit: 1 });
  await client.klines({ symbol: 'BTCUSDT', interval: '1M', limit: 1, timeZone: '+14:00' });
  await client.klines({ symbol: 'BTCUSDT', interval: '1m', limit: 1, timeZone: '-12' });
  await client.rollingWindowTicker({ symbol: 'BTCUSDT', windowSize: '59m' });
  await client.rollingWindowTicker({ symbol: 'BTCUSDT', windowSize: '23h' });
  await client.aggTrades({ symbol: 'BTCUSDT', fromId: 10n, limit: 1 });
  expect(sim.requests().map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
});

describe('client options are checked too', () => {
  const bad: [string, Record<string, unknown>, string][] = [
    ['baseUrl', { baseUrl: 'ftp://example.com' }, 'options.baseUrl'],
    ['baseUrl with a query', { baseUrl: 'https://api.binance.com/?x=1' }, 'options.baseUrl'],
    ['fallbackUrls entry', { fallbackUrls: ['not a url'] }, 'options.fallbackUrls.0'],
    ['timeout', { timeout: -1 }, 'options.timeout'],
    ['weightLimit', { weightLimit: 0 }, 'options.weightLimit'],
    ['onBudgetExhausted', { onBudgetExhausted: 'queue' }, 'options.onBudgetExhausted'],
    ['retry', { retry: { retries: 11 } }, 'options.retry.retries'],
    ['fetch', { fetch: 'fetch' }, 'options.fetch'],
    ['windowMarginMs', { windowMarginMs: Number.NaN }, 'options.windowMarginMs'],
    ['exchangeInfoTtlMs', { exchangeInfoTtlMs: -5 }, 'options.exchangeInfoTtlMs'],
  ];
  test.each(bad)('%s', (_name, options, parameter) => {
    expect(() => createRestClient(options as never)).toThrow(ValidationError);
    try {
      createRestClient(options as never);
    } catch (error) {
      expect((error as ValidationError).parameter).toBe(parameter);
    }
  });

  test('per-call options too', async () => {
    const error = await refused(() => client.ping({}, { timeout: 0 }));
    expect(error.parameter).toBe('options.timeout');
  });
});
