// The server factory and the mounting API. `createBinanceMcpServer` builds a complete MCP server over
// a shared `BinanceContext`; it is cheap, so transports call it per connection (stdio) or per request
// (HTTP). `registerBinanceTools` mounts all or some toolsets on a server of your own.

import { McpServer, type RegisteredTool } from '@modelcontextprotocol/server';
import type { BinanceContext } from './context.js';
import { registerPrompts } from './prompts/prompts.js';
import { registerAccountResource } from './resources/account.js';
import { registerLiveResources } from './resources/live.js';
import { registerMarketResources } from './resources/market.js';
import { LiveUpdates } from './streams/updates.js';
import { accountTools } from './tools/account/index.js';
import { registerTool, type ToolDefinition } from './tools/define.js';
import { marketTools } from './tools/market/index.js';
import { streamTools } from './tools/streams/index.js';
import { tradingTools } from './tools/trading/index.js';
import { READ_ONLY_TOOLSETS, TOOLSETS, type Toolset } from './toolsets.js';
import { VERSION } from './version.js';

/** Every tool this package defines, by toolset, in the order `tools/list` shows them. */
export const TOOL_DEFINITIONS: Readonly<Record<Toolset, readonly ToolDefinition[]>> = {
  market: marketTools,
  streams: streamTools,
  account: accountTools,
  trading: tradingTools,
};

export interface RegisterBinanceToolsOptions {
  /** The shared clients (see `createBinanceContext`). */
  readonly context: BinanceContext;
  /** Toolsets to mount. Default: the context's configured toolsets. */
  readonly toolsets?: readonly Toolset[];
  /** Only these tools (by name), within the toolsets. Default: every tool of the toolsets. */
  readonly tools?: readonly string[];
  /** Mount no tool that changes anything (wins over `toolsets` and `tools`). Default: the context's setting. */
  readonly readOnly?: boolean;
  /**
   * Owner of the stream subscriptions these tools make. Default: one owner per server, whose
   * subscriptions end when the server closes. Pass a fixed id to share them between servers (the
   * stateless HTTP transport does: leases end them instead).
   */
  readonly streamOwner?: string;
}

let owners = 0;

/** Runs `fn` when `server` closes (after any handler already set). */
function onServerClose(server: McpServer, fn: () => void): void {
  const previous = server.server.onclose;
  server.server.onclose = () => {
    previous?.();
    fn();
  };
}

/** The tool definitions `options` selects, in listing order. */
export function selectTools(
  options: Omit<RegisterBinanceToolsOptions, 'context'> & { context?: BinanceContext },
) {
  const toolsets = options.toolsets ?? options.context?.config.toolsets ?? ['market', 'streams'];
  const readOnly = options.readOnly ?? options.context?.config.readOnly ?? false;
  for (const t of toolsets) {
    if (!(TOOLSETS as readonly string[]).includes(t)) {
      throw new TypeError(`toolsets: "${t}" is not a toolset; allowed: ${TOOLSETS.join(', ')}`);
    }
  }
  const known = new Set(TOOLSETS.flatMap((t) => TOOL_DEFINITIONS[t].map((d) => d.name)));
  for (const name of options.tools ?? []) {
    if (!known.has(name))
      throw new TypeError(`tools: "${name}" is not a tool of binance-mcp; allowed: ${[...known].join(', ')}`);
  }
  const wanted = options.tools ? new Set(options.tools) : undefined;
  return (
    TOOLSETS.filter((t) => toolsets.includes(t) && (!readOnly || READ_ONLY_TOOLSETS.includes(t)))
      .flatMap((t) => TOOL_DEFINITIONS[t])
      .filter((d) => !wanted || wanted.has(d.name))
      // Read-only keeps what cannot change anything on Binance (stream subscriptions are this server's own).
      .filter((d) => !readOnly || !d.annotations.destructiveHint)
  );
}

/**
 * Mounts Binance tools on an MCP server of your own. Returns the registered tools (each can be
 * `disable()`d later).
 *
 * ```ts
 * const server = new McpServer({ name: 'my-server', version: '1.0.0' });
 * registerBinanceTools(server, { context, toolsets: ['market'] });
 * ```
 */
export function registerBinanceTools(
  server: McpServer,
  options: RegisterBinanceToolsOptions,
): RegisteredTool[] {
  const definitions = selectTools(options);
  let owner = options.streamOwner;
  if (owner === undefined) {
    const own = `connection-${++owners}`;
    owner = own;
    if (definitions.some((d) => d.toolset === 'streams')) {
      onServerClose(server, () => options.context.streams.release(own));
    }
  }
  const session = { owner };
  return definitions.map((definition) => registerTool(server, definition, options.context, session));
}

