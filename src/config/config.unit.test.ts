// The XMTP device-sync keys of the kit's configuration: on by default, the host's opt-out, the
// history service URL, their validation and inheritance.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KitConfigError } from './chains.js';
import { DEFAULT_CONFIG, resolveConfig } from './config.js';

// `deviceSync` is on unless false: omitted (undefined) means on.
const on = (config: { xmtp: { deviceSync?: boolean } }) => config.xmtp.deviceSync !== false;

test('device sync is on by default, with the SDK choosing the history service for the env', () => {
  const config = resolveConfig({});
  assert.equal(on(config), true);
  assert.equal(config.xmtp.historySyncUrl, undefined);
  assert.equal(on(resolveConfig({ xmtp: { env: 'local' } })), true, 'changing the env keeps it on');
});

test('the host turns device sync off, and names a history service', () => {
  assert.equal(resolveConfig({ xmtp: { deviceSync: false } }).xmtp.deviceSync, false);
  const local = resolveConfig({ xmtp: { env: 'local', apiUrl: 'http://127.0.0.1:5557', historySyncUrl: 'http://127.0.0.1:5558' } });
  assert.deepEqual(local.xmtp, { env: 'local', apiUrl: 'http://127.0.0.1:5557', historySyncUrl: 'http://127.0.0.1:5558', deviceSync: undefined });
  assert.equal(on(local), true);
});

test('a child inherits the parent’s choice unless it makes its own; an explicit undefined inherits', () => {
  const parent = resolveConfig({ xmtp: { deviceSync: false, historySyncUrl: 'https://history.example' } });
  assert.equal(resolveConfig({}, parent).xmtp.deviceSync, false);
  assert.equal(resolveConfig({ xmtp: { env: 'dev' } }, parent).xmtp.historySyncUrl, 'https://history.example');
  assert.equal(resolveConfig({ xmtp: { deviceSync: undefined } }, parent).xmtp.deviceSync, false);
  assert.equal(resolveConfig({ xmtp: { deviceSync: true } }, parent).xmtp.deviceSync, true);
  assert.equal(on(resolveConfig({}, resolveConfig({}))), true, 'a child of a default parent has it on');
});

test('a history service that is not an http(s) URL, or a deviceSync that is not a boolean, is refused', () => {
  for (const bad of [
    { xmtp: { historySyncUrl: 'javascript:alert(1)' } },
    { xmtp: { historySyncUrl: 'ftp://history.example' } },
    { xmtp: { deviceSync: 'no' as unknown as boolean } },
    { xmtp: { deviceSync: 0 as unknown as boolean } },
  ]) {
    assert.throws(() => resolveConfig(bad), KitConfigError, JSON.stringify(bad));
  }
  assert.equal(on(DEFAULT_CONFIG), true);
});

test('the decentralised network: its envs with the app’s gatewayHost, refused without it or with a V3 env', () => {
  const mainnet = resolveConfig({ xmtp: { env: 'mainnet', gatewayHost: 'https://gateway.example' } });
  assert.equal(mainnet.xmtp.env, 'mainnet');
  assert.equal(mainnet.xmtp.gatewayHost, 'https://gateway.example');
  for (const env of ['testnet-staging', 'testnet-dev', 'testnet'] as const) {
    assert.equal(resolveConfig({ xmtp: { env, gatewayHost: 'http://127.0.0.1:5050' } }).xmtp.env, env);
  }
  assert.throws(() => resolveConfig({ xmtp: { env: 'mainnet' } }), /XMTP env “mainnet” needs xmtp.gatewayHost, your gateway's URL/);
  assert.throws(() => resolveConfig({ xmtp: { env: 'production', gatewayHost: 'https://gateway.example' } }), /xmtp.gatewayHost is for the decentralised envs only, not “production”/);
  assert.throws(() => resolveConfig({ xmtp: { gatewayHost: 'https://gateway.example' } }), KitConfigError, 'the default env is V3 production');
  assert.throws(() => resolveConfig({ xmtp: { env: 'testnet', gatewayHost: 'gateway.example' } }), /is not an http\(s\) URL/);
  assert.throws(() => resolveConfig({ xmtp: { env: 'mainnet-beta' as 'mainnet' } }), /XMTP env must be one of local, dev, production, testnet-staging, testnet-dev, testnet, mainnet/);
  // A child moving back to V3 drops the inherited gateway explicitly.
  assert.equal(resolveConfig({ xmtp: { env: 'production', gatewayHost: undefined } }, mainnet).xmtp.gatewayHost, undefined);
  assert.throws(() => resolveConfig({ xmtp: { env: 'production' } }, mainnet), KitConfigError);
});

test('web3bioApiUrl: Mask\'s API by default; a host points it elsewhere with an http(s) URL or turns it off with false; a child inherits', () => {
  assert.equal(DEFAULT_CONFIG.web3bioApiUrl, 'https://api.web3.bio');
  assert.equal(resolveConfig({}).web3bioApiUrl, 'https://api.web3.bio');
  const on3 = resolveConfig({ web3bioApiUrl: 'https://web3bio.example' });
  assert.equal(on3.web3bioApiUrl, 'https://web3bio.example');
  assert.equal(resolveConfig({}, on3).web3bioApiUrl, 'https://web3bio.example');
  assert.equal(resolveConfig({ web3bioApiUrl: false }).web3bioApiUrl, false);
  assert.equal(resolveConfig({ web3bioApiUrl: false }, on3).web3bioApiUrl, false);
  for (const bad of ['javascript:alert(1)', 'ftp://web3.example']) {
    assert.throws(() => resolveConfig({ web3bioApiUrl: bad }), (e: Error) => e instanceof KitConfigError && e.message.includes(bad));
  }
});
