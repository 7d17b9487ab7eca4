// The media worker's messages: one request, one response, Blobs passed as handles (no copy of the bytes).

import type { PreparedImage } from './image';

export interface MediaRequest {
  id: string;
  blob: Blob;
  maxEdge: number;
  thumbnailEdge: number;
  photo: boolean;
}

export type MediaResponse = { id: string; ok: true; result: PreparedImage } | { id: string; ok: false; message: string };

export function isMediaRequest(value: unknown): value is MediaRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && v.blob instanceof Blob && typeof v.maxEdge === 'number' && typeof v.thumbnailEdge === 'number';
}

export function isMediaResponse(value: unknown): value is MediaResponse {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>).id === 'string' && typeof (value as Record<string, unknown>).ok === 'boolean';
}
