import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { get, manualClock } from './helpers/http.js';

let sim: Simulator;
const clock = manualClock();

beforeAll(async () => {
  sim = await startSimulator({ now: clock.now, symbols: 40, weightLimit: 1_000_000 });
});
afterAll(() => sim.close());

async function expectError(path: string, code: number, msg: string, status = 400): Promise<void> {
  const res = await get(sim.restUrl, path);
  expect(res.status, path).toBe(status);
  expect(res.body, path).toEqual({ code, msg });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
}

const SYMBOL_RANGE = "legal range is '^[A-Z0-9-_.]{1,20}$'.";

describe('parameter validation answers with Binance codes and messages (HTTP 400)', () => {
  test('-1100 illegal characters', async () => {
    await expectError(
      '/api/v3/depth?symbol=btcusdt',
      -1100,
      `Illegal characters found in parameter 'symbol'; ${SYMBOL_RANGE}`,
    );
    await expectError(
      '/api/v3/ticker/price?symbols=["BTCUSDT","eth"]',
      -1100,
      `Illegal characters found in parameter 'symbols'; ${SYMBOL_RANGE}`,
    );
    await expectError(
      '/api/v3/trades?symbol=BTCUSDT&limit=ten',
      -1100,
      "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.",
    );
    await expectError(
      '/api/v3/historicalTrades?symbol=BTCUSDT&fromId=-5',
      -1100,
      "Illegal characters found in parameter 'fromId'; legal range is '^[0-9]{1,20}$'.",
    );
    await expectError(
      '/api/v3/exchangeInfo?showPermissionSets=maybe',
      -1100,
      "Illegal characters found in parameter 'showPermissionSets'; legal range is '^(true|false)$'.",
    );
  });

  test('-1101 duplicate parameters and too many symbols', async () => {
    await expectError(
      '/api/v3/depth?symbol=BTCUSDT&symbol=ETHBTC',
      -1101,
      'Duplicate values for a parameter detected.',
    );
    const many = JSON.stringify(Array.from({ length: 101 }, (_, i) => `S${i}`));
    await expectError(
      `/api/v3/ticker?symbols=${encodeURIComponent(many)}`,
      -1101,
      "Too many values sent for parameter 'symbols', maximum allowed up to 100.",
    );
  });

  test('-1102 mandatory parameters', async () => {
    await expectError(
      '/api/v3/depth',
      -1102,
      "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
    );
    await expectError(
      '/api/v3/depth?symbol=',
      -1102,
      "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
    );
    await expectError(
      '/api/v3/klines?symbol=BTCUSDT',
      -1102,
      "Mandatory parameter 'interval' was not sent, was empty/null, or malformed.",
    );
    await expectError(
      '/api/v3/ticker',
      -1102,
      "Param 'symbol' or 'symbols' must be sent, but both were empty/null!",
    );
    await expectError(
      '/api/v3/ticker/tradingDay',
      -1102,
      "Param 'symbol' or 'symbols' must be sent, but both were empty/null!",
    );
    await expectError(
      '/api/v3/ticker/price?symbols=[]',
      -1102,
      "Mandatory parameter 'symbols' was not sent, was empty/null, or malformed.",
    );
  });

  test('-1104 unknown parameters, -1105 empty optional parameters', async () => {
    await expectError(
      '/api/v3/depth?symbol=BTCUSDT&foo=1',
      -1104,
      "Not all sent parameters were read; read '1' parameter(s) but was sent '2'.",
    );
    await expectError(
      '/api/v3/ping?x=1',
      -1104,
      "Not all sent parameters were read; read '0' parameter(s) but was sent '1'.",
    );
    await expectError('/api/v3/trades?symbol=BTCUSDT&limit=', -1105, "Parameter 'limit' was empty.");
  });

  test('-1106 parameters not allowed with others, -1128 invalid combinations', async () => {
    await expectError(
      '/api/v3/exchangeInfo?symbol=BTCUSDT&permissions=SPOT',
      -1106,
      "Parameter 'permissions' sent when not required.",
    );
    await expectError(
      '/api/v3/exchangeInfo?symbols=["BTCUSDT"]&symbolStatus=TRADING',
      -1106,
      "Parameter 'symbolStatus' sent when not required.",
    );
    await expectError(
      '/api/v3/exchangeInfo?symbol=BTCUSDT&symbols=["ETHBTC"]',
      -1128,
      'Combination of optional parameters invalid.',
    );
    await expectError(
      '/api/v3/ticker/24hr?symbol=BTCUSDT&symbols=["ETHBTC"]',
      -1128,
      'Combination of optional parameters invalid.',
    );
    await expectError(
      '/api/v3/aggTrades?symbol=BTCUSDT&fromId=1&startTime=1',
      -1128,
      'Combination of optional parameters invalid.',
    );
  });

  test('-1120 interval, -1121 symbol, -1122 symbolStatus, -1130 values, -1135 JSON, -1139 type, -1151 duplicates', async () => {
    await expectError('/api/v3/klines?symbol=BTCUSDT&interval=2m', -1120, 'Invalid interval.');
    await expectError('/api/v3/klines?symbol=BTCUSDT&interval=1H', -1120, 'Invalid interval.');
    await expectError('/api/v3/depth?symbol=NOPEUSDT', -1121, 'Invalid symbol.');
    await expectError('/api/v3/exchangeInfo?symbols=["BTCUSDT","NOPE"]', -1121, 'Invalid symbol.');
    await expectError('/api/v3/depth?symbol=BTCUSDT&symbolStatus=OPEN', -1122, 'Invalid symbolStatus.');
    await expectError(
      '/api/v3/trades?symbol=BTCUSDT&limit=1001',
      -1130,
      "Data sent for parameter 'limit' is not valid.",
    );
    await expectError(
      '/api/v3/depth?symbol=BTCUSDT&limit=0',
      -1130,
      "Data sent for parameter 'limit' is not valid.",
    );
    await expectError(
      '/api/v3/klines?symbol=BTCUSDT&interval=1h&timeZone=15',
      -1130,
      "Data sent for parameter 'timeZone' is not valid.",
    );
    await expectError(
      '/api/v3/ticker?symbol=BTCUSDT&windowSize=1d2h',
      -1130,
      "Data sent for parameter 'windowSize' is not valid.",
    );
    await expectError(
      '/api/v3/ticker?symbol=BTCUSDT&windowSize=60m',
      -1130,
      "Data sent for parameter 'windowSize' is not valid.",
    );
    await expectError(
      '/api/v3/ticker/price?symbols=BTCUSDT',
      -1135,
      "JSON sent for parameter 'symbols' is not valid",
    );
    await expectError(
      '/api/v3/ticker/price?symbols=["BTCUSDT"',
      -1135,
      "JSON sent for parameter 'symbols' is not valid",
    );
    await expectError('/api/v3/ticker/24hr?symbol=BTCUSDT&type=HUGE', -1139, 'Invalid ticker type.');
    await expectError(
      '/api/v3/ticker/price?symbols=["BTCUSDT","BTCUSDT"]',
      -1151,
      'Symbol is present multiple times in the list.',
    );
  });

  test('-1220 symbolStatus mismatch for one symbol; lists just leave non-matching symbols out', async () => {
    await expectError(
      '/api/v3/depth?symbol=BTCUSDT&symbolStatus=HALT',
      -1220,
      "The symbol's status does not match the requested symbolStatus.",
    );
    await expectError(
      '/api/v3/ticker/24hr?symbol=BTCUSDT&symbolStatus=BREAK',
      -1220,
      "The symbol's status does not match the requested symbolStatus.",
    );
    const ok = await get<unknown[]>(
      sim.restUrl,
      '/api/v3/ticker/price?symbols=["BTCUSDT","ETHBTC"]&symbolStatus=BREAK',
    );
    expect(ok.body).toEqual([]);
    const trading = await get<unknown[]>(sim.restUrl, '/api/v3/ticker/price?symbolStatus=TRADING');
    expect(trading.body.length).toBeGreaterThan(0);
  });

  test('unknown paths and methods are 404, still with the weight header', async () => {
    const res = await get(sim.restUrl, '/api/v3/nothing');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-mbx-used-weight-1m')).not.toBeNull();
    const post = await fetch(`${sim.restUrl}/api/v3/ping`, { method: 'POST' });
    expect(post.status).toBe(404);
    await post.text();
  });
});
