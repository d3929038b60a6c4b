/** Attachments: list, download (bytes or stream), upload (to an issue or temporary), delete. */
import { parseAttachment } from '../parse/activity.ts';
import type { Attachment } from '../parse/types.ts';
import { expectList, expectOne } from '../response.ts';
import { reader, type ApiContext, type CallOptions } from './context.ts';

/** What to download: an issue's attachment by id and name, or an attachment's `content` URL. */
export type DownloadTarget =
  | { readonly issue: string; readonly id: string | number; readonly name: string }
  | { readonly url: string; readonly name?: string };

/** A downloaded file's metadata. */
export interface DownloadInfo {
  /** From Content-Type; `application/octet-stream` when absent. */
  readonly contentType: string;
  /** From Content-Disposition, else the name asked for, else the URL's last segment. */
  readonly name: string;
  /** From Content-Length, when sent. */
  readonly size?: number;
}

/** A file to upload. */
export interface UploadFile {
  readonly data: Blob | Uint8Array | ArrayBuffer;
  readonly name: string;
  readonly contentType?: string;
}

/** Attachment endpoints. */
export interface AttachmentsApi {
  /** Files on the issue and its comments. */
  list(issue: string, options?: CallOptions): Promise<Attachment[]>;
  /** Downloads a file into memory. */
  downloadBytes(
    target: DownloadTarget,
    options?: CallOptions,
  ): Promise<DownloadInfo & { readonly bytes: Uint8Array }>;
  /** Opens a file as a stream (the caller's signal also cancels the body). */
  downloadStream(
    target: DownloadTarget,
    options?: CallOptions,
  ): Promise<DownloadInfo & { readonly stream: ReadableStream<Uint8Array> }>;
  /** Attaches a file to an issue (multipart, part `file`). Not retried. */
  upload(issue: string, file: UploadFile, options?: CallOptions): Promise<Attachment>;
  /** Uploads a file not yet attached; pass its `id` in `attachmentIds` of a new issue or comment. */
  uploadTemporary(file: UploadFile, options?: CallOptions): Promise<Attachment>;
  /** Removes an attachment from an issue. */
  delete(issue: string, attachmentId: string | number, options?: CallOptions): Promise<void>;
}

/** The file name of a Content-Disposition header (RFC 6266; `filename*` wins). */
export function dispositionName(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      // A malformed escape: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return name || undefined;
}

function lastSegment(url: string): string {
  const segment = new URL(url, 'http://placeholder.invalid').pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function toBlob(file: UploadFile): Blob {
  if (file.data instanceof Blob) return file.data;
  // Copy into a fresh ArrayBuffer: a view over a SharedArrayBuffer is not a valid BlobPart.
  const bytes = file.data instanceof ArrayBuffer ? new Uint8Array(file.data) : file.data;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Blob([copy.buffer], { type: file.contentType ?? 'application/octet-stream' });
}

/** Creates the attachment endpoints. */
export function createAttachmentsApi(ctx: ApiContext): AttachmentsApi {
  function targetPath(target: DownloadTarget): string {
    return 'url' in target
      ? target.url
      : ctx.path`issues/${target.issue}/attachments/${target.id}/${target.name}`;
  }

  function info(target: DownloadTarget, headers: Headers): DownloadInfo {
    const fallback = target.name ?? lastSegment(targetPath(target));
    const length = headers.get('content-length');
    const out: { -readonly [K in keyof DownloadInfo]: DownloadInfo[K] } = {
      contentType: headers.get('content-type') ?? 'application/octet-stream',
      name: dispositionName(headers.get('content-disposition')) ?? fallback,
    };
    if (length && /^\d+$/.test(length)) out.size = Number(length);
    return out;
  }

  async function upload(path: string, file: UploadFile, options: CallOptions) {
    const form = new FormData();
    form.append('file', toBlob(file), file.name);
    const response = await ctx.http.json({
      method: 'POST',
      path,
      query: { filename: file.name },
      form,
      signal: options.signal,
    });
    return expectOne(response, reader(ctx, parseAttachment));
  }

  return {
    async list(issue, options = {}) {
      const response = await ctx.http.json({
        method: 'GET',
        path: ctx.path`issues/${issue}/attachments`,
        signal: options.signal,
      });
      return expectList(response, reader(ctx, parseAttachment));
    },
    async downloadBytes(target, options = {}) {
      const response = await ctx.http.bytes({
        method: 'GET',
        path: targetPath(target),
        signal: options.signal,
      });
      return { ...info(target, response.headers), bytes: response.body };
    },
    async downloadStream(target, options = {}) {
      const response = await ctx.http.stream({
        method: 'GET',
        path: targetPath(target),
        signal: options.signal,
      });
      const stream = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
      return { ...info(target, response.headers), stream };
    },
    upload: (issue, file, options = {}) =>
      upload(ctx.path`issues/${issue}/attachments/`, file, options),
    uploadTemporary: (file, options = {}) => upload(ctx.path`attachments/`, file, options),
    async delete(issue, attachmentId, options = {}) {
      await ctx.http.empty({
        method: 'DELETE',
        path: ctx.path`issues/${issue}/attachments/${attachmentId}`,
        signal: options.signal,
      });
    },
  };
}
