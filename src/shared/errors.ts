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

/** Values a message's key fills in; kept with the key, so the words can be made again in another language. */
export type MessageValues = Readonly<Record<string, string | number | MessageRef>>;

/** Words by key where there is one (a value may itself be such words), with the English as written. */
export interface MessageRef {
  key?: string;
  values?: MessageValues;
  message: string;
}

export interface SerializedError {
  code: ErrorCode;
  /** The English words, as they always were: logs, tests, and records saved before messages had keys. */
  message: string;
  /**
   * The message's i18n key (`errors:message.network`) and its values, where it has one: the UI shows the message in
   * the current language from these, even for an error saved with a conversation in another language. shared/ may not
   * use i18n (eslint.config.js LAYERS), so the words are made where the error is shown (src/i18n/errors.ts).
   */
  key?: string;
  values?: MessageValues;
}

export interface AppErrorOptions {
  cause?: unknown;
  key?: string;
  values?: MessageValues;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly key?: string;
  readonly values?: MessageValues;
  constructor(code: ErrorCode, message: string, options?: AppErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    if (options?.key) {
      this.key = options.key;
      if (options.values) this.values = options.values;
    }
  }
  toJSON(): SerializedError {
    return withKey({ code: this.code, message: this.message }, this);
  }
}

/** The key and values only where there are some, so an error without them serializes as it always did. */
function withKey(base: SerializedError, from: { key?: string; values?: MessageValues }): SerializedError {
  if (!from.key) return base;
  return from.values ? { ...base, key: from.key, values: from.values } : { ...base, key: from.key };
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function serializeError(error: unknown): SerializedError {
  return toAppError(error).toJSON();
}

export function deserializeError(serialized: SerializedError): AppError {
  return new AppError(serialized.code, serialized.message, { key: serialized.key, values: serialized.values });
}

/**
 * Classifies whatever a library threw. transformers.js and ONNX Runtime throw plain Errors whose
 * only signal is the message, so the patterns below are the contract we rely on.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new AppError('aborted', 'Stopped.', { key: 'errors:message.stopped' });
  }
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return new AppError('quota-exceeded', 'The browser refused to store more data: the disk or the site quota is full.', { cause: error, key: 'errors:message.quotaRefused' });
  }
  const message = error instanceof Error ? error.message : String(error);
  // The library's own words (`detail`) stay as they came: they are for a bug report, not for translation.
  const keyed = (key: string) => ({ cause: error, key: `errors:message.${key}`, values: { detail: message } });
  if (/could not locate file|status 404|\b404\b|file was not found/i.test(message)) {
    return new AppError('model-not-found', `A model file is missing on the server. ${message}`, keyed('modelNotFound'));
  }
  if (/failed to fetch|networkerror|network error|load failed|err_internet|status 5\d\d/i.test(message)) {
    return new AppError('network', `The download failed: the network or the model host is unreachable. ${message}`, keyed('network'));
  }
  if (/protobuf|invalid model|failed to load model|can't create a session|unexpected token|json|parse/i.test(message)) {
    return new AppError('model-corrupt', `A model file is damaged or not what it claims to be. ${message}`, keyed('modelCorrupt'));
  }
  if (/out of memory|bad_alloc|allocation failed|maxbuffersize|exceeds the max/i.test(message)) {
    return new AppError('out-of-memory', `The model does not fit in this device's memory. Try a smaller variant or model. ${message}`, keyed('outOfMemory'));
  }
  if (/device (was )?lost|gpudevicelost/i.test(message)) {
    return new AppError('device-lost', `The GPU stopped responding. ${message}`, keyed('deviceLost'));
  }
  if (/quota/i.test(message)) {
    return new AppError('quota-exceeded', `Storage is full. ${message}`, keyed('storageFull'));
  }
  return message ? new AppError('unknown', message, { cause: error }) : new AppError('unknown', 'Something went wrong.', { cause: error, key: 'errors:message.unknown' });
}
