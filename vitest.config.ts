import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/n8n-e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration suites start servers on ephemeral ports and use unique Redis
    // prefixes, so files can run in parallel.
    pool: 'forks',
  },
});
