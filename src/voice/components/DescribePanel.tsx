// Describe for me's panel above the composer; loads when the mode is first opened (keeps the app shell small).

import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useDescribeStore } from '../store-context';
import { useSensa } from '../../chat/store-context';
import type { DescribeState } from '../describe/describe-mode';
import { Eye } from 'lucide-react';
import { DESCRIBE_SHORTCUT, statusText } from './DescribeMode';
import { useTranslation } from '../../i18n/react';

function Panel({ store }: { store: StoreApi<DescribeState> }) {
  const { t } = useTranslation('voice');
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
    <section className="describe-mode" aria-label={t('describe.button')}>
      <button ref={main} type="button" className="button primary describe-main" onClick={() => !busy && void ask('short')} aria-disabled={busy} aria-keyshortcuts={DESCRIBE_SHORTCUT}>
        <Eye size={28} aria-hidden="true" focusable="false" /> {t('describe.main')}
      </button>
      <div className="describe-actions">
        <button type="button" className="button" onClick={() => !busy && described && void ask('detail')} aria-disabled={busy || !described}>
          {t('describe.detail')}
        </button>
        <button type="button" className="button" onClick={() => !busy && void ask('text')} aria-disabled={busy}>
          {t('describe.text')}
        </button>
        <label className="toggle">
          <input type="checkbox" checked={interval} onChange={(e) => setInterval(e.target.checked)} />
          {t('describe.interval')}
        </label>
        <button type="button" className="button ghost" onClick={close}>
          {t('describe.close')}
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
              {t('bar.choose', { name: advice.suggest.name })}
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
