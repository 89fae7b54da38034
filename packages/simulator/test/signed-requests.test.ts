// Signed requests exactly as Binance checks them: X-MBX-APIKEY, timestamp / recvWindow (timing
// security), and HMAC / RSA / Ed25519 signatures over the percent-encoded bytes as sent.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { manualClock } from './helpers/http.js';
import { encode, type KeyType, makeKey, Trader, trader } from './helpers/signed.js';

let sim: Simulator;
const clock = manualClock();
const traders = {} as Record<KeyType, Trader>;
const TYPES: KeyType[] = ['HMAC', 'RSA', 'ED25519'];

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, symbols: 20, now: clock.now, weightLimit: 1_000_000 });
  for (const type of TYPES) traders[type] = trader(sim, type, { balances: { USDT: '1000' } });
});
afterAll(() => sim.close());

const error = (code: number, msg: string) => ({ code, msg });

describe.each(TYPES)('%s keys', (type) => {
  test('a signed GET (parameters in the query string) returns the account', async () => {
    const res = await traders[type].get<{ balances: unknown[]; uid: number }>('account');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mbx-used-weight-1m')).toMatch(/^\d+$/);
    expect(res.body.balances).toEqual([{ asset: 'USDT', free: '1000.00000000', locked: '0.00000000' }]);
  });

  test('a signed POST with the parameters in the body', async () => {
    const res = await traders[type].post(
      'order/test',
      { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001' },
      { inBody: true },
    );
    expect(res).toMatchObject({ status: 200, body: {} });
  });

  test('a signature of other bytes is -1022', async () => {
    const res = await traders[type].get(
      'account',
      { omitZeroBalances: true },
      { signPayload: 'timestamp=1' },
    );
    expect(res).toMatchObject({
      status: 400,
      body: error(-1022, 'Signature for this request is not valid.'),
    });
  });

  test('signing the unencoded form of a non-ASCII value is -1022; signing what is sent works', async () => {
    const t = traders[type];
    const params = { symbol: '这是测试币456', side: 'BUY', type: 'MARKET', quantity: '1' };
    const raw = Object.entries({ ...params, timestamp: sim.now() })
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const wrong = await t.post('order/test', params, { timestamp: sim.now(), signPayload: raw });
    expect(wrong.body).toEqual(error(-1022, 'Signature for this request is not valid.'));
    const right = await t.post('order/test', params);
    expect(right.body).not.toMatchObject({ code: -1022 });
  });
});

describe.each(TYPES)('every signed endpoint with a %s key', (type) => {
  test('answers 200 to correctly signed requests (query string and body)', async () => {
    const t = trader(sim, type, { balances: { USDT: '100000', BTC: '1' } });
    const book = sim.orderBook('BTCUSDT', 1);
    const bid = BigInt(Math.round(Number(book.bids[0]![0]) * 100));
    const price = (ticks: bigint) => `${ticks / 100n}.${(ticks % 100n).toString().padStart(2, '0')}`;
    const low = price(bid - 20_000n);
    const high = price(bid + 20_000n);
    const S = { symbol: 'BTCUSDT' };
    const ok = async (
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      path: string,
      params = {},
      inBody = false,
    ) => {
      const res = await t.call<{ orderId?: number; orderListId?: number }>(method, path, params, { inBody });
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(200);
      return res.body;
    };
    const placed = await ok(
      'POST',
      'order',
      { ...S, side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: low },
      true,
    );
    const orderId = placed.orderId!;
    await ok('POST', 'order/test', { ...S, side: 'BUY', type: 'MARKET', quantity: '0.001' });
    await ok('GET', 'order', { ...S, orderId });
    await ok('PUT', 'order/amend/keepPriority', { ...S, orderId, newQty: '0.0005' }, true);
    await ok('GET', 'order/amendments', { ...S, orderId });
    const replaced = await t.post<{ newOrderResponse: { orderId: number } }>('order/cancelReplace', {
      ...S,
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price: low,
      cancelReplaceMode: 'STOP_ON_FAILURE',
      cancelOrderId: orderId,
    });
    expect(replaced.status).toBe(200);
    await ok('DELETE', 'order', { ...S, orderId: replaced.body.newOrderResponse.orderId });
    const oco = await ok('POST', 'orderList/oco', {
      ...S,
      side: 'SELL',
      quantity: '0.001',
      aboveType: 'LIMIT_MAKER',
      abovePrice: high,
      belowType: 'STOP_LOSS',
      belowStopPrice: low,
    });
    await ok('GET', 'orderList', { orderListId: oco.orderListId! });
    await ok('GET', 'openOrderList');
    await ok('GET', 'allOrderList');
    await ok('DELETE', 'orderList', { ...S, orderListId: oco.orderListId! }, true);
    const oto = await ok('POST', 'orderList/oto', {
      ...S,
      workingType: 'LIMIT_MAKER',
      workingSide: 'BUY',
      workingPrice: low,
      workingQuantity: '0.001',
      pendingType: 'LIMIT_MAKER',
      pendingSide: 'SELL',
      pendingPrice: high,
      pendingQuantity: '0.001',
    });
    expect(oto.orderListId).toBeGreaterThan(0);
    await ok('POST', 'orderList/otoco', {
      ...S,
      workingType: 'LIMIT_MAKER',
      workingSide: 'BUY',
      workingPrice: low,
      workingQuantity: '0.001',
      pendingSide: 'SELL',
      pendingQuantity: '0.001',
      pendingAboveType: 'LIMIT_MAKER',
      pendingAbovePrice: high,
      pendingBelowType: 'STOP_LOSS',
      pendingBelowStopPrice: low,
    });
    await ok('GET', 'openOrders', S);
    await ok('GET', 'openOrders');
    await ok('DELETE', 'openOrders', S, true);
    await ok('POST', 'order', { ...S, side: 'BUY', type: 'MARKET', quantity: '0.001' });
    await ok('GET', 'allOrders', S);
    await ok('GET', 'myTrades', S);
    await ok('GET', 'myPreventedMatches', { ...S, orderId });
    await ok('GET', 'myAllocations', S);
    await ok('GET', 'myFilters', S);
    await ok('GET', 'account');
    await ok('GET', 'account/commission', S);
    await ok('GET', 'rateLimit/order');
  });
});

describe('API key', () => {
  test('missing or malformed X-MBX-APIKEY is -2014; an unknown key is -2015 (HTTP 401)', async () => {
    const t = traders.HMAC;
    const missing = await t.get('account', {}, { apiKey: null });
    expect(missing).toMatchObject({ status: 401, body: error(-2014, 'API-key format invalid.') });
    const malformed = await t.get('account', {}, { apiKey: 'not a key!' });
    expect(malformed.body).toEqual(error(-2014, 'API-key format invalid.'));
    const unknown = await t.get('account', {}, { apiKey: 'A'.repeat(64) });
    expect(unknown).toMatchObject({
      status: 401,
      body: error(-2015, 'Invalid API-key, IP, or permissions for action.'),
    });
  });

  test('a key without "Enable Spot Trading" reads the account but gets -2015 on TRADE endpoints', async () => {
    const key = makeKey('ED25519');
    const { apiKey } = sim.createAccount({ ...key.register, enableSpotTrading: false });
    const t = new Trader(sim, apiKey, key);
    expect((await t.get('account')).status).toBe(200);
    const res = await t.post('order/test', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.001',
    });
    expect(res).toMatchObject({ status: 401, body: { code: -2015 } });
  });

  test('several keys reach one account', async () => {
    const key = makeKey('RSA');
    sim.addApiKey(traders.HMAC.apiKey, { ...key.register, apiKey: 'SecondKeyOfTheHmacAccount' });
    const second = new Trader(sim, 'SecondKeyOfTheHmacAccount', key);
    const a = await traders.HMAC.get<{ uid: number }>('account');
    const b = await second.get<{ uid: number }>('account');
    expect(b.body.uid).toBe(a.body.uid);
  });
});

