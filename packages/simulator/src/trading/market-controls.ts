// What the simulator's controls ask of the market: another participant's market order, a sweep to a
// price (movePrice), a fill of one resting order (fillOrder), and deposits / withdrawals.

import type { Account } from '../accounts/account.js';
import { formatUnits } from '../market/decimal.js';
import type { SymbolMarket } from '../market/market.js';
import type { TradingEngine } from './engine.js';
import { balanceUpdate } from './events.js';
import { type LevelTaken, newTaker } from './matching.js';
import type { Order } from './order.js';

/** Another participant's market order (the `executeMarketOrder` control). */
export function externalMarketOrder(
  engine: TradingEngine,
  sm: SymbolMarket,
  buy: boolean,
  qty: bigint,
  now: number,
): LevelTaken[] {
  if (sm.spec.status !== 'TRADING') throw new Error(`${sm.symbol} is not trading (status ${sm.spec.status})`);
  const s = engine.begin(sm, now);
  const taker = newTaker(buy, null, null, qty);
  const prices = engine.matcher.take(s.st, s.book, taker, s.batch);
  engine.matcher.checkTriggers(s.st, s.book, prices, s.batch);
  s.batch.flush();
  return taker.levels;
}

/**
 * Another participant trades the book through to `price` (the `movePrice` control): every level up
 * to it (down to it) is taken, account orders included, and the last trade prints at `price`.
 */
export function movePrice(engine: TradingEngine, sm: SymbolMarket, price: bigint, now: number): LevelTaken[] {
  if (sm.spec.status !== 'TRADING') throw new Error(`${sm.symbol} is not trading (status ${sm.spec.status})`);
  const s = engine.begin(sm, now);
  const ticks = Number(price / sm.spec.tickUnits);
  const buy = price >= engine.lastPrice(sm, s.time);
  const taker = newTaker(buy, null, ticks, null);
  const prices = engine.matcher.take(s.st, s.book, taker, s.batch);
  if (taker.levels.at(-1)?.ticks !== ticks) {
    // Nothing rested exactly there: a one-step order appears at the price and is taken.
    s.book.set(!buy, ticks, s.book.background(!buy, ticks) + 1);
    prices.push(...engine.matcher.take(s.st, s.book, taker, s.batch));
  }
  // Makers come back around the new price (before stops that fire on it execute).
  sm.liveBook()?.reactTo(ticks, buy);
  engine.matcher.checkTriggers(s.st, s.book, prices, s.batch);
  s.batch.flush();
  return taker.levels;
}

/** Another participant fills `qty` (default: all that is left) of a resting order at its price. */
export function fillOrder(engine: TradingEngine, order: Order, qty: bigint | null, now: number): void {
  const s = engine.begin(order.sm, now);
  if (!order.resting || !order.isOpen())
    throw new RangeError(`fillOrder: order ${order.orderId} is not resting on the book`);
  const q = qty ?? order.remaining();
  if (q <= 0n || q > order.remaining() || q % order.sm.spec.stepUnits !== 0n) {
    throw new RangeError(
      `fillOrder: quantity must be a positive multiple of the step size, at most ${formatUnits(order.remaining(), 8)}`,
    );
  }
  const ticks = order.priceTicks();
  const tradeId = (order.sm.tape.lastTradeAtOrBefore(s.time)?.id ?? -1) + 1;
  engine.matcher.beginMatching();
  try {
    engine.matcher.fillOutside(s.st, s.book, order, ticks, order.price, q, tradeId, s.batch);
    const steps = Number(q / order.sm.spec.stepUnits);
    order.sm.tape.record(s.time, [{ price: ticks, qty: steps, buy: !order.buy }]);
  } finally {
    engine.matcher.endMatching();
  }
  engine.matcher.checkTriggers(s.st, s.book, [order.price], s.batch);
  s.batch.flush();
}

/** Sets free balances (a deposit or withdrawal): balanceUpdate and outboundAccountPosition events. */
export function setBalances(
  engine: TradingEngine,
  account: Account,
  balances: Array<[string, bigint]>,
  now: number,
): void {
  const batch = engine.matcher.batch(now);
  for (const [asset, amount] of balances) {
    const delta = account.balances.setFree(asset, amount);
    if (delta === 0n) continue;
    batch.add(account, balanceUpdate(asset, delta, now));
    batch.touch(account, asset);
  }
  batch.flush();
}
