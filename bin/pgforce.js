#!/usr/bin/env node
// The pgforce command. The TypeScript sources are compiled to dist/ by `npm run build`
// (run automatically by `npm install` / `npm ci` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('pgforce: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
