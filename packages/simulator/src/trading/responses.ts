// Response bodies of the trading and account endpoints, field for field and in Binance's key order
// (rest-api.md samples): placement (ACK / RESULT / FULL), cancel reports, order queries, order lists,
// trades, prevented matches, amendments. Decimals are 8-decimal strings; `t` converts times to the
// request's time unit.

import { formatUnits } from '../market/decimal.js';
import type { FillRecord, PreventedRecord } from './matching.js';
import type { Order } from './order.js';
import type { OrderList } from './order-list.js';
import type { AccountTrade, Amendment, PreventedMatch, ResponseType } from './types.js';

type TimeFn = (ms: number) => number;
type Json = Record<string, unknown>;

const d8 = (units: bigint) => formatUnits(units, 8);
const at = (t: TimeFn, ms: number) => (ms === -1 ? -1 : t(ms));

function withConditional(o: Order, t: TimeFn, out: Json, where: 'placement' | 'cancel' | 'query'): void {
  if (where !== 'query' && (o.isAlgo() || o.stopPrice > 0n)) out.stopPrice = d8(o.stopPrice);
  if (where === 'query') out.stopPrice = d8(o.stopPrice);
  if (o.trailingDelta !== null) {
    out.trailingDelta = o.trailingDelta;
    if (where !== 'cancel') out.trailingTime = at(t, o.trailingTime);
  }
}

function strategy(o: Order, out: Json): void {
  if (o.strategyId !== null) out.strategyId = o.strategyId;
  if (o.strategyType !== null) out.strategyType = o.strategyType;
}

function expiry(o: Order, out: Json): void {
  if (o.status === 'EXPIRED_IN_MATCH' && o.preventedMatchId !== null) {
    out.preventedMatchId = o.preventedMatchId;
    out.preventedQuantity = d8(o.preventedQty);
  }
  if (o.expiryReason !== null && (o.status === 'EXPIRED' || o.status === 'EXPIRED_IN_MATCH')) {
    out.expiryReason = o.expiryReason;
  }
}

export function orderAck(o: Order, transactTime: number, t: TimeFn): Json {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: o.clientOrderId,
    transactTime: t(transactTime),
  };
}

/** POST order (and cancelReplace's new order, list reports) in the requested response type. */
export function placement(
  o: Order,
  type: ResponseType,
  transactTime: number,
  t: TimeFn,
  taker?: { fills: FillRecord[]; prevented: PreventedRecord[] },
): Json {
  const out = orderAck(o, transactTime, t);
  if (type === 'ACK') return out;
  out.price = d8(o.price);
  out.origQty = d8(o.origQty);
  out.executedQty = d8(o.executedQty);
  out.origQuoteOrderQty = d8(o.origQuoteOrderQty);
  out.cummulativeQuoteQty = d8(o.cumQuote);
  out.status = o.status;
  out.timeInForce = o.timeInForce;
  out.type = o.type;
  out.side = o.side;
  withConditional(o, t, out, 'placement');
  out.workingTime = at(t, o.workingTime);
  if (o.icebergQty !== null) out.icebergQty = d8(o.icebergQty);
  strategy(o, out);
  out.selfTradePreventionMode = o.stp;
  expiry(o, out);
  if (type === 'FULL') {
    out.fills = (taker?.fills ?? []).map((f) => ({
      price: d8(f.price),
      qty: d8(f.qty),
      commission: d8(f.commission),
      commissionAsset: f.commissionAsset,
      tradeId: f.tradeId,
    }));
    if (taker && taker.prevented.length > 0) {
      out.preventedMatches = taker.prevented.map((p) => {
        const m: Json = {
          preventedMatchId: p.preventedMatchId,
          makerOrderId: p.makerOrderId,
          price: d8(p.price),
        };
        if (p.takerPreventedQuantity !== null) m.takerPreventedQuantity = d8(p.takerPreventedQuantity);
        if (p.makerPreventedQuantity !== null) m.makerPreventedQuantity = d8(p.makerPreventedQuantity);
        return m;
      });
    }
  }
  return out;
}

/** DELETE order's report (also in cancelAll, cancelReplace and list cancels). */
export function cancelReport(
  o: Order,
  origClientOrderId: string,
  cancelId: string,
  transactTime: number,
  t: TimeFn,
): Json {
  const out: Json = {
    symbol: o.symbol,
    origClientOrderId,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: cancelId,
    transactTime: t(transactTime),
    price: d8(o.price),
    origQty: d8(o.origQty),
    executedQty: d8(o.executedQty),
    origQuoteOrderQty: d8(o.origQuoteOrderQty),
    cummulativeQuoteQty: d8(o.cumQuote),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
  };
  withConditional(o, t, out, 'cancel');
  if (o.icebergQty !== null) out.icebergQty = d8(o.icebergQty);
  strategy(o, out);
  out.selfTradePreventionMode = o.stp;
  return out;
}

