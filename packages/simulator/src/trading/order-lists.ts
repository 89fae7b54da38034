// Placing order lists (orderList/oco, orderList/oto, orderList/otoco): the legs' rules and price
// relationships, the shared funds of an OCO pair, and the list-status response with `orderReports`.

import type { Account } from '../accounts/account.js';
import type { SymbolMarket } from '../market/market.js';
import { ApiError, errors } from '../rest/errors.js';
import { newClientOrderId, type Session, type TimeFn, type TradingEngine } from './engine.js';
import type { Taker } from './matching.js';
import type { Order } from './order.js';
import { type ListKind, OrderList } from './order-list.js';
import type { OrderRequest } from './request.js';
import { listStatus, placement } from './responses.js';
import type { OrderType, ResponseType, StpMode } from './types.js';

type Json = Record<string, unknown>;

const max = (a: bigint, b: bigint) => (a < b ? b : a);

export const OCO_LEG_TYPES: readonly OrderType[] = [
  'STOP_LOSS_LIMIT',
  'STOP_LOSS',
  'LIMIT_MAKER',
  'TAKE_PROFIT',
  'TAKE_PROFIT_LIMIT',
];

const isStopLoss = (t: OrderType) => t === 'STOP_LOSS' || t === 'STOP_LOSS_LIMIT';
const isTakeProfit = (t: OrderType) => t === 'TAKE_PROFIT' || t === 'TAKE_PROFIT_LIMIT';

/**
 * The legs of an OCO pair by position: for a SELL the limit / take-profit leg is above and the stop
 * below; for a BUY the reverse (the docs list LIMIT_MAKER only among above types, but a BUY's limit
 * leg must be below, so it is accepted there too).
 */
export function checkOcoTypes(side: 'BUY' | 'SELL', above: OrderType, below: OrderType): void {
  for (const t of [above, below])
    if (!OCO_LEG_TYPES.includes(t)) throw new ApiError(400, -1158, 'Order type not supported in OCO.');
  if (above === 'LIMIT_MAKER' && below === 'LIMIT_MAKER') {
    throw new ApiError(400, -1168, 'At least one OCO order must be contingent.');
  }
  if (side === 'SELL') {
    if (isStopLoss(above)) throw new ApiError(400, -1197, 'A stop loss order in a sell OCO must be below.');
    if (below === 'LIMIT_MAKER') throw new ApiError(400, -1166, 'A limit order in a sell OCO must be above.');
    if (isTakeProfit(below))
      throw new ApiError(400, -1199, 'A take profit order in a sell OCO must be above.');
  } else {
    if (above === 'LIMIT_MAKER') throw new ApiError(400, -1165, 'A limit order in a buy OCO must be below.');
    if (isTakeProfit(above))
      throw new ApiError(400, -1198, 'A take profit order in a buy OCO must be below.');
    if (isStopLoss(below)) throw new ApiError(400, -1196, 'A stop loss order in a buy OCO must be above.');
  }
}

/** SELL: limit / take-profit leg above the last price, stop below it; BUY: stop above, limit below. */
function pricesOk(above: Order, below: Order, last: bigint): boolean {
  if (last <= 0n) return true;
  const level = (o: Order) =>
    o.type === 'LIMIT_MAKER' || o.type === 'TAKE_PROFIT_LIMIT' ? o.price : o.stopPrice;
  const a = level(above);
  const b = level(below);
  // Trailing legs without a stop price have no level yet. Both sides: above > last > below.
  return (a === 0n || a > last) && (b === 0n || b < last);
}

export interface ListRequest {
  listClientOrderId: string | null;
  stp: StpMode | null;
  respType: ResponseType | null;
}

function maxLists(sm: SymbolMarket): number {
  const f = sm.spec.filters.find((x) => x.filterType === 'MAX_NUM_ORDER_LISTS');
  return f ? Number(f.maxNumOrderLists) : Number.POSITIVE_INFINITY;
}

