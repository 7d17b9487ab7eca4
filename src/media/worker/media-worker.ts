// The media worker: decodes and scales pictures, and decodes sound, off the UI thread, so a 40-megapixel photo or a
// 10-minute clip never freezes typing.

import { AppError } from '../../shared/errors';
import { serveRpc } from '../../shared/rpc';
import { prepareBitmap } from './image';
import { decodeSound } from './sound';
import { isMediaRequest, type MediaResponse, type MediaRpc } from './media-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const handle = serveRpc<MediaRpc>(
  {
    decodeImage: async ({ blob, maxEdge, thumbnailEdge, photo }) => {
      try {
        return await prepareBitmap(blob, maxEdge, thumbnailEdge, photo);
      } catch (error) {
        // createImageBitmap says only "InvalidStateError: The source image could not be decoded."
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new AppError('bad-media', `The picture could not be decoded (${reason}).`, { cause: error });
      }
    },
    decodeSound: ({ blob }, { emit, signal }) => decodeSound(blob, emit, signal),
  },
  (response: MediaResponse, transfer) => scope.postMessage(response, transfer ?? []),
);

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isMediaRequest(event.data)) void handle(event.data);
});
