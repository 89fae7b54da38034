// Parameter schemas of orders and account queries, and the rules of which parameters each order type
// takes ("Other info" of POST /api/v3/order), shared by new orders, test orders, cancelReplace and the
// legs of order lists (whose parameters carry a prefix: `abovePrice`, `workingQuantity`, …). Every
// rule failure names the parameter, the value and what the order type allows.

import * as z from 'zod';
import { plainNumber } from '../decimal.js';

export const SIDES = ['BUY', 'SELL'] as const;
export type OrderSide = (typeof SIDES)[number];

export const ORDER_TYPES = [
  'LIMIT',
  'MARKET',
  'STOP_LOSS',
  'STOP_LOSS_LIMIT',
  'TAKE_PROFIT',
  'TAKE_PROFIT_LIMIT',
  'LIMIT_MAKER',
] as const;
export type NewOrderType = (typeof ORDER_TYPES)[number];

export const TIME_IN_FORCE = ['GTC', 'IOC', 'FOK'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

export const RESPONSE_TYPES = ['ACK', 'RESULT', 'FULL'] as const;
export type OrderResponseType = (typeof RESPONSE_TYPES)[number];

export const STP_MODES = [
  'NONE',
  'EXPIRE_TAKER',
  'EXPIRE_MAKER',
  'EXPIRE_BOTH',
  'DECREMENT',
  'TRANSFER',
] as const;
export type StpMode = (typeof STP_MODES)[number];

export const PEG_PRICE_TYPES = ['PRIMARY_PEG', 'MARKET_PEG'] as const;
export type PegPriceType = (typeof PEG_PRICE_TYPES)[number];

/** A decimal as a caller may give it: a string ("0.001") or a number (sent as written, no exponent). */
export type DecimalInput = string | number;
/** An id as a caller may give it: a number, a bigint (beyond 2^53) or a string of digits. */
export type IdInput = number | bigint | string;

// Binance's DECIMAL: up to 20 digits, optionally a point and up to 20 decimals.
const DECIMAL = /^\d{1,20}(\.\d{1,20})?$/;

/** A positive decimal parameter (price, quantity …), sent as an exact string. */
export function decimalParam(what: string) {
  const allowed = `${what}: a positive decimal as a string, e.g. "0.001" (a number is sent as written)`;
  return z
    .union([z.string(), z.number()])
    .transform((value, ctx) => {
      const text = typeof value === 'number' ? plainNumber(value) : value;
      if (typeof value === 'number' && !Number.isFinite(value)) {
        ctx.addIssue({ code: 'custom', message: allowed });
        return z.NEVER;
      }
      if (!DECIMAL.test(text) || !/[1-9]/.test(text)) {
        ctx.addIssue({ code: 'custom', message: allowed });
        return z.NEVER;
      }
      return text;
    })
    .describe(allowed);
}

/** An order id, order list id or trade id: a non-negative integer, exact beyond 2^53 as bigint or digits. */
export const idParam = z
  .union([z.int().min(0), z.bigint().min(0n), z.string().regex(/^\d{1,20}$/)])
  .describe('a non-negative integer id: a number, a bigint (exact beyond 2^53) or a string of digits');

/** Binance's legal range for client order ids. */
export const CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;
export const clientOrderIdParam = z
  .string()
  .regex(CLIENT_ORDER_ID)
  .describe('1 to 36 characters: letters, digits and . : / _ - (unique among open orders)');

export const sideParam = z.enum(SIDES).describe('BUY or SELL');
export const orderTypeParam = z.enum(ORDER_TYPES).describe(`one of ${ORDER_TYPES.join(', ')}`);
export const timeInForceParam = z
  .enum(TIME_IN_FORCE)
  .describe('GTC (until canceled), IOC (fill what can be, expire the rest) or FOK (fill all or expire)');
export const responseTypeParam = z
  .enum(RESPONSE_TYPES)
  .describe('ACK, RESULT or FULL (MARKET and LIMIT orders default to FULL, other types to ACK)');
export const stpModeParam = z
  .enum(STP_MODES)
  .describe(`one of ${STP_MODES.join(', ')} (the symbol's allowedSelfTradePreventionModes)`);
export const trailingDeltaParam = z
  .int()
  .min(1)
  .describe('a trailing delta in basis points (100 = 1%), within the TRAILING_DELTA filter');
export const strategyIdParam = idParam;
export const strategyTypeParam = z.int().min(1_000_000).describe('an integer of at least 1000000');
export const pegPriceTypeParam = z
  .enum(PEG_PRICE_TYPES)
  .describe('PRIMARY_PEG (best price on the same side) or MARKET_PEG (best price on the other side)');
export const pegOffsetTypeParam = z.literal('PRICE_LEVEL').describe('PRICE_LEVEL');
export const pegOffsetValueParam = z.int().min(0).max(100).describe('a price level from 0 to 100');
export const cancelRestrictionsParam = z
  .enum(['ONLY_NEW', 'ONLY_PARTIALLY_FILLED'])
  .describe('ONLY_NEW or ONLY_PARTIALLY_FILLED: cancel only an order in that status');

/** The parameter names of an order, or of an order list's leg (`above…`, `working…`, `pending…`). */
export interface OrderFieldNames {
  readonly type: string;
  readonly side: string;
  readonly timeInForce: string;
  readonly quantity: string;
  /** Only plain orders have `quoteOrderQty`. */
  readonly quoteOrderQty: string | undefined;
  readonly price: string;
  readonly stopPrice: string;
  readonly trailingDelta: string;
  readonly icebergQty: string;
  readonly pegPriceType: string;
  readonly pegOffsetType: string;
  readonly pegOffsetValue: string;
}

export const ORDER_FIELDS: OrderFieldNames = {
  type: 'type',
  side: 'side',
  timeInForce: 'timeInForce',
  quantity: 'quantity',
  quoteOrderQty: 'quoteOrderQty',
  price: 'price',
  stopPrice: 'stopPrice',
  trailingDelta: 'trailingDelta',
  icebergQty: 'icebergQty',
  pegPriceType: 'pegPriceType',
  pegOffsetType: 'pegOffsetType',
  pegOffsetValue: 'pegOffsetValue',
};

/** `prefix` + field: `above` + `price` → `abovePrice`. Shared fields (an OCO's side) keep their own names. */
export function legFieldNames(
  prefix: string,
  shared: { side?: string; quantity?: string } = {},
): OrderFieldNames {
  const n = (field: string) => prefix + (field[0] as string).toUpperCase() + field.slice(1);
  return {
    type: n('type'),
    side: shared.side ?? n('side'),
    timeInForce: n('timeInForce'),
    quantity: shared.quantity ?? n('quantity'),
    quoteOrderQty: undefined,
    price: n('price'),
    stopPrice: n('stopPrice'),
    trailingDelta: n('trailingDelta'),
    icebergQty: n('icebergQty'),
    pegPriceType: n('pegPriceType'),
    pegOffsetType: n('pegOffsetType'),
    pegOffsetValue: n('pegOffsetValue'),
  };
}

const LIMIT_PRICED: readonly string[] = ['LIMIT', 'LIMIT_MAKER', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'];
const STOPS: readonly string[] = ['STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
const WITH_TIF: readonly string[] = ['LIMIT', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'];

/** Whether an order type takes a limit price (and so `timeInForce` unless LIMIT_MAKER, `icebergQty`, pegs). */
export const takesPrice = (type: string): boolean => LIMIT_PRICED.includes(type);
/** Whether an order type is a stop or take-profit order (`stopPrice` and/or `trailingDelta`). */
export const isStopType = (type: string): boolean => STOPS.includes(type);
/** Whether an order type takes `timeInForce`. */
export const takesTimeInForce = (type: string): boolean => WITH_TIF.includes(type);

type Values = Record<string, unknown>;

function issue(ctx: z.RefinementCtx, path: string, message: string): void {
  ctx.addIssue({ code: 'custom', path: [path], message });
}

/**
 * Checks which parameters an order of its type must have and must not have (Binance answers -1102,
 * -1106 or -1114 otherwise). `what` names the order in messages ("a LIMIT order", "the above leg").
 */
export function checkOrderShape(v: Values, ctx: z.RefinementCtx, n: OrderFieldNames, leg?: string): void {
  const type = v[n.type] as string | undefined;
  if (type === undefined) return; // the type itself is reported by its own schema
  const what = leg ? `the ${leg} (${type})` : `a ${type} order`;
  const has = (name: string | undefined) => name !== undefined && v[name] !== undefined;

  if (takesTimeInForce(type)) {
    if (!has(n.timeInForce)) issue(ctx, n.timeInForce, `required for ${what}: GTC, IOC or FOK`);
  } else if (has(n.timeInForce)) {
    issue(
      ctx,
      n.timeInForce,
      `no '${n.timeInForce}' for ${what} (only LIMIT, STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT take one)`,
    );
  }

  if (type === 'MARKET') {
    const quote = n.quoteOrderQty;
    if (has(n.quantity) && has(quote)) {
      issue(ctx, quote as string, `either '${n.quantity}' or '${quote}' for ${what}, not both`);
    } else if (!has(n.quantity) && !has(quote)) {
      issue(
        ctx,
        n.quantity,
        quote
          ? `required for ${what}: '${n.quantity}' (base asset), or instead '${quote}' (quote asset to spend or receive)`
          : `required for ${what}: a positive decimal`,
      );
    }
  } else {
    if (!has(n.quantity)) issue(ctx, n.quantity, `required for ${what}: a positive decimal`);
    if (has(n.quoteOrderQty)) {
      issue(
        ctx,
        n.quoteOrderQty as string,
        `no '${n.quoteOrderQty}' for ${what} (only MARKET orders take one)`,
      );
    }
  }

  const pegged = has(n.pegPriceType);
  if (takesPrice(type)) {
    if (!has(n.price) && !pegged) {
      issue(ctx, n.price, `required for ${what}: a positive decimal (or a '${n.pegPriceType}' instead)`);
    }
  } else if (has(n.price)) {
    issue(
      ctx,
      n.price,
      `no '${n.price}' for ${what} (it executes at the market; LIMIT, LIMIT_MAKER, STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT take a price)`,
    );
  }

  if (isStopType(type)) {
    if (!has(n.stopPrice) && !has(n.trailingDelta)) {
      issue(ctx, n.stopPrice, `required for ${what}: '${n.stopPrice}' and/or '${n.trailingDelta}'`);
    }
  } else {
    for (const name of [n.stopPrice, n.trailingDelta]) {
      if (has(name)) {
        issue(
          ctx,
          name,
          `no '${name}' for ${what} (only STOP_LOSS, STOP_LOSS_LIMIT, TAKE_PROFIT and TAKE_PROFIT_LIMIT take one)`,
        );
      }
    }
  }

  if (has(n.icebergQty)) {
    if (!takesPrice(type)) {
      issue(
        ctx,
        n.icebergQty,
        `no '${n.icebergQty}' for ${what} (only LIMIT, LIMIT_MAKER, STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT orders can be icebergs)`,
      );
    } else if (has(n.timeInForce) && v[n.timeInForce] !== 'GTC') {
      issue(
        ctx,
        n.timeInForce,
        `GTC for an iceberg order ('${n.icebergQty}' is set), not ${String(v[n.timeInForce])}`,
      );
    }
  }

  if (pegged || has(n.pegOffsetType) || has(n.pegOffsetValue)) {
    if (!takesPrice(type)) {
      issue(
        ctx,
        pegged ? n.pegPriceType : has(n.pegOffsetType) ? n.pegOffsetType : n.pegOffsetValue,
        `no peg for ${what} (only LIMIT, LIMIT_MAKER, STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT orders can be pegged)`,
      );
    } else if (!pegged) {
      issue(
        ctx,
        n.pegPriceType,
        `required with '${n.pegOffsetType}' / '${n.pegOffsetValue}': PRIMARY_PEG or MARKET_PEG`,
      );
    } else if (type === 'LIMIT_MAKER' && v[n.pegPriceType] === 'MARKET_PEG') {
      issue(ctx, n.pegPriceType, `PRIMARY_PEG for ${what} (a MARKET_PEG would take liquidity)`);
    }
    if (has(n.pegOffsetType) !== has(n.pegOffsetValue)) {
      issue(
        ctx,
        has(n.pegOffsetType) ? n.pegOffsetValue : n.pegOffsetType,
        `'${n.pegOffsetType}' and '${n.pegOffsetValue}' go together`,
      );
    }
  }
}

/** Exactly one of two identifying parameters (an order by id or by client id). */
export function checkOneOf(v: Values, ctx: z.RefinementCtx, a: string, b: string, required = true): void {
  if (required && v[a] === undefined && v[b] === undefined) {
    issue(ctx, a, `one of '${a}' or '${b}' is required`);
  }
}

/** `startTime` ≤ `endTime`, at most `hours` apart. */
export function checkWindow(v: Values, ctx: z.RefinementCtx, hours = 24): void {
  const start = v.startTime as number | undefined;
  const end = v.endTime as number | undefined;
  if (start === undefined || end === undefined) return;
  if (start > end) issue(ctx, 'endTime', `a time at or after startTime (${start})`);
  else if (end - start > hours * 3_600_000) {
    issue(ctx, 'endTime', `at most ${hours} hours after startTime (${start})`);
  }
}

/** Refuses parameters that may not go together (Binance's -1128), naming the second one. */
export function checkExclusive(
  v: Values,
  ctx: z.RefinementCtx,
  a: string,
  others: readonly string[],
  why: string,
): void {
  if (v[a] === undefined) return;
  for (const other of others) {
    if (v[other] !== undefined) issue(ctx, other, `not together with '${a}' (${why})`);
  }
}
