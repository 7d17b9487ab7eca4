// Settings → Your servers: add a server that speaks the OpenAI-compatible API, list its models, pick some, remove it.
// Optional and off by default: with no server, nothing here talks to anyone. A chunk of its own (LazyRemoteServers).

import { useContext, useId, useState } from 'react';
import type { RemoteModel, RemoteServer } from '../../domain/remote';
import { hostOf, normalizeBaseUrl, originOf } from '../../models/remote/endpoint';
import { serializeError } from '../../shared/errors';
import { describeError, errorMessage } from '../../i18n/errors';
import { newId } from '../../shared/ids';
import { RemoteSettingsContext, type RemoteSettings } from './remote-settings';
import { useTranslation } from '../../i18n/react';

export function RemoteServersPanel() {
  const { t } = useTranslation('remote');
  const settings = useContext(RemoteSettingsContext);
  const addressId = useId();
  const keyId = useId();
  const [servers, setServers] = useState<RemoteServer[]>(() => settings?.storage.load() ?? []);
  const [address, setAddress] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (!settings) return null;

  const save = (next: RemoteServer[], why: string) => {
    try {
      settings.storage.save(next);
    } catch (error) {
      setMessage(t('remote.notSaved', { reason: error instanceof Error ? error.message : String(error) }));
      return;
    }
    setServers(next);
    setMessage(why);
    settings.reload();
  };

  const add = () => {
    const normalized = normalizeBaseUrl(address);
    if (!normalized.ok) {
      setMessage(normalized.message);
      return;
    }
    if (servers.some((s) => s.baseUrl === normalized.baseUrl)) {
      setMessage(t('remote.already', { host: hostOf(normalized.baseUrl) }));
      return;
    }
    const server: RemoteServer = { id: newId(), baseUrl: normalized.baseUrl, apiKey: apiKey.trim() || null, models: [] };
    save([...servers, server], t('remote.addedServer', { origin: normalized.origin }));
  };

  return (
    <details className="remote-servers">
      <summary>{t('remote.title')}</summary>
      <div className="remote-body">
        <p>
          {t('remote.intro')} <strong>{t('remote.leave')}</strong> {t('remote.only')}
        </p>
        {servers.length > 0 && (
          <ul aria-label={t('remote.added')} className="remote-list">
            {servers.map((server) => (
              <ServerEntry
                key={server.id}
                server={server}
                settings={settings}
                onModels={(models) => save(servers.map((s) => (s.id === server.id ? { ...s, models } : s)), t('remote.savedModels', { host: hostOf(server.baseUrl) }))}
                onRemove={() => save(servers.filter((s) => s.id !== server.id), t('remote.removed', { origin: originOf(server.baseUrl) }))}
              />
            ))}
          </ul>
        )}
        <form
          className="remote-add"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <label htmlFor={addressId}>{t('remote.address')}</label>
          <input id={addressId} type="url" inputMode="url" placeholder={t('remote.placeholder')} value={address} onChange={(e) => setAddress(e.target.value)} />
          <label htmlFor={keyId}>{t('remote.key')}</label>
          <input id={keyId} type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
          <button type="submit" className="button small">
            {t('remote.add')}
          </button>
        </form>
        {message && (
          <p role="status" className="remote-message">
            {message}
          </p>
        )}
      </div>
    </details>
  );
}

function ServerEntry({ server, settings, onModels, onRemove }: { server: RemoteServer; settings: RemoteSettings; onModels: (models: RemoteModel[]) => void; onRemove: () => void }) {
  const { t } = useTranslation('remote');
  const host = hostOf(server.baseUrl);
  const [listed, setListed] = useState<RemoteModel[] | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(server.models.map((m) => m.name)));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const list = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setListed(await settings.listModels(server.baseUrl, server.apiKey));
    } catch (error) {
      const described = describeError(serializeError(error));
      setProblem(`${described.title}. ${errorMessage(serializeError(error))} ${described.hint}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li aria-label={t('remote.server', { host })}>
      <p>
        <strong>{host}</strong>
        {t('remote.url', { url: server.baseUrl })}
        {server.apiKey ? t('remote.withKey') : ''}
        {server.models.length > 0 ? t('remote.models', { models: server.models.map((m) => m.name).join(', ') }) : t('remote.noModel')}
      </p>
      <div className="remote-actions">
        <button type="button" className="button small" onClick={() => void list()} disabled={busy}>
          {busy ? t('remote.listing') : t('remote.list')}
        </button>
        <button type="button" className="button small ghost" onClick={onRemove}>
          {t('remote.remove')}
        </button>
      </div>
      {problem && (
        <p role="alert" className="remote-problem">
          {problem}
        </p>
      )}
      {listed && (
        <fieldset>
          <legend>{t('remote.modelsOn', { host })}</legend>
          {listed.length === 0 && <p>{t('remote.none')}</p>}
          {listed.map((m) => (
            <label key={m.name} className="remote-model">
              <input
                type="checkbox"
                checked={picked.has(m.name)}
                onChange={(e) => {
                  const next = new Set(picked);
                  if (e.target.checked) next.add(m.name);
                  else next.delete(m.name);
                  setPicked(next);
                }}
              />{' '}
              {m.name}
              {m.audio ? t('remote.hears') : ''}
            </label>
          ))}
          <button type="button" className="button small" onClick={() => onModels(listed.filter((m) => picked.has(m.name)))}>
            {t('remote.use')}

          </button>
        </fieldset>
      )}
    </li>
  );
}
