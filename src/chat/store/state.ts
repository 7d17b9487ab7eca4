// The whole chat store's state: every slice's fields and actions together.

import type { AnsweringSlice } from './answering-slice';
import type { ComposerSlice } from './composer-slice';
import type { ConversationsSlice } from './conversations-slice';
import type { DrawingSlice } from './drawing-slice';
import type { CompareSlice } from './compare-slice';
import type { DeviceSlice } from './device-slice';
import type { ModelSlice } from './model-slice';
import type { PreferencesSlice } from './preferences-slice';
import type { StartupSlice } from './startup-slice';

export type SensaState = PreferencesSlice & ModelSlice & ConversationsSlice & ComposerSlice & AnsweringSlice & StartupSlice & DrawingSlice & DeviceSlice & CompareSlice;
