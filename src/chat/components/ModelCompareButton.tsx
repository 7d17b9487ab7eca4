// Opens the model comparison; apart from the dialog so the dialog's code loads only when it is opened.

import { useSensa } from '../store-context';

export function ModelCompareButton({ className = 'button link' }: { className?: string }) {
  const setCompareOpen = useSensa((s) => s.setCompareOpen);
  return (
    <button type="button" className={className} aria-haspopup="dialog" onClick={() => setCompareOpen(true)}>
      Compare two models
    </button>
  );
}
