// Package names as ecosystems compare them. The one copy of PEP 503 normalization: the python
// parser, the lock file parsers, the package-set rules and the lock file rules all use it.

/**
 * PEP 503: lowercase, and every run of `-`, `_`, `.` becomes one `-`
 * (https://peps.python.org/pep-0503/#normalized-names). `Pillow` → `pillow`, `ruamel.yaml` →
 * `ruamel-yaml`, `typing_extensions` → `typing-extensions`.
 */
export function normalizePypiName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}
