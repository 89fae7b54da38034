import * as z from 'zod';
import { defineTool } from '../define.js';
import { resolveStream, streamFields } from './descriptor.js';

/** Stream tools change only this server's subscriptions, never anything on Binance. */
export const STREAM_STATE = Object.freeze({
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
});

export const subscriptionSchema = {
  subscriptionId: z.string().describe('Pass to read_stream and unsubscribe_stream'),
  stream: z.string().describe('The Binance stream name'),
  received: z.number().describe('Events received so far'),
  buffered: z.number().describe('Events held for reading (the newest 500)'),
  expiresAt: z.number().describe('Epoch ms when the subscription ends unless read (or listed) again before'),
};

export const subscribeStream = defineTool({
  name: 'subscribe_stream',
  toolset: 'streams',
  title: 'Subscribe to a live stream',
  description:
    'Starts following a live Binance WebSocket stream (trades, aggregate trades, klines, tickers, best bid/ask, average price, book depth or depth changes) and returns a subscriptionId; the server keeps the newest 500 events, which read_stream pages through by cursor (it can also wait for the next event). Name the stream by type and symbol (e.g. type "kline", symbol "BTCUSDT", interval "1m") or by its Binance name ("btcusdt@kline_1m"). Subscribing again to the same stream returns the same subscription. A subscription not read for 10 minutes ends by itself; end it sooner with unsubscribe_stream. For a one-off snapshot use the market tools instead (get_price, get_order_book, get_trades).',
  input: z.strictObject(streamFields),
  output: {
    ...subscriptionSchema,
    leaseMinutes: z.number().describe('A subscription not read for this long ends'),
  },
  annotations: STREAM_STATE,
  async run(args, { binance, signal, owner }) {
    const { descriptor } = await resolveStream(args, binance, signal);
    const info = await binance.streams.subscribe(owner, descriptor);
    return {
      subscriptionId: info.id,
      stream: info.stream,
      received: info.received,
      buffered: info.buffered,
      expiresAt: info.expiresAt,
      leaseMinutes: Math.round(binance.streams.leaseMs / 60_000),
    };
  },
  render: (d) =>
    `Subscribed to ${d.stream} as ${d.subscriptionId} (${d.received} events so far). Read it with read_stream { subscriptionId: "${d.subscriptionId}", waitMs: 2000 }; it ends after ${d.leaseMinutes} minutes without a read.`,
});
