// The result type of a call, by endpoint and parameters. Most endpoints have one response shape, given
// by their response schema. Those that answer one object for `symbol` and an array otherwise, or a FULL
// or MINI ticker, get their exact type from the parameters at the call site:
//
//   await client.price({ symbol: 'BTCUSDT' })          // PriceTicker
//   await client.price({ symbols: ['BTCUSDT'] })       // PriceTicker[]
//   await client.ticker24hr({ type: 'MINI' })          // MiniTicker[]

import type { AnyEndpoint, ResponseOutput } from './endpoint.js';
import type { BookTicker, MiniTicker, PriceTicker, Ticker24hr, WindowTicker } from './market/tickers.js';

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

/** Result types that depend on the parameters, by endpoint name. Part 2 adds its own here. */
export interface ParamDependentResults<P> {
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
