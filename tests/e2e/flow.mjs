// Drives the <sme-precheck> widget through its flow using only the stable
// selectors of docs/widget.md (data-testid inside the open shadow root,
// which Playwright locators pierce). Two input modes:
// - `mouse`: Playwright's fill/selectOption/check/click;
// - `keyboard`: only key presses (Tab to reach a control, arrows for
//   radios and selects, Space for checkboxes, typing for text, Enter for
//   buttons); the DOM is only read to decide how many Tabs to press.

import assert from 'node:assert/strict';

/** The quick check as a visitor answers it (at most eight inputs). */
export const QUICK = {
  industry: 'software',
  monthsOperating: '30',
  annualRevenue: '8,000,000',
  taxCreditRating: 'B',
  creditProblems: 'no',
  requestedAmount: '1,000,000',
  termMonths: '12',
  collateral: 'none',
};

/** The optional refine step's answers. */
export const REFINE = {
  employees: '25',
  legalRepAge: '42',
  province: '44',
  lifecycleStage: 'growth',
  'tags-high_tech': true,
  taxPaidLast24Months: '400000',
  existingBusinessLoans: '50万',
};

/** Every profile answer: the quick check, then refine. */
export const FORM = { ...QUICK, ...REFINE };

/** Survey answers by question id (option ids, numbers/amounts as typed). */
export const SURVEY = {
  stage: 'growth',
  industry: 'ai',
  needFinancing: 'yes',
  amount: '2,000,000',
  term: 'y1_3',
  purpose: 'rd',
  urgency: 'm1_3',
  products: ['jingying_kuaidai', 'tax_loan'],
  enablement: ['policy_briefing'],
  channels: ['online'],
  satisfaction: '4',
  comment: 'Thanks',
};

export const STEPS = ['intro', 'form', 'refine', 'results', 'survey', 'recommendations', 'preview', 'thanks'];

const tid = (id) => `[data-testid="${id}"]`;

/** A driver bound to a page or frame and an input mode. */
export class Widget {
  /**
   * @param {import('playwright-core').Page | import('playwright-core').Frame} scope
   * @param {{ mode?: 'mouse' | 'keyboard', keyboard?: import('playwright-core').Keyboard, host?: string }} [options]
   *   `host` is the CSS selector of the element (default `sme-precheck`).
   */
  constructor(scope, options = {}) {
    this.scope = scope;
    this.mode = options.mode ?? 'mouse';
    this.keyboard = options.keyboard ?? scope.keyboard ?? scope.page?.().keyboard;
    this.host = options.host ?? 'sme-precheck';
  }

  /** A locator inside the widget. */
  $(testid) {
    return this.scope.locator(`${this.host} ${tid(testid)}`);
  }

  /**
   * Waits until the widget has rendered and taken over from the loader's
   * first screen (the element is defined once the .wasm is instantiated),
   * and returns the current step.
   */
  async ready(timeout = 15_000) {
    await this.scope.locator(`${this.host} ${tid('sp-root')}`).waitFor({ timeout });
    await this.scope.evaluate(() => customElements.whenDefined('sme-precheck'));
    return this.step();
  }

  async step() {
    return this.$('sp-root').getAttribute('data-step');
  }

  async lang() {
    return this.$('sp-root').getAttribute('lang');
  }

  /** Waits for the root to show `step`. */
  async expectStep(step, timeout = 10_000) {
    await this.scope.locator(`${this.host} ${tid('sp-root')}[data-step="${step}"]`).waitFor({ timeout });
  }

