// Global keyboard shortcuts, the same ones ChatGPT uses where one exists.

import { useEffect } from 'react';

export interface ShortcutActions {
  newChat(): void;
  focusComposer(): void;
  stop(): void;
  searchChats(): void;
  /** Describe for me: opens it and describes what the camera sees. */
  describe(): void;
}

export const SHORTCUTS = [
  { id: 'newChat', keys: 'Ctrl+Shift+O', does: 'New chat' },
  { id: 'focusComposer', keys: 'Shift+Esc', does: 'Focus the message box' },
  { id: 'stop', keys: 'Esc', does: 'Stop the answer' },
  { id: 'searchChats', keys: 'Ctrl+K', does: 'Search chats' },
  { id: 'describe', keys: 'Alt+Shift+D', does: 'Describe what the camera sees' },
] as const;

export function matchShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'> & Partial<Pick<KeyboardEvent, 'code'>>): keyof ShortcutActions | null {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'o') return 'newChat';
  if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'k') return 'searchChats';
  if (event.key === 'Escape' && event.shiftKey && !mod) return 'focusComposer';
  // event.code: with Alt held, some layouts (macOS) turn the key into another character.
  if (event.altKey && event.shiftKey && !mod && (event.key.toLowerCase() === 'd' || event.code === 'KeyD')) return 'describe';
  if (event.key === 'Escape' && !event.shiftKey && !mod) return 'stop';
  return null;
}

/**
 * While a modal <dialog> is open its own keys win: Escape must close it, and preventDefault here cancels the browser's
 * close request (the guide then stayed open on Escape). What lies behind the dialog is inert, so no shortcut acts on it.
 */
function modalDialogOpen(): boolean {
  return [...document.querySelectorAll('dialog[open]')].some((d) => d.matches(':modal'));
}

export function useShortcuts(actions: ShortcutActions): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = matchShortcut(event);
      if (!action || modalDialogOpen()) return;
      event.preventDefault();
      actions[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
