// Model picker: what each model is, what it will download on this device, load progress and load errors.

import { Suspense, useEffect, useId, useState } from 'react';
import { lazyPart } from './lazy-part';
import { useSensa } from '../store-context';
import { CHAT_MODELS, downloadBytes, findModel, remoteChatModels } from '../../models/catalog';
import { type ModelSpec } from '../../domain/model';
import { chooseVariant, listVariants, pickedVariant, resolveVariant, unavailableReason, type DevicePreference, type VariantChoice } from '../../models/variant';
import { describeError, errorMessage } from '../../i18n/errors';
import { formatBytes, formatLocale } from '../../shared/format';
import { checkFit } from '../../models/fit';
import { modelSummary } from '../../models/summary';
import { repoPrefix } from '../../storage/ui/model-inventory';
// The settings panels load after the first paint (keeps the app shell small; see docs/i18n.md).
const GenerationSettings = lazyPart(() => import('./GenerationSettings').then((m) => m.GenerationSettings));
// Download progress shows only while a model loads.
// What loaded, and how: shown once a model is ready.
const ReadyStatusLazy = lazyPart(() => import('./ReadyStatus').then((m) => m.ReadyStatus));
function ReadyStatus() {
  return (
    <Suspense fallback={null}>
      <ReadyStatusLazy />
    </Suspense>
  );
}
const LoadProgress = lazyPart(() => import('./LoadProgress').then((m) => m.LoadProgress));
const CodeSettingsPanel = lazyPart(() => import('../../sandbox/CodeSettingsPanel').then((m) => m.CodeSettingsPanel));
import { describeSeconds } from '../../media/limits';
import { useStorageSnapshot } from './storage-snapshot';
import { hasUnknownSizes, withListedSizes } from '../../models/listed-sizes';
import { createHubListing, fetchHubJson } from '../../storage/common/hub-listing';
import { VariantButton, VariantPicker } from './VariantPicker';
import { remoteMarker } from '../../models/remote/endpoint';
import { ToolSettings } from './ToolSettings';
import { ModelGuideButton, placeAll, tierLabel, TIER_ORDER } from './ModelGuide';
import { tr } from '../../i18n/i18n';
import { ModelCompareButton } from './ModelCompareButton';
import { useTranslation } from '../../i18n/react';

/** "Takes text, images and audio": what a person may attach for this model, said before they try. */
export function inputsLabel(spec: ModelSpec): string {
  const words = spec.inputs.map((m) => tr(`models:input.${m}`));
  const list = words.length > 0 ? new Intl.ListFormat(formatLocale(), { type: 'conjunction' }).format(words) : tr('models:input.text');
  return tr('models:panel.takes', { list });
}

function modelOption(m: ModelSpec) {
  return (
    <option key={m.id} value={m.id} title={inputsLabel(m)}>
      {m.name}
    </option>
  );
}

const hubListing = createHubListing(fetchHubJson);
const listedSpecs = new Map<string, Promise<ModelSpec>>();

/**
 * The spec with the sizes the catalog leaves open, as the Hub lists them. Asked only once the person picks the
 * model or asks for its size, never just for opening the app: a visit makes no request the person did not cause.
 */
function useListedSpec(spec: ModelSpec | undefined, choosing: boolean): ModelSpec | undefined {
  const [listed, setListed] = useState<ModelSpec | null>(null);
  useEffect(() => {
    if (!spec || !choosing || !hasUnknownSizes(spec) || !navigator.onLine) return;
    let live = true;
    let pending = listedSpecs.get(spec.id);
    if (!pending) {
      pending = withListedSizes(spec, hubListing);
      listedSpecs.set(spec.id, pending);
    }
    void pending.then((result) => {
      // A listing that could not be read is asked again next time rather than remembered.
      if (hasUnknownSizes(result)) listedSpecs.delete(spec.id);
      if (live) setListed(result);
    });
    return () => {
      live = false;
    };
  }, [spec, choosing]);
  return listed && listed.id === spec?.id ? listed : spec;
}

