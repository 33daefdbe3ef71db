// Finds Chromium for tests, installing Debian's package when it is missing.
// Order: $CHROME_PATH, /usr/bin/chromium, then `apt-get install chromium` (as root).
// Prints the path when run directly: `node scripts/chromium.mjs`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function findChromium({ install = true } = {}) {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(path)) return path;
  if (!install) throw new Error('Chromium not found: install Debian\'s `chromium` package or set CHROME_PATH.');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  console.error('Chromium not found; installing Debian\'s chromium package (one time)…');
  try {
    const run = (cmd) => execFileSync(sudo[0] ?? cmd[0], [...sudo.slice(1), ...(sudo.length ? cmd : cmd.slice(1))], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  } catch (error) {
    throw new Error(`Could not install Chromium with apt-get (${error.message}). Install it yourself (apt-get install chromium) or set CHROME_PATH.`);
  }
  if (!existsSync('/usr/bin/chromium')) throw new Error('apt-get finished but /usr/bin/chromium is missing.');
  return '/usr/bin/chromium';
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(findChromium());
