// Describe for me, for people who cannot see the screen or the scene: one large button (and Alt+Shift+D) describes
// what the camera sees; everything is a labelled button, the state is a polite status, and the answer itself is read
// by the chat's announcer and spoken aloud.

import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useDescribeStore } from '../store-context';
import { useSensa } from '../../chat/store-context';
import type { DescribePhase, DescribeRequest, DescribeState } from '../describe/describe-mode';
import { Eye } from 'lucide-react';

/** The shortcut that opens Describe for me and describes at once (app/shortcuts.ts lists it). */
export const DESCRIBE_SHORTCUT = 'Alt+Shift+D';

const WORKING: Record<DescribeRequest, string> = {
  short: 'Describing…',
  detail: 'Describing in more detail…',
  text: 'Reading the text…',
  changes: 'Looking for changes…',
};

function statusText(phase: DescribePhase, request: DescribeRequest | null): string {
  if (phase === 'looking') return 'Taking a picture…';
  if (phase === 'describing') return request ? WORKING[request] : 'Describing…';
  if (phase === 'speaking') return 'Speaking the description';
  return 'Ready';
}

/** The composer's button that opens the mode. */
export function DescribeToggle() {
  const store = useDescribeStore();
  if (!store) return null;
  return <Toggle store={store} />;
}

function Toggle({ store }: { store: StoreApi<DescribeState> }) {
  const open = useStore(store, (s) => s.open);
  return (
    <button type="button" className="button ghost small" aria-expanded={open} aria-keyshortcuts={DESCRIBE_SHORTCUT} onClick={() => (open ? store.getState().close() : store.getState().openMode())} title={`Describe what the camera sees, aloud (${DESCRIBE_SHORTCUT})`}>
      <Eye size={16} aria-hidden="true" focusable="false" /> <span className="tool-label">Describe for me</span>
    </button>
  );
}

function Panel({ store }: { store: StoreApi<DescribeState> }) {
  const phase = useStore(store, (s) => s.phase);
  const request = useStore(store, (s) => s.request);
  const error = useStore(store, (s) => s.error);
  const advice = useStore(store, (s) => s.advice);
  const described = useStore(store, (s) => s.described);
  const interval = useStore(store, (s) => s.interval);
  const selectModel = useSensa((s) => s.selectModel);
  // aria-disabled, not disabled: a disabled button drops the keyboard's focus to the page, and a person who cannot see
  // would have to find their place again after every description.
  const busy = phase === 'looking' || phase === 'describing';
  const main = useRef<HTMLButtonElement>(null);
  const { ask, close, setInterval } = store.getState();

  // Opening the mode puts the keyboard on its one large button.
  useEffect(() => main.current?.focus(), []);

  return (
    <section className="describe-mode" aria-label="Describe for me">
      <button ref={main} type="button" className="button primary describe-main" onClick={() => !busy && void ask('short')} aria-disabled={busy} aria-keyshortcuts={DESCRIBE_SHORTCUT}>
        <Eye size={28} aria-hidden="true" focusable="false" /> Describe what the camera sees
      </button>
      <div className="describe-actions">
        <button type="button" className="button" onClick={() => !busy && described && void ask('detail')} aria-disabled={busy || !described}>
          More detail
        </button>
        <button type="button" className="button" onClick={() => !busy && void ask('text')} aria-disabled={busy}>
          Read the text
        </button>
        <label className="toggle">
          <input type="checkbox" checked={interval} onChange={(e) => setInterval(e.target.checked)} />
          Describe changes every 15 s
        </label>
        <button type="button" className="button ghost" onClick={close}>
          Close
        </button>
      </div>
      <p className="describe-status" role="status">
        {statusText(phase, request)}
      </p>
      {advice && (
        <p className="live-advice" role="alert">
          {advice.message}{' '}
          {advice.suggest && (
            <button type="button" className="button small" onClick={() => advice.suggest && selectModel(advice.suggest.id)}>
              Choose {advice.suggest.name}
            </button>
          )}
        </p>
      )}
      {error && (
        <p className="attachment-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** Above the composer while the mode is open. */
export function DescribePanel() {
  const store = useDescribeStore();
  if (!store) return null;
  return <OpenPanel store={store} />;
}

function OpenPanel({ store }: { store: StoreApi<DescribeState> }) {
  const open = useStore(store, (s) => s.open);
  return open ? <Panel store={store} /> : null;
}
