/**
 * The tray and taskbar-overlay icons, drawn in code as PNGs at 1× (16 px) and 2× (32 px). Drawing
 * them here rather than shipping files means no resources path that differs between a dev run, an
 * asar and each installer, and nothing to go missing. Plain Node: no electron import.
 */
import type { TrayState } from './desktop.ts';
import { encodePng } from './png.ts';

type Rgba = readonly [number, number, number, number];
/** A shape in a 16 × 16 unit square: true where (x, y) is inside. */
type Shape = (x: number, y: number) => boolean;
/** Painted in order; a null colour erases what lies below (a gap around the unread dot). */
interface Layer {
  readonly shape: Shape;
  readonly color: Rgba | null;
}

/** Logical size of every icon; the 2× representation has twice the pixels. */
export const ICON_SIZE = 16;
/** The scale factors each icon is drawn at. */
export const ICON_SCALES = [1, 2] as const;

const SUBSAMPLES = 4;

function disc(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function ring(cx: number, cy: number, outer: number, inner: number): Shape {
  return (x, y) => {
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    return d <= outer * outer && d >= inner * inner;
  };
}
function rect(x0: number, y0: number, x1: number, y1: number): Shape {
  return (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

/** Rasterizes layers with 4 × 4 supersampling into straight-alpha RGBA. */
function render(layers: readonly Layer[], pixels: number): Uint8Array {
  const out = new Uint8Array(pixels * pixels * 4);
  const unit = ICON_SIZE / pixels;
  const samples = SUBSAMPLES * SUBSAMPLES;
  for (let py = 0; py < pixels; py += 1) {
    for (let px = 0; px < pixels; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy += 1) {
        for (let sx = 0; sx < SUBSAMPLES; sx += 1) {
          const x = (px + (sx + 0.5) / SUBSAMPLES) * unit;
          const y = (py + (sy + 0.5) / SUBSAMPLES) * unit;
          let color: Rgba | null = null;
          for (const layer of layers) if (layer.shape(x, y)) color = layer.color;
          if (!color) continue;
          const alpha = color[3] / 255;
          r += color[0] * alpha;
          g += color[1] * alpha;
          b += color[2] * alpha;
          a += alpha;
        }
      }
      const at = (py * pixels + px) * 4;
      if (a > 0) {
        out[at] = Math.round(r / a);
        out[at + 1] = Math.round(g / a);
        out[at + 2] = Math.round(b / a);
        out[at + 3] = Math.round((a / samples) * 255);
      }
    }
  }
  return out;
}

const BLUE: Rgba = [47, 111, 222, 255];
const RED: Rgba = [217, 48, 37, 255];
const GREY: Rgba = [138, 138, 138, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const BLACK: Rgba = [0, 0, 0, 255];
const BLACK_DIM: Rgba = [0, 0, 0, 128];

function trayLayers(state: TrayState, template: boolean): Layer[] {
  const mark = ring(8, 8, 7, 4.5);
  const main = template ? BLACK : BLUE;
  switch (state) {
    case 'normal':
      return [{ shape: mark, color: main }];
    case 'unread':
      return [
        { shape: mark, color: main },
        { shape: disc(12.5, 3.5, 4.5), color: null },
        { shape: disc(12.5, 3.5, 3.3), color: template ? BLACK : RED },
      ];
    case 'offline':
      return [
        { shape: mark, color: template ? BLACK_DIM : GREY },
        { shape: (x, y) => Math.abs(x + y - 16) <= 1.4 && x > 1 && x < 15, color: null },
      ];
    case 'error':
      return [
        { shape: mark, color: template ? BLACK : RED },
        { shape: rect(7, 4.5, 9, 9), color: template ? BLACK : RED },
        { shape: rect(7, 10.5, 9, 12), color: template ? BLACK : RED },
      ];
  }
}

/** One icon at each scale, as PNG files. */
export interface IconPngs {
  /** Keyed by scale factor: 1 → 16 px, 2 → 32 px. */
  readonly byScale: ReadonlyMap<number, Buffer>;
}

function draw(layers: readonly Layer[]): IconPngs {
  const byScale = new Map<number, Buffer>();
  for (const scale of ICON_SCALES) {
    const pixels = ICON_SIZE * scale;
    byScale.set(scale, encodePng(pixels, pixels, render(layers, pixels)));
  }
  return { byScale };
}

/**
 * The tray icon for `state`. A template (macOS menu bar) is black on transparent, distinguished by
 * shape and alpha only, so macOS can tint it for light and dark menu bars.
 */
export function trayIconPngs(state: TrayState, template: boolean): IconPngs {
  return draw(trayLayers(state, template));
}

/** 3 × 5 pixel glyphs for the overlay count. */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};

/** The text an overlay shows for `count`: the number up to 9, then "9+". */
export function overlayLabel(count: number): string {
  return count > 9 ? '9+' : String(Math.max(0, Math.floor(count)));
}

function textShape(text: string): Shape {
  const unit = text.length > 1 ? 1.6 : 2;
  const width = (text.length * 4 - 1) * unit;
  const left = (ICON_SIZE - width) / 2;
  const top = (ICON_SIZE - 5 * unit) / 2;
  return (x, y) => {
    const gy = Math.floor((y - top) / unit);
    const cell = Math.floor((x - left) / unit);
    if (gy < 0 || gy > 4 || cell < 0) return false;
    const glyph = GLYPHS[text[Math.floor(cell / 4)] ?? ''];
    return glyph?.[gy]?.[cell % 4] === '1';
  };
}

/** The Windows taskbar overlay: a red disc with the unread count in white. */
export function overlayIconPngs(count: number): IconPngs {
  return draw([
    { shape: disc(8, 8, 8), color: RED },
    { shape: textShape(overlayLabel(count)), color: WHITE },
  ]);
}
