// Hands-free voice mode: the microphone feeds voice activity detection; each utterance becomes a turn; answers are spoken; speaking over Sensa interrupts it.
// Live mode is voice mode with the camera on: each turn also carries the frames taken while the person spoke.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { RECOGNIZER, findModel, takes } from '../models/catalog';
import { chooseVariant } from '../models/variant';
import { peaksOf } from '../media/peaks';
import { AppError, serializeError, toAppError } from '../shared/errors';
import { describeError, errorMessage } from '../i18n/errors';
import { RpcClient, type WorkerLike } from '../shared/rpc';
import { answerOnly } from '../chat/thinking';
import { loadPayloadFor, type SensaState } from '../chat/store';
import { type ChatEngine } from '../worker/protocol';
import { SPEECH_SAMPLE_RATE } from '../domain/turn';
import type { ListenEvent, VadRpc } from './vad/vad-protocol';
import type { VoiceState } from './voice-store';
import { FrameRing } from './live/frame-ring';
import type { Capture } from './capture/microphone';
import { FRAMES_PER_TURN, FRAME_INTERVAL_MS, FRAME_LONGEST_EDGE, RING_FRAMES, RING_SECONDS, cannotGoLive, slowAdvice, type LiveAdvice } from './live/live-checks';
import { voiceModeOff } from './voice-mode-off';

export type VoicePhase = 'off' | 'starting' | 'listening' | 'hearing' | 'transcribing' | 'thinking' | 'speaking';

export interface VoiceLatency {
  /** From the end of the person's speech to the answer's first text, in ms of the page's clock. */
  toFirstToken: number | null;
  /** From the end of the person's speech to the first sound of the spoken answer. */
  toFirstAudio: number | null;
  /** From the barge-in (speech confirmed while Sensa spoke or thought) to silence on the audio graph. */
  bargeInSilenced: number | null;
  /** Of the wait for the first word: how long the detector took to be sure the speech had ended… */
  endDetected: number | null;
  /**
   * …of which the detector ran behind the microphone: audio heard after the frame that decided, plus the wait for the
   * next chunk (the capture's chunk size, the trip to the VAD worker and its queue).
   */
  detectorBehind: number | null;
  /** …and how long the recognizer took (round trip to its worker). */
  recognized: number | null;
  /** Live mode: how many camera frames went with that turn (0 in plain voice mode). */
  withFrames: number;
}

interface TurnTiming {
  /** When the person stopped speaking, in the page's clock. */
  speechEndAt: number;
  /** Live mode: the turn's frames went with it (the bench's "with a frame attached"). */
  frames?: number;
  endDetected: number;
  detectorBehind: number;
  recognized: number | null;
}

export type Facing = 'user' | 'environment';

/** Live mode's camera: which way it faces, whether there is another to switch to, and the stream for the preview. */
export interface LiveCamera {
  facing: Facing;
  canSwitch: boolean;
  stream: MediaStream;
  /** Frames sent with the latest spoken turn. */
  lastTurnFrames: number;
}

export interface VoiceModeState {
  phase: VoicePhase;
  error: string | null;
  /** Set while live mode runs (voice mode with the camera on); null in plain voice mode. */
  live: LiveCamera | null;
  /** Why live mode cannot start, or that the device is too slow for it, with the model to choose instead. */
  advice: LiveAdvice | null;
  latency: VoiceLatency;
  /** Utterances heard since voice mode started (misfires excluded). */
  utterances: number;
  /** `camera: true` starts live mode: the loaded model must see. */
  start(options?: { camera?: boolean }): Promise<void>;
  /** Live mode: the other camera (front ↔ back). */
  switchCamera(): Promise<void>;
  end(): void;
}

export interface VoiceModeDeps {
  chat: StoreApi<SensaState>;
  voice: StoreApi<VoiceState>;
  speech: Pick<ChatEngine, 'transcribe'>;
  spawnVad?: () => WorkerLike;
}

function spawnVadWorker(): WorkerLike {
  return new Worker(new URL('./vad/vad-worker.ts', import.meta.url), { type: 'module', name: 'sensa-vad' });
}

const SILENT = 0.005;

