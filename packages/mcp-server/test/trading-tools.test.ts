// The seven trading tools on the simulator's demo account, called by the official MCP client: what
// each does is checked in the simulator's own state (orders and their status, balances), every refusal
// sends nothing (filters, caps, the allow-list, a declined confirmation), Binance's codes survive, and a
// placement whose answer is lost still makes exactly one order. Trading is off by default and
// --read-only removes it.

import { type RestClient, roundPrice } from '@binance-mcp/rest';
import type { ClientCapabilities } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Connected,
  configFrom,
  connectLegacy,
  connectModern,
  manualClock,
  type SimContext,
  simContext,
  textOf,
} from './helpers.js';

const TRADING = { BINANCE_ENABLE_TRADING: 'true' };
const FORM: ClientCapabilities = { elicitation: { form: {} } };

let s: SimContext;
let plain: Connected;
let dialog: Connected;
let rest: RestClient;
let apiKey: string;
const asked: string[] = [];
let answer: { action: 'accept' | 'decline' | 'cancel'; content?: { confirm: boolean } } = {
  action: 'accept',
  content: { confirm: true },
};
const clock = manualClock();

beforeAll(async () => {
  s = await simContext(TRADING, { clock });
  plain = await connectModern(s.context);
  dialog = await connectLegacy(s.context, { capabilities: FORM });
  dialog.client.setRequestHandler('elicitation/create', async (request) => {
    asked.push(String((request.params as { message?: string }).message));
    return answer;
  });
  rest = s.context.rest;
  apiKey = s.context.signer?.apiKey as string;
});
afterAll(async () => {
  await plain?.close();
  await dialog?.close();
  await s?.close();
});

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content?: unknown };
// biome-ignore lint/suspicious/noExplicitAny: results are checked field by field against the simulator
type Data = Record<string, any>;

async function call(c: Connected, name: string, args: Record<string, unknown>): Promise<Result> {
  return (await c.client.callTool({ name, arguments: args })) as Result;
}
async function ok(c: Connected, name: string, args: Record<string, unknown>): Promise<Data> {
  const result = await call(c, name, args);
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  expect(textOf(result)).toMatch(/^\[simulator\] /);
  return result.structuredContent as Data;
}
async function failure(c: Connected, name: string, args: Record<string, unknown>): Promise<string> {
  const result = await call(c, name, args);
  expect(result.isError, `${name} ${JSON.stringify(args)} should fail`).toBe(true);
  return textOf(result);
}

const orders = () => s.sim.orders(apiKey);
const posts = () =>
  s.sim.requests().filter((r) => r.method !== 'GET' && r.path.startsWith('/api/v3/order')).length;

async function price(symbol: string, factor: number, mode: 'down' | 'up' = 'down'): Promise<string> {
  const info = await rest.exchangeInfoCache.symbol(symbol);
  const bid = Number(s.sim.orderBook(symbol, 1).bids[0]?.[0]);
  return roundPrice(info as never, bid * factor, mode);
}

describe('which tools exist', () => {
  test('trading is off by default, on when enabled, and --read-only removes it but keeps account', async () => {
    expect(configFrom({ BINANCE_SIMULATOR: 'true' }).toolsets).toEqual(['market', 'streams', 'account']);
    expect(configFrom({ BINANCE_SIMULATOR: 'true', BINANCE_TOOLSETS: 'market,trading' }).toolsets).toEqual([
      'market',
      'trading',
    ]);
    const readOnly = configFrom({ BINANCE_SIMULATOR: 'true', ...TRADING }, ['--read-only']);
    expect(readOnly.toolsets).toEqual(['market', 'streams', 'account']);
    const { tools } = await plain.client.listTools();
    const trading = tools.filter((t) => !/^get_|stream/.test(t.name) || t.name === 'test_order');
    expect(trading.map((t) => t.name)).toEqual([
      'place_order',
      'test_order',
      'cancel_order',
      'cancel_all_orders',
      'replace_order',
      'place_order_list',
      'cancel_order_list',
    ]);
    const hints = Object.fromEntries(trading.map((t) => [t.name, t.annotations]));
    expect(hints.place_order).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    });
    expect(hints.test_order).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(hints.cancel_order).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(hints.replace_order?.destructiveHint).toBe(true);
    expect(hints.cancel_all_orders?.destructiveHint).toBe(true);
    for (const t of trading) expect(Object.keys(t.inputSchema.properties ?? {})).not.toContain('apiKey');
    const ro = await connectModern(s.context, { readOnly: true });
    const names = (await ro.client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('get_account');
    expect(names).not.toContain('place_order');
    expect(names).not.toContain('test_order');
    await ro.close();
  });
});

