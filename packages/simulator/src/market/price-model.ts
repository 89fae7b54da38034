// The seeded random walk: a sum of value-noise octaves (20 s … 30 days) around a base price. Only
// + − × ÷ are used, so every platform computes the same prices for the same seed. Lattice values
// are memoised per octave because consecutive queries are close in time.

import { unit } from './hash.js';

const PERIODS = [20_000, 120_000, 900_000, 7_200_000, 43_200_000, 345_600_000, 2_592_000_000];
const AMPLITUDES = [0.0004, 0.0012, 0.003, 0.008, 0.018, 0.04, 0.09];
const TAG_BASE = 101;

export class PriceWalk {
  private readonly index = new Float64Array(PERIODS.length).fill(Number.NaN);
  private readonly left = new Float64Array(PERIODS.length);
  private readonly right = new Float64Array(PERIODS.length);

  constructor(
    private readonly key: number,
    private readonly basePrice: number,
    private readonly volatility: number,
  ) {}

  private octave(k: number, t: number): number {
    const period = PERIODS[k]!;
    const i = Math.floor(t / period);
    if (this.index[k] !== i) {
      this.index[k] = i;
      this.left[k] = unit(this.key, TAG_BASE + k, i) * 2 - 1;
      this.right[k] = unit(this.key, TAG_BASE + k, i + 1) * 2 - 1;
    }
    const f = (t - i * period) / period;
    const a = this.left[k]!;
    return a + (this.right[k]! - a) * (f * f * (3 - 2 * f));
  }

  /** Mid price (quote units) at time t. */
  at(t: number): number {
    let sum = 0;
    for (let k = 0; k < PERIODS.length; k++) sum += AMPLITUDES[k]! * this.octave(k, t);
    return this.basePrice * (1 + this.volatility * sum);
  }
}
