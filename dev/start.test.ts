/**
 * `npm start`'s decisions before it starts anything (dev/start-options.ts):
 * build only when dist/ is older than its sources, stable default ports with a
 * free one when a port is taken, and its flags.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { choosePort, DEFAULT_PORTS, freePort, HELP, parseStartArgs, portFree, staleReason } from './start-options.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A repo-shaped folder: src/ with a nested file, rollup.config.mjs, package.json, and (unless `built: false`) dist/mask-widgets.js. */
function repo(built = true): { root: string; touch(path: string, seconds: number): void } {
  const root = mkdtempSync(join(tmpdir(), 'start-test-'));
  dirs.push(root);
  const touch = (path: string, seconds: number) => {
    const file = join(root, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, path);
    utimesSync(file, seconds, seconds);
  };
  touch('src/components/chat/chat-ui.ts', 1000);
  touch('src/kit.ts', 1000);
  touch('rollup.config.mjs', 1000);
  touch('package.json', 1000);
  if (built) touch('dist/mask-widgets.js', 2000);
  return { root, touch };
}

describe('staleReason: does dist/ need a build', () => {
  test('fresh when dist/ was built after every source', () => {
    assert.equal(staleReason(repo().root), null);
  });

  test('stale when dist/ has no entry', () => {
    assert.equal(staleReason(repo(false).root), 'dist/ has no mask-widgets.js');
  });

  test('stale when a file deep in src/ changed after the build', () => {
    const r = repo();
    r.touch('src/components/chat/chat-ui.ts', 3000);
    assert.equal(staleReason(r.root), 'src changed after dist/ was built');
  });

  test('stale when a new file appeared in src/ after the build', () => {
    const r = repo();
    r.touch('src/new/thing.ts', 2500);
    assert.equal(staleReason(r.root), 'src changed after dist/ was built');
  });

  test('stale when rollup.config.mjs or package.json changed after the build', () => {
    const a = repo();
    a.touch('rollup.config.mjs', 3000);
    assert.equal(staleReason(a.root), 'rollup.config.mjs changed after dist/ was built');
    const b = repo();
    b.touch('package.json', 3000);
    assert.equal(staleReason(b.root), 'package.json changed after dist/ was built');
  });

  test('files outside the build inputs do not matter', () => {
    const r = repo();
    r.touch('README.md', 5000);
    r.touch('test/e2e/demo.e2e.ts', 5000);
    assert.equal(staleReason(r.root), null);
  });
});

describe('choosePort: stable ports, a free one when taken', () => {
  const servers: Server[] = [];
  after(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));
  const hold = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = createServer();
      servers.push(server);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });

  test('the preferred port when it is free', async () => {
    const port = await freePort();
    assert.deepEqual(await choosePort(port), { port });
  });

  test('another, free port when the preferred one is taken, naming the taken one', async () => {
    const taken = await hold(0);
    const chosen = await choosePort(taken);
    assert.equal(chosen.taken, taken);
    assert.notEqual(chosen.port, taken);
    assert.equal(await portFree(chosen.port), true);
    assert.equal(await portFree(taken), false);
  });

  test('0: any free port', async () => {
    const chosen = await choosePort(0);
    assert.ok(chosen.port > 0);
    assert.equal(chosen.taken, undefined);
  });
});

describe('parseStartArgs: the flags', () => {
  test('defaults: build when stale, the stable ports, state in dev/.state/demo', () => {
    const o = parseStartArgs([], '/repo');
    assert.equal(o.build, 'auto');
    assert.deepEqual(o.ports, { ...DEFAULT_PORTS });
    assert.equal(o.dataDir, join('/repo', 'dev', '.state', 'demo'));
    assert.equal(o.fresh, false);
    assert.equal(o.help, false);
  });

  test('--no-build, --build, the port flags, --data, --fresh, --help', () => {
    assert.equal(parseStartArgs(['--no-build'], '/r').build, 'never');
    assert.equal(parseStartArgs(['--build'], '/r').build, 'always');
    const o = parseStartArgs(['--port', '8080', '--cdn-port', '0', '--xmtp-port', '5557', '--data', '/tmp/d', '--fresh'], '/r');
    assert.equal(o.ports.page, 8080);
    assert.equal(o.ports.cdn, 0);
    assert.equal(o.ports.xmtp, 5557);
    assert.equal(o.ports.chain, DEFAULT_PORTS.chain);
    assert.equal(o.dataDir, '/tmp/d');
    assert.equal(o.fresh, true);
    assert.equal(parseStartArgs(['-h'], '/r').help, true);
  });

  test('wrong flags are named in a sentence', () => {
    assert.throws(() => parseStartArgs(['--prot', '1'], '/r'), /Unknown option --prot/);
    assert.throws(() => parseStartArgs(['--port', 'abc'], '/r'), /--port abc is not a port number/);
    assert.throws(() => parseStartArgs(['--port', '70000'], '/r'), /--port 70000 is not a port number/);
    assert.throws(() => parseStartArgs(['--port'], '/r'), /--port needs a value/);
    assert.throws(() => parseStartArgs(['--build', '--no-build'], '/r'), /contradict/);
  });

  test('--help documents --no-build and every port flag with its default', () => {
    for (const flag of ['--no-build', '--build', '--data', '--fresh']) assert.match(HELP, new RegExp(`^  ${flag}\\b`, 'm'));
    for (const [flag, port] of [
      ['--port', DEFAULT_PORTS.page],
      ['--cdn-port', DEFAULT_PORTS.cdn],
      ['--chain-port', DEFAULT_PORTS.chain],
      ['--xmtp-port', DEFAULT_PORTS.xmtp],
      ['--history-port', DEFAULT_PORTS.history],
      ['--lens-port', DEFAULT_PORTS.lens],
      ['--registrar-port', DEFAULT_PORTS.registrar],
      ['--web3bio-port', DEFAULT_PORTS.web3bio],
    ] as const) {
      assert.match(HELP, new RegExp(`^  ${flag} N .*\\(default ${port}\\)`, 'm'), flag);
    }
  });
});
