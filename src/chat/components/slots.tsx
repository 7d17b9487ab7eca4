// Places in the chat UI that other features fill (read-aloud under an answer, the voice-mode bar in the composer).
// The app wires them, so chat never imports a feature built on top of it and the dependency runs one way.

import { createContext, useContext, type ComponentType, type ReactNode } from 'react';

export interface ChatSlots {
  /** Extra controls under a finished answer. */
  AnswerActions?: ComponentType<{ messageId: string; text: string }>;
  /** Extra tools beside the attach buttons. */
  ComposerTools?: ComponentType;
  /** A panel just above the message box (Describe for me). */
  ComposerPanel?: ComponentType;
  /** Extra actions on a ready audio or video attachment in the composer (Caption), given the file it was made from. */
  DraftMediaActions?: ComponentType<{ name: string; kind: 'audio' | 'video'; file: () => File | undefined }>;
}

const SlotsContext = createContext<ChatSlots>({});

export function ChatSlotsProvider({ slots, children }: { slots: ChatSlots; children: ReactNode }) {
  return <SlotsContext.Provider value={slots}>{children}</SlotsContext.Provider>;
}

export function useChatSlots(): ChatSlots {
  return useContext(SlotsContext);
}
