// Every setting of the server, once: its environment variable, its command-line flag, its kind and what
// it does. `loadConfig` reads them and `--help` lists them from this table, so the two never drift.

export type OptionKind = 'string' | 'boolean' | 'number' | 'list';

export interface OptionSpec {
  /** Key in the raw settings. */
  readonly key: string;
  readonly env: string;
  /** Long flag without the dashes. */
  readonly flag: string;
  readonly kind: OptionKind;
  /** Shown in --help after the flag, e.g. `<url>`. */
  readonly value?: string;
  /** A secret: never printed, and better given through the environment than on a command line. */
  readonly secret?: boolean;
  readonly group: 'Credentials' | 'Exchange' | 'Tools and safety' | 'Transport' | 'Other';
  readonly description: string;
}

export const OPTIONS = [
  {
    key: 'apiKey',
    env: 'BINANCE_API_KEY',
    flag: 'api-key',
    kind: 'string',
    value: '<key>',
    secret: true,
    group: 'Credentials',
    description:
      'API key. With BINANCE_API_SECRET (HMAC) or a private key (RSA/Ed25519). Enables account tools.',
  },
  {
    key: 'apiSecret',
    env: 'BINANCE_API_SECRET',
    flag: 'api-secret',
    kind: 'string',
    value: '<secret>',
    secret: true,
    group: 'Credentials',
    description: 'Secret of an HMAC-SHA256 API key.',
  },
  {
    key: 'privateKeyPath',
    env: 'BINANCE_PRIVATE_KEY_PATH',
    flag: 'private-key-path',
    kind: 'string',
    value: '<file>',
    group: 'Credentials',
    description: 'PKCS#8 PEM file of an RSA or Ed25519 API key (the type is read from the key).',
  },
  {
    key: 'privateKey',
    env: 'BINANCE_PRIVATE_KEY',
    flag: 'private-key',
    kind: 'string',
    value: '<pem>',
    secret: true,
    group: 'Credentials',
    description: 'The same key as PEM text ("\\n" escapes are accepted), instead of a file.',
  },
  {
    key: 'privateKeyPassphrase',
    env: 'BINANCE_PRIVATE_KEY_PASSPHRASE',
    flag: 'private-key-passphrase',
    kind: 'string',
    value: '<passphrase>',
    secret: true,
    group: 'Credentials',
    description: 'Passphrase of an encrypted private key (-----BEGIN ENCRYPTED PRIVATE KEY-----).',
  },
  {
    key: 'env',
    env: 'BINANCE_ENV',
    flag: 'env',
    kind: 'string',
    value: '<name>',
    group: 'Exchange',
    description: 'mainnet (default), testnet or demo: picks the REST, stream and WebSocket API hosts.',
  },
  {
    key: 'baseUrl',
    env: 'BINANCE_BASE_URL',
    flag: 'base-url',
    kind: 'string',
    value: '<url>',
    group: 'Exchange',
    description: "REST API base URL, instead of the environment's (e.g. a proxy, or a simulator).",
  },
  {
    key: 'streamUrl',
    env: 'BINANCE_STREAM_URL',
    flag: 'stream-url',
    kind: 'string',
    value: '<url>',
    group: 'Exchange',
    description: "Market streams base URL (ws:// or wss://), instead of the environment's.",
  },
  {
    key: 'wsApiUrl',
    env: 'BINANCE_WS_API_URL',
    flag: 'ws-api-url',
    kind: 'string',
    value: '<url>',
    group: 'Exchange',
    description: "WebSocket API URL, instead of the environment's.",
  },
  {
    key: 'recvWindow',
    env: 'BINANCE_RECV_WINDOW',
    flag: 'recv-window',
    kind: 'number',
    value: '<ms>',
    group: 'Exchange',
    description: "recvWindow of signed requests in ms, 1 to 60000 (default: Binance's 5000).",
  },
  {
    key: 'simulator',
    env: 'BINANCE_SIMULATOR',
    flag: 'simulator',
    kind: 'boolean',
    group: 'Exchange',
    description:
      'Start the embedded Binance simulator on 127.0.0.1 and use it for everything: works offline, no keys.',
  },
  {
    key: 'toolsets',
    env: 'BINANCE_TOOLSETS',
    flag: 'toolsets',
    kind: 'list',
    value: '<list>',
    group: 'Tools and safety',
    description:
      'Comma-separated toolsets: market, streams, account, trading, or all. Default: market,streams, plus account when credentials are set.',
  },
  {
    key: 'readOnly',
    env: 'BINANCE_READ_ONLY',
    flag: 'read-only',
    kind: 'boolean',
    group: 'Tools and safety',
    description:
      'Never register a tool that changes anything (trading), whatever else is set. Wins over everything.',
  },
  {
    key: 'enableTrading',
    env: 'BINANCE_ENABLE_TRADING',
    flag: 'enable-trading',
    kind: 'boolean',
    group: 'Tools and safety',
    description: 'Add the trading toolset (needs credentials). Off by default.',
  },
  {
    key: 'maxOrderNotional',
    env: 'BINANCE_MAX_ORDER_NOTIONAL',
    flag: 'max-order-notional',
    kind: 'string',
    value: '<amount>',
    group: 'Tools and safety',
    description: 'Refuse orders worth more than this, in the quote asset (e.g. 100).',
  },
  {
    key: 'symbolAllowlist',
    env: 'BINANCE_SYMBOL_ALLOWLIST',
    flag: 'symbol-allowlist',
    kind: 'list',
    value: '<list>',
    group: 'Tools and safety',
    description:
      'Comma-separated symbols orders may be placed on (e.g. BTCUSDT,ETHUSDT); others are refused.',
  },
  {
    key: 'http',
    env: 'BINANCE_MCP_HTTP',
    flag: 'http',
    kind: 'boolean',
    group: 'Transport',
    description: 'Serve Streamable HTTP at http://<host>:<port>/mcp instead of stdio.',
  },
  {
    key: 'port',
    env: 'BINANCE_MCP_PORT',
    flag: 'port',
    kind: 'number',
    value: '<n>',
    group: 'Transport',
    description: 'HTTP port (default 3000; 0 picks a free one).',
  },
  {
    key: 'host',
    env: 'BINANCE_MCP_HOST',
    flag: 'host',
    kind: 'string',
    value: '<address>',
    group: 'Transport',
    description: 'HTTP bind address (default 127.0.0.1). Beyond loopback a bearer token is required.',
  },
  {
    key: 'httpToken',
    env: 'BINANCE_MCP_HTTP_TOKEN',
    flag: 'http-token',
    kind: 'string',
    value: '<token>',
    secret: true,
    group: 'Transport',
    description:
      'Bearer token HTTP clients must send. Required beyond loopback: generated and printed to stderr if not set.',
  },
  {
    key: 'allowedHosts',
    env: 'BINANCE_MCP_ALLOWED_HOSTS',
    flag: 'allowed-hosts',
    kind: 'list',
    value: '<list>',
    group: 'Transport',
    description:
      'Host header names accepted besides localhost (default: the bind address, or all local ones).',
  },
  {
    key: 'allowedOrigins',
    env: 'BINANCE_MCP_ALLOWED_ORIGINS',
    flag: 'allowed-origins',
    kind: 'list',
    value: '<list>',
    group: 'Transport',
    description: 'Origin hostnames accepted besides localhost (browsers); any other Origin gets 403.',
  },
  {
    key: 'logLevel',
    env: 'BINANCE_MCP_LOG_LEVEL',
    flag: 'log-level',
    kind: 'string',
    value: '<level>',
    group: 'Other',
    description: 'error, warn, info (default) or debug. Logs go to stderr, never stdout.',
  },
] as const satisfies readonly OptionSpec[];

export type OptionKey = (typeof OPTIONS)[number]['key'];
