// The model guide: the catalog sorted for this device into tiers with reasons, filtered by input and size, and one
// suggested model per need. It opens as a dialog (never adding height to the panel above the message box) and runs
// the GPU speed test the first time it opens on an adapter; the first-run card in the empty conversation reuses it.

import { Suspense, useMemo, useRef, useState } from 'react';
import { lazyPart } from './lazy-part';
import type { ModelSpec } from '../../domain/model';
import { CHAT_MODELS } from '../../models/catalog';
import type { DeviceMeasurement } from '../../models/device/measure';
import { formatGflops, placeModel, recommend, type Need, type Placement, type Tier } from '../../models/recommend';
import type { DevicePreference } from '../../models/variant';
import { formatBytes, formatLocale } from '../../shared/format';
import { tr } from '../../i18n/i18n';
import { useSensa } from '../store-context';
import { useTranslation } from '../../i18n/react';

// The guide's body (filters, the full list, the speed test) loads when it is first opened (keeps the app shell small).
const GuideBody = lazyPart(() => import('./ModelGuideBody').then((m) => m.GuideBody));

export const TIER_ORDER: readonly Tier[] = ['runs-well', 'runs-slowly', 'too-big'];
export const tierLabel = (tier: Tier) => tr(`models:tier.${tier}`);

export type InputFilter = 'any' | 'text' | 'image' | 'audio';
export const INPUT_FILTERS: readonly InputFilter[] = ['any', 'text', 'image', 'audio'];
export const inputFilterLabel = (filter: InputFilter) => tr(`models:guide.input.${filter}`);
/** Download sizes of the chosen variant; 0 is any size. */
export const SIZE_LIMITS = [0, 500e6, 1e9, 2e9, 4e9] as const;
export type SizeLimit = (typeof SIZE_LIMITS)[number];
export const sizeLabel = (limit: SizeLimit) => (limit === 0 ? tr('models:guide.anySize') : tr('models:guide.under', { size: formatBytes(limit) }));

/** Whether a model passes the guide's filters; a size filter leaves out a model whose size is not known. */
export function passesFilters(spec: ModelSpec, placement: Placement, input: InputFilter, size: SizeLimit): boolean {
  const takes = input === 'any' || (input === 'text' ? spec.inputs.every((m) => m === 'text') : spec.inputs.includes(input));
  const small = size === 0 || (placement.bytes !== null && placement.bytes < size);
  return takes && small;
}

export function placeAll(models: readonly ModelSpec[], device: DeviceMeasurement, preference: DevicePreference): Map<string, Placement> {
  return new Map(models.map((m) => [m.id, placeModel(m, device.profile, preference)]));
}

const NEEDS: readonly Need[] = ['chat', 'pictures', 'sound'];

/** "chat, pictures and sound" in the UI's language (Intl.ListFormat). */
function listNeeds(needs: readonly Need[]): string {
  return new Intl.ListFormat(formatLocale(), { type: 'conjunction' }).format(needs.map((n) => tr(`models:need.${n}`)));
}

/** One line per suggested model, naming every need it covers, and the needs nothing covers. */
export function suggestionRows(picks: Record<Need, ModelSpec | null>): { rows: { spec: ModelSpec; needs: Need[] }[]; unmet: Need[] } {
  const byModel = new Map<string, { spec: ModelSpec; needs: Need[] }>();
  const unmet: Need[] = [];
  for (const need of NEEDS) {
    const spec = picks[need];
    if (!spec) unmet.push(need);
    else byModel.set(spec.id, { spec, needs: [...(byModel.get(spec.id)?.needs ?? []), need] });
  }
  return { rows: [...byModel.values()], unmet };
}


export function Suggestions({ device, preference, onPick }: { device: DeviceMeasurement; preference: DevicePreference; onPick: (id: string) => void }) {
  const { t } = useTranslation('models');
  const selectedId = useSensa((s) => s.selectedModelId);
  const { rows, unmet } = useMemo(() => suggestionRows(recommend(CHAT_MODELS, device.profile, preference)), [device, preference]);
  return (
    <ul className="model-suggestion-list">
      {rows.map(({ spec, needs }) => (
        <li key={spec.id} data-testid="model-suggestion">
          <span>
            {t('suggest.for', { needs: listNeeds(needs) })} <strong>{spec.name}</strong>
          </span>{' '}
          <button type="button" className="button secondary small" onClick={() => onPick(spec.id)} disabled={spec.id === selectedId} aria-label={spec.id === selectedId ? t('suggest.pickedName', { name: spec.name }) : t('suggest.pickName', { name: spec.name })}>
            {spec.id === selectedId ? t('suggest.picked') : t('suggest.pick')}
          </button>
        </li>
      ))}
      {unmet.length > 0 && <li>{t('suggest.unmet', { needs: listNeeds(unmet) })}</li>}
    </ul>
  );
}

/** A button that opens the guide; each opens its own dialog, so the panel and the first-run card need no shared state. */
export function ModelGuideButton({ label, className = 'button ghost small' }: { label: string; className?: string }) {
  const { t } = useTranslation('models');
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className}
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog ref={dialog} className="model-guide" aria-label={t('guide.title')} onClose={() => setOpen(false)}>
        {open && (
          <Suspense fallback={null}>
            <GuideBody close={() => dialog.current?.close()} />
          </Suspense>
        )}
      </dialog>
    </>
  );
}

/**
 * On first run (no model ever loaded): one model per need in the empty conversation, which scrolls, so at phone width
 * it never pushes the message box off the screen. Judged from what costs nothing to read until the guide measures.
 */
export function FirstRunSuggestions() {
  const { t } = useTranslation('models');
  const device = useSensa((s) => s.device);
  const neverLoaded = useSensa((s) => s.preferences.lastModelId === null);
  const idle = useSensa((s) => s.model.phase === 'idle');
  const preference = useSensa((s) => s.preferences.devicePreference);
  const selectModel = useSensa((s) => s.selectModel);
  if (!device || !neverLoaded || !idle) return null;
  return (
    <section className="first-run-suggestions" aria-label={t('suggest.title')} data-testid="first-run-suggestions">
      <h3>{t('suggest.title')}</h3>
      <Suggestions device={device} preference={preference} onPick={selectModel} />
      <div className="model-measured">
        {device.figure ? t('suggest.fromFigure', { gflops: formatGflops(device.figure.gflops) }) : t('suggest.fromLimits')}{' '}
        <ModelGuideButton label={device.figure ? t('suggest.allModels') : t('suggest.measureAll')} />
      </div>
    </section>
  );
}
