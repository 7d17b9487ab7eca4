// ‹ 2/3 › at a fork: steps between the versions of a message (edits of a question, regenerated answers).

import type { Fork } from '../../domain/branches';
import { useTranslation } from '../../i18n/react';

interface Props {
  fork: Fork;
  /** While an answer is being written the viewed branch cannot change under it. */
  disabled: boolean;
  onView: (versionId: string) => void;
}

export function BranchNav({ fork, disabled, onView }: Props) {
  const { t } = useTranslation('chat');
  const { position, count, previousId, nextId } = fork;
  return (
    <span className="branch-nav" role="group" aria-label={t('branches.versions')}>
      <button type="button" className="button small" aria-label={t('branches.previous')} disabled={disabled || !previousId} onClick={() => previousId && onView(previousId)}>
        ‹
      </button>
      <span className="branch-position" data-testid="version-position">
        <span aria-hidden="true">
          {position}/{count}
        </span>
        <span className="visually-hidden">
          {t('branches.position', { position, count })}
        </span>
      </span>
      <button type="button" className="button small" aria-label={t('branches.next')} disabled={disabled || !nextId} onClick={() => nextId && onView(nextId)}>
        ›
      </button>
    </span>
  );
}