/** Whether the device has more than one camera, so a front/back switch means something. */
async function hasSeveralCameras(): Promise<boolean> {
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.filter((d) => d.kind === 'videoinput').length > 1;
  } catch {
    return false;
  }
}

/** A still of the video's current frame, at most FRAME_LONGEST_EDGE on its longer side, as JPEG. */
function grabFrame(video: HTMLVideoElement): Promise<Blob | null> {
  const { videoWidth: w, videoHeight: h } = video;
  if (!w || !h) return Promise.resolve(null);
  const scale = Math.min(1, FRAME_LONGEST_EDGE / Math.max(w, h));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
}

const videoConstraints = (facing: Facing): MediaTrackConstraints => ({ facingMode: { ideal: facing }, width: { ideal: 640 }, height: { ideal: 480 } });

export function createVoiceMode(deps: VoiceModeDeps): StoreApi<VoiceModeState> {
  const { chat, voice, speech } = deps;
  let stream: MediaStream | null = null;
  let context: AudioContext | null = null;
  let capture: Promise<Capture> | null = null;
  let vad: RpcClient<VadRpc> | null = null;
  let unsubscribeChat: (() => void) | null = null;
  let unsubscribeVoice: (() => void) | null = null;
  /** Live mode: the frames, the element they are drawn from, and the timer that takes them. */
  const ring = new FrameRing(RING_FRAMES);
  let camera: HTMLVideoElement | null = null;
  let frameTimer: ReturnType<typeof setInterval> | null = null;
  /**
   * Seconds of microphone audio handed to the voice detector so far: the detector's own clock (its utterances say
   * where they start and end in it), so frames stamped with it line up with speech without guessing at delays.
   */
  let heardSeconds = 0;
  /** …and how much of it the detector has judged. */
  let judgedSeconds = 0;
  /** When the latest chunk arrived from the microphone: its last sample was heard then. */
  let lastChunkAt = 0;
  /** The answer being spoken, and where its speech started from. */
  let tracked: { answerId: string; timing: TurnTiming | null; firstTokenSeen: boolean } | null = null;
  /** Per spoken turn (by user message id), so each answer's delays are measured from its own utterance. */
  const timings = new Map<string, TurnTiming>();

  return createStore<VoiceModeState>()((set, get) => {
    const setPhase = (phase: VoicePhase) => {
      if (get().phase !== 'off') set({ phase });
    };

    const busyAnswering = () => chat.getState().generating !== null || voice.getState().readingMessageId !== null;

    const settle = () => {
      if (get().phase === 'off') return;
      if (!busyAnswering() && (get().phase === 'thinking' || get().phase === 'speaking')) setPhase('listening');
    };

    const recognizerPayload = async () => {
      const caps = chat.getState().capabilities;
      const choice = RECOGNIZER && caps ? chooseVariant(caps, RECOGNIZER, chat.getState().preferences.devicePreference) : null;
      return RECOGNIZER && choice ? loadPayloadFor(RECOGNIZER, choice) : null;
    };

    /** The person started talking over Sensa: silence it at once and measure how fast that happened. */
    const bargeIn = () => {
      const started = performance.now();
      // Only an answer being read aloud (playing, or between two phrases) can be measured going silent;
      // a barge-in on thinking alone just stops it.
      const reading = voice.getState();
      const audible = reading.player === 'playing' || reading.readingMessageId !== null;
      chat.getState().stop();
      voice.getState().stop();
      tracked = null;
      if (!audible) return;
      const check = () => {
        if (voice.getState().level() < SILENT || performance.now() - started > 2000) {
          set((s) => ({ latency: { ...s.latency, bargeInSilenced: performance.now() - started } }));
        } else requestAnimationFrame(check);
      };
      check();
    };

    const onUtterance = async (samples: Float32Array, timing: TurnTiming, spoke: { startSeconds: number; endSeconds: number }) => {
      set((s) => ({ utterances: s.utterances + 1 }));
      setPhase('transcribing');
      const state = chat.getState();
      const model = state.model.phase === 'ready' ? findModel(state.model.modelId) : undefined;
      // Taken now, before transcribing: the ring moves on while the recognizer works.
      const maxFrames = Math.min(FRAMES_PER_TURN, model?.media?.maxImages ?? 0);
      const pictures = get().live && model && takes(model, 'image') ? ring.during(spoke.startSeconds, spoke.endSeconds, maxFrames).map((f) => f.picture) : [];
      if (get().live) {
        timing.frames = pictures.length;
        set({ error: pictures.length === 0 ? 'No camera picture from while you spoke was kept, so this question went without one.' : null });
        set((s) => (s.live ? { live: { ...s.live, lastTurnFrames: pictures.length } } : {}));
      }
      const seconds = samples.length / SPEECH_SAMPLE_RATE;
      const pcm = new Blob([samples.buffer as ArrayBuffer]);
      const hears = model !== undefined && takes(model, 'audio') && seconds <= (model.media?.maxAudioSeconds ?? 0);
      const transcribe = async () => {
        const model = await recognizerPayload();
        if (!model) throw new AppError('not-loaded', 'No speech recognizer runs on this device.');
        const started = performance.now();
        const result = await speech.transcribe({ model, pcm });
        timing.recognized = performance.now() - started;
        return result;
      };
      try {
        if (hears) {
          // The model hears the sound itself; the transcript, for the record, is made alongside.
          const messageId = await chat.getState().sendSpoken({ audio: { pcm, seconds, peaks: peaksOf(samples) }, pictures });
          if (!messageId) return setPhase('listening');
          timings.set(messageId, timing);
          setPhase('thinking');
          // The sound's attachment, not the first one: in live mode the turn's pictures come before it.
          const attachmentId = findMessage(chat.getState(), messageId)?.attachments?.find((a) => a.kind === 'audio')?.id;
          void transcribe()
            .then(({ text, language }) => attachmentId && chat.getState().setTranscript(messageId, attachmentId, text, language))
            .catch(() => undefined);
          return;
        }
        const { text: transcript, language } = await transcribe();
        if (get().phase === 'off') return;
        if (!transcript.trim()) return setPhase('listening');
        const messageId = await chat.getState().sendSpoken({ transcript, pictures, ...(language ? { language } : {}) });
        if (messageId) timings.set(messageId, timing);
        setPhase(messageId ? 'thinking' : 'listening');
      } catch (error) {
        const e = serializeError(error);
        set({ error: `${describeError(e).title}: ${errorMessage(e)}` });
        setPhase('listening');
      }
    };

    /** A chunk or the listener failed; ending voice mode aborts both, which is no failure. */
    const vadFailed = (error: unknown) => {
      const e = toAppError(error);
      if (e.code === 'aborted' || get().phase === 'off') return;
      set({ error: `Voice detection failed: ${e.message}` });
    };

    const onVad = (message: ListenEvent) => {
      switch (message.type) {
        case 'ready':
          if (get().phase === 'starting') setPhase('listening');
          return;
        case 'vad': {
          const { event } = message;
          if (event.kind === 'speech-start' && get().phase === 'listening') setPhase('hearing');
          if (event.kind === 'speech-confirmed') {
            if (busyAnswering()) bargeIn();
            setPhase('hearing');
          }
          if (event.kind === 'misfire' && get().phase === 'hearing') setPhase(busyAnswering() ? 'speaking' : 'listening');
          return;
        }
        case 'utterance': {
          // The speech ended a redemption period before the detector could be sure, and the detector decided a little
          // behind the microphone; date it back to when it ended, in the page's clock.
          const now = performance.now();
          const endDetected = (message.decidedAtSeconds - message.endSeconds) * 1000;
          const detectorBehind = Math.max(0, (heardSeconds - message.decidedAtSeconds) * 1000 + (now - lastChunkAt));
          void onUtterance(
            message.samples,
            { speechEndAt: now - endDetected - detectorBehind, endDetected, detectorBehind, recognized: null },
            { startSeconds: message.startSeconds, endSeconds: message.endSeconds },
          );
          return;
        }
      }
    };

    /** Draws a frame into the ring every FRAME_INTERVAL_MS, stamped with the microphone's clock. */
    const startCamera = (source: MediaStream, facing: Facing) => {
      stopCamera();
      const video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.srcObject = new MediaStream(source.getVideoTracks());
      void video.play().catch(() => undefined);
      camera = video;
      frameTimer = setInterval(() => {
        if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
        // Stamped when drawn, not when encoded: the encoding is asynchronous.
        const atSeconds = heardSeconds;
        void grabFrame(video).then((picture) => picture && camera === video && ring.push({ picture, atSeconds }));
      }, FRAME_INTERVAL_MS);
      set({ live: { facing, canSwitch: false, stream: source, lastTurnFrames: get().live?.lastTurnFrames ?? 0 } });
      void hasSeveralCameras().then((canSwitch) => set((s) => (s.live ? { live: { ...s.live, canSwitch } } : {})));
    };

    const stopCamera = () => {
      if (frameTimer !== null) clearInterval(frameTimer);
      frameTimer = null;
      if (camera) camera.srcObject = null;
      camera = null;
    };

    /** Speaks every answer that streams while voice mode is on, typed or spoken, as it arrives. */
    const followAnswers = (state: SensaState) => {
      const generating = state.generating;
      if (generating && tracked?.answerId !== generating.messageId) {
        // The turn this answer replies to is the message just before it.
        const messages = state.conversations[generating.conversationId]?.messages ?? [];
        const index = messages.findIndex((m) => m.id === generating.messageId);
        const question = index > 0 ? messages[index - 1] : undefined;
        const asked = question?.id;
        tracked = { answerId: generating.messageId, timing: (asked && timings.get(asked)) || null, firstTokenSeen: false };
        // The recognizer's language for a spoken turn: the answer is voiced in it unless its text shows another.
        voice.getState().startSpeaking(generating.messageId, question?.language ?? question?.attachments?.find((a) => a.transcriptLanguage)?.transcriptLanguage);
        setPhase('thinking');
      }
      if (!tracked) return;
      const answer = findMessage(state, tracked.answerId);
      if (!answer) return;
      const text = answerOnly(answer.content);
      if (text && !tracked.firstTokenSeen) {
        tracked.firstTokenSeen = true;
        const timing = tracked.timing;
        // All figures describe one spoken turn: a new answer's first word replaces them and clears the first sound.
        if (timing) {
          const toFirstToken = performance.now() - timing.speechEndAt;
          set((s) => ({
            latency: { ...s.latency, toFirstToken, toFirstAudio: null, endDetected: timing.endDetected, detectorBehind: timing.detectorBehind, recognized: timing.recognized, withFrames: timing.frames ?? 0 },
          }));
          const loaded = state.model.phase === 'ready' ? findModel(state.model.modelId) : undefined;
          if (get().live && loaded) {
            const slow = slowAdvice(loaded, toFirstToken);
            if (slow) set({ advice: slow });
          }
        }
      }
      const final = answer.status !== 'streaming';
      voice.getState().speakMore(text, final);
      if (final) settle();
    };

    return {
      ...voiceModeOff(),

      async start(options = {}) {
        if (get().phase !== 'off') return;
        const withCamera = options.camera === true;
        if (withCamera) {
          const state = chat.getState();
          const refusal = cannotGoLive(state.model.phase === 'ready' ? findModel(state.model.modelId) : undefined);
          set({ advice: refusal });
          if (refusal) return;
        } else set({ advice: null });
        set({ phase: 'starting', error: null });
        // Load the recognizer and the voice while the person starts talking, not after their first sentence.
        void recognizerPayload()
          .then((model) => model && speech.transcribe({ model, pcm: new Blob([new Float32Array(SPEECH_SAMPLE_RATE / 4)]) }))
          .catch(() => undefined);
        void voice.getState().prepare();
        try {
          // One request for both in live mode: the camera and the microphone start together.
          stream = await navigator.mediaDevices.getUserMedia({
            audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 },
            ...(withCamera ? { video: videoConstraints('environment') } : {}),
          });
        } catch (error) {
          const name = error instanceof DOMException ? error.name : '';
          const what = withCamera ? 'the microphone and the camera' : 'the microphone';
          set({
            phase: 'off',
            error: name === 'NotAllowedError' ? `Sensa may not use ${what}: allow it in the site settings.` : `${what[0]?.toUpperCase()}${what.slice(1)} could not be started.`,
          });
          return;
        }
        heardSeconds = judgedSeconds = 0;
        ring.clear();
        if (withCamera) startCamera(stream, 'environment');
        vad = new RpcClient<VadRpc>(deps.spawnVad ?? spawnVadWorker, 'Voice detection');
        // Ends only with voice mode (or with a detector that could not be loaded, which voice mode shows).
        vad.call('listen', {}, { onEvent: onVad }).catch(vadFailed);
        // Sent before any audio, so the first utterance already ends after the person's chosen wait.
        vad.call('configure', { endOfSpeechMs: voice.getState().preferences.endOfSpeechMs }).catch(vadFailed);
        const audio = new AudioContext();
        const microphone = stream;
        context = audio;
        // Loaded on first use, beside the worklet it starts: the app shell stays as it was. Kept as a promise, so
        // that end() stops it even while the worklet is still loading.
        capture = import('./capture/microphone').then(({ captureMicrophone }) =>
          captureMicrophone(audio, microphone, ({ samples, sampleRate }) => {
            // Until the detector is loaded the bar says "Starting…", and nobody is expected to speak: queueing that
            // audio would only leave the detector behind real time once it starts (measured: two minutes of backlog
            // when the recognizer and the voice were loading beside it on a busy machine).
            if (get().phase === 'starting') return;
            const seconds = samples.length / sampleRate;
            heardSeconds += seconds;
            lastChunkAt = performance.now();
            vad
              ?.call('audio', { samples, sampleRate }, { transfer: [samples.buffer] })
              .then(() => {
                // Judged in order: frames from well before this point can no longer belong to a turn.
                judgedSeconds += seconds;
                ring.evictBefore(judgedSeconds - RING_SECONDS);
              })
              .catch(vadFailed);
          }),
        );
        // captureMicrophone's message says what failed, in the UI's language; after end() there is nothing to say.
        capture.catch((error: unknown) => {
          if (context !== audio) return;
          get().end();
          set({ error: error instanceof Error ? error.message : String(error) });
        });
        unsubscribeChat = chat.subscribe(followAnswers);
        unsubscribeVoice = voice.subscribe((state, previous) => {
          if (state.player === 'playing' && get().phase === 'thinking') setPhase('speaking');
          if (state.firstAudioAt !== null && previous.firstAudioAt === null && tracked?.timing) {
            const from = tracked.timing.speechEndAt;
            set((s) => ({ latency: { ...s.latency, toFirstAudio: (state.firstAudioAt ?? from) - from } }));
          }
          if (state.readingMessageId === null && previous.readingMessageId !== null) settle();
          // A new wait applies from the detector's next chunk, mid-conversation.
          if (state.preferences.endOfSpeechMs !== previous.preferences.endOfSpeechMs) {
            vad?.call('configure', { endOfSpeechMs: state.preferences.endOfSpeechMs }).catch(vadFailed);
          }
        });
      },

      async switchCamera() {
        const live = get().live;
        if (!live || !stream) return;
        const facing: Facing = live.facing === 'user' ? 'environment' : 'user';
        let video: MediaStream;
        try {
          video = await navigator.mediaDevices.getUserMedia({ video: videoConstraints(facing) });
        } catch {
          set({ error: 'The other camera could not be started.' });
          return;
        }
        if (!get().live || !stream) {
          for (const track of video.getTracks()) track.stop();
          return;
        }
        for (const track of stream.getVideoTracks()) {
          track.stop();
          stream.removeTrack(track);
        }
        for (const track of video.getVideoTracks()) stream.addTrack(track);
        // The old camera's frames show another scene.
        ring.clear();
        startCamera(stream, facing);
      },

      end() {
        stopCamera();
        unsubscribeChat?.();
        unsubscribeVoice?.();
        unsubscribeChat = unsubscribeVoice = null;
        for (const track of stream?.getTracks() ?? []) track.stop();
        stream = null;
        capture?.then((c) => c.stop(), () => undefined);
        capture = null;
        void context?.close();
        context = null;
        // Ends the listener and the chunks in flight as 'aborted'; the worker, its model and its minute of audio go too.
        vad?.restart(new AppError('aborted', 'Voice mode ended.'));
        vad = null;
        tracked = null;
        voice.getState().stop();
        set({ phase: 'off', live: null });
      },
    };
  });
}

function findMessage(state: SensaState, messageId: string) {
  for (const c of Object.values(state.conversations)) {
    const m = c.messages.find((x) => x.id === messageId);
    if (m) return m;
  }
  return undefined;
}
