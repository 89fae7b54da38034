// Public surface of @binance-mcp/simulator.

export type { RestFaultKind, RestFaultOptions } from './faults.js';
export { KLINE_INTERVALS, type KlineInterval } from './market/intervals.js';
export type { SymbolStatus } from './market/symbols.js';
export type { SimulatorOptions } from './options.js';
export type { RequestRecord } from './rest/request-log.js';
export { type BookLevel, type BookSnapshot, type Simulator, startSimulator } from './simulator.js';
