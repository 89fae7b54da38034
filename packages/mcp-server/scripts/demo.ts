// `pnpm --filter binance-mcp demo`: starts the real `binance-mcp --simulator` over stdio, connects the
// official MCP client to it, lists its tools and asks it a few questions. Offline, no keys.
//
// Uses the built bin (dist/cli.js) when it exists (after `pnpm build`), else the sources through tsx.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/cli.js');
const command = existsSync(built)
  ? { command: process.execPath, args: [built, '--simulator'] }
  : { command: process.execPath, args: ['--import', 'tsx', join(root, 'src/cli.ts'), '--simulator'] };

const text = (result: { content?: unknown }) =>
  ((result.content as { type: string; text?: string }[] | undefined) ?? [])
    .map((c) => (c.type === 'text' ? c.text : `[${c.type}]`))
    .join('\n');

async function main() {
  console.log(
    `$ binance-mcp --simulator   (${existsSync(built) ? 'dist/cli.js' : 'src/cli.ts via tsx'}, stdio)\n`,
  );
  const client = new Client({ name: 'binance-mcp-demo', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ ...command, stderr: 'inherit', cwd: root }));
  const info = client.getServerVersion();
  console.log(`connected to ${info?.name} ${info?.version}\n`);

  const { tools } = await client.listTools();
  console.log(`${tools.length} tools:`);
  for (const tool of tools) console.log(`  ${tool.name.padEnd(18)} ${tool.title ?? ''}`);

  const ask = async (name: string, args: Record<string, unknown>) => {
    console.log(`\n> ${name} ${JSON.stringify(args)}`);
    const result = await client.callTool({ name, arguments: args });
    console.log(text(result));
  };
  await ask('get_price', { symbol: 'BTCUSDT' });
  await ask('get_klines', { symbol: 'BTCUSDT', interval: '1d', startTime: '-7d', limit: 7 });
  await ask('get_order_book', { symbol: 'ETHUSDT', limit: 3, bandPercent: 0.5 });

  const { prompts } = await client.listPrompts();
  console.log(`\nprompts: ${prompts.map((p) => p.name).join(', ')}`);
  await client.close();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
