import { defineConfig } from 'vitest/config';
import { projects } from './vitest.workspace';

export default defineConfig({
  test: {
    projects,
    // Tests talk to real sockets on 127.0.0.1; keep the 2-core machines from oversubscribing.
    maxWorkers: 2,
  },
});
