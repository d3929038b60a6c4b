/**
 * Response and request plumbing shared by the emulator's routes: JSON and error bodies shaped like
 * Tracker's, bounded body reading, and multipart parsing through the web Request API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, EmulatorError } from '../errors.ts';
import type { Json } from '../wire/index.ts';

/** Writes a JSON body with Tracker's content type. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: Json,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Writes Tracker's error body `{errors, errorMessages, statusCode}`. */
export function sendError(res: ServerResponse, error: EmulatorError): void {
  sendJson(res, error.status, { ...error.toBody() });
}

/** Writes a 204 with no body, as DELETE answers. */
export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}

/** Reads the whole body, refusing more than `limit` bytes with a 413. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.byteLength;
    if (size > limit) throw new EmulatorError(413, {}, ['Request entity too large']);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; an empty body is `{}`, malformed JSON a 400. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.byteLength === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}

/** The body as a plain object, or a 400 when it is some other JSON value. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('Request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** One uploaded file from a multipart body. */
export interface UploadedFile {
  readonly name: string;
  readonly mimetype: string;
  readonly content: Uint8Array;
}

/** Extracts the `file` part of a multipart/form-data body. */
export async function parseUpload(
  body: Buffer,
  contentType: string | undefined,
  fallbackName: string | null,
): Promise<UploadedFile> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) {
    throw badRequest('Expected a multipart/form-data body with a "file" part');
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw badRequest('Malformed multipart body');
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) throw badRequest('The multipart body has no "file" part');
  const name = fallbackName || (file instanceof File ? file.name : '') || 'file';
  return {
    name,
    mimetype: file.type || 'application/octet-stream',
    content: new Uint8Array(await file.arrayBuffer()),
  };
}
