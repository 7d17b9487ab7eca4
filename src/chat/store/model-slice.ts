// The model slice: which model is picked, loading it with its download shown, cancelling, and recovering a lost GPU.

import type { StateCreator, StoreApi } from 'zustand/vanilla';
import { serializeError, toAppError, type SerializedError } from '../../shared/errors';
import type { Capabilities } from '../../models/capabilities';
import type { ModelSpec } from '../../domain/model';
import { resolveVariant, type DevicePreference, type ModelChoice, type RemoteChoice, type VariantChoice } from '../../models/variant';
import { addSample, bytesPerSecond, type RateSample } from '../../models/download-rate';
import type { FileProgress, LoadPayload, LoadResult } from '../../worker/protocol';
import { partsForConversation } from '../lazy-parts';
import { activeConversation } from './conversations-slice';
import { updatePreferences, type StoreContext } from './context';
import type { SensaState } from './state';

export interface DownloadProgress {
  files: FileProgress[];
  loaded: number;
  total: number;
  /** Over the last few seconds; null until there is enough to say. */
  bytesPerSecond?: number | null;
  /** The same, for each file still downloading (files download side by side, each at its own pace). */
  fileBytesPerSecond?: Record<string, number | null>;
}

export type ModelState =
  | { phase: 'idle' }
  | { phase: 'loading'; modelId: string; choice: ModelChoice; stage: 'downloading' | 'warming-up'; progress: DownloadProgress | null }
  | { phase: 'ready'; modelId: string; choice: ModelChoice; result: ReadyResult }
  | { phase: 'error'; modelId: string; choice: ModelChoice | null; error: SerializedError };

/** Where a failed load leaves the model: a cancel goes back to idle, anything else is an error that keeps the choice. */
function failedLoad(error: unknown, modelId: string, choice: ModelChoice): ModelState {
  const appError = toAppError(error);
  return appError.code === 'aborted' ? { phase: 'idle' } : { phase: 'error', modelId, choice, error: serializeError(appError) };
}

/** What a load left: a server's model downloads nothing and has no device or dtype of this device's. */
export type ReadyResult = Omit<LoadResult, 'device' | 'dtype'>;

export interface ModelSlice {
  capabilities: Capabilities | null;
  selectedModelId: string;
  model: ModelState;
  selectModel(id: string): void;
  /** `device` overrides the person's preference for this load only (the automatic fallback to WASM). */
  loadModel(override?: { device?: DevicePreference }): Promise<void>;
  cancelLoad(): void;
  /** Frees the chat model's memory (for the image model, say); the person loads it again when they want it. */
  unloadModel(): Promise<void>;
}

/** The load request for a catalog model in the chosen variant. */
export function loadPayloadFor(spec: ModelSpec, choice: VariantChoice): LoadPayload {
  const sessions = spec.dtypes[choice.dtype]?.sessions;
  return { repo: spec.repo, revision: spec.revision, architecture: spec.architecture, device: choice.device, dtype: choice.dtype, ...(sessions ? { sessions } : {}) };
}

/**
 * Turns a download's progress reports into what the person sees: the total and each unfinished file with its
 * recent rate. `at` is a monotonic clock in ms.
 */
export function downloadTracker(): (report: Pick<DownloadProgress, 'files' | 'loaded' | 'total'>, at: number) => DownloadProgress {
  let samples: RateSample[] = [];
  const fileSamples = new Map<string, RateSample[]>();
  return ({ files, loaded, total }, at) => {
    samples = addSample(samples, { at, loaded });
    const fileBytesPerSecond: Record<string, number | null> = {};
    for (const f of files) {
      if (f.done) continue;
      const mine = addSample(fileSamples.get(f.file) ?? [], { at, loaded: f.loaded });
      fileSamples.set(f.file, mine);
      fileBytesPerSecond[f.file] = bytesPerSecond(mine);
    }
    return { files, loaded, total, bytesPerSecond: bytesPerSecond(samples), fileBytesPerSecond };
  };
}

/** Once per loss: a fresh engine on a new GPU device, or on the CPU if the GPU will not come back. */
export async function recoverModel(ctx: StoreContext, store: Pick<StoreApi<SensaState>, 'setState' | 'getState'>, modelId: string, device: 'webgpu' | 'wasm'): Promise<void> {
  ctx.deps.restartEngine?.();
  store.setState({ selectedModelId: modelId });
  await store.getState().loadModel();
  if (store.getState().model.phase !== 'ready' && device === 'webgpu') await store.getState().loadModel({ device: 'wasm' });
}

