// What the servers panel needs from the app (storage, listing a server's models, a reload), given at boot. Apart from
// the panel itself, which loads as a chunk of its own when the sidebar first shows it.

import { createContext, Suspense, type ReactNode } from 'react';
import { lazyPart } from './lazy-part';
import type { RemoteModel } from '../../domain/remote';
import type { RemoteServerStorage } from '../../storage/ui/remote-servers';

export interface RemoteSettings {
  storage: RemoteServerStorage;
  listModels(baseUrl: string, apiKey: string | null, signal?: AbortSignal): Promise<RemoteModel[]>;
  /** The page's connect-src is written at boot, so a changed list takes a reload to be allowed (or shut out). */
  reload(): void;
}

export const RemoteSettingsContext = createContext<RemoteSettings | null>(null);

export function RemoteSettingsProvider({ settings, children }: { settings: RemoteSettings; children: ReactNode }) {
  return <RemoteSettingsContext.Provider value={settings}>{children}</RemoteSettingsContext.Provider>;
}

const Panel = lazyPart(() => import('./RemoteServers').then((module) => module.RemoteServersPanel));

export function LazyRemoteServersPanel() {
  return (
    <Suspense fallback={null}>
      <Panel />
    </Suspense>
  );
}
