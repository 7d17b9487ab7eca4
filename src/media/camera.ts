// One still from the camera, without a preview dialog: Describe for me takes a picture with a single press.

import { AppError } from '../shared/errors';

/** How long the camera may take to show its first frame before the picture is given up. */
const FIRST_FRAME_TIMEOUT_MS = 10_000;
/** The seeing models read 512-pixel tiles; a larger still only costs encoding time. */
const LONGEST_EDGE = 1024;

export type CameraFacing = 'user' | 'environment';

function cameraError(error: unknown): AppError {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') return new AppError('bad-media', 'Sensa may not use the camera: allow it in the site settings.');
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return new AppError('bad-media', 'No camera was found on this device.');
  return new AppError('bad-media', 'The camera could not be started.');
}

/** Opens the camera, waits for a real frame, draws it as JPEG and closes the camera again. */
export async function takePicture(facing: CameraFacing = 'environment'): Promise<Blob> {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: facing }, width: { ideal: 1280 }, height: { ideal: 720 } } });
  } catch (error) {
    throw cameraError(error);
  }
  const video = document.createElement('video');
  try {
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new AppError('bad-media', 'The camera showed no picture.')), FIRST_FRAME_TIMEOUT_MS);
      // A frame actually presented: before it, a camera may hand over black.
      video.requestVideoFrameCallback(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    const { videoWidth: w, videoHeight: h } = video;
    const scale = Math.min(1, LONGEST_EDGE / Math.max(w, h));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(w * scale));
    canvas.height = Math.max(1, Math.round(h * scale));
    canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
    if (!blob) throw new AppError('bad-media', 'The picture could not be saved.');
    return blob;
  } finally {
    video.srcObject = null;
    for (const track of stream.getTracks()) track.stop();
  }
}
