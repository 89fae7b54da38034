// An account's balances: free and locked amounts per asset, as integers of 10^-8 (every asset the
// simulator lists has 8 decimals), so no amount is ever rounded by floating point.

import { formatUnits } from '../market/decimal.js';

export interface Balance {
  free: bigint;
  locked: bigint;
}

/** Thrown when a debit exceeds what is there (the engine checks first; this guards its arithmetic). */
export class InsufficientBalance extends Error {
  override readonly name = 'InsufficientBalance';
}

export class Balances {
  private readonly assets = new Map<string, Balance>();

  get(asset: string): Balance {
    let b = this.assets.get(asset);
    if (!b) {
      b = { free: 0n, locked: 0n };
      this.assets.set(asset, b);
    }
    return b;
  }

  free(asset: string): bigint {
    return this.assets.get(asset)?.free ?? 0n;
  }

  locked(asset: string): bigint {
    return this.assets.get(asset)?.locked ?? 0n;
  }

  /** Sets the free amount; returns the change. */
  setFree(asset: string, amount: bigint): bigint {
    const b = this.get(asset);
    const delta = amount - b.free;
    b.free = amount;
    return delta;
  }

  credit(asset: string, amount: bigint): void {
    this.get(asset).free += amount;
  }

  debitFree(asset: string, amount: bigint): void {
    const b = this.get(asset);
    if (b.free < amount) throw new InsufficientBalance(`${asset}: free ${b.free} < ${amount}`);
    b.free -= amount;
  }

  lock(asset: string, amount: bigint): void {
    this.debitFree(asset, amount);
    this.get(asset).locked += amount;
  }

  unlock(asset: string, amount: bigint): void {
    const b = this.get(asset);
    if (b.locked < amount) throw new InsufficientBalance(`${asset}: locked ${b.locked} < ${amount}`);
    b.locked -= amount;
    b.free += amount;
  }

  debitLocked(asset: string, amount: bigint): void {
    const b = this.get(asset);
    if (b.locked < amount) throw new InsufficientBalance(`${asset}: locked ${b.locked} < ${amount}`);
    b.locked -= amount;
  }

  /** Every asset the account has held, in the order it first got them. */
  list(): Array<[string, Balance]> {
    return [...this.assets];
  }

  /** `{ asset: { free, locked } }` as decimal strings. */
  toJSON(): Record<string, { free: string; locked: string }> {
    const out: Record<string, { free: string; locked: string }> = {};
    for (const [asset, b] of this.assets)
      out[asset] = { free: formatUnits(b.free, 8), locked: formatUnits(b.locked, 8) };
    return out;
  }
}
