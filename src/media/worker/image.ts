// Decodes, orients and downscales a picture; runs in the media worker (OffscreenCanvas), never on the UI thread.

export interface PreparedImage {
  image: Blob;
  thumbnail: Blob;
  width: number;
  height: number;
}

export function fitWithin(width: number, height: number, maxEdge: number): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function encode(source: CanvasImageSource, width: number, height: number, type: 'image/png' | 'image/jpeg'): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas in this browser.');
  // A transparent PNG shown to a model as black-on-black would be unreadable; paper white is what people expect.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
  return canvas.convertToBlob(type === 'image/jpeg' ? { type, quality: 0.9 } : { type });
}

/**
 * `imageOrientation: 'from-image'` applies the EXIF rotation, so a phone photo taken upright
 * reaches the model upright. A GIF gives its first frame.
 */
export async function prepareBitmap(blob: Blob, maxEdge: number, thumbnailEdge: number, photo: boolean): Promise<PreparedImage> {
  const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  try {
    const size = fitWithin(bitmap.width, bitmap.height, maxEdge);
    const thumb = fitWithin(bitmap.width, bitmap.height, thumbnailEdge);
    // Photos stay JPEG (a PNG of a photo is five times larger); screenshots and diagrams stay lossless.
    const image = await encode(bitmap, size.width, size.height, photo ? 'image/jpeg' : 'image/png');
    const thumbnail = await encode(bitmap, thumb.width, thumb.height, 'image/jpeg');
    return { image, thumbnail, width: size.width, height: size.height };
  } finally {
    bitmap.close();
  }
}
