// The long-lived part of the server: the REST client (with its weight budget, clock and exchangeInfo
// cache), the signer, the embedded simulator when asked for, and the redactor. Created once per process
// and shared by every MCP server instance the transports create (one per stdio connection, one per HTTP
// request), so per-request instances stay cheap and share one rate-limit budget.

import { createPublicKey } from 'node:crypto';
import { createRestClient, type RestClient, type RestClientOptions } from '@binance-mcp/rest';
import { type Credentials, createSigner, type Signer } from '@binance-mcp/signing';
import type { Simulator, SimulatorOptions } from '@binance-mcp/simulator';
import { type BinanceMcpConfig, ConfigError } from './config/load.js';
import { ENVIRONMENT_URLS, type Environment } from './environment.js';
import { type Logger, silentLogger } from './log.js';
import { createRedactor, type Redactor } from './redact.js';
import { StreamHub, type StreamHubOptions } from './streams/hub.js';

/** The embedded simulator's handle (its controls: faults, clock, market orders, …). */
export type EmbeddedSimulator = Simulator;

/** Balances of the demo account `--simulator` opens when no keys are configured. */
export const SIMULATOR_DEMO_BALANCES: Readonly<Record<string, string>> = Object.freeze({
  USDT: '10000',
  BTC: '0.1',
  ETH: '2',
  BNB: '10',
});

export interface BinanceContext {
  /** Where results come from: mainnet, testnet, demo or simulator. */
  readonly environment: Environment;
  readonly config: BinanceMcpConfig;
  readonly rest: RestClient;
  /** The URLs in use. */
  readonly urls: { readonly rest: string; readonly stream: string; readonly wsApi: string };
  /** Present when credentials are configured (or the simulator opened a demo account). */
  readonly signer: Signer | undefined;
  /** Where the signer's key comes from: the configuration, or the simulator's demo account. */
  readonly credentialsSource: 'configuration' | 'simulator-demo-account' | undefined;
  /** The embedded simulator, with `--simulator`. */
  readonly simulator: EmbeddedSimulator | undefined;
  readonly logger: Logger;
  /** Replaces any configured secret in a text with "[redacted]". */
  readonly redact: Redactor;
  /** Live streams, local order books and their owners (the WebSocket client opens on first use). */
  readonly streams: StreamHub;
  /** Closes what the context opened (simulator, connections). Idempotent. */
  close(): Promise<void>;
}

export interface CreateContextOptions {
  /** Where logs go. Default: nothing (the CLI passes a stderr logger). */
  readonly logger?: Logger;
  /** A `fetch` for the REST client (tests, proxies). */
  readonly fetch?: typeof fetch;
  /** Extra REST client options (timeouts, retries, weight limit). */
  readonly rest?: Omit<RestClientOptions, 'baseUrl' | 'fallbackUrls' | 'signer' | 'recvWindow' | 'fetch'>;
  /** Stream hub settings (leases, buffer sizes); for tests. */
  readonly streams?: Omit<StreamHubOptions, 'baseUrl' | 'rest' | 'logger'>;
  /** Options for the embedded simulator (with `config.simulator`); default seed 1 on a free port. */
  readonly simulatorOptions?: SimulatorOptions;
}

/** Registers configured credentials with the embedded simulator (unless it already knows the key). */
function registerInSimulator(sim: Simulator, credentials: Credentials): void {
  try {
    if (credentials.apiSecret !== undefined) {
      sim.createAccount({
        apiKey: credentials.apiKey,
        secret: credentials.apiSecret,
        balances: { ...SIMULATOR_DEMO_BALANCES },
      });
    } else {
      const publicKey = createPublicKey({
        key: credentials.privateKey as string,
        format: 'pem',
        ...(credentials.privateKeyPassphrase ? { passphrase: credentials.privateKeyPassphrase } : {}),
      })
        .export({ type: 'spki', format: 'pem' })
        .toString();
      sim.createAccount({ apiKey: credentials.apiKey, publicKey, balances: { ...SIMULATOR_DEMO_BALANCES } });
    }
  } catch {
    // Already registered (e.g. through the simulator's options), or a key the signer will reject with
    // a clear message of its own.
  }
}

