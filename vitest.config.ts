import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: the e2e files each start their own etcd servers; run two files at a time.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    globalSetup: ['test/harness/global-setup.ts'],
  },
});
