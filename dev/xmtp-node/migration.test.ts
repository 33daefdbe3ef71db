// The cutover switch: the node behaves as node-go does once the network has moved to XMTP D14N.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Status, startXmtpNode, type XmtpNode } from './index.js';
import { fetchCutover, watchCutover } from '../../src/messaging/cutover.js';
import { PUBLISH_MOVED, STREAM_MOVED } from './migration.js';
import { mls } from './proto.js';
import { bytes, call, IDENTITY, identityUpdate, createInbox, MLS, openStream, randomAddress, randomInboxId, sendGroupMessages } from './test-helpers.js';

const M = (m: string) => `${MLS}/${m}`;
const CUTOVER = 'xmtp.migration.api.v1.D14nMigrationApi/FetchD14nCutover';

/** Decodes `FetchD14nCutoverResponse { uint64 timestamp_ns = 1; }`. */
function timestampNs(body: Uint8Array): bigint {
  if (body.length === 0) return 0n;
  assert.equal(body[0], 0x08, 'field 1, varint');
  let value = 0n;
  for (let i = 1, shift = 0n; i < body.length; i++, shift += 7n) {
    value |= BigInt(body[i]! & 0x7f) << shift;
    if (!(body[i]! & 0x80)) break;
  }
  return value;
}

describe('the D14N cutover', () => {
  let node: XmtpNode;
  before(async () => {
    node = await startXmtpNode({ historyPort: false });
  });
  after(() => node.close());

  const groupFilter = () => mls.SubscribeGroupMessagesRequest.encode(mls.SubscribeGroupMessagesRequest.fromPartial({ filters: [{ groupId: bytes(16) }] })).finish();
  const query = () => mls.QueryGroupMessagesRequest.encode(mls.QueryGroupMessagesRequest.fromPartial({ groupId: bytes(16) })).finish();

  it('before any cutover: the migration API says none (0) and everything is served', async () => {
    const r = await call(node.url, CUTOVER, new Uint8Array(0));
    assert.equal(r.status, Status.OK);
    assert.equal(timestampNs(r.body!), 0n);
    assert.equal((await call(node.url, `${IDENTITY}/PublishIdentityUpdate`, identityUpdate(randomInboxId(), [createInbox(randomAddress())]))).status, Status.OK);
  });

  it('a scheduled cutover is published; publishing still works until it comes', async () => {
    const at = (BigInt(Date.now()) + 3_600_000n) * 1_000_000n;
    node.faults.cutover(at);
    assert.equal(timestampNs((await call(node.url, CUTOVER, new Uint8Array(0))).body!), at);
    assert.equal((await call(node.url, `${IDENTITY}/PublishIdentityUpdate`, identityUpdate(randomInboxId(), [createInbox(randomAddress())]))).status, Status.OK);
  });

  it('at the cutover: open streams end and new ones are refused with the streaming message; publishes are refused; queries are answered', async () => {
    const open = await openStream(node.url, M('SubscribeGroupMessages'), groupFilter());
    node.faults.cutover();
    assert.deepEqual(await open.ended, { status: Status.UNAVAILABLE, message: STREAM_MOVED });
    const again = await openStream(node.url, M('SubscribeWelcomeMessages'), mls.SubscribeWelcomeMessagesRequest.encode(mls.SubscribeWelcomeMessagesRequest.fromPartial({ filters: [{ installationKey: bytes(32) }] })).finish());
    assert.deepEqual(await again.ended, { status: Status.UNAVAILABLE, message: STREAM_MOVED });
    for (const [path, body] of [
      [M('SendGroupMessages'), sendGroupMessages(bytes(64))],
      [`${IDENTITY}/PublishIdentityUpdate`, identityUpdate(randomInboxId(), [createInbox(randomAddress())])],
    ] as const) {
      const r = await call(node.url, path, body);
      assert.deepEqual([r.status, r.message], [Status.UNAVAILABLE, PUBLISH_MOVED], path);
    }
    assert.equal((await call(node.url, M('QueryGroupMessages'), query())).status, Status.OK, 'queries still answered');
    const published = timestampNs((await call(node.url, CUTOVER, new Uint8Array(0))).body!);
    assert.ok(published > 0n && published <= BigInt(Date.now()) * 1_000_000n, 'the cutover time published is in the past');
  });

  it('taking the cutover back serves publishes and streams again', async () => {
    node.faults.cutover(null);
    assert.equal((await call(node.url, `${IDENTITY}/PublishIdentityUpdate`, identityUpdate(randomInboxId(), [createInbox(randomAddress())]))).status, Status.OK);
    const stream = await openStream(node.url, M('SubscribeGroupMessages'), groupFilter());
    assert.equal(node.stats().openStreams, 1);
    stream.close();
  });

  it("the kit's reader (src/messaging/cutover.ts) reads the published time over gRPC-web: none, ahead, passed", async () => {
    node.faults.cutover(null);
    assert.equal(await fetchCutover(node.url), null, 'none scheduled');
    const ahead = Date.now() + 3_600_000;
    node.faults.cutover(BigInt(ahead) * 1_000_000n);
    assert.equal(await fetchCutover(node.url), ahead, 'a time ahead, to the millisecond');
    // Nanoseconds since 1970 are past 2^53: read as a float, about half of these came back a millisecond early.
    for (let i = 0; i < 100; i++) {
      const at = ahead + Math.floor(Math.random() * 86_400_000);
      node.faults.cutover(BigInt(at) * 1_000_000n);
      assert.equal(await fetchCutover(node.url), at, `exactly ${at}`);
    }
    node.faults.cutover(BigInt(ahead) * 1_000_000n);

    // Ahead: the site's owner is told in the console, nothing moves yet.
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
    let moved = 0;
    try {
      const stop = watchCutover(node.url, () => moved++);
      await until(() => warned.length > 0);
      stop();
    } finally {
      console.warn = warn;
    }
    assert.match(warned[0]!, new RegExp(`stops taking messages at ${new Date(ahead).toISOString()}`));
    assert.equal(moved, 0);

    // Passed: the chat is told at once, before it tries to send anything.
    node.faults.cutover(BigInt(Date.now() - 1000) * 1_000_000n);
    await new Promise<void>((resolve) => watchCutover(node.url, resolve));
    node.faults.cutover(null);
  });

  it('a node without the migration API, or one that is down, is no cutover', async () => {
    assert.equal(await fetchCutover('http://127.0.0.1:9'), null, 'nothing listening');
    assert.equal(await fetchCutover(`${node.url}/no-such-prefix`), null, 'not found');
  });
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}
