import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests spawn git, the built CLI and local servers; a 2-core CI machine needs the slack.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
