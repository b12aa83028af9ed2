import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that run the CLI run lib/: compile it from the current src/ first.
    globalSetup: ['test/global-setup.ts'],
    expect: { requireAssertions: true },
    // A missing golden file fails, locally as in CI; `vitest -u` writes it on request.
    update: 'none',
    testTimeout: 60_000,
    // The fixtures live in this repository, whose history grows with every commit: tests read git
    // history only from repositories they make (test/history.test.ts), so pinned output stays pinned.
    env: { HANDOVER_HISTORY: 'off' },
    hookTimeout: 120_000,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'node_modules/.cache/vitest/results.json' },
  },
});
