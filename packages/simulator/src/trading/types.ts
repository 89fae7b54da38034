// The trading vocabulary (Binance's enums) and the records an account keeps besides its orders.

export const SIDES = ['BUY', 'SELL'] as const;
export type Side = (typeof SIDES)[number];

export const ORDER_TYPES = [
  'LIMIT',
  'MARKET',
  'STOP_LOSS',
  'STOP_LOSS_LIMIT',
  'TAKE_PROFIT',
  'TAKE_PROFIT_LIMIT',
  'LIMIT_MAKER',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const TIME_IN_FORCE = ['GTC', 'IOC', 'FOK'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

export const RESPONSE_TYPES = ['ACK', 'RESULT', 'FULL'] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

export const STP_MODES = [
  'NONE',
  'EXPIRE_TAKER',
  'EXPIRE_MAKER',
  'EXPIRE_BOTH',
  'DECREMENT',
  'TRANSFER',
] as const;
export type StpMode = (typeof STP_MODES)[number];

export type OrderStatus =
  | 'NEW'
  | 'PENDING_NEW'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELED'
  | 'REJECTED'
  | 'EXPIRED'
  | 'EXPIRED_IN_MATCH';

export type ExecutionType =
  | 'NEW'
  | 'CANCELED'
  | 'REPLACED'
  | 'REJECTED'
  | 'TRADE'
  | 'EXPIRED'
  | 'TRADE_PREVENTION';

export type ExpiryReason =
  | 'REJECTED'
  | 'OCO_TRIGGER'
  | 'OTO_PHASE_ONE_EXPIRED'
  | 'UNFILLED_IOC_QUANTITY_EXPIRED'
  | 'UNFILLED_FOK_ORDER_EXPIRED'
  | 'INSUFFICIENT_LIQUIDITY';

export type RejectReason =
  | 'NONE'
  | 'INSUFFICIENT_BALANCES'
  | 'STOP_PRICE_WOULD_TRIGGER_IMMEDIATELY'
  | 'WOULD_MATCH_IMMEDIATELY'
  | 'OCO_BAD_PRICES';

/** Stop-loss and take-profit types (the "algo" orders of MAX_NUM_ALGO_ORDERS). */
export function isStopType(type: OrderType): boolean {
  return (
    type === 'STOP_LOSS' ||
    type === 'STOP_LOSS_LIMIT' ||
    type === 'TAKE_PROFIT' ||
    type === 'TAKE_PROFIT_LIMIT'
  );
}

/** Types that carry a limit price. */
export function hasLimitPrice(type: OrderType): boolean {
  return (
    type === 'LIMIT' || type === 'LIMIT_MAKER' || type === 'STOP_LOSS_LIMIT' || type === 'TAKE_PROFIT_LIMIT'
  );
}

/** Types that take `timeInForce`. */
export function takesTimeInForce(type: OrderType): boolean {
  return type === 'LIMIT' || type === 'STOP_LOSS_LIMIT' || type === 'TAKE_PROFIT_LIMIT';
}

/** One of an account's trades (`myTrades`). Amounts in 10^-8 units. */
export interface AccountTrade {
  symbol: string;
  id: number;
  orderId: number;
  orderListId: number;
  price: bigint;
  qty: bigint;
  quoteQty: bigint;
  commission: bigint;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
}

/** A match prevented by self-trade prevention (`myPreventedMatches`). */
export interface PreventedMatch {
  symbol: string;
  preventedMatchId: number;
  takerOrderId: number;
  makerSymbol: string;
  makerOrderId: number;
  tradeGroupId: number;
  selfTradePreventionMode: StpMode;
  price: bigint;
  takerPreventedQuantity: bigint | null;
  makerPreventedQuantity: bigint | null;
  transactTime: number;
}

/** One keep-priority amendment (`order/amendments`). */
export interface Amendment {
  symbol: string;
  orderId: number;
  executionId: number;
  origClientOrderId: string;
  newClientOrderId: string;
  origQty: bigint;
  newQty: bigint;
  time: number;
}
