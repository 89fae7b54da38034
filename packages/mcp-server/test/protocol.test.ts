// The MCP surface as a client sees it, in both protocol eras: the tool list as a contract (names,
// titles, descriptions, annotations, schemas, size), structured results that match the advertised output
// schemas, resources with completion, prompts, and the library API for mounting toolsets elsewhere.

import { McpServer } from '@modelcontextprotocol/server';
import {
  type BinanceMcpServerOptions,
  createBinanceMcpServer,
  registerBinanceTools,
  selectTools,
  TOOL_DEFINITIONS,
} from 'binance-mcp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as z from 'zod';
import {
  type Connected,
  connectLegacy,
  connectModern,
  type SimContext,
  simContext,
  textOf,
} from './helpers.js';

let s: SimContext;
let modern: Connected;
let legacy: Connected;

beforeAll(async () => {
  s = await simContext();
  modern = await connectModern(s.context);
  legacy = await connectLegacy(s.context);
});
afterAll(async () => {
  await modern?.close();
  await legacy?.close();
  await s?.close();
});

const ACCOUNT = [
  'get_account',
  'get_open_orders',
  'get_order',
  'get_all_orders',
  'get_my_trades',
  'get_commission_rates',
];
const TRADING = [
  'place_order',
  'test_order',
  'cancel_order',
  'cancel_all_orders',
  'replace_order',
  'place_order_list',
  'cancel_order_list',
];
const STREAMS = ['subscribe_stream', 'read_stream', 'unsubscribe_stream', 'list_streams'];
const MARKET = [
  'get_server_time',
  'get_exchange_info',
  'get_order_book',
  'get_trades',
  'get_klines',
  'get_avg_price',
  'get_price',
  'get_book_ticker',
  'get_ticker',
];

/** The text of a prompt's first message. */
function promptText(result: { messages: { content: unknown }[] }): string {
  const content = result.messages[0]?.content as { type?: string; text?: string } | undefined;
  return content?.type === 'text' ? (content.text ?? '') : '';
}

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  description?: string;
  anyOf?: JsonSchema[];
};

describe('tools/list is a contract', () => {
  test('the same tools in both eras, in a stable order', async () => {
    const a = (await modern.client.listTools()).tools.map((t) => t.name);
    const b = (await legacy.client.listTools()).tools.map((t) => t.name);
    // The simulator opens a demo account: the account toolset is on, trading is not.
    expect(a).toEqual([...MARKET, ...STREAMS, ...ACCOUNT]);
    expect(b).toEqual(a);
  });

  test('every tool: title, a description saying when to use it, four explicit annotations, strict schemas', async () => {
    const { tools } = await modern.client.listTools();
    for (const tool of tools) {
      expect(tool.title, tool.name).toMatch(/\w/);
      expect(tool.description?.length, tool.name).toBeGreaterThan(150);
      // Says when to use another tool (or resource) instead.
      const others = tools.map((t) => t.name).filter((n) => n !== tool.name);
      expect(
        others.some((n) => tool.description?.includes(n)) || tool.description?.includes('binance://'),
        tool.name,
      ).toBe(true);
      // Nothing here changes anything on Binance; subscribing changes only this server's own state.
      const changesState = tool.name === 'subscribe_stream' || tool.name === 'unsubscribe_stream';
      expect(tool.annotations, tool.name).toEqual({
        readOnlyHint: !changesState,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      });
      const input = tool.inputSchema as JsonSchema & { additionalProperties?: boolean };
      expect(input.type).toBe('object');
      expect(input.additionalProperties, tool.name).toBe(false);
      for (const [field, schema] of Object.entries(input.properties ?? {})) {
        const described = schema.description ?? schema.anyOf?.find((x) => x.description)?.description;
        expect(described, `${tool.name}.${field} has a description`).toMatch(/\w/);
      }
      const output = tool.outputSchema as JsonSchema & { required?: string[] };
      expect(output.type).toBe('object');
      expect(output.required).toContain('environment');
    }
  });

  test('the whole list stays small (every tool costs context)', async () => {
    const { tools } = await modern.client.listTools();
    const size = (names: string[]) => JSON.stringify(tools.filter((t) => names.includes(t.name))).length;
    expect(size([...MARKET, ...STREAMS])).toBeLessThan(48_000);
    expect(size(ACCOUNT)).toBeLessThan(26_000);
    // The trading tools, mounted where an operator enables them.
    const all = await connectModern(s.context, { toolsets: ['market', 'streams', 'account', 'trading'] });
    try {
      const trading = (await all.client.listTools()).tools.filter((t) => TRADING.includes(t.name));
      expect(trading.map((t) => t.name)).toEqual(TRADING);
      // About 40,600 characters now; the cap leaves ~15% so descriptions cannot bloat unnoticed.
      expect(JSON.stringify(trading).length).toBeLessThan(47_000);
    } finally {
      await all.close();
    }
  });

  test('an unknown tool is a protocol error (SDK v2), a disabled one too', async () => {
    await expect(modern.client.callTool({ name: 'get_balance', arguments: {} })).rejects.toThrow(
      /Tool get_balance not found/,
    );
  });
});

