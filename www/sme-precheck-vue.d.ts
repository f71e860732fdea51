// Template typings of <sme-precheck> for Vue 3 (`sme-precheck/vue`).
// Load them once in the app, as types only:
//   import type {} from 'sme-precheck/vue';
// and tell Vue's compiler that the tag is a custom element
// (`compilerOptions.isCustomElement: (tag) => tag === 'sme-precheck'`).
// In templates: <sme-precheck lang="en" partner="p" @sme-precheck:completed="onDone" />.

import type { DefineComponent } from 'vue';
import type { SmePrecheckAttributes, SmePrecheckCompletedEvent, SmePrecheckErrorEvent } from './sme-precheck.js';

/** Props of `<sme-precheck>` in Vue templates and JSX: its attributes and its events. */
export type SmePrecheckVueProps = SmePrecheckAttributes & {
  /** `partner-name` as Vue's template type-checker spells it (the attribute set is `partner-name`). */
  partnerName?: string;
  'onSmePrecheck:completed'?: (event: SmePrecheckCompletedEvent) => void;
  'onSmePrecheck:error'?: (event: SmePrecheckErrorEvent) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'sme-precheck': DefineComponent<SmePrecheckVueProps>;
  }
}
