import { compareDecimals, divideDecimals, multiplyDecimals, subtractDecimals } from '@binance-mcp/rest';
import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { cursorInput, limitInput } from '../inputs.js';
import { csv } from '../render.js';
import { pageOf, selectionFields, selectionFor } from './selection.js';

const entry = z.object({
  symbol: z.string(),
  bidPrice: z.string(),
  bidQty: z.string(),
  askPrice: z.string(),
  askQty: z.string(),
  spreadPercent: z.string().optional().describe('(ask − bid) / bid, in percent'),
});

function withSpread(t: {
  symbol: string;
  bidPrice: string;
  bidQty: string;
  askPrice: string;
  askQty: string;
}) {
  const out: z.output<typeof entry> = {
    symbol: t.symbol,
    bidPrice: t.bidPrice,
    bidQty: t.bidQty,
    askPrice: t.askPrice,
    askQty: t.askQty,
  };
  if (compareDecimals(t.bidPrice, '0') > 0 && compareDecimals(t.askPrice, '0') > 0) {
    out.spreadPercent = divideDecimals(
      multiplyDecimals(subtractDecimals(t.askPrice, t.bidPrice), '100'),
      t.bidPrice,
      6,
    );
  }
  return out;
}

export const getBookTicker = defineTool({
  name: 'get_book_ticker',
  toolset: 'market',
  title: 'Best bid and ask',
  description:
    'The best bid and ask (price and quantity) and the spread in percent, for one symbol, a list of up to 100, or every trading symbol with a given base or quote asset (paged). Use it to compare spreads across symbols or to see the top of the book; for depth beyond the best level, slippage or a liquidity analysis use get_order_book.',
  input: z.strictObject({
    ...selectionFields,
    limit: limitInput(500, 50, 'tickers (with baseAsset/quoteAsset)'),
    cursor: cursorInput,
  }),
  output: {
    tickers: z.array(entry),
    total: z.number().describe('Symbols selected'),
    nextCursor: z.string().optional(),
  },
  annotations: READ_ONLY,
  async run(args, { binance, signal }) {
    const selected = await selectionFor('get_book_ticker', args, binance, signal);
    const { selection } = selected;
    const page = pageOf('get_book_ticker', selected, args.limit ?? 50);
    let tickers: z.output<typeof entry>[];
    if (selection.kind === 'one') {
      tickers = [withSpread(await binance.rest.bookTicker({ symbol: selection.symbol }, { signal }))];
    } else if (selection.kind === 'list') {
      tickers = (await binance.rest.bookTicker({ symbols: [...selection.symbols] }, { signal })).map(
        withSpread,
      );
    } else {
      const all = new Map((await binance.rest.bookTicker({}, { signal })).map((t) => [t.symbol, t]));
      tickers = page.symbols.flatMap((symbol) => {
        const t = all.get(symbol);
        return t === undefined ? [] : [withSpread(t)];
      });
    }
    return { tickers, total: page.total, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
  render(d) {
    const more = d.nextCursor ? ` (more: pass cursor "${d.nextCursor}")` : '';
    return `${d.tickers.length} of ${d.total} book tickers${more}\n${csv(
      ['symbol', 'bidPrice', 'bidQty', 'askPrice', 'askQty', 'spreadPercent'],
      d.tickers.map((t) => [t.symbol, t.bidPrice, t.bidQty, t.askPrice, t.askQty, t.spreadPercent]),
    )}`;
  },
});