/** Checks shared by every list type; returns the session and the STP mode. */
function start(
  engine: TradingEngine,
  account: Account,
  sm: SymbolMarket,
  legs: OrderRequest[],
  req: ListRequest,
  now: number,
): { s: Session; stp: StpMode } {
  const s = engine.begin(sm, now);
  const stp = engine.validateNew(account, sm, legs, req.stp, s.time);
  const open = account.lists.filter((l) => l.symbol === sm.symbol && l.isOpen()).length;
  if (open + 1 > maxLists(sm)) throw errors.filterFailure('MAX_NUM_ORDER_LISTS');
  account.orderCount.check(s.time, legs.length);
  if (!account.flags.canTrade) throw errors.rejected('This account may not place or cancel orders.');
  const ids = legs.map((l) => l.clientOrderId).filter((id): id is string => id !== null);
  if (new Set(ids).size !== ids.length || ids.some((id) => account.findByClientId(sm.symbol, id)?.isOpen())) {
    throw errors.rejected('Duplicate order sent.');
  }
  if (
    req.listClientOrderId !== null &&
    account.lists.some((l) => l.isOpen() && l.listClientOrderId === req.listClientOrderId)
  ) {
    throw errors.rejected('Duplicate order sent.');
  }
  return { s, stp };
}

/** Creates the list and accepts its legs (in the given order, which sets their ids). */
function assemble(
  engine: TradingEngine,
  s: Session,
  account: Account,
  kind: ListKind,
  req: ListRequest,
  legs: Array<{ order: Order; pending: boolean }>,
): OrderList {
  const list = new OrderList(
    account,
    s.st.sm.symbol,
    engine.newListId(),
    kind,
    req.listClientOrderId ?? newClientOrderId(),
    s.time,
  );
  for (const { order, pending } of legs) {
    order.list = list;
    list.orders.push(order);
    engine.accept(s, order, pending);
  }
  account.lists.push(list);
  for (const { order, pending } of legs) {
    if (!pending && !order.isAlgo()) order.workingTime = s.time;
    engine.matcher.report(s.st, order, 'NEW', s.batch);
  }
  engine.matcher.listStatus(list, s.batch);
  return list;
}

/** Locks the larger of the legs' needs once, shared by them. */
function reserveShared(engine: TradingEngine, s: Session, legs: Order[]): void {
  const needs = legs.map((o) => engine.matcher.requiredLock(s.st, s.book, o, s.time));
  const asset = needs[0]!.asset;
  const amount = needs.reduce((m, n) => max(m, n.amount), 0n);
  const account = legs[0]!.account;
  if (account.balances.free(asset) < amount) {
    throw errors.rejected('Account has insufficient balance for requested action.');
  }
  account.balances.lock(asset, amount);
  s.batch.touch(account, asset);
  const lock = { asset, amount };
  for (const o of legs) o.lock = lock;
}

/** A leg starts: a stop waits for its trigger, a LIMIT_MAKER rests. */
function startOcoLeg(engine: TradingEngine, s: Session, leg: Order): void {
  if (leg.isAlgo()) engine.arm(s, leg);
  else engine.matcher.rest(s.st, s.book, leg, s.batch);
}

function respond(
  list: OrderList,
  type: ResponseType,
  time: number,
  t: TimeFn,
  takers: Map<Order, Taker | null> = new Map(),
): Json {
  const reports = list.orders.map((o) => placement(o, type, time, t, takers.get(o) ?? undefined));
  return listStatus(list, t, reports);
}

/** The pair, stop leg first (as in Binance's samples). */
function pairOrder(a: Order, b: Order): [Order, Order] {
  return isStopLoss(b.type) && !isStopLoss(a.type) ? [b, a] : [a, b];
}