describe('signature', () => {
  test('HMAC signatures are case-insensitive hex', async () => {
    const t = traders.HMAC;
    const payload = encode({ timestamp: sim.now() });
    const upper = t.key.sign(payload).toUpperCase();
    const res = await t.get('account', {}, { signature: upper });
    expect(res.status).toBe(200);
  });

  test('RSA and Ed25519 signatures are base64, percent-encoded in the URL; a raw "+" breaks them', async () => {
    for (const type of ['RSA', 'ED25519'] as const) {
      const t = traders[type];
      // Find a timestamp whose signature contains '+', then send it unencoded (it decodes as a space).
      let ts = sim.now();
      let sig = t.key.sign(encode({ timestamp: ts }));
      while (!sig.includes('+')) sig = t.key.sign(encode({ timestamp: --ts }));
      const raw = await fetch(`${sim.restUrl}/api/v3/account?timestamp=${ts}&signature=${sig}`, {
        headers: { 'X-MBX-APIKEY': t.apiKey },
      });
      expect(await raw.json()).toEqual(error(-1022, 'Signature for this request is not valid.'));
      const ok = await fetch(
        `${sim.restUrl}/api/v3/account?timestamp=${ts}&signature=${encodeURIComponent(sig)}`,
        {
          headers: { 'X-MBX-APIKEY': t.apiKey },
        },
      );
      expect(ok.status).toBe(200);
    }
  });

  test('the payload is the query string and the body concatenated as received', async () => {
    const t = traders.ED25519;
    const query = encode({ symbol: 'BTCUSDT', side: 'BUY' });
    const body = encode({ type: 'MARKET', quantity: '0.001', timestamp: sim.now() });
    const signature = t.key.sign(query + body);
    const res = await fetch(`${sim.restUrl}/api/v3/order/test?${query}`, {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': t.apiKey, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `${body}&signature=${encodeURIComponent(signature)}`,
    });
    expect(res.status).toBe(200);
  });

  test("a parameter in both the query string and the body takes the query string's value", async () => {
    const t = traders.HMAC;
    const query = encode({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001' });
    const body = encode({ symbol: 'NOSUCHSYMBOL', timestamp: sim.now() });
    const signature = t.key.sign(query + body);
    const res = await fetch(`${sim.restUrl}/api/v3/order/test?${query}`, {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': t.apiKey, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `${body}&signature=${signature}`,
    });
    expect(res.status).toBe(200);
  });

  test('missing timestamp or signature is -1102', async () => {
    const t = traders.HMAC;
    expect((await t.get('account', {}, { timestamp: null })).body).toEqual(
      error(-1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed."),
    );
    const noSig = await fetch(`${sim.restUrl}/api/v3/account?timestamp=${sim.now()}`, {
      headers: { 'X-MBX-APIKEY': t.apiKey },
    });
    expect(await noSig.json()).toEqual(
      error(-1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed."),
    );
  });
});

describe('timing security', () => {
  const ahead = error(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  const outside = error(-1021, 'Timestamp for this request is outside of the recvWindow.');

  test('timestamp < serverTime + 1 s and serverTime - timestamp <= recvWindow (default 5000)', async () => {
    const t = traders.ED25519;
    const now = sim.now();
    expect((await t.get('account', {}, { timestamp: now + 999 })).status).toBe(200);
    expect((await t.get('account', {}, { timestamp: now + 1000 })).body).toEqual(ahead);
    expect((await t.get('account', {}, { timestamp: now - 5000 })).status).toBe(200);
    expect((await t.get('account', {}, { timestamp: now - 5001 })).body).toEqual(outside);
    expect((await t.get('account', { recvWindow: 6000 }, { timestamp: now - 5001 })).status).toBe(200);
  });

  test('recvWindow takes up to three decimals and at most 60000; timestamps may be in µs', async () => {
    const t = traders.HMAC;
    const now = sim.now();
    expect((await t.get('account', { recvWindow: '100.5' }, { timestamp: now - 100 })).status).toBe(200);
    expect(
      (await t.get('account', { recvWindow: '100.5' }, { timestamp: now * 1000 - 100_501 })).body,
    ).toEqual(outside);
    expect(
      (await t.get('account', { recvWindow: '100.5' }, { timestamp: now * 1000 - 100_500 })).status,
    ).toBe(200);
    expect((await t.get('account', { recvWindow: '1.0001' })).body).toEqual(
      error(-1111, "Parameter 'recvWindow' has too much precision."),
    );
    expect((await t.get('account', { recvWindow: 60000 })).status).toBe(200);
    expect((await t.get('account', { recvWindow: 60001 })).body).toEqual(
      error(-1131, "'recvWindow' must be less than 60000."),
    );
  });

  test('a client clock 10 s off either way gets -1021 with the matching message', async () => {
    const t = traders.RSA;
    const stamp = sim.now();
    sim.shiftClock(10_000); // the client is 10 s behind
    expect((await t.get('account', {}, { timestamp: stamp })).body).toEqual(outside);
    sim.shiftClock(-20_000); // the client is 10 s ahead
    expect((await t.get('account', {}, { timestamp: stamp })).body).toEqual(ahead);
    sim.shiftClock(10_000);
    expect((await t.get('account', {}, { timestamp: stamp })).status).toBe(200);
  });
});
