// Vitest: i18next with every English namespace loaded, as the app has them a moment after start.
import { initI18n, NAMESPACES } from './i18n';

await initI18n().loadNamespaces([...NAMESPACES]);
