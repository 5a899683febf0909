export { FONT_SCALES, useA11yStore } from './store.ts';
export { applyA11yToDocument } from './apply.ts';
