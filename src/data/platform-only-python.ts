// PyPI distributions that exist (or work) only on macOS or Windows, so a Linux image leaves them
// out. Each row says why; the sources are the projects' own PyPI pages and wheel lists.

export interface PlatformOnlyRule {
  /** PEP 503 name, or a prefix ending in `*`. */
  name: string;
  os: 'darwin' | 'windows';
  why: string;
}

export const PLATFORM_ONLY_PYTHON: readonly PlatformOnlyRule[] = [
  // pyobjc: bridges to Objective-C frameworks; installs only on macOS (pyobjc.readthedocs.io).
  { name: 'pyobjc', os: 'darwin', why: 'Objective-C bridge, macOS only' },
  { name: 'pyobjc-*', os: 'darwin', why: 'Objective-C bridge, macOS only' },
  // appnope: disables App Nap; a no-op package pulled in by IPython on macOS only.
  { name: 'appnope', os: 'darwin', why: 'macOS App Nap control; IPython needs it only on macOS' },
  { name: 'rubicon-objc', os: 'darwin', why: 'Objective-C bridge, macOS/iOS only' },
  // Apple's TensorFlow plugins and the Metal backend of MLX ship macOS wheels only.
  { name: 'tensorflow-macos', os: 'darwin', why: 'Apple build of TensorFlow, macOS wheels only' },
  { name: 'tensorflow-metal', os: 'darwin', why: 'Metal GPU plugin, macOS wheels only' },
  { name: 'mlx-metal', os: 'darwin', why: 'Metal backend of MLX, macOS wheels only' },
  // Windows API bindings.
  { name: 'pywin32', os: 'windows', why: 'Win32 API bindings, Windows wheels only' },
  { name: 'pywin32-ctypes', os: 'windows', why: 'Win32 API shim used on Windows only' },
  { name: 'pypiwin32', os: 'windows', why: 'Win32 API bindings, Windows only' },
  { name: 'pywinpty', os: 'windows', why: 'Windows pseudo-terminal, Windows wheels only' },
  { name: 'wmi', os: 'windows', why: 'Windows Management Instrumentation client' },
  { name: 'comtypes', os: 'windows', why: 'COM bindings, Windows only' },
  { name: 'pyreadline3', os: 'windows', why: 'readline replacement for Windows consoles' },
  { name: 'windows-curses', os: 'windows', why: 'curses for Windows consoles' },
  { name: 'tensorflow-intel', os: 'windows', why: 'Windows build of TensorFlow' },
  { name: 'torch-directml', os: 'windows', why: 'DirectML backend, Windows only' },
];

/** The rule that makes `name` platform-only, if any. */
export function platformOnlyRule(name: string): PlatformOnlyRule | undefined {
  return PLATFORM_ONLY_PYTHON.find((r) => (r.name.endsWith('*') ? name.startsWith(r.name.slice(0, -1)) : name === r.name));
}
