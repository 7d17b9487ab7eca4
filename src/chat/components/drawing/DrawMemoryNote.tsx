// Said before a drawing when a chat model is loaded: whether the image model fits in memory beside it, with the offer
// to unload either one (the image model only once the worker holds it).

import { findModel, IMAGE_MODEL } from '../../../models/catalog';
import { checkTogether } from '../../../models/fit';
import { chooseVariant } from '../../../models/variant';
import { useSensa } from '../../store-context';
import { useTranslation } from '../../../i18n/react';

/** navigator.deviceMemory where the browser has it (Chromium); null elsewhere. */
function deviceMemoryGb(): number | null {
  const memory = (globalThis.navigator as (Navigator & { deviceMemory?: number }) | undefined)?.deviceMemory;
  return typeof memory === 'number' ? memory : null;
}

export function DrawMemoryNote() {
  const model = useSensa((s) => s.model);
  const capabilities = useSensa((s) => s.capabilities);
  const preference = useSensa((s) => s.preferences.devicePreference);
  const busy = useSensa((s) => s.generating !== null || s.drawing !== null);
  const unloadModel = useSensa((s) => s.unloadModel);
  const imageLoaded = useSensa((s) => s.imageModelLoaded);
  const unloadImageModel = useSensa((s) => s.unloadImageModel);
  const { t } = useTranslation('chat');
  if (!IMAGE_MODEL || !capabilities || model.phase !== 'ready' || model.choice.device === 'remote') return null;
  const chat = findModel(model.modelId);
  const image = chooseVariant(capabilities, IMAGE_MODEL, preference);
  if (!chat || !image) return null;
  const verdict = checkTogether({ spec: IMAGE_MODEL, dtype: image.dtype }, { spec: chat, dtype: model.choice.dtype }, deviceMemoryGb());
  if (!verdict) return null;
  return (
    <p className="message-note draw-memory" role="note">
      {verdict.message}{' '}
      <button type="button" className="button ghost small" disabled={busy} onClick={() => void unloadModel()}>
        {t('drawing.unload', { name: chat.name })}
      </button>
      {imageLoaded && (
        <>
          {' '}
          <button type="button" className="button ghost small" disabled={busy} onClick={() => void unloadImageModel()}>
            {t('drawing.unload', { name: IMAGE_MODEL.name })}

          </button>
        </>
      )}
    </p>
  );
}
