// What the REST and WebSocket-API builders share: the options every signed request takes, and the
// rules for the parameters this package adds itself.

import { InvalidParameterError } from '../errors.js';
import type { Signer } from '../signer.js';
import { formatRecvWindow, type TimestampOptions } from './timing.js';
import type { ParamEntry } from './values.js';

export interface SignOptions extends TimestampOptions {
  /**
   * How long (ms) the request stays valid after `timestamp`: greater than 0, at most 60000, up to 3
   * decimal places. Binance's default, when it is left out, is 5000. May instead be given as a
   * parameter (not both).
   */
  readonly recvWindow?: number;
}

/** Checks that `signer` looks like a `Signer`, so a wrong argument fails before any work. */
export function checkSigner(signer: Signer): void {
  if (
    typeof signer !== 'object' ||
    signer === null ||
    typeof signer.sign !== 'function' ||
    typeof signer.apiKey !== 'string'
  ) {
    throw new InvalidParameterError('signer', 'signer must be a Signer, as returned by createSigner()');
  }
}

/**
 * Rejects parameters this package sets itself, and duplicates; returns the entries and the validated
 * `recvWindow` text from `options` when it is not among the parameters.
 */
export function checkEntries(
  entries: readonly ParamEntry[],
  options: SignOptions,
  reserved: Readonly<Record<string, string>>,
): { readonly recvWindowFromOptions: string | undefined } {
  const seen = new Set<string>();
  let recvWindowInParams = false;
  for (const entry of entries) {
    const why = Object.hasOwn(reserved, entry.name) ? reserved[entry.name] : undefined;
    if (why !== undefined)
      throw new InvalidParameterError(entry.path, `${entry.path} is not allowed: ${why}`);
    if (seen.has(entry.name)) {
      throw new InvalidParameterError(
        entry.path,
        `${entry.path} is given twice; each parameter may appear once`,
      );
    }
    seen.add(entry.name);
    if (entry.name === 'recvWindow' && entry.value !== undefined) recvWindowInParams = true;
  }
  if (options.recvWindow === undefined) return { recvWindowFromOptions: undefined };
  if (recvWindowInParams) {
    throw new InvalidParameterError(
      'recvWindow',
      'recvWindow is given both as a parameter and as an option; pass one',
    );
  }
  return { recvWindowFromOptions: formatRecvWindow(options.recvWindow, 'recvWindow') };
}
