// The market model on its own: start-up, cold history (nothing cached) and warm windows.

import { bench, describe } from 'vitest';
import { Clock } from '../src/clock.js';
import { Market } from '../src/market/market.js';

const T = Date.UTC(2026, 0, 15, 12, 34, 56, 789);
const clock = new Clock(() => T);
const warm = new Market({ seed: 1, symbolCount: 10_000, historyDays: 30 }, clock);
const btc = warm.get('BTCUSDT')!;
btc.tape.rangeStats(T - 86_400_000, T + 1);
let coldSeed = 0;

describe('market model', () => {
  bench('start-up: build the ~300-symbol universe', () => {
    new Market({ seed: 2, symbolCount: 10_000, historyDays: 30 }, clock);
  });
  bench('cold 24 h statistics of one symbol (1440 minutes from the seed)', () => {
    // A new seed each time: simulators of one seed share their hour statistics.
    const m = new Market({ seed: 1000 + coldSeed++, symbolCount: 7, historyDays: 30 }, clock);
    m.get('BTCUSDT')!.tape.rangeStats(T - 86_400_000, T + 1);
  });
  bench('warm rolling 24 h statistics (cached hours, partial edges)', () => {
    btc.tape.rangeStats(T - 86_400_000 + 1234, T + 1);
  });
  bench('one minute of trades generated', () => {
    const m = new Market({ seed: 4, symbolCount: 7, historyDays: 30 }, clock);
    m.get('BTCUSDT')!.tape.tradesOf(Math.floor(T / 60_000) - 5);
  });
});
