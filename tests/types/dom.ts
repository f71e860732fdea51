// Type-level checks of the package's public declarations as a TypeScript
// consumer sees them (`import ... from 'sme-precheck'` and 'sme-precheck/api'). Compiled with
// `tsc --noEmit -p tests/types`; every `@ts-expect-error` line must fail to
// type-check, so a declaration that grows too loose fails the check too.

import { evaluate, evaluateJson, parseMoney, ready, SurveySession, type Evaluation } from 'sme-precheck/api';
import { pendingCount, ready as widgetReady, type OutcomeClass, type SmePrecheckElement } from 'sme-precheck';

export async function main(): Promise<void> {
  await ready();
  await widgetReady();
  const pending: number = pendingCount();
  // @ts-expect-error: the pre-check API is the sme-precheck/api entry
  import('sme-precheck').then((m) => m.evaluate);
  const result: Evaluation = evaluate({ monthsOperating: 30, industry: 'software', employees: 25, annualRevenue: '8000000', taxCreditRating: 'B', legalRepAge: 42 }, null, 'en', true);
  const text: string = evaluateJson('{}', undefined, 'zh-Hant', false);
  const money: string = parseMoney('200万');
  // @ts-expect-error: money is a decimal string, never a number
  evaluate({ monthsOperating: 30, industry: 'software', employees: 25, annualRevenue: 8000000, taxCreditRating: 'B', legalRepAge: 42 });
  // @ts-expect-error: four parameters at most
  evaluate('{}', null, 'en', true, 1);
  const session = new SurveySession('default');
  const page: string = session.pageId();
  console.log(result.products.length, text, money, page, pending);

  // The element: tag name map, attributes and events.
  const el = document.querySelector('sme-precheck');
  if (el) {
    const typed: SmePrecheckElement = el;
    typed.addEventListener('sme-precheck:completed', (e) => {
      const outcome: OutcomeClass = e.detail.outcomeClass;
      // @ts-expect-error: the detail holds the outcome class only
      console.log(outcome, e.detail.answers);
    });
    typed.addEventListener('sme-precheck:error', (e) => console.log(e.detail.reason, e.detail.message));
  }
  const created = document.createElement('sme-precheck');
  created.setAttribute('partner', 'bank-site');
  document.addEventListener('sme-precheck:completed', (e) => {
    // @ts-expect-error: not an outcome class
    const wrong: typeof e.detail.outcomeClass = 'approved';
    console.log(wrong);
  });
}
