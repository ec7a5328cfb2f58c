/**
 * A local HTTP proxy that refuses every request. Chromium is started with it as its proxy (and
 * `<-loopback>`, so loopback goes through it too): whatever the request interception does not
 * see — a WebSocket, a service worker's own fetch — reaches this proxy and nothing else.
 * @module
 */
import { createServer, type Server, type Socket } from 'node:net';

/** A running refuse-all proxy. */
export interface RefuseProxy {
  /** The port on 127.0.0.1. */
  readonly port: number;
  /** The request lines refused (`CONNECT host:443`, `GET ws://…`), oldest first, bounded. */
  readonly refused: string[];
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

const MAX_RECORDED = 50;
const MAX_LINE = 300;

/** Starts a proxy on 127.0.0.1 that answers every request with 403 and closes. */
export async function startRefuseProxy(): Promise<RefuseProxy> {
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      if (head.includes('\n')) return;
      head += chunk.toString('latin1', 0, Math.min(chunk.length, MAX_LINE));
      if (!head.includes('\n') && head.length < MAX_LINE) return;
      const line = head.split(/\r?\n/u)[0]!.slice(0, MAX_LINE);
      // Only the method and target: never a header, which could carry the page's cookies.
      const [method = '?', target = '?'] = line.split(' ');
      if (refused.length < MAX_RECORDED) refused.push(`${method} ${target}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('refuse proxy did not get a TCP port');
  return {
    port: address.port,
    refused,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
