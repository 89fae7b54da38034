// Percent-encoding for REST parameters, RFC 3986 style: every byte of the UTF-8 form is escaped except
// the unreserved characters `A-Z a-z 0-9 - . _ ~`. `encodeURIComponent` also leaves `! ' ( ) *` alone
// and `URLSearchParams` turns spaces into `+`; both are valid URL encodings, but Binance verifies the
// signature over the bytes it receives, so one strict form is used for signing and sending alike.

const RESERVED_BY_RFC3986 = /[!'()*]/g;

function escapeReserved(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

/**
 * Percent-encodes `text`. Throws `URIError` for a string that is not well-formed UTF-16 (a lone
 * surrogate), which has no UTF-8 form.
 */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(RESERVED_BY_RFC3986, escapeReserved);
}
