// A partner app's entry: the widget by import, the JS API after ready().
import 'sme-precheck';
import { evaluate, ready, version } from 'sme-precheck/api';

const out = document.getElementById('result');
ready().then(
  () => {
    const result = evaluate(
      {
        monthsOperating: 30, industry: 'software', employees: 25, annualRevenue: '8000000',
        taxPaidLast24Months: '400000', taxCreditRating: 'B', legalRepAge: 42, requestedAmount: '1000000',
      },
      null,
      'en',
    );
    out.textContent = `${version()} ${result.products.length} products`;
  },
  (error) => {
    out.textContent = `failed: ${error.message}`;
  },
);
