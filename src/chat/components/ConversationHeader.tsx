// The open conversation's title and its system prompt, with a way to make that prompt the default for new chats.

import { Suspense, useId } from 'react';
import { lazyPart } from './lazy-part';
import { useSensa } from '../store-context';
import { fileSafe, saveFile } from '../download';
import { activeConversation } from '../store';
const PresetControls = lazyPart(() => import('./presets/PresetControls').then((m) => m.PresetControls));
import { ChatToolSwitch } from './ToolSettings';
import { useTranslation } from '../../i18n/react';
import { shownTitle } from './chat-title';

export function ConversationHeader() {
  const promptId = useId();
  const conversation = useSensa(activeConversation);
  const defaultPrompt = useSensa((s) => s.preferences.defaultSystemPrompt);
  const setSystemPrompt = useSensa((s) => s.setSystemPrompt);
  const { t } = useTranslation('chat');
  const setPreference = useSensa((s) => s.setPreference);
  const storageProblem = useSensa((s) => s.storageProblem);
  const exportConversations = useSensa((s) => s.exportConversations);

  return (
    <div className="conversation-header">
      <h2 className="conversation-title" dir="auto">
        {shownTitle(conversation.title)}
      </h2>
      {conversation.messages.length > 0 && (
        <span className="export">
          <button type="button" className="button small" onClick={async () => saveFile(`${fileSafe(conversation.title)}.md`, (await import('../transfer')).exportMarkdown(conversation), 'text/markdown')}>
            {t('header.exportMarkdown')}
          </button>
          <button type="button" className="button small" onClick={async () => saveFile(`${fileSafe(conversation.title)}.json`, await exportConversations([conversation]), 'application/json')}>
            {t('header.exportJson')}
          </button>
        </span>
      )}
      <ChatToolSwitch />
      <details className="system-prompt">
        <summary>{conversation.systemPrompt ? t('header.systemPromptSet') : t('header.systemPrompt')}</summary>
        <label htmlFor={promptId} className="visually-hidden">
          {t('header.systemPromptLabel')}
        </label>
        <textarea
          id={promptId}
          rows={3}
          placeholder={t('header.systemPromptPlaceholder')}
          value={conversation.systemPrompt}
          onChange={(e) => setSystemPrompt(conversation.id, e.target.value)}
        />
        <button
          type="button"
          className="button small"
          disabled={conversation.systemPrompt === defaultPrompt}
          onClick={() => setPreference('defaultSystemPrompt', conversation.systemPrompt)}
        >
          {t('header.useForNew')}
        </button>
        <Suspense fallback={null}>
          <PresetControls kind="system" current={conversation.systemPrompt} onUse={(text) => setSystemPrompt(conversation.id, text)} />
        </Suspense>
      </details>
      {storageProblem && (
        <p className="error-inline" role="alert">
          {storageProblem}
        </p>
      )}
    </div>
  );
}
