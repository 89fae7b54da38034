// The simulator's accounts and the API keys that reach them.

import type { OrderRateLimits } from '../limits/order-count.js';
import { parseUnits } from '../market/decimal.js';
import { Account, type CommissionRates } from './account.js';
import { type ApiKey, type ApiKeyCredentials, type ApiKeyOptions, makeKeyMaterial } from './api-keys.js';

/** How to create an account (see the README's "Accounts and API keys"). */
export interface AccountOptions extends ApiKeyOptions {
  /** Free balances by asset, as decimal strings (e.g. `{ USDT: '10000', BTC: '0.5' }`). Default none. */
  balances?: Record<string, string>;
  /** Standard commission rates as decimals (default maker and taker 0.001, buyer and seller 0). */
  commissionRates?: { maker?: string; taker?: string; buyer?: string; seller?: string };
  /** The account may trade (false: orders get -2010 "This account may not place or cancel orders."). Default true. */
  canTrade?: boolean;
  /** Default true. */
  canWithdraw?: boolean;
  /** Default true. */
  canDeposit?: boolean;
  /** Account permissions, e.g. `['SPOT']` (the default). */
  permissions?: string[];
}

/** What `createAccount` returns: the key's credentials and the account's id. */
export interface AccountCredentials extends ApiKeyCredentials {
  uid: number;
}

const DEFAULT_RATE = 100_000n; // 0.001

/** Parses a non-negative decimal amount (up to 8 decimals) for a control; throws a RangeError naming it. */
export function amountOption(what: string, value: unknown): bigint {
  const units = typeof value === 'string' ? parseUnits(value, 8) : null;
  if (units === null || units < 0n) {
    throw new RangeError(
      `${what} must be a non-negative decimal string with at most 8 decimals, got '${String(value)}'`,
    );
  }
  return units;
}

export class Accounts {
  private readonly keys = new Map<string, ApiKey>();
  readonly all: Account[] = [];
  private nextUid: number;

  constructor(
    private readonly limits: OrderRateLimits,
    seed: number,
  ) {
    this.nextUid = 354_000_000 + (Math.abs(seed) % 1000) * 1000;
  }

  create(options: AccountOptions = {}): { account: Account; credentials: AccountCredentials } {
    const rates = options.commissionRates ?? {};
    const rate = (name: keyof CommissionRates, fallback: bigint) =>
      rates[name] === undefined
        ? fallback
        : amountOption(`createAccount: commissionRates.${name}`, rates[name]);
    const commission: CommissionRates = {
      maker: rate('maker', DEFAULT_RATE),
      taker: rate('taker', DEFAULT_RATE),
      buyer: rate('buyer', 0n),
      seller: rate('seller', 0n),
    };
    const balances: Array<[string, bigint]> = Object.entries(options.balances ?? {}).map(
      ([asset, amount]) => [asset, amountOption(`createAccount: balances.${asset}`, amount)],
    );
    const material = makeKeyMaterial(options);
    if (this.keys.has(material.apiKey)) {
      throw new RangeError(`createAccount: API key '${material.apiKey}' is already registered`);
    }
    const account = new Account(
      this.nextUid++,
      commission,
      {
        canTrade: options.canTrade ?? true,
        canWithdraw: options.canWithdraw ?? true,
        canDeposit: options.canDeposit ?? true,
        permissions: options.permissions ?? ['SPOT'],
      },
      this.limits,
    );
    for (const [asset, amount] of balances) account.balances.setFree(asset, amount);
    this.register(account, material);
    this.all.push(account);
    return { account, credentials: { ...material.credentials, uid: account.uid } };
  }

  /** Adds another API key to an existing account. */
  addKey(account: Account, options: ApiKeyOptions): ApiKeyCredentials {
    const material = makeKeyMaterial(options);
    if (this.keys.has(material.apiKey)) {
      throw new RangeError(`addApiKey: API key '${material.apiKey}' is already registered`);
    }
    this.register(account, material);
    return material.credentials;
  }

  private register(account: Account, material: ReturnType<typeof makeKeyMaterial>): void {
    const key: ApiKey = {
      apiKey: material.apiKey,
      type: material.type,
      secret: material.secret,
      publicKey: material.publicKey,
      canTrade: material.canTrade,
      account,
    };
    account.keys.push(key);
    this.keys.set(key.apiKey, key);
  }

  key(apiKey: string): ApiKey | undefined {
    return this.keys.get(apiKey);
  }

  /** The account of an API key, for controls (RangeError when unknown). */
  accountOf(apiKey: string, control: string): Account {
    const key = this.keys.get(apiKey);
    if (!key) throw new RangeError(`${control}: no account has the API key '${apiKey}'`);
    return key.account;
  }
}
