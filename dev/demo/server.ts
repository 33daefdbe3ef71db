import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deployment } from '../chain/deployment.js';
import { devKitChain } from '../chain/kit-chain.js';
import { buildDevWallet } from '../wallet/build.js';
import { startStaticServer } from './static-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');

export interface DemoOptions {
  /** The dev chain the page's wallet and widgets use. */
  chain: { rpcUrl: string; chainId: number; deployment: Deployment };
  /** The local XMTP node, when running. */
  xmtpUrl?: string;
  /** Its message-history service (where device sync uploads archives), when running. */
  xmtpHistoryUrl?: string;
  /** The local Lens API stand-in (GraphQL endpoint), when running; the offline demo never asks the public one. */
  lensUrl?: string;
  /** The local attachment store (`dev/upload-server.ts`): its POST endpoint and its origin, when running. */
  uploadUrl?: string;
  uploadOrigin?: string;
  /** `attachments.maxInlineBytes` for the page (tests: force remote attachments). */
  attachmentsMaxInline?: number;
  /** The web3.bio API stand-in (`test/support/web3bio-server.ts`); omitted, the source stays off. */
  web3bioUrl?: string;
  /** The built kit (default: dist/). */
  distDir?: string;
  pagePort?: number;
  cdnPort?: number;
  /** Extra headers for the page (e.g. a Content-Security-Policy). */
  pageHeaders?: Record<string, string>;
}

export interface Demo {
  /**
   * The blog page (one origin). `?account=N` picks dev account N (default 1, alice.eth); the post's
   * author is account 2 for account 1 and account 1 for everyone else. `?account=N&as=author`: the
   * author's view, where account N wrote the post and the chat is their inbox of readers' conversations.
   */
  pageUrl: string;
  /** Where dist/ is served from (another origin, like a CDN). */
  cdnUrl: string;
  /** Paths requested from each server, in order. */
  requests: { page: string[]; cdn: string[] };
  close(): Promise<void>;
}

/**
 * Serves the demo blog page on one origin and `dist/` on another, with the
 * dev wallet bundled in. Used by `npm start` and by the end-to-end tests.
 */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const tmp = mkdtempSync(join(tmpdir(), 'mask-demo-'));
  const walletFile = join(tmp, 'dev-wallet.js');
  await buildDevWallet(walletFile);
  const requests = { page: [] as string[], cdn: [] as string[] };
  const { deployment } = options.chain;

  const cdn = await startStaticServer({
    root: options.distDir ?? join(repo, 'dist'),
    port: options.cdnPort,
    cors: true,
    precompressed: true,
    onRequest: (path) => requests.cdn.push(path),
  });

  const template = await fs.readFile(join(here, 'index.html'), 'utf8');
  const account = (index: number) => deployment.accounts[index]?.address;
  const page = await startStaticServer({
    root: here,
    port: options.pagePort,
    headers: options.pageHeaders,
    onRequest: (path) => requests.page.push(path),
    handle: async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://page');
      if (url.pathname === '/dev-wallet.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        res.end(await fs.readFile(walletFile));
        return true;
      }
      if (url.pathname !== '/' && url.pathname !== '/index.html') return false;
      const index = Number(url.searchParams.get('account') ?? 1);
      const mine = Number.isInteger(index) && index >= 0 && index < 10 ? index : 1;
      const me = account(mine);
      // `?as=author`: the post's author reads their own page; its chat (peer = the connected account) is their inbox.
      const asAuthor = url.searchParams.get('as') === 'author';
      const authorIndex = mine === 1 ? 2 : 1;
      const author = asAuthor ? me : account(authorIndex);
      // `persist`: the wallet remembers its connection across reloads, as real wallets do (the kit then reconnects silently).
      const devWallet = { chains: { [options.chain.chainId]: options.chain.rpcUrl }, chainId: options.chain.chainId, account: me, persist: true };
      const kitConfig = {
        chains: [devKitChain(deployment)],
        defaultChain: options.chain.chainId,
        ensChain: options.chain.chainId,
        ...(options.xmtpUrl ? { xmtp: { env: 'local', apiUrl: options.xmtpUrl, ...(options.xmtpHistoryUrl ? { historySyncUrl: options.xmtpHistoryUrl } : {}) } } : {}),
        ...(options.lensUrl ? { lensApiUrl: options.lensUrl } : {}),
        ...(options.uploadUrl ? { attachments: { endpoint: options.uploadUrl, devOrigin: options.uploadOrigin, ...(options.attachmentsMaxInline !== undefined ? { maxInlineBytes: options.attachmentsMaxInline } : {}) } } : {}),
        // The demo is offline: web3.bio (on by default) is its local stand-in, or off when none is given.
        web3bioApiUrl: options.web3bioUrl ?? false,
      };
      const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
      const html = template
        .replaceAll('{{DEV_WALLET_CONFIG}}', json(devWallet))
        .replaceAll('{{KIT_CONFIG}}', json(kitConfig))
        .replaceAll('{{CDN}}', cdn.url)
        .replaceAll('{{AUTHOR}}', author ?? '')
        .replaceAll('{{AUTHOR_VIEW}}', `/?account=${authorIndex}&as=author`)
        .replaceAll('{{READER_ONLY}}', asAuthor ? 'hidden' : '')
        .replaceAll('{{AUTHOR_ONLY}}', asAuthor ? '' : 'hidden')
        .replaceAll('{{BOB}}', account(2) ?? '')
        .replaceAll('{{CAROL}}', account(3) ?? '')
        .replaceAll('{{SPOOF}}', deployment.spoof?.address ?? account(4) ?? '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(html);
      return true;
    },
  });

  return {
    pageUrl: `${page.url}/`,
    cdnUrl: cdn.url,
    requests,
    close: async () => {
      await Promise.all([page.close(), cdn.close()]);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
