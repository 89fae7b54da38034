// `binance-mcp --help`, rendered from the option table.

import { TOOLSET_DESCRIPTIONS, TOOLSETS } from '../toolsets.js';
import { OPTIONS, type OptionSpec } from './options.js';

const GROUPS: readonly OptionSpec['group'][] = [
  'Credentials',
  'Exchange',
  'Tools and safety',
  'Transport',
  'Other',
];

/** Wraps `text` to `width` columns, indenting continuation lines by `indent`. */
function wrap(text: string, width: number, indent: number): string {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && line.length + 1 + word.length > width - indent) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

export function helpText(version: string): string {
  const out: string[] = [
    `binance-mcp ${version}: the MCP server for Binance Spot`,
    '',
    'Usage: binance-mcp [options]              (stdio: for Claude Desktop, Claude Code, Cursor, VS Code)',
    '       binance-mcp --http [--port 3000]   (Streamable HTTP at http://127.0.0.1:3000/mcp)',
    '       binance-mcp --simulator            (offline, against the embedded Binance simulator; no keys)',
    '',
    'Every option is an environment variable or the matching flag (the flag wins).',
  ];
  for (const group of GROUPS) {
    out.push('', `${group}:`);
    for (const spec of (OPTIONS as readonly OptionSpec[]).filter((o) => o.group === group)) {
      const flag = `--${spec.flag}${spec.value ? ` ${spec.value}` : ''}`;
      out.push(`  ${spec.env.padEnd(32)}${flag}`);
      out.push(`      ${wrap(spec.description, 104, 6)}`);
    }
  }
  out.push('', 'Toolsets:');
  for (const t of TOOLSETS) out.push(`  ${t.padEnd(10)}${TOOLSET_DESCRIPTIONS[t]}`);
  out.push(
    '',
    '  -h, --help       this text',
    '  -v, --version    the version',
    '',
    'Keys are never accepted as tool arguments. Secrets given as flags are visible to other local users;',
    'prefer the environment. Logs go to stderr; under stdio, stdout carries only the protocol.',
  );
  return `${out.join('\n')}\n`;
}
