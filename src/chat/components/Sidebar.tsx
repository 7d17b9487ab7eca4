// The list of conversations: open, search (with highlighted matches), rename, delete with undo.

import { useId, useState } from 'react';
import { useSensa } from '../../app/store-context';
import { searchConversations } from '../search';

export function Sidebar({ open, onNavigate }: { open: boolean; onNavigate: () => void }) {
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

  const hits = searchConversations(
    Object.values(conversations).filter((c) => c.messages.length > 0 || c.id === activeId),
    query,
  );

  return (
    <aside className={`sidebar${open ? ' open' : ''}`} aria-label="Chats">
      <label htmlFor={searchId} className="visually-hidden">
        Search chats
      </label>
      <input id={searchId} type="search" className="search" placeholder="Search chats" value={query} onChange={(e) => setQuery(e.target.value)} />
      <nav aria-label="Chat list">
        {hits.length === 0 && <p className="sidebar-empty">{query ? 'No chat mentions that.' : 'No chats yet.'}</p>}
        <ul>
          {hits.map(({ conversation, snippet }) => (
            <li key={conversation.id} className={conversation.id === activeId ? 'active' : undefined}>
              {renaming === conversation.id ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    const title = new FormData(e.currentTarget).get('title');
                    renameConversation(conversation.id, typeof title === 'string' ? title : '');
                    setRenaming(null);
                  }}
                >
                  <input name="title" aria-label="Chat title" defaultValue={conversation.title} autoFocus onBlur={(e) => e.currentTarget.form?.requestSubmit()} />
                </form>
              ) : (
                <button
                  type="button"
                  className="chat-link"
                  aria-current={conversation.id === activeId ? 'page' : undefined}
                  onClick={() => {
                    openConversation(conversation.id);
                    onNavigate();
                  }}
                >
                  <span className="chat-title">{conversation.title}</span>
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
                <button type="button" className="icon" aria-label={`Rename ${conversation.title}`} onClick={() => setRenaming(conversation.id)}>
                  ✎
                </button>
                <button type="button" className="icon" aria-label={`Delete ${conversation.title}`} onClick={() => deleteConversation(conversation.id)}>
                  🗑
                </button>
              </span>
            </li>
          ))}
        </ul>
      </nav>
      {recentlyDeleted && (
        <div className="undo" role="status">
          <span>Deleted “{recentlyDeleted.title}”.</span>
          <button type="button" className="button small" onClick={undoDelete}>
            Undo
          </button>
        </div>
      )}
    </aside>
  );
}
