// Size budget check: prints raw / gzip / brotli for every file in dist/, then
// `entry_br_kb=X initial_br_kb=Y`, and exits 1 when a budget is exceeded.
//   entry   = dist/mask-widgets.js
//   initial = everything a page loads before any interaction: the entry and
//             its static imports (transitively), read from dist/manifest.json.
// Usage: node scripts/size.mjs [--markdown] [--dist DIR]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const dist = args.includes('--dist') ? args[args.indexOf('--dist') + 1] : 'dist';
const markdown = args.includes('--markdown');

/** Budgets in KB (1 KB = 1000 bytes) of brotli. Lazy chunks are matched by name. */
const BUDGETS = { entry: 20, initial: 20 };
const CHUNK_BUDGETS = [
  // [chunk name prefix, KB brotli, what it is]
  ['open-connect-dialog', 6, 'connect dialog'],
  ['clients', 25, 'viem read client'],
  ['tip-panel', 12, 'tip panel + lifecycle'],
  // Alone it carries viem's ABI coder (13 KB); once identity shares that coder it is ~5 KB.
  ['tip-chain', 16, 'tip chain work (ERC-20, gas, receipts)'],
  ['chat-ui', 25, 'chat conversation UI (loads before the XMTP SDK)'],
  // The XMTP SDK, loaded when a chat opens: main-thread code, wasm-bindgen glue, the
  // client worker; the wasm itself (12.7 MB, ~2.9 MB br) is an asset beside them.
  // 12.2 KB with groups (create, details, members, leave), paused groups, inactive conversations and the cutover reader;
  // 12.7 KB with streams kept open by the kit (kept-stream.ts) instead of the SDK's retry, which cannot be stopped.
  ['mask-widgets-engine', 13, 'XMTP engine (SDK main-thread code); a stable name for xmtp.engineUrl'],
  ['bindings_wasm', 14, 'XMTP wasm-bindgen glue'],
  ['worker-client', 7, 'XMTP client worker'],
  ['service', 35, 'identity: ENS, Lens, XMTP reachability (badge resolution)'],
  // viem's ENSIP-15 tables; loaded only for names that are not plain ASCII (alice.eth never needs them).
  ['ens-normalize', 32, 'ENSIP-15 normalisation tables'],
  ['mask-id-badge.view', 8, 'badge view: lookup, name, avatar, card'],
];
/**
 * What a feature downloads on first use beyond the initial files: the named
 * chunks plus everything they import (shared viem pieces included).
 * [feature, chunk names, KB brotli]
 */
const FEATURE_BUDGETS = [
  ['tip', ['tip-panel', 'tip-chain', 'clients'], 40],
  // The chat's own UI on first open, before the SDK. 24.4 KB until groups (change lines in the conversation,
  // the details button), paused groups, smart-account sentences and the notification hooks made it 27.5 KB;
  // the group views, backups, attachments, notifications and the inbox are chunks of their own, on need.
  // With a connected wallet it loads at once (a returning visitor's launcher counts the inbox's unread).
  ['chat', ['chat-ui'], 28],
  // A badge's first lookup: its view, the identity service, the viem client and shared viem pieces,
  // and the two small chunks the view shares with the chat and the tip (@lit/task; internal/links.ts,
  // the one copy of the link helpers): 39.8 KB before they were shared, 40.3 KB with them; 42.8 KB with
  // web3.bio's trust signals, other platforms' names, verified links and the Lens account/owner in the card
  // and the per-source timeouts in the service (the web3.bio source itself loads only when it is on);
  // 43.1 KB once the gRPC-web helpers became a chunk the service shares with the engine's cutover reader.
  ['badge', ['mask-id-badge.view', 'service', 'clients'], 43.5],
];

const kb = (n) => (n / 1000).toFixed(1);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    // dist/lib is the npm build (bundlers consume it), not what a page downloads.
    if (statSync(path).isDirectory()) {
      if (relative(dist, path) !== 'lib') walk(path);
    }
    else if (!/\.(br|gz|map)$/.test(name)) files.push(path);
  }
})(dist);

const sizes = new Map();
for (const path of files.sort()) {
  const data = readFileSync(path);
  sizes.set(relative(dist, path), {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    br: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}

const { chunks } = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
const initial = new Set();
(function visit(file) {
  if (initial.has(file)) return;
  initial.add(file);
  for (const dep of chunks[file]?.imports ?? []) visit(dep);
})('mask-widgets.js');
const initialBr = [...initial].reduce((sum, f) => sum + (sizes.get(f)?.br ?? 0), 0);
const entryBr = sizes.get('mask-widgets.js')?.br ?? 0;

const failures = [];
if (entryBr / 1000 > BUDGETS.entry) failures.push(`entry ${kb(entryBr)} KB > ${BUDGETS.entry} KB`);
if (initialBr / 1000 > BUDGETS.initial) failures.push(`initial ${kb(initialBr)} KB > ${BUDGETS.initial} KB`);
const budgetOf = (file) => {
  const name = chunks[file]?.name;
  return CHUNK_BUDGETS.find(([prefix]) => name === prefix || name?.startsWith(`${prefix}`));
};
for (const [file, s] of sizes) {
  const budget = budgetOf(file);
  if (budget && s.br / 1000 > budget[1]) failures.push(`${file} (${budget[2]}) ${kb(s.br)} KB > ${budget[1]} KB`);
}

const features = FEATURE_BUDGETS.map(([feature, names, limit]) => {
  const files = new Set();
  const visit = (file) => {
    if (files.has(file) || initial.has(file)) return;
    files.add(file);
    for (const dep of chunks[file]?.imports ?? []) visit(dep);
  };
  for (const [file, chunk] of Object.entries(chunks)) if (names.includes(chunk.name)) visit(file);
  const br = [...files].reduce((sum, f) => sum + (sizes.get(f)?.br ?? 0), 0);
  if (br / 1000 > limit) failures.push(`${feature} (first use) ${kb(br)} KB > ${limit} KB`);
  return `${feature}_br_kb=${kb(br)}`;
});

const rows = [...sizes].map(([file, s]) => {
  const budget = file === 'mask-widgets.js' ? `${BUDGETS.entry}` : budgetOf(file)?.[1]?.toString() ?? '';
  const when = initial.has(file) ? 'initial' : file.endsWith('.js') ? 'lazy' : 'asset';
  return [file, when, kb(s.raw), kb(s.gzip), kb(s.br), budget];
});
if (markdown) {
  console.log('| file | loads | raw KB | gzip KB | brotli KB | budget KB (br) |');
  console.log('|---|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} else {
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'file'.padEnd(w)}  loads    raw KB  gzip KB  br KB  budget`);
  for (const r of rows) console.log(`${r[0].padEnd(w)}  ${r[1].padEnd(7)} ${r[2].padStart(7)} ${r[3].padStart(8)} ${r[4].padStart(6)}  ${r[5]}`);
}
for (const f of failures) console.error(`over budget: ${f}`);
console.log(`entry_br_kb=${kb(entryBr)} initial_br_kb=${kb(initialBr)} ${features.join(' ')}`);
process.exit(failures.length ? 1 : 0);
