// Logging goes to stderr, never stdout: under stdio, stdout carries the protocol and nothing else.

import type { LogLevel } from './config/load.js';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/**
 * A logger writing `binance-mcp: <message>` lines at or above `level` to `write` (default: stderr).
 * `redact` is applied to every line, so a secret that slipped into a message never reaches the log.
 */
export function createLogger(
  level: LogLevel = 'info',
  options: { write?: (line: string) => void; redact?: (text: string) => string } = {},
): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const redact = options.redact ?? ((text: string) => text);
  const at =
    (l: LogLevel) =>
    (message: string): void => {
      if (RANK[l] <= RANK[level]) write(`binance-mcp: ${l === 'info' ? '' : `${l}: `}${redact(message)}\n`);
    };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** A logger that drops everything (the default for library use). */
export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };
