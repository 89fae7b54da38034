// Shared by every package's `vitest.config.ts`: tests import sibling packages from their sources,
// so `pnpm test` needs no build first. Published builds resolve them through `exports` instead.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(root, 'packages');

/** Package name → absolute path of its `src/index.ts`, for every workspace package. */
export const workspaceAliases: Record<string, string> = Object.fromEntries(
  readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(packagesDir, entry.name))
    .filter((dir) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src/index.ts')))
    .map((dir) => {
      const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string };
      return [name, join(dir, 'src/index.ts')] as const;
    }),
);
