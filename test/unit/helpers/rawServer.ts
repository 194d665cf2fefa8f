/** A throw-away loopback HTTP server with a hand-written handler, for responses no real server sends. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawServer {
  url: string;
  /** Requests seen, with the token header kept so tests can check where it went. */
  seen: Array<{ method: string; url: string; token: string | undefined }>;
  close(): Promise<void>;
}

export async function rawServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<RawServer> {
  const seen: RawServer['seen'] = [];
  const server = http.createServer((req, res) => {
    const token = req.headers['api-access-token'];
    seen.push({ method: req.method ?? '', url: req.url ?? '', token: Array.isArray(token) ? token[0] : token });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