describe('place_order and test_order', () => {
  test('without a dialog: asks for confirm: true and sends nothing; with it, the order rests in the book', async () => {
    const p = await price('BTCUSDT', 0.9);
    const order = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.001', price: p };
    const before = orders().length;
    const text = await failure(plain, 'place_order', order);
    expect(text).toMatch(
      /needs the user's confirmation .* "Place BUY 0\.001 BTCUSDT LIMIT at [\d.]+ GTC \(≈ [\d.]+ USDT\)"/,
    );
    expect(orders().length).toBe(before);
    const usdt = Number(s.sim.balances(apiKey).USDT?.free);
    const d = await ok(plain, 'place_order', { ...order, confirm: true });
    expect(d.confirmedBy).toBe('argument');
    expect(d.order.clientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
    const placed = orders().find((o) => o.clientOrderId === d.order.clientOrderId);
    expect(placed).toMatchObject({ status: 'NEW', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC' });
    expect(String(placed?.orderId)).toBe(String(d.order.orderId));
    expect(Number(placed?.price)).toBe(Number(p));
    expect(d.worth).toEqual({
      notional: String(Number(p) * 0.001).replace(/0+$/, ''),
      quoteAsset: 'USDT',
      basis: 'price × quantity',
    });
    expect(Number(s.sim.balances(apiKey).USDT?.locked)).toBeCloseTo(Number(p) * 0.001, 6);
    expect(Number(s.sim.balances(apiKey).USDT?.free)).toBeCloseTo(usdt - Number(p) * 0.001, 6);
  });

  test('with a dialog: the user is asked; accepted, a MARKET buy fills and the balance moves by the fills', async () => {
    answer = { action: 'accept', content: { confirm: true } };
    asked.length = 0;
    const btc = Number(s.sim.balances(apiKey).BTC?.free);
    const d = await ok(dialog, 'place_order', {
      symbol: 'btcusdt',
      side: 'BUY',
      type: 'MARKET',
      quoteOrderQty: '50',
    });
    expect(asked).toEqual([
      expect.stringMatching(
        /^Place BUY 50 \(quote\) of BTCUSDT MARKET \(≈ 50 USDT\)\n\nEnvironment: simulator/,
      ),
    ]);
    expect(d).toMatchObject({ confirmedBy: 'elicitation', order: { status: 'FILLED', type: 'MARKET' } });
    const placed = orders().find((o) => o.clientOrderId === d.order.clientOrderId);
    expect(placed?.status).toBe('FILLED');
    expect(placed?.executedQty).toBe(d.order.executedQty);
    const fee = Number(d.order.commission.BTC);
    expect(Number(s.sim.balances(apiKey).BTC?.free)).toBeCloseTo(btc + Number(d.order.executedQty) - fee, 8);
  });

  test('declined or cancelled in the dialog: nothing is placed', async () => {
    for (const action of ['decline', 'cancel'] as const) {
      answer = { action };
      const before = orders().length;
      const text = await failure(dialog, 'place_order', {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'MARKET',
        quoteOrderQty: '20',
        confirm: true,
      });
      expect(text).toMatch(new RegExp(`Not done: the user chose to ${action} "Place BUY 20`));
      expect(orders().length).toBe(before);
    }
    answer = { action: 'accept', content: { confirm: true } };
  });

  test('a filter refusal names the filter, the value and the nearest valid values; nothing is sent or asked', async () => {
    const before = posts();
    asked.length = 0;
    const text = await failure(dialog, 'place_order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '0.0012345',
      price: await price('BTCUSDT', 0.9),
    });
    expect(text).toMatch(
      /^\[simulator\] Not sent: the order breaks LOT_SIZE of BTCUSDT: .*quantity "0\.0012345" is not a multiple of stepSize 0\.00001.* Nearest valid quantity: 0\.00123 or 0\.00124\. Nothing reached Binance/,
    );
    const tested = await failure(plain, 'test_order', {
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'LIMIT',
      quantity: '1',
      price: '0.001',
    });
    expect(tested).toMatch(/Not sent: the order breaks PRICE_FILTER of BTCUSDT/);
    expect(posts()).toBe(before);
    expect(asked).toEqual([]);
    // The order shape too, before anything: a LIMIT order needs a price.
    expect(
      await failure(plain, 'test_order', {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        quantity: '0.001',
      }),
    ).toMatch(/price/);
  });

  test('test_order validates with Binance without placing or asking, with commission rates', async () => {
    asked.length = 0;
    const before = orders().length;
    const d = await ok(dialog, 'test_order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quoteOrderQty: '25',
      computeCommissionRates: true,
    });
    expect(d).toMatchObject({ valid: true, order: 'BUY 25 (quote) of BTCUSDT MARKET (≈ 25 USDT)' });
    expect(d.commission.standard).toEqual({ maker: '0.00100000', taker: '0.00100000' });
    expect(orders().length).toBe(before);
    expect(asked).toEqual([]);
    expect(s.sim.requests().at(-1)?.path).toBe('/api/v3/order/test');
  });
});

describe('caps', () => {
  test('BINANCE_MAX_ORDER_NOTIONAL and BINANCE_SYMBOL_ALLOWLIST refuse before anything is sent', async () => {
    const capped = await simContext({
      ...TRADING,
      BINANCE_MAX_ORDER_NOTIONAL: '100',
      BINANCE_SYMBOL_ALLOWLIST: 'BTCUSDT,ETHUSDT',
    });
    const c = await connectModern(capped.context);
    try {
      const last = (await capped.context.rest.price({ symbol: 'BTCUSDT' })).price;
      const sent = () => capped.sim.requests().filter((r) => r.method === 'POST').length;
      const before = sent();
      expect(
        await failure(c, 'place_order', {
          symbol: 'BTCUSDT',
          side: 'BUY',
          type: 'MARKET',
          quoteOrderQty: '150',
          confirm: true,
        }),
      ).toBe(
        '[simulator] place_order refused: the order (BUY 150 (quote) of BTCUSDT MARKET) is worth 150 USDT (quoteOrderQty), over BINANCE_MAX_ORDER_NOTIONAL 100 USDT; nothing was sent. Make it 100 USDT or less (a smaller quantity), or ask the operator to raise the cap.',
      );
      // A MARKET order by quantity is worth the last price times it.
      const byQty = await failure(c, 'test_order', {
        symbol: 'BTCUSDT',
        side: 'SELL',
        type: 'MARKET',
        quantity: '0.01',
      });
      expect(byQty).toContain(`(last price ${last} × quantity), over BINANCE_MAX_ORDER_NOTIONAL 100 USDT`);
      const limit = await failure(c, 'place_order', {
        symbol: 'ETHUSDT',
        side: 'BUY',
        type: 'LIMIT',
        quantity: '1',
        price: '200',
        confirm: true,
      });
      expect(limit).toMatch(
        /is worth 200 USDT \(price × quantity\), over BINANCE_MAX_ORDER_NOTIONAL 100 USDT/,
      );
      const list = await failure(c, 'place_order_list', {
        listType: 'OTO',
        symbol: 'BTCUSDT',
        confirm: true,
        working: { type: 'LIMIT', side: 'BUY', quantity: '0.001', price: '60000' },
        pending: { type: 'LIMIT_MAKER', side: 'SELL', quantity: '0.001', price: '70000' },
      });
      expect(list).toMatch(/is worth 130 USDT \(price × quantity \+ price × quantity\)/);
      expect(
        await failure(c, 'place_order', {
          symbol: 'BNBUSDT',
          side: 'BUY',
          type: 'MARKET',
          quoteOrderQty: '10',
          confirm: true,
        }),
      ).toMatch(
        /^\[simulator\] place_order refused: BNBUSDT is not in BINANCE_SYMBOL_ALLOWLIST \(BTCUSDT, ETHUSDT\); nothing was sent/,
      );
      expect(await failure(c, 'cancel_all_orders', { symbol: 'BNBUSDT', confirm: true })).toMatch(
        /not in BINANCE_SYMBOL_ALLOWLIST/,
      );
      expect(sent()).toBe(before);
      // Within the caps it goes through.
      const d = await ok(c, 'place_order', {
        symbol: 'ETHUSDT',
        side: 'BUY',
        type: 'MARKET',
        quoteOrderQty: '90',
        confirm: true,
      });
      expect(d.order.status).toBe('FILLED');
    } finally {
      await c.close();
      await capped.close();
    }
  });
});

describe('cancel, replace, amend', () => {
  test('cancel_order: the order is canceled; a second time Binance says -2011', async () => {
    const placed = await rest.newOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price: await price('BTCUSDT', 0.8),
    });
    const d = await ok(plain, 'cancel_order', { symbol: 'BTCUSDT', origClientOrderId: placed.clientOrderId });
    expect(d.canceled).toMatchObject([{ clientOrderId: placed.clientOrderId, status: 'CANCELED' }]);
    expect(orders().find((o) => o.clientOrderId === placed.clientOrderId)?.status).toBe('CANCELED');
    const again = await failure(plain, 'cancel_order', {
      symbol: 'BTCUSDT',
      orderId: String(placed.orderId),
    });
    expect(again).toBe(
      '[simulator] Binance error -2011: Unknown order sent. (HTTP 400, DELETE /api/v3/order). No such order (it may be filled, cancelled or expired). List orders with get_open_orders or get_all_orders.',
    );
  });

  test('replace_order: the old order canceled, the new one resting; amend lowers the quantity in place', async () => {
    const old = await rest.newOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price: await price('BTCUSDT', 0.8),
    });
    const p = await price('BTCUSDT', 0.85);
    const d = await ok(dialog, 'replace_order', {
      symbol: 'BTCUSDT',
      orderId: String(old.orderId),
      side: 'BUY',
      type: 'LIMIT',
      quantity: '0.002',
      price: p,
    });
    expect(asked.at(-1)).toMatch(
      /^Cancel BUY 0\.00100000 BTCUSDT LIMIT at [\d.]+ \(order \d+\) and place BUY 0\.002 BTCUSDT LIMIT at/,
    );
    expect(d.canceled).toMatchObject([{ status: 'CANCELED' }]);
    expect(orders().find((o) => o.clientOrderId === old.clientOrderId)?.status).toBe('CANCELED');
    const fresh = orders().find((o) => o.clientOrderId === d.placed.clientOrderId);
    expect(fresh).toMatchObject({ status: 'NEW', origQty: '0.00200000' });
    expect(Number(fresh?.price)).toBe(Number(p));

    const bnb = await rest.newOrder({
      symbol: 'BNBUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.1',
      price: await price('BNBUSDT', 0.8),
    });
    const a = await ok(plain, 'replace_order', {
      symbol: 'BNBUSDT',
      orderId: String(bnb.orderId),
      mode: 'amend',
      newQty: '0.05',
      confirm: true,
    });
    expect(Number(a.amended.origQty)).toBe(0.05);
    // An amendment gives the order a new client id; it keeps its orderId.
    expect(
      Number(s.sim.orders(apiKey, 'BNBUSDT').find((o) => String(o.orderId) === String(bnb.orderId))?.origQty),
    ).toBe(0.05);
  });

  test('replace_order refuses before sending: amendAllowed false, newQty off LOT_SIZE or not lower; cancelReplaceAllowed false', async () => {
    const amends = () => s.sim.requests().filter((r) => r.path === '/api/v3/order/amend/keepPriority').length;
    const replaces = () => s.sim.requests().filter((r) => r.path === '/api/v3/order/cancelReplace').length;
    const sentBefore = amends();
    const btc = await rest.newOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.002',
      price: await price('BTCUSDT', 0.8),
    });
    // BTCUSDT's exchangeInfo says amendAllowed: false (Binance would answer -2038).
    expect((await rest.exchangeInfoCache.symbol('BTCUSDT'))?.amendAllowed).toBe(false);
    expect(
      await failure(plain, 'replace_order', {
        symbol: 'BTCUSDT',
        orderId: String(btc.orderId),
        mode: 'amend',
        newQty: '0.001',
        confirm: true,
      }),
    ).toBe(
      '[simulator] Not sent: the order breaks amendAllowed of BTCUSDT: Symbol rule amendAllowed of BTCUSDT: symbol "BTCUSDT" takes no amendments (amend keep-priority) (rule: amendAllowed is true). Nothing reached Binance; use replace_order with mode "replace" (cancel and place anew) instead.',
    );

    const bnb = await rest.newOrder({
      symbol: 'BNBUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.1',
      price: await price('BNBUSDT', 0.8),
    });
    const amend = (newQty: string) =>
      failure(plain, 'replace_order', {
        symbol: 'BNBUSDT',
        orderId: String(bnb.orderId),
        mode: 'amend',
        newQty,
        confirm: true,
      });
    expect(await amend('0.15')).toMatch(
      /^\[simulator\] Invalid arguments for replace_order: parameter 'newQty' is "0\.15"; allowed: less than the order's quantity 0\.1 \(an amendment only lowers it/,
    );
    expect(await amend('0.1')).toMatch(
      /parameter 'newQty' is "0\.1"; allowed: less than the order's quantity 0\.1/,
    );
    const lot = (await rest.exchangeInfoCache.symbol('BNBUSDT'))?.filters.find(
      (f) => f.filterType === 'LOT_SIZE',
    );
    const step = (lot as { stepSize: string }).stepSize.replace(/0+$/, '');
    const offStep = `${step}5`; // e.g. 0.0015 with a step of 0.001
    expect(await amend(offStep)).toMatch(
      new RegExp(
        `^\\[simulator\\] Not sent: the order breaks LOT_SIZE of BNBUSDT: .*newQty "${offStep.replace('.', '\\.')}" is not a multiple of stepSize .* Nothing reached Binance; fix newQty and call again\\.$`,
      ),
    );
    expect(amends()).toBe(sentBefore);
    expect(orders().find((o) => o.clientOrderId === bnb.clientOrderId)?.origQty).toBe('0.10000000');

    // A symbol that does not allow cancel-replace (exchangeInfo says cancelReplaceAllowed: false).
    s.sim.setSymbolFlags('BNBUSDT', { cancelReplaceAllowed: false });
    rest.exchangeInfoCache.invalidate();
    try {
      const replacesBefore = replaces();
      expect(
        await failure(plain, 'replace_order', {
          symbol: 'BNBUSDT',
          orderId: String(bnb.orderId),
          side: 'BUY',
          type: 'LIMIT',
          quantity: '0.1',
          price: await price('BNBUSDT', 0.75),
          confirm: true,
        }),
      ).toBe(
        '[simulator] Not sent: the order breaks cancelReplaceAllowed of BNBUSDT: Symbol rule cancelReplaceAllowed of BNBUSDT: symbol "BNBUSDT" takes no cancelReplace (rule: cancelReplaceAllowed is true). Nothing reached Binance; cancel the order with cancel_order, then place the new one with place_order.',
      );
      expect(replaces()).toBe(replacesBefore);
      expect(orders().find((o) => o.clientOrderId === bnb.clientOrderId)?.status).toBe('NEW');
    } finally {
      s.sim.setSymbolFlags('BNBUSDT', { cancelReplaceAllowed: true });
      rest.exchangeInfoCache.invalidate();
    }
  });

  test('cancel_all_orders: asks with the count, then every open order on the symbol is canceled', async () => {
    for (const f of [0.7, 0.75]) {
      await rest.newOrder({
        symbol: 'ETHUSDT',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '0.01',
        price: await price('ETHUSDT', f),
      });
    }
    const open = orders().filter((o) => o.symbol === 'ETHUSDT' && o.status === 'NEW').length;
    answer = { action: 'decline' };
    await failure(dialog, 'cancel_all_orders', { symbol: 'ETHUSDT' });
    expect(orders().filter((o) => o.symbol === 'ETHUSDT' && o.status === 'NEW').length).toBe(open);
    answer = { action: 'accept', content: { confirm: true } };
    const d = await ok(dialog, 'cancel_all_orders', { symbol: 'ETHUSDT' });
    expect(asked.at(-1)).toMatch(new RegExp(`^Cancel all ${open} open orders on ETHUSDT`));
    expect(d.canceled).toHaveLength(open);
    expect(orders().filter((o) => o.symbol === 'ETHUSDT' && o.status === 'NEW')).toEqual([]);
    const none = await ok(plain, 'cancel_all_orders', { symbol: 'ETHUSDT' });
    expect(none.confirmedBy).toBe('nothing-open');
  });
});

