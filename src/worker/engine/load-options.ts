// How a catalog entry's load payload is said to transformers.js, shared by every part of the engine.

import type { LoadPayload } from '../protocol';
import type { Dtype } from '../../domain/model';

/** transformers.js names q8 files "quantized"; its dtype key is q8. */
export const TRANSFORMERS_DTYPE: Record<Dtype, 'fp32' | 'fp16' | 'q4' | 'q4f16' | 'q8'> = {
  fp32: 'fp32',
  fp16: 'fp16',
  q4: 'q4',
  q4f16: 'q4f16',
  q8: 'q8',
};

export function sameModel(a: LoadPayload, b: LoadPayload): boolean {
  return (
    a.repo === b.repo &&
    a.revision === b.revision &&
    a.device === b.device &&
    a.dtype === b.dtype &&
    JSON.stringify(a.sessions ?? {}) === JSON.stringify(b.sessions ?? {})
  );
}

/** transformers.js takes one dtype, or one per ONNX session for models split into several graphs. */
export function dtypeOption(payload: LoadPayload): Dtype | Record<string, Dtype> {
  if (!payload.sessions) return TRANSFORMERS_DTYPE[payload.dtype];
  return Object.fromEntries(Object.entries(payload.sessions).map(([session, dtype]) => [session, TRANSFORMERS_DTYPE[dtype]]));
}

