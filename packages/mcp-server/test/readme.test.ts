// The README's generated sections (tools, configuration) match the code: run
// `pnpm --filter binance-mcp readme` after changing a tool or a setting.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { updateReadme } from '../scripts/readme-sections.js';
import { PACKAGE_DIR } from './spawn.js';

test('the README lists the tools and settings the code has', () => {
  const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
  expect(readme, 'README.md is stale: run pnpm --filter binance-mcp readme').toBe(updateReadme(readme));
  expect(readme).toContain('| `get_klines` | market |');
  expect(readme).toContain('`BINANCE_SYMBOL_ALLOWLIST`');
});
