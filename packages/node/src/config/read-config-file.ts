import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { CONFIG_ERROR_CODES, ConfigError } from './config-error.js';

/** The largest config file read or edited (1 MiB): a config is a few kilobytes; anything bigger is a mistake or an attack. */
export const CONFIG_MAX_BYTES = 1024 * 1024;

/** A config file's text and permission bits. */
export interface ConfigFileText {
  readonly text: string;
  /** Permission bits (`mode & 0o777`). */
  readonly mode: number;
}

/**
 * Read a config file with limits: only a regular file (symlinks followed; a device, FIFO, socket or directory is refused
 * without reading it, so `--config /dev/zero` fails at once), at most {@link CONFIG_MAX_BYTES}. Returns `undefined` when
 * the file does not exist; throws {@link ConfigError} (`CONFIG_UNREADABLE`, `CONFIG_TOO_LARGE`) otherwise.
 * Synchronous: one small file, read on every CLI start without loading `node:fs/promises`.
 */
export function readConfigFile(path: string, via = ''): ConfigFileText | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused right after, by fstat).
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw unreadable(path, via, code, error);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) {
      const what = info.isDirectory()
        ? 'a directory'
        : info.isFIFO()
          ? 'a named pipe'
          : info.isCharacterDevice() || info.isBlockDevice()
            ? 'a device'
            : info.isSocket()
              ? 'a socket'
              : 'not a regular file';
      throw new ConfigError(
        CONFIG_ERROR_CODES.UNREADABLE,
        `Cannot read the config file ${path}${via}: it is ${what}, not a regular file.`,
        {
          file: path,
          hint: info.isDirectory()
            ? 'That is a directory: point at the config.toml file inside it.'
            : 'Point at a config.toml file.',
        },
      );
    }
    if (info.size > CONFIG_MAX_BYTES) throw tooLarge(path, via);
    // Read at most one byte past the cap: a file that grows while it is read is still refused, never read without end.
    const buffer = Buffer.allocUnsafe(Math.min(CONFIG_MAX_BYTES, info.size) + 1);
    let length = 0;
    let grown = buffer;
    for (;;) {
      if (length === grown.length) {
        if (grown.length > CONFIG_MAX_BYTES) throw tooLarge(path, via);
        // The file grew past what fstat said: read on, up to the cap.
        const bigger = Buffer.allocUnsafe(CONFIG_MAX_BYTES + 1);
        grown.copy(bigger, 0, 0, length);
        grown = bigger;
      }
      const read = readSync(fd, grown, length, grown.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > CONFIG_MAX_BYTES) throw tooLarge(path, via);
    return { text: grown.toString('utf8', 0, length), mode: info.mode & 0o777 };
  } catch (error) {
    if (ConfigError.isInstance(error)) throw error;
    throw unreadable(path, via, (error as NodeJS.ErrnoException).code, error);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(path: string, via: string): ConfigError {
  return new ConfigError(
    CONFIG_ERROR_CODES.TOO_LARGE,
    `The config file ${path}${via} is larger than ${CONFIG_MAX_BYTES / 1024 / 1024} MiB; it was not read.`,
    {
      file: path,
      hint: 'A config file is a few kilobytes: check that the path points at your config.toml.',
    },
  );
}

function unreadable(path: string, via: string, code: string | undefined, cause: unknown): ConfigError {
  return new ConfigError(
    CONFIG_ERROR_CODES.UNREADABLE,
    `Cannot read the config file ${path}${via} (${code ?? 'error'}).`,
    {
      file: path,
      hint:
        code === 'EISDIR'
          ? 'That is a directory: point at the config.toml file inside it.'
          : 'Check that the file exists and that you may read it.',
    },
    { cause },
  );
}
