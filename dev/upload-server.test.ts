import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startUploadServer, type UploadServer } from './upload-server.js';

let server: UploadServer;
before(async () => {
  server = await startUploadServer({ limit: 1000 });
});
after(() => server.close());

test('an upload is stored under its SHA-256 and served back with CORS', async () => {
  const body = new Uint8Array([1, 2, 3, 4, 5]);
  const res = await fetch(server.uploadUrl, { method: 'POST', body, headers: { Origin: 'http://page.test' } });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const { url } = (await res.json()) as { url: string };
  assert.equal(url, `${server.url}/f/${createHash('sha256').update(body).digest('hex')}`);
  const got = await fetch(url);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('access-control-allow-origin'), '*');
  assert.deepEqual(new Uint8Array(await got.arrayBuffer()), body);
  // The same bytes again: the same name, one file.
  await fetch(server.uploadUrl, { method: 'POST', body });
  assert.equal(server.count(), 1);
});

test('a preflight is answered', async () => {
  const res = await fetch(server.uploadUrl, { method: 'OPTIONS', headers: { Origin: 'http://page.test', 'Access-Control-Request-Method': 'POST' } });
  assert.equal(res.status, 204);
  assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
});

test('over the size limit is 413 and stores nothing', async () => {
  const before = server.count();
  const res = await fetch(server.uploadUrl, { method: 'POST', body: new Uint8Array(1001) });
  assert.equal(res.status, 413);
  assert.equal(server.count(), before);
});

test('an unknown name is 404; ?corrupt flips a byte', async () => {
  assert.equal((await fetch(`${server.url}/f/${'0'.repeat(64)}`)).status, 404);
  const body = new Uint8Array([9, 9, 9]);
  const { url } = (await (await fetch(server.uploadUrl, { method: 'POST', body })).json()) as { url: string };
  const bad = new Uint8Array(await (await fetch(`${url}?corrupt=1`)).arrayBuffer());
  assert.notDeepEqual(bad, body);
  assert.equal(bad.length, body.length);
});
