/**
 * A size-rotated log file: main.log, then main.1.log (newer) … main.N.log (older). Writes are
 * synchronous so that a crash right after a log call still leaves that line on disk, which is
 * exactly when the log matters most.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LogSink } from './logger.ts';

/** Options of {@link createRotatingFileSink}. */
export interface RotatingFileOptions {
  dir: string;
  /** Default 'main.log'. */
  fileName?: string;
  /** Size at which the current file is rotated; default 2 MiB. */
  maxBytes?: number;
  /** Files kept including the current one; default 5. */
  maxFiles?: number;
}

/** A rotating file sink, exposing the current file's path (for "open log folder"). */
export type RotatingFileSink = LogSink & { readonly path: string; flush(): void; close(): void };

const DEFAULT_FILE = 'main.log';
const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_FILES = 5;
const DEFAULT_TAIL_BYTES = 256 * 1024;

/** The path of generation `index` of a log file: 0 is the current file, 1 the previous, … */
function generationPath(dir: string, fileName: string, index: number): string {
  if (index === 0) return path.join(dir, fileName);
  const ext = path.extname(fileName);
  const base = ext ? fileName.slice(0, -ext.length) : fileName;
  return path.join(dir, `${base}.${index}${ext}`);
}

/** Creates a sink appending lines to `dir/fileName`, rotating by size; it never throws. */
export function createRotatingFileSink(options: RotatingFileOptions): RotatingFileSink {
  const dir = options.dir;
  const fileName = options.fileName ?? DEFAULT_FILE;
  const maxBytes = Math.max(1, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const maxFiles = Math.max(1, Math.floor(options.maxFiles ?? DEFAULT_MAX_FILES));
  const current = generationPath(dir, fileName, 0);
  let fd: number | null = null;
  let size = 0;
  let closed = false;

  function open(): number | null {
    if (fd !== null) return fd;
    try {
      // The log holds issue titles and account names: keep it private to the user.
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fd = fs.openSync(current, 'a', 0o600);
      size = fs.fstatSync(fd).size;
      try {
        // The mode argument only applies on creation; tighten a file left by an older build too.
        fs.fchmodSync(fd, 0o600);
      } catch {
        // Not every filesystem supports modes (FAT, some network shares).
      }
    } catch {
      fd = null;
    }
    return fd;
  }

  function closeFd(): void {
    if (fd === null) return;
    try {
      fs.closeSync(fd);
    } catch {
      // Already gone; nothing to recover.
    }
    fd = null;
  }

  function rotate(): void {
    // Windows cannot rename an open file, so close before shuffling generations.
    closeFd();
    try {
      fs.rmSync(generationPath(dir, fileName, maxFiles - 1), { force: true });
    } catch {
      // If the oldest cannot be removed, the rename onto it below fails and we carry on.
    }
    for (let i = maxFiles - 2; i >= 0; i--) {
      try {
        fs.renameSync(generationPath(dir, fileName, i), generationPath(dir, fileName, i + 1));
      } catch {
        // A missing generation (young log) is normal.
      }
    }
    if (maxFiles === 1) {
      try {
        fs.rmSync(current, { force: true });
      } catch {
        // Keep appending to the old file rather than lose lines.
      }
    }
  }

  return {
    path: current,
    write(line) {
      if (closed) return;
      try {
        const bytes = Buffer.byteLength(line);
        if (open() !== null && size > 0 && size + bytes > maxBytes) rotate();
        const handle = open();
        if (handle === null) return;
        fs.writeSync(handle, line);
        size += bytes;
      } catch {
        // Disk full or file yanked away: logging must never crash main. Reopen next time.
        closeFd();
      }
    },
    flush() {
      if (fd === null) return;
      try {
        fs.fsyncSync(fd);
      } catch {
        // Best effort.
      }
    },
    close() {
      closed = true;
      closeFd();
    },
  };
}

/** Reads up to `maxBytes` from the end of a file; '' if it is missing or unreadable. */
function readTail(file: string, maxBytes: number): { text: string; cut: boolean } {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = fs.readSync(fd, buffer, read, length - read, size - length + read);
      if (n === 0) break;
      read += n;
    }
    return { text: buffer.subarray(0, read).toString('utf8'), cut: length < size };
  } catch {
    return { text: '', cut: false };
  } finally {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // Ignore.
      }
    }
  }
}

/**
 * Returns the newest `maxBytes` (default 256 KiB) of the log, oldest line first, reading back
 * through rotated generations as needed. Starts on a whole line. Lines are already redacted.
 */
export function readRecentLog(
  dir: string,
  fileName: string = DEFAULT_FILE,
  maxBytes: number = DEFAULT_TAIL_BYTES,
): string {
  const parts: string[] = [];
  let remaining = maxBytes;
  for (let index = 0; remaining > 0; index++) {
    const file = generationPath(dir, fileName, index);
    if (index > 0 && !fs.existsSync(file)) break;
    const { text, cut } = readTail(file, remaining);
    remaining -= Buffer.byteLength(text);
    if (cut) {
      // The first line was cut mid-way (maybe mid-character): drop it rather than emit garbage.
      const newline = text.indexOf('\n');
      parts.unshift(newline === -1 ? '' : text.slice(newline + 1));
      break;
    }
    parts.unshift(text);
  }
  return parts.join('');
}
