// The model guide's dialog body: filters, every model placed for this device, and the speed test.

import { useEffect, useId, useState } from 'react';
import { CHAT_MODELS } from '../../models/catalog';
import { formatBytes, formatLocale, formatMs, formatNumber } from '../../shared/format';
import { useSensa } from '../store-context';
import type { DeviceMeasurement } from '../../models/device/measure';
import { formatGflops } from '../../models/recommend';
import { tr } from '../../i18n/i18n';
import { INPUT_FILTERS, inputFilterLabel, passesFilters, placeAll, SIZE_LIMITS, sizeLabel, Suggestions, tierLabel, TIER_ORDER, type InputFilter, type SizeLimit } from './ModelGuide';
import { useTranslation } from '../../i18n/react';

export function GuideBody({ close }: { close: () => void }) {
  const { t } = useTranslation('models');
  const device = useSensa((s) => s.device);
  const benchmarking = useSensa((s) => s.benchmarking);
  const measureDevice = useSensa((s) => s.measureDevice);
  const preference = useSensa((s) => s.preferences.devicePreference);
  const selectModel = useSensa((s) => s.selectModel);
  const [input, setInput] = useState<InputFilter>('any');
  const [size, setSize] = useState<SizeLimit>(0);
  const inputId = useId();
  const sizeId = useId();
  // Opening the guide is asking how fast this device is: measured here, once per adapter, never at page load.
  useEffect(() => {
    void measureDevice({ benchmark: true });
  }, [measureDevice]);
  // Not memoized: the reasons are words in the UI's language, and placing a dozen models is cheap.
  const placements = device ? placeAll(CHAT_MODELS, device, preference) : null;
  const pick = (id: string) => {
    selectModel(id);
    close();
  };

  return (
    <div className="model-guide-body">
      <div className="model-guide-head">
        <h2>{t('guide.title')}</h2>
        <button type="button" className="button ghost small" onClick={close}>
          {t('common:close')}
        </button>
      </div>
      {!device || !placements ? (
        <p role="status">{t('checkingDevice')}</p>
      ) : (
        <>
          <p className="model-measured" data-testid="model-measured" aria-live="polite">
            {measuredLine(device, benchmarking)}
          </p>
          <section aria-label={t('suggest.title')} className="model-suggestions">
            <h3>{t('guide.suggested')}</h3>
            <Suggestions device={device} preference={preference} onPick={pick} />
          </section>
          <div className="model-guide-filters">
            <label htmlFor={inputId}>{t('guide.takes')}</label>
            <select id={inputId} value={input} onChange={(e) => setInput(e.target.value as InputFilter)}>
              {INPUT_FILTERS.map((f) => (
                <option key={f} value={f}>
                  {inputFilterLabel(f)}
                </option>
              ))}
            </select>
            <label htmlFor={sizeId}>{t('guide.size')}</label>
            <select id={sizeId} value={size} onChange={(e) => setSize(Number(e.target.value) as SizeLimit)}>
              {SIZE_LIMITS.map((limit) => (
                <option key={limit} value={limit}>
                  {sizeLabel(limit)}
                </option>
              ))}
            </select>
          </div>
          {TIER_ORDER.map((tier) => {
            const inTier = CHAT_MODELS.filter((m) => {
              const placed = placements.get(m.id);
              return placed?.tier === tier && passesFilters(m, placed, input, size);
            });
            return (
              <section key={tier} className={`model-tier-group ${tier}`} aria-label={tierLabel(tier)} data-testid="model-tier-group">
                <h3>
                  {tierLabel(tier)} <span className="count">({formatNumber(inTier.length)})</span>
                </h3>
                {inTier.length === 0 ? (
                  <p className="model-tier-empty">{input !== 'any' || size !== 0 ? t('guide.noneFiltered') : t('guide.none')}</p>
                ) : (
                  <ul>
                    {inTier.map((m) => {
                      const placed = placements.get(m.id);
                      return (
                        <li key={m.id} data-testid="model-tier-entry">
                          <div className="model-tier-name">
                            <strong>{m.name}</strong> <span className="model-tier-size">{formatBytes(placed?.bytes ?? null)}</span>
                            {tier !== 'too-big' && (
                              <button type="button" className="button ghost small" onClick={() => pick(m.id)} aria-label={t('suggest.pickName', { name: m.name })}>
                                {t('suggest.pick')}
                              </button>
                            )}
                          </div>
                          <p className="model-tier-reason">{placed?.reason}</p>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </section>
            );
          })}
        </>
      )}
    </div>
  );
}

/** What the tiers come from, in words, so a person can judge them. A figure in GFLOP/s or none; never tokens/s. */
export function measuredLine(device: DeviceMeasurement, benchmarking: boolean): string {
  const { profile, figure, problem } = device;
  const parts: string[] = [];
  if (figure) {
    const where = figure.backend === 'webgpu' ? (profile.caps.adapter ?? tr('models:measured.thisGpu')) : tr('models:measured.thisCpu');
    parts.push(tr(figure.backend === 'webgpu' ? 'models:measured.figureGpu' : 'models:measured.figureCpu', { where, size: figure.size, gflops: formatGflops(figure.gflops), time: formatMs(figure.ms) }));
  } else if (benchmarking) parts.push(tr('models:measured.measuring'));
  else if (problem) parts.push(problem);
  else parts.push(tr('models:measured.notYet'));
  parts.push(profile.deviceMemoryGb !== null ? tr('models:measured.memory', { gb: formatNumber(profile.deviceMemoryGb) }) : tr('models:measured.noMemory'));
  parts.push(profile.storageFreeBytes !== null ? tr('models:measured.storage', { size: formatBytes(profile.storageFreeBytes) }) : tr('models:measured.noStorage'));
  if (profile.caps.webgpu) parts.push(profile.caps.shaderF16 ? tr('models:measured.f16') : tr('models:measured.noF16'));
  const line = parts.join(tr('models:measured.separator'));
  return tr('models:measured.sentence', { line: `${line.charAt(0).toLocaleUpperCase(formatLocale())}${line.slice(1)}` });
}
