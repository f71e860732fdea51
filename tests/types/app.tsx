// A React 19 component using <sme-precheck> with the package's JSX typings.
import type {} from 'sme-precheck/react';
import type { SmePrecheckCompletedEvent } from 'sme-precheck';
import { useState } from 'react';

export function LoanCheck({ partner }: { partner: string }) {
  const [outcome, setOutcome] = useState('');
  const done = (e: SmePrecheckCompletedEvent) => setOutcome(e.detail.outcomeClass);
  return (
    <section>
      <sme-precheck lang="zh-Hant" partner={partner} theme="dark" partner-name="Partner" endpoint="https://bank.example/v1/feedback" onsme-precheck:completed={done} />
      {/* @ts-expect-error: theme is light, dark or auto */}
      <sme-precheck theme="purple" />
      {/* @ts-expect-error: not an attribute of the element */}
      <sme-precheck partnr="typo" />
      <output>{outcome}</output>
    </section>
  );
}