export interface RegisterBinanceResourcesOptions {
  readonly context: BinanceContext;
  /**
   * Which protocol revision the server speaks: on 2026-07-28 ('modern') a live resource is followed
   * for a while after each read (the client's listen filter picks what it receives); on 2025
   * ('legacy', default) through resources/subscribe.
   */
  readonly era?: 'modern' | 'legacy';
  /** Where change notices go; default: this server's own notifications (one per server, closed with it). */
  readonly updates?: LiveUpdates;
}

/**
 * Mounts the resources: exchange info, symbol rules, and the live ticker and book (with subscriptions).
 */
export function registerBinanceResources(server: McpServer, options: RegisterBinanceResourcesOptions): void {
  const { context } = options;
  registerMarketResources(server, context);
  registerAccountResource(server, context);
  let updates = options.updates;
  if (!updates) {
    const own = new LiveUpdates(context.streams, (uri) => server.server.sendResourceUpdated({ uri }));
    updates = own;
    onServerClose(server, () => own.close());
  }
  const live = updates;
  registerLiveResources(server, context, {
    updates: live,
    followAfterReadMs: options.era === 'modern' ? context.streams.leaseMs : undefined,
  });
  // 2025 subscriptions: live resources notify on change; the others change too rarely to notify.
  server.server.setRequestHandler('resources/subscribe', async (request) => {
    await live.follow(request.params.uri);
    return {};
  });
  server.server.setRequestHandler('resources/unsubscribe', async (request) => {
    live.unfollow(request.params.uri);
    return {};
  });
}

/** Mounts the prompts (market overview, liquidity analysis, trade plan), adapted to `toolsets`. */
export function registerBinancePrompts(
  server: McpServer,
  options: { readonly context: BinanceContext; readonly toolsets?: readonly Toolset[] },
): void {
  registerPrompts(server, options.context, { toolsets: options.toolsets ?? options.context.config.toolsets });
}

export interface BinanceMcpServerOptions extends RegisterBinanceToolsOptions {
  /** The protocol revision of this instance (the transports pass what the client speaks). Default 'legacy'. */
  readonly era?: 'modern' | 'legacy';
  /** Shared change notices for live resources (the stateless HTTP transport passes its own). */
  readonly updates?: LiveUpdates;
  /** Register the resources. Default true. */
  readonly resources?: boolean;
  /** Register the prompts. Default true. */
  readonly prompts?: boolean;
  /** The server's name in `serverInfo`. Default "binance-mcp". */
  readonly name?: string;
}

function instructions(context: BinanceContext, toolsets: readonly Toolset[]): string {
  return [
    `Binance Spot, ${context.environment} environment${context.environment === 'mainnet' ? ' (real markets)' : ''}. Every result is tagged with the environment it came from.`,
    'Prices and quantities are exact decimal strings; times are epoch ms (inputs also take ISO dates and "-2h"-style relative times). Results are small by default: raise limit or follow nextCursor for more.',
    'Start with get_exchange_info to find symbols, get_price/get_ticker for prices, get_klines for history, get_order_book for liquidity.',
    toolsets.includes('trading')
      ? 'Trading is enabled: check the symbol rules, call test_order first, and place orders only when the user has confirmed them.'
      : 'No trading tools are enabled on this server.',
  ].join(' ');
}

/**
 * A complete Binance MCP server (tools, resources, prompts) over a shared context. Cheap enough to call
 * per connection or per request.
 *
 * ```ts
 * const context = await createBinanceContext(config);
 * const server = createBinanceMcpServer({ context });
 * ```
 */
export function createBinanceMcpServer(options: BinanceMcpServerOptions): McpServer {
  const { context } = options;
  const toolsets = options.toolsets ?? context.config.toolsets;
  const server = new McpServer(
    { name: options.name ?? 'binance-mcp', title: 'Binance', version: VERSION },
    {
      instructions: instructions(context, toolsets),
      maxToolInputElements: 500,
      ...(options.resources === false ? {} : { capabilities: { resources: { subscribe: true } } }),
    },
  );
  registerBinanceTools(server, { ...options, toolsets });
  if (options.resources !== false) {
    registerBinanceResources(server, {
      context,
      ...(options.era ? { era: options.era } : {}),
      ...(options.updates ? { updates: options.updates } : {}),
    });
  }
  if (options.prompts !== false) registerBinancePrompts(server, { context, toolsets });
  return server;
}
