import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeFrames,
  encodeDataFrame,
  encodeGrpcMessage,
  encodeTrailerFrame,
  FLAG_DATA,
  FLAG_TRAILER,
  FrameParser,
  GrpcError,
  isGrpcWebRequest,
  parseTrailers,
  preflightHeaders,
  requestMessage,
  Status,
} from './grpc-web.js';
import { mls } from './proto.js';

const msg = (...b: number[]) => Uint8Array.from(b);

describe('gRPC-web framing', () => {
  it('encodes a data frame as flag 0, big-endian length, payload', () => {
    const frame = encodeDataFrame(msg(1, 2, 3));
    assert.deepEqual([...frame], [0x00, 0, 0, 0, 3, 1, 2, 3]);
    const big = encodeDataFrame(new Uint8Array(70_000));
    assert.deepEqual([...big.subarray(0, 5)], [0x00, 0x00, 0x01, 0x11, 0x70]);
  });

  it('encodes the trailer frame with status and percent-encoded message', () => {
    const frame = encodeTrailerFrame(3, 'bad 100% ✓');
    assert.equal(frame[0], FLAG_TRAILER);
    assert.equal(frame.readUInt32BE(1), frame.length - 5);
    const text = frame.subarray(5).toString('latin1');
    assert.equal(text, 'grpc-status:3\r\ngrpc-message:bad 100%25 %E2%9C%93\r\n');
    assert.deepEqual(parseTrailers(frame.subarray(5)), { 'grpc-status': '3', 'grpc-message': 'bad 100%25 %E2%9C%93' });
    assert.equal(encodeGrpcMessage('a\r\nb'), 'a%0D%0Ab');
  });

  it('reassembles frames split at every possible byte boundary', () => {
    const body = Buffer.concat([encodeDataFrame(msg(9, 8, 7, 6)), encodeDataFrame(msg()), encodeTrailerFrame(0)]);
    for (let cut = 0; cut <= body.length; cut++) {
      const parser = new FrameParser();
      const frames = [...parser.push(body.subarray(0, cut)), ...parser.push(body.subarray(cut))];
      assert.equal(frames.length, 3, `cut at ${cut}`);
      assert.deepEqual([...frames[0]!.payload], [9, 8, 7, 6]);
      assert.equal(frames[1]!.payload.length, 0);
      assert.equal(frames[2]!.flag, FLAG_TRAILER);
      assert.equal(parser.pending, 0);
    }
  });

  it('parses byte-by-byte feeding and keeps the unfinished frame pending', () => {
    const body = Buffer.concat([encodeDataFrame(msg(1)), encodeDataFrame(msg(2, 2))]);
    const parser = new FrameParser();
    const out = [];
    for (const b of body.subarray(0, body.length - 1)) out.push(...parser.push(Uint8Array.of(b)));
    assert.equal(out.length, 1);
    assert.equal(parser.pending, 6);
    out.push(...parser.push(body.subarray(body.length - 1)));
    assert.deepEqual(out.map((f) => [...f.payload]), [[1], [2, 2]]);
  });

  it('decodes several frames in one buffer, data and trailer', () => {
    const frames = decodeFrames(Buffer.concat([encodeDataFrame(msg(5)), encodeDataFrame(msg(6)), encodeTrailerFrame(14, 'x')]));
    assert.deepEqual(frames.map((f) => f.flag), [FLAG_DATA, FLAG_DATA, FLAG_TRAILER]);
    assert.equal(parseTrailers(frames[2]!.payload)['grpc-status'], '14');
  });

  it('extracts the single request message and rejects truncation, compression, client streaming', () => {
    const request = mls.QueryGroupMessagesRequest.encode(
      mls.QueryGroupMessagesRequest.fromPartial({ groupId: msg(1, 2), pagingInfo: { limit: 5 } }),
    ).finish();
    const decoded = mls.QueryGroupMessagesRequest.decode(requestMessage(encodeDataFrame(request)));
    assert.deepEqual([...decoded.groupId], [1, 2]);
    assert.equal(decoded.pagingInfo?.limit, 5);
    assert.equal(requestMessage(new Uint8Array(0)).length, 0, 'an empty body is an empty message');

    const truncated = encodeDataFrame(request).subarray(0, 7);
    assert.throws(() => requestMessage(truncated), (e: unknown) => e instanceof GrpcError && e.code === Status.INTERNAL);
    const compressed = encodeDataFrame(request);
    compressed[0] = 0x01;
    assert.throws(() => requestMessage(compressed), (e: unknown) => e instanceof GrpcError && e.code === Status.UNIMPLEMENTED);
    const two = Buffer.concat([encodeDataFrame(request), encodeDataFrame(request)]);
    assert.throws(() => requestMessage(two), /client streaming/);
  });

  it('answers preflights with the requested headers and recognises gRPC-web content types', () => {
    const h = preflightHeaders({
      origin: 'http://127.0.0.1:9',
      'access-control-request-headers': 'content-type,x-app-version,x-grpc-web,x-libxmtp-version',
    });
    assert.equal(h['access-control-allow-origin'], 'http://127.0.0.1:9');
    assert.equal(h['access-control-allow-headers'], 'content-type,x-app-version,x-grpc-web,x-libxmtp-version');
    assert.match(String(h['access-control-allow-methods']), /POST/);
    assert.equal(h['access-control-expose-headers'], 'grpc-status,grpc-message,grpc-status-details-bin');
    assert.ok(isGrpcWebRequest('application/grpc-web+proto'));
    assert.ok(isGrpcWebRequest('application/grpc-web; charset=utf-8'));
    assert.ok(!isGrpcWebRequest('application/grpc-web-text'));
    assert.ok(!isGrpcWebRequest(undefined));
  });
});
