// Entry: builds the store around the worker-backed engine and mounts the app.

// First: a browser that lacks an essential gets a sentence, not a blank page (nothing below would run well).
import './browser-check';
import { lazyPart, loadOnce, loadPart } from '../chat/components/lazy-part';
import { initI18n } from '../i18n/i18n';
import { StrictMode, Suspense, type ComponentProps } from 'react';
import { createRoot } from 'react-dom/client';
import { persistConversations, type Persister, type SyncChannel } from '../chat/persistence';
import { createSensaStore, localPreferences } from '../chat/store';
import { createPwa } from '../pwa/register';
import { reloadOnceIsolatable } from '../pwa/isolation';
import { createConversationRepository } from '../storage/ui/conversations';
import { probeCapabilities } from '../models/capabilities';
import { WorkerEngineClient, createModelWorker, createSpeechWorker, createVoiceWorker } from '../models/engine-client';
import { createVoiceStore, localVoicePreferences } from '../voice/voice-store';
import { createLazyVoiceMode } from '../voice/lazy-voice-mode';
import type { MediaPreparer } from '../media/prepare';
import { createMediaStore } from '../storage/ui/media-store';
import { AppError } from '../shared/errors';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';
import { StoreProvider } from '../chat/store-context';
import { DescribeProvider, VoiceProvider, VoiceModeProvider } from '../voice/store-context';
import { ChatSlotsProvider, type ChatSlots } from '../chat/components/slots';
import { DescribeToggle } from '../voice/components/DescribeMode';
import { createLazyDescribeMode } from '../voice/describe/lazy-describe-mode';
import type { DocumentService } from '../documents/service';
import { DocumentsProvider } from '../documents/components/context';
import { RemoteSettingsProvider, type RemoteSettings } from '../chat/components/remote-settings';
import { createRemoteServerStorage } from '../storage/ui/remote-servers';
import { originOf, remoteSpecs } from '../models/remote/endpoint';
import type { RemoteEngine } from '../models/remote/remote-engine';
import { RoutingEngine } from '../models/remote/routing-engine';
import { registerRemoteModels } from '../models/catalog';
import { installConnectPolicy } from './connect-policy';
import { createLaunchNotices, handleLaunch, type LaunchQueue } from './launch';
import { preloadMarkdown, preloadRenderer } from '../chat/markdown/LazyMarkdown';
import type { CaptionDeps } from '../captions/caption-store';
import { CaptionsProvider } from '../captions/components/context';
import { RECOGNIZER, findModel } from '../models/catalog';
import { chooseVariant } from '../models/variant';
import { loadPayloadFor, settingsFor } from '../chat/store';
import './app.css';

// The UI's language (the browser's, or the one chosen in Settings) before anything renders text.
initI18n();

// The captions tool (its dialog, player and exports) loads after the first paint; its button appears when it has.
const CaptionsTool = lazyPart(() => import('../captions/components/CaptionsTool').then((m) => m.CaptionsTool));
const CaptionDraftAction = lazyPart(() => import('../captions/components/CaptionsTool').then((m) => m.CaptionDraftAction));

// Voice mode's bar and read-aloud's controls load just after the first paint (keeps the app shell small).
const VoiceModeBar = lazyPart(() => import('../voice/components/VoiceModeBar').then((m) => m.VoiceModeBar));
const ReadAloudLazy = lazyPart(() => import('../voice/components/ReadAloudControls').then((m) => m.ReadAloudControls));
function ReadAloudControls(props: ComponentProps<typeof ReadAloudLazy>) {
  return (
    <Suspense fallback={null}>
      <ReadAloudLazy {...props} />
    </Suspense>
  );
}
// Describe for me's panel loads when the mode first opens.
const DescribePanelLazy = lazyPart(() => import('../voice/components/DescribePanel').then((m) => m.DescribePanel));
function DescribePanel() {
  return (
    <Suspense fallback={null}>
      <DescribePanelLazy />
    </Suspense>
  );
}

/** "Caption" on an audio or video attachment in the composer, from the same lazily loaded chunk. */
function DraftMediaActions(props: { name: string; kind: 'audio' | 'video'; file: () => File | undefined }) {
  return (
    <Suspense fallback={null}>
      <CaptionDraftAction {...props} />
    </Suspense>
  );
}

function ComposerTools() {
  return (
    <>
      <Suspense fallback={null}>
        <CaptionsTool />
      </Suspense>
      <Suspense fallback={null}>
        <VoiceModeBar />
      </Suspense>
      <DescribeToggle />
    </>
  );
}
/**
 * Voice, captions and Describe for me fill the chat's slots: read-aloud under answers; captions, voice and live mode
 * and Describe for me beside the attach buttons; Caption on an attached video or recording.
 */
const VOICE_SLOTS: ChatSlots = { AnswerActions: ReadAloudControls, ComposerTools, ComposerPanel: DescribePanel, DraftMediaActions };

