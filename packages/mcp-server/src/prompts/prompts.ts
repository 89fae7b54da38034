// Prompts: ready-made requests a user picks from the client's menu. Each names the tools to use, in a
// sensible order, and adapts to the toolsets this server has (a trade plan without the trading toolset
// stops at a plan).

import { completable, type McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { BinanceContext } from '../context.js';
import { completeSymbols } from '../resources/market.js';
import type { Toolset } from '../toolsets.js';

const SYMBOL = /^[A-Za-z0-9._-]{1,20}$/;
const AMOUNT = /^\d+(\.\d+)?$/;

function symbolArg(binance: BinanceContext) {
  return completable(
    z.string().regex(SYMBOL, { error: 'a symbol such as BTCUSDT' }).describe('Spot symbol, e.g. BTCUSDT'),
    (value) => completeSymbols(binance, value),
  );
}

function userMessage(text: string) {
  return { messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
}

export interface PromptOptions {
  readonly toolsets: readonly Toolset[];
}

export function registerPrompts(server: McpServer, binance: BinanceContext, options: PromptOptions): void {
  const env = binance.environment;
  const has = (t: Toolset) => options.toolsets.includes(t);

  server.registerPrompt(
    'market_overview',
    {
      title: 'Market overview of a symbol',
      description:
        'A short market overview of one symbol: price and 24h statistics, the trend over the last days, the order book around the price, and recent trade flow.',
      argsSchema: z.object({ symbol: symbolArg(binance) }),
    },
    ({ symbol }) => {
      const s = symbol.toUpperCase();
      return userMessage(
        [
          `Give me a concise market overview of ${s} on Binance (${env}).`,
          '',
          `1. get_ticker with symbol "${s}" (24h): last price, change %, high, low, quote volume.`,
          `2. get_klines with symbol "${s}", interval "4h", startTime "-7d", limit 0: the week's trend from the summary (change %, range %, VWAP, up/down candles); then interval "1d", startTime "-30d", limit 0 for the month.`,
          `3. get_order_book with symbol "${s}", bandPercent 1: spread and the depth within ±1%, and which side is heavier.`,
          `4. get_trades with symbol "${s}", kind "aggregate", startTime "-15m", limit 500: the recent taker buy/sell balance and VWAP.`,
          '',
          'Then summarise in a few bullet points: where the price is relative to its 7-day and 30-day range, momentum, liquidity (spread, depth), and anything unusual. Quote the exact figures the tools return and say which environment they came from. No investment advice.',
        ].join('\n'),
      );
    },
  );

  server.registerPrompt(
    'liquidity_analysis',
    {
      title: 'Order-book and liquidity analysis',
      description:
        'How liquid a symbol is: spread, depth within bands around the mid price, book imbalance, and the slippage of a market order of a given size.',
      argsSchema: z.object({
        symbol: symbolArg(binance),
        size: z
          .string()
          .regex(AMOUNT, { error: 'an amount such as 10000' })
          .optional()
          .describe('Order size in the quote asset to test slippage with, e.g. 10000 (default 10000)'),
      }),
    },
    ({ symbol, size }) => {
      const s = symbol.toUpperCase();
      const amount = size ?? '10000';
      return userMessage(
        [
          `Analyse the order-book liquidity of ${s} on Binance (${env}).`,
          '',
          `1. get_order_book with symbol "${s}", fetchLimit 1000, bandPercent 0.1, impactQuoteQuantity "${amount}": spread, depth within ±0.1%, and the average price and slippage of buying and selling ${amount} of the quote asset at market.`,
          `2. get_order_book again with bandPercent 1 and with bandPercent 5 (limit 0): how depth grows further from the mid. If a side says complete: false, the book snapshot ends inside the band; mention it.`,
          `3. get_book_ticker with symbol "${s}" and get_ticker with symbol "${s}": the top of the book and the 24h quote volume, to put the depth in proportion.`,
          '',
          'Report: spread (absolute and %), depth per band and side (base and quote), the bid/ask imbalance, slippage for the given size in each direction, and what size would move the price by about 0.5%. Quote exact figures; name the environment.',
        ].join('\n'),
      );
    },
  );

  const trading = has('trading');
  const account = has('account');
  server.registerPrompt(
    'trade_plan',
    {
      title: 'Trade plan checked against the rules',
      description: trading
        ? "Plans an order that satisfies the symbol's filters (tick size, step size, min notional, price limits) and the account balance, validates it with test_order, and places it only after you confirm."
        : "Plans an order that satisfies the symbol's filters (tick size, step size, min notional, price limits); this server has no trading tools enabled, so it stops at the plan.",
      argsSchema: z.object({
        symbol: symbolArg(binance),
        side: z.enum(['BUY', 'SELL']).describe('BUY or SELL'),
        amount: z.string().min(1).max(60).describe('How much, e.g. "100 USDT" (quote) or "0.01 BTC" (base)'),
        price: z
          .string()
          .regex(AMOUNT, { error: 'a price such as 65000.5' })
          .optional()
          .describe('Limit price; omit for a market order'),
      }),
    },
    ({ symbol, side, amount, price }) => {
      const s = symbol.toUpperCase();
      const steps = [
        `Plan a ${side} order on ${s} for ${amount}${price ? ` at limit price ${price}` : ' at market'} on Binance (${env}).`,
        '',
        `1. Read the rules: the resource binance://symbol/${s} or get_exchange_info with symbols ["${s}"] and detail "rules" (tickSize, stepSize, minQty, maxQty, minNotional, maxNotional, order types, and the PERCENT_PRICE_BY_SIDE multipliers).`,
        `2. get_avg_price and get_book_ticker for ${s}: the reference price for the price limits and the notional check, and the current bid/ask.`,
        account
          ? '3. get_account: is there enough free balance of the asset being spent?'
          : '3. (No account tools on this server: the balance cannot be checked; say so.)',
        `4. Build the order: round the quantity down to a multiple of stepSize${price ? ' and the price to a multiple of tickSize' : ''}, and check quantity within [minQty, maxQty], price × quantity within [minNotional, maxNotional], and the price within the multipliers of the average price. Show the arithmetic.`,
      ];
      if (trading) {
        steps.push(
          '5. Call test_order with exactly that order. It is validated by Binance without being placed. If it fails, fix the order and test again.',
          '6. Present the final order (symbol, side, type, quantity, price, estimated notional and fees) and ask me to confirm. Only after I say yes, call place_order with the same arguments (it asks me again in a dialog where this client can show one; otherwise pass confirm: true, only because I said yes). Never place an order I did not confirm. A refusal names the filter or cap it breaks and the nearest valid values: fix the order and test it again.',
        );
      } else {
        steps.push(
          '5. This server has no trading tools enabled: present the final order for me to place myself.',
        );
      }
      return userMessage(steps.join('\n'));
    },
  );
}
