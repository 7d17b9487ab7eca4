// The language choice in Settings: "Browser default" follows navigator.languages; a choice is remembered.
// At phone width the closed menu shows a languages icon and the UI language's code (EN, DE, ع…) instead of a
// truncated name: the select itself lies over them, invisible, so it is still the labelled control people and
// screen readers use, and it opens the same native list.

import { useState } from 'react';
import { Languages } from 'lucide-react';
import { useTranslation } from './react';
import { chosenLanguage, currentLanguage, setLanguage } from './i18n';
import { isLanguage, LANGUAGES } from './languages';

export function LanguageSelect() {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(chosenLanguage());
  return (
    <label className="language-select">
      <span className="language-label">{t('language.label')}</span>
      <span className="language-face" aria-hidden="true">
        <Languages size={16} focusable="false" />
        {currentLanguage().split('-')[0]?.toUpperCase()}
      </span>
      <select
        value={chosen ?? ''}
        onChange={(e) => {
          const value = e.target.value;
          const next = isLanguage(value) ? value : null;
          setChosen(next);
          void setLanguage(next);
        }}
      >
        <option value="">{t('language.browser')}</option>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
