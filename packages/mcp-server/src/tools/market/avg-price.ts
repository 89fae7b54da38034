import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { symbolInput } from '../inputs.js';
import { isoTime } from '../render.js';

export const getAvgPrice = defineTool({
  name: 'get_avg_price',
  toolset: 'market',
  title: 'Average price over the last minutes',
  description:
    "A symbol's volume-weighted average price over the last few minutes (Binance's averaging window, usually 5). This is the reference price Binance checks limit orders and market-order notional against (PERCENT_PRICE and NOTIONAL filters), so use it when planning an order; for the last traded price use get_price.",
  input: z.strictObject({ symbol: symbolInput }),
  output: {
    symbol: z.string(),
    price: z.string(),
    mins: z.number().describe('Averaging window in minutes'),
    closeTime: z.number().describe('Time of the last trade in the window, epoch ms'),
  },
  annotations: READ_ONLY,
  async run({ symbol }, { binance, signal }) {
    const avg = await binance.rest.avgPrice({ symbol }, { signal });
    return { symbol, price: avg.price, mins: avg.mins, closeTime: avg.closeTime };
  },
  render: (d) =>
    `${d.symbol} average price over ${d.mins} min: ${d.price} (last trade ${isoTime(d.closeTime)})`,
});
