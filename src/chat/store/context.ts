// What every slice of the chat store shares: its dependencies, the catalog lookup, and the two writes several slices make.

import type { StoreApi } from 'zustand/vanilla';
import type { Capabilities } from '../../models/capabilities';
import type { DeviceMeasurement, MeasureOptions } from '../../models/device/measure';
import type { ModelSpec } from '../../domain/model';
import type { MediaPreparer } from '../../media/prepare';
import type { MediaStore } from '../../storage/ui/media-store';
import type { ChatEngine } from '../../worker/protocol';
import type { RemoteEndpoint } from '../../domain/remote';
import type { DocumentService } from '../../documents/service';
import type { Conversation } from '../../domain/conversation';
import type { CodeRunner } from '../tool-context';
import { chatReducer, type ChatAction } from '../reducer';
import type { PreferenceStorage, Preferences } from './preferences';
import type { SensaState } from './state';

export interface StoreDeps {
  engine: ChatEngine;
  /** Makes a model on a server the person added the one `engine` answers with; absent where servers are not offered. */
  connectRemote?: (endpoint: RemoteEndpoint, signal?: AbortSignal) => Promise<void>;
  probe: () => Promise<Capabilities>;
  /** Reads this device for the recommendation (device/measure.ts); without it the guide has no tiers. */
  measure?: (caps: Capabilities, options: MeasureOptions) => Promise<DeviceMeasurement>;
  preferences: PreferenceStorage;
  /** Replaces the engine's worker; after a lost GPU device nothing in the old one can be trusted. */
  restartEngine?: () => void;
  /** Where conversations come from at start-up; saving is the persister's job. */
  loadConversations?: () => Promise<Conversation[]>;
  /** Settles once every change so far is on disk (the persister's `settled`); an import waits for it before saying so. */
  saved?: () => Promise<void>;
  catalog?: readonly ModelSpec[];
  /** Checks and prepares attached files; without it, attaching is unavailable. */
  media?: MediaPreparer;
  /** Where attachment bytes live; in memory when not given. */
  mediaStore?: MediaStore;
  /** The recognizer's engine, in a worker of its own so a transcript never waits behind an answer. */
  speech?: Pick<ChatEngine, 'transcribe'>;
  /** Reads, embeds and retrieves documents; without it, documents cannot be attached. */
  documents?: DocumentService;
  /** Runs the code of the model's run_javascript / run_python calls; the sandbox when not given. */
  runCode?: CodeRunner;
}

/** Built once by `createSensaStore` and handed to every slice. */
export interface StoreContext {
  deps: StoreDeps;
  /** A model of this store's catalog, or of the app's. */
  spec(id: string): ModelSpec | undefined;
  firstModel: ModelSpec;
  mediaStore: MediaStore;
  /** As loaded and migrated at creation. */
  preferences: Preferences;
}

type Set = StoreApi<SensaState>['setState'];
type Get = StoreApi<SensaState>['getState'];

/** Runs a chat action on one conversation; a conversation deleted meanwhile is left alone. */
export function dispatchTo(set: Set, conversationId: string, action: ChatAction): void {
  set((s) => {
    const conversation = s.conversations[conversationId];
    if (!conversation) return {};
    return { conversations: { ...s.conversations, [conversationId]: chatReducer(conversation, action) } };
  });
}

/** Changes preferences in the state and saves them in one write. */
export function updatePreferences(ctx: StoreContext, set: Set, get: Get, change: Partial<Preferences>): void {
  const next = { ...get().preferences, ...change };
  set({ preferences: next });
  ctx.deps.preferences.save(next);
}
