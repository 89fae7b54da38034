// When stop-loss and take-profit orders fire (rest-api.md, faqs/trailing-stop-faq.md): on the last
// trade price against the stop price, or, for trailing stops, `trailingDelta` BIPS away from the
// best price since tracking started.

import type { Order } from './order.js';

/** Stop-loss BUY and take-profit SELL fire at or above the stop price; the other two at or below. */
export function firesAbove(o: Pick<Order, 'type' | 'buy'>): boolean {
  return (o.type === 'STOP_LOSS' || o.type === 'STOP_LOSS_LIMIT') === o.buy;
}

/** Whether a trade at `price` fires stop order `o` (updating its trailing state). */
export function fires(o: Order, price: bigint, time: number): boolean {
  const above = firesAbove(o);
  const condition = (stop: bigint) => (above ? price >= stop : price <= stop);
  if (o.trailingDelta === null) return condition(o.stopPrice);
  if (o.trailingTime === -1) {
    // With a stop price, trailing starts once its condition is met; that trade sets the extreme.
    if (o.stopPrice > 0n && condition(o.stopPrice)) {
      o.trailingTime = time;
      o.trailExtreme = price;
    }
    return false;
  }
  // BUY tracks the lowest price and fires on a rise of delta; SELL the highest and a fall.
  const delta = BigInt(o.trailingDelta);
  if (o.buy) {
    if (o.trailExtreme === null || price < o.trailExtreme) o.trailExtreme = price;
    return price * 10_000n >= o.trailExtreme * (10_000n + delta);
  }
  if (o.trailExtreme === null || price > o.trailExtreme) o.trailExtreme = price;
  return price * 10_000n <= o.trailExtreme * (10_000n - delta);
}

/** Whether a (non-trailing) stop order would fire on the current last price: -2010 at placement. */
export function wouldTriggerNow(o: Order, lastPrice: bigint): boolean {
  if (o.trailingDelta !== null || lastPrice <= 0n) return false;
  return firesAbove(o) ? lastPrice >= o.stopPrice : lastPrice <= o.stopPrice;
}
