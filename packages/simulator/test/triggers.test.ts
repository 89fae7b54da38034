// The trigger rules on their own (faqs/trailing-stop-faq.md examples), in exact integer arithmetic.

import { describe, expect, test } from 'vitest';
import type { Order } from '../src/trading/order.js';
import { fires, firesAbove, wouldTriggerNow } from '../src/trading/triggers.js';

const p = (x: number) => BigInt(Math.round(x * 100)) * 1_000_000n; // a price with 2 decimals, in 10^-8
const stop = (o: Partial<Order>) =>
  ({ trailingDelta: null, trailingTime: -1, trailExtreme: null, stopPrice: 0n, ...o }) as Order;

describe('stop conditions', () => {
  test('STOP_LOSS BUY / TAKE_PROFIT SELL fire at or above the stop; the others at or below', () => {
    expect(firesAbove(stop({ type: 'STOP_LOSS', buy: true }))).toBe(true);
    expect(firesAbove(stop({ type: 'TAKE_PROFIT_LIMIT', buy: false }))).toBe(true);
    expect(firesAbove(stop({ type: 'STOP_LOSS_LIMIT', buy: false }))).toBe(false);
    expect(firesAbove(stop({ type: 'TAKE_PROFIT', buy: true }))).toBe(false);
    const sl = stop({ type: 'STOP_LOSS', buy: false, stopPrice: p(100) });
    expect(fires(sl, p(100.01), 0)).toBe(false);
    expect(fires(sl, p(100), 0)).toBe(true);
    expect(wouldTriggerNow(sl, p(99))).toBe(true);
    expect(wouldTriggerNow(sl, p(101))).toBe(false);
  });

  test("trailing SELL: the FAQ's 10 % below a 41,000 high fires at 36,900, not a cent above", () => {
    const o = stop({
      type: 'STOP_LOSS',
      buy: false,
      trailingDelta: 1000,
      trailingTime: 1,
      trailExtreme: p(40000),
    });
    expect(fires(o, p(41000), 2)).toBe(false);
    expect(o.trailExtreme).toBe(p(41000));
    expect(fires(o, p(36900.01), 3)).toBe(false);
    expect(fires(o, p(36900), 4)).toBe(true);
  });

  test('trailing BUY with a stop price: tracking starts when the stop price is reached, then 5 % up fires', () => {
    const o = stop({ type: 'STOP_LOSS', buy: true, trailingDelta: 500, stopPrice: p(42000) });
    expect(fires(o, p(41000), 1)).toBe(false);
    expect(o.trailingTime).toBe(-1);
    expect(fires(o, p(42000), 2)).toBe(false); // starts tracking: the low is 42,000
    expect(o.trailingTime).toBe(2);
    expect(fires(o, p(44099.99), 3)).toBe(false);
    expect(fires(o, p(44100), 4)).toBe(true);
    expect(wouldTriggerNow(o, p(50000))).toBe(false); // trailing orders never "trigger immediately"
  });
});
