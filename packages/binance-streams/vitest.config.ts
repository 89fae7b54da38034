import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'streams',
    // Real sockets against the simulator: leave room on a loaded 2-core CI machine (no test asserts on speed).
    testTimeout: 15_000,
    include: ['test/**/*.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
