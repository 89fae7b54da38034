// The README's generated sections, from the code: the tools (name, toolset, title, arguments, hints)
// and the configuration (every variable and flag). `pnpm --filter binance-mcp readme` rewrites them;
// a test fails when the README is stale.

import * as z from 'zod';
import { OPTIONS, type OptionSpec, TOOL_DEFINITIONS, TOOLSETS } from '../src/index.js';

export const SECTIONS = ['tools', 'config'] as const;
export type Section = (typeof SECTIONS)[number];

function argumentsOf(input: z.ZodType): string {
  const schema = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  const names = Object.keys(schema.properties ?? {});
  if (names.length === 0) return '–';
  return names.map((n) => (required.has(n) ? `**${n}**` : n)).join(', ');
}

function hints(a: { readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean }): string {
  if (a.readOnlyHint) return 'read-only';
  return [
    a.destructiveHint ? 'destructive' : 'writes',
    a.idempotentHint ? 'idempotent' : 'not idempotent',
  ].join(', ');
}

export function toolsTable(): string {
  const rows = TOOLSETS.flatMap((toolset) =>
    TOOL_DEFINITIONS[toolset].map(
      (d) =>
        `| \`${d.name}\` | ${toolset} | ${d.title} | ${argumentsOf(d.input)} | ${hints(d.annotations)} |`,
    ),
  );
  return [
    '| tool | toolset | what it answers | arguments (**required**) | hints |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export function configTable(): string {
  const rows = (OPTIONS as readonly OptionSpec[]).map(
    (o) =>
      `| \`${o.env}\` | \`--${o.flag}${o.value ? ` ${o.value.replace(/[<>]/g, '')}` : ''}\` | ${o.description.replace(/\|/g, '\\|')} |`,
  );
  return ['| variable | flag | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

export function render(section: Section): string {
  return section === 'tools' ? toolsTable() : configTable();
}

const marker = (section: Section, edge: 'start' | 'end') => `<!-- generated:${section}:${edge} -->`;

/** The README with every generated section replaced by its current rendering. */
export function updateReadme(readme: string): string {
  let out = readme;
  for (const section of SECTIONS) {
    const start = marker(section, 'start');
    const end = marker(section, 'end');
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from === -1 || to === -1 || to < from) throw new Error(`README lacks the markers ${start} … ${end}`);
    out = `${out.slice(0, from + start.length)}\n${render(section)}\n${out.slice(to)}`;
  }
  return out;
}
