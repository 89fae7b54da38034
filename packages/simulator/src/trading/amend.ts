// PUT /api/v3/order/amend/keepPriority: reduce an open order's quantity keeping its place in the
// queue (and its OCO partner's, which shares the quantity); recorded for order/amendments.

import type { Account } from '../accounts/account.js';
import { parseUnits } from '../market/decimal.js';
import type { SymbolMarket } from '../market/market.js';
import { errors } from '../rest/errors.js';
import { newClientOrderId, type OrderRef, type Session, type TimeFn, type TradingEngine } from './engine.js';
import type { Order } from './order.js';
import { amendResponse } from './responses.js';

type Json = Record<string, unknown>;

const ONE = 100_000_000n;
const MAX_ORDER_AMENDS = 10;

/** PUT /api/v3/order/amend/keepPriority. Returns the body and whether the amend expired the order. */
export function amend(
  engine: TradingEngine,
  account: Account,
  sm: SymbolMarket,
  ref: OrderRef,
  newQty: bigint,
  newClientId: string | null,
  now: number,
  t: TimeFn,
): { body: Json; expired: boolean } {
  const s = engine.begin(sm, now);
  const { order } = engine.find(account, sm, ref);
  if (!order?.isOpen()) throw errors.amendRejected('Unknown order sent.');
  if (!sm.flags.amendAllowed) throw errors.amendRejected('Order amend is not supported for this symbol.');
  if (newQty > order.origQty) throw errors.amendRejected('Order amend (quantity increase) is not supported.');
  if (newQty === order.origQty)
    throw errors.amendRejected('The requested action would change no state; rejecting');
  const lot = sm.spec.filters.find((f) => f.filterType === 'LOT_SIZE');
  const step = lot ? (parseUnits(String(lot.stepSize), 8) ?? 0n) : 0n;
  const minQty = lot ? (parseUnits(String(lot.minQty), 8) ?? 0n) : 0n;
  if (newQty < minQty || (step > 0n && newQty % step !== 0n)) throw errors.filterFailure('LOT_SIZE');
  if (order.amendments >= MAX_ORDER_AMENDS)
    throw errors.amendRejected('Filter failure: MAX_NUM_ORDER_AMENDS');
  const clientId = newClientId ?? newClientOrderId();
  const other = account.findByClientId(sm.symbol, clientId);
  if (other && other !== order && other.isOpen()) throw errors.amendRejected('Duplicate order sent.');

  // An OCO's legs share one quantity: amending one amends both.
  const targets = [order, ...(order.list?.kind !== 'OTO' && order.list ? order.list.ocoPartners(order) : [])];
  const origClientId = order.clientOrderId;
  let executionId = 0;
  let expired = false;
  for (const o of targets) {
    const before = o.origQty;
    const previousId = o.clientOrderId;
    o.origQty = newQty;
    o.amendments += 1;
    o.updateTime = s.time;
    if (o === order && clientId !== previousId) {
      o.clientOrderId = clientId;
      account.renameOrder(o, previousId);
    }
    executionId = s.st.nextExecutionId;
    account.amendmentsOf(sm.symbol, o.orderId).push({
      symbol: sm.symbol,
      orderId: o.orderId,
      executionId,
      origClientOrderId: previousId,
      newClientOrderId: o.clientOrderId,
      origQty: before,
      newQty,
      time: s.time,
    });
    if (o.remaining() <= 0n) {
      // Down to (or below) what already executed: nothing is left to work.
      expired = true;
      engine.matcher.report(s.st, o, 'REPLACED', s.batch, { origClientOrderId: previousId });
      engine.matcher.end(s.st, s.book, o, 'EXPIRED', s.batch);
      continue;
    }
    if (o.resting) s.st.resting.refresh(s.book, o.buy, o.priceTicks());
    shrinkLock(o, s);
    engine.matcher.report(s.st, o, 'REPLACED', s.batch, { origClientOrderId: previousId });
  }
  if (order.list && clientId !== origClientId) {
    order.list.listStatusType = 'UPDATED';
    engine.matcher.listStatus(order.list, s.batch);
  }
  s.batch.flush();
  return { body: amendResponse(order, origClientId, executionId, s.time, t), expired };
}

function shrinkLock(o: Order, s: Session): void {
  const lock = o.lock;
  if (!lock || o.list) return;
  const need = o.buy ? ((o.price > 0n ? o.price : o.stopPrice) * o.remaining()) / ONE : o.remaining();
  if (lock.amount > need) {
    o.account.balances.unlock(lock.asset, lock.amount - need);
    lock.amount = need;
    s.batch.touch(o.account, lock.asset);
  }
}
