// The feature flags of a symbol that exchangeInfo shows and the matching engine enforces. Each symbol
// starts with its seeded values; the simulator's `setSymbolFlags` control changes them (a symbol that
// stops allowing cancel-replace, OCO lists…) and `reset()` restores them.

import type { SymbolSpec } from './symbols.js';

/** The flags a test can change, in exchangeInfo's key order. */
export const SYMBOL_FLAG_NAMES = [
  'icebergAllowed',
  'ocoAllowed',
  'otoAllowed',
  'quoteOrderQtyMarketAllowed',
  'allowTrailingStop',
  'cancelReplaceAllowed',
  'amendAllowed',
] as const;

export type SymbolFlagName = (typeof SYMBOL_FLAG_NAMES)[number];

export type SymbolFlags = Record<SymbolFlagName, boolean>;

/** The seeded flags of `spec`. */
export function seededFlags(spec: SymbolSpec): SymbolFlags {
  const flags = {} as SymbolFlags;
  for (const name of SYMBOL_FLAG_NAMES) flags[name] = spec[name];
  return flags;
}

/**
 * Checks a `setSymbolFlags` argument: only known flag names with boolean values. Returns the
 * changes as a list.
 */
export function parseFlagChanges(symbol: string, changes: unknown): Array<[SymbolFlagName, boolean]> {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
    throw new TypeError(`setSymbolFlags: flags for '${symbol}' must be an object, got ${String(changes)}`);
  }
  const list: Array<[SymbolFlagName, boolean]> = [];
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (!(SYMBOL_FLAG_NAMES as readonly string[]).includes(name)) {
      throw new RangeError(
        `setSymbolFlags: unknown flag '${name}'; allowed: ${SYMBOL_FLAG_NAMES.join(', ')}`,
      );
    }
    if (typeof value !== 'boolean') {
      throw new TypeError(`setSymbolFlags: flag '${name}' must be a boolean, got ${JSON.stringify(value)}`);
    }
    list.push([name as SymbolFlagName, value]);
  }
  return list;
}
