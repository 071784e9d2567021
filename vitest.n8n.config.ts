// `npm run test:n8n`: the end-to-end suite in a real n8n (see scripts/n8n-test.sh,
// which installs n8n into a cache outside the repo and builds the packages first).
// Files run one after another: each boots n8n processes, and the machine is small.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/n8n-e2e/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
