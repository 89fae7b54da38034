// Configuration: every variable and its flag, what follows from them (toolsets, credentials, transport),
// and errors that name the setting, say what is allowed, and never repeat a secret.

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, createBinanceContext, helpText, loadConfig, OPTIONS } from 'binance-mcp';
import { describe, expect, test } from 'vitest';
import { configFrom } from './helpers.js';

const SECRET = 'sUp3rS3cr3tV4lu3-0123456789abcdef';
const KEY = 'ak-test-0123456789abcdef0123456789';

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  test('no settings: mainnet, market and streams, stdio, no credentials', () => {
    const config = configFrom();
    expect(config).toMatchObject({
      environment: 'mainnet',
      simulator: false,
      credentials: undefined,
      urls: {},
      toolsets: ['market', 'streams'],
      readOnly: false,
      trading: { enabled: false },
      http: undefined,
      logLevel: 'info',
      notices: [],
    });
  });

  test('--help and --version', () => {
    expect(loadConfig({ argv: ['--help'] })).toEqual({ kind: 'help' });
    expect(loadConfig({ argv: ['-h'] })).toEqual({ kind: 'help' });
    expect(loadConfig({ argv: ['--version'] })).toEqual({ kind: 'version' });
  });

  test('--help lists every variable and its flag', () => {
    const text = helpText('1.2.3');
    for (const option of OPTIONS) {
      expect(text).toContain(option.env);
      expect(text).toContain(`--${option.flag}`);
    }
    expect(text).toContain('BINANCE_TOOLSETS');
    expect(text).toContain('trading');
  });
});

describe('flags and variables', () => {
  test('a flag wins over its variable', () => {
    expect(configFrom({ BINANCE_ENV: 'demo' }, ['--env', 'testnet']).environment).toBe('testnet');
    expect(configFrom({ BINANCE_MCP_LOG_LEVEL: 'debug' }, ['--log-level', 'error']).logLevel).toBe('error');
  });

  test('URLs of any environment can be overridden; trailing slashes are dropped', () => {
    const config = configFrom({
      BINANCE_BASE_URL: 'http://127.0.0.1:8080/',
      BINANCE_STREAM_URL: 'ws://127.0.0.1:8080',
      BINANCE_WS_API_URL: 'ws://127.0.0.1:8080/ws-api/v3',
    });
    expect(config.urls).toEqual({
      rest: 'http://127.0.0.1:8080',
      stream: 'ws://127.0.0.1:8080',
      wsApi: 'ws://127.0.0.1:8080/ws-api/v3',
    });
  });

  test('booleans accept true/false, 1/0, yes/no', () => {
    expect(configFrom({ BINANCE_READ_ONLY: '1' }).readOnly).toBe(true);
    expect(configFrom({ BINANCE_READ_ONLY: 'no' }).readOnly).toBe(false);
    expect(configFrom({}, ['--read-only']).readOnly).toBe(true);
    const error = errorOf(() => configFrom({ BINANCE_READ_ONLY: 'maybe' }));
    expect(error.message).toBe('BINANCE_READ_ONLY is "maybe"; allowed: true or false (also 1/0, yes/no)');
    expect(error.variable).toBe('BINANCE_READ_ONLY');
  });

  test('bad values name the variable, the flag and what is allowed', () => {
    expect(errorOf(() => configFrom({ BINANCE_ENV: 'prod' })).message).toBe(
      'BINANCE_ENV (--env) is "prod"; allowed: mainnet, testnet, demo',
    );
    expect(errorOf(() => configFrom({ BINANCE_BASE_URL: 'api.binance.com' })).message).toMatch(
      /^BINANCE_BASE_URL \(--base-url\) is "api.binance.com"; allowed: a http or https URL/,
    );
    expect(errorOf(() => configFrom({ BINANCE_STREAM_URL: 'https://x' })).message).toMatch(
      /allowed: a ws or wss URL/,
    );
    expect(errorOf(() => configFrom({ BINANCE_RECV_WINDOW: '70000' })).message).toBe(
      'BINANCE_RECV_WINDOW (--recv-window) is "70000"; allowed: an integer from 1 to 60000',
    );
    expect(errorOf(() => configFrom({}, ['--http', '--port', 'http'])).message).toMatch(/--port\) is "http"/);
    expect(errorOf(() => configFrom({ BINANCE_TOOLSETS: 'market,wallet' })).message).toBe(
      'BINANCE_TOOLSETS (--toolsets) names "wallet"; allowed: a comma-separated list of market, streams, account, trading, all or default',
    );
    expect(errorOf(() => configFrom({ BINANCE_MAX_ORDER_NOTIONAL: '-5' })).message).toMatch(
      /BINANCE_MAX_ORDER_NOTIONAL \(--max-order-notional\) is "-5"; allowed: a positive decimal/,
    );
    expect(errorOf(() => configFrom({ BINANCE_SYMBOL_ALLOWLIST: 'BTCUSDT,BTC/USDT' })).message).toMatch(
      /names "BTC\/USDT"; allowed: symbols such as BTCUSDT/,
    );
    expect(errorOf(() => configFrom({ BINANCE_MCP_LOG_LEVEL: 'loud' })).message).toMatch(
      /allowed: error, warn, info, debug/,
    );
    expect(errorOf(() => loadConfig({ argv: ['--nope'] })).message).toBe("Unknown option '--nope'.");
    expect(errorOf(() => loadConfig({ argv: ['serve'] })).message).toMatch(/Unexpected argument 'serve'/);
  });

  test('--simulator takes every URL; naming one as well is an error', () => {
    expect(configFrom({}, ['--simulator']).simulator).toBe(true);
    expect(
      errorOf(() => configFrom({ BINANCE_BASE_URL: 'http://127.0.0.1:1' }, ['--simulator'])).message,
    ).toBe('--simulator points every URL at the embedded simulator; remove BINANCE_BASE_URL (--base-url)');
  });
});