export const createModelSlice = (ctx: StoreContext): StateCreator<SensaState, [], [], ModelSlice> => (set, get) => {
  let loadController: AbortController | null = null;
  const { deps, spec } = ctx;
  const lastModelId = ctx.preferences.lastModelId;

  /** A model on a server the person added: "loading" is asking the server whether it serves the model. */
  const connectRemote = async (modelSpec: ModelSpec) => {
    const remote = modelSpec.remote;
    if (!remote) return;
    const choice: RemoteChoice = { device: 'remote', dtype: null, host: remote.host, reason: `Runs on ${remote.host}: messages leave this device.` };
    if (!deps.connectRemote) {
      set({ model: { phase: 'error', modelId: modelSpec.id, choice, error: { code: 'remote-unreachable', message: 'This build of Sensa cannot talk to servers.' } } });
      return;
    }
    loadController?.abort();
    const controller = new AbortController();
    loadController = controller;
    const stillCurrent = () => loadController === controller;
    const started = performance.now();
    set({ model: { phase: 'loading', modelId: modelSpec.id, choice, stage: 'warming-up', progress: null } });
    try {
      await deps.connectRemote(remote, controller.signal);
      if (!stillCurrent()) return;
      set({ model: { phase: 'ready', modelId: modelSpec.id, choice, result: { downloadedFiles: 0, loadMs: performance.now() - started } } });
      updatePreferences(ctx, set, get, { lastModelId: modelSpec.id });
    } catch (error) {
      if (!stillCurrent()) return;
      set({ model: failedLoad(error, modelSpec.id, choice) });
    } finally {
      if (stillCurrent()) loadController = null;
    }
  };

  return {
    capabilities: null,
    selectedModelId: (lastModelId && spec(lastModelId)?.id) || ctx.firstModel.id,
    model: { phase: 'idle' },

    selectModel(id) {
      if (!spec(id)) return;
      set({ selectedModelId: id });
    },

    async loadModel(override) {
      const state = get();
      const modelSpec = spec(state.selectedModelId);
      if (!modelSpec) return;
      if (state.generating) get().stop();
      if (modelSpec.remote) {
        await connectRemote(modelSpec);
        return;
      }
      const capabilities = state.capabilities ?? (await deps.probe());
      const choice = resolveVariant(capabilities, modelSpec, override?.device ?? state.preferences.devicePreference, state.preferences.variants[modelSpec.id]);
      if (!choice) {
        set({
          capabilities,
          model: { phase: 'error', modelId: modelSpec.id, choice: null, error: { code: 'no-webgpu', message: 'This model has no variant that runs on this device.' } },
        });
        return;
      }
      loadController?.abort();
      const controller = new AbortController();
      loadController = controller;
      set({ capabilities, model: { phase: 'loading', modelId: modelSpec.id, choice, stage: 'downloading', progress: null } });
      const track = downloadTracker();
      const stillCurrent = () => loadController === controller;
      try {
        // A conversation that already holds pictures or sounds needs their encoders for any turn: they load now
        // (from this device's cache once downloaded). A text-only chat loads only the text parts.
        const parts = partsForConversation(modelSpec, activeConversation(get()));
        const result = await deps.engine.load(
          { ...loadPayloadFor(modelSpec, choice), ...(parts.length > 0 ? { parts } : {}) },
          {
            signal: controller.signal,
            onEvent: (event) => {
              if (!stillCurrent()) return;
              const current = get().model;
              if (current.phase !== 'loading') return;
              if (event.type === 'download') set({ model: { ...current, progress: track(event, performance.now()) } });
              else set({ model: { ...current, stage: 'warming-up' } });
            },
          },
        );
        if (!stillCurrent()) return;
        set({ model: { phase: 'ready', modelId: modelSpec.id, choice, result } });
        // One write of the preferences for both facts.
        updatePreferences(ctx, set, get, { lastModelId: modelSpec.id, modelLastUsed: { ...get().preferences.modelLastUsed, [modelSpec.id]: Date.now() } });
      } catch (error) {
        if (!stillCurrent()) return;
        set({ model: failedLoad(error, modelSpec.id, choice) });
      } finally {
        if (stillCurrent()) loadController = null;
      }
    },

    cancelLoad() {
      const controller = loadController;
      loadController = null;
      controller?.abort();
      set({ model: { phase: 'idle' } });
    },

    async unloadModel() {
      const model = get().model;
      if (model.phase !== 'ready' || model.choice.device === 'remote' || get().generating) return;
      await deps.engine.unload();
      if (get().model === model) set({ model: { phase: 'idle' } });
    },
  };
};
