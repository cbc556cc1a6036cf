import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files run in parallel workers; each gets its own database and its own emulator.
    pool: 'forks',
    // Teardown noise, and only that: a test database is dropped WITH (FORCE), and a private
    // cluster stopped, after its file's clients have ended; once in a few runs the server's
    // goodbye to a connection that was just closing arrives after the file is done and is
    // reported as unhandled in whichever file that worker runs next. Postgres's own wording
    // is matched exactly (pgforce's shutdown FATAL says "because pgforce is shutting down").
    onUnhandledError(error) {
      const e = error as { code?: string; severity?: string; message?: string };
      if (e.code === '57P01' && e.severity === 'FATAL' && e.message === 'terminating connection due to administrator command') return false;
      return undefined;
    },
  },
});
