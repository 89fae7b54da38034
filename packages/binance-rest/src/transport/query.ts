// Query strings for unsigned requests, encoded exactly as the signing package encodes signed ones (RFC
// 3986 percent-encoding of UTF-8, lists as JSON), so both kinds of request put identical bytes on the
// wire for the same parameters.

import { encodeRestParams, type Params } from '@binance-mcp/signing';

/** Encodes validated parameters (undefined ones are left out). */
export function encodeQuery(params: Record<string, unknown>): string {
  return encodeRestParams(params as Params);
}
