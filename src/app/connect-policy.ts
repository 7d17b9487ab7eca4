// Writes the page's connect-src at boot: the app, the model hosts, and the servers the person added, nothing else.
// A static policy cannot name servers it does not know, and a page's policies only ever narrow each other, so
// index.html's meta (and the page's header) set connect-src wide and this second policy, added before anything
// renders, decides. Adding or removing a server reloads the page to write it again (docs/remote.md).

/** Where models come from; the same list as the workers' static policy in vite.config.ts. */
export const BASE_CONNECT_SOURCES = ["'self'", 'blob:', 'data:', 'https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co'];

/** Only a bare scheme://host[:port] can enter the policy: anything else could smuggle in a directive. */
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:.]+\](:\d{1,5})?$/i;

export function connectPolicy(origins: readonly string[]): string {
  const added = [...new Set(origins.filter((o) => ORIGIN.test(o)))];
  return `connect-src ${[...BASE_CONNECT_SOURCES, ...added].join(' ')}`;
}

export function installConnectPolicy(doc: Document, origins: readonly string[]): void {
  const meta = doc.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = connectPolicy(origins);
  meta.dataset.sensa = 'connect-policy';
  doc.head.append(meta);
}
