// Trading state of one symbol: the accounts' resting orders, the stop orders waiting for their
// trigger, and the per-symbol id counters (order ids, execution ids, prevented-match ids).

import type { SymbolMarket } from '../market/market.js';
import type { Order } from './order.js';
import { RestingOrders } from './resting.js';

export class SymbolTrading {
  readonly resting = new RestingOrders();
  /** Stop orders waiting for their trigger, in placement order. */
  readonly stops = new Set<Order>();
  /** Every open order of every account on this symbol. */
  readonly open = new Set<Order>();
  /** Stops triggered while the book jumped over an unobserved stretch: they execute after the jump. */
  deferred: Order[] = [];
  nextOrderId = 1;
  nextExecutionId = 1;
  nextPreventedMatchId = 0;

  constructor(readonly sm: SymbolMarket) {}
}
