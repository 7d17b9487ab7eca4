// The one ChatEngine the chat store holds: local models go to the model worker, a model on a server the person
// added goes to the remote engine. The answering flow calls generate() and cannot tell which answered.

import type { RemoteEndpoint } from '../../domain/remote';
import type {
  CaptionEvent,
  CaptionPayload,
  CaptionResult,
  CallOptions,
  ChatEngine,
  GenerateEvent,
  GeneratePayload,
  GenerateResult,
  LoadEvent,
  LoadPartsPayload,
  LoadPartsResult,
  LoadPayload,
  LoadResult,
  SpeakPayload,
  DrawEvent,
  DrawPayload,
  DrawResult,
  SpeakResult,
  TranscribePayload,
  TranscribeResult,
} from '../../worker/protocol';
import type { RemoteEngine } from './remote-engine';

export interface RemoteConnector {
  /** Makes a server's model the one that answers, once it is known to be there. */
  connectRemote(endpoint: RemoteEndpoint, signal?: AbortSignal): Promise<void>;
}

export class RoutingEngine implements ChatEngine, RemoteConnector {
  private remoteTarget: RemoteEndpoint | null = null;

  constructor(
    private readonly local: ChatEngine,
    private readonly remote: Pick<RemoteEngine, 'connect' | 'generate'>,
  ) {}

  async connectRemote(endpoint: RemoteEndpoint, signal?: AbortSignal): Promise<void> {
    await this.remote.connect(endpoint, signal);
    this.remoteTarget = endpoint;
    // The local model's memory is better given back while a server answers.
    await this.local.unload().catch(() => undefined);
  }

  load(payload: LoadPayload, options?: CallOptions<LoadEvent>): Promise<LoadResult> {
    this.remoteTarget = null;
    return this.local.load(payload, options);
  }

  loadParts(payload: LoadPartsPayload, options?: CallOptions<LoadEvent>): Promise<LoadPartsResult> {
    return this.local.loadParts(payload, options);
  }

  generate(payload: GeneratePayload, options?: CallOptions<GenerateEvent>): Promise<GenerateResult> {
    return this.remoteTarget ? this.remote.generate(this.remoteTarget, payload, options) : this.local.generate(payload, options);
  }

  // Recognition and speech always stay on this device.
  transcribe(payload: TranscribePayload, options?: CallOptions<LoadEvent>): Promise<TranscribeResult> {
    return this.local.transcribe(payload, options);
  }

  caption(payload: CaptionPayload, options?: CallOptions<CaptionEvent>): Promise<CaptionResult> {
    return this.local.caption(payload, options);
  }

  speak(payload: SpeakPayload, options?: CallOptions<LoadEvent>): Promise<SpeakResult> {
    return this.local.speak(payload, options);
  }

  /** Pictures are always drawn on this device. */
  draw(payload: DrawPayload, options?: CallOptions<DrawEvent>): Promise<DrawResult> {
    return this.local.draw(payload, options);
  }

  unload(): Promise<{ unloaded: boolean }> {
    this.remoteTarget = null;
    return this.local.unload();
  }

  unloadImage(): Promise<{ unloaded: boolean }> {
    return this.local.unloadImage();
  }
}
