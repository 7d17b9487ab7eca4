// Object URLs for stored attachment bytes, made when a preview mounts and revoked when it goes.

import { useEffect, useState } from 'react';
import { useSensa } from '../../store-context';
import type { StoredMedia } from '../../../storage/ui/media-store';

/** URLs of the thumbnail (or first picture) and of every stored picture; null while loading or if missing. */
export function useMediaUrls(attachmentId: string, all = false): { thumbnail: string | null; images: string[]; missing: boolean } {
  const loadMedia = useSensa((s) => s.loadMedia);
  const [state, setState] = useState<{ thumbnail: string | null; images: string[]; missing: boolean }>({ thumbnail: null, images: [], missing: false });
  useEffect(() => {
    let cancelled = false;
    const urls: string[] = [];
    const make = (blob: Blob) => {
      const url = URL.createObjectURL(blob);
      urls.push(url);
      return url;
    };
    void loadMedia(attachmentId).then((media: StoredMedia | undefined) => {
      if (cancelled) return;
      if (!media) {
        setState({ thumbnail: null, images: [], missing: true });
        return;
      }
      const first = media.thumbnail ?? media.images[0];
      setState({ thumbnail: first ? make(first) : null, images: all ? media.images.map(make) : [], missing: false });
    });
    return () => {
      cancelled = true;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [attachmentId, all, loadMedia]);
  return state;
}
