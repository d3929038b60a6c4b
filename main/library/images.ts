/**
 * Image attachments for the markup renderer (`attachments.image`). Only an attachment the cache
 * lists for that issue is served, only when its bytes are a PNG, JPEG, GIF or WebP by their magic
 * numbers (never SVG: it can carry script), and only up to {@link MAX_IMAGE_BYTES}. Downloaded
 * images are kept on disk in the account's cache folder (`images/`, pruned oldest first beyond
 * {@link IMAGE_CACHE_BYTES}), so an image seen once still shows offline and after a restart.
 */
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toAppError } from '../api/app-error.ts';
import type { TrackerClient } from '../api/index.ts';
import type { TrackerCache } from '../cache/index.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log/types.ts';
import { requireCache } from './service.ts';

/** Largest image served (the renderer embeds it as a data: URL). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** The on-disk image cache of one account is pruned down to this size. */
export const IMAGE_CACHE_BYTES = 64 * 1024 * 1024;

/** The image types served, by their leading bytes. */
export function sniffImage(
  bytes: Uint8Array,
): 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | null {
  const at = (offset: number, ...expected: number[]) =>
    expected.every((byte, i) => bytes[offset + i] === byte);
  const ascii = (offset: number, text: string) =>
    at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  return null;
}

/** A declared type that can never be a servable image (SVG included): refused before download. */
function plainlyNotAnImage(mimetype: string | undefined): boolean {
  if (mimetype === undefined) return false;
  const type = mimetype.toLowerCase().split(';')[0]?.trim() ?? '';
  if (type === 'application/octet-stream' || type === '') return false;
  return !/^image\/(png|jpeg|jpg|pjpeg|gif|webp)$/.test(type);
}

/** The image service. */
export interface AttachmentImages {
  /** The image attachment `id` of issue `key` as a data: URL. */
  image(key: string, id: string): Promise<{ mimetype: string; dataUrl: string }>;
}

/** Builds the image service over the current account's cache and client. */
export function createAttachmentImages(deps: {
  readonly cache: () => TrackerCache | null;
  readonly client: () => TrackerClient | null;
  readonly online: () => boolean;
  readonly log: Logger;
}): AttachmentImages {
  const log = deps.log.child({ scope: 'images' });
  const pending = new Map<string, Promise<{ mimetype: string; dataUrl: string }>>();

  function answer(bytes: Uint8Array): { mimetype: string; dataUrl: string } {
    if (bytes.byteLength > MAX_IMAGE_BYTES) {
      throw new AppError('E_BAD_REQUEST', 'This image is too large to show.');
    }
    const mimetype = sniffImage(bytes);
    if (!mimetype) throw new AppError('E_BAD_REQUEST', 'This attachment is not an image.');
    return {
      mimetype,
      dataUrl: `data:${mimetype};base64,${Buffer.from(bytes).toString('base64')}`,
    };
  }

  async function held(file: string): Promise<Uint8Array | undefined> {
    try {
      const bytes = await readFile(file);
      // The mtime orders the pruning: a shown image counts as recently used.
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
      return bytes;
    } catch {
      return undefined;
    }
  }

  async function keep(dir: string, file: string, bytes: Uint8Array): Promise<void> {
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(file, bytes);
      const entries = await Promise.all(
        (await readdir(dir)).map(async (name) => {
          const info = await stat(path.join(dir, name)).catch(() => undefined);
          return { name, size: info?.size ?? 0, mtime: info?.mtimeMs ?? 0 };
        }),
      );
      let total = entries.reduce((sum, entry) => sum + entry.size, 0);
      for (const entry of entries.sort((a, b) => a.mtime - b.mtime)) {
        if (total <= IMAGE_CACHE_BYTES) break;
        if (path.join(dir, entry.name) === file) continue;
        await rm(path.join(dir, entry.name), { force: true });
        total -= entry.size;
      }
    } catch (error) {
      // Not keeping a copy only costs a download next time.
      log.info('image not kept on disk', { error: String(error) });
    }
  }

  async function load(key: string, id: string): Promise<{ mimetype: string; dataUrl: string }> {
    const cache = requireCache(deps.cache());
    const attachment = cache.listAttachments(key).find((row) => row.id === id);
    if (!attachment) throw new AppError('E_NOT_FOUND', 'This issue has no such attachment.');
    if (attachment.size !== undefined && attachment.size > MAX_IMAGE_BYTES) {
      throw new AppError('E_BAD_REQUEST', 'This image is too large to show.');
    }
    if (plainlyNotAnImage(attachment.mimetype)) {
      throw new AppError('E_BAD_REQUEST', 'This attachment is not an image.');
    }
    const dir = path.join(path.dirname(cache.file), 'images');
    // The contract limits ids to [\w-], so the id is a safe file name.
    const file = path.join(dir, `${id}.bin`);
    const stored = await held(file);
    if (stored) return answer(stored);
    const client = deps.client();
    if (!client || !deps.online()) {
      throw new AppError('E_OFFLINE', 'This image has not been downloaded yet; connect to see it.');
    }
    let bytes: Uint8Array;
    try {
      ({ bytes } = await client.attachments.downloadBytes({
        issue: attachment.issueKey,
        id,
        name: attachment.name ?? id,
      }));
    } catch (error) {
      throw toAppError(error);
    }
    const result = answer(bytes);
    // The cache may have been closed (sign-out) while downloading: keep nothing for it then.
    if (deps.cache() === cache) await keep(dir, file, bytes);
    return result;
  }

  return {
    image(key, id) {
      const name = `${key}/${id}`;
      let running = pending.get(name);
      if (!running) {
        running = load(key, id).finally(() => pending.delete(name));
        pending.set(name, running);
      }
      return running;
    },
  };
}
