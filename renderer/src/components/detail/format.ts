/** Small formatting helpers of the issue screen. */
import type { I18n } from '../../lib/i18n/i18n.svelte.ts';

const UNITS = ['detail.size.b', 'detail.size.kb', 'detail.size.mb', 'detail.size.gb'] as const;

/** A byte count as "12 KB" / "1,5 МБ" in the UI language (1024-based, one decimal under 10). */
export function formatSize(i18n: I18n, bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return i18n.t('detail.size.unknown');
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = unit === 0 || value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return i18n.t(UNITS[unit]!, { n: i18n.formatNumber(rounded) });
}

/** True for attachments the app can preview (raster and SVG images). */
export function isImageAttachment(mimetype: string | null, name: string): boolean {
  if (mimetype) return mimetype.startsWith('image/');
  return /\.(?:png|jpe?g|gif|webp|avif|bmp|svg)$/i.test(name);
}
