import { Agent, request } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startLoopbackServer, writeUntilClosed, type LoopbackServer } from '../__test-utils__/loopback-server.js';
import { readCappedBody } from './read-capped-body.js';

const agent = new Agent();
const servers: LoopbackServer[] = [];

/** A server answering every request with `body` as a chunked response (no content-length to trust). */
async function chunked(body: string): Promise<LoopbackServer> {
  const server = await startLoopbackServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write(body);
    response.end();
  });
  servers.push(server);
  return server;
}

async function bodyOf(server: LoopbackServer): Promise<Awaited<ReturnType<typeof request>>['body']> {
  const response = await request(server.origin, { dispatcher: agent });
  return response.body;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await agent.close();
});

describe('readCappedBody: the cap is counted while streaming', () => {
  it('keeps a chunked body of exactly maxBytes', async () => {
    const server = await chunked('a'.repeat(100));
    const read = await readCappedBody(await bodyOf(server), 100, 'stop');
    expect(read.overflow).toBe(false);
    expect(read.bytes.toString('utf8')).toBe('a'.repeat(100));
  });

  it("one byte over maxBytes is overflow, and with 'stop' nothing is kept", async () => {
    const server = await chunked('a'.repeat(101));
    const read = await readCappedBody(await bodyOf(server), 100, 'stop');
    expect(read.overflow).toBe(true);
    expect(read.bytes).toHaveLength(0);
  });

  it("with 'stop' nothing of a long streamed body is kept, and the connection is closed", async () => {
    let serverSide: Promise<{ written: number; closedEarly: boolean }> | undefined;
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(200);
      serverSide = writeUntilClosed(response, 16 * 1024 * 1024, { chunkSize: 16 * 1024, intervalMs: 2 });
    });
    servers.push(server);
    const read = await readCappedBody(await bodyOf(server), 64 * 1024, 'stop');
    expect(read).toStrictEqual({ bytes: Buffer.alloc(0), overflow: true });
    expect((await serverSide)?.closedEarly).toBe(true);
  });

  it("with 'truncate' the first maxBytes bytes of an over-cap body are kept", async () => {
    const server = await chunked('first-ten!-and-the-rest');
    const read = await readCappedBody(await bodyOf(server), 10, 'truncate');
    expect(read.overflow).toBe(true);
    expect(read.bytes.toString('utf8')).toBe('first-ten!');
  });
});
