import { type MarketImpact, marketImpact, type OrderBook, orderBookStats } from '@binance-mcp/rest';
import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { ToolInputError } from '../errors.js';
import { amountInput, idOutput, idSchema, symbolInput } from '../inputs.js';
import { csv, pairs } from '../render.js';

const level = z.tuple([z.string(), z.string()]).describe('[price, quantity]');

const bandSide = z.object({
  levels: z.number(),
  quantity: z.string().describe('Base asset'),
  notional: z.string().describe('Quote asset'),
  complete: z.boolean().describe('False when the fetched levels end inside the band (try fetchLimit 5000)'),
});

const impactSchema = z.object({
  filledQuantity: z.string(),
  notional: z.string(),
  averagePrice: z.string().optional(),
  worstPrice: z.string().optional(),
  levels: z.number(),
  slippagePercent: z.string().optional().describe('Average price vs best price, in percent'),
  complete: z.boolean().describe('False when the fetched book could not fill the whole amount'),
});

const input = z.strictObject({
  symbol: symbolInput,
  limit: z
    .int()
    .min(0)
    .max(100)
    .optional()
    .describe('Price levels to return per side: 0 to 100 (default 10)'),
  source: z
    .enum(['rest', 'live'])
    .optional()
    .describe(
      'rest (default): a snapshot fetched now. live: a local book kept in sync by the diff-depth stream (started on first use, then instant and free of request weight; worth it for repeated looks)',
    ),
  fetchLimit: z
    .literal([5, 10, 20, 50, 100, 500, 1000, 5000])
    .optional()
    .describe(
      'Levels per side the statistics use: 5, 10, 20, 50, 100, 500 (weight 25), 1000 (weight 50) or 5000 (weight 250). Default with rest: 100 (weight 5), and 1000 when the band reaches past them; with live: the whole local book (up to 5000)',
    ),
  bandPercent: z
    .number()
    .gt(0)
    .max(100)
    .optional()
    .describe('Half-width of the depth band around the mid price, in percent (default 1: depth within ±1%)'),
  impactQuoteQuantity: amountInput
    .optional()
    .describe(
      'Also estimate buying and selling this much of the quote asset at market, e.g. "10000" (USDT for BTCUSDT)',
    ),
  impactQuantity: amountInput
    .optional()
    .describe(
      'Also estimate buying and selling this much of the base asset at market, e.g. "0.5" (BTC for BTCUSDT)',
    ),
});

function impactOut(i: MarketImpact) {
  const { side: _side, ...rest } = i;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as z.output<
    typeof impactSchema
  >;
}

