// One account order, from placement to its final status. Amounts are integers of 10^-8.

import type { Account } from '../accounts/account.js';
import type { SymbolMarket } from '../market/market.js';
import type { OrderList } from './order-list.js';
import {
  type ExpiryReason,
  isStopType,
  type OrderStatus,
  type OrderType,
  type Side,
  type StpMode,
  type TimeInForce,
} from './types.js';

/** Funds reserved for an order (shared by the two legs of an OCO). */
export interface Lock {
  readonly asset: string;
  amount: bigint;
}

export interface OrderInit {
  account: Account;
  sm: SymbolMarket;
  orderId: number;
  clientOrderId: string;
  side: Side;
  type: OrderType;
  timeInForce: TimeInForce;
  price: bigint;
  quantity: bigint;
  quoteOrderQty: bigint;
  stopPrice: bigint;
  icebergQty: bigint | null;
  trailingDelta: number | null;
  strategyId: number | null;
  strategyType: number | null;
  stp: StpMode;
  time: number;
}

export class Order {
  readonly account: Account;
  readonly sm: SymbolMarket;
  /** Assigned when the matching engine accepts the order. */
  orderId: number;
  list: OrderList | null = null;
  clientOrderId: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  /** Limit price (0 when the type has none). */
  readonly price: bigint;
  origQty: bigint;
  readonly origQuoteOrderQty: bigint;
  executedQty = 0n;
  cumQuote = 0n;
  readonly stopPrice: bigint;
  icebergQty: bigint | null;
  readonly trailingDelta: number | null;
  /** When trailing started (-1 until then). */
  trailingTime = -1;
  /** Highest (SELL) or lowest (BUY) trade price since trailing started. */
  trailExtreme: bigint | null = null;
  readonly strategyId: number | null;
  readonly strategyType: number | null;
  readonly stp: StpMode;
  status: OrderStatus = 'NEW';
  readonly time: number;
  updateTime: number;
  /** When the order started working (on the book, or executing); -1 before. */
  workingTime = -1;
  /** Stop orders: whether the trigger fired. */
  triggered = false;
  /** On the book right now. */
  resting = false;
  preventedMatchId: number | null = null;
  preventedQty = 0n;
  expiryReason: ExpiryReason | null = null;
  lock: Lock | null = null;
  /** Keep-priority amendments so far. */
  amendments = 0;
  /** Whether the order's first fill has happened (it then leaves the unfilled order count). */
  everFilled = false;

  constructor(init: OrderInit) {
    this.account = init.account;
    this.sm = init.sm;
    this.orderId = init.orderId;
    this.clientOrderId = init.clientOrderId;
    this.side = init.side;
    this.type = init.type;
    this.timeInForce = init.timeInForce;
    this.price = init.price;
    this.origQty = init.quantity;
    this.origQuoteOrderQty = init.quoteOrderQty;
    this.stopPrice = init.stopPrice;
    this.icebergQty = init.icebergQty;
    this.trailingDelta = init.trailingDelta;
    this.strategyId = init.strategyId;
    this.strategyType = init.strategyType;
    this.stp = init.stp;
    this.time = init.time;
    this.updateTime = init.time;
  }

  get symbol(): string {
    return this.sm.symbol;
  }

  get buy(): boolean {
    return this.side === 'BUY';
  }

  get orderListId(): number {
    return this.list ? this.list.orderListId : -1;
  }

  /** Quantity still available to execute. */
  remaining(): bigint {
    return this.origQty - this.executedQty - this.preventedQty;
  }

  isOpen(): boolean {
    return this.status === 'NEW' || this.status === 'PARTIALLY_FILLED' || this.status === 'PENDING_NEW';
  }

  isAlgo(): boolean {
    return isStopType(this.type);
  }

  isIceberg(): boolean {
    return this.icebergQty !== null && this.icebergQty > 0n;
  }

  /** Whether it is a stop order still waiting for its trigger. */
  waitingForTrigger(): boolean {
    return this.isAlgo() && !this.triggered && this.status !== 'PENDING_NEW';
  }

  /** Limit price in ticks. */
  priceTicks(): number {
    return Number(this.price / this.sm.spec.tickUnits);
  }

  /** Quantity shown in the book, in steps (an iceberg shows one slice at a time). */
  visibleSteps(): number {
    const left = this.remaining();
    const shown = this.isIceberg() && this.icebergQty! < left ? this.icebergQty! : left;
    return Number(shown / this.sm.spec.stepUnits);
  }
}
