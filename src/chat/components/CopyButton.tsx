// Copies text to the clipboard and says so for a moment: under code blocks, answers and the person's messages.

import { useState } from 'react';
import { useTranslation } from '../../i18n/react';

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation('chat');
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button small copy"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? t('copy.copied') : (label ?? t('copy.code'))}
    </button>
  );
}
