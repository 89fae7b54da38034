// Every error this package throws is a `SigningError`. The package ships as ESM and CJS, and an app can
// end up with both copies (or two versions) loaded; `instanceof` must still work across them. So each
// class brands its prototype with a registry symbol and answers `instanceof` by walking the value's
// prototype chain for that brand instead of comparing constructors.

const BRAND: unique symbol = Symbol.for('@binance-mcp/signing.error') as never;

type Branded = { [BRAND]?: string };

function hasBrand(value: unknown, brand: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (let proto: unknown = Object.getPrototypeOf(value); proto !== null && proto !== undefined; ) {
    if (Object.hasOwn(proto as object, BRAND) && (proto as Branded)[BRAND] === brand) return true;
    proto = Object.getPrototypeOf(proto);
  }
  return false;
}

function brand(ctor: { prototype: object }, name: string): void {
  Object.defineProperty(ctor.prototype, BRAND, { value: name });
}

/** Base class of every error thrown by `@binance-mcp/signing`. */
export class SigningError extends Error {
  // `this` is whichever class stands right of `instanceof`: this base or one of its subclasses.
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: see above
    const own = this.prototype as Branded;
    // A user's own subclass has no brand of its own: fall back to the ordinary prototype check.
    if (!Object.hasOwn(own, BRAND)) {
      // biome-ignore lint/complexity/noThisInStatic: see above
      return Function.prototype[Symbol.hasInstance].call(this, value);
    }
    return hasBrand(value, own[BRAND] as string);
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
brand(SigningError, 'SigningError');

/** Why a key or secret was rejected. */
export type InvalidKeyReason =
  /** The HMAC secret is empty or not a string. */
  | 'INVALID_SECRET'
  /** Not PEM or DER, or the PEM/DER structure is broken. */
  | 'MALFORMED'
  /** A private key in a format other than PKCS#8 (PKCS#1 `RSA PRIVATE KEY`, SEC1 `EC PRIVATE KEY`, …). */
  | 'NOT_PKCS8'
  /** A public key or certificate where the private key belongs. */
  | 'PUBLIC_KEY'
  /** A PKCS#8 key of an algorithm Binance does not verify (EC, RSA-PSS, X25519, Ed448, …). */
  | 'UNSUPPORTED_KEY_TYPE'
  /** An encrypted key whose encryption scheme is not PBES2 with PBKDF2 and AES-CBC. */
  | 'UNSUPPORTED_ENCRYPTION'
  /** An encrypted key and no `privateKeyPassphrase`. */
  | 'PASSPHRASE_REQUIRED'
  /** An encrypted key that does not decrypt with the given passphrase. */
  | 'WRONG_PASSPHRASE';

/**
 * The secret or private key cannot be used: malformed, not PKCS#8, encrypted without (or with a wrong)
 * passphrase, or of a type Binance does not accept. The message never contains key material.
 */
export class InvalidKeyError extends SigningError {
  readonly reason: InvalidKeyReason;

  constructor(reason: InvalidKeyReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
brand(InvalidKeyError, 'InvalidKeyError');

/**
 * A value passed to this package is not allowed: a request parameter (`recvWindow` out of range, `NaN`,
 * a reserved name), a credential field (`apiKey`), an option (`clock`, `timestamp`). The message names the
 * parameter, shows the value (never for credentials) and says what is allowed.
 */
export class InvalidParameterError extends SigningError {
  /** The name of the offending parameter, e.g. `recvWindow` or `query.symbols[2]`. */
  readonly parameter: string;

  constructor(parameter: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.parameter = parameter;
  }
}
brand(InvalidParameterError, 'InvalidParameterError');

/**
 * The runtime lacks what a signer needs: no `node:crypto` and no Web Crypto (`crypto.subtle` is missing in
 * browsers outside secure contexts), or a Web Crypto without Ed25519.
 */
export class UnsupportedRuntimeError extends SigningError {}
brand(UnsupportedRuntimeError, 'UnsupportedRuntimeError');

/** Shows a parameter value in an error message: JSON-ish, and cut short so messages stay readable. */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'number') text = Object.is(value, -0) ? '-0' : String(value);
  else if (value === undefined || value === null || typeof value === 'boolean') text = String(value);
  else if (typeof value === 'function') text = 'a function';
  else if (typeof value === 'symbol') text = value.toString();
  else if (value instanceof Date)
    text = `Date(${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()})`;
  else if (Array.isArray(value)) text = `an array of ${value.length}`;
  else text = `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
