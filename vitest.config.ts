import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Its own TMPDIR, and after the last test no process or envdiff temp entry left (issue #10).
    globalSetup: ['test/support/suite-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // Integration tests share podman images and an sshd; keep files sequential on 2 cores.
    fileParallelism: false,
  },
});
