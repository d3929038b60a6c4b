/**
 * Real attachment bytes: tiny valid PNGs built in code (stored-deflate zlib, CRC-32, Adler-32), log
 * files, JSON and CSV. A world renders a small pool once and attachments share those byte arrays.
 */
import type { Rng } from '../random.ts';

/** One attachment's file: name, MIME type and bytes. */
export interface FileSample {
  readonly name: string;
  readonly mimetype: string;
  readonly content: Uint8Array;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function u32(value: number): number[] {
  return [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
}

function chunk(type: string, data: Uint8Array): number[] {
  const typed = new Uint8Array(4 + data.length);
  for (let i = 0; i < 4; i++) typed[i] = type.charCodeAt(i);
  typed.set(data, 4);
  return [...u32(data.length), ...typed, ...u32(crc32(typed))];
}

/** A valid RGB PNG of `width`×`height` (≤ ~100×100) with a two-colour diagonal pattern. */
export function makePng(
  width: number,
  height: number,
  a: readonly [number, number, number],
  b: readonly [number, number, number],
): Uint8Array {
  const raw = new Uint8Array(height * (1 + width * 3));
  let p = 0;
  for (let y = 0; y < height; y++) {
    raw[p++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, bl] = (x + y) % 8 < 4 ? a : b;
      raw[p++] = r;
      raw[p++] = g;
      raw[p++] = bl;
    }
  }
  // zlib header + one final stored deflate block; fine while raw stays under 64 KiB.
  const len = raw.length;
  const zlib = new Uint8Array([
    0x78,
    0x01,
    0x01,
    len & 255,
    len >>> 8,
    ~len & 255,
    (~len >>> 8) & 255,
    ...raw,
    ...u32(adler32(raw)),
  ]);
  const ihdr = new Uint8Array([...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
  return new Uint8Array([
    137,
    80,
    78,
    71,
    13,
    10,
    26,
    10,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', zlib),
    ...chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Width and height of a PNG, or null for anything else. */
export function imageSize(content: Uint8Array): { width: number; height: number } | null {
  if (content.length < 24 || content[0] !== 137 || content[1] !== 80) return null;
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const encoder = new TextEncoder();

function text(name: string, mimetype: string, body: string): FileSample {
  return { name, mimetype, content: encoder.encode(body) };
}

function logFile(rng: Rng): string {
  const lines: string[] = [];
  let second = rng.int(0, 3000);
  for (let i = 0; i < rng.int(6, 14); i++) {
    second += rng.int(1, 40);
    const stamp = `2025-03-14T10:${String(Math.floor(second / 60) % 60).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}.${rng.int(100, 999)}Z`;
    const line = rng.pick([
      'INFO sync started (scope=assigned,followed)',
      'INFO GET /v3/myself 200 84ms',
      'WARN POST /v3/issues/_search 429 Retry-After: 2',
      'ERROR POST /v3/issues/_search failed: ECONNRESET',
      'INFO cache: upserted 50 issues, 112 comments',
      'DEBUG scroll: X-Scroll-Id=cXVlcnlUaGVu… perScroll=100',
    ]);
    lines.push(`${stamp} ${line}`);
  }
  return lines.join('\n') + '\n';
}

/** Image samples (name, bytes) used as screenshots. */
export function imageSamples(): FileSample[] {
  return [
    {
      name: 'screenshot.png',
      mimetype: 'image/png',
      content: makePng(32, 20, [30, 136, 229], [255, 255, 255]),
    },
    {
      name: 'error-dialog.png',
      mimetype: 'image/png',
      content: makePng(24, 16, [229, 57, 53], [250, 250, 250]),
    },
    {
      name: 'tray-icon.png',
      mimetype: 'image/png',
      content: makePng(16, 16, [255, 204, 0], [33, 33, 33]),
    },
    {
      name: 'layout.png',
      mimetype: 'image/png',
      content: makePng(40, 24, [67, 160, 71], [238, 238, 238]),
    },
  ];
}

/** Non-image samples: logs, JSON, CSV and plain text. */
export function documentSamples(rng: Rng): FileSample[] {
  const out: FileSample[] = [];
  for (let i = 0; i < 4; i++)
    out.push(text(i % 2 ? 'main.log' : 'sync.log', 'text/plain', logFile(rng)));
  out.push(
    text(
      'settings.json',
      'application/json',
      JSON.stringify(
        { syncIntervalSec: rng.pick([60, 300]), orgId: '7001234', quietHours: ['22:00', '08:00'] },
        null,
        2,
      ) + '\n',
    ),
    text(
      'response.json',
      'application/json',
      JSON.stringify(
        { errors: {}, errorMessages: ['Too many requests'], statusCode: 429 },
        null,
        2,
      ) + '\n',
    ),
    text(
      'export.csv',
      'text/csv',
      'key,summary,status\nDESK-1,Crash on start,closed\nSYNC-2,Retry queue,open\n',
    ),
    text(
      'steps.txt',
      'text/plain',
      '1. Open the app\n2. Disconnect the network\n3. Wait 5 minutes\n',
    ),
  );
  return out;
}
