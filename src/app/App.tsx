// The app shell: header with theme and new chat, the model panel, the conversation and the composer.

import { Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { lazyPart } from '../chat/components/lazy-part';
import { Announcer } from '../chat/components/Announcer';
import { SHORTCUTS, useShortcuts } from './shortcuts';
import { Composer } from '../chat/components/Composer';
import { ConversationHeader } from '../chat/components/ConversationHeader';
import { Sidebar } from '../chat/components/Sidebar';
import { MessageList } from '../chat/components/MessageList';
import { ModelPanel } from '../chat/components/ModelPanel';
// The comparison's code loads the first time it is opened, keeping the app shell small.
const ModelCompareDialog = lazyPart(() => import('../chat/components/ModelCompare').then((m) => m.ModelCompareDialog));
import type { Theme } from '../chat/store';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { PwaState } from '../pwa/register';
import type { LaunchNotice } from './launch';
import { useSensa } from '../chat/store-context';
import { useDescribeStore } from '../voice/store-context';
import { Moon, Sun, SunMoon } from 'lucide-react';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { useTranslation } from '../i18n/react';
import { webgpuProblemText } from '../models/capabilities';

/** Where the chat list becomes a drawer over the conversation (the same width as in app.css). */
const PHONE = '(max-width: 800px)';

function useMatchMedia(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

const NEXT_THEME: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };

export function App({ pwa, launch }: { pwa: StoreApi<PwaState>; launch: StoreApi<LaunchNotice> }) {
  const { t } = useTranslation();
  const theme = useSensa((s) => s.preferences.theme);
  const setPreference = useSensa((s) => s.setPreference);
  const newChat = useSensa((s) => s.newChat);
  const capabilities = useSensa((s) => s.capabilities);
  const [sidebarOpen, setSidebarOpen] = useState(false);
  // Stable: the chat list's rows are memoized against it (Sidebar.tsx).
  const hideSidebar = useCallback(() => setSidebarOpen(false), []);
  const phone = useMatchMedia(PHONE);
  // On a phone the open chat list is a modal drawer: the conversation behind it is inert (no focus, no clicks).
  const drawerOpen = sidebarOpen && phone;
  const toggleRef = useRef<HTMLButtonElement>(null);
  const closeDrawer = () => {
    setSidebarOpen(false);
    toggleRef.current?.focus();
  };
  const shellCached = useStore(pwa, (s) => s.shellCached);
  const updateWaiting = useStore(pwa, (s) => s.updateWaiting);
  const applyUpdate = useStore(pwa, (s) => s.applyUpdate);
  const launchNotice = useStore(launch, (s) => s.notice);
  const dismissLaunchNotice = useStore(launch, (s) => s.dismiss);
  const generating = useSensa((s) => s.generating !== null);
  const modelCached = useSensa((s) => s.model.phase === 'ready');
  const stop = useSensa((s) => s.stop);
  const compareOpen = useSensa((s) => s.compareOpen);
  const addAttachments = useSensa((s) => s.addAttachments);
  const [dropping, setDropping] = useState(false);
  const describe = useDescribeStore();
  const shortcutActions = useMemo(
    () => ({
      newChat,
      describe: () => {
        if (!describe) return;
        if (!describe.getState().open) describe.getState().openMode();
        void describe.getState().ask('short');
      },
      stop,
      focusComposer: () => document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')?.focus(),
      searchChats: () => {
        // On a phone the chat list is a drawer: open it so the search box can be seen.
        setSidebarOpen(true);
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>('input[type="search"]')?.focus());
      },
    }),
    [newChat, stop, describe],
  );
  useShortcuts(shortcutActions);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <button
            ref={toggleRef}
            type="button"
            className="button ghost sidebar-toggle"
            aria-label={t('app.showChats')}
            aria-expanded={sidebarOpen}
            onClick={() => setSidebarOpen((v) => !v)}
          >
            ☰
          </button>
          <span className="logo" aria-hidden="true">
            ◐
          </span>
          <h1>Sensa</h1>
          <span className="badge" title={t('app.onDeviceTitle')}>
            {t('app.onDevice')}
          </span>
          {shellCached && modelCached && (
            <span className="badge ready" role="status" title={t('app.offlineReadyTitle')}>
              {t('app.offlineReady')}
            </span>
          )}
        </div>
        <div className="topbar-actions">
          <LanguageSelect />
          <button
            type="button"
            className="button ghost"
            title={SHORTCUTS.map((s) => `${s.keys}: ${t(`shortcuts.${s.id}`)}`).join('\n')}
            aria-keyshortcuts="Control+Shift+O"
            onClick={() => {
              newChat();
              setSidebarOpen(false);
            }}
          >
            {t('app.newChat')}
          </button>
          <button type="button" className="button ghost" onClick={() => setPreference('theme', NEXT_THEME[theme])} aria-label={t(`app.theme.${theme}`)}>
            {theme === 'dark' ? <Moon size={16} aria-hidden="true" focusable="false" /> : theme === 'light' ? <Sun size={16} aria-hidden="true" focusable="false" /> : <SunMoon size={16} aria-hidden="true" focusable="false" />}
          </button>
        </div>
      </header>
      {updateWaiting && (
        <p className="notice update" role="status">
          {t('app.updateReady')}{' '}
          <button type="button" className="button small" onClick={applyUpdate} disabled={generating}>
            {generating ? t('app.updateAfter') : t('app.updateNow')}
          </button>
        </p>
      )}
      {launchNotice && (
        <p className="notice" role="alert">
          {launchNotice}{' '}
          <button type="button" className="button small" onClick={dismissLaunchNotice}>
            {t('app.dismiss')}
          </button>
        </p>
      )}
      {capabilities && !capabilities.webgpu && (
        <p className="notice" role="note">
          {webgpuProblemText(capabilities.webgpuProblem)} {t('app.wasmInstead')}
        </p>
      )}
      <div className="body">
        <Sidebar open={sidebarOpen} modal={drawerOpen} onNavigate={hideSidebar} onClose={closeDrawer} />
        {drawerOpen && <div className="drawer-backdrop" aria-hidden="true" onClick={closeDrawer} />}
        <main
          inert={drawerOpen}
          className={dropping ? 'chat dropping' : 'chat'}
          onDragOver={(e) => {
            if (!e.dataTransfer.types.includes('Files')) return;
            e.preventDefault();
            setDropping(true);
          }}
          onDragLeave={(e) => {
            if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
          }}
          onDrop={(e) => {
            if (e.dataTransfer.files.length === 0) return;
            e.preventDefault();
            setDropping(false);
            void addAttachments([...e.dataTransfer.files]);
          }}
        >
          {dropping && (
            <div className="drop-overlay" aria-hidden="true">
              {t('app.dropToAttach')}
            </div>
          )}
          <Announcer />
          <ModelPanel />
          <ConversationHeader />
          <MessageList />
          <Composer />
        </main>
        {compareOpen && (
          <Suspense fallback={null}>
            <ModelCompareDialog />
          </Suspense>
        )}
      </div>
    </div>
  );
}
