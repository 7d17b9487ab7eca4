// The reader worker: extracts and chunks documents off the UI thread, so a 300-page PDF never freezes typing.

import { serveRpc } from '../../shared/rpc';
import { readDocument } from './read-document';
import { isReaderRequest, type ReaderResponse, type ReaderRpc } from './reader-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const handle = serveRpc<ReaderRpc>(
  { read: (payload, { emit, signal }) => readDocument(payload, emit, signal) },
  (response: ReaderResponse, transfer) => scope.postMessage(response, transfer ?? []),
);

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isReaderRequest(event.data)) void handle(event.data);
});