/** GET order / openOrders / allOrders. */
export function queryOrder(o: Order, t: TimeFn): Json {
  const out: Json = {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: o.clientOrderId,
    price: d8(o.price),
    origQty: d8(o.origQty),
    executedQty: d8(o.executedQty),
    cummulativeQuoteQty: d8(o.cumQuote),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
  };
  withConditional(o, t, out, 'query');
  out.icebergQty = d8(o.icebergQty ?? 0n);
  out.time = t(o.time);
  out.updateTime = t(o.updateTime);
  out.isWorking = o.workingTime !== -1;
  out.workingTime = at(t, o.workingTime);
  out.origQuoteOrderQty = d8(o.origQuoteOrderQty);
  strategy(o, out);
  out.selfTradePreventionMode = o.stp;
  expiry(o, out);
  return out;
}

/** The list-status object; with `reports`, placement and cancel responses' `orderReports`. */
export function listStatus(list: OrderList, t: TimeFn, reports?: Json[]): Json {
  const out: Json = {
    orderListId: list.orderListId,
    contingencyType: list.contingencyType,
    listStatusType: list.listStatusType,
    listOrderStatus: list.listOrderStatus,
    listClientOrderId: list.listClientOrderId,
    transactionTime: t(list.transactionTime),
    symbol: list.symbol,
    orders: list.orders.map((o) => ({
      symbol: o.symbol,
      orderId: o.orderId,
      clientOrderId: o.clientOrderId,
    })),
  };
  if (reports) out.orderReports = reports;
  return out;
}

export function amendResponse(
  o: Order,
  origClientOrderId: string,
  executionId: number,
  transactTime: number,
  t: TimeFn,
): Json {
  const amended: Json = {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: o.orderListId,
    origClientOrderId,
    clientOrderId: o.clientOrderId,
    price: d8(o.price),
    qty: d8(o.origQty),
    executedQty: d8(o.executedQty),
    preventedQty: d8(o.preventedQty),
    quoteOrderQty: d8(o.origQuoteOrderQty),
    cumulativeQuoteQty: d8(o.cumQuote),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
  };
  if (o.workingTime !== -1) amended.workingTime = t(o.workingTime);
  amended.selfTradePreventionMode = o.stp;
  const out: Json = { transactTime: t(transactTime), executionId, amendedOrder: amended };
  if (o.list) {
    const l = o.list;
    out.listStatus = {
      orderListId: l.orderListId,
      contingencyType: l.contingencyType,
      listOrderStatus: l.listOrderStatus,
      listClientOrderId: l.listClientOrderId,
      symbol: l.symbol,
      orders: l.orders.map((leg) => ({
        symbol: leg.symbol,
        orderId: leg.orderId,
        clientOrderId: leg.clientOrderId,
      })),
    };
  }
  return out;
}

export function tradeJson(tr: AccountTrade, t: TimeFn): Json {
  return {
    symbol: tr.symbol,
    id: tr.id,
    orderId: tr.orderId,
    orderListId: tr.orderListId,
    price: d8(tr.price),
    qty: d8(tr.qty),
    quoteQty: d8(tr.quoteQty),
    commission: d8(tr.commission),
    commissionAsset: tr.commissionAsset,
    time: t(tr.time),
    isBuyer: tr.isBuyer,
    isMaker: tr.isMaker,
    isBestMatch: true,
  };
}

export function preventedMatchJson(m: PreventedMatch, t: TimeFn): Json {
  const out: Json = {
    symbol: m.symbol,
    preventedMatchId: m.preventedMatchId,
    takerOrderId: m.takerOrderId,
    makerSymbol: m.makerSymbol,
    makerOrderId: m.makerOrderId,
    tradeGroupId: m.tradeGroupId,
    selfTradePreventionMode: m.selfTradePreventionMode,
    price: d8(m.price),
  };
  if (m.takerPreventedQuantity !== null) out.takerPreventedQuantity = d8(m.takerPreventedQuantity);
  if (m.makerPreventedQuantity !== null) out.makerPreventedQuantity = d8(m.makerPreventedQuantity);
  out.transactTime = t(m.transactTime);
  return out;
}

export function amendmentJson(a: Amendment, t: TimeFn): Json {
  return {
    symbol: a.symbol,
    orderId: a.orderId,
    executionId: a.executionId,
    origClientOrderId: a.origClientOrderId,
    newClientOrderId: a.newClientOrderId,
    origQty: d8(a.origQty),
    newQty: d8(a.newQty),
    time: t(a.time),
  };
}
