import { defineConfig } from 'vitest/config';

// Two projects: `unit` (test/unit: pure code and the built bundle, no etcd needed) and `e2e`
// (test/e2e: real etcd servers, checked for by its own global setup). The root global setup runs
// once for either: it builds ectl into the run's private directory (test/harness/build.ts).
const timeouts = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    pool: 'forks',
    // Two cores: the e2e files each start their own etcd servers; run two files at a time.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    globalSetup: ['test/harness/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/helpers/load-yaml.ts'],
          pool: 'forks',
          ...timeouts,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          pool: 'forks',
          globalSetup: ['test/harness/etcd-setup.ts'],
          ...timeouts,
        },
      },
    ],
  },
});
