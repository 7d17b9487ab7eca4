// Names what went wrong with a server the person added, in words they can act on.

import { AppError } from '../../shared/errors';

/** The message part of an OpenAI-style error body (`{ error: { message } }`, or llama.cpp's and Ollama's `{ error: "…" }`). */
function serverSays(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const error = (parsed as { error: unknown }).error;
      if (typeof error === 'string') return error;
      if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
    }
  } catch {
    // Not JSON: the first line of what it said is still worth showing.
  }
  return body.split('\n')[0]?.slice(0, 200) ?? '';
}

/** An HTTP status the server answered with, as one of the named remote errors. */
export function errorForStatus(status: number, body: string, what: { host: string; model?: string }): AppError {
  const said = serverSays(body);
  const tail = said ? ` The server said: ${said}` : '';
  if (status === 401 || status === 403) return new AppError('remote-unauthorized', `${what.host} refused the API key (HTTP ${status}).${tail}`);
  if (status === 404) {
    return new AppError('remote-model-not-found', `${what.host} has no ${what.model ? `model “${what.model}”` : 'OpenAI-compatible API at this address'} (HTTP 404).${tail}`);
  }
  if (status === 408 || status === 504) return new AppError('remote-timeout', `${what.host} timed out (HTTP ${status}).${tail}`);
  return new AppError('remote-bad-response', `${what.host} answered HTTP ${status}.${tail}`);
}

/**
 * What fetch threw. A refused connection, a CORS refusal and a request the page's policy blocked all reach script as
 * the same TypeError, so the message lists them; the person's abort stays an abort.
 */
export function errorForFailure(error: unknown, what: { host: string; timedOut: boolean }): AppError {
  if (what.timedOut) return new AppError('remote-timeout', `${what.host} did not answer in time.`, { cause: error });
  if (error instanceof AppError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return new AppError('aborted', 'Stopped.', { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new AppError(
    'remote-unreachable',
    `Could not reach ${what.host}: it is down, the address is wrong, or it does not allow this page (CORS). (${detail})`,
    { cause: error },
  );
}
