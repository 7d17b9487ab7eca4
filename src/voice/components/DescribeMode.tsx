// Describe for me, for people who cannot see the screen or the scene: one large button (and Alt+Shift+D) describes
// what the camera sees; everything is a labelled button, the state is a polite status, and the answer itself is read
// by the chat's announcer and spoken aloud.

import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useDescribeStore } from '../store-context';
import type { DescribePhase, DescribeRequest, DescribeState } from '../describe/describe-mode';
import { Eye } from 'lucide-react';
import { useTranslation } from '../../i18n/react';
import { tr } from '../../i18n/i18n';

/** The shortcut that opens Describe for me and describes at once (app/shortcuts.ts lists it). */
export const DESCRIBE_SHORTCUT = 'Alt+Shift+D';

/** The mode's state in a few words, in the UI's language (voice:describeStatus). */
export function statusText(phase: DescribePhase, request: DescribeRequest | null): string {
  if (phase === 'looking') return tr('voice:describeStatus.looking');
  if (phase === 'describing') return tr(`voice:describeStatus.working.${request ?? 'short'}`);
  if (phase === 'speaking') return tr('voice:describeStatus.speaking');
  return tr('voice:describeStatus.ready');
}

/** The composer's button that opens the mode. */
export function DescribeToggle() {
  const store = useDescribeStore();
  if (!store) return null;
  return <Toggle store={store} />;
}

function Toggle({ store }: { store: StoreApi<DescribeState> }) {
  const { t } = useTranslation('voice');
  const open = useStore(store, (s) => s.open);
  return (
    <button type="button" className="button ghost small" aria-expanded={open} aria-keyshortcuts={DESCRIBE_SHORTCUT} onClick={() => (open ? store.getState().close() : store.getState().openMode())} title={t('describe.title', { keys: DESCRIBE_SHORTCUT })}>
      <Eye size={16} aria-hidden="true" focusable="false" /> <span className="tool-label">{t('describe.button')}</span>
    </button>
  );
}
