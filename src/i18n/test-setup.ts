// Vitest: i18next with the bundled English messages, as the app starts for an English-speaking browser.
import { initI18n } from './i18n';

initI18n();
