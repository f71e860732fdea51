// JSX typings of <sme-precheck> for React 19 (`sme-precheck/react`).
// Load them once in the app, as types only:
//   import type {} from 'sme-precheck/react';
// React 19 sets the attributes on the element and attaches `on<event name>`
// props as listeners, so the completed event is `onsme-precheck:completed`.

import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  SmePrecheckAttributes,
  SmePrecheckCompletedEvent,
  SmePrecheckElement,
  SmePrecheckErrorEvent,
} from './sme-precheck.js';

/** Props of `<sme-precheck>` in React: its attributes, the usual HTML props and its events. */
export type SmePrecheckReactProps = Omit<DetailedHTMLProps<HTMLAttributes<SmePrecheckElement>, SmePrecheckElement>, 'lang'> &
  SmePrecheckAttributes & {
    'onsme-precheck:completed'?: (event: SmePrecheckCompletedEvent) => void;
    'onsme-precheck:error'?: (event: SmePrecheckErrorEvent) => void;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'sme-precheck': SmePrecheckReactProps;
    }
  }
}
