// Public TypeScript types of the package's JS API entry `sme-precheck/api`
// (dist/api/sme-precheck-api.d.ts). Hand-written to describe the JSON shapes
// of the core; the wasm-bindgen glue's own declarations are in
// sme_precheck_api.d.ts, and a test (tests/types/) checks that every function
// here takes the parameters the glue's does and that the entry exports
// exactly what is declared here.
//
// Money is always a decimal string in CNY ("2000000.00"), never a number.
// Every function throws an `Error` whose message names the bad field or JSON
// path; business outcomes such as "not_eligible" are data, not errors.

/** A display language; zh-Hans is the default. */
export type Lang = 'zh-Hans' | 'zh-Hant' | 'en';

/** A CNY amount as a decimal string, e.g. "2000000" or "12345.67". */
export type Money = string;

/** Industries of the MIIT size classification (snake_case). */
export type Industry =
  | 'agriculture'
  | 'industry'
  | 'construction'
  | 'wholesale'
  | 'retail'
  | 'transport'
  | 'warehousing'
  | 'postal'
  | 'accommodation'
  | 'catering'
  | 'information_transmission'
  | 'software'
  | 'real_estate'
  | 'property_management'
  | 'leasing_business_services'
  | 'other'
  | (string & {});

/** The enterprise profile evaluated by the pre-check (see docs/precheck.md). */
export interface Profile {
  monthsOperating: number;
  industry: Industry;
  employees: number;
  annualRevenue: Money;
  totalAssets?: Money;
  taxPaidLast24Months?: Money;
  taxCreditRating: 'A' | 'B' | 'M' | 'C' | 'D';
  legalRepAge: number;
  overdueCurrent?: boolean;
  overduesLast12Months?: number;
  overduesLast24Months?: number;
  nonPerforming?: boolean;
  creditInquiriesLast6Months?: number;
  abnormalOperation?: boolean;
  dishonestExecutee?: boolean;
  consumptionRestricted?: boolean;
  tags?: Array<'high_tech' | 'specialized_new'>;
  existingBusinessLoans?: Money;
  requestedAmount?: Money;
  termMonths?: number;
  collateral?: 'none' | 'property' | 'pledge' | 'guarantee';
  lifecycleStage?: 'startup' | 'growth' | 'mature';
  /** GB/T 2260 two-digit province code, e.g. "11". */
  province?: string;
  supplyChainRole?: 'none' | 'supplier' | 'distributor';
  coreEnterpriseReceivables?: Money;
  coreEnterprisePurchases?: Money;
  annualSettlementFlow?: Money;
  annualPayroll?: Money;
}

/** Outcome of one product. */
export type Outcome =
  | 'pre_qualified'
  | 'pre_qualified_with_review'
  | 'needs_collateral'
  | 'needs_collateral_or_lower_amount'
  | 'refer_to_branch'
  | 'not_eligible'
  | 'not_small_or_micro';

/** Product ids of the default catalogue (a custom catalogue may add others). */
export type ProductId =
  | 'jingying_kuaidai'
  | 'wangdaitong'
  | 'digital_supply_chain'
  | 'settlement_loan'
  | 'tax_loan'
  | 'payroll_loan'
  | (string & {});

/** A reason or a "what would change it" hint: stable code + localized text. */
export interface Message {
  code: string;
  message: string;
}

/** A range of money or of annual percentages ("3.35"). */
export interface Range {
  low: string;
  high: string;
}

/** Repayment estimate; its exact shape is the core's (see docs/widget-package.md). */
export type Repayment = Record<string, unknown>;

/** The result for one product. */
export interface ProductResult {
  id: ProductId;
  name: string;
  outcome: Outcome;
  reasons: Message[];
  changes: Message[];
  limit: Range | null;
  rate: Range | null;
  repayment: Repayment | null;
  [extra: string]: unknown;
}

/** The whole pre-check result (the same JSON as `precheck evaluate`). */
export interface Evaluation {
  lang: Lang;
  sizeClass: 'micro' | 'small' | 'medium' | 'large';
  /** "Indicative, not an offer." in the requested language. */
  notice: string;
  /** 1-year LPR used, annual percent string. */
  lpr: string;
  products: ProductResult[];
  [extra: string]: unknown;
}

/** A product catalogue (JSON data); see `defaultCatalogue()`. */
export type Catalogue = Record<string, unknown>;

/**
 * Instantiates the API's wasm once (later calls return the same promise;
 * after a failure the next call tries again). Every other function throws
 * until it has resolved. Without an argument the .wasm next to the module is
 * fetched (in Node: read from disk).
 */
