// Measuring, wrapping and shortening text for a terminal of a given width. Text reaching here has
// been through visible() (common.ts): the only escapes left are our own ANSI colour codes.

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;
// East Asian Wide and Fullwidth blocks (UAX #11) and emoji: two terminal columns each.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

/** Terminal columns a string takes. */
export function displayWidth(s: string): number {
  const plain = s.replace(ANSI, '');
  // Fast path: printable ASCII is one column per character.
  if (/^[\x20-\x7e]*$/.test(plain)) return plain.length;
  let width = 0;
  for (const ch of plain) {
    if (ZERO_WIDTH.test(ch)) continue;
    width += WIDE.test(ch) ? 2 : 1;
  }
  return width;
}

/** The longest piece between spaces: the narrowest a column can be without cutting a word. */
export function longestWord(s: string): number {
  let max = 0;
  for (const line of s.split('\n')) for (const word of line.split(' ')) max = Math.max(max, displayWidth(word));
  return max;
}

/** The first `max` columns of a plain string (wide characters count two). */
function takeColumns(s: string, max: number): string {
  let out = '';
  let width = 0;
  for (const ch of s) {
    const w = ZERO_WIDTH.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
    if (width + w > max) break;
    out += ch;
    width += w;
  }
  return out;
}

/** The last `max` columns of a plain string. */
function takeLastColumns(s: string, max: number): string {
  const chars = [...s];
  let out = '';
  let width = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const ch = chars[i]!;
    const w = ZERO_WIDTH.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
    if (width + w > max) break;
    out = ch + out;
    width += w;
  }
  return out;
}

/**
 * A value longer than `max` columns keeps its start and its end with `…` between them
 * (`/usr/local/sbin:/usr/local/bin:…:/sbin:/bin`): both ends of a PATH or a version tell the most.
 * Plain text only (no colour codes).
 */
export function shortenMiddle(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  if (max <= 1) return '…';
  const head = Math.ceil((max - 1) / 2);
  return `${takeColumns(s, head)}…${takeLastColumns(s, max - 1 - head)}`;
}

/** Word-wraps one line at spaces; a line painted whole (our ANSI prefix and reset) keeps its paint per piece. */
export function wrapLine(line: string, max: number): string[] {
  if (displayWidth(line) <= max) return [line];
  // eslint-disable-next-line no-control-regex
  const painted = /^(\u001b\[[0-9;]*m)(.*)(\u001b\[0m)$/s.exec(line);
  const [pre, paintedBody, post] = painted ? [painted[1]!, painted[2]!, painted[3]!] : ['', line, ''];
  // Leading spaces are an indent, kept on the first piece only.
  const lead = /^ */.exec(paintedBody)![0];
  const body = paintedBody.slice(lead.length);
  max = Math.max(1, max - lead.length);
  const out: string[] = [];
  let current = '';
  for (const word of body.split(' ')) {
    let w = word;
    while (displayWidth(w) > max) {
      // Only a word longer than the whole line (a URL on a very narrow terminal) is cut.
      if (current) {
        out.push(current);
        current = '';
      }
      const piece = takeColumns(w, Math.max(1, max));
      out.push(piece);
      w = w.slice(piece.length);
    }
    if (!current) current = w;
    else if (displayWidth(current) + 1 + displayWidth(w) <= max) current += ` ${w}`;
    else {
      out.push(current);
      current = w;
    }
  }
  if (current) out.push(current);
  return out.map((piece, i) => `${i === 0 ? lead : ''}${pre}${piece}${post}`);
}

/** Every line of a multi-line text wrapped to `max` columns; continuation lines get `indent`. */
export function wrapText(text: string, max: number, indent = ''): string[] {
  const room = Math.max(1, max - displayWidth(indent));
  return text.split('\n').flatMap((line) => wrapLine(line, indent ? room : max).map((piece, i) => (i === 0 ? piece : indent + piece)));
}
