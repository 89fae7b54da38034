// `pnpm --filter binance-mcp readme`: rewrites the README's generated sections (tools, configuration).

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { updateReadme } from './readme-sections.js';

const path = join(dirname(fileURLToPath(import.meta.url)), '../README.md');
const before = readFileSync(path, 'utf8');
const after = updateReadme(before);
if (after === before) console.log('README.md is up to date');
else {
  writeFileSync(path, after);
  console.log('README.md: generated sections rewritten');
}