describe('results', () => {
  const questions: [string, Record<string, unknown>][] = [
    ['get_server_time', {}],
    ['get_exchange_info', { search: 'ETH', detail: 'rules' }],
    ['get_order_book', { symbol: 'BTCUSDT', impactQuantity: '1' }],
    ['get_trades', { symbol: 'BTCUSDT', startTime: '-10m', limit: 5 }],
    ['get_klines', { symbol: 'BTCUSDT', interval: '1d', limit: 3 }],
    ['get_avg_price', { symbol: 'BTCUSDT' }],
    ['get_price', { quoteAsset: 'USDT' }],
    ['get_book_ticker', { symbol: 'ETHBTC' }],
    ['get_ticker', { symbols: ['BTCUSDT', 'ETHUSDT'], type: 'MINI' }],
  ];

  test.each(questions)(
    '%s: structured content matches its output schema, in both eras',
    async (name, args) => {
      const definition = Object.values(TOOL_DEFINITIONS)
        .flat()
        .find((d) => d.name === name);
      const schema = z.object({ environment: z.literal('simulator'), ...definition?.output }).strict();
      for (const client of [modern.client, legacy.client]) {
        const result = await client.callTool({ name, arguments: args });
        expect(result.isError, textOf(result)).toBeFalsy();
        schema.parse(result.structuredContent);
        expect(textOf(result)).toMatch(/^\[simulator\] /);
        // The text is short, and never bigger than the JSON it renders.
        expect(textOf(result).length).toBeLessThanOrEqual(
          JSON.stringify(result.structuredContent).length + 200,
        );
      }
    },
  );
});

describe('resources', () => {
  test('listed: the exchange summary and the symbol template', async () => {
    const { resources } = await modern.client.listResources();
    // binance://account: credentials are present (the simulator's demo account).
    expect(resources.map((r) => r.uri)).toEqual(['binance://exchange-info', 'binance://account']);
    const { resourceTemplates } = await modern.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual([
      'binance://symbol/{symbol}',
      'binance://ticker/{symbol}',
      'binance://book/{symbol}',
    ]);
    for (const r of [...resources, ...resourceTemplates]) expect(r.description?.length).toBeGreaterThan(60);
  });

  test('exchange-info: rate limits, counts and every symbol by quote asset', async () => {
    const { contents } = await legacy.client.readResource({ uri: 'binance://exchange-info' });
    const doc = JSON.parse((contents[0] as { text: string }).text);
    expect(doc.environment).toBe('simulator');
    expect(doc.symbolCount).toBe(s.sim.symbols().length);
    expect(doc.symbolsByQuoteAsset.USDT).toContain('BTCUSDT');
    expect(Object.values(doc.symbolsByQuoteAsset).flat()).toHaveLength(s.sim.symbols().length);
    expect(doc.rateLimits[0].rateLimitType).toBe('REQUEST_WEIGHT');
  });

  test('symbol: rules at a glance and the raw filters; any case; unknown is not found', async () => {
    const { contents } = await modern.client.readResource({ uri: 'binance://symbol/btcusdt' });
    const doc = JSON.parse((contents[0] as { text: string }).text);
    expect(doc).toMatchObject({
      environment: 'simulator',
      symbol: 'BTCUSDT',
      rules: { baseAsset: 'BTC', quoteAsset: 'USDT' },
    });
    expect(doc.rules.tickSize).toBe(
      doc.info.filters.find((f: { filterType: string }) => f.filterType === 'PRICE_FILTER').tickSize,
    );
    await expect(modern.client.readResource({ uri: 'binance://symbol/NOPEUSDT' })).rejects.toThrow(
      /Resource not found/,
    );
    await expect(legacy.client.readResource({ uri: 'binance://nothing' })).rejects.toThrow(/not found/);
  });

  test('completion of symbol names', async () => {
    const result = await modern.client.complete({
      ref: { type: 'ref/resource', uri: 'binance://symbol/{symbol}' },
      argument: { name: 'symbol', value: 'eth' },
    });
    expect(result.completion.values[0]).toBe('ETHUSDT');
    expect(result.completion.values.every((v) => v.includes('ETH'))).toBe(true);
    expect(result.completion.values.filter((v) => v.startsWith('ETH'))).toEqual(
      s.sim.symbols().filter((x) => x.startsWith('ETH')),
    );
  });
});

