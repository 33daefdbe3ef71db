// The npm build: unbundled ES modules + type declarations in dist/lib/ (bundlers
// dedupe Lit and viem with the host app), with the package version stamped in.
// Usage: node scripts/build/lib.mjs   (after rollup, which empties dist/)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const file = 'dist/lib/internal/version.js';
const code = readFileSync(file, 'utf8');
const stamped = code.replace(/typeof __MASK_VERSION__ === 'string' \? __MASK_VERSION__ : 'dev'/, JSON.stringify(version));
if (stamped === code) throw new Error(`could not stamp the version into ${file}`);
writeFileSync(file, stamped);
