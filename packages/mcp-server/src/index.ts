// The public surface of binance-mcp (the library behind the `binance-mcp` command). Nothing else is
// exported.

export { helpText } from './config/help.js';
export {
  type BinanceMcpConfig,
  ConfigError,
  type HttpConfig,
  LOG_LEVELS,
  type LoadConfigInput,
  type LoadResult,
  type LogLevel,
  loadConfig,
  type TradingConfig,
} from './config/load.js';
export { OPTIONS, type OptionSpec } from './config/options.js';
export {
  type BinanceContext,
  type CreateContextOptions,
  createBinanceContext,
  type EmbeddedSimulator,
  SIMULATOR_DEMO_BALANCES,
} from './context.js';
export {
  ENVIRONMENT_URLS,
  ENVIRONMENTS,
  type Environment,
  type EnvironmentUrls,
  EXCHANGE_ENVIRONMENTS,
  type ExchangeEnvironment,
} from './environment.js';
export { createLogger, type Logger, silentLogger } from './log.js';
export { createRedactor, type Redactor } from './redact.js';
export {
  type BinanceMcpServerOptions,
  createBinanceMcpServer,
  type RegisterBinanceToolsOptions,
  registerBinancePrompts,
  registerBinanceResources,
  registerBinanceTools,
  selectTools,
  TOOL_DEFINITIONS,
} from './server.js';
export type { ToolAnnotations, ToolDefinition } from './tools/define.js';
export { TOOLSET_DESCRIPTIONS, TOOLSETS, type Toolset } from './toolsets.js';
export { type HttpServerHandle, MAX_BODY_BYTES, startHttpServer } from './transports/http.js';
export { serveBinanceStdio } from './transports/stdio.js';
export { VERSION } from './version.js';
