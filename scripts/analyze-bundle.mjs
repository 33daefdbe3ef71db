// Prints what each chunk of the production build is made of (rendered bytes
// per package or source file), to see where size budget goes.
// Usage: node scripts/analyze-bundle.mjs [--top N]
import { rollup } from 'rollup';
import config from '../rollup.config.mjs';

const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 15;
const bundle = await rollup({ ...config, onwarn: () => {}, plugins: config.plugins.filter((p) => !p.name?.startsWith('mask-')) });
const { output } = await bundle.generate(config.output);
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  console.log(`== ${chunk.fileName} ${chunk.code.length} bytes minified`);
  const groups = new Map();
  for (const [id, mod] of Object.entries(chunk.modules)) {
    const path = id.replace(/^.*node_modules\//, '');
    const key = id.includes('node_modules/') ? path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/') : id.replace(`${process.cwd()}/`, '');
    groups.set(key, (groups.get(key) ?? 0) + mod.renderedLength);
  }
  for (const [key, bytes] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${String(bytes).padStart(7)}  ${key}`);
}
await bundle.close();
