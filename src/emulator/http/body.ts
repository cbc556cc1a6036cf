// Reading a request body: bounded in size, JSON only where Salesforce expects JSON.
import type { IncomingMessage } from 'node:http';
import { ApiErrors } from './api-error.js';

/** Salesforce refuses REST bodies far below this; the bound keeps a huge upload from hurting the emulator. */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    throw ApiErrors.bodyTooLarge(MAX_BODY_BYTES);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  }
  if (tooLarge) throw ApiErrors.bodyTooLarge(MAX_BODY_BYTES);
  return Buffer.concat(chunks);
}

export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const type = mediaType(contentType);
  if (type !== 'application/json' && type !== '') throw ApiErrors.unsupportedMediaType(type);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw ApiErrors.jsonParser(`Unexpected character in the request body: ${(error as Error).message}`);
  }
}

/** A REST body: JSON, or the bytes of a `text/csv` upload (Bulk API ingest job data). */
export type RequestBody = { body: unknown; csv?: undefined } | { body: undefined; csv: Buffer };

export function parseRequestBody(raw: Buffer, contentType: string | undefined): RequestBody {
  if (mediaType(contentType) === 'text/csv') return { body: undefined, csv: raw };
  return { body: parseJsonBody(raw, contentType) };
}

/** `text/csv; charset=UTF-8` -> `text/csv` */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
