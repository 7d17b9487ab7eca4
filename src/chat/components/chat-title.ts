// A chat's title as shown: the default title a new chat is stored with reads in the UI's language.

import { tr } from '../../i18n/i18n';

/** The title the store gives a chat before its first message (store/conversations-slice.ts, reducer.ts). */
const DEFAULT_TITLE = 'New chat';

export function shownTitle(title: string): string {
  return title === DEFAULT_TITLE ? tr('common:app.newChat') : title;
}
