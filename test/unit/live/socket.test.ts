/**
 * The undici-backed socket on its own, against small hand-made servers: what undici's WebSocket
 * hides (the status of a refused upgrade, the transport error) is reported, the dispatcher's retry
 * interceptor stays out of the upgrade, a silent server cannot hold close() beyond its timeout, and
 * an enormous frame fails the connection inside undici.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { createDispatcher } from '../../../src/api';
import { undiciSocketFactory, type SocketCloseInfo } from '../../../src/live/socket';

interface Rig {
  url: string;
  upgrades: number;
  close(): Promise<void>;
}

/** `/ok`: ActionCable-ish websocket that never answers a close frame; `/status/N`: answers N. */
async function server(onConnection?: (ws: import('ws').WebSocket) => void): Promise<Rig> {
  const sockets = new Set<Socket>();
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (p) => (p.has('actioncable-v1-json') ? 'actioncable-v1-json' : false) });
  const rig = { url: '', upgrades: 0, close: (): Promise<void> => Promise.resolve() };
  const srv = http.createServer((_req, res) => res.writeHead(404).end('Page not found'));
  srv.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  srv.on('upgrade', (req, socket, head) => {
    rig.upgrades += 1;
    const m = /^\/status\/(\d+)/.exec(req.url ?? '');
    if (m) {
      socket.end(`HTTP/1.1 ${m[1]} Nope\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A server that never completes the closing handshake.
      (ws as unknown as { _receiver: { removeAllListeners(e: string): void } })._receiver.removeAllListeners('conclude');
      onConnection?.(ws);
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  rig.url = `ws://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  rig.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => srv.close(r));
  };
  return rig;
}

function open(url: string, dispatcher = createDispatcher({ keepAliveTimeoutMs: 10, useEnvironmentProxy: false }), maxPayloadBytes = 1024 * 1024) {
  const factory = undiciSocketFactory({ dispatcher, maxPayloadBytes });
  const messages: string[] = [];
  let opened = '';
  let onClose: (info: SocketCloseInfo) => void = () => undefined;
  const closed = new Promise<SocketCloseInfo>((resolve) => (onClose = resolve));
  const socket = factory(url, {
    onOpen: (p) => (opened = p),
    onMessage: (d) => messages.push(typeof d === 'string' ? d : `binary:${d.binaryBytes}`),
    onClose: (info) => onClose(info),
  });
  const result = { socket, closed, messages, opened: () => opened, dispatcher };
  return result;
}

describe('live socket over undici (hand-made servers)', () => {
  it('reports the HTTP status of a refused upgrade, without the retry interceptor retrying a 503', async () => {
    const rig = await server();
    try {
      for (const status of [404, 503, 502]) {
        const before = rig.upgrades;
        const s = open(`${rig.url}/status/${status}/cable`);
        const info = await s.closed;
        assert.equal(info.opened, false);
        assert.equal(info.status, status);
        assert.equal(rig.upgrades - before, 1, `HTTP ${status}: one attempt only`);
        await s.dispatcher.close();
      }
    } finally {
      await rig.close();
    }
  });

  it('reports the transport error of an unreachable server', async () => {
    const rig = await server();
    const url = rig.url;
    await rig.close();
    const s = open(`${url}/cable`);
    const info = await s.closed;
    assert.equal(info.opened, false);
    assert.equal(info.status, undefined);
    assert.equal((info.error as { code?: string } | undefined)?.code, 'ECONNREFUSED');
    await s.dispatcher.close();
  });

  it('close() ends a connection whose server never answers the close frame within the timeout', async () => {
    const rig = await server((ws) => ws.send('{"type":"welcome"}'));
    try {
      const s = open(`${rig.url}/cable`);
      await new Promise<void>((resolve) => {
        const t = setInterval(() => s.messages.length && (clearInterval(t), resolve()), 5);
      });
      assert.equal(s.opened(), 'actioncable-v1-json');
      const t0 = Date.now();
      s.socket.close(300);
      const info = await s.closed;
      const took = Date.now() - t0;
      assert.ok(took >= 250 && took < 1_000, `closed after ${took} ms`);
      assert.equal(info.opened, true);
      await s.dispatcher.close();
    } finally {
      await rig.close();
    }
  });

  it('a frame above the socket cap fails the connection (undici never buffers it whole)', async () => {
    const rig = await server((ws) => ws.send('x'.repeat(300 * 1024)));
    try {
      const s = open(`${rig.url}/cable`, undefined, 64 * 1024);
      const info = await s.closed;
      assert.equal(info.opened, true);
      assert.deepEqual(s.messages, []);
      await s.dispatcher.close();
    } finally {
      await rig.close();
    }
  });
});
