import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.shared';

export default defineConfig([
  libraryConfig({ platform: 'node' }),
  // The CLI is ESM only and carries a shebang; tsup marks it executable.
  libraryConfig({
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    platform: 'node',
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
