// The stream an agent asks for: a Binance stream name, or a type with its parameters, turned into the
// descriptor @binance-mcp/streams subscribes to. The symbol is checked against the exchange first:
// Binance accepts a stream of an unknown symbol and then stays silent, which an agent would wait on.

import {
  InvalidParameterError,
  parseStreamName,
  type StreamDescriptor,
  toStreamName,
} from '@binance-mcp/streams';
import * as z from 'zod';
import type { BinanceContext } from '../../context.js';
import { ToolInputError } from '../errors.js';
import { symbolInput } from '../inputs.js';

export const STREAM_TYPES = [
  'trade',
  'aggTrade',
  'blockTrade',
  'kline',
  'miniTicker',
  'ticker',
  'rollingTicker',
  'bookTicker',
  'avgPrice',
  'referencePrice',
  'depth',
  'diffDepth',
] as const;

export const streamFields = {
  stream: z
    .string()
    .trim()
    .min(3)
    .max(100)
    .optional()
    .describe(
      'A Binance stream name instead of type/symbol, e.g. "btcusdt@trade", "ethusdt@kline_1m", "!miniTicker@arr"',
    ),
  type: z
    .enum(STREAM_TYPES)
    .optional()
    .describe(
      'trade, aggTrade, blockTrade, kline (needs interval), miniTicker (all symbols without symbol), ticker (24h), rollingTicker (window 1h/4h/1d; all symbols without symbol), bookTicker (best bid/ask), avgPrice, referencePrice, depth (top 5/10/20 levels), diffDepth (book changes)',
    ),
  symbol: symbolInput.optional().describe('Spot symbol, e.g. "BTCUSDT" (most types need one)'),
  interval: z
    .enum(['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'])
    .optional()
    .describe('Kline interval (type kline)'),
  timeZone: z
    .string()
    .regex(/^[+-]\d{2}:\d{2}$/, { error: 'a UTC offset such as "+08:00"' })
    .optional()
    .describe('Kline time zone, e.g. "+08:00" (type kline; default UTC)'),
  window: z.enum(['1h', '4h', '1d']).optional().describe('Rolling ticker window (type rollingTicker)'),
  levels: z.literal([5, 10, 20]).optional().describe('Book levels per side (type depth; default 10)'),
  speed: z
    .literal([100, 1000])
    .optional()
    .describe('Update speed in ms (types depth, diffDepth; default 1000)'),
};

type StreamArgs = {
  stream?: string | undefined;
  type?: (typeof STREAM_TYPES)[number] | undefined;
  symbol?: string | undefined;
  interval?: string | undefined;
  timeZone?: string | undefined;
  window?: '1h' | '4h' | '1d' | undefined;
  levels?: 5 | 10 | 20 | undefined;
  speed?: 100 | 1000 | undefined;
};

function asInputError(error: unknown): never {
  if (error instanceof InvalidParameterError) {
    throw new ToolInputError({
      parameter: error.parameter,
      value: error.value,
      allowed: error.message.replace(/^.*allowed: /, ''),
    });
  }
  throw error;
}

/** The descriptor and stream name the arguments ask for; throws a `ToolInputError` naming the field. */
export async function resolveStream(
  args: StreamArgs,
  binance: BinanceContext,
  signal: AbortSignal,
): Promise<{ descriptor: StreamDescriptor; name: string }> {
  let descriptor: StreamDescriptor;
  if (args.stream !== undefined) {
    const others = (['type', 'symbol', 'interval', 'timeZone', 'window', 'levels', 'speed'] as const).filter(
      (k) => args[k] !== undefined,
    );
    if (others.length > 0) {
      throw new ToolInputError({
        parameter: others[0] as string,
        value: args[others[0] as keyof StreamArgs],
        allowed:
          'nothing besides stream (a stream name already says it all), or type/symbol/… without stream',
      });
    }
    const parsed = parseStreamName(args.stream);
    if (!parsed) {
      throw new ToolInputError({
        parameter: 'stream',
        value: args.stream,
        allowed:
          'a Binance stream name in lower case, e.g. "btcusdt@trade", "btcusdt@kline_1h", "btcusdt@depth10@100ms", "!miniTicker@arr"',
      });
    }
    descriptor = parsed;
  } else {
    if (args.type === undefined) {
      throw new ToolInputError({
        parameter: 'type',
        allowed: `one of ${STREAM_TYPES.join(', ')} (or stream: a stream name)`,
      });
    }
    const { type, symbol } = args;
    const needsSymbol = type !== 'miniTicker' && type !== 'rollingTicker';
    if (needsSymbol && symbol === undefined) {
      throw new ToolInputError({
        parameter: 'symbol',
        allowed: `a symbol such as "BTCUSDT" for type ${type}`,
      });
    }
    const candidate: Record<string, unknown> = { type };
    if (symbol !== undefined) candidate.symbol = symbol;
    if (type === 'kline') {
      if (args.interval === undefined)
        throw new ToolInputError({
          parameter: 'interval',
          allowed: 'a kline interval such as "1m" for type kline',
        });
      candidate.interval = args.interval;
      if (args.timeZone !== undefined) candidate.timeZone = args.timeZone;
    }
    if (type === 'rollingTicker') {
      if (args.window === undefined)
        throw new ToolInputError({
          parameter: 'window',
          allowed: '"1h", "4h" or "1d" for type rollingTicker',
        });
      candidate.window = args.window;
    }
    if (type === 'depth') candidate.levels = args.levels ?? 10;
    if ((type === 'depth' || type === 'diffDepth') && args.speed !== undefined) candidate.speed = args.speed;
    const unused = (['interval', 'timeZone', 'window', 'levels', 'speed'] as const).filter(
      (k) => args[k] !== undefined && candidate[k] === undefined,
    );
    if (unused.length > 0) {
      throw new ToolInputError({
        parameter: unused[0] as string,
        value: args[unused[0] as keyof StreamArgs],
        allowed: `not with type ${type}`,
      });
    }
    descriptor = candidate as StreamDescriptor;
  }
  let name: string;
  try {
    name = toStreamName(descriptor);
  } catch (error) {
    asInputError(error);
  }
  const symbol = (descriptor as { symbol?: string }).symbol;
  if (
    symbol !== undefined &&
    (await binance.rest.exchangeInfoCache.symbol(symbol, { signal })) === undefined
  ) {
    throw new ToolInputError({
      parameter: args.stream !== undefined ? 'stream' : 'symbol',
      value: args.stream ?? symbol,
      allowed: 'a listed symbol',
      hint: 'Find listed symbols with get_exchange_info (e.g. search: "BTC").',
    });
  }
  return { descriptor, name };
}
