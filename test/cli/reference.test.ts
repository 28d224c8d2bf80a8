// docs/CLI.md is rendered from the command declarations; a declaration changed without
// `npm run docs:cli` leaves it stale, and this fails.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { renderReference } from '../../src/cli/reference.js';

describe('docs/CLI.md', () => {
  it('is what the declarations render (run `npm run docs:cli` after changing a command)', () => {
    const committed = readFileSync(new URL('../../docs/CLI.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderReference(COMMANDS));
  });

  it('documents every option of every command, with its choices', () => {
    const text = renderReference(COMMANDS);
    for (const spec of COMMANDS) {
      expect(text).toContain(`## ${spec.name}`);
      for (const o of spec.options) expect(text, `${spec.name} --${o.name}`).toContain(`--${o.name}`);
      for (const o of spec.options.filter((x) => x.choices)) for (const c of o.choices!) expect(text).toContain(`\`${c}\``);
    }
  });
});
