// The message-history service over HTTP: upload and fetch, ids, 404s, the size limit, CORS,
// persistence in the data dir, expiry, and its place in startXmtpNode.
//
//   node --import tsx --test dev/xmtp-node/history.test.ts

import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ARCHIVE_TTL_MS, HISTORY_DIR, MAX_ARCHIVE_BYTES, startHistoryService, type HistoryService } from './history.js';
import { startXmtpNode } from './index.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function upload(base: string, body: Uint8Array<ArrayBuffer>): Promise<{ status: number; text: string; headers: Headers }> {
  const r = await fetch(`${base}/upload`, { method: 'POST', body });
  return { status: r.status, text: await r.text(), headers: r.headers };
}

async function download(base: string, id: string, init?: RequestInit): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
  const r = await fetch(`${base}/files/${id}`, init);
  return { status: r.status, bytes: new Uint8Array(await r.arrayBuffer()), headers: r.headers };
}

describe('history service', () => {
  let svc: HistoryService;
  before(async () => {
    svc = await startHistoryService({ host: 'localhost' });
  });
  after(() => svc.close());

  it('stores an upload and gives the same bytes back by the id it answered', async () => {
    const archive = new Uint8Array(randomBytes(70_000));
    const up = await upload(svc.url, archive);
    assert.equal(up.status, 200);
    assert.match(up.text, UUID_V4, 'the body is the id and nothing else');
    const down = await download(svc.url, up.text);
    assert.equal(down.status, 200);
    assert.equal(down.headers.get('content-type'), 'application/octet-stream');
    assert.deepEqual(down.bytes, archive);
    const last = svc.log.at(-1)!;
    assert.deepEqual([last.method, last.path, last.status, last.bytes, last.id], ['GET', `/files/${up.text}`, 200, archive.length, up.text]);
  });

  it('gives random ids: the same archive twice is two files, neither id tells the other', async () => {
    const archive = new Uint8Array(randomBytes(100));
    const before = svc.count();
    const a = await upload(svc.url, archive);
    const b = await upload(svc.url, archive);
    assert.notEqual(a.text, b.text);
    assert.match(a.text, UUID_V4);
    assert.match(b.text, UUID_V4);
    assert.equal(svc.count(), before + 2);
  });

  it('keeps an empty upload (the SDK never sends one, the real server accepts it)', async () => {
    const up = await upload(svc.url, new Uint8Array(0));
    assert.equal(up.status, 200);
    const down = await download(svc.url, up.text);
    assert.deepEqual([down.status, down.bytes.length], [200, 0]);
  });

  it('answers 404 for an unknown id, a malformed id and an unknown path', async () => {
    assert.equal((await download(svc.url, randomUUID())).status, 404);
    assert.equal((await download(svc.url, 'not-a-uuid')).status, 404);
    assert.equal((await download(svc.url, '..%2F..%2Fetc%2Fpasswd')).status, 404);
    assert.equal((await fetch(`${svc.url}/files/`)).status, 404);
    assert.equal((await fetch(`${svc.url}/elsewhere`)).status, 404);
  });

  it('finds an id written in capitals, like the real server parsing it as a UUID', async () => {
    const up = await upload(svc.url, new Uint8Array([1, 2, 3]));
    const down = await download(svc.url, up.text.toUpperCase());
    assert.deepEqual([down.status, [...down.bytes]], [200, [1, 2, 3]]);
  });

  it('accepts exactly 15,000,000 bytes and answers 400 to one byte more, storing nothing', async () => {
    assert.equal(MAX_ARCHIVE_BYTES, 15_000_000);
    const atLimit = await upload(svc.url, new Uint8Array(MAX_ARCHIVE_BYTES));
    assert.equal(atLimit.status, 200);
    assert.equal((await download(svc.url, atLimit.text)).bytes.length, MAX_ARCHIVE_BYTES);
    const before = svc.count();
    const over = await upload(svc.url, new Uint8Array(MAX_ARCHIVE_BYTES + 1));
    assert.equal(over.status, 400);
    assert.doesNotMatch(over.text, UUID_V4);
    assert.equal(svc.count(), before, 'nothing stored');
    assert.deepEqual([svc.log.at(-1)!.status, svc.log.at(-1)!.bytes], [400, MAX_ARCHIVE_BYTES + 1]);
  });

  it('answers 405 to the wrong method on a known path', async () => {
    assert.equal((await fetch(`${svc.url}/upload`)).status, 405);
    assert.equal((await fetch(`${svc.url}/files/${randomUUID()}`, { method: 'POST', body: 'x' })).status, 405);
  });

  it('opens CORS to any origin on uploads, downloads and errors', async () => {
    const origin = 'https://blog.example';
    const up = await fetch(`${svc.url}/upload`, { method: 'POST', body: new Uint8Array([9]), headers: { origin } });
    assert.equal(up.headers.get('access-control-allow-origin'), origin);
    const id = await up.text();
    const down = await download(svc.url, id, { headers: { origin } });
    assert.equal(down.headers.get('access-control-allow-origin'), origin);
    const missing = await download(svc.url, randomUUID(), { headers: { origin } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('access-control-allow-origin'), origin);
    const noOrigin = await fetch(`${svc.url}/`);
    assert.equal(noOrigin.status, 200);
    assert.equal(noOrigin.headers.get('access-control-allow-origin'), '*');
  });

  it('answers preflights for both paths with the method and headers asked for', async () => {
    for (const [p, m] of [['/upload', 'POST'], [`/files/${randomUUID()}`, 'GET']] as const) {
      const pre = await fetch(`${svc.url}${p}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://127.0.0.1:1234',
          'access-control-request-method': m,
          'access-control-request-headers': 'content-type,x-custom',
          'access-control-request-private-network': 'true',
        },
      });
      assert.equal(pre.status, 204, p);
      assert.equal(pre.headers.get('access-control-allow-origin'), 'http://127.0.0.1:1234');
      assert.match(pre.headers.get('access-control-allow-methods') ?? '', new RegExp(`\\b${m}\\b`));
      assert.equal(pre.headers.get('access-control-allow-headers'), 'content-type,x-custom');
      assert.equal(pre.headers.get('access-control-allow-private-network'), 'true');
      assert.ok(Number(pre.headers.get('access-control-max-age')) > 0);
    }
  });

  it('listens on 127.0.0.1 and ::1 for a loopback host', async () => {
    assert.equal(svc.url, `http://127.0.0.1:${svc.port}`);
    const v6 = await fetch(`http://[::1]:${svc.port}/`).then((r) => r.status, (e: Error) => e.message);
    assert.equal(v6, 200);
  });
});

describe('history service: expiry and persistence', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xmtp-history-'));
  });
  after(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('forgets an archive 7 days old, keeps a younger one', async () => {
    let now = Date.now();
    const svc = await startHistoryService({ now: () => now });
    try {
      const old = (await upload(svc.url, new Uint8Array([1]))).text;
      now += ARCHIVE_TTL_MS / 2;
      const young = (await upload(svc.url, new Uint8Array([2]))).text;
      now += ARCHIVE_TTL_MS / 2 + 1;
      assert.equal((await download(svc.url, old)).status, 404, 'a week and a millisecond old');
      assert.equal((await download(svc.url, young)).status, 200);
      assert.equal(svc.count(), 1);
    } finally {
      await svc.close();
    }
  });

  it('keeps archives in DIR/history/ across a restart, and expires them on start', async () => {
    let now = Date.now();
    const first = await startHistoryService({ dataDir, now: () => now });
    const archive = new Uint8Array(randomBytes(5_000));
    const id = (await upload(first.url, archive)).text;
    const stale = (await upload(first.url, new Uint8Array([7]))).text;
    await first.close();
    assert.deepEqual((await fs.readdir(path.join(dataDir, HISTORY_DIR))).sort(), [id, stale].sort(), 'one file per archive, no temporary left');

    // The stale one is made old on disk: a restart a moment later forgets it, keeps the other.
    const weekAgo = (now - ARCHIVE_TTL_MS - 1000) / 1000;
    await fs.utimes(path.join(dataDir, HISTORY_DIR, stale), weekAgo, weekAgo);
    now += 1000;
    const second = await startHistoryService({ dataDir, port: first.port, now: () => now });
    try {
      assert.equal(second.count(), 1);
      assert.deepEqual((await download(second.url, id)).bytes, archive);
      assert.equal((await download(second.url, stale)).status, 404);
    } finally {
      await second.close();
    }
  });
});

describe('history service in startXmtpNode', () => {
  it('starts beside the node on a port of its own and stops with it', async () => {
    const node = await startXmtpNode();
    const historyUrl = node.historyUrl!;
    try {
      assert.match(historyUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(historyUrl, node.url);
      const id = (await upload(historyUrl, new Uint8Array([4, 2]))).text;
      assert.equal(node.history!.count(), 1);
      assert.equal((await download(historyUrl, id)).status, 200);
      assert.equal(node.requestLog.length, 0, 'the node logs gRPC calls only');
    } finally {
      await node.close();
    }
    const after = await fetch(`${historyUrl}/`).then((r) => r.status, () => 'closed');
    assert.equal(after, 'closed');
  });

  it('runs none with historyPort: false', async () => {
    const node = await startXmtpNode({ historyPort: false });
    try {
      assert.equal(node.historyUrl, undefined);
      assert.equal(node.history, undefined);
    } finally {
      await node.close();
    }
  });
});
