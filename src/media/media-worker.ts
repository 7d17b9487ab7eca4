// The media worker: decodes and scales pictures off the UI thread, so a 40-megapixel photo never freezes typing.

import { prepareBitmap } from './image';
import { isMediaRequest, type MediaResponse } from './media-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (!isMediaRequest(request)) return;
  prepareBitmap(request.blob, request.maxEdge, request.thumbnailEdge, request.photo)
    .then((result) => scope.postMessage({ id: request.id, ok: true, result } satisfies MediaResponse))
    .catch((error: unknown) =>
      scope.postMessage({ id: request.id, ok: false, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } satisfies MediaResponse),
    );
});
