// Reads a new order's parameters (POST order, order/test, cancelReplace's new order and the legs of
// order lists, which use prefixed names such as `aboveStopPrice`) with Binance's validation: enum
// errors (-1115/-1116/-1117), decimals (-1100/-1111), and the mandatory / not-required parameters of
// each order type (-1102, -1106, -1114).

import { errors } from '../rest/errors.js';
import type { Params } from '../rest/params.js';
import {
  hasLimitPrice,
  isStopType,
  ORDER_TYPES,
  type OrderType,
  RESPONSE_TYPES,
  type ResponseType,
  SIDES,
  type Side,
  STP_MODES,
  type StpMode,
  TIME_IN_FORCE,
  type TimeInForce,
  takesTimeInForce,
} from './types.js';

/** Parameter names of an order's fields (they differ for list legs). */
export interface FieldNames {
  side: string;
  type: string;
  timeInForce: string;
  quantity: string;
  quoteOrderQty: string | null;
  price: string;
  stopPrice: string;
  trailingDelta: string;
  icebergQty: string;
  clientOrderId: string;
  strategyId: string;
  strategyType: string;
  pegPriceType: string;
  pegOffsetValue: string;
  pegOffsetType: string;
}

export const ORDER_FIELDS: FieldNames = {
  side: 'side',
  type: 'type',
  timeInForce: 'timeInForce',
  quantity: 'quantity',
  quoteOrderQty: 'quoteOrderQty',
  price: 'price',
  stopPrice: 'stopPrice',
  trailingDelta: 'trailingDelta',
  icebergQty: 'icebergQty',
  clientOrderId: 'newClientOrderId',
  strategyId: 'strategyId',
  strategyType: 'strategyType',
  pegPriceType: 'pegPriceType',
  pegOffsetValue: 'pegOffsetValue',
  pegOffsetType: 'pegOffsetType',
};

/** Field names of a list leg: `prefix` + capitalised field (`aboveStopPrice`, `workingQuantity`…). */
export function legFields(prefix: string, shared: { side?: string; quantity?: string } = {}): FieldNames {
  const n = (field: string) => prefix + field[0]!.toUpperCase() + field.slice(1);
  return {
    side: shared.side ?? n('side'),
    type: n('type'),
    timeInForce: n('timeInForce'),
    quantity: shared.quantity ?? n('quantity'),
    quoteOrderQty: null,
    price: n('price'),
    stopPrice: n('stopPrice'),
    trailingDelta: n('trailingDelta'),
    icebergQty: n('icebergQty'),
    clientOrderId: n('clientOrderId'),
    strategyId: n('strategyId'),
    strategyType: n('strategyType'),
    pegPriceType: n('pegPriceType'),
    pegOffsetValue: n('pegOffsetValue'),
    pegOffsetType: n('pegOffsetType'),
  };
}

/** A validated new order; amounts in 10^-8 units; absent fields are 0 / null. */
export interface OrderRequest {
  side: Side;
  type: OrderType;
  timeInForce: TimeInForce;
  quantity: bigint;
  quoteOrderQty: bigint;
  price: bigint;
  stopPrice: bigint;
  trailingDelta: number | null;
  icebergQty: bigint | null;
  clientOrderId: string | null;
  strategyId: number | null;
  strategyType: number | null;
  stp: StpMode | null;
  names: FieldNames;
}

const CLIENT_ID_RANGE = '^[\\.A-Z\\:/a-z0-9_-]{1,36}$';
const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;

/** A client order id parameter (`newClientOrderId`, `listClientOrderId`…), syntax-checked. */
export function clientId(p: Params, name: string): string | null {
  const v = p.string(name);
  if (v === undefined) return null;
  if (!CLIENT_ID.test(v)) throw errors.illegalChars(name, CLIENT_ID_RANGE);
  return v;
}

export function readSide(p: Params, name: string): Side {
  p.requiredString(name);
  return p.oneOf(name, SIDES, errors.badSide)!;
}

export function readStp(p: Params, name = 'selfTradePreventionMode'): StpMode | null {
  return p.oneOf(name, STP_MODES, () => errors.invalidParam(name)) ?? null;
}

