// Reads the settings from the command line and the environment (a flag wins over its variable), checks
// them and resolves what follows from them: the toolsets, the credentials, the transport. Every problem
// is a `ConfigError` that names the variable and the flag and says what is allowed, and never repeats a
// secret's value.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Credentials } from '@binance-mcp/signing';
import { EXCHANGE_ENVIRONMENTS, type ExchangeEnvironment } from '../environment.js';
import { CREDENTIAL_TOOLSETS, isToolset, TOOLSETS, type Toolset } from '../toolsets.js';
import { OPTIONS, type OptionKey, type OptionSpec } from './options.js';

/** A setting is missing, malformed or contradicts another. The message never holds a secret. */
export class ConfigError extends Error {
  /** The environment variable concerned, if one. */
  readonly variable: string | undefined;
  constructor(message: string, variable?: string) {
    super(message);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface HttpConfig {
  readonly host: string;
  readonly port: number;
  /** The bearer token clients must send; undefined only on loopback without one configured. */
  readonly token: string | undefined;
  /** True when the token was generated (the CLI prints it). */
  readonly tokenGenerated: boolean;
  readonly allowedHosts: readonly string[];
  readonly allowedOrigins: readonly string[];
}

export interface TradingConfig {
  /** The trading toolset is on. */
  readonly enabled: boolean;
  /** Orders worth more than this (quote asset) are refused. */
  readonly maxOrderNotional: string | undefined;
  /** Orders on other symbols are refused. */
  readonly symbolAllowlist: readonly string[] | undefined;
}

/** The server's resolved configuration. */
export interface BinanceMcpConfig {
  /** Which Binance hosts to use; ignored with `simulator`. */
  readonly environment: ExchangeEnvironment;
  /**
   * Start the embedded simulator and point everything at it. Without credentials it opens a demo
   * account there (so the account and trading toolsets work offline); with them, it registers them.
   */
  readonly simulator: boolean;
  readonly credentials: Credentials | undefined;
  /** Overrides of the environment's hosts. */
  readonly urls: { readonly rest?: string; readonly stream?: string; readonly wsApi?: string };
  readonly recvWindow: number | undefined;
  /** The toolsets to register, in order. */
  readonly toolsets: readonly Toolset[];
  readonly readOnly: boolean;
  readonly trading: TradingConfig;
  /** Serve HTTP with these settings; undefined serves stdio. */
  readonly http: HttpConfig | undefined;
  readonly logLevel: LogLevel;
  /** Things the operator should know at start-up (printed to stderr). */
  readonly notices: readonly string[];
}

export type LoadResult =
  | { readonly kind: 'run'; readonly config: BinanceMcpConfig }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' };

export interface LoadConfigInput {
  /** Command-line arguments after the program name. Default: none. */
  readonly argv?: readonly string[];
  /** Environment variables. Default: none (pass `process.env` explicitly). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Makes the generated HTTP token deterministic in tests. */
  readonly randomToken?: () => string;
}

type Raw = Partial<Record<OptionKey, string | boolean>>;

const specOf = (key: OptionKey): OptionSpec => OPTIONS.find((o) => o.key === key) as OptionSpec;
const nameOf = (key: OptionKey) => {
  const spec = specOf(key);
  return `${spec.env} (--${spec.flag})`;
};

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off', '']);

function readRaw(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): {
  raw: Raw;
  fromFlag: Set<OptionKey>;
  help: boolean;
  version: boolean;
} {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  };
  for (const spec of OPTIONS as readonly OptionSpec[]) {
    options[spec.flag] = { type: spec.kind === 'boolean' ? 'boolean' : 'string' };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (error) {
    // Node's messages name the flag (never a value that follows it); keep them, point at --help.
    const message = error instanceof Error ? error.message.replace(/\. To specify.*$/s, '') : String(error);
    throw new ConfigError(`${message}.`);
  }
  const raw: Raw = {};
  const fromFlag = new Set<OptionKey>();
  for (const spec of OPTIONS) {
    const flagValue = values[spec.flag];
    if (flagValue !== undefined) {
      raw[spec.key] = flagValue;
      fromFlag.add(spec.key);
      continue;
    }
    const envValue = env[spec.env];
    if (envValue !== undefined) {
      if (spec.kind === 'boolean') {
        const normalized = envValue.trim().toLowerCase();
        if (TRUE.has(normalized)) raw[spec.key] = true;
        else if (FALSE.has(normalized)) raw[spec.key] = false;
        else {
          throw new ConfigError(
            `${spec.env} is "${envValue}"; allowed: true or false (also 1/0, yes/no)`,
            spec.env,
          );
        }
      } else if (envValue.trim() !== '') {
        raw[spec.key] = envValue;
      }
    }
  }
  return { raw, fromFlag, help: values.help === true, version: values.version === true };
}

function str(raw: Raw, key: OptionKey): string | undefined {
  const value = raw[key];
  return typeof value === 'string' ? value.trim() : undefined;
}

function bool(raw: Raw, key: OptionKey): boolean {
  return raw[key] === true;
}

function list(raw: Raw, key: OptionKey): string[] | undefined {
  const value = str(raw, key);
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function integer(raw: Raw, key: OptionKey, min: number, max: number): number | undefined {
  const value = str(raw, key);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(
      `${nameOf(key)} is "${value}"; allowed: an integer from ${min} to ${max}`,
      specOf(key).env,
    );
  }
  return Number(value);
}

function url(raw: Raw, key: OptionKey, schemes: readonly string[]): string | undefined {
  const value = str(raw, key);
  if (value === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !schemes.includes(parsed.protocol)) {
    throw new ConfigError(
      `${nameOf(key)} is "${value}"; allowed: a ${schemes.map((s) => s.replace(':', '')).join(' or ')} URL such as ${
        schemes[0] === 'http:' ? 'https://api.binance.com' : 'wss://stream.binance.com:9443'
      }`,
      specOf(key).env,
    );
  }
  return value.replace(/\/+$/, '');
}

const DECIMAL = /^\d+(\.\d+)?$/;
const SYMBOL = /^[A-Z0-9._-]{1,20}$/;

function credentialsOf(raw: Raw, notices: string[]): Credentials | undefined {
  const apiKey = str(raw, 'apiKey');
  const apiSecret = str(raw, 'apiSecret');
  const keyPath = str(raw, 'privateKeyPath');
  const keyText = str(raw, 'privateKey');
  const passphrase = typeof raw.privateKeyPassphrase === 'string' ? raw.privateKeyPassphrase : undefined;
  const given = [apiSecret, keyPath, keyText].filter((v) => v !== undefined).length;
  if (apiKey === undefined) {
    if (given > 0 || passphrase !== undefined) {
      throw new ConfigError(
        `a secret or private key is set but ${nameOf('apiKey')} is not; set the API key it belongs to`,
        'BINANCE_API_KEY',
      );
    }
    return undefined;
  }
  if (given === 0) {
    throw new ConfigError(
      `${nameOf('apiKey')} is set without its secret: set ${nameOf('apiSecret')} for an HMAC key, or ${nameOf(
        'privateKeyPath',
      )} / ${nameOf('privateKey')} for an RSA or Ed25519 key`,
      'BINANCE_API_SECRET',
    );
  }
  if (given > 1) {
    throw new ConfigError(
      `set only one of ${nameOf('apiSecret')}, ${nameOf('privateKeyPath')} and ${nameOf(
        'privateKey',
      )}: an API key is either HMAC or RSA/Ed25519`,
      'BINANCE_API_SECRET',
    );
  }
  if (apiSecret !== undefined) {
    if (passphrase !== undefined) {
      notices.push(
        'BINANCE_PRIVATE_KEY_PASSPHRASE is ignored: it belongs with a private key, not an HMAC secret',
      );
    }
    return { apiKey, apiSecret };
  }
  let privateKey: string;
  if (keyPath !== undefined) {
    try {
      privateKey = readFileSync(keyPath, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      throw new ConfigError(
        `${nameOf('privateKeyPath')} is "${keyPath}", which cannot be read (${code}); allowed: a readable PKCS#8 PEM file`,
        'BINANCE_PRIVATE_KEY_PATH',
      );
    }
  } else {
    // Configuration files (JSON, .env) often carry PEM text with literal "\n" escapes.
    privateKey = (keyText as string).replace(/\\n/g, '\n');
  }
  return passphrase === undefined
    ? { apiKey, privateKey }
    : { apiKey, privateKey, privateKeyPassphrase: passphrase };
}

function toolsetsOf(
  raw: Raw,
  hasCredentials: boolean,
  notices: string[],
): { toolsets: Toolset[]; trading: boolean } {
  const asked = list(raw, 'toolsets');
  const readOnly = bool(raw, 'readOnly');
  let toolsets: Toolset[];
  if (asked === undefined) {
    toolsets = hasCredentials ? ['market', 'streams', 'account'] : ['market', 'streams'];
  } else {
    toolsets = [];
    for (const item of asked.map((a) => a.toLowerCase())) {
      if (item === 'all') toolsets.push(...TOOLSETS);
      else if (item === 'default')
        toolsets.push('market', 'streams', ...(hasCredentials ? (['account'] as const) : []));
      else if (isToolset(item)) toolsets.push(item);
      else {
        throw new ConfigError(
          `${nameOf('toolsets')} names "${item}"; allowed: a comma-separated list of ${TOOLSETS.join(', ')}, all or default`,
          'BINANCE_TOOLSETS',
        );
      }
    }
    if (toolsets.length === 0) {
      throw new ConfigError(
        `${nameOf('toolsets')} is empty; name at least one of ${TOOLSETS.join(', ')}`,
        'BINANCE_TOOLSETS',
      );
    }
    // "all" names trading only as a set; trading itself still needs credentials (checked below).
    if (asked.some((a) => a.toLowerCase() === 'all') && !hasCredentials) {
      toolsets = toolsets.filter((t) => !CREDENTIAL_TOOLSETS.includes(t));
    }
  }
  if (bool(raw, 'enableTrading')) toolsets.push('trading');
  toolsets = TOOLSETS.filter((t) => toolsets.includes(t));
  if (readOnly && toolsets.includes('trading')) {
    toolsets = toolsets.filter((t) => t !== 'trading');
    notices.push(
      'read-only: the trading toolset is not registered (--read-only wins over every other setting)',
    );
  }
  for (const t of toolsets) {
    if (CREDENTIAL_TOOLSETS.includes(t) && !hasCredentials) {
      throw new ConfigError(
        `the ${t} toolset needs credentials: set ${nameOf('apiKey')} with ${nameOf('apiSecret')} or ${nameOf(
          'privateKeyPath',
        )}`,
        'BINANCE_API_KEY',
      );
    }
  }
  return { toolsets, trading: toolsets.includes('trading') };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function httpOf(raw: Raw, randomToken: () => string, notices: string[]): HttpConfig | undefined {
  const wanted = bool(raw, 'http');
  const port = integer(raw, 'port', 0, 65535);
  const host = str(raw, 'host');
  if (!wanted) {
    for (const key of ['port', 'host', 'httpToken', 'allowedHosts', 'allowedOrigins'] as const) {
      if (raw[key] !== undefined)
        notices.push(`${specOf(key).env} (--${specOf(key).flag}) has no effect without --http`);
    }
    return undefined;
  }
  const bind = host ?? '127.0.0.1';
  let token = str(raw, 'httpToken');
  if (token !== undefined && token.length < 16) {
    throw new ConfigError(
      `${nameOf('httpToken')} is too short; allowed: at least 16 characters`,
      'BINANCE_MCP_HTTP_TOKEN',
    );
  }
  let tokenGenerated = false;
  if (token === undefined && !isLoopback(bind)) {
    token = randomToken();
    tokenGenerated = true;
  }
  return {
    host: bind,
    port: port ?? 3000,
    token,
    tokenGenerated,
    allowedHosts: list(raw, 'allowedHosts') ?? [],
    allowedOrigins: list(raw, 'allowedOrigins') ?? [],
  };
}

/**
 * Reads the configuration from command-line arguments and environment variables (a flag wins over its
 * variable). Throws a `ConfigError` naming the setting when something is wrong.
 *
 * ```ts
 * const result = loadConfig({ argv: process.argv.slice(2), env: process.env });
 * if (result.kind === 'run') console.log(result.config.toolsets);
 * ```
 */
export function loadConfig(input: LoadConfigInput = {}): LoadResult {
  const { raw, fromFlag, help, version } = readRaw(input.argv ?? [], input.env ?? {});
  if (help) return { kind: 'help' };
  if (version) return { kind: 'version' };
  const notices: string[] = [];
  for (const key of fromFlag) {
    const spec = specOf(key);
    if (spec.secret) {
      notices.push(
        `--${spec.flag} puts a secret on the command line, where other local users can see it; prefer ${spec.env}`,
      );
    }
  }

  const envName = (str(raw, 'env') ?? 'mainnet').toLowerCase();
  if (!(EXCHANGE_ENVIRONMENTS as readonly string[]).includes(envName)) {
    throw new ConfigError(
      `${nameOf('env')} is "${str(raw, 'env')}"; allowed: ${EXCHANGE_ENVIRONMENTS.join(', ')}`,
      'BINANCE_ENV',
    );
  }
  const simulator = bool(raw, 'simulator');
  const urls = {
    rest: url(raw, 'baseUrl', ['http:', 'https:']),
    stream: url(raw, 'streamUrl', ['ws:', 'wss:']),
    wsApi: url(raw, 'wsApiUrl', ['ws:', 'wss:']),
  };
  if (simulator) {
    const set = (['baseUrl', 'streamUrl', 'wsApiUrl'] as const).filter((k) => raw[k] !== undefined);
    if (set.length > 0) {
      throw new ConfigError(
        `--simulator points every URL at the embedded simulator; remove ${set.map(nameOf).join(', ')}`,
        specOf(set[0] as OptionKey).env,
      );
    }
  }

  const credentials = credentialsOf(raw, notices);
  // The embedded simulator opens a demo account when no keys are given, so every toolset works offline.
  const { toolsets, trading } = toolsetsOf(raw, credentials !== undefined || simulator, notices);

  const maxOrderNotional = str(raw, 'maxOrderNotional');
  if (maxOrderNotional !== undefined && (!DECIMAL.test(maxOrderNotional) || Number(maxOrderNotional) <= 0)) {
    throw new ConfigError(
      `${nameOf('maxOrderNotional')} is "${maxOrderNotional}"; allowed: a positive decimal amount in the quote asset, e.g. 100 or 250.5`,
      'BINANCE_MAX_ORDER_NOTIONAL',
    );
  }
  const allowlist = list(raw, 'symbolAllowlist')?.map((s) => s.toUpperCase());
  for (const symbol of allowlist ?? []) {
    if (!SYMBOL.test(symbol)) {
      throw new ConfigError(
        `${nameOf('symbolAllowlist')} names "${symbol}"; allowed: symbols such as BTCUSDT, separated by commas`,
        'BINANCE_SYMBOL_ALLOWLIST',
      );
    }
  }
  if (!trading && (maxOrderNotional !== undefined || allowlist !== undefined)) {
    notices.push('order caps (max notional, symbol allow-list) apply only when the trading toolset is on');
  }

  const logLevel = (str(raw, 'logLevel') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(
      `${nameOf('logLevel')} is "${str(raw, 'logLevel')}"; allowed: ${LOG_LEVELS.join(', ')}`,
      'BINANCE_MCP_LOG_LEVEL',
    );
  }

  const randomToken =
    input.randomToken ??
    (() => {
      const bytes = new Uint8Array(24);
      globalThis.crypto.getRandomValues(bytes);
      return Buffer.from(bytes).toString('base64url');
    });
  const http = httpOf(raw, randomToken, notices);

  return {
    kind: 'run',
    config: {
      environment: envName as ExchangeEnvironment,
      simulator,
      credentials,
      urls: Object.fromEntries(Object.entries(urls).filter(([, v]) => v !== undefined)),
      recvWindow: integer(raw, 'recvWindow', 1, 60_000),
      toolsets,
      readOnly: bool(raw, 'readOnly'),
      trading: { enabled: trading, maxOrderNotional, symbolAllowlist: allowlist },
      http,
      logLevel: logLevel as LogLevel,
      notices,
    },
  };
}
