/**
 * Draws the application icon with the app's own PNG encoder, so every packaged icon is reproducible
 * from code: build/icon.png (512×512, the Linux icon), build/icon.ico (16–256 px, Windows) and
 * build/icon.icns (16–1024 px, macOS). Each size is drawn at its own resolution rather than scaled
 * down, so small sizes stay crisp. electron-builder picks all three up from build/.
 *
 * Usage: node scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from '../main/platform/png.ts';

/** Size of build/icon.png, and of the design grid the shapes below are drawn on. */
export const ICON_PX = 512;

/** Sizes in the Windows .ico. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

/** The .icns entries: OSType and pixel size (PNG payloads, accepted since OS X 10.7). */
export const ICNS_ENTRIES: ReadonlyArray<readonly [string, number]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

const CORNER = 112; // rounded-square radius
const TOP = [0x3b, 0x82, 0xf6] as const; // gradient, top
const BOTTOM = [0x1d, 0x4e, 0xd8] as const; // gradient, bottom
const CHECK: ReadonlyArray<readonly [number, number]> = [
  [148, 266],
  [228, 346],
  [372, 182],
];
const STROKE = 30; // half width of the check mark

/** Coverage (0..1) of a pixel centre by a shape whose signed distance is `d` (negative inside). */
const coverage = (d: number): number => Math.min(1, Math.max(0, 0.5 - d));

function roundedSquareDistance(x: number, y: number, size: number, corner: number): number {
  const half = size / 2;
  const qx = Math.abs(x - half) - (half - corner);
  const qy = Math.abs(y - half) - (half - corner);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - corner;
}

function segmentDistance(
  x: number,
  y: number,
  a: readonly [number, number],
  b: readonly [number, number],
): number {
  const [ax, ay] = a;
  const [bx, by] = b;
  const t = Math.min(
    1,
    Math.max(0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
}

/** The icon as straight-alpha RGBA at `size` pixels: a blue rounded square with a white check. */
export function drawIcon(size: number = ICON_PX): Uint8Array {
  const scale = size / ICON_PX;
  const corner = CORNER * scale;
  const stroke = STROKE * scale;
  const check = CHECK.map(([x, y]) => [x * scale, y * scale] as const);
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    const t = y / (size - 1);
    const base = TOP.map((top, i) => top + (BOTTOM[i]! - top) * t);
    for (let x = 0; x < size; x += 1) {
      const px = x + 0.5;
      const py = y + 0.5;
      const alpha = coverage(roundedSquareDistance(px, py, size, corner));
      let distance = Infinity;
      for (let i = 1; i < check.length; i += 1) {
        distance = Math.min(distance, segmentDistance(px, py, check[i - 1]!, check[i]!));
      }
      const white = coverage(distance - stroke);
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c += 1) rgba[o + c] = Math.round(base[c]! + (255 - base[c]!) * white);
      rgba[o + 3] = Math.round(alpha * 255);
    }
  }
  return rgba;
}

/** The icon as a PNG file at `size` pixels (build/icon.png at the default). */
export function iconPng(size: number = ICON_PX): Buffer {
  return encodePng(size, size, drawIcon(size));
}

/** A Windows .ico holding one PNG per size of {@link ICO_SIZES} (PNG entries: Vista and later). */
export function iconIco(): Buffer {
  const images = ICO_SIZES.map((size) => ({ size, png: iconPng(size) }));
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/** A macOS .icns holding a PNG per entry of {@link ICNS_ENTRIES}. */
export function iconIcns(): Buffer {
  const pngs = new Map<number, Buffer>();
  const entries = ICNS_ENTRIES.map(([type, size]) => {
    let png = pngs.get(size);
    if (!png) {
      png = iconPng(size);
      pngs.set(size, png);
    }
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

/** Every icon file under build/, by file name. */
export function iconFiles(): Record<string, Buffer> {
  return { 'icon.png': iconPng(), 'icon.ico': iconIco(), 'icon.icns': iconIcns() };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(import.meta.dirname, '../build');
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(iconFiles())) {
    writeFileSync(path.join(dir, name), bytes);
    console.log(`wrote build/${name} (${bytes.length} bytes)`);
  }
}
