// The list of conversations: open, search (with highlighted matches), rename, delete with undo.

import { memo, Suspense, useCallback, useEffect, useId, useRef, useState } from 'react';
import { lazyPart } from './lazy-part';
import { useSensa } from '../store-context';
import { saveFile } from '../download';
import { searchConversations, type SearchHit } from '../search';
// The storage panel loads after the first paint (keeps the app shell small).
const StoragePanel = lazyPart(() => import('./StoragePanel').then((m) => m.StoragePanel));
import { LazyRemoteServersPanel } from './remote-settings';
import { toAppError } from '../../shared/errors';
import { formatBytes } from '../../shared/format';
import { Pencil, Trash2 } from 'lucide-react';
import { useTranslation } from '../../i18n/react';
import { shownTitle } from './chat-title';

export function Sidebar({ open, modal = false, onNavigate, onClose }: { open: boolean; modal?: boolean; onNavigate: () => void; onClose?: () => void }) {
  const searchRef = useRef<HTMLInputElement>(null);
  // Opening the drawer moves focus into it, as a dialog does; Escape or the backdrop closes it (App).
  useEffect(() => {
    if (modal) searchRef.current?.focus();
  }, [modal]);
  // Escape closes the drawer wherever focus is (the top bar stays reachable beside it), before the app's Esc
  // shortcut would read it as "stop the answer" behind the drawer. A modal dialog opened from the drawer keeps its own.
  useEffect(() => {
    if (!modal || !onClose) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.shiftKey || document.querySelector('dialog[open]:modal')) return;
      e.stopImmediatePropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [modal, onClose]);
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const conversations = useSensa((s) => s.conversations);
  const activeId = useSensa((s) => s.activeConversationId);
  const openConversation = useSensa((s) => s.openConversation);
  const renameConversation = useSensa((s) => s.renameConversation);
  const deleteConversation = useSensa((s) => s.deleteConversation);
  const recentlyDeleted = useSensa((s) => s.recentlyDeleted);
  const undoDelete = useSensa((s) => s.undoDelete);
  const importConversations = useSensa((s) => s.importConversations);
  const exportConversations = useSensa((s) => s.exportConversations);
  const [importNote, setImportNote] = useState<string | null>(null);
  const importId = useId();

  const { t } = useTranslation('chat');
  // Stable, so memo(ChatRow) lets every row skip the renders a streaming answer causes (a new conversations object
  // per batch of tokens): only the list's order, titles and the search decide what the rows show.
  const openChat = useCallback(
    (id: string) => {
      openConversation(id);
      onNavigate();
    },
    [openConversation, onNavigate],
  );
  const rename = useCallback(
    (id: string, title: string) => {
      renameConversation(id, title);
      setRenaming(null);
    },
    [renameConversation],
  );
  const hits = searchConversations(
    Object.values(conversations).filter((c) => c.messages.length > 0 || c.id === activeId),
    query,
  );

  return (
    <aside
      className={`sidebar${open ? ' open' : ''}`}
      aria-label={t('sidebar.chats')}
      aria-modal={modal || undefined}
      role={modal ? 'dialog' : undefined}
    >
      <label htmlFor={searchId} className="visually-hidden">
        {t('sidebar.search')}
      </label>
      <input ref={searchRef} id={searchId} type="search" className="search" placeholder={t('sidebar.search')} aria-keyshortcuts="Control+K" value={query} onChange={(e) => setQuery(e.target.value)} />
      <nav aria-label={t('sidebar.list')}>
        {hits.length === 0 && <p className="sidebar-empty">{query ? t('sidebar.noMatch') : t('sidebar.empty')}</p>}
        <ul>
          {hits.map(({ conversation, snippet }) => (
            <ChatRow
              key={conversation.id}
              id={conversation.id}
              title={conversation.title}
              snippet={snippet}
              active={conversation.id === activeId}
              renaming={renaming === conversation.id}
              onOpen={openChat}
              onRename={rename}
              onStartRenaming={setRenaming}
              onDelete={deleteConversation}
            />
          ))}
        </ul>
      </nav>
      <div className="transfer">
        <button
          type="button"
          className="button small"
          onClick={async () => {
            const all = Object.values(conversations).filter((c) => c.messages.length > 0);
            saveFile(`sensa-chats-${new Date().toISOString().slice(0, 10)}.json`, await exportConversations(all), 'application/json');
          }}
        >
          {t('sidebar.exportAll')}
        </button>
        <label htmlFor={importId} className="button small">
          {t('sidebar.import')}
        </label>
        <input
          id={importId}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          aria-label={t('sidebar.importChats')}
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (!file) return;
            try {
              const { parseImport } = await import('../transfer');
              const { conversations: imported, media, skipped, damaged, documents } = parseImport(await file.text(), new Set(Object.keys(conversations)));
              await importConversations(imported, media, documents);
              const notes = [
                t('sidebar.imported.chats', { count: imported.length }),
                ...(media.size ? [t('sidebar.imported.attachments', { count: media.size })] : []),
                ...(documents.size ? [t('sidebar.imported.documents', { count: documents.size })] : []),
                ...(skipped ? [t('sidebar.imported.skipped', { count: skipped })] : []),
                ...(damaged ? [t('sidebar.imported.damaged', { count: damaged })] : []),
              ];
              setImportNote(t('sidebar.imported.sentence', { list: notes.join(t('sidebar.imported.separator')) }));
            } catch (error) {
              setImportNote(
                toAppError(error).code === 'quota-exceeded'
                  ? t('sidebar.importNoSpace', { size: formatBytes(file.size) })
                  : error instanceof Error
                    ? error.message
                    : String(error),
              );
            }
          }}
        />
      </div>
      <Suspense fallback={null}>
        <StoragePanel />
      </Suspense>
      <LazyRemoteServersPanel />
      {importNote && (
        <p className="sidebar-empty" role="status">
          {importNote}
        </p>
      )}
      {recentlyDeleted && (
        <div className="undo" role="status">
          <span>{t('sidebar.deleted', { title: recentlyDeleted.title })}</span>
          <button type="button" className="button small" onClick={undoDelete}>
            {t('sidebar.undo')}
          </button>
        </div>
      )}
    </aside>
  );
}

