// Runs JavaScript or Python in the sandbox page (public/sandbox.html), one run at a time, with a time limit and Stop.

import { loadPyodideFiles } from './pyodide-assets';

export type CodeLanguage = 'javascript' | 'python';

export interface RunLimits {
  /** Counted from the moment the code starts, not while Python loads. */
  timeLimitMs: number;
  memoryLimitBytes: number;
}

export interface RunOutput {
  stream: 'stdout' | 'stderr';
  text: string;
}

export type RunOutcome =
  | { kind: 'done'; value?: string }
  | { kind: 'error'; message: string }
  | { kind: 'timeout'; limitMs: number }
  | { kind: 'stopped' };

export interface RunResult {
  outcome: RunOutcome;
  output: RunOutput[];
  /** From the start of the code to its end; loading Python is not included. */
  elapsedMs: number;
  /** How long Python took to load in this run, when it had to. */
  loadMs?: number;
}

export interface RunOptions {
  limits: RunLimits;
  signal?: AbortSignal;
  onOutput?: (output: RunOutput) => void;
  /** 'loading' while Python loads, 'running' once the code itself starts. */
  onPhase?: (phase: 'loading' | 'running') => void;
}

/** Fenced-code info strings the Run button understands. */
export function codeLanguage(info: string | undefined): CodeLanguage | null {
  switch (info?.toLowerCase()) {
    case 'js':
    case 'javascript':
    case 'mjs':
      return 'javascript';
    case 'py':
    case 'python':
    case 'python3':
      return 'python';
    default:
      return null;
  }
}

type SandboxMessage =
  | { type: 'ready' }
  | { type: 'unsandboxed' }
  | { type: 'status'; id: string; phase: 'loading' | 'running' }
  | { type: 'output'; id: string; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'done'; id: string; ok: boolean; value?: string; error?: string }
  | { type: 'stopped'; id: string };

interface Sandbox {
  frame: HTMLIFrameElement;
  ready: Promise<void>;
  hasPython: boolean;
  listeners: Set<(message: SandboxMessage) => void>;
}

/** Said when the host serves the sandbox page without its `sandbox` policy, which would leave it in the app's origin. */
export const UNSANDBOXED =
  'Code can’t run here: this server sends the code sandbox’s page without its sandbox policy, so it would share the app’s storage.';

let sandbox: Sandbox | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 0;

function openSandbox(): Sandbox {
  if (sandbox) return sandbox;
  const frame = document.createElement('iframe');
  // The page's response sandboxes it (its policy header says `sandbox allow-scripts`: an opaque origin, so none of the
  // app's storage, cookies or DOM), rather than a `sandbox` attribute here: Chromium never lets a service worker serve
  // the navigation of a frame sandboxed by its attribute, and this page must open offline (docs/tools.md). The page
  // refuses to run anything if it finds itself in the app's origin.
  // Under COEP (cross-origin isolation, see vite.config.ts) the frame's page needs COEP of its own: the server sends it,
  // and so does the service worker (src/pwa/service-worker.ts). No `credentialless` attribute: a credentialless frame
  // lives in a partition of its own, where the app's service worker can't serve its page offline.
  frame.src = '/sandbox.html';
  frame.title = 'Code sandbox';
  frame.hidden = true;
  frame.setAttribute('aria-hidden', 'true');
  const listeners = new Set<(message: SandboxMessage) => void>();
  const opened: Sandbox = { frame, hasPython: false, listeners, ready: Promise.resolve() };
  opened.ready = new Promise<void>((resolve, reject) => {
    const onMessage = (event: MessageEvent<unknown>) => {
      // Only the frame we made may talk to us, and only in the sandbox's shapes.
      if (event.source !== frame.contentWindow || !isSandboxMessage(event.data)) return;
      if (event.data.type === 'ready') resolve();
      if (event.data.type === 'unsandboxed') reject(new Error(UNSANDBOXED));
      for (const listener of listeners) listener(event.data);
    };
    window.addEventListener('message', onMessage);
    frame.addEventListener('error', () => reject(new Error('The code sandbox could not be opened.')));
    const previous = closeHook;
    closeHook = () => {
      window.removeEventListener('message', onMessage);
      previous?.();
    };
  });
  document.body.append(frame);
  sandbox = opened;
  return opened;
}

