// Typed errors that cross the worker boundary as plain {code, message} and come back as AppError.

export type ErrorCode =
  | 'no-webgpu'
  | 'no-shader-f16'
  | 'model-not-found'
  | 'model-corrupt'
  | 'network'
  | 'out-of-memory'
  | 'device-lost'
  | 'quota-exceeded'
  | 'not-loaded'
  | 'busy'
  | 'aborted'
  | 'worker-crashed'
  /** A worker gave no answer in time and was retired. */
  | 'timeout'
  /** An attachment that cannot be used: corrupt, too large, too long, or not what its name says. */
  | 'bad-media'
  /** An encrypted document that opens only with its password (none given, or a wrong one). */
  | 'password-required'
  /** The chosen model does not take this kind of input. */
  | 'unsupported-input'
  /** A server the person added: no connection (down, wrong address, CORS refused, or not allowed by the page's policy). */
  | 'remote-unreachable'
  /** The server refused the API key (401 or 403). */
  | 'remote-unauthorized'
  /** The server does not serve that model (404). */
  | 'remote-model-not-found'
  /** The server did not answer, or stopped streaming, in time. */
  | 'remote-timeout'
  /** The server answered something that is not the OpenAI-compatible contract. */
  | 'remote-bad-response'
  | 'unknown';

export interface SerializedError {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
  toJSON(): SerializedError {
    return { code: this.code, message: this.message };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function serializeError(error: unknown): SerializedError {
  const appError = toAppError(error);
  return { code: appError.code, message: appError.message };
}

export function deserializeError(serialized: SerializedError): AppError {
  return new AppError(serialized.code, serialized.message);
}

/**
 * Classifies whatever a library threw. transformers.js and ONNX Runtime throw plain Errors whose
 * only signal is the message, so the patterns below are the contract we rely on.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new AppError('aborted', 'Stopped.');
  }
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return new AppError('quota-exceeded', 'The browser refused to store more data: the disk or the site quota is full.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/could not locate file|status 404|\b404\b|file was not found/i.test(message)) {
    return new AppError('model-not-found', `A model file is missing on the server. ${message}`, { cause: error });
  }
  if (/failed to fetch|networkerror|network error|load failed|err_internet|status 5\d\d/i.test(message)) {
    return new AppError('network', `The download failed: the network or the model host is unreachable. ${message}`, { cause: error });
  }
  if (/protobuf|invalid model|failed to load model|can't create a session|unexpected token|json|parse/i.test(message)) {
    return new AppError('model-corrupt', `A model file is damaged or not what it claims to be. ${message}`, { cause: error });
  }
  if (/out of memory|bad_alloc|allocation failed|maxbuffersize|exceeds the max/i.test(message)) {
    return new AppError('out-of-memory', `The model does not fit in this device's memory. Try a smaller variant or model. ${message}`, { cause: error });
  }
  if (/device (was )?lost|gpudevicelost/i.test(message)) {
    return new AppError('device-lost', `The GPU stopped responding. ${message}`, { cause: error });
  }
  if (/quota/i.test(message)) {
    return new AppError('quota-exceeded', `Storage is full. ${message}`, { cause: error });
  }
  return new AppError('unknown', message || 'Something went wrong.', { cause: error });
}

/** What the person should read: short, and what to do next. */
export function describeError(error: SerializedError): { title: string; hint: string } {
  switch (error.code) {
    case 'no-webgpu':
      return { title: 'WebGPU is not available', hint: 'Sensa will run on the CPU (WASM) instead; it is slower.' };
    case 'no-shader-f16':
      return { title: 'This GPU lacks 16-bit float support', hint: 'Pick a q4 or fp32 variant.' };
    case 'model-not-found':
      return { title: 'The model could not be found', hint: 'A file is missing on the model host. Retry, or pick another model.' };
    case 'model-corrupt':
      return { title: 'The model files are damaged', hint: 'The broken download was discarded. Retry to fetch it again.' };
    case 'network':
      return { title: 'The download failed', hint: 'Check the connection and retry. Files already downloaded are kept.' };
    case 'out-of-memory':
      return { title: 'Not enough memory for this model', hint: 'Try a smaller variant or a smaller model.' };
    case 'device-lost':
      return { title: 'The GPU was lost', hint: 'Reload the model to continue; your conversation is kept.' };
    case 'quota-exceeded':
      return { title: 'Storage is full', hint: 'Free some space in the browser or delete cached models.' };
    case 'not-loaded':
      return { title: 'No model is loaded', hint: 'Pick a model and load it first.' };
    case 'busy':
      return { title: 'Sensa is busy', hint: 'Wait for the current answer to finish or stop it.' };
    case 'aborted':
      return { title: 'Stopped', hint: '' };
    case 'worker-crashed':
      return { title: 'The model engine crashed', hint: 'Retry: Sensa restarts the engine.' };
    case 'timeout':
      return { title: 'Sensa stopped waiting', hint: 'A background task did not answer in time and was restarted. Retry.' };
    case 'bad-media':
      return { title: 'This attachment cannot be used', hint: 'Nothing else in your message was lost. Remove it or pick another file.' };
    case 'password-required':
      return { title: 'This document needs its password', hint: 'Type it to open the document here. Sensa does not keep it.' };
    case 'unsupported-input':
      return { title: 'This model cannot take that input', hint: 'Switch to a model that can, or transcribe the audio first.' };
    case 'remote-unreachable':
      return { title: 'Your server is unreachable', hint: 'Check that it runs, its address, and that it allows this page (CORS; see docs/remote.md).' };
    case 'remote-unauthorized':
      return { title: 'Your server refused the API key', hint: 'Check the key in Settings → Your servers.' };
    case 'remote-model-not-found':
      return { title: 'Your server does not have this model', hint: 'List the models again in Settings → Your servers and pick one it serves.' };
    case 'remote-timeout':
      return { title: 'Your server did not answer in time', hint: 'It may be busy or loading the model. Retry.' };
    case 'remote-bad-response':
      return { title: 'Your server answered something Sensa cannot read', hint: 'It must speak the OpenAI-compatible chat API (/v1/chat/completions).' };
    case 'unknown':
      return { title: 'Something went wrong', hint: 'Retry, or pick another model.' };
  }
}
