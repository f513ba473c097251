import { fstatSync, writeSync } from 'node:fs';
import { EXIT_CODES } from './exit-codes.js';

/**
 * Standard output and error without `process.stdout` / `process.stderr` where possible: creating those streams loads
 * the stream, net and tty modules, which costs a short-lived command more than everything else it does.
 */

type Fd = 1 | 2;

/** Set once a write would block: from then on that descriptor goes through its stream, so order is kept. */
const streamed = new Set<Fd>();

const stream = (fd: Fd): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr);

function exitOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(EXIT_CODES.ok);
  throw error;
}

/**
 * Whether a descriptor is a terminal. Pipes, files and sockets are answered from `fstat` alone; only a character device
 * (a terminal, or e.g. /dev/null) is asked of the tty module.
 */
export function isTerminal(fd: Fd): boolean {
  try {
    const stats = fstatSync(fd);
    if (stats.isFIFO() || stats.isFile() || stats.isSocket()) return false;
  } catch {
    return false;
  }
  return stream(fd).isTTY === true;
}

/**
 * Write all of `text` to a descriptor, synchronously (so nothing is lost at exit). A descriptor that would block (a
 * non-blocking pipe that is full) is handed to its stream. A closed stdout (`codewhale-route models | head`) ends the
 * process quietly with exit code 0; a closed stderr is ignored.
 */
export function writeText(fd: Fd, text: string): void {
  if (streamed.has(fd)) {
    stream(fd).write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        streamed.add(fd);
        if (fd === 1) process.stdout.on('error', exitOnClosedPipe);
        stream(fd).write(bytes.subarray(offset));
        return;
      }
      if (code === 'EPIPE') {
        if (fd === 1) process.exit(EXIT_CODES.ok);
        return;
      }
      throw error;
    }
  }
}
