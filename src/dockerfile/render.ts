// Small rendering helpers shared by the Dockerfile parts. Output must be byte-stable: no dates,
// no map iteration over unsorted input, LF line ends.
import { printable } from './safe.js';
import type { Block } from './types.js';

/** `RUN a \` / ` && b` continuation style; the first command on the RUN line. */
export function runChain(commands: readonly string[]): string[] {
  return commands.map((c, i) => (i === 0 ? `RUN ${c}` : ` && ${c}`)).map((l, i, all) => (i < all.length - 1 ? `${l} \\` : l));
}

/** A command with one argument per continuation line (long package lists stay readable in diffs). */
export function argLines(head: string, args: readonly string[], indent = '      '): string {
  if (args.length === 0) return head;
  return [head, ...args.map((a) => `${indent}${a}`)].join(' \\\n');
}

/** Words wrapped into `# ` comment lines of at most `width` characters. */
export function wrapComment(text: string, width = 100, prefix = '# '): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && prefix.length + line.length + 1 + word.length > width) {
      out.push(prefix + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(prefix + line);
  return out;
}

/**
 * Double-quoted Dockerfile/shell value: backslash and double quote escaped, `$` kept literal.
 * A Dockerfile cannot hold a newline in a value (it ends the instruction): control characters
 * are written as `\xNN` text; callers that need the exact value leave such values out instead.
 */
export function quote(value: string): string {
  return `"${printable(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$')}"`;
}

export function renderBlocks(blocks: readonly Block[]): string {
  return (
    blocks
      .filter((b) => b.comments.length > 0 || b.lines.length > 0)
      .map((b) => [...b.comments, ...b.lines].join('\n'))
      .join('\n\n') + '\n'
  );
}

/** Sorted by code unit, as the fingerprint sorts packages (locale-independent). */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
