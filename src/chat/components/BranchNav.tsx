// ‹ 2/3 › at a fork: steps between the versions of a message (edits of a question, regenerated answers).

import type { Fork } from '../../domain/branches';

interface Props {
  fork: Fork;
  /** While an answer is being written the viewed branch cannot change under it. */
  disabled: boolean;
  onView: (versionId: string) => void;
}

export function BranchNav({ fork, disabled, onView }: Props) {
  const { position, count, previousId, nextId } = fork;
  return (
    <span className="branch-nav" role="group" aria-label="Versions">
      <button type="button" className="button small" aria-label="Previous version" disabled={disabled || !previousId} onClick={() => previousId && onView(previousId)}>
        ‹
      </button>
      <span className="branch-position" data-testid="version-position">
        <span aria-hidden="true">
          {position}/{count}
        </span>
        <span className="visually-hidden">
          {position} of {count}
        </span>
      </span>
      <button type="button" className="button small" aria-label="Next version" disabled={disabled || !nextId} onClick={() => nextId && onView(nextId)}>
        ›
      </button>
    </span>
  );
}
