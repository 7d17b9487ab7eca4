// The embedder worker: wires the embedding engine to the message port, in a worker of its own so embedding a
// document never waits behind an answer (transformers.js runs one session at a time per JavaScript context).

import { serveRpc } from '../shared/rpc';
import { Embedder } from './engine/embedder';
import { configureRuntime } from './engine/runtime';
import { isEmbedderRequest, type EmbedderResponse, type EmbedderRpc } from './embed-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// The same runtime as the model worker's: self-hosted ONNX Runtime, checked and resumable downloads, IndexedDB cache.
const embedder = new Embedder(configureRuntime());

const handle = serveRpc<EmbedderRpc>(
  {
    'load-embedder': (payload, { signal, emit }) => embedder.load(payload, { signal, onEvent: emit }),
    embed: async (payload, { signal, emit }) => embedder.embed(payload, { signal, onEvent: emit }),
  },
  (response: EmbedderResponse) => {
    // The vectors' buffer is handed over, not copied.
    const transfer = response.type === 'result' && response.kind === 'embed' ? [response.result.vectors.buffer] : [];
    scope.postMessage(response, transfer);
  },
);

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isEmbedderRequest(event.data)) void handle(event.data);
});
