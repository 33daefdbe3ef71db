import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytes, keyPackage, privateMessage, publicMessage, vec } from './test-helpers.js';
import { ContentType, encodeVarint, parseKeyPackage, parseMlsMessage, SenderType, TlsError, TlsReader, WireFormat } from './tls.js';

describe('TLS / MLS parsing', () => {
  it('reads RFC 9420 varints of 1, 2 and 4 bytes', () => {
    for (const n of [0, 1, 63, 64, 300, 16383, 16384, 1_000_000, 0x3fffffff]) {
      const r = new TlsReader(encodeVarint(n));
      assert.equal(r.varint(), n);
      assert.equal(r.offset, n < 64 ? 1 : n < 16384 ? 2 : 4);
    }
    assert.deepEqual([...encodeVarint(37)], [0x25]);
    assert.deepEqual([...encodeVarint(15293)], [0x7b, 0xbd]); // RFC 9420 example
    assert.throws(() => new TlsReader(Uint8Array.of(0xc0, 0, 0, 0, 0, 0, 0, 1)).varint(), TlsError);
  });

  it('takes the installation key from the leaf node signature key of a KeyPackage', () => {
    const installationKey = bytes(32);
    const info = parseKeyPackage(keyPackage(installationKey));
    assert.deepEqual(info.installationKey, installationKey);
    assert.equal(info.version, 1);
    assert.equal(info.cipherSuite, 1);
    assert.equal(info.initKey.length, 32);
    // A long init key (a post-quantum one is 1,216 bytes) moves the offsets: a 2-byte varint.
    assert.deepEqual(parseKeyPackage(keyPackage(installationKey, { initKeyLength: 1216 })).installationKey, installationKey);
  });

  it('rejects truncated key packages', () => {
    const kp = keyPackage(bytes(32));
    assert.throws(() => parseKeyPackage(kp.subarray(0, 40)), TlsError);
    assert.throws(() => parseKeyPackage(new Uint8Array(0)), TlsError);
  });

  it('reads group id and commit-ness of a PrivateMessage', () => {
    const groupId = bytes(16);
    const app = parseMlsMessage(privateMessage(groupId, ContentType.Application, 42n));
    assert.deepEqual(app.groupId, groupId);
    assert.equal(app.wireFormat, WireFormat.PrivateMessage);
    assert.equal(app.epoch, 42n);
    assert.equal(app.isCommit, false);
    assert.equal(parseMlsMessage(privateMessage(groupId, ContentType.Commit)).isCommit, true);
    assert.equal(parseMlsMessage(privateMessage(groupId, ContentType.Proposal)).isCommit, false);
  });

  it('reads a PublicMessage past its sender and authenticated data, for every sender type', () => {
    const groupId = bytes(16);
    for (const sender of [SenderType.Member, SenderType.External, SenderType.NewMemberProposal, SenderType.NewMemberCommit]) {
      const commit = parseMlsMessage(publicMessage(groupId, ContentType.Commit, sender, bytes(70)));
      assert.deepEqual(commit.groupId, groupId);
      assert.equal(commit.wireFormat, WireFormat.PublicMessage);
      assert.equal(commit.isCommit, true, `sender type ${sender}`);
      assert.equal(parseMlsMessage(publicMessage(groupId, ContentType.Proposal, sender)).isCommit, false);
    }
    // Content type 3 placed where a PrivateMessage has it would be misread without the sender.
    const tricky = publicMessage(groupId, ContentType.Application, SenderType.Member, Uint8Array.of(3, 3, 3));
    assert.equal(parseMlsMessage(tricky).isCommit, false);
  });

  it('rejects what is not a group message', () => {
    const welcome = new Uint8Array([0, 1, 0, WireFormat.Welcome, ...vec(bytes(8))]);
    assert.throws(() => parseMlsMessage(welcome), /wire format 3/);
    assert.throws(() => parseMlsMessage(Uint8Array.of(0, 2, 0, 2)), /version 2/);
    assert.throws(() => parseMlsMessage(privateMessage(new Uint8Array(0))), /empty group id/);
    assert.throws(() => parseMlsMessage(privateMessage(bytes(16), 9)), /content type 9/);
    assert.throws(() => parseMlsMessage(privateMessage(bytes(16)).subarray(0, 12)), TlsError);
  });
});