export function ready(wasm?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;

/**
 * Pre-checks a profile against a catalogue (default when omitted or null).
 * `summary = true` leaves out the month-by-month schedules (totals stay),
 * like `precheck evaluate --summary`.
 */
export function evaluate(
  profile: Profile | string,
  catalogue?: Catalogue | string | null,
  lang?: Lang | string | null,
  summary?: boolean | null,
): Evaluation;

/** The same, as the exact JSON text `precheck evaluate` prints. */
export function evaluateJson(
  profile: Profile | string,
  catalogue?: Catalogue | string | null,
  lang?: Lang | string | null,
  summary?: boolean | null,
): string;

/** Parses money as typed ("2,000,000", "200万", "1.5亿") into a decimal string. */
export function parseMoney(input: string): Money;

/** Throws the first problem of a catalogue, naming its JSON path. */
export function validateCatalogue(catalogue: Catalogue | string): void;

/** The default catalogue (six products). */
export function defaultCatalogue(): Catalogue;

/** Supported language tags, default first. */
export function languages(): Lang[];

/** The package version. */
export function version(): string;

// ---------------------------------------------------------------- survey

/** Answers keyed by question id: single → "optionId", multi/ranking →
 *  ["a","b"], number/amount → decimal string, rating → integer, yes/no →
 *  boolean, text → string. */
export type Answers = Record<string, string | string[] | number | boolean | null>;

/** A survey definition (JSON data); see `defaultSurvey()`. */
export type SurveyDefinition = Record<string, unknown>;

/** "default", a definition object or its JSON text. */
export type SurveyArg = 'default' | SurveyDefinition | string | undefined | null;

/** A validation error of one visible question. */
export interface QuestionError {
  question: string;
  /** required, invalid, min, max, min_select, max_select, too_long, integer or rule. */
  code: string;
  message: string;
}

/** Answered visible questions out of visible questions. */
export interface Progress {
  answered: number;
  visible: number;
}

/** A lifecycle service-plan item recommended from the stage and answers. */
export interface Recommendation {
  dimension: 'individual' | 'corporate' | 'enablement' | (string & {});
  id: string;
  title: string;
  reason: string;
  [extra: string]: unknown;
}

/** The result of a run: the JSON of `precheck survey-run`. */
export interface SurveyRun {
  visible: string[];
  errors: QuestionError[];
  complete: boolean;
  progress: Progress;
  recommendations: Recommendation[];
}

/** The default survey definition. */
export function defaultSurvey(): SurveyDefinition;

/** Throws the first problem of a definition, naming its JSON path. */
export function validateSurvey(survey: SurveyDefinition | string): void;

/** Runs a survey over answers (what `precheck survey-run` prints). */
export function surveyRun(survey: SurveyArg, answers: Answers | string, lang?: Lang | string): SurveyRun;

/** The same, as JSON text. */
export function surveyRunJson(survey: SurveyArg, answers: Answers | string, lang?: Lang | string): string;

/** A survey being answered page by page; `state()` saves, `new SurveySession(s, state)` resumes. */
export class SurveySession {
  constructor(survey?: SurveyArg, state?: string);
  /** Sets (null/undefined clears) one answer; hidden questions' answers are dropped. */
  setAnswer(id: string, value: Answers[string] | undefined): void;
  answers(): Answers;
  /** Visible question ids in display order. */
  visible(): string[];
  pageId(): string;
  /** Visible question ids of the current page. */
  pageQuestions(): string[];
  /** Next page; false (staying) when this page has errors or is the last. */
  next(): boolean;
  previous(): boolean;
  errors(lang?: Lang | string, pageOnly?: boolean): QuestionError[];
  progress(): Progress;
  complete(): boolean;
  /** Compact save-and-resume state (JSON text). */
  state(): string;
  run(lang?: Lang | string): SurveyRun;
  free(): void;
}

// ------------------------------------------------------- anonymized record

/** The anonymized, randomized record that is the only thing ever sent. */
export interface FeedbackRecord {
  v: 1;
  /** Random UUID v4, for de-duplication only. */
  id: string;
  /** ISO week, e.g. "2026-W48". */
  week: string;
  partner: string;
  /** Survey id and version, e.g. "default@1". */
  survey: string;
  /** Every schema field exactly once, bucketed and randomized. */
  fields: Record<string, string>;
}

/**
 * Builds the record on this device (k-ary randomized response with
 * crypto.getRandomValues). Reads only annualRevenue, industry and province of
 * `profile` and the outcomes and size class of `result`.
 */
export function buildRecord(
  partner: string,
  answers: Answers,
  profile?: Profile | Record<string, unknown> | null,
  result?: Evaluation | null,
  survey?: SurveyArg,
): FeedbackRecord;

/** Reproducible record for conformance tests only (seeded noise protects no one). */
export function buildRecordSeeded(
  seed: number,
  date: string,
  partner: string,
  answers: Answers,
  profile?: Profile | Record<string, unknown> | null,
  result?: Evaluation | null,
  survey?: SurveyArg,
): FeedbackRecord;

/** An Error thrown by validateRecord/buildRecord, classified like the server does. */
export interface RecordError extends Error {
  /** malformed, unsupported_version, unknown_survey, unknown_field, missing_field, out_of_range, bad_id, bad_week, bad_partner, bad_input */
  code: string;
  /** 400 (malformed) or 422. */
  status: number;
}

/** Checks a record against a survey's schema as the server does; throws a RecordError. */
export function validateRecord(record: FeedbackRecord | string, survey?: SurveyArg): void;
