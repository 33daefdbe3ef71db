import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How the proxy answers JSON-RPC, as a real node or provider fails:
 * - `pass`: forwards to the target;
 * - `down`: closes the connection without an answer (the browser sees a network error);
 * - `http-500`: an HTTP 500 with a plain-text body;
 * - `garbage`: HTTP 200 with a body that is not JSON;
 * - `rate-limited`: HTTP 200 with a JSON-RPC error (-32005, as providers send when over quota);
 * - `hang`: holds the request without answering until the fault changes (then forwards it).
 *
 * `GET /__stats` answers `{ held, aborted }`: requests held by `hang`, and how many of those the
 * client gave up on (closed the connection) before an answer.
 */
export const FAULTS = ['pass', 'down', 'http-500', 'garbage', 'rate-limited', 'hang'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxy {
  /** The JSON-RPC URL to give the kit. */
  url: string;
  /** POST a fault name here (CORS open) to change how the proxy answers from the next request. */
  controlUrl: string;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
};

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/** JSON-RPC error answers for every request in `text` (a single call or a batch). */
function rpcErrors(text: string, code: number, message: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { id: null };
  }
  const answer = (call: { id?: unknown }) => ({ jsonrpc: '2.0', id: call?.id ?? null, error: { code, message } });
  return JSON.stringify(Array.isArray(parsed) ? parsed.map(answer) : answer(parsed as { id?: unknown }));
}

/**
 * A JSON-RPC proxy in front of a real node (the dev chain), or an HTTP API (GETs keep their path), whose failures a
 * test switches at run time, on a free port. Used by the fault matrix
 * (`test/browser/faults.test.ts`): the kit talks to a real chain through it,
 * and sees exactly what a failing provider sends.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  let fault: Fault = 'pass';
  const stats = { held: 0, aborted: 0 };
  const release: Array<() => void> = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    if (req.url === '/__stats') {
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' }).end(JSON.stringify(stats));
      return;
    }
    const text = await body(req);
    if (req.url === '/__fault') {
      const next = text.trim() as Fault;
      if (!FAULTS.includes(next)) {
        res.writeHead(400, { ...CORS, 'content-type': 'text/plain' }).end(`unknown fault ${next}; known: ${FAULTS.join(', ')}`);
        return;
      }
      fault = next;
      for (const go of release.splice(0)) go();
      res.writeHead(200, { ...CORS, 'content-type': 'text/plain' }).end(fault);
      return;
    }
    if (fault === 'hang') {
      stats.held++;
      let answered = false;
      res.on('close', () => {
        if (!answered && !res.writableFinished) stats.aborted++;
      });
      await new Promise<void>((resolve) => release.push(resolve));
      answered = true;
      if (res.destroyed) return;
    }
    if (fault === 'down') {
      req.socket.destroy();
      return;
    }
    if (fault === 'http-500') {
      res.writeHead(500, { ...CORS, 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    if (fault === 'garbage') {
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' }).end('<html><body>Bad gateway</body></html>');
      return;
    }
    if (fault === 'rate-limited') {
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' }).end(rpcErrors(text, -32005, 'limit exceeded'));
      return;
    }
    try {
      // A GET (the web3.bio API) keeps its path under the target; anything else is a POST to the target itself.
      const upstream =
        req.method === 'GET'
          ? await fetch(`${target.replace(/\/+$/, '')}${req.url ?? '/'}`, { headers: { accept: 'application/json' } })
          : await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
      const answer = await upstream.text();
      res.writeHead(upstream.status, { ...CORS, 'content-type': 'application/json' }).end(answer);
    } catch {
      res.writeHead(502, { ...CORS, 'content-type': 'text/plain' }).end('upstream unreachable');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    controlUrl: `${url}__fault`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const go of release.splice(0)) go();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
