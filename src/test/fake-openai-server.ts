// A scripted OpenAI-compatible server behind a fetch function, for unit tests of the remote engine.

export interface FakeServerScript {
  models?: unknown;
  /** The SSE body, in the pieces it arrives in (split anywhere, as a network would). */
  pieces?: string[];
  status?: number;
  errorBody?: string;
  /** After the pieces, keep the connection open until aborted. */
  hang?: boolean;
  /** Never answer at all (not even headers) until aborted. */
  silent?: boolean;
}

export interface FakeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

export function sse(...chunks: (object | '[DONE]')[]): string[] {
  return chunks.map((c) => `data: ${c === '[DONE]' ? c : JSON.stringify(c)}\n\n`);
}

export function delta(text: string, finish: string | null = null): object {
  return { id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text }, finish_reason: finish }] };
}

export function fakeServer(script: FakeServerScript) {
  const requests: FakeRequest[] = [];
  const abortError = () => new DOMException('The operation was aborted.', 'AbortError');
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    requests.push({ url: String(input), method: init.method ?? 'GET', headers, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
    const signal = init.signal;
    if (signal?.aborted) throw abortError();
    if (script.silent) {
      await new Promise((_, reject) => signal?.addEventListener('abort', () => reject(abortError()), { once: true }));
    }
    if (script.status && script.status >= 400) return new Response(script.errorBody ?? '', { status: script.status });
    if (String(input).endsWith('/models')) return Response.json(script.models ?? { object: 'list', data: [] });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of script.pieces ?? []) controller.enqueue(encoder.encode(piece));
        const abort = () => controller.error(abortError());
        if (script.hang) signal?.addEventListener('abort', abort, { once: true });
        else controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}