interface ChatRowProps {
  id: string;
  title: string;
  snippet: SearchHit['snippet'];
  active: boolean;
  renaming: boolean;
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onStartRenaming: (id: string) => void;
  onDelete: (id: string) => void;
}

/** One chat in the list. Props are plain values and stable callbacks, so a row re-renders only when it changes. */
const ChatRow = memo(function ChatRow({ id, title, snippet, active, renaming, onOpen, onRename, onStartRenaming, onDelete }: ChatRowProps) {
  const { t } = useTranslation('chat');
  return (
    <li className={active ? 'active' : undefined}>
      {renaming ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const value = new FormData(e.currentTarget).get('title');
            onRename(id, typeof value === 'string' ? value : '');
          }}
        >
          <input name="title" aria-label={t('sidebar.chatTitle')} defaultValue={title} autoFocus onBlur={(e) => e.currentTarget.form?.requestSubmit()} />
        </form>
      ) : (
        <button type="button" className="chat-link" aria-current={active ? 'page' : undefined} onClick={() => onOpen(id)}>
          <span className="chat-title">{shownTitle(title)}</span>
          {snippet && (
            <span className="chat-snippet">
              {snippet.before}
              <mark>{snippet.match}</mark>
              {snippet.after}
            </span>
          )}
        </button>
      )}
      <span className="chat-actions">
        <button type="button" className="icon" aria-label={t('sidebar.rename', { title: shownTitle(title) })} onClick={() => onStartRenaming(id)}>
          <Pencil size={16} aria-hidden="true" focusable="false" />
        </button>
        <button type="button" className="icon" aria-label={t('sidebar.delete', { title: shownTitle(title) })} onClick={() => onDelete(id)}>
          <Trash2 size={16} aria-hidden="true" focusable="false" />
        </button>
      </span>
    </li>
  );
});