/** POST /api/v3/orderList/oco. */
export function placeOco(
  engine: TradingEngine,
  account: Account,
  sm: SymbolMarket,
  req: ListRequest & { side: 'BUY' | 'SELL'; above: OrderRequest; below: OrderRequest },
  now: number,
  t: TimeFn,
): Json {
  if (!sm.flags.ocoAllowed) throw errors.rejected('OCO orders are not supported for this symbol');
  checkOcoTypes(req.side, req.above.type, req.below.type);
  const { s, stp } = start(engine, account, sm, [req.above, req.below], req, now);
  const above = engine.build(account, sm, req.above, stp, s.time);
  const below = engine.build(account, sm, req.below, stp, s.time);
  if (!pricesOk(above, below, engine.lastPrice(sm, s.time))) {
    throw errors.rejected('The relationship of the prices for the orders is not correct.');
  }
  const last = engine.lastPrice(sm, s.time);
  for (const o of [above, below]) engine.admitChecks(s, o, last);
  reserveShared(engine, s, [above, below]);
  const [first, second] = pairOrder(above, below);
  const list = assemble(engine, s, account, 'OCO', req, [
    { order: first, pending: false },
    { order: second, pending: false },
  ]);
  startOcoLeg(engine, s, first);
  startOcoLeg(engine, s, second);
  s.batch.flush();
  return respond(list, req.respType ?? 'RESULT', s.time, t);
}

function checkWorking(working: OrderRequest): void {
  if (working.type !== 'LIMIT' && working.type !== 'LIMIT_MAKER') throw errors.badOrderType();
}

/** The working order executes; when it fills at once the pending order(s) are placed right away. */
function runWorking(
  engine: TradingEngine,
  s: Session,
  list: OrderList,
  working: Order,
): Map<Order, Taker | null> {
  const { taker, prices } = engine.matcher.execute(s.st, s.book, working, s.batch);
  if (working.status === 'FILLED') engine.matcher.activatePending(s.st, s.book, list, s.batch);
  engine.matcher.checkTriggers(s.st, s.book, prices, s.batch);
  return new Map([[working, taker]]);
}

/** POST /api/v3/orderList/oto. */
export function placeOto(
  engine: TradingEngine,
  account: Account,
  sm: SymbolMarket,
  req: ListRequest & { working: OrderRequest; pending: OrderRequest },
  now: number,
  t: TimeFn,
): Json {
  if (!sm.flags.otoAllowed) throw errors.rejected('OTO orders are not supported for this symbol.');
  checkWorking(req.working);
  const { s, stp } = start(engine, account, sm, [req.working, req.pending], req, now);
  const working = engine.build(account, sm, req.working, stp, s.time);
  const pending = engine.build(account, sm, req.pending, stp, s.time);
  engine.admitChecks(s, working, engine.lastPrice(sm, s.time));
  engine.reserve(s, working);
  const list = assemble(engine, s, account, 'OTO', req, [
    { order: working, pending: false },
    { order: pending, pending: true },
  ]);
  list.working = working;
  const takers = runWorking(engine, s, list, working);
  s.batch.flush();
  return respond(list, req.respType ?? 'RESULT', s.time, t, takers);
}

/** POST /api/v3/orderList/otoco. */
export function placeOtoco(
  engine: TradingEngine,
  account: Account,
  sm: SymbolMarket,
  req: ListRequest & {
    working: OrderRequest;
    pendingSide: 'BUY' | 'SELL';
    pendingAbove: OrderRequest;
    pendingBelow: OrderRequest;
  },
  now: number,
  t: TimeFn,
): Json {
  if (!sm.flags.otoAllowed || !sm.flags.ocoAllowed)
    throw errors.rejected('OTO orders are not supported for this symbol.');
  checkWorking(req.working);
  checkOcoTypes(req.pendingSide, req.pendingAbove.type, req.pendingBelow.type);
  const { s, stp } = start(engine, account, sm, [req.working, req.pendingAbove, req.pendingBelow], req, now);
  const working = engine.build(account, sm, req.working, stp, s.time);
  const above = engine.build(account, sm, req.pendingAbove, stp, s.time);
  const below = engine.build(account, sm, req.pendingBelow, stp, s.time);
  engine.admitChecks(s, working, engine.lastPrice(sm, s.time));
  engine.reserve(s, working);
  const [first, second] = pairOrder(above, below);
  const list = assemble(engine, s, account, 'OTOCO', req, [
    { order: working, pending: false },
    { order: first, pending: true },
    { order: second, pending: true },
  ]);
  list.working = working;
  const takers = runWorking(engine, s, list, working);
  s.batch.flush();
  return respond(list, req.respType ?? 'RESULT', s.time, t, takers);
}
