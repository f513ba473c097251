// Test-only: real node:http servers on loopback (port 0), started and stopped by each test file.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the server saw. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A running loopback server. */
export interface LoopbackServer {
  readonly server: Server;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  readonly close: () => Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, recorded: RecordedRequest) => unknown;

/** Start a server on 127.0.0.1 with a random port; every request is recorded (headers and body) before `handler` runs. */
export async function startLoopbackServer(handler: Handler): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      void Promise.resolve(handler(request, response, recorded)).catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Write `total` bytes in `chunkSize` pieces, respecting back-pressure, optionally pausing `intervalMs` between chunks
 * (so the socket buffers stay nearly empty and `written` is close to what the client received). Resolves with the
 * bytes written and whether the client closed the connection before the end.
 */
export function writeUntilClosed(
  response: ServerResponse,
  total: number,
  options: { chunkSize?: number; intervalMs?: number } = {},
): Promise<{ written: number; closedEarly: boolean }> {
  const chunkSize = options.chunkSize ?? 64 * 1024;
  return new Promise((resolve) => {
    let written = 0;
    let done = false;
    const chunk = Buffer.alloc(chunkSize, 0x61);
    const finish = (closedEarly: boolean): void => {
      if (done) return;
      done = true;
      resolve({ written, closedEarly });
    };
    response.on('close', () => finish(written < total));
    const pump = (): void => {
      while (!done && written < total) {
        if (response.destroyed) {
          finish(true);
          return;
        }
        const size = Math.min(chunkSize, total - written);
        written += size;
        const flushed = response.write(size === chunkSize ? chunk : chunk.subarray(0, size));
        if (options.intervalMs !== undefined) {
          setTimeout(() => (response.writableNeedDrain ? response.once('drain', pump) : pump()), options.intervalMs);
          return;
        }
        if (!flushed) {
          response.once('drain', pump);
          return;
        }
      }
      if (!done && written >= total) response.end();
    };
    pump();
  });
}

/** Milliseconds taken by `run`, with its rejection. */
export async function timeRejection(run: () => Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const started = performance.now();
  try {
    await run();
  } catch (error) {
    return { error, elapsedMs: performance.now() - started };
  }
  throw new Error('expected a rejection');
}

/**
 * A loopback port where connecting hangs: a child process listens with a backlog of 1 and is stopped (SIGSTOP), and
 * the accept queue is filled, so the kernel drops further SYNs. Returns `undefined` where that cannot be arranged.
 */
export async function startStalledListener(): Promise<{ port: number; close: () => Promise<void> } | undefined> {
  const { spawn } = await import('node:child_process');
  const net = await import('node:net');
  const script =
    "const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>console.log(s.address().port))";
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve) => {
    const timer = setTimeout(() => resolve(0), 5000);
    child.stdout.once('data', (data: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(data).trim()));
    });
  });
  if (!Number.isInteger(port) || port <= 0) {
    child.kill('SIGKILL');
    return undefined;
  }
  const fillers: import('node:net').Socket[] = [];
  const close = async (): Promise<void> => {
    for (const socket of fillers) socket.destroy();
    child.kill('SIGKILL');
  };
  try {
    if (child.pid === undefined || !child.kill('SIGSTOP')) throw new Error('cannot stop the listener');
    for (let attempt = 0; attempt < 16; attempt += 1) {
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => {});
      fillers.push(socket);
      const connected = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 300);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (!connected) return { port, close };
    }
  } catch {
    // fall through
  }
  await close();
  return undefined;
}
