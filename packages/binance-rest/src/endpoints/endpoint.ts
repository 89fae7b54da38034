// An endpoint is data: method, path, security type, weight as a function of its parameters, and zod
// schemas for the parameters and the response. The transport sends any endpoint; the client builds one
// method per endpoint from these definitions; the MCP server reuses them. Signed endpoints are the same
// shape with `security: 'TRADE' | 'USER_DATA'`; those that place orders also say how many (`orders`).

import type * as z from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Binance's security types. `NONE` is public; `USER_STREAM` needs the API key header; `TRADE` and
 * `USER_DATA` are signed (the transport signs them with the client's `signer`).
 */
export type SecurityType = 'NONE' | 'USER_STREAM' | 'TRADE' | 'USER_DATA';

/** Where Binance reads the data from; later sources can lag (Binance's "Data Source"). */
export type DataSource = 'Matching Engine' | 'Memory' | 'Database';

// biome-ignore lint/suspicious/noExplicitAny: the parameter schema's input can be any object shape
type AnyParamsSchema = z.ZodType<Record<string, any>, any>;

export interface Endpoint<
  Name extends string = string,
  Params extends AnyParamsSchema = AnyParamsSchema,
  Response extends z.ZodType = z.ZodType,
> {
  /** The client method's name, e.g. `depth`. */
  readonly name: Name;
  readonly method: HttpMethod;
  /** Path below the base URL, e.g. `/api/v3/depth`. */
  readonly path: string;
  readonly security: SecurityType;
  /** One sentence: what the endpoint gives. */
  readonly description: string;
  readonly dataSource: DataSource;
  /** Served by the market-data-only host `https://data-api.binance.vision` too. */
  readonly marketDataHost: boolean;
  /** The parameters; a strict object, so misspelt names are refused. */
  readonly params: Params;
  /** Every response shape the endpoint can give (for endpoints whose shape depends on the parameters, their union). */
  readonly response: Response;
  /** The schema of the response to these parameters, when it depends on them (one symbol or many, FULL or MINI). */
  readonly responseFor?: (params: z.output<Params>) => z.ZodType;
  /**
   * A hand-written parser for a large, hot response shape (klines, order books), where zod's tuple
   * parsing costs more than the request itself. It must return exactly what the response schema would
   * give, or `undefined` for anything else; the schema then parses the response and says what is wrong.
   */
  readonly fastParse?: (json: unknown) => z.output<Response> | undefined;
  /** The request weight Binance charges for these parameters. */
  readonly weight: (params: z.output<Params>) => number;
  /**
   * New orders the request adds to the account's unfilled order count (ORDERS limits): 1 for an order,
   * 2 or 3 for an order list. Absent for requests that place none.
   */
  readonly orders?: (params: z.output<Params>) => number;
  /** Safe to send twice. Defaults to `method === 'GET'`; only idempotent requests are retried. */
  readonly idempotent?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: any endpoint, whatever its schemas
export type AnyEndpoint = Endpoint<string, any, any>;

/**
 * Makes a misspelt parameter a type error even where `P` is inferred from the call (a generic
 * parameter escapes TypeScript's excess-property check); the schema refuses it at run time too.
 */
export type NoExtraKeys<P, Allowed> = { readonly [K in Exclude<keyof P, AllKeys<Allowed>>]: never };

/** Every key of any member of a union (`keyof` of a union has only the keys all members share). */
export type AllKeys<T> = T extends unknown ? keyof T : never;

/** What a caller passes: the parameter schema's input type. */
export type ParamsInput<E extends AnyEndpoint> = z.input<E['params']>;
/** What the transport sends: the parameter schema's output type. */
export type ParamsOutput<E extends AnyEndpoint> = z.output<E['params']>;
/** The parsed response, before narrowing by the parameters. */
export type ResponseOutput<E extends AnyEndpoint> = z.output<E['response']>;
/** The response as Binance sends it (JSON with bigints for unsafe integers), e.g. klines as tuples. */
export type RawResponse<E extends AnyEndpoint> = z.input<E['response']>;

/** Declares an endpoint; the result is frozen so shared definitions cannot be changed by accident. */
export function defineEndpoint<
  const Name extends string,
  Params extends AnyParamsSchema,
  Response extends z.ZodType,
>(definition: Endpoint<Name, Params, Response>): Endpoint<Name, Params, Response> {
  return Object.freeze({ ...definition });
}

/** `GET /api/v3/depth`: how errors and logs name an endpoint. */
export function endpointLabel(endpoint: AnyEndpoint): string {
  return `${endpoint.method} ${endpoint.path}`;
}