describe('order lists', () => {
  test('place_order_list OCO and OTO, then cancel_order_list', async () => {
    const info = await rest.exchangeInfoCache.symbol('BTCUSDT');
    const last = Number((await rest.price({ symbol: 'BTCUSDT' })).price);
    const at = (f: number) => roundPrice(info as never, last * f);
    const oco = await ok(plain, 'place_order_list', {
      listType: 'OCO',
      symbol: 'BTCUSDT',
      side: 'SELL',
      quantity: '0.01',
      confirm: true,
      above: { type: 'LIMIT_MAKER', price: at(1.05) },
      below: { type: 'STOP_LOSS_LIMIT', stopPrice: at(0.95), price: at(0.949) },
    });
    expect(oco.list).toMatchObject({ contingencyType: 'OCO', listOrderStatus: 'EXECUTING' });
    const legs = orders().filter((o) => String(o.orderListId) === String(oco.list.orderListId));
    expect(legs.map((o) => o.type).sort()).toEqual(['LIMIT_MAKER', 'STOP_LOSS_LIMIT']);
    expect(legs.every((o) => o.status === 'NEW' && o.origQty === '0.01000000')).toBe(true);
    expect(oco.worth.basis).toBe('price × quantity');

    const oto = await ok(dialog, 'place_order_list', {
      listType: 'OTO',
      symbol: 'BTCUSDT',
      working: { type: 'LIMIT', side: 'BUY', quantity: '0.001', price: at(0.9) },
      pending: { type: 'LIMIT_MAKER', side: 'SELL', quantity: '0.001', price: at(1.1) },
    });
    expect(asked.at(-1)).toMatch(
      /^Place OTO on BTCUSDT: working: BUY 0\.001 LIMIT at [\d.]+; then pending: SELL 0\.001 LIMIT_MAKER at/,
    );
    expect(oto.orders).toHaveLength(2);

    const canceled = await ok(plain, 'cancel_order_list', {
      symbol: 'BTCUSDT',
      orderListId: oco.list.orderListId,
    });
    expect(canceled.list.listOrderStatus).toBe('ALL_DONE');
    expect(
      orders()
        .filter((o) => String(o.orderListId) === String(oco.list.orderListId))
        .map((o) => o.status),
    ).toEqual(['CANCELED', 'CANCELED']);
    expect(
      await failure(plain, 'place_order_list', {
        listType: 'OCO',
        symbol: 'BTCUSDT',
        side: 'SELL',
        quantity: '0.01',
      }),
    ).toMatch(/'above' is missing/);
  });
});

describe('a lost connection', () => {
  test('the answer to place_order is lost: the order is found by its client id, placed exactly once', async () => {
    s.sim.dropOrderPlacements({ when: 'after' });
    const d = await ok(plain, 'place_order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quoteOrderQty: '30',
      confirm: true,
    });
    expect(d.order.status).toBe('FILLED');
    expect(orders().filter((o) => o.clientOrderId === d.order.clientOrderId)).toHaveLength(1);
    expect(
      s.sim
        .requests()
        .filter(
          (r) =>
            r.method === 'POST' &&
            r.path === '/api/v3/order' &&
            `${r.query}&${r.body}`.includes(d.order.clientOrderId),
        ),
    ).toHaveLength(1);
  });
});