describe('prompts', () => {
  test('three prompts, each with a description and its arguments', async () => {
    const { prompts } = await modern.client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['market_overview', 'liquidity_analysis', 'trade_plan']);
    for (const p of prompts) expect(p.description?.length).toBeGreaterThan(60);
    expect(prompts.find((p) => p.name === 'trade_plan')?.arguments?.map((a) => [a.name, a.required])).toEqual(
      [
        ['symbol', true],
        ['side', true],
        ['amount', true],
        ['price', false],
      ],
    );
  });

  test('each prompt names the tools to use for its symbol', async () => {
    const overview = await legacy.client.getPrompt({
      name: 'market_overview',
      arguments: { symbol: 'ethusdt' },
    });
    const text = promptText(overview);
    expect(text).toContain('ETHUSDT');
    expect(text).toContain('(simulator)');
    for (const tool of ['get_ticker', 'get_klines', 'get_order_book', 'get_trades'])
      expect(text).toContain(tool);
    const liquidity = await modern.client.getPrompt({
      name: 'liquidity_analysis',
      arguments: { symbol: 'BTCUSDT', size: '5000' },
    });
    expect(promptText(liquidity)).toContain('impactQuoteQuantity "5000"');
  });

  test('the trade plan adapts to whether trading is enabled', async () => {
    const args = { symbol: 'BTCUSDT', side: 'BUY', amount: '100 USDT' };
    const without = await modern.client.getPrompt({ name: 'trade_plan', arguments: args });
    expect(promptText(without)).toMatch(/no trading tools enabled/);
    const withTrading = await connectLegacy(s.context, { toolsets: ['market', 'trading'] });
    try {
      const plan = await withTrading.client.getPrompt({
        name: 'trade_plan',
        arguments: { ...args, price: '50000' },
      });
      const text = promptText(plan);
      expect(text).toMatch(/test_order/);
      expect(text.indexOf('test_order')).toBeLessThan(text.indexOf('place_order'));
      expect(text).toMatch(/Never place an order I did not confirm/);
    } finally {
      await withTrading.close();
    }
  });

  test('prompt arguments complete and are checked', async () => {
    const result = await modern.client.complete({
      ref: { type: 'ref/prompt', name: 'market_overview' },
      argument: { name: 'symbol', value: 'BN' },
    });
    expect(result.completion.values).toContain('BNBUSDT');
    await expect(
      modern.client.getPrompt({
        name: 'trade_plan',
        arguments: { symbol: 'BTCUSDT', side: 'HOLD', amount: '1' },
      }),
    ).rejects.toThrow(/side/);
  });
});

describe('library API', () => {
  test('registerBinanceTools mounts some toolsets or tools on your own server', async () => {
    const server = new McpServer({ name: 'mine', version: '1.0.0' });
    server.registerTool('hello', { description: 'says hello' }, async () => ({
      content: [{ type: 'text', text: 'hi' }],
    }));
    const registered = registerBinanceTools(server, {
      context: s.context,
      tools: ['get_price', 'get_klines'],
    });
    expect(registered).toHaveLength(2);
    const { InMemoryTransport, Client } = await import('@modelcontextprotocol/client');
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(b);
    const client = new Client({ name: 't', version: '0' });
    await client.connect(a);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['hello', 'get_klines', 'get_price']);
    registered[0]?.disable();
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['hello', 'get_price']);
    await client.close();
  });

  test('selectTools: toolsets, names, read-only; unknown names are refused', () => {
    expect(selectTools({ toolsets: ['market'] }).map((d) => d.name)).toEqual(MARKET);
    expect(selectTools({ toolsets: ['streams'] }).map((d) => d.name)).toEqual(STREAMS);
    // Read-only keeps the stream tools: they change nothing on Binance.
    expect(selectTools({ toolsets: ['market', 'streams'], readOnly: true })).toHaveLength(13);
    expect(() => selectTools({ tools: ['get_balance'] })).toThrow(
      /tools: "get_balance" is not a tool of binance-mcp/,
    );
    expect(() => selectTools({ toolsets: ['wallet' as never] })).toThrow(
      /toolsets: "wallet" is not a toolset/,
    );
  });

  test('createBinanceMcpServer without resources and prompts', async () => {
    const options: BinanceMcpServerOptions = {
      context: s.context,
      resources: false,
      prompts: false,
      toolsets: ['market'],
    };
    const server = createBinanceMcpServer(options);
    const { InMemoryTransport, Client } = await import('@modelcontextprotocol/client');
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(b);
    const client = new Client({ name: 't', version: '0' });
    await client.connect(a);
    expect(client.getServerCapabilities()?.prompts).toBeUndefined();
    expect(client.getInstructions()).toMatch(/simulator environment/);
    await client.close();
  });
});
