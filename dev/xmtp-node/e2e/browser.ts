// Headless Chromium for the end-to-end tests and the benchmark: one browser context per
// simulated user, each with its own harness page.

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';
import type { Harness } from './harness.js';

/** The shared launch flags and finder (scripts/chromium.mjs): one place for what works as root offline. */
export const CHROME_ARGS = CHROMIUM_ARGS;

export const chromePath = (): string => findChromium({ install: false });

function checkChrome(): string {
  return chromePath();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: checkChrome(), args: CHROME_ARGS });
}

type Method = keyof Harness;
type Args<M extends Method> = Parameters<Harness[M]>;
type Result<M extends Method> = Awaited<ReturnType<Harness[M]>>;

/** A simulated user: a browser context with the harness page loaded. */
export class User {
  readonly logs: string[] = [];
  #pageUrl: string;

  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    pageUrl: string,
    private readonly cleanup: () => Promise<void>,
  ) {
    this.#pageUrl = pageUrl;
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') this.logs.push(`[${m.type()}] ${m.text()}`);
    });
    page.on('pageerror', (e) => this.logs.push(`[pageerror] ${e.message}`));
  }

  /** A fresh (incognito-like) context in a shared browser. */
  static async inBrowser(browser: Browser, name: string, pageUrl: string): Promise<User> {
    const context = await browser.newContext();
    const user = new User(name, context, await context.newPage(), pageUrl, () => context.close());
    await user.load();
    return user;
  }

  /**
   * A context on a fresh persistent user-data directory (its own browser process), for a
   * user whose storage must survive a reload or a browser restart.
   */
  static async persistent(name: string, pageUrl: string, userDataDir?: string): Promise<User> {
    const dir = userDataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), `xmtp-${name}-`)));
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: checkChrome(),
      args: CHROME_ARGS,
      headless: true,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const user = new User(name, context, page, pageUrl, async () => {
      await context.close();
      if (!userDataDir) await fs.rm(dir, { recursive: true, force: true });
    });
    await user.load();
    return user;
  }

  async load(): Promise<void> {
    await this.page.goto(this.#pageUrl);
    await this.page.waitForFunction(() => typeof window.xmtpHarness === 'object', undefined, { timeout: 30_000 });
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.waitForFunction(() => typeof window.xmtpHarness === 'object', undefined, { timeout: 30_000 });
  }

  call<M extends Method>(method: M, ...args: Args<M>): Promise<Result<M>> {
    return this.page.evaluate(
      ({ method, args }) => (window.xmtpHarness[method] as (...a: unknown[]) => unknown)(...args),
      { method, args: args as unknown[] },
    ) as Promise<Result<M>>;
  }

  async close(): Promise<void> {
    await this.cleanup().catch(() => {});
  }
}

/** Polls `check` until it returns a truthy value or the timeout passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T> | T,
  timeoutMs = 20_000,
  everyMs = 100,
): Promise<Exclude<T, undefined | null | false | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Exclude<T, undefined | null | false | 0 | ''>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
