// The conversation: follows new text while the person is at the bottom, leaves them alone when they scroll up.

import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { forksOf } from '../../domain/branches';
import { useSensa } from '../store-context';
import { activeConversation } from '../store';
import { MessageView } from './MessageView';
import { FirstRunSuggestions } from './ModelGuide';
import { useTranslation } from '../../i18n/react';

const STICK_THRESHOLD_PX = 48;

export function MessageList() {
  const { t } = useTranslation('chat');
  const messages = useSensa((s) => activeConversation(s).messages);
  const busy = useSensa((s) => s.generating !== null);
  const retryAnswer = useSensa((s) => s.retryAnswer);
  const editMessage = useSensa((s) => s.editMessage);
  const otherVersions = useSensa((s) => activeConversation(s).otherVersions);
  const viewVersion = useSensa((s) => s.viewVersion);
  const forks = useMemo(() => forksOf({ messages, otherVersions }), [messages, otherVersions]);
  // Stable across renders, so memo(MessageView) lets every message but the streaming one skip each token.
  const onRetry = useCallback((id: string) => void retryAnswer(id), [retryAnswer]);
  const onEdit = useCallback((id: string, text: string) => void editMessage(id, text), [editMessage]);
  const onViewVersion = useCallback((id: string, versionId: string) => viewVersion(id, versionId), [viewVersion]);
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const follow = useRef<number | null>(null);

  useLayoutEffect(() => {
    // Following the text reads the list's height, which forces a layout: once per frame, not once per token.
    if (!stick.current || follow.current !== null) return;
    follow.current = requestAnimationFrame(() => {
      follow.current = null;
      const el = scroller.current;
      if (el && stick.current) el.scrollTop = el.scrollHeight;
    });
  }, [messages]);

  const lastAssistant = messages.findLast((m) => m.role === 'assistant')?.id;

  return (
    <div
      className="messages"
      ref={scroller}
      // Focusable so a keyboard can scroll it even when it holds nothing else to focus (a new chat under a tall model panel).
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD_PX;
      }}
    >
      <div className="messages-inner" role="log" aria-label={t('list.conversation')} aria-live="off">
        {messages.length === 0 ? (
          <div className="empty">
            <FirstRunSuggestions />
            <h2>{t('list.privateTitle')}</h2>
            <p>{t('list.privateText')}</p>
          </div>
        ) : (
          messages.map((m) => {
            const fork = forks.get(m.id);
            return (
              <MessageView
                key={m.id}
                message={m}
                busy={busy}
                canRegenerate={m.id === lastAssistant}
                onRetry={onRetry}
                onEdit={onEdit}
                versionPosition={fork?.position}
                versionCount={fork?.count}
                previousVersionId={fork?.previousId}
                nextVersionId={fork?.nextId}
                onViewVersion={onViewVersion}
              />
            );
          })
        )}
      </div>
    </div>
  );
}