export const getOrderBook = defineTool({
  name: 'get_order_book',
  toolset: 'market',
  title: 'Order book with spread and depth',
  description:
    'The order book of a symbol: best bid and ask, spread (absolute and % of mid), mid price, the depth (levels, base quantity, quote notional) within ±bandPercent of the mid on each side, the bid share of that depth, and the top `limit` levels per side (default 10). Optionally estimates the average price and slippage of a market buy and sell of a given size (impactQuoteQuantity or impactQuantity). With source "live" it reads a local book kept current by the depth stream (fast for repeated looks). Exact decimals. Use it for liquidity, spread and slippage questions; for just the best bid/ask of many symbols use get_book_ticker, for the last price get_price.',
  input,
  output: {
    symbol: z.string(),
    source: z
      .enum(['rest', 'live'])
      .describe('rest: a snapshot fetched now; live: the local book kept by the diff-depth stream'),
    lastUpdateId: idSchema,
    bestBid: z.string().optional(),
    bestBidQty: z.string().optional(),
    bestAsk: z.string().optional(),
    bestAskQty: z.string().optional(),
    spread: z.string().optional(),
    spreadPercent: z.string().optional().describe('Spread as % of the mid price'),
    mid: z.string().optional(),
    band: z
      .object({
        percent: z.string(),
        bidFloor: z.string(),
        askCeiling: z.string(),
        bids: bandSide,
        asks: bandSide,
        bidSharePercent: z
          .string()
          .optional()
          .describe('Bid notional / (bid + ask notional) in the band, in percent'),
      })
      .optional(),
    impact: z
      .object({ amount: z.string(), of: z.enum(['base', 'quote']), buy: impactSchema, sell: impactSchema })
      .optional(),
    fetchedLevels: z.object({ bids: z.number(), asks: z.number() }),
    bids: z.array(level).describe('Best (highest) first'),
    asks: z.array(level).describe('Best (lowest) first'),
  },
  annotations: READ_ONLY,
  async run(args, { binance, signal }) {
    if (args.impactQuantity !== undefined && args.impactQuoteQuantity !== undefined) {
      throw new ToolInputError({
        parameter: 'impactQuantity',
        value: args.impactQuantity,
        allowed: 'either impactQuantity (base asset) or impactQuoteQuantity (quote asset), not both',
      });
    }
    const limit = args.limit ?? 10;
    const bandPercent = args.bandPercent ?? 1;
    const source = args.source ?? 'rest';
    let book: OrderBook;
    let stats: ReturnType<typeof orderBookStats>;
    if (source === 'live') {
      // The shared local book (diff-depth stream + snapshot), synced once and then kept current.
      const local = await binance.streams.orderBook(args.symbol, 15_000, signal);
      book = local.depth(Math.max(args.fetchLimit ?? 5000, limit));
      stats = orderBookStats(book, { bandPercent, percentScale: 6 });
    } else {
      const fetchLimit = Math.max(args.fetchLimit ?? 100, limit);
      book = await binance.rest.depth({ symbol: args.symbol, limit: fetchLimit }, { signal });
      stats = orderBookStats(book, { bandPercent, percentScale: 6 });
    }
    // Unless told how deep to look, look deeper once when the band reaches past the snapshot.
    if (
      source === 'rest' &&
      args.fetchLimit === undefined &&
      stats.band &&
      (!stats.band.bids.complete || !stats.band.asks.complete)
    ) {
      book = await binance.rest.depth({ symbol: args.symbol, limit: 1000 }, { signal });
      stats = orderBookStats(book, { bandPercent, percentScale: 6 });
    }
    let impact:
      | {
          amount: string;
          of: 'base' | 'quote';
          buy: z.output<typeof impactSchema>;
          sell: z.output<typeof impactSchema>;
        }
      | undefined;
    const amount = args.impactQuantity ?? args.impactQuoteQuantity;
    if (amount !== undefined) {
      const spec = args.impactQuantity !== undefined ? { quantity: amount } : { quoteQuantity: amount };
      impact = {
        amount,
        of: args.impactQuantity !== undefined ? 'base' : 'quote',
        buy: impactOut(marketImpact(book, 'BUY', spec)),
        sell: impactOut(marketImpact(book, 'SELL', spec)),
      };
    }
    return {
      symbol: args.symbol,
      source,
      lastUpdateId: idOutput(book.lastUpdateId),
      bestBid: stats.bestBid?.price,
      bestBidQty: stats.bestBid?.quantity,
      bestAsk: stats.bestAsk?.price,
      bestAskQty: stats.bestAsk?.quantity,
      spread: stats.spread,
      spreadPercent: stats.spreadPercent,
      mid: stats.mid,
      ...(stats.band
        ? {
            band: {
              ...stats.band,
              ...(stats.band.bidSharePercent === undefined
                ? {}
                : { bidSharePercent: stats.band.bidSharePercent }),
            },
          }
        : {}),
      ...(impact ? { impact } : {}),
      fetchedLevels: { bids: book.bids.length, asks: book.asks.length },
      bids: book.bids.slice(0, limit).map(([p, q]) => [p, q] as [string, string]),
      asks: book.asks.slice(0, limit).map(([p, q]) => [p, q] as [string, string]),
    };
  },
  render(d) {
    const lines = [
      `${d.symbol} order book (${d.source}, update ${d.lastUpdateId}): ${pairs({
        bid: d.bestBid && `${d.bestBid}×${d.bestBidQty}`,
        ask: d.bestAsk && `${d.bestAsk}×${d.bestAskQty}`,
        spread: d.spread && `${d.spread} (${d.spreadPercent}%)`,
        mid: d.mid,
      })}`,
    ];
    if (d.band) {
      const b = d.band;
      lines.push(
        `within ±${b.percent}% of mid [${b.bidFloor}, ${b.askCeiling}]: bids ${b.bids.quantity} (${b.bids.notional} quote, ${b.bids.levels} levels${
          b.bids.complete ? '' : ', book ends inside band'
        }), asks ${b.asks.quantity} (${b.asks.notional} quote, ${b.asks.levels} levels${
          b.asks.complete ? '' : ', book ends inside band'
        }), bid share ${b.bidSharePercent ?? '-'}%`,
      );
    }
    if (d.impact) {
      const side = (name: string, i: z.output<typeof impactSchema>) =>
        `${name} avg ${i.averagePrice ?? '-'} worst ${i.worstPrice ?? '-'} slippage ${i.slippagePercent ?? '-'}% filled ${i.filledQuantity} for ${i.notional}${
          i.complete ? '' : ' (book too thin: partial)'
        }`;
      lines.push(
        `market ${d.impact.amount} ${d.impact.of}: ${side('buy', d.impact.buy)}; ${side('sell', d.impact.sell)}`,
      );
    }
    if (d.bids.length > 0 || d.asks.length > 0) {
      const rows: string[][] = [];
      for (let i = 0; i < Math.max(d.bids.length, d.asks.length); i++) {
        const bid = d.bids[i];
        const ask = d.asks[i];
        rows.push([bid?.[0] ?? '', bid?.[1] ?? '', ask?.[0] ?? '', ask?.[1] ?? '']);
      }
      lines.push(csv(['bidPrice', 'bidQty', 'askPrice', 'askQty'], rows));
    }
    return lines.join('\n');
  },
});