// First, before anything can connect or render: the servers the person added decide the page's connect-src.
const remoteServers = createRemoteServerStorage();
const servers = remoteServers.load();
installConnectPolicy(document, servers.map((s) => originOf(s.baseUrl)));
registerRemoteModels(remoteSpecs(servers));
// The remote engine (with its event-stream parser) loads when a server is first used: most people never add one.
const remoteOnce = loadOnce(() => import('../models/remote/remote-engine').then((module) => new module.RemoteEngine({ servers: () => remoteServers.load() })));
const remote: Pick<RemoteEngine, 'connect' | 'generate'> = {
  connect: async (endpoint, signal) => (await remoteOnce()).connect(endpoint, signal),
  generate: async (endpoint, payload, options) => (await remoteOnce()).generate(endpoint, payload, options),
};
const remoteSettings: RemoteSettings = {
  storage: remoteServers,
  listModels: async (baseUrl, apiKey, signal) => (await remoteOnce()).listModels(baseUrl, apiKey, signal),
  reload: () => location.reload(),
};

const conversations = createConversationRepository();
// The file checks load with the first attachment, keeping them out of the first paint.
// The same media worker decodes a caption's sound (mediabunny + WebCodecs), also loaded on first use.
const loadPreparer = loadOnce(() => import('../media/prepare').then((m) => m.createMediaPreparer()));
const media: MediaPreparer = {
  async prepare(file, options) {
    return (await loadPreparer()).prepare(file, options);
  },
};

const engine = new WorkerEngineClient(createModelWorker);
// Reading and embedding run in workers of their own; the store is read lazily, once it exists.
// The document service (reading, chunking, embedding, the library) loads with its first use, keeping the shell small.
const documentsOnce = loadOnce(() =>
  import('../documents/service').then((m) =>
    m.createDocumentService({
      reader: m.spawnReaderWorker,
      embedder: m.spawnEmbedderWorker,
      probe: () => probeCapabilities(),
      devicePreference: () => store.getState().preferences.devicePreference,
    }),
  ));
const documents: DocumentService = {
  ingest: async (...args) => (await documentsOnce()).ingest(...args),
  list: async () => (await documentsOnce()).list(),
  get: async (id) => (await documentsOnce()).get(id),
  delete: async (id) => (await documentsOnce()).delete(id),
  original: async (id) => (await documentsOnce()).original(id),
  exportable: async (id) => (await documentsOnce()).exportable(id),
  putImported: async (docs) => (await documentsOnce()).putImported(docs),
  retrieve: async (...args) => (await documentsOnce()).retrieve(...args),
};
const speech = new WorkerEngineClient(createSpeechWorker);
// Made after the store it watches; the store's imports wait on it through `saved`.
let persister: Persister | null = null;
// Local models answer from the worker, a server's model from the remote engine; the store holds one ChatEngine.
const routing = new RoutingEngine(engine, remote);
const store = createSensaStore({
  engine: routing,
  connectRemote: (endpoint, signal) => routing.connectRemote(endpoint, signal),
  saved: () => persister?.settled() ?? Promise.resolve(),
  speech,
  media,
  documents,
  mediaStore: createMediaStore(),
  restartEngine: () => engine.restart(new AppError('aborted', 'Restarting the engine.')),
  probe: () => probeCapabilities(),
  // Read at an idle moment after the first paint (below), so its code need not be in the app shell.
  measure: async (caps, options) => import('../models/device/measure').then((m) => m.measureDevice(caps, m.browserMeasureDeps(), options)),
  preferences: localPreferences,
  loadConversations: async () => {
    const { conversations: loaded, skipped } = await conversations.loadAll();
    if (skipped.length > 0) console.warn(`Sensa skipped ${skipped.length} unreadable stored conversations`, skipped);
    return loaded;
  },
});
const voice = createVoiceStore({
  tts: new WorkerEngineClient(createVoiceWorker),
  capabilities: () => store.getState().capabilities,
  devicePreference: () => store.getState().preferences.devicePreference,
  storage: localVoicePreferences(),
});

// Voice mode's code loads when it is first started (most visits never start it), keeping the app shell small.
const voiceMode = createLazyVoiceMode(() => import('../voice/voice-mode').then((m) => m.createVoiceMode({ chat: store, voice, speech })));
// Describe for me's code loads when the mode first opens, its camera's with the first picture.
const describe = createLazyDescribeMode(() =>
  import('../voice/describe/describe-mode').then((m) =>
    m.createDescribeMode({
      chat: store,
      voice,
      takePicture: async () => (await loadPart(() => import('../media/camera'))).takePicture('environment'),
      voiceModeOn: () => voiceMode.getState().phase !== 'off',
    }),
  ),
);

