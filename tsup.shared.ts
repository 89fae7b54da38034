// Shared tsup settings: every library ships ESM + CJS + .d.ts for Node 20.19+.
import type { Options } from 'tsup';

export function libraryConfig(overrides: Options = {}): Options {
  return {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    target: 'node20',
    platform: 'neutral',
    // Declarations import sibling packages by name rather than inlining them (the base tsconfig's
    // `paths` point at their sources for tests and typecheck; builds must not follow them).
    dts: { compilerOptions: { paths: {} } },
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    ...overrides,
  };
}
