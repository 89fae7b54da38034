// Every market stream payload (web-socket-streams.md) as a field table: Binance's one-letter keys
// on the right, the names our users read on the left. Decimal strings stay strings (exact).

import { bool, dec, decOrNull, eventSchema, levels, nested, num, str } from './schema.js';

export const tradeSchema = eventSchema('trade', {
  eventTime: num('E'),
  symbol: str('s'),
  tradeId: num('t'),
  price: dec('p'),
  quantity: dec('q'),
  tradeTime: num('T'),
  isBuyerMaker: bool('m'),
});

export const aggTradeSchema = eventSchema('aggTrade', {
  eventTime: num('E'),
  symbol: str('s'),
  aggTradeId: num('a'),
  price: dec('p'),
  quantity: dec('q'),
  firstTradeId: num('f'),
  lastTradeId: num('l'),
  tradeTime: num('T'),
  isBuyerMaker: bool('m'),
});

export const blockTradeSchema = eventSchema('blockTrade', {
  eventTime: num('E'),
  symbol: str('s'),
  blockTradeId: num('t'),
  price: dec('p'),
  quantity: dec('q'),
  tradeTime: num('T'),
  isBuyerMaker: bool('m'),
});

export const klineSchema = eventSchema('kline', {
  eventTime: num('E'),
  symbol: str('s'),
  kline: nested('k', {
    openTime: num('t'),
    closeTime: num('T'),
    symbol: str('s'),
    interval: str('i'),
    firstTradeId: num('f'),
    lastTradeId: num('L'),
    open: dec('o'),
    close: dec('c'),
    high: dec('h'),
    low: dec('l'),
    volume: dec('v'),
    tradeCount: num('n'),
    isClosed: bool('x'),
    quoteVolume: dec('q'),
    takerBuyBaseVolume: dec('V'),
    takerBuyQuoteVolume: dec('Q'),
  }),
});

export const miniTickerSchema = eventSchema('24hrMiniTicker', {
  eventTime: num('E'),
  symbol: str('s'),
  lastPrice: dec('c'),
  openPrice: dec('o'),
  highPrice: dec('h'),
  lowPrice: dec('l'),
  volume: dec('v'),
  quoteVolume: dec('q'),
});

export const tickerSchema = eventSchema('24hrTicker', {
  eventTime: num('E'),
  symbol: str('s'),
  priceChange: dec('p'),
  priceChangePercent: dec('P'),
  weightedAvgPrice: dec('w'),
  prevClosePrice: dec('x'),
  lastPrice: dec('c'),
  lastQty: dec('Q'),
  bidPrice: dec('b'),
  bidQty: dec('B'),
  askPrice: dec('a'),
  askQty: dec('A'),
  openPrice: dec('o'),
  highPrice: dec('h'),
  lowPrice: dec('l'),
  volume: dec('v'),
  quoteVolume: dec('q'),
  openTime: num('O'),
  closeTime: num('C'),
  firstTradeId: num('F'),
  lastTradeId: num('L'),
  tradeCount: num('n'),
});

const rollingFields = {
  eventTime: num('E'),
  symbol: str('s'),
  priceChange: dec('p'),
  priceChangePercent: dec('P'),
  openPrice: dec('o'),
  highPrice: dec('h'),
  lowPrice: dec('l'),
  lastPrice: dec('c'),
  weightedAvgPrice: dec('w'),
  volume: dec('v'),
  quoteVolume: dec('q'),
  openTime: num('O'),
  closeTime: num('C'),
  firstTradeId: num('F'),
  lastTradeId: num('L'),
  tradeCount: num('n'),
};

export const rollingTickerSchemas = {
  '1h': eventSchema('1hTicker', rollingFields),
  '4h': eventSchema('4hTicker', rollingFields),
  '1d': eventSchema('1dTicker', rollingFields),
};

// bookTicker and partial depth carry no event type on the wire: ours names them.
export const bookTickerSchema = eventSchema('bookTicker', {
  updateId: num('u'),
  symbol: str('s'),
  bidPrice: dec('b'),
  bidQty: dec('B'),
  askPrice: dec('a'),
  askQty: dec('A'),
});

export const avgPriceSchema = eventSchema('avgPrice', {
  eventTime: num('E'),
  symbol: str('s'),
  interval: str('i'),
  price: dec('w'),
  lastTradeTime: num('T'),
});

export const referencePriceSchema = eventSchema('referencePrice', {
  symbol: str('s'),
  /** null while the symbol has no reference price. */
  referencePrice: decOrNull('r'),
  timestamp: num('t'),
});

export const partialDepthSchema = eventSchema('partialDepth', {
  lastUpdateId: num('lastUpdateId'),
  bids: levels('bids'),
  asks: levels('asks'),
});

export const diffDepthSchema = eventSchema('depthUpdate', {
  eventTime: num('E'),
  symbol: str('s'),
  firstUpdateId: num('U'),
  finalUpdateId: num('u'),
  bids: levels('b'),
  asks: levels('a'),
});

export type TradeEvent = ReturnType<typeof tradeSchema.parse>;
export type AggTradeEvent = ReturnType<typeof aggTradeSchema.parse>;
export type BlockTradeEvent = ReturnType<typeof blockTradeSchema.parse>;
export type KlineEvent = ReturnType<typeof klineSchema.parse>;
export type MiniTickerEvent = ReturnType<typeof miniTickerSchema.parse>;
export type TickerEvent = ReturnType<typeof tickerSchema.parse>;
export type RollingTickerEvent = ReturnType<
  (typeof rollingTickerSchemas)[keyof typeof rollingTickerSchemas]['parse']
>;
export type BookTickerEvent = ReturnType<typeof bookTickerSchema.parse>;
export type AvgPriceEvent = ReturnType<typeof avgPriceSchema.parse>;
export type ReferencePriceEvent = ReturnType<typeof referencePriceSchema.parse>;
/** A partial book (`@depth5/10/20`); `symbol` is taken from the stream name (the payload has none). */
export type PartialDepthEvent = ReturnType<typeof partialDepthSchema.parse> & { symbol: string };
export type DiffDepthEvent = ReturnType<typeof diffDepthSchema.parse>;

/** Every market event type. All-market streams deliver arrays of ticker events. */
export type MarketEvent =
  | TradeEvent
  | AggTradeEvent
  | BlockTradeEvent
  | KlineEvent
  | MiniTickerEvent
  | MiniTickerEvent[]
  | TickerEvent
  | RollingTickerEvent
  | RollingTickerEvent[]
  | BookTickerEvent
  | AvgPriceEvent
  | ReferencePriceEvent
  | PartialDepthEvent
  | DiffDepthEvent;
