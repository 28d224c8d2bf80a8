#!/usr/bin/env node
// Writes docs/CLI.md from the command declarations (run after a build: `npm run docs:cli`).
import { writeFileSync } from 'node:fs';
import { COMMANDS } from '../dist/cli/commands/index.js';
import { renderReference } from '../dist/cli/reference.js';

writeFileSync(new URL('../docs/CLI.md', import.meta.url), renderReference(COMMANDS));
