// The `binance-mcp` command: reads the configuration, opens the shared context (and the embedded
// simulator with --simulator), then serves stdio (default) or Streamable HTTP (--http). Errors in the
// configuration print one clear line to stderr and exit with status 2; nothing but protocol ever goes
// to stdout while serving stdio.

import { helpText } from './config/help.js';
import { ConfigError, loadConfig } from './config/load.js';
import { type BinanceContext, createBinanceContext } from './context.js';
import { createLogger } from './log.js';
import { createRedactor } from './redact.js';
import { TOOLSETS } from './toolsets.js';
import { startHttpServer } from './transports/http.js';
import { serveBinanceStdio } from './transports/stdio.js';
import { VERSION } from './version.js';

async function main(): Promise<void> {
  let result: ReturnType<typeof loadConfig>;
  try {
    result = loadConfig({ argv: process.argv.slice(2), env: process.env });
  } catch (error) {
    fail(error);
    return;
  }
  if (result.kind === 'help') {
    process.stdout.write(helpText(VERSION));
    return;
  }
  if (result.kind === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const { config } = result;
  const c = config.credentials;
  const redact = createRedactor(
    c ? [c.apiKey, c.apiSecret, c.privateKey, c.privateKeyPassphrase, config.http?.token] : [],
  );
  const logger = createLogger(config.logLevel, { redact });
  for (const notice of config.notices) logger.warn(notice);

  let context: BinanceContext;
  try {
    context = await createBinanceContext(config, { logger });
  } catch (error) {
    fail(error);
    return;
  }
  const toolsets = TOOLSETS.filter((t) => config.toolsets.includes(t)).join(', ');
  logger.info(`${VERSION} on ${context.environment} (${context.urls.rest}); toolsets: ${toolsets}`);

  let stop: () => Promise<void>;
  if (config.http) {
    const http = await startHttpServer(context, config.http);
    logger.info(`listening on ${http.url}${config.http.token ? ' (bearer token required)' : ''}`);
    if (config.http.tokenGenerated) {
      // Deliberately printed: the operator needs it to connect. It is not in any other log line.
      process.stderr.write(`binance-mcp: bearer token for this run: ${config.http.token}\n`);
    }
    stop = () => http.close();
  } else {
    const stdio = serveBinanceStdio(context);
    stop = () => stdio.close();
    // The client closing stdin ends the session.
    process.stdin.once('end', () => void shutdown('stdin closed'));
  }

  let stopping = false;
  async function shutdown(reason: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.debug(`shutting down: ${reason}`);
    const timer = setTimeout(() => process.exit(0), 3000);
    timer.unref();
    try {
      await stop();
      await context.close();
    } finally {
      process.exit(0);
    }
  }
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function fail(error: unknown): void {
  const message =
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`binance-mcp: ${message}\n`);
  if (error instanceof ConfigError && !message.includes('--help')) {
    process.stderr.write('Run binance-mcp --help for the options.\n');
  }
  process.exitCode = error instanceof ConfigError ? 2 : 1;
}

void main();
