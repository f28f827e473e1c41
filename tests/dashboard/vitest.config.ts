import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 180_000,
    include: ['src/**/*.test.ts'],
    // Each file starts a whole stack; one at a time keeps the machine responsive.
    fileParallelism: false,
  },
});