let closeHook: (() => void) | null = null;

/** Removes the frame and with it every worker in it: the last resort when the sandbox doesn't answer Stop. */
function closeSandbox(): void {
  sandbox?.frame.remove();
  sandbox = null;
  closeHook?.();
  closeHook = null;
}

function isSandboxMessage(data: unknown): data is SandboxMessage {
  if (!data || typeof data !== 'object') return false;
  const message = data as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'unsandboxed':
      return true;
    case 'status':
    case 'stopped':
      return typeof message.id === 'string';
    case 'output':
      return typeof message.id === 'string' && typeof message.text === 'string' && (message.stream === 'stdout' || message.stream === 'stderr');
    case 'done':
      return typeof message.id === 'string' && typeof message.ok === 'boolean';
    default:
      return false;
  }
}

/** Runs one block. Runs queue behind each other: the sandbox has one worker per language. */
export function runCode(language: CodeLanguage, code: string, options: RunOptions): Promise<RunResult> {
  const result = queue.then(() => runNow(language, code, options));
  queue = result.catch(() => undefined);
  return result;
}

async function runNow(language: CodeLanguage, code: string, options: RunOptions): Promise<RunResult> {
  const { limits, signal, onOutput, onPhase } = options;
  const output: RunOutput[] = [];
  if (signal?.aborted) return { outcome: { kind: 'stopped' }, output, elapsedMs: 0 };
  let files: Record<string, ArrayBuffer> | undefined;
  const loadStart = performance.now();
  if (language === 'python') {
    onPhase?.('loading');
    if (!openSandbox().hasPython) files = await loadPyodideFiles();
  }
  const box = openSandbox();
  await box.ready;
  const id = `run-${++nextId}`;
  return new Promise<RunResult>((resolve) => {
    let started = performance.now();
    let loadMs: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let fallback: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const finish = (outcome: RunOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(fallback);
      box.listeners.delete(listen);
      signal?.removeEventListener('abort', onAbort);
      resolve({ outcome, output, elapsedMs: performance.now() - started, loadMs });
    };
    const end = (outcome: RunOutcome) => {
      box.frame.contentWindow?.postMessage({ type: 'stop', id }, '*');
      // A sandbox that doesn't confirm within a second is taken down whole.
      fallback = setTimeout(() => {
        closeSandbox();
        finish(outcome);
      }, 1000);
      pendingEnd = outcome;
    };
    let pendingEnd: RunOutcome | null = null;
    const onAbort = () => end({ kind: 'stopped' });
    const listen = (message: SandboxMessage) => {
      if (message.type === 'ready' || message.type === 'unsandboxed' || message.id !== id) return;
      switch (message.type) {
        case 'status':
          if (message.phase === 'running') {
            if (language === 'python') loadMs = performance.now() - loadStart;
            started = performance.now();
            timer = setTimeout(() => end({ kind: 'timeout', limitMs: limits.timeLimitMs }), limits.timeLimitMs);
          }
          onPhase?.(message.phase);
          return;
        case 'output': {
          const chunk = { stream: message.stream, text: message.text };
          output.push(chunk);
          onOutput?.(chunk);
          return;
        }
        case 'done':
          if (message.ok) finish({ kind: 'done', value: message.value });
          else finish({ kind: 'error', message: message.error ?? 'The code failed.' });
          return;
        case 'stopped':
          finish(pendingEnd ?? { kind: 'stopped' });
          return;
        default: {
          const never: never = message;
          return never;
        }
      }
    };
    box.listeners.add(listen);
    signal?.addEventListener('abort', onAbort);
    // The page keeps Python's files for its later workers (after a Stop too); only a new page needs them again.
    if (files) box.hasPython = true;
    box.frame.contentWindow?.postMessage({ type: 'run', id, language, code, memoryLimit: limits.memoryLimitBytes, files }, '*');
  });
}
