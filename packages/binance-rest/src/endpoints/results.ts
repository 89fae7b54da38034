// The result type of a call, by endpoint and parameters. Most endpoints have one response shape, given
// by their response schema. Those that answer one object for `symbol` and an array otherwise, or a FULL
// or MINI ticker, get their exact type from the parameters at the call site:
//
//   await client.price({ symbol: 'BTCUSDT' })          // PriceTicker
//   await client.price({ symbols: ['BTCUSDT'] })       // PriceTicker[]
//   await client.ticker24hr({ type: 'MINI' })          // MiniTicker[]

import type { AnyEndpoint, ResponseOutput } from './endpoint.js';
import type { BookTicker, MiniTicker, PriceTicker, Ticker24hr, WindowTicker } from './market/tickers.js';
import type {
  CancelReplaceResult,
  OrderAck,
  OrderFull,
  OrderListAck,
  OrderListFull,
  OrderListResult,
  OrderResult,
  TestOrderCommission,
  TestOrderResult,
} from './trading/responses.js';

// Conditional types here distribute over unions of parameter types, and test for keys rather than
// assign to all-optional object types (TypeScript's weak-type check would make those tests fail).

/** One symbol (an object), a list or all (an array), or not known from the type (either). */
type Multiplicity<P> = P extends { readonly symbol: string }
  ? 'one'
  : 'symbol' extends keyof P
    ? P extends { readonly symbol: undefined }
      ? 'many'
      : 'either'
    : 'many';

/** The ticker type the parameters ask for: MINI, FULL (the default), or either. */
type Kind<P> = P extends { readonly type: infer T }
  ? [T] extends ['MINI']
    ? 'MINI'
    : [T] extends ['FULL' | undefined]
      ? 'FULL'
      : 'EITHER'
  : 'type' extends keyof P
    ? 'EITHER'
    : 'FULL';

type ByKind<P, Full> = { MINI: MiniTicker; FULL: Full; EITHER: Full | MiniTicker }[Kind<P>];

type OneOrMany<P, T> = { one: T; many: T[]; either: T | T[] }[Multiplicity<P>];

/** The response type a placement asks for: `newOrderRespType`, else FULL for MARKET and LIMIT, ACK otherwise. */
type RespType<P> = P extends { readonly newOrderRespType: infer R }
  ? [R] extends [undefined]
    ? DefaultRespType<P>
    : Exclude<R, undefined>
  : DefaultRespType<P>;
type DefaultRespType<P> = P extends { readonly type: infer T }
  ? [T] extends ['MARKET' | 'LIMIT']
    ? 'FULL'
    : [T] extends ['STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT' | 'TAKE_PROFIT_LIMIT' | 'LIMIT_MAKER']
      ? 'ACK'
      : 'ACK' | 'FULL'
  : 'ACK' | 'FULL';

/** A new order's result in the response type asked for. */
export type PlacementOf<P> =
  RespType<P> extends infer R
    ? R extends 'ACK'
      ? OrderAck
      : R extends 'RESULT'
        ? OrderResult
        : R extends 'FULL'
          ? OrderFull
          : OrderAck | OrderResult | OrderFull
    : never;

/** An order list's result: RESULT unless `newOrderRespType` says otherwise. */
type ListPlacementOf<P> = P extends { readonly newOrderRespType: infer R }
  ? [R] extends [undefined]
    ? OrderListResult
    : R extends 'ACK'
      ? OrderListAck
      : R extends 'FULL'
        ? OrderListFull
        : OrderListResult
  : OrderListResult;

type TestOrderOf<P> = P extends { readonly computeCommissionRates: infer C }
  ? [C] extends [true]
    ? TestOrderCommission
    : [C] extends [false | undefined]
      ? TestOrderResult
      : TestOrderCommission | TestOrderResult
  : TestOrderResult;

/** Result types that depend on the parameters, by endpoint name. */
export interface ParamDependentResults<P> {
  newOrder: PlacementOf<P>;
  testOrder: TestOrderOf<P>;
  cancelReplace: CancelReplaceResult<PlacementOf<P>>;
  newOrderListOco: ListPlacementOf<P>;
  newOrderListOto: ListPlacementOf<P>;
  newOrderListOtoco: ListPlacementOf<P>;
  ticker24hr: OneOrMany<P, ByKind<P, Ticker24hr>>;
  tradingDayTicker: OneOrMany<P, ByKind<P, WindowTicker>>;
  rollingWindowTicker: OneOrMany<P, ByKind<P, WindowTicker>>;
  price: OneOrMany<P, PriceTicker>;
  bookTicker: OneOrMany<P, BookTicker>;
}

/** What a call of endpoint `E` with parameters of type `P` resolves to. */
export type ResultOf<E extends AnyEndpoint, P> = E['name'] extends keyof ParamDependentResults<P>
  ? ParamDependentResults<P>[E['name']]
  : ResponseOutput<E>;
