// Public surface of @binance-mcp/simulator.

export type { ApiKeyCredentials, ApiKeyOptions, KeyType } from './accounts/api-keys.js';
export type { AccountCredentials, AccountOptions } from './accounts/registry.js';
export type { RestFaultKind, RestFaultOptions } from './faults.js';
export { KLINE_INTERVALS, type KlineInterval } from './market/intervals.js';
export type { SymbolFlagName, SymbolFlags } from './market/symbol-flags.js';
export type { SymbolStatus } from './market/symbols.js';
export type { ResolvedOptions as ResolvedSimulatorOptions, SimulatorOptions } from './options.js';
export type { RequestRecord } from './rest/request-log.js';
export {
  type BalanceInfo,
  type BookLevel,
  type BookSnapshot,
  type MarketOrderResult,
  type OrderInfo,
  type Simulator,
  startSimulator,
} from './simulator.js';
export type { StreamConnectionInfo } from './streams/server.js';
export type { WsApiConnectionInfo } from './ws-api/server.js';