  /** data-testid of the deeply focused element (through shadow roots). */
  async focused() {
    return this.scope.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.getAttribute('data-testid') ?? a?.id ?? a?.tagName ?? '';
    });
  }

  /** Presses Tab until the focused element's testid satisfies `match`. */
  async tabTo(match, limit = 300) {
    const ok = typeof match === 'function' ? match : (id) => id === match;
    for (let i = 0; i < limit; i++) {
      if (ok(await this.focused())) return;
      await this.keyboard.press('Tab');
    }
    throw new Error(`could not reach ${match} with Tab (focused: ${await this.focused()})`);
  }

  /** Activates a button (click, or Tab + Enter). */
  async press(testid) {
    if (this.mode === 'keyboard') {
      await this.tabTo(testid);
      await this.keyboard.press('Enter');
    } else {
      await this.$(testid).click();
    }
  }

  /** Next/Start/Continue. */
  async next() {
    await this.press('sp-next');
  }

  /** Sets a form control (select, checkbox, yes/no group, text input or textarea). */
  async set(testid, value) {
    const control = this.$(testid);
    const kind = await control.evaluate((el) =>
      el.tagName === 'SELECT'
        ? 'select'
        : el.tagName === 'FIELDSET'
          ? 'group'
          : el.type === 'checkbox' || el.type === 'radio'
            ? el.type
            : 'text',
    );
    if (kind === 'group') {
      await this.choose(testid, value);
      return;
    }
    if (this.mode !== 'keyboard') {
      if (kind === 'select') await control.selectOption(String(value));
      else if (kind === 'checkbox') await control.setChecked(Boolean(value));
      else if (kind === 'radio') await control.check();
      else await control.fill(String(value));
      return;
    }
    await this.tabTo(testid);
    if (kind === 'select') {
      const [current, target] = await control.evaluate(
        (el, v) => [el.selectedIndex, [...el.options].findIndex((o) => o.value === v)],
        String(value),
      );
      assert.ok(target >= 0, `${testid} has no option ${value}`);
      const key = target > current ? 'ArrowDown' : 'ArrowUp';
      for (let i = 0; i < Math.abs(target - current); i++) await this.keyboard.press(key);
      assert.equal(await control.inputValue(), String(value), `${testid} selected by keyboard`);
    } else if (kind === 'checkbox') {
      if ((await control.isChecked()) !== Boolean(value)) await this.keyboard.press('Space');
    } else {
      if (await control.inputValue()) {
        await this.keyboard.press('Control+A');
        await this.keyboard.press('Delete');
      }
      await this.keyboard.type(String(value));
    }
  }

  /** Picks a radio option of a group (`sp-q-<qid>-<option>`). */
  async choose(prefix, option) {
    const target = `${prefix}-${option}`;
    if (this.mode !== 'keyboard') {
      await this.$(target).check();
      return;
    }
    await this.tabTo((id) => id.startsWith(`${prefix}-`));
    for (let i = 0; i < 30; i++) {
      if ((await this.focused()) === target) break;
      await this.keyboard.press('ArrowDown');
    }
    // Tab onto an unchecked group focuses its first radio without checking it.
    if (!(await this.$(target).isChecked())) await this.keyboard.press('Space');
    assert.ok(await this.$(target).isChecked(), `${target} chosen by keyboard`);
  }

  /**
   * Fills the fields of the current step (quick check or refine) in DOM
   * order (keyboard mode walks forward only); fields shown by an answer
   * (the credit detail) are picked up as they appear. Returns the names set.
   */
  async fillForm(values = FORM) {
    const done = [];
    for (let round = 0; round < 3; round++) {
      const order = await this.scope
        .locator(`${this.host} [data-testid^="sp-field-"]`)
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid').slice('sp-field-'.length)));
      const todo = order.filter((name) => name in values && !done.includes(name));
      if (!todo.length) break;
      for (const name of todo) {
        await this.set(`sp-field-${name}`, values[name]);
        done.push(name);
      }
    }
    return done;
  }

  /**
   * Waits until the live answer under the quick check lists the products
   * for every answer typed so far (the region is `aria-busy` while a typing
   * pause is still running), and returns [product id, outcome] pairs.
   */
  async liveAnswer(timeout = 10_000) {
    const rows = this.scope.locator(
      `${this.host} [data-testid="sp-live"] #sp-live-body:not([aria-busy]) [data-testid^="sp-live-"][data-outcome]`,
    );
    await rows.first().waitFor({ timeout });
    return rows.evaluateAll((els) => els.map((e) => [e.dataset.testid.slice('sp-live-'.length), e.dataset.outcome]));
  }

  /**
   * Quick check (answer shown live), then, when `form` has refine answers,
   * the refine step; ends on the results.
   */
  async toResults(form = FORM) {
    await this.expectStep('form');
    await this.fillForm(form);
    await this.liveAnswer();
    if (Object.keys(form).some((k) => !(k in QUICK))) {
      await this.press('sp-refine');
      await this.expectStep('refine');
      await this.fillForm(form);
    }
    await this.next();
    await this.expectStep('results');
  }

  /** Answers the visible questions of the current survey page. */
  async answerPage(answers = SURVEY) {
    const questions = await this.scope
      .locator(`${this.host} [data-testid^="sp-q-"][data-type]`)
      .evaluateAll((els) =>
        els
          .filter((e) => e.offsetParent !== null || e.getClientRects().length > 0)
          .map((e) => [e.getAttribute('data-testid').slice('sp-q-'.length), e.getAttribute('data-type')]),
      );
    for (const [qid, type] of questions) {
      const value = answers[qid];
      if (value === undefined) continue;
      const prefix = `sp-q-${qid}`;
      if (type === 'single' || type === 'rating' || type === 'yesno') {
        await this.choose(prefix, value);
      } else if (type === 'multi') {
        for (const option of value) await this.set(`${prefix}-${option}`, true);
      } else if (type === 'number' || type === 'amount' || type === 'text') {
        await this.set(`${prefix}-input`, value);
      }
    }
    return questions.map(([qid]) => qid);
  }

  /**
   * Runs intro → form → results → survey (every page) → recommendations →
   * preview, calling `onStep(step)` on arrival at every step (and every
   * survey page). Returns the record JSON text shown in the preview.
   */
  async toPreview({ form = FORM, answers = SURVEY, onStep = async () => {} } = {}) {
    await this.expectStep('intro');
    await onStep('intro');
    await this.next();
    await this.expectStep('form');
    await onStep('form');
    await this.fillForm(form);
    await this.liveAnswer();
    await onStep('form:answered');
    if (Object.keys(form).some((k) => !(k in QUICK))) {
      await this.press('sp-refine');
      await this.expectStep('refine');
      await onStep('refine');
      await this.fillForm(form);
    }
    await this.next();
    await this.expectStep('results');
    await onStep('results');
    await this.next();
    await this.expectStep('survey');
    for (let page = 0; page < 20; page++) {
      await onStep(`survey:${page}`);
      await this.answerPage(answers);
      const before = await this.surveyPageId();
      await this.next();
      await this.scope.waitForFunction(
        ([host, before]) => {
          const root = document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="sp-root"]');
          const pageEl = root?.querySelector('[data-testid^="sp-page-"]');
          return root && (root.dataset.step !== 'survey' || pageEl?.dataset.testid !== before);
        },
        [this.host, before],
        { timeout: 10_000 },
      );
      if ((await this.step()) !== 'survey') break;
    }
    await this.expectStep('recommendations');
    await onStep('recommendations');
    await this.next();
    await this.expectStep('preview');
    await onStep('preview');
    return this.recordJson();
  }

  /** The current survey page's testid (`sp-page-<id>`), or null. */
  async surveyPageId() {
    const page = this.$('sp-root').locator('[data-testid^="sp-page-"]').first();
    return (await page.count()) ? page.getAttribute('data-testid') : null;
  }

  /** The raw record JSON shown in the preview. */
  async recordJson() {
    return (await this.$('sp-record-json').textContent()).trim();
  }

  /** Send (or Don't send) from the preview; waits for the thanks step. */
  async finish(send = true) {
    await this.press(send ? 'sp-send' : 'sp-dont-send');
    await this.expectStep('thanks');
  }
}