describe('credentials and toolsets', () => {
  test('an HMAC key adds the account toolset', () => {
    const config = configFrom({ BINANCE_API_KEY: KEY, BINANCE_API_SECRET: SECRET });
    expect(config.credentials).toEqual({ apiKey: KEY, apiSecret: SECRET });
    expect(config.toolsets).toEqual(['market', 'streams', 'account']);
  });

  test('an RSA or Ed25519 key from a file or from text ("\\n" escapes accepted)', () => {
    const { privateKey } = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const dir = mkdtempSync(join(tmpdir(), 'binance-mcp-'));
    const path = join(dir, 'key.pem');
    writeFileSync(path, privateKey);
    expect(configFrom({ BINANCE_API_KEY: KEY, BINANCE_PRIVATE_KEY_PATH: path }).credentials).toEqual({
      apiKey: KEY,
      privateKey,
    });
    const escaped = privateKey.replace(/\n/g, '\\n');
    expect(
      configFrom({ BINANCE_API_KEY: KEY, BINANCE_PRIVATE_KEY: escaped, BINANCE_PRIVATE_KEY_PASSPHRASE: 'pw' })
        .credentials,
    ).toEqual({
      apiKey: KEY,
      privateKey,
      privateKeyPassphrase: 'pw',
    });
    const missing = errorOf(() =>
      configFrom({ BINANCE_API_KEY: KEY, BINANCE_PRIVATE_KEY_PATH: join(dir, 'nope.pem') }),
    );
    expect(missing.message).toMatch(
      /BINANCE_PRIVATE_KEY_PATH \(--private-key-path\) is ".*nope\.pem", which cannot be read \(ENOENT\)/,
    );
  });

  test('incomplete or doubled credentials are errors that never show the secret', () => {
    const noSecret = errorOf(() => configFrom({ BINANCE_API_KEY: KEY }));
    expect(noSecret.message).toMatch(/BINANCE_API_KEY \(--api-key\) is set without its secret/);
    const noKey = errorOf(() => configFrom({ BINANCE_API_SECRET: SECRET }));
    expect(noKey.message).toMatch(/a secret or private key is set but BINANCE_API_KEY/);
    const both = errorOf(() =>
      configFrom({ BINANCE_API_KEY: KEY, BINANCE_API_SECRET: SECRET, BINANCE_PRIVATE_KEY: 'x' }),
    );
    expect(both.message).toMatch(/set only one of/);
    for (const error of [noSecret, noKey, both]) {
      expect(error.message).not.toContain(SECRET);
      expect(error.message).not.toContain(KEY);
    }
  });

  test('credentials the signer cannot use fail at start-up, without the secret', async () => {
    const config = configFrom({
      BINANCE_API_KEY: KEY,
      BINANCE_PRIVATE_KEY: `-----BEGIN PRIVATE KEY-----\n${SECRET}\n-----END PRIVATE KEY-----`,
    });
    const error = await createBinanceContext(config).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^the API credentials cannot be used: /);
    expect((error as Error).message).not.toContain(SECRET);
  });

  test('account or trading without credentials is an error naming what to set', () => {
    expect(errorOf(() => configFrom({ BINANCE_TOOLSETS: 'market,account' })).message).toMatch(
      /^the account toolset needs credentials: set BINANCE_API_KEY/,
    );
    expect(errorOf(() => configFrom({ BINANCE_ENABLE_TRADING: 'true' })).message).toMatch(
      /^the trading toolset needs credentials/,
    );
  });

  test('trading only when asked; --read-only wins over everything', () => {
    const creds = { BINANCE_API_KEY: KEY, BINANCE_API_SECRET: SECRET };
    expect(configFrom(creds).toolsets).not.toContain('trading');
    expect(configFrom({ ...creds, BINANCE_ENABLE_TRADING: 'true' }).toolsets).toEqual([
      'market',
      'streams',
      'account',
      'trading',
    ]);
    expect(configFrom({ ...creds, BINANCE_TOOLSETS: 'market,trading' }).toolsets).toEqual([
      'market',
      'trading',
    ]);
    expect(configFrom({ ...creds, BINANCE_TOOLSETS: 'all' }).toolsets).toEqual([
      'market',
      'streams',
      'account',
      'trading',
    ]);
    const readOnly = configFrom({ ...creds, BINANCE_TOOLSETS: 'all', BINANCE_ENABLE_TRADING: 'true' }, [
      '--read-only',
    ]);
    expect(readOnly.toolsets).toEqual(['market', 'streams', 'account']);
    expect(readOnly.trading.enabled).toBe(false);
    expect(readOnly.notices.join('\n')).toMatch(/read-only: the trading toolset is not registered/);
    // "all" without credentials is every toolset that works without them.
    expect(configFrom({ BINANCE_TOOLSETS: 'all' }).toolsets).toEqual(['market', 'streams']);
    expect(configFrom({ BINANCE_TOOLSETS: 'streams' }).toolsets).toEqual(['streams']);
  });

  test('caps are read and normalised', () => {
    const config = configFrom({
      BINANCE_API_KEY: KEY,
      BINANCE_API_SECRET: SECRET,
      BINANCE_ENABLE_TRADING: 'true',
      BINANCE_MAX_ORDER_NOTIONAL: '250.5',
      BINANCE_SYMBOL_ALLOWLIST: 'btcusdt, ETHUSDT',
    });
    expect(config.trading).toEqual({
      enabled: true,
      maxOrderNotional: '250.5',
      symbolAllowlist: ['BTCUSDT', 'ETHUSDT'],
    });
    expect(configFrom({ BINANCE_MAX_ORDER_NOTIONAL: '10' }).notices.join()).toMatch(
      /apply only when the trading toolset is on/,
    );
  });

  test('a secret given as a flag is accepted with a warning that does not repeat it', () => {
    const config = configFrom({}, ['--api-key', KEY, '--api-secret', SECRET]);
    expect(config.credentials).toEqual({ apiKey: KEY, apiSecret: SECRET });
    const notices = config.notices.join('\n');
    expect(notices).toMatch(/--api-secret puts a secret on the command line.*prefer BINANCE_API_SECRET/);
    expect(notices).not.toContain(SECRET);
  });
});

