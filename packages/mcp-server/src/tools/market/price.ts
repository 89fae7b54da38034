import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { cursorInput, limitInput } from '../inputs.js';
import { csv } from '../render.js';
import { pageOf, selectionFields, selectionFor } from './selection.js';

export const getPrice = defineTool({
  name: 'get_price',
  toolset: 'market',
  title: 'Latest price',
  description:
    'The latest traded price of one symbol, a list of up to 100, or every trading symbol with a given base or quote asset (e.g. quoteAsset "USDT", paged with limit and nextCursor). The cheapest way to answer "what is X trading at". For best bid/ask use get_book_ticker, for 24h change and volume get_ticker.',
  input: z.strictObject({
    ...selectionFields,
    limit: limitInput(500, 50, 'prices (with baseAsset/quoteAsset)'),
    cursor: cursorInput,
  }),
  output: {
    prices: z.array(z.object({ symbol: z.string(), price: z.string() })),
    total: z.number().describe('Symbols selected'),
    nextCursor: z.string().optional(),
  },
  annotations: READ_ONLY,
  async run(args, { binance, signal }) {
    const selected = await selectionFor('get_price', args, binance, signal);
    const { selection } = selected;
    const page = pageOf('get_price', selected, args.limit ?? 50);
    let prices: { symbol: string; price: string }[];
    if (selection.kind === 'one') {
      const p = await binance.rest.price({ symbol: selection.symbol }, { signal });
      prices = [{ symbol: p.symbol, price: p.price }];
    } else if (selection.kind === 'list') {
      prices = (await binance.rest.price({ symbols: [...selection.symbols] }, { signal })).map((p) => ({
        symbol: p.symbol,
        price: p.price,
      }));
    } else {
      // Every price is one request of weight 4; cheaper than listing the page's symbols.
      const all = new Map((await binance.rest.price({}, { signal })).map((p) => [p.symbol, p.price]));
      prices = page.symbols.flatMap((symbol) => {
        const price = all.get(symbol);
        return price === undefined ? [] : [{ symbol, price }];
      });
    }
    return { prices, total: page.total, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
  render(d) {
    if (d.prices.length === 1 && d.total === 1)
      return `${d.prices[0]?.symbol} last price ${d.prices[0]?.price}`;
    const more = d.nextCursor ? ` (more: pass cursor "${d.nextCursor}")` : '';
    return `${d.prices.length} of ${d.total} prices${more}\n${csv(
      ['symbol', 'price'],
      d.prices.map((p) => [p.symbol, p.price]),
    )}`;
  },
});
