/**
 * Gives the demo's authors an XMTP inbox on the local node before anyone opens
 * the page, so the first visitor can write to the post's author at once
 * instead of being told the author "is not on XMTP yet" (issue 13, issue 15).
 *
 * Each author gets a real installation: the real `@xmtp/browser-sdk` (the
 * node's harness page, `dev/xmtp-node/e2e/harness.ts`) in headless Chromium,
 * signing with the dev chain's unlocked account (anvil's `personal_sign`, as
 * the dev wallet does). With `profileDir`, the browser profile (and so each
 * author's installation, kept in OPFS per origin) survives a restart: the
 * same installation is loaded again, no new one is registered.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { buildHarness } from '../xmtp-node/e2e/build.js';
import { startStaticServer } from './static-server.js';

export interface RegisterAuthorsOptions {
  /** The local XMTP node. */
  nodeUrl: string;
  /** The dev chain's JSON-RPC URL: it signs for its unlocked accounts. */
  rpcUrl: string;
  addresses: string[];
  /** A Chromium profile folder kept between runs (a fresh in-memory one when omitted). */
  profileDir?: string;
  /** Port of the page the SDK runs in (its origin keys the installations' storage): keep it stable with `profileDir`. */
  port?: number;
}

export interface AuthorRegistration {
  /** Lower-cased address → inbox id. */
  inboxIds: Record<string, string>;
  /** Lower-cased address → whether the node now says it can be messaged (`canMessage`). */
  reachable: Record<string, boolean>;
}

/** Registers every address (one after the other) and checks that each can be messaged; closes its browser when done. */
export async function registerDemoAuthors(options: RegisterAuthorsOptions): Promise<AuthorRegistration> {
  const build = await buildHarness();
  const statics = await startStaticServer({ root: build.dir, port: options.port });
  let context: BrowserContext | undefined;
  let closeBrowser = async (): Promise<void> => {};
  try {
    const launch = { executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true };
    if (options.profileDir) {
      context = await chromium.launchPersistentContext(options.profileDir, launch);
    } else {
      const browser = await chromium.launch(launch);
      closeBrowser = () => browser.close();
      context = await browser.newContext();
    }
    const inboxIds: Record<string, string> = {};
    const pages: Page[] = [];
    for (const address of options.addresses) {
      const page = await context.newPage();
      pages.push(page);
      await page.goto(`${statics.url}/index.html`);
      await page.waitForFunction(() => typeof window.xmtpHarness === 'object', undefined, { timeout: 30_000 });
      const created = await page.evaluate(
        (o) => window.xmtpHarness.create({ apiUrl: o.nodeUrl, wallet: { rpcUrl: o.rpcUrl, address: o.address }, appVersion: 'demo-registrar/1' }),
        { nodeUrl: options.nodeUrl, rpcUrl: options.rpcUrl, address },
      );
      inboxIds[created.address] = created.inboxId;
    }
    const reachable = await pages[0]!.evaluate((list) => window.xmtpHarness.canMessage(list), options.addresses.map((a) => a.toLowerCase()));
    for (const page of pages) await page.evaluate(() => window.xmtpHarness.close()).catch(() => {});
    return { inboxIds, reachable };
  } finally {
    await context?.close().catch(() => {});
    await closeBrowser().catch(() => {});
    await statics.close();
    await build.cleanup();
  }
}
