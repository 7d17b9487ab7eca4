// Enter in a field of a group of controls that cannot be a <form> (it sits inside the composer's, and forms do not nest).

import type { KeyboardEvent } from 'react';

/** Enter in a field does the group's main action, as it would submit a form, without sending the message around it. */
export function onEnter(action: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    event.stopPropagation();
    action();
  };
}
