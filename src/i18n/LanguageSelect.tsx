// The language choice in Settings: "Browser default" follows navigator.languages; a choice is remembered.

import { useState } from 'react';
import { useTranslation } from './react';
import { chosenLanguage, setLanguage } from './i18n';
import { isLanguage, LANGUAGES } from './languages';

export function LanguageSelect() {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(chosenLanguage());
  return (
    <label className="language-select">
      <span className="language-label">{t('language.label')}</span>
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