export function readResponseType(p: Params, name = 'newOrderRespType'): ResponseType | null {
  return p.oneOf(name, RESPONSE_TYPES, () => errors.invalidParam(name)) ?? null;
}

/** Reads an order (or a list leg) and checks the parameters its type needs and refuses. */
export function readOrder(p: Params, names: FieldNames, options: { side?: Side } = {}): OrderRequest {
  const side = options.side ?? readSide(p, names.side);
  p.requiredString(names.type);
  const type = p.oneOf(names.type, ORDER_TYPES, errors.badOrderType)!;
  const timeInForce = p.oneOf(names.timeInForce, TIME_IN_FORCE, errors.badTimeInForce);
  const quantity = p.decimal(names.quantity);
  const quoteOrderQty = names.quoteOrderQty === null ? undefined : p.decimal(names.quoteOrderQty);
  const price = p.decimal(names.price);
  const stopPrice = p.decimal(names.stopPrice);
  const trailingDelta = p.long(names.trailingDelta);
  const icebergQty = p.decimal(names.icebergQty);
  const clientOrderId = clientId(p, names.clientOrderId);
  const strategyId = p.long(names.strategyId);
  const strategyType = p.long(names.strategyType);
  if (strategyType !== undefined && strategyType < 1_000_000) throw errors.badStrategyType();
  if (p.has(names.pegPriceType)) {
    // Pegged orders are not simulated; exchangeInfo says so (`pegInstructionsAllowed: false`).
    p.oneOf(names.pegPriceType, ['PRIMARY_PEG', 'MARKET_PEG'] as const, errors.badPegPriceType);
    p.oneOf(names.pegOffsetType, ['PRICE_LEVEL'] as const, errors.badPegOffsetType);
    p.int(names.pegOffsetValue, 0, 100);
    throw errors.rejected('Pegged orders are not supported for this symbol.');
  }

  // What each type needs (rest-api.md, POST /api/v3/order "Other info").
  if (takesTimeInForce(type)) {
    if (timeInForce === undefined) throw errors.mandatory(names.timeInForce);
  } else if (timeInForce !== undefined) {
    throw errors.tifNotRequired();
  }
  if (type === 'MARKET') {
    if (quantity === undefined && quoteOrderQty === undefined) {
      throw errors.eitherMandatory(names.quantity, names.quoteOrderQty ?? 'quoteOrderQty');
    }
    if (quantity !== undefined && quoteOrderQty !== undefined) throw errors.notRequired(names.quoteOrderQty!);
  } else {
    if (quantity === undefined) throw errors.mandatory(names.quantity);
    if (quoteOrderQty !== undefined) throw errors.notRequired(names.quoteOrderQty!);
  }
  if (hasLimitPrice(type)) {
    if (price === undefined) throw errors.mandatory(names.price);
  } else if (price !== undefined) {
    throw errors.notRequired(names.price);
  }
  if (isStopType(type)) {
    if (stopPrice === undefined && trailingDelta === undefined) {
      throw errors.eitherMandatory(names.stopPrice, names.trailingDelta);
    }
  } else {
    if (stopPrice !== undefined) throw errors.notRequired(names.stopPrice);
    if (trailingDelta !== undefined) throw errors.notRequired(names.trailingDelta);
  }
  if (icebergQty !== undefined) {
    if (!hasLimitPrice(type)) throw errors.notRequired(names.icebergQty);
    // "Any order with an icebergQty MUST have timeInForce set to GTC."
    if (timeInForce !== undefined && timeInForce !== 'GTC')
      throw errors.rejected('Unsupported order combination');
  }
  return {
    side,
    type,
    timeInForce: timeInForce ?? 'GTC',
    quantity: quantity ?? 0n,
    quoteOrderQty: quoteOrderQty ?? 0n,
    price: price ?? 0n,
    stopPrice: stopPrice ?? 0n,
    trailingDelta: trailingDelta ?? null,
    icebergQty: icebergQty ?? null,
    clientOrderId,
    strategyId: strategyId ?? null,
    strategyType: strategyType ?? null,
    stp: null,
    names,
  };
}
