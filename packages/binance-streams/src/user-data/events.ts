// User data stream events (user-data-stream.md) as field tables, like the market events: readable
// names, exact decimal strings, Binance's conditional fields optional.

import { bool, dec, eventSchema, list, num, optional, str, strOrNull } from '../market/schema.js';

export const executionReportSchema = eventSchema('executionReport', {
  eventTime: num('E'),
  symbol: str('s'),
  clientOrderId: str('c'),
  side: str('S'),
  orderType: str('o'),
  timeInForce: str('f'),
  quantity: dec('q'),
  price: dec('p'),
  stopPrice: dec('P'),
  icebergQuantity: dec('F'),
  orderListId: num('g'),
  /** The canceled order's client id on a cancel; '' otherwise. */
  originalClientOrderId: str('C'),
  executionType: str('x'),
  orderStatus: str('X'),
  rejectReason: str('r'),
  orderId: num('i'),
  lastExecutedQuantity: dec('l'),
  cumulativeFilledQuantity: dec('z'),
  lastExecutedPrice: dec('L'),
  commission: dec('n'),
  commissionAsset: strOrNull('N'),
  transactionTime: num('T'),
  /** -1 unless the event is a trade. */
  tradeId: num('t'),
  executionId: num('I'),
  isOnBook: bool('w'),
  isMaker: bool('m'),
  orderCreationTime: num('O'),
  cumulativeQuoteQuantity: dec('Z'),
  lastQuoteQuantity: dec('Y'),
  quoteOrderQuantity: dec('Q'),
  selfTradePreventionMode: str('V'),
  workingTime: optional(num('W')),
  trailingDelta: optional(num('d')),
  trailingTime: optional(num('D')),
  strategyId: optional(num('j')),
  strategyType: optional(num('J')),
  preventedMatchId: optional(num('v')),
  preventedQuantity: optional(dec('A')),
  lastPreventedQuantity: optional(dec('B')),
  tradeGroupId: optional(num('u')),
  counterOrderId: optional(num('U')),
  counterSymbol: optional(str('Cs')),
  preventedExecutionQuantity: optional(dec('pl')),
  preventedExecutionPrice: optional(dec('pL')),
  preventedExecutionQuoteQuantity: optional(dec('pY')),
  matchType: optional(str('b')),
  allocationId: optional(num('a')),
  workingFloor: optional(str('k')),
  usedSor: optional(bool('uS')),
  peggedPriceType: optional(str('gP')),
  peggedOffsetType: optional(str('gOT')),
  peggedOffsetValue: optional(num('gOV')),
  peggedPrice: optional(dec('gp')),
  expiryReason: optional(str('eR')),
});

export const outboundAccountPositionSchema = eventSchema('outboundAccountPosition', {
  eventTime: num('E'),
  lastUpdateTime: num('u'),
  balances: list('B', { asset: str('a'), free: dec('f'), locked: dec('l') }),
});

export const balanceUpdateSchema = eventSchema('balanceUpdate', {
  eventTime: num('E'),
  asset: str('a'),
  delta: dec('d'),
  clearTime: num('T'),
});

export const listStatusSchema = eventSchema('listStatus', {
  eventTime: num('E'),
  symbol: str('s'),
  orderListId: num('g'),
  contingencyType: str('c'),
  listStatusType: str('l'),
  listOrderStatus: str('L'),
  listRejectReason: str('r'),
  listClientOrderId: str('C'),
  transactionTime: num('T'),
  orders: list('O', { symbol: str('s'), orderId: num('i'), clientOrderId: str('c') }),
});

export const eventStreamTerminatedSchema = eventSchema('eventStreamTerminated', { eventTime: num('E') });

export const externalLockUpdateSchema = eventSchema('externalLockUpdate', {
  eventTime: num('E'),
  asset: str('a'),
  delta: dec('d'),
  transactionTime: num('T'),
});

export type ExecutionReportEvent = ReturnType<typeof executionReportSchema.parse>;
export type OutboundAccountPositionEvent = ReturnType<typeof outboundAccountPositionSchema.parse>;
export type BalanceUpdateEvent = ReturnType<typeof balanceUpdateSchema.parse>;
export type ListStatusEvent = ReturnType<typeof listStatusSchema.parse>;
export type EventStreamTerminatedEvent = ReturnType<typeof eventStreamTerminatedSchema.parse>;
export type ExternalLockUpdateEvent = ReturnType<typeof externalLockUpdateSchema.parse>;
/** An event type this version does not know yet: passed on with its raw payload. */
export interface UnknownUserDataEvent {
  eventType: string;
  raw: Record<string, unknown>;
}

export type UserDataEvent =
  | ExecutionReportEvent
  | OutboundAccountPositionEvent
  | BalanceUpdateEvent
  | ListStatusEvent
  | EventStreamTerminatedEvent
  | ExternalLockUpdateEvent;

const schemas: Record<string, { parse(data: unknown, stream: string): UserDataEvent }> = {
  executionReport: executionReportSchema,
  outboundAccountPosition: outboundAccountPositionSchema,
  balanceUpdate: balanceUpdateSchema,
  listStatus: listStatusSchema,
  eventStreamTerminated: eventStreamTerminatedSchema,
  externalLockUpdate: externalLockUpdateSchema,
};

/** Maps a user-data event payload (the `event` of `{subscriptionId, event}`); throws PayloadError. */
export function parseUserDataEvent(event: Record<string, unknown>): UserDataEvent | UnknownUserDataEvent {
  const type = event.e;
  const schema = typeof type === 'string' ? schemas[type] : undefined;
  if (!schema) return { eventType: String(type), raw: event };
  return schema.parse(event, 'user data');
}