describe('HTTP', () => {
  test('loopback by default, no token needed', () => {
    expect(configFrom({}, ['--http']).http).toEqual({
      host: '127.0.0.1',
      port: 3000,
      token: undefined,
      tokenGenerated: false,
      allowedHosts: [],
      allowedOrigins: [],
    });
  });

  test('beyond loopback a token is required: the configured one, or a generated one', () => {
    expect(configFrom({}, ['--http', '--host', '0.0.0.0']).http).toMatchObject({
      host: '0.0.0.0',
      token: 'generated-token-0123456789',
      tokenGenerated: true,
    });
    expect(
      configFrom({ BINANCE_MCP_HTTP_TOKEN: 'a-token-of-enough-length' }, [
        '--http',
        '--host',
        '10.0.0.5',
        '--port',
        '0',
      ]).http,
    ).toMatchObject({ host: '10.0.0.5', port: 0, token: 'a-token-of-enough-length', tokenGenerated: false });
    expect(errorOf(() => configFrom({ BINANCE_MCP_HTTP_TOKEN: 'short' }, ['--http'])).message).toMatch(
      /at least 16 characters/,
    );
  });

  test('HTTP settings without --http are pointed out', () => {
    expect(configFrom({ BINANCE_MCP_PORT: '8080' }).notices.join()).toMatch(
      /BINANCE_MCP_PORT \(--port\) has no effect without --http/,
    );
  });
});
