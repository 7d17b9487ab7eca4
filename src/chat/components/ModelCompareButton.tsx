// Opens the model comparison; apart from the dialog so the dialog's code loads only when it is opened.

import { useSensa } from '../store-context';
import { useTranslation } from '../../i18n/react';

export function ModelCompareButton({ className = 'button link' }: { className?: string }) {
  const { t } = useTranslation('models');
  const setCompareOpen = useSensa((s) => s.setCompareOpen);
  return (
    <button type="button" className={className} aria-haspopup="dialog" onClick={() => setCompareOpen(true)}>
      {t('compare.open')}
    </button>
  );
}
