// The report formats escape through src/core/escape.ts, the one module with every sink's rules.
export * from '../core/escape.js';
