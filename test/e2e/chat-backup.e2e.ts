/**
 * Backups (issue 16): a visitor exports their conversations on one site and imports them on another
 * site (another origin, so another XMTP database and installation), and the conversation shows there
 * with its history. A backup made by another wallet, or a file that is no backup, is refused with a
 * sentence and `backup-unreadable`, and nothing is imported. Real SDK (its archive API), local node,
 * Chromium, the built dist/ (`npx rollup -c` first).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { chatSuite, startChatSite, until, type ChatSite, type Visitor } from './chat-page.js';

const suite = chatSuite();
const { visit, address } = suite;
const dir = mkdtempSync(join(tmpdir(), 'mask-backup-'));
let siteB: ChatSite;

after(() => siteB?.close());

async function openSettings(v: Visitor): Promise<void> {
  await v.chat.getByRole('button', { name: 'Settings' }).click();
  await v.chat.locator('[part~="backup"]').waitFor();
}

async function importFile(v: Visitor, path: string): Promise<void> {
  const [chooser] = await Promise.all([v.page.waitForEvent('filechooser'), v.chat.getByRole('button', { name: 'Import a backup' }).click()]);
  await chooser.setFiles(path);
}

describe('export on one site, import on another', { timeout: 300_000 }, () => {
  let backup = '';

  test('alice writes to bob on site A and exports her conversations', async () => {
    const alice = await visit('alice', suite.site.url({ account: 1, peer: address(2) }));
    const bob = await visit('bob', suite.site.url({ account: 2, peer: address(1) }));
    await alice.openChat();
    await alice.connect();
    await alice.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await alice.chat.locator('[part~="error"]').getByText(/is not on XMTP yet/).waitFor({ timeout: 60_000 });
    await bob.enableChat({ expectSignature: true });
    await alice.chat.locator('[part~="composer"]').waitFor({ timeout: 60_000 });
    await alice.send('kept in the backup');
    await until('bob to receive it', async () => (await bob.bubbles()).includes('kept in the backup'), 60_000);

    await openSettings(alice);
    const status = alice.chat.locator('[part~="backup-status"]');
    const [download] = await Promise.all([alice.page.waitForEvent('download', { timeout: 60_000 }), alice.chat.getByRole('button', { name: 'Export conversations' }).click()]);
    assert.match(download.suggestedFilename(), new RegExp(`^chat-backup-${address(1).slice(0, 8).toLowerCase()}-\\d{4}-\\d{2}-\\d{2}\\.xmtp$`));
    backup = join(dir, download.suggestedFilename());
    await download.saveAs(backup);
    await status.getByText(/^Backup saved as chat-backup-.*\.xmtp \(.+\)\.$/).waitFor({ timeout: 60_000 });
    assert.ok(readFileSync(backup).length > 0, 'the file has bytes');
    assert.ok(!readFileSync(backup).includes(Buffer.from('kept in the backup')), 'the message is not in the file in clear');
    assert.deepEqual(await alice.axe(), [], 'axe: settings with the backup section');
    // Site A's installation goes away: what site B gets next can only come from the file.
    await alice.context.close();
  });

  test('on site B (another origin) alice imports the file and the conversation shows with its history', async () => {
    siteB = await startChatSite(suite.chain, suite.node.url);
    // Her inbox on site B (no peer): a new installation, empty until the import.
    const alice = await visit('alice-b', siteB.url({ account: 1 }));
    await alice.openChat();
    await alice.connect();
    await alice.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await alice.chat.locator('[part~="inbox"]').waitFor({ timeout: 60_000 });
    await openSettings(alice);
    await importFile(alice, backup);
    await alice.chat.locator('[part~="backup-status"]').getByText(/^Imported chat-backup-.*\.xmtp: your conversations from it are here\.$/).waitFor({ timeout: 120_000 });
    await alice.chat.getByRole('button', { name: /^Back/ }).last().click();
    // The inbox lists the restored conversation; opening it shows its history (read-only until bob's client adds this installation).
    await alice.chat.getByRole('option').first().click({ timeout: 60_000 });
    await until('the imported history on site B', async () => (await alice.bubbles()).includes('kept in the backup'), 60_000);
    assert.deepEqual(alice.errors, []);
  });

  test('another wallet’s backup, and a file that is no backup, are refused with a sentence and backup-unreadable', async () => {
    const carol = await visit('carol', siteB.url({ account: 3, peer: address(1) }));
    await carol.enableChat({ expectSignature: true });
    await openSettings(carol);
    const error = carol.chat.locator('[part~="error"]');
    await importFile(carol, backup);
    await error.getByText(/is not a chat backup made with this wallet, so nothing was imported/).waitFor({ timeout: 60_000 });
    const notes = join(dir, 'notes.xmtp');
    writeFileSync(notes, 'just some notes\n');
    await importFile(carol, notes);
    await error.getByText('“notes.xmtp” is not a chat backup made with this wallet, so nothing was imported. Choose a backup you exported with this wallet.').waitFor({ timeout: 60_000 });
    const codes = (await carol.events()).filter((e) => e.type === 'mask-error').map((e) => e.code);
    assert.deepEqual(codes.filter((c) => c === 'backup-unreadable').length, 2, `mask-error codes: ${codes.join(', ')}`);
    assert.equal(await carol.chat.locator('[part~="backup-status"]').innerText(), '', 'no success said');
    assert.deepEqual(await carol.axe(), [], 'axe: the refused import');
  });
});
