/**
 * The repository must stand on its own: no tracked file may send a reader to
 * documents outside it (a sibling `shared/` folder that only some
 * workstations have; issue 15). Walks `git ls-files` and fails on any mention.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
// Built from parts so that this file does not match itself.
const OUTSIDE = new RegExp(['\\.\\./' + 'shared\\b', '\\bshared/' + 'docs\\b'].join('|'));

export const outsidePointers = (text: string): number[] =>
  text.split('\n').flatMap((line, i) => (OUTSIDE.test(line) ? [i + 1] : []));

test('the pattern finds both kinds of pointer', () => {
  assert.deepEqual(outsidePointers(['ok', 'See shared/' + 'docs/x.md', '../' + 'shared/y', 'shared state'].join('\n')), [2, 3]);
});

test('no tracked file points at documents outside the repository', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  assert.ok(files.length > 50, 'git ls-files lists the repository');
  const found: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue; // deleted in the work tree
    }
    if (text.includes('\0')) continue; // binary
    for (const line of outsidePointers(text)) found.push(`${file}:${line}`);
  }
  assert.deepEqual(found, []);
});
