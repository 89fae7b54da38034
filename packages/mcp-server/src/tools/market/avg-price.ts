import { ApiError } from '@binance-mcp/rest';
import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { idOutput, idSchema, symbolInput } from '../inputs.js';
import { isoTime, pairs } from '../render.js';

const referenceSchema = z.object({
  price: z.string().nullable().describe('The reference price; null while none is set'),
  time: z.number().optional().describe('When it was valid, epoch ms'),
  calculationType: z.string().optional().describe('ARITHMETIC_MEAN or EXTERNAL'),
  bucketCount: z.number().optional(),
  bucketWidthMs: z.number().optional(),
  externalCalculationId: idSchema.optional(),
  unavailable: z.string().optional().describe("Binance's message when the symbol has no reference price"),
});

export const getAvgPrice = defineTool({
  name: 'get_avg_price',
  toolset: 'market',
  title: 'Average price over the last minutes',
  description:
    "A symbol's volume-weighted average price over the last few minutes (Binance's averaging window, usually 5). This is the price Binance checks limit prices and market-order notional against (PERCENT_PRICE_BY_SIDE and NOTIONAL filters), so use it when planning an order. With reference: true, also the symbol's reference price and how it is calculated (what price-range execution rules use). For the last traded price use get_price.",
  input: z.strictObject({
    symbol: symbolInput,
    reference: z
      .boolean()
      .optional()
      .describe('Also return the reference price and its calculation (weight 4 more)'),
  }),
  output: {
    symbol: z.string(),
    price: z.string(),
    mins: z.number().describe('Averaging window in minutes'),
    closeTime: z.number().describe('Time of the last trade in the window, epoch ms'),
    reference: referenceSchema.optional(),
  },
  annotations: READ_ONLY,
  async run({ symbol, reference }, { binance, signal }) {
    const avg = await binance.rest.avgPrice({ symbol }, { signal });
    const out = { symbol, price: avg.price, mins: avg.mins, closeTime: avg.closeTime };
    if (!reference) return out;
    try {
      const [ref, calc] = await Promise.all([
        binance.rest.referencePrice({ symbol }, { signal }),
        binance.rest.referencePriceCalculation({ symbol }, { signal }),
      ]);
      return {
        ...out,
        reference: {
          price: ref.referencePrice,
          time: ref.timestamp,
          calculationType: calc.calculationType,
          ...(calc.calculationType === 'ARITHMETIC_MEAN'
            ? { bucketCount: calc.bucketCount, bucketWidthMs: calc.bucketWidthMs }
            : { externalCalculationId: idOutput(calc.externalCalculationId) }),
        },
      };
    } catch (error) {
      // -2043: the symbol has no reference price. Say so rather than fail the whole answer.
      if (error instanceof ApiError && error.code === -2043) {
        return { ...out, reference: { price: null, unavailable: `${error.code} ${error.msg}` } };
      }
      throw error;
    }
  },
  render: (d) =>
    `${d.symbol} average price over ${d.mins} min: ${d.price} (last trade ${isoTime(d.closeTime)})${
      d.reference
        ? `; reference price ${pairs({
            price: d.reference.price ?? 'none',
            at: d.reference.time === undefined ? undefined : isoTime(d.reference.time),
            calculation: d.reference.calculationType,
            buckets: d.reference.bucketCount && `${d.reference.bucketCount}×${d.reference.bucketWidthMs}ms`,
            unavailable: d.reference.unavailable,
          })}`
        : ''
    }`,
});