export function ModelPanel() {
  const { t } = useTranslation('models');
  const selectId = useId();
  const deviceId = useId();
  const variantListId = useId();
  const selectedModelId = useSensa((s) => s.selectedModelId);
  const capabilities = useSensa((s) => s.capabilities);
  const devicePreference = useSensa((s) => s.preferences.devicePreference);
  const model = useSensa((s) => s.model);
  const selectModel = useSensa((s) => s.selectModel);
  const loadModel = useSensa((s) => s.loadModel);
  const cancelLoad = useSensa((s) => s.cancelLoad);
  const setPreference = useSensa((s) => s.setPreference);
  const rememberedVariant = useSensa((s) => s.preferences.variants[s.selectedModelId]);
  const setVariant = useSensa((s) => s.setVariant);
  const [variantsOpen, setVariantsOpen] = useState(false);
  const device = useSensa((s) => s.device);
  // Grouped by tier once the device is read; the labels stay the models' names, so picking by name works as before.
  // Not memoized: the reasons are words in the UI's language, and placing a dozen models is cheap.
  const placements = device ? placeAll(CHAT_MODELS, device, devicePreference) : null;

  // Models whose size the person asked about, by picking them or by "Check the size".
  const [sizeAsked, setSizeAsked] = useState<ReadonlySet<string>>(new Set());
  const askSize = (id: string) => setSizeAsked((asked) => new Set(asked).add(id));
  const selected = findModel(selectedModelId);
  const remote = selected?.remote;
  // A server's model has nothing on the Hub to list.
  const spec = useListedSpec(remote ? undefined : selected, (model.phase === 'idle' || model.phase === 'error') && sizeAsked.has(selectedModelId));
  const auto = spec && capabilities ? chooseVariant(capabilities, spec, devicePreference) : null;
  const listing = spec && capabilities ? listVariants(capabilities, spec, devicePreference) : null;
  const picked = listing ? pickedVariant(listing, rememberedVariant) : 'auto';
  const choice = spec && capabilities ? resolveVariant(capabilities, spec, devicePreference, rememberedVariant) : null;
  const size = spec && choice ? downloadBytes(spec, choice.dtype) : null;
  const { snapshot } = useStorageSnapshot();
  const fitOf = (variant: VariantChoice) => {
    if (!spec || !capabilities || !snapshot) return null;
    const prefix = repoPrefix(spec);
    const weights = new Set((spec.dtypes[variant.dtype]?.files ?? []).map((f) => prefix + f.path));
    const cached = snapshot.files.filter((f) => weights.has(f.url)).reduce((sum, f) => sum + f.bytes, 0);
    const storage = snapshot.usage !== null && snapshot.quota !== null ? { usage: snapshot.usage, quota: snapshot.quota } : null;
    return checkFit(spec, variant, capabilities, storage, cached, CHAT_MODELS);
  };
  const fit = choice ? fitOf(choice) : null;
  const isLoading = model.phase === 'loading';
  const isCurrent = model.phase !== 'idle' && model.modelId === selectedModelId;
  const readyHere = model.phase === 'ready' && isCurrent && model.choice.device === choice?.device && model.choice.dtype === choice.dtype;
  // Once a model is ready the panel folds into one line, leaving the screen to the conversation.
  const [expanded, setExpanded] = useState(false);
  const collapsed = model.phase === 'ready' && !expanded;

  if (collapsed) {
    return (
      <section className="model-panel compact" aria-label={t('panel.model')}>
        <ReadyStatus />
        <button type="button" className="button ghost small" onClick={() => setExpanded(true)} aria-expanded={false}>
          {t('panel.settings')}
        </button>
      </section>
    );
  }

  return (
    <section className="model-panel" aria-label={t('panel.model')}>
      <div className="model-row">
        <label htmlFor={selectId} className="visually-hidden">
          {t('panel.model')}
        </label>
        <select
          id={selectId}
          value={selectedModelId}
          onChange={(e) => {
            selectModel(e.target.value);
            askSize(e.target.value);
          }}
          disabled={isLoading}
        >
          {placements
            ? TIER_ORDER.map((tier) => {
                const inTier = CHAT_MODELS.filter((m) => placements.get(m.id)?.tier === tier);
                return (
                  inTier.length > 0 && (
                    <optgroup key={tier} label={tierLabel(tier)}>
                      {inTier.map(modelOption)}
                    </optgroup>
                  )
                );
              })
            : CHAT_MODELS.map(modelOption)}
          {remoteChatModels().length > 0 && (
            <optgroup label={t('panel.yourServers')}>
              {remoteChatModels().map((m) => (
                <option key={m.id} value={m.id} title={inputsLabel(m)}>
                  {m.remote ? `${m.remote.model} ${remoteMarker(m.remote.host)}` : m.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {!remote && (<>
        <label htmlFor={deviceId} className="visually-hidden">
          {t('panel.runOn')}
        </label>
        <select
          id={deviceId}
          value={devicePreference}
          onChange={(e) => setPreference('devicePreference', e.target.value as DevicePreference)}
          disabled={isLoading}
          title={t('panel.whereRuns')}
        >
          <option value="auto">{t('panel.auto')}</option>
          <option value="webgpu">{t('panel.webgpu')}</option>
          <option value="wasm">{t('panel.wasm')}</option>

        </select>
        <VariantButton
          open={variantsOpen}
          listId={variantListId}
          picked={picked}
          auto={auto}
          onToggle={() => {
            // Opening the list is asking what each variant weighs.
            if (!variantsOpen) askSize(selectedModelId);
            setVariantsOpen(!variantsOpen);
          }}
          disabled={!listing || isLoading}
        />
        </>)}
        {isLoading ? (
          <button type="button" className="button secondary" onClick={cancelLoad}>
            {t('common:cancel')}
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setExpanded(false);
              void loadModel();
            }}
            disabled={remote ? model.phase === 'ready' && isCurrent : !choice || readyHere}
          >
            {remote ? (model.phase === 'ready' && isCurrent ? t('panel.connected') : t('panel.connect')) : readyHere ? t('panel.loaded') : t('panel.load')}
          </button>
        )}
        {model.phase === 'ready' && (
          <button type="button" className="button ghost" onClick={() => setExpanded(false)} aria-expanded={true}>
            {t('panel.done')}
          </button>
        )}
      </div>

      {spec && listing && variantsOpen && (
        <VariantPicker
          listId={variantListId}
          spec={spec}
          listing={listing}
          auto={auto}
          picked={picked}
          fitOf={(dtype) => fitOf({ device: listing.device, dtype, reason: '' })}
          disabled={isLoading}
          onPick={(dtype) => setVariant(spec.id, dtype)}
        />
      )}
      {remote && selected && (
        <p className="model-facts remote-marker" data-testid="model-facts">
          <strong>{remote.model}</strong> {t('panel.remoteRuns', { where: remoteMarker(remote.host) })} {inputsLabel(selected)}{' '}
          {selected.inputs.includes('audio') ? t('panel.remoteHears') : t('panel.remoteTranscribes')} {t('panel.remoteNothing')}
        </p>
      )}
      {spec && (
        <p className="model-facts" data-testid="model-facts">
          <span data-testid="model-summary">{modelSummary(spec)}</span>{' '}
          <span className="model-inputs" data-testid="model-inputs">
            {inputsLabel(spec)}.
          </span>{' '}
          {spec.media && spec.media.maxAudioSeconds > 0 && <span>{t('panel.hears', { time: describeSeconds(spec.media.maxAudioSeconds) })} </span>}
          {choice ? (
            <span>
              {t('panel.downloads')} <strong>{formatBytes(size)}</strong>
              {size === null && !sizeAsked.has(selectedModelId) && (
                <>
                  {' '}
                  <button type="button" className="button ghost small" onClick={() => askSize(selectedModelId)}>
                    {t('panel.checkSize')}
                  </button>
                </>
              )}{' '}
              · {t('panel.variant')} <strong>{choice.dtype}</strong> {t('panel.on')} <strong>{t(`panel.${choice.device}`)}</strong>
              {spec.thinking ? ` · ${t('panel.thinks')}` : spec.reasoning ? ` · ${t('panel.reasoningHidden')}` : ''} · {spec.license}
            </span>
          ) : (
            <span data-testid="model-unavailable">{capabilities ? unavailableReason(capabilities, spec, devicePreference) : t('checkingDevice')}</span>
          )}
        </p>
      )}
      {choice && (
        <div className="model-reason">
          {choice.reason} <ModelGuideButton label={t('guide.title')} className="button link" /> · <ModelCompareButton />
        </div>
      )}
      {fit && model.phase !== 'loading' && (
        <p className={`model-fit ${fit.verdict}`} data-testid="model-fit">
          {fit.message}
        </p>
      )}
      <Suspense fallback={null}>
        <GenerationSettings />
        <ToolSettings />
        <CodeSettingsPanel />
      </Suspense>

      {model.phase === 'loading' && (
        <Suspense fallback={null}>
          <LoadProgress />
        </Suspense>
      )}

      {model.phase === 'ready' && <ReadyStatus />}

      {model.phase === 'error' && (
        <div className="error-banner" role="alert">
          <div>
            <strong>{describeError(model.error).title}.</strong> {describeError(model.error).hint}
            <details>
              <summary>{t('common:details')}</summary>
              <code>{errorMessage(model.error)}</code>
            </details>
          </div>
          <button type="button" className="button primary" onClick={() => void loadModel()}>
            {t('common:retry')}
          </button>
        </div>
      )}
    </section>
  );
}
