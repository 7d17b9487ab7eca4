// Every namespace of this language in one lazily loaded chunk (src/i18n/i18n.ts).
export { default as common } from './common.json';
export { default as chat } from './chat.json';
export { default as models } from './models.json';
export { default as voice } from './voice.json';
export { default as documents } from './documents.json';
export { default as captions } from './captions.json';
export { default as tools } from './tools.json';
export { default as drawing } from './drawing.json';
export { default as remote } from './remote.json';
export { default as presets } from './presets.json';
export { default as code } from './code.json';
export { default as read } from './read.json';
export { default as errors } from './errors.json';
export { default as catalog } from './catalog.json';
export { default as placement } from './placement.json';
