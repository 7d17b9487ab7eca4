// The composer slice: attachments waiting for the next message, from dropped file to ready (or failed), and their transcripts.

import type { StateCreator } from 'zustand/vanilla';
import { AppError, serializeError, type SerializedError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { RECOGNIZER } from '../../models/catalog';
import { chooseVariant } from '../../models/variant';
import type { StoredMedia } from '../../storage/ui/media-store';
import type { Attachment } from '../../domain/conversation';
import type { StoreContext } from './context';
import { loadPayloadFor, type DownloadProgress } from './model-slice';
import type { SensaState } from './state';
import { isDocumentFile, describeIngest } from '../../documents/intake';

/** How many scanned pages one click sends as pictures: models take a few pictures per message (SmolVLM, Gemma 4). */
export const MAX_SCANNED_PAGES = 4;

/** An attachment in the composer, from the moment it is dropped until it is sent or removed. */
export type DraftItem =
  | { id: string; name: string; status: 'preparing'; progress?: string }
  | {
      id: string;
      name: string;
      status: 'ready';
      attachment: Attachment;
      transcribing?: DownloadProgress | true;
      transcribeError?: SerializedError;
      /** A document's scanned pages being drawn as pictures (true), added to the draft, or why they could not be. */
      scanning?: true | 'added' | { error: SerializedError };
    }
  | { id: string; name: string; status: 'error'; error: SerializedError };

type ReadyItem = Extract<DraftItem, { status: 'ready' }>;

export interface ComposerSlice {
  /** Attachments waiting in the composer for the next message. */
  draft: DraftItem[];
  /** Checks and prepares files for the next message; a bad file becomes an error item, the rest carry on. */
  addAttachments(files: File[], options?: { knownDurationSeconds?: number }): Promise<void>;
  removeAttachment(draftId: string): void;
  /**
   * The file a draft audio or video attachment was made from, while it is in the draft: for tools that need the
   * whole file rather than what was prepared for the model (captions play it and read all of its sound).
   */
  draftFile(draftId: string): File | undefined;
  /** Reads a locked PDF in the draft again with the password the person typed; a wrong one leaves it locked. */
  unlockDocument(draftId: string, password: string): Promise<void>;
  /**
   * Draws a document's scanned pages (no text to read) and adds them to the draft as pictures, for a model that sees;
   * at most `MAX_SCANNED_PAGES`, the first ones. Fails into the item's own message, never silently.
   */
  attachScannedPages(draftId: string): Promise<void>;
  /** Adds a document from the library to the next message: nothing is read or embedded again. */
  attachStoredDocument(attachment: Attachment): void;
  /** Runs the local recognizer on a draft audio clip so that models that cannot hear can read it. */
  transcribeAttachment(draftId: string): Promise<void>;
  loadMedia(attachmentId: string): Promise<StoredMedia | undefined>;
  /** Text for the message box from outside it (a share from another app), until the composer takes it. */
  prefill: string | null;
  prefillComposer(text: string): void;
  /** The waiting text, cleared as it is taken. */
  takePrefill(): string | null;
}

/** The draft with one ready item changed; an item removed or no longer ready meanwhile is left as it is. */
export function updateReady(draft: readonly DraftItem[], draftId: string, change: (item: ReadyItem) => ReadyItem): DraftItem[] {
  return draft.map((d) => (d.id === draftId && d.status === 'ready' ? change(d) : d));
}

export const createComposerSlice =
  ({ deps, spec, mediaStore }: StoreContext): StateCreator<SensaState, [], [], ComposerSlice> =>
  (set, get) => {
    // Locked PDFs wait here, outside the state, for their password: a File is not state, and the password is never kept.
    const locked = new Map<string, File>();
    // Audio and video files in the draft, outside the state for the same reason; pruned to the draft as it changes.
    const originals = new Map<string, File>();
    const pruneOriginals = () => {
      const inDraft = new Set(get().draft.map((d) => d.id));
      for (const id of originals.keys()) if (!inDraft.has(id)) originals.delete(id);
    };

    /** Reads one document into its draft item, with progress; a locked PDF is kept for unlockDocument. */
    const ingestInto = async (item: { id: string; name: string }, file: File, password?: string): Promise<DraftItem> => {
      const documents = deps.documents;
      if (!documents) throw new AppError('bad-media', `“${file.name}” is a document, and documents cannot be read here.`);
      const progress = (text: string) => set((s) => ({ draft: s.draft.map((d) => (d.id === item.id && d.status === 'preparing' ? { ...d, progress: text } : d)) }));
      try {
        const attachment = await documents.ingest(file, (p) => progress(describeIngest(p)), password === undefined ? {} : { password });
        locked.delete(item.id);
        return { id: item.id, name: item.name, status: 'ready', attachment };
      } catch (error) {
        if (error instanceof AppError && error.code === 'password-required') locked.set(item.id, file);
        throw error;
      }
    };

    return {
      draft: [],

      async addAttachments(files, options = {}) {
        const media = deps.media;
        if (!media) return;
        const items = files.map((file) => ({ id: newId(), name: file.name, status: 'preparing' as const }));
        pruneOriginals();
        set((s) => ({ draft: [...s.draft, ...items] }));
        const videoFrames = spec(get().selectedModelId)?.media?.videoFrames ?? 4;
        await Promise.all(
          files.map(async (file, i) => {
            const item = items[i];
            if (!item) return;
            let next: DraftItem;
            try {
              if (deps.documents && (await isDocumentFile(file))) {
                next = await ingestInto(item, file);
              } else {
                  const prepared = await media.prepare(file, { videoFrames, ...options });
                await mediaStore.put(prepared.attachment.id, prepared.stored);
                next = { id: item.id, name: item.name, status: 'ready', attachment: prepared.attachment };
                if (prepared.attachment.kind === 'audio' || prepared.attachment.kind === 'video') originals.set(item.id, file);
              }
            } catch (error) {
              next = { id: item.id, name: item.name, status: 'error', error: serializeError(error) };
            }
            // Replaced in place; if the person removed it meanwhile, it stays removed.
            set((s) => ({ draft: s.draft.map((d) => (d.id === item.id ? next : d)) }));
          }),
        );
      },

      async attachScannedPages(draftId) {
      const item = get().draft.find((d) => d.id === draftId);
      const documents = deps.documents;
      if (item?.status !== 'ready' || item.attachment.kind !== 'document' || !item.attachment.documentId || !documents) return;
      const { documentId, name } = item.attachment;
      const update = (scanning: ReadyItem['scanning']) => set((s) => ({ draft: updateReady(s.draft, draftId, (d) => ({ ...d, scanning })) }));
      update(true);
      try {
        const [stored, original] = await Promise.all([documents.get(documentId), documents.original(documentId)]);
        // Only PDFs up to the library's size cap keep their original; without it there is nothing to draw from.
        if (!stored || !original) throw new AppError('bad-media', `“${name}” was not kept whole on this device, so its scanned pages cannot be drawn. Attach the file again.`);
        const pages = stored.pages.filter((p) => p.scanned).map((p) => p.number).slice(0, MAX_SCANNED_PAGES);
        const { scannedPagesAsPictures } = await import('../../documents/draw-pdf');
        const files = await scannedPagesAsPictures(original, name, pages);
        update('added');
        await get().addAttachments(files);
      } catch (error) {
        update({ error: serializeError(error) });
      }
    },

    async unlockDocument(draftId, password) {
        const file = locked.get(draftId);
        const item = get().draft.find((d) => d.id === draftId);
        if (!file || !item) return;
        set((s) => ({ draft: s.draft.map((d) => (d.id === draftId ? { id: d.id, name: d.name, status: 'preparing', progress: 'Opening with the password…' } : d)) }));
        let next: DraftItem;
        try {
          next = await ingestInto(item, file, password);
        } catch (error) {
          next = { id: item.id, name: item.name, status: 'error', error: serializeError(error) };
        }
        set((s) => ({ draft: s.draft.map((d) => (d.id === draftId ? next : d)) }));
      },

      attachStoredDocument(attachment) {
        set((s) => ({ draft: [...s.draft, { id: newId(), name: attachment.name, status: 'ready', attachment }] }));
      },

      draftFile(draftId) {
        pruneOriginals();
        return originals.get(draftId);
      },

      removeAttachment(draftId) {
        locked.delete(draftId);
        originals.delete(draftId);
        set((s) => ({ draft: s.draft.filter((d) => d.id !== draftId) }));
      },

      async transcribeAttachment(draftId) {
        const state = get();
        const item = state.draft.find((d) => d.id === draftId);
        if (item?.status !== 'ready' || item.attachment.kind !== 'audio' || !deps.speech || !RECOGNIZER) return;
        const speech = deps.speech;
        const recognizer = RECOGNIZER;
        const update = (change: Partial<ReadyItem>) => set((s) => ({ draft: updateReady(s.draft, draftId, (d) => ({ ...d, ...change })) }));
        update({ transcribing: true, transcribeError: undefined });
        try {
          const stored = await mediaStore.get(item.attachment.id);
          if (!stored?.pcm) throw new AppError('bad-media', 'The prepared audio is missing; attach the file again.');
          const capabilities = state.capabilities ?? (await deps.probe());
          const choice = chooseVariant(capabilities, recognizer, state.preferences.devicePreference);
          if (!choice) throw new AppError('no-webgpu', 'The speech recognizer has no variant that runs on this device.');
          const result = await speech.transcribe(
            { model: loadPayloadFor(recognizer, choice), pcm: stored.pcm },
            { onEvent: (event) => event.type === 'download' && update({ transcribing: { files: event.files, loaded: event.loaded, total: event.total } }) },
          );
          // A fresh item: the progress and any earlier error go with the transcript's arrival.
          set((s) => ({ draft: updateReady(s.draft, draftId, (d) => ({ id: d.id, name: d.name, status: 'ready', attachment: { ...d.attachment, transcript: result.text, ...(result.language ? { transcriptLanguage: result.language } : {}) } })) }));
        } catch (error) {
          update({ transcribing: undefined, transcribeError: serializeError(error) });
        }
      },

      loadMedia(attachmentId) {
        return mediaStore.get(attachmentId);
      },

      prefill: null,
      prefillComposer(text) {
        set((s) => ({ prefill: s.prefill ? `${s.prefill}\n${text}` : text }));
      },
      takePrefill() {
        const text = get().prefill;
        if (text !== null) set({ prefill: null });
        return text;
      },
    };
  };
