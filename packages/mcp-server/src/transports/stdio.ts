// stdio: the client starts `binance-mcp` and talks JSON-RPC over stdin/stdout. stdout carries the
// protocol and nothing else (logs go to stderr). One server instance per connection; both protocol eras.

import { type StdioServerHandle, serveStdio } from '@modelcontextprotocol/server/stdio';
import type { BinanceContext } from '../context.js';
import { type BinanceMcpServerOptions, createBinanceMcpServer } from '../server.js';

/** Serves MCP on this process's stdin and stdout. */
export function serveBinanceStdio(
  context: BinanceContext,
  serverOptions: Omit<BinanceMcpServerOptions, 'context'> = {},
): StdioServerHandle {
  return serveStdio((ctx) => createBinanceMcpServer({ ...serverOptions, context, era: ctx.era }), {
    onerror: (error) => context.logger.warn(`stdio: ${context.redact(error.message)}`),
  });
}
