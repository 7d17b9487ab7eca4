// The language a transcript was heard in, shown beside it ("Spanish"), so a person sees what the recognizer assumed.

import { languageName } from '../../../shared/language-name';

export function SpokenLanguage({ code }: { code: string | undefined }) {
  if (!code) return null;
  return (
    <span className="spoken-language" title="The language the speech recognizer heard">
      {languageName(code)}
    </span>
  );
}
