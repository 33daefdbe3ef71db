/**
 * `npm test`: every check CI runs, in two parallel lanes, ending with the line
 * `N passed, N failed[, N skipped]`. Exit code 0 only when nothing failed.
 *
 *   npm test                      everything
 *   npm test -- --only browser    one group (build, typecheck, lint, size, node, e2e, browser)
 *
 * Test files are found by convention:
 *   **\/*.unit.test.ts     node's test runner (services, pure logic)
 *   dev/**\/*.test.ts      node's test runner (local infrastructure)
 *   test/e2e/*.e2e.ts      node's test runner driving Chromium on the built dist/
 *   src/**\/*.test.ts, test/browser/**\/*.test.ts   @web/test-runner in Chromium
 * Checks (build, typecheck, lint, size) count one test each; the Storybook build
 * and every story are tested in test/e2e/stories.e2e.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { findChromium } from '../scripts/chromium.mjs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  /** One line per failed test, printed again at the end of the run. */
  failures?: string[];
}
interface Group {
  name: string;
  run: (log: (s: string) => void) => Promise<Counts>;
  after?: string;
}

const tmp = mkdtempSync(join(tmpdir(), 'mask-test-'));
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : null;

function files(dir: string, test: (path: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (test(relative('.', path))) out.push(relative('.', path));
    }
  };
  walk(dir);
  return out.sort();
}

/** Runs a command, streaming its output into `log`; resolves with the exit code. */
function exec(cmd: string, args: string[], log: (s: string) => void, env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => log(String(d)));
    child.stderr.on('data', (d) => log(String(d)));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const check = (cmd: string, args: string[]) => async (log: (s: string) => void) =>
  (await exec(cmd, args, log)) === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };

/** node --test over `list`, counted from a TAP copy of the results. */
const nodeTests = (name: string, list: () => string[]) => async (log: (s: string) => void) => {
  const found = list();
  if (!found.length) return { passed: 0, failed: 0, skipped: 0 };
  const tap = join(tmp, `${name}.tap`);
  const code = await exec(
    'node',
    ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...found],
    log,
  );
  const text = readFileSync(tap, 'utf8');
  const num = (key: string) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  const counts: Counts = { passed: num('pass'), failed: num('fail') + num('cancelled'), skipped: num('skipped') + num('todo'), failures: tapFailures(text) };
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // crashed outside any test
  return counts;
};

/** `not ok` lines of a TAP report with their parents' names and the error's first line. */
function tapFailures(tap: string): string[] {
  const out: string[] = [];
  const lines = tap.split('\n');
  const names: string[] = [];
  lines.forEach((line, i) => {
    const subtest = line.match(/^(\s*)# Subtest: (.*)$/);
    if (subtest) names[subtest[1].length / 4] = subtest[2];
    const failed = line.match(/^(\s*)not ok \d+ - (.*)$/);
    if (!failed) return;
    const depth = failed[1].length / 4;
    const at = lines.slice(i + 1, i + 40).findIndex((l) => /^\s*error: /.test(l));
    let error = at < 0 ? '' : lines[i + 1 + at].trim().replace(/^error: /, '');
    if (error === '|-' || error === '>-') error = lines[i + 2 + at]?.trim() ?? '';
    if (/^'\d+ subtests? failed'$/.test(error)) return; // a suite that failed because a test in it did
    out.push(`${[...names.slice(0, depth), failed[2]].join(' > ')}${error ? `: ${error.slice(0, 300)}` : ''}`);
  });
  return out;
}

const groups: Group[] = [
  { name: 'build', run: check('npm', ['run', '--silent', 'build']) },
  { name: 'typecheck', run: check('npx', ['tsc', '--noEmit', '-p', '.']) },
  { name: 'lint', run: check('npx', ['eslint', '--max-warnings=0', '.']) },
  { name: 'size', after: 'build', run: check('node', ['scripts/size.mjs']) },
  { name: 'node', run: nodeTests('node', () => [...files('src', (p) => p.endsWith('.unit.test.ts')), ...files('scripts', (p) => p.endsWith('.unit.test.ts')), ...files('dev', (p) => p.endsWith('.test.ts'))]) },
  { name: 'e2e', after: 'build', run: nodeTests('e2e', () => files('test/e2e', (p) => p.endsWith('.e2e.ts'))) },
  {
    name: 'browser',
    run: async (log) => {
      const out = join(tmp, 'wtr.json');
      const code = await exec('node', ['--import', 'tsx', 'test/with-infra.ts', '--', 'npx', 'web-test-runner', '--config', 'web-test-runner.config.mjs'], log, { MASK_WTR_COUNTS: out });
      try {
        const counts = JSON.parse(readFileSync(out, 'utf8')) as Counts;
        if (code !== 0 && counts.failed === 0) counts.failed = 1;
        return counts;
      } catch {
        return { passed: 0, failed: 1, skipped: 0 };
      }
    },
  },
];

const selected = groups.filter((g) => !only || only.includes(g.name));
const started = Date.now();
process.env.CHROME_PATH = findChromium(); // installs Debian's chromium once when missing
const done = new Map<string, Promise<Counts>>();
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
const summary: string[] = [];
const failures: string[] = [];

async function runGroup(group: Group): Promise<Counts> {
  if (group.after && done.has(group.after)) await done.get(group.after);
  const t0 = Date.now();
  let output = '';
  const counts = await group.run((s) => (output += s));
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  process.stdout.write(`\n===== ${group.name} (${secs}s): ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped =====\n${output}`);
  summary.push(`${group.name.padEnd(10)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed ${String(counts.skipped).padStart(3)} skipped  ${secs}s`);
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  for (const failure of counts.failures ?? []) failures.push(`${group.name}: ${failure}`);
  return counts;
}

// Two lanes: the machine has two cores, and most groups wait on browsers and chains.
const queue = [...selected];
async function lane(): Promise<void> {
  for (let group = queue.shift(); group; group = queue.shift()) {
    const promise = runGroup(group);
    done.set(group.name, promise);
    await promise;
  }
}
await Promise.all([lane(), lane()]);
rmSync(tmp, { recursive: true, force: true });

if (failures.length) console.log(`\nfailed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(`\n${summary.join('\n')}\ntotal time ${((Date.now() - started) / 1000).toFixed(0)}s`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