async function startEmbeddedSimulator(
  options: CreateContextOptions['simulatorOptions'],
): Promise<EmbeddedSimulator> {
  // Imported only when asked for: the simulator is a runtime dependency, but nothing loads it otherwise.
  const { startSimulator } = await import('@binance-mcp/simulator');
  return startSimulator({ seed: 1, ...options });
}

/**
 * Opens the long-lived resources for `config`: starts the embedded simulator (with `simulator`),
 * checks the credentials by building the signer, and creates the REST client.
 *
 * ```ts
 * const result = loadConfig({ env: process.env });
 * if (result.kind === 'run') {
 *   const context = await createBinanceContext(result.config);
 *   const server = createBinanceMcpServer({ context });
 * }
 * ```
 */
export async function createBinanceContext(
  config: BinanceMcpConfig,
  options: CreateContextOptions = {},
): Promise<BinanceContext> {
  const logger = options.logger ?? silentLogger;
  const simulator = config.simulator ? await startEmbeddedSimulator(options.simulatorOptions) : undefined;
  let credentials: Credentials | undefined = config.credentials;
  let credentialsSource: BinanceContext['credentialsSource'] = credentials ? 'configuration' : undefined;
  if (simulator) {
    if (credentials) registerInSimulator(simulator, credentials);
    else {
      const demo = simulator.createAccount({ balances: { ...SIMULATOR_DEMO_BALANCES } });
      credentials = { apiKey: demo.apiKey, apiSecret: demo.secret as string };
      credentialsSource = 'simulator-demo-account';
    }
  }
  const c = credentials;
  const secrets = c ? [c.apiKey, c.apiSecret, c.privateKey, c.privateKeyPassphrase] : [];
  const redact = createRedactor([...secrets, config.http?.token]);

  let signer: Signer | undefined;
  if (c) {
    try {
      signer = await createSigner(c);
    } catch (error) {
      await simulator?.close();
      // The signing package's messages never hold the secret; redact anyway.
      const message = error instanceof Error ? error.message : String(error);
      throw new ConfigError(`the API credentials cannot be used: ${redact(message)}`, 'BINANCE_API_KEY');
    }
  }

  const defaults = ENVIRONMENT_URLS[config.environment];
  const urls = simulator
    ? { rest: simulator.restUrl, stream: simulator.streamUrl, wsApi: simulator.wsApiUrl }
    : {
        rest: config.urls.rest ?? defaults.rest,
        stream: config.urls.stream ?? defaults.stream,
        wsApi: config.urls.wsApi ?? defaults.wsApi,
      };
  const fallbackUrls = simulator || config.urls.rest !== undefined ? [] : defaults.restFallbacks;

  const rest = createRestClient({
    // An agent is better served by "retry in 20 s" than by a call that hangs until the next minute.
    onBudgetExhausted: 'fail',
    ...options.rest,
    baseUrl: urls.rest,
    fallbackUrls,
    ...(signer ? { signer } : {}),
    ...(config.recvWindow !== undefined ? { recvWindow: config.recvWindow } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    logger: (event) => {
      if (event.type === 'ban' || event.type === 'rate-limited')
        logger.warn(`${event.type}: ${JSON.stringify(event)}`);
      else if (event.type === 'failover' || event.type === 'retry')
        logger.info(`${event.type}: ${JSON.stringify(event)}`);
      else logger.debug(`${event.type}: ${JSON.stringify(event)}`);
    },
  });

  const streams = new StreamHub({ baseUrl: urls.stream, rest, logger, ...options.streams });

  let closed: Promise<void> | undefined;
  return {
    environment: simulator ? 'simulator' : config.environment,
    config,
    rest,
    urls,
    signer,
    credentialsSource,
    simulator,
    logger,
    redact,
    streams,
    close() {
      closed ??= (async () => {
        await streams.close();
        await simulator?.close();
      })();
      return closed;
    },
  };
}
