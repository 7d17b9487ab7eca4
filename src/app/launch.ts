// How Sensa was opened as an installed app: from the share sheet, "Open with", or a shortcut (New chat, Voice mode); see docs/using.md.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SensaState } from '../chat/store';
import type { VoiceModeState } from '../voice/voice-mode';
import { SHARE_FAILED, SHARED_PARAM, clearShares, sharedMessage, takeShare } from '../pwa/share-inbox';

/** The manifest's shortcuts and file_handlers open `/?action=…`; the service worker's share redirect `/?shared=…`. */
export type LaunchAction = { kind: 'none' } | { kind: 'new-chat' } | { kind: 'voice' } | { kind: 'open-files' } | { kind: 'share'; id: string } | { kind: 'share-failed' };

export function readLaunchAction(search: string): LaunchAction {
  const params = new URLSearchParams(search);
  const shared = params.get(SHARED_PARAM);
  if (shared) return shared === SHARE_FAILED ? { kind: 'share-failed' } : { kind: 'share', id: shared };
  switch (params.get('action')) {
    case 'new-chat':
      return { kind: 'new-chat' };
    case 'voice':
      return { kind: 'voice' };
    case 'open-files':
      return { kind: 'open-files' };
    default:
      return { kind: 'none' };
  }
}

/** The address without the launch's query, so that a reload does not share or start voice mode again. */
export function withoutLaunchQuery(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(SHARED_PARAM);
  url.searchParams.delete('action');
  return `${url.pathname}${url.search}${url.hash}`;
}

export interface LaunchNotice {
  notice: string | null;
  dismiss(): void;
}

export const VOICE_NEEDS_MODEL = 'Voice mode needs a model: load one above, then press Voice mode.';
export const SHARE_NOT_RECEIVED = 'What was shared with Sensa could not be received. Share it again, or attach it with the Attach button.';
export const SHARE_GONE = 'The shared items were not found: they were opened already, or the browser cleared them.';

/** The Launch Queue API (Chromium, for file_handlers); TypeScript's DOM library does not have it yet. */
interface LaunchParams {
  readonly files?: readonly { kind: string; getFile?(): Promise<File> }[];
}
export interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

export interface LaunchDeps {
  chat: StoreApi<SensaState>;
  voiceMode: StoreApi<VoiceModeState>;
  /** The store's init(): settled once stored conversations merged and the last model came back (or could not). */
  started: Promise<void>;
  href: string;
  replaceUrl(url: string): void;
  caches: Pick<CacheStorage, 'open' | 'delete'> | undefined;
  launchQueue: LaunchQueue | undefined;
  /** Where the app shows what could not be done (made before the first render, see createLaunchNotices). */
  notices: StoreApi<LaunchNotice>;
}

export function createLaunchNotices(): StoreApi<LaunchNotice> {
  return createStore<LaunchNotice>()((set) => ({ notice: null, dismiss: () => set({ notice: null }) }));
}

function conversationsLoaded(chat: StoreApi<SensaState>): Promise<void> {
  return new Promise((resolve) => {
    if (chat.getState().conversationsLoaded) return resolve();
    const stop = chat.subscribe((state) => {
      if (!state.conversationsLoaded) return;
      stop();
      resolve();
    });
  });
}

/** Acts on how the app was opened; the notices say what could not be done. */
export function handleLaunch(deps: LaunchDeps): void {
  const notices = deps.notices;
  const say = (notice: string) => notices.setState({ notice });
  const { chat } = deps;
  // A new chat only once the stored ones are merged: before that, the merge would switch to the latest stored chat.
  const openChatWith = async (files: File[], text: string) => {
    await conversationsLoaded(chat);
    chat.getState().newChat();
    if (text) chat.getState().prefillComposer(text);
    // The same path as the Attach button: every check, refusal and message applies to what was shared.
    if (files.length > 0) await chat.getState().addAttachments(files);
  };

  const action = readLaunchAction(new URL(deps.href).search);
  if (action.kind !== 'none') deps.replaceUrl(withoutLaunchQuery(deps.href));
  switch (action.kind) {
    case 'none':
    case 'open-files':
      // Files opened with Sensa arrive through the launch queue below.
      break;
    case 'new-chat':
      void conversationsLoaded(chat).then(() => chat.getState().newChat());
      break;
    case 'voice':
      void deps.started
        .catch(() => undefined)
        .then(() => {
          if (chat.getState().model.phase === 'ready') void deps.voiceMode.getState().start();
          else say(VOICE_NEEDS_MODEL);
        });
      break;
    case 'share-failed':
      say(SHARE_NOT_RECEIVED);
      break;
    case 'share': {
      const caches = deps.caches;
      if (!caches) {
        say(SHARE_GONE);
        break;
      }
      void takeShare(caches, action.id)
        .then(async (share) => {
          // Anything else left there is a share whose window closed before it opened: not to be attached later.
          await clearShares(caches);
          if (!share) return say(SHARE_GONE);
          await openChatWith(share.files, sharedMessage(share));
        })
        .catch(() => say(SHARE_NOT_RECEIVED));
      break;
    }
    default:
      action satisfies never;
  }

  // "Open with Sensa" (file_handlers); feature-detected, as only Chromium on desktop has it.
  deps.launchQueue?.setConsumer((params) => {
    const handles = (params.files ?? []).filter((h) => h.kind === 'file' && h.getFile);
    if (handles.length === 0) return;
    void Promise.all(handles.map((h) => h.getFile!()))
      .then((files) => openChatWith(files, ''))
      .catch(() => say('The files opened with Sensa could not be read.'));
  });
}
