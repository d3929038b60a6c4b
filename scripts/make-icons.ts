/**
 * Draws the application icon (build/icon.png, 512×512 RGBA) with the app's own PNG encoder, so the
 * packaged icon is reproducible from code. electron-builder picks build/icon.png up as the source
 * for the Linux icon set, the macOS .icns and the Windows .ico.
 *
 * Usage: node scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from '../main/platform/png.ts';

export const ICON_PX = 512;

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

function roundedSquareDistance(x: number, y: number): number {
  const half = ICON_PX / 2;
  const qx = Math.abs(x - half) - (half - CORNER);
  const qy = Math.abs(y - half) - (half - CORNER);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - CORNER;
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

/** The icon as straight-alpha RGBA: a blue rounded square with a white check mark. */
export function drawIcon(): Uint8Array {
  const rgba = new Uint8Array(ICON_PX * ICON_PX * 4);
  for (let y = 0; y < ICON_PX; y += 1) {
    const t = y / (ICON_PX - 1);
    const base = TOP.map((top, i) => top + (BOTTOM[i]! - top) * t);
    for (let x = 0; x < ICON_PX; x += 1) {
      const px = x + 0.5;
      const py = y + 0.5;
      const alpha = coverage(roundedSquareDistance(px, py));
      let check = Infinity;
      for (let i = 1; i < CHECK.length; i += 1) {
        check = Math.min(check, segmentDistance(px, py, CHECK[i - 1]!, CHECK[i]!));
      }
      const white = coverage(check - STROKE);
      const o = (y * ICON_PX + x) * 4;
      for (let c = 0; c < 3; c += 1) rgba[o + c] = Math.round(base[c]! + (255 - base[c]!) * white);
      rgba[o + 3] = Math.round(alpha * 255);
    }
  }
  return rgba;
}

export function iconPng(): Buffer {
  return encodePng(ICON_PX, ICON_PX, drawIcon());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(import.meta.dirname, '../build/icon.png');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, iconPng());
  console.log(`wrote ${path.relative(process.cwd(), out)} (${ICON_PX}x${ICON_PX})`);
}
