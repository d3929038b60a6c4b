/**
 * Image attachments without a server: magic-number sniffing (never SVG), the size limit, the
 * membership check, the on-disk copy that serves offline, and E_OFFLINE for an image never seen.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Attachment, TrackerClient } from '../../../../main/api/index.ts';
import {
  MAX_IMAGE_BYTES,
  createAttachmentImages,
  sniffImage,
} from '../../../../main/library/images.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';
import { issue, testCache, type TestCache } from '../cache/fixtures.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const ascii = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

let t: TestCache | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

function attachment(id: string, name: string, mimetype?: string, size?: number): Attachment {
  return { id, name, mimetype, size, raw: { id, name } };
}

function rig(files: Record<string, Uint8Array>) {
  t = testCache();
  t.cache.upsertIssues([issue('Q-1'), issue('Q-2')], 'opened');
  t.cache.replaceAttachments('Q-1', [
    attachment('1', 'shot.png', 'image/png', PNG.byteLength),
    attachment('2', 'drawing.svg', 'image/svg+xml'),
    attachment('3', 'fake.png', 'image/png'),
    attachment('4', 'huge.png', 'image/png', MAX_IMAGE_BYTES + 1),
    attachment('5', 'blob', 'application/octet-stream'),
    attachment('6', 'liar.png', 'image/png'),
  ]);
  t.cache.replaceAttachments('Q-2', [attachment('9', 'other.png', 'image/png')]);
  let online = true;
  const downloads: string[] = [];
  const client = {
    attachments: {
      async downloadBytes(target: { issue: string; id: string; name: string }) {
        downloads.push(`${target.issue}/${target.id}/${target.name}`);
        const bytes = files[target.id];
        if (!bytes) throw new Error('no such file');
        return { bytes, contentType: 'application/octet-stream', name: target.name };
      },
    },
  } as unknown as TrackerClient;
  const cache = t.cache;
  const images = createAttachmentImages({
    cache: () => cache,
    client: () => client,
    online: () => online,
    log: createRecordingLogger(),
  });
  return {
    images,
    downloads,
    setOnline: (value: boolean) => {
      online = value;
    },
    dir: path.join(path.dirname(cache.file), 'images'),
  };
}

describe('sniffImage', () => {
  it('recognizes PNG, JPEG, GIF and WebP by their leading bytes only', () => {
    expect(sniffImage(PNG)).toBe('image/png');
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImage(ascii('GIF89a...'))).toBe('image/gif');
    expect(sniffImage(ascii('GIF87a...'))).toBe('image/gif');
    expect(sniffImage(ascii('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(ascii('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffImage(ascii('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(ascii('<?xml version="1.0"?><svg/>'))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
    expect(sniffImage(PNG.slice(0, 4))).toBeNull();
  });
});

describe('attachments.image', () => {
  it('serves an image of the issue as a data: URL and keeps it for offline use', async () => {
    const r = rig({ '1': PNG, '5': ascii('GIF89a tiny') });
    const image = await r.images.image('Q-1', '1');
    expect(image).toEqual({
      mimetype: 'image/png',
      dataUrl: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`,
    });
    expect(r.downloads).toEqual(['Q-1/1/shot.png']);
    expect(existsSync(path.join(r.dir, '1.bin'))).toBe(true);
    // An octet-stream upload is served by what its bytes are.
    await expect(r.images.image('Q-1', '5')).resolves.toMatchObject({ mimetype: 'image/gif' });
    r.setOnline(false);
    await expect(r.images.image('Q-1', '1')).resolves.toEqual(image);
    expect(r.downloads).toHaveLength(2);
  });

  it('refuses SVG, non-images, oversize files and attachments of another issue', async () => {
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(PNG);
    const r = rig({ '2': ascii('<svg/>'), '3': ascii('MZ not an image'), '6': big });
    await expect(r.images.image('Q-1', '2')).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    await expect(r.images.image('Q-1', '3')).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    // Declared too large: refused before any download.
    await expect(r.images.image('Q-1', '4')).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    // Declared small, but the bytes are not.
    await expect(r.images.image('Q-1', '6')).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    await expect(r.images.image('Q-1', '9')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(r.images.image('Q-2', '1')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(r.downloads).toEqual(['Q-1/3/fake.png', 'Q-1/6/liar.png']);
    expect(existsSync(path.join(r.dir, '6.bin'))).toBe(false);
  });

  it('answers E_OFFLINE for an image never downloaded, and E_UNAVAILABLE without a cache', async () => {
    const r = rig({ '1': PNG });
    r.setOnline(false);
    await expect(r.images.image('Q-1', '1')).rejects.toMatchObject({ code: 'E_OFFLINE' });
    expect(r.downloads).toEqual([]);
    const none = createAttachmentImages({
      cache: () => null,
      client: () => null,
      online: () => true,
      log: createRecordingLogger(),
    });
    await expect(none.image('Q-1', '1')).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
  });
});