// The captions tool makes its store from these when its chunk loads. Captions run on the recognizer's worker; the
// sound is decoded in the media worker (Web Audio in the page where the browser cannot: src/media/sound.ts).
const captions: CaptionDeps = {
  speech,
  decode: async (file) => (await (await loadPreparer()).decodeSound(file)).samples,
  recognizer: async () => {
    const state = store.getState();
    if (!RECOGNIZER) throw new AppError('unsupported-input', 'This build has no speech recognizer to write captions with.');
    const capabilities = state.capabilities ?? (await probeCapabilities());
    const choice = chooseVariant(capabilities, RECOGNIZER, state.preferences.devicePreference);
    if (!choice) throw new AppError('no-webgpu', 'The speech recognizer has no variant that runs on this device.');
    return loadPayloadFor(RECOGNIZER, choice);
  },
  // Translation uses the chat model already loaded on this device, through the model worker's own `generate`: never
  // a server, not even one the person added (captions stay on the device, as the dialog says).
  translator: () => {
    const state = store.getState();
    const spec = state.model.phase === 'ready' ? findModel(state.model.modelId) : undefined;
    if (!spec || spec.task !== 'chat') throw new AppError('not-loaded', 'Load a chat model first (Model, above the chat): it writes the translation, on this device.');
    if (spec.remote) throw new AppError('unsupported-input', `${spec.name} runs on a server; captions are translated only by a model on this device. Load one to translate.`);
    if (state.generating) throw new AppError('busy', `${spec.name} is answering in the chat; translate once the answer is done.`);
    const base = settingsFor(spec, state.preferences);
    // Greedy and without thinking: a translation wants the likeliest words, and reasoning would only cost time.
    const settings = { ...base, temperature: 0, enableThinking: false, maxNewTokens: Math.min(base.maxNewTokens, 256) };
    return {
      modelName: spec.name,
      generate: async (turns, signal) => (await engine.generate({ turns, settings }, { signal })).text,
    };
  },
};

persister = persistConversations(store, conversations, {
  channel: typeof BroadcastChannel === 'undefined' ? null : (new BroadcastChannel('sensa-conversations') as SyncChannel),
});

// Right after a model first downloads is when keeping the data matters; the browser decides whether to ask.
store.subscribe((state, previous) => {
  if (state.model.phase === 'ready' && previous.model.phase !== 'ready' && state.model.result.downloadedFiles > 0) {
    void navigator.storage?.persist?.().catch(() => false);
  }
});

// Only the production build has a service worker; in development it would cache files Vite is still changing.
const pwa = createPwa(import.meta.env.PROD ? navigator.serviceWorker : undefined);
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  reloadOnceIsolatable(navigator.serviceWorker, {
    isolated: self.crossOriginIsolated,
    storage: sessionStorage,
    idle: () => {
      const state = store.getState();
      return (state.model.phase === 'idle' || state.model.phase === 'error') && state.generating === null;
    },
    reload: () => location.reload(),
  });
}

// Only the test build (npm run build:e2e) lets end-to-end tests do what the UI cannot, such as losing the GPU;
// production replaces the constant with false and leaves the module out.
if (__SENSA_TEST_HOOKS__) void import('./test-api').then((api) => api.installTestApi({ engine, voice, voiceMode }));

const launch = createLaunchNotices();
const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <StoreProvider store={store}>
        <VoiceProvider store={voice}>
          <VoiceModeProvider store={voiceMode}>
            <DescribeProvider store={describe}>
              <CaptionsProvider deps={captions}>
                <ChatSlotsProvider slots={VOICE_SLOTS}>
                  <DocumentsProvider service={documents}>
                    <RemoteSettingsProvider settings={remoteSettings}>
                      <App pwa={pwa} launch={launch} />
                    </RemoteSettingsProvider>
                  </DocumentsProvider>
                </ChatSlotsProvider>
              </CaptionsProvider>
            </DescribeProvider>
          </VoiceModeProvider>
        </VoiceProvider>
      </StoreProvider>
    </ErrorBoundary>
  </StrictMode>,
);
// After the first paint is queued: answers render as Markdown once this chunk is in (plain text until then).
// Offline before the service worker took over, this fails; each answer then tries again (LazyMarkdown.tsx).
preloadMarkdown().catch(() => {});
const started = store.getState().init();
// Code highlighting and math come before a chat with code is opened (LazyMarkdown.tsx): after the stored chats are in,
// and again when chats are added (an import), not while an answer streams.
const preloadChatRenderer = () =>
  preloadRenderer((needsRich) => Object.values(store.getState().conversations).some((c) => c.messages.some((m) => needsRich(m.content)))).catch(() => {});
void started.then(preloadChatRenderer);
store.subscribe((state, previous) => {
  if (state.generating === null && Object.keys(state.conversations).length > Object.keys(previous.conversations).length) void preloadChatRenderer();
});
// Shares, "Open with" and the shortcuts; each feature only where the browser has it.
handleLaunch({
  chat: store,
  voiceMode,
  started,
  href: location.href,
  replaceUrl: (url) => history.replaceState(history.state, '', url),
  caches: 'caches' in self ? caches : undefined,
  launchQueue: (window as { launchQueue?: LaunchQueue }).launchQueue,
  notices: launch,
});

// The recommendation's cheap reads (memory, free storage, a speed figure remembered for this adapter) wait for the
// probe and an idle moment after the first paint. The GPU speed test itself runs only when the model guide opens.
const whenIdle = (run: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 3000 }) : setTimeout(run, 500));
void started.then(
  () => whenIdle(() => void store.getState().measureDevice()),
  () => undefined,
);
