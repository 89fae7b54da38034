// Confirmation of live actions, on a test tool that counts what it "sends": the user is asked through
// elicitation where the client can show a form (2026-07-28 input_required round trip; the 2025 shim's
// real elicitation/create), and a declined, cancelled or unchecked form sends nothing; a client without
// the capability is told to get the user's agreement and repeat with confirm: true.

import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as z from 'zod';
import { confirmAction } from '../src/tools/confirm.js';
import { defineTool, registerTool } from '../src/tools/define.js';
import { type SimContext, simContext, textOf } from './helpers.js';

let s: SimContext;
let sent = 0;

beforeAll(async () => {
  s = await simContext();
});
afterAll(() => s?.close());

const launch = defineTool({
  name: 'launch',
  toolset: 'trading',
  title: 'Launch',
  description: 'A test action that needs confirmation.',
  input: z.strictObject({ what: z.string(), confirm: z.boolean().optional() }),
  output: { launched: z.string(), confirmedBy: z.string() },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run(args, env) {
    const answer = confirmAction({
      mcp: env.mcp,
      server: env.server,
      summary: `Launch ${args.what}`,
      confirmArgument: args.confirm,
      tool: 'launch',
      environment: env.binance.environment,
    });
    if (!answer.confirmed) return answer.result;
    sent++;
    return { launched: args.what, confirmedBy: answer.how };
  },
  render: (d) => `launched ${d.launched}`,
});

function makeServer(): McpServer {
  const server = new McpServer({ name: 'confirm-test', version: '0' });
  registerTool(server, launch, s.context);
  return server;
}

type Answer = { action: 'accept' | 'decline' | 'cancel'; content?: { confirm: boolean } };

async function connect(era: 'modern' | 'legacy', answer: Answer | undefined) {
  const client = new Client(
    { name: 't', version: '0' },
    {
      ...(era === 'modern' ? { versionNegotiation: { mode: 'auto' as const } } : {}),
      ...(answer ? { capabilities: { elicitation: { form: {} } } } : {}),
    },
  );
  const asked: string[] = [];
  if (answer) {
    client.setRequestHandler('elicitation/create', async (request) => {
      asked.push(String((request.params as { message?: string }).message));
      return answer;
    });
  }
  if (era === 'modern') {
    const handler = createMcpHandler(() => makeServer());
    await client.connect(
      new StreamableHTTPClientTransport(new URL('http://test.local/mcp'), {
        fetch: (url, init) => handler.fetch(new Request(url, init)),
      }),
    );
    const close = async () => {
      await client.close();
      await handler.close();
    };
    return { client, asked, close };
  }
  const [a, b] = InMemoryTransport.createLinkedPair();
  const server = makeServer();
  await server.connect(b);
  await client.connect(a);
  const close = async () => {
    await client.close();
    await server.close();
  };
  return { client, asked, close };
}

describe.each(['modern', 'legacy'] as const)('%s era', (era) => {
  test('a client with elicitation asks the user; accepted, it goes ahead once', async () => {
    const c = await connect(era, { action: 'accept', content: { confirm: true } });
    const before = sent;
    const result = await c.client.callTool({ name: 'launch', arguments: { what: 'rocket' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ launched: 'rocket', confirmedBy: 'elicitation' });
    expect(c.asked).toEqual([
      expect.stringMatching(/^Launch rocket\n\nEnvironment: simulator\. Confirm to send it\.$/),
    ]);
    expect(sent).toBe(before + 1);
    await c.close();
  });

  test.each([
    ['decline', { action: 'decline' }],
    ['cancel', { action: 'cancel' }],
    ['unchecked', { action: 'accept', content: { confirm: false } }],
  ] as const)('%s: nothing is sent', async (_name, answer) => {
    const c = await connect(era, answer as Answer);
    const before = sent;
    const result = await c.client.callTool({ name: 'launch', arguments: { what: 'rocket', confirm: true } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^\[simulator\] Not done: the user (chose to (decline|cancel)|left) "Launch rocket"/,
    );
    expect(sent).toBe(before);
    await c.close();
  });

  test('a client without elicitation: told to ask the user, then confirm: true goes ahead', async () => {
    const c = await connect(era, undefined);
    const before = sent;
    const first = await c.client.callTool({ name: 'launch', arguments: { what: 'probe' } });
    expect(first.isError).toBe(true);
    expect(textOf(first)).toBe(
      '[simulator] Not done: launch needs the user\'s confirmation and this client cannot show a confirmation dialog. Show the user exactly this: "Launch probe". Only if they agree, call launch again with the same arguments and confirm: true.',
    );
    expect(sent).toBe(before);
    const second = await c.client.callTool({ name: 'launch', arguments: { what: 'probe', confirm: true } });
    expect(second.structuredContent).toMatchObject({ launched: 'probe', confirmedBy: 'argument' });
    expect(sent).toBe(before + 1);
    await c.close();
  });
});
