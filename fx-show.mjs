import { readFileSync } from 'node:fs';
const { importBytes } = await import(process.cwd() + '/dist/import/index.js');
for (const f of process.argv.slice(2)) { const o = importBytes(readFileSync(f)); const s = JSON.stringify(o, (k, v) => Array.isArray(v) && v.length > 6 ? [...v.slice(0, 6), `…${v.length - 6} more`] : v, 1); console.log(f + '\n' + s.replace(/\n\s*/g, ' ')); }
