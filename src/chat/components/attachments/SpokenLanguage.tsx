// The language a transcript was heard in, shown beside it ("Spanish"), so a person sees what the recognizer assumed.

import { languageName } from '../../../shared/language-name';
import { useTranslation } from '../../../i18n/react';

export function SpokenLanguage({ code }: { code: string | undefined }) {
  const { t } = useTranslation('voice');
  if (!code) return null;
  return (
    <span className="spoken-language" title={t('spokenLanguage')}>
      {languageName(code)}
    </span>
  );
}
