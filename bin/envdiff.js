#!/usr/bin/env node
import { main } from '../dist/cli/main.js';
import { installProcessHandlers } from '../dist/cli/signals.js';

// Signals (exit 130/143/129, nothing left running) and write errors on stdout (one line, exit 2):
// src/cli/signals.ts.
installProcessHandlers();

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
