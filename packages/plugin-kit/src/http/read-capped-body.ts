import type { Dispatcher } from 'undici';

/** What {@link readCappedBody} read. */
export interface CappedBody {
  readonly bytes: Buffer;
  /** More than the cap arrived: reading stopped and the connection was closed. */
  readonly overflow: boolean;
}

/**
 * Read a response body up to `maxBytes`, counting bytes as they arrive. When the next chunk would pass the cap the
 * body is destroyed at once (undici then closes the connection), whether or not the server sent a content-length.
 * With `overflow: 'truncate'` the first `maxBytes` bytes are kept; with `'stop'` nothing is kept.
 */
export async function readCappedBody(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  overflow: 'stop' | 'truncate',
): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (received + chunk.length > maxBytes) {
        if (overflow === 'truncate') chunks.push(chunk.subarray(0, maxBytes - received));
        discardBody(body);
        return { bytes: overflow === 'truncate' ? Buffer.concat(chunks, maxBytes) : Buffer.alloc(0), overflow: true };
      }
      received += chunk.length;
      chunks.push(chunk);
    }
  } finally {
    if (!body.destroyed && !body.readableEnded) discardBody(body);
  }
  return { bytes: Buffer.concat(chunks, received), overflow: false };
}

function noop(): void {}

/**
 * Destroy a response body that will not be read (further). undici then aborts the request and closes the connection;
 * the stream's abort error is swallowed, or it would surface as an uncaught exception.
 */
export function discardBody(body: Dispatcher.ResponseData['body']): void {
  body.on('error', noop);
  body.destroy();
}

const decoder = new TextDecoder('utf-8');

/** Bytes to text: UTF-8, a leading byte-order mark dropped, invalid sequences replaced. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
