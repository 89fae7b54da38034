// Toolsets: groups of tools an operator turns on or off as a whole. Market data and streams need no
// keys; account tools need credentials; trading tools need credentials and an explicit opt-in, and
// `--read-only` removes them whatever else is configured.

export const TOOLSETS = ['market', 'streams', 'account', 'trading'] as const;
export type Toolset = (typeof TOOLSETS)[number];

export const TOOLSET_DESCRIPTIONS: Readonly<Record<Toolset, string>> = {
  market:
    'market data: server time, exchange rules, order book, trades, klines, prices and tickers (no keys)',
  streams: 'live WebSocket streams: subscribe, read events since a cursor, unsubscribe, list (no keys)',
  account: 'balances, orders, trades and commission rates of your account (needs credentials)',
  trading:
    'place, test, cancel and replace orders and order lists (needs credentials and an explicit opt-in)',
};

/** Toolsets that only read. */
export const READ_ONLY_TOOLSETS: readonly Toolset[] = ['market', 'streams', 'account'];

/** Toolsets whose tools sign requests with the API key. */
export const CREDENTIAL_TOOLSETS: readonly Toolset[] = ['account', 'trading'];

export function isToolset(value: string): value is Toolset {
  return (TOOLSETS as readonly string[]).includes(value);
}
