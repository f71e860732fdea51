//! The pre-check form, rendered from the core's field specs (kind, range,
//! unit, choices with their labels, when a field is required): the quick
//! check's few inputs first, everything else on the optional refine step,
//! fields shown only when they matter (the credit detail after "yes, credit
//! problems", total assets for the industries classified by it). Reads the
//! visitor's raw input back from the DOM and turns it into the core's
//! `Profile` with `Profile::from_inputs`, listing the answers it assumed.

use sme_precheck::catalogue::Catalogue;
use sme_precheck::i18n::Lang;
use sme_precheck::json::Map;
use sme_precheck::profile::{Field, FieldKind, Industry, Profile, ProfileErrorKind};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, ShadowRoot};

use super::dom::{E, text};
use super::i18n::{Tr, s};

/// One input of the form: a profile field, or the quick check's yes/no
/// credit question (not a profile field: "no" leaves every credit field at
/// its neutral default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// A profile field.
    Profile(Field),
    /// "Any credit problems?"
    CreditProblems,
}

/// The name of the credit question's input.
pub const CREDIT_PROBLEMS: &str = "creditProblems";

impl Input {
    /// The input's name: the profile field's JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Input::Profile(f) => f.json_name(),
            Input::CreditProblems => CREDIT_PROBLEMS,
        }
    }

    /// The visible label.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Input::Profile(f) => f.label(lang),
            Input::CreditProblems => s::CREDIT_QUESTION.get(lang),
        }
    }
}

/// When an input is shown (and read).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Always.
    Always,
    /// After "yes" to the credit question.
    CreditProblems,
    /// The industry's size class depends on total assets.
    AssetsNeeded,
    /// The industry's size class does not depend on total assets.
    AssetsNotNeeded,
    /// Collateral other than "none" is offered.
    Collateral,
}

/// Which step a group belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// The quick check.
    Quick,
    /// The optional refine step.
    Refine,
}

/// An input and when it is shown.
pub struct Item {
    /// The input.
    pub input: Input,
    /// When it is shown.
    pub when: When,
}

/// A fieldset.
pub struct Group {
    /// Legend.
    pub legend: Tr,
    /// The step it is on.
    pub page: Page,
    /// Inputs in order.
    pub items: &'static [Item],
}

const fn f(field: Field) -> Item {
    Item {
        input: Input::Profile(field),
        when: When::Always,
    }
}

const fn credit(field: Field) -> Item {
    Item {
        input: Input::Profile(field),
        when: When::CreditProblems,
    }
}

/// The form: the quick check (what a loan officer asks first), then the
/// optional refine step.
pub const GROUPS: &[Group] = &[
    Group {
        legend: s::GROUP_ENTERPRISE,
        page: Page::Quick,
        items: &[
            f(Field::Industry),
            Item {
                input: Input::Profile(Field::TotalAssets),
                when: When::AssetsNeeded,
            },
            f(Field::MonthsOperating),
            f(Field::AnnualRevenue),
            f(Field::TaxCreditRating),
        ],
    },
    Group {
        legend: s::GROUP_CREDIT,
        page: Page::Quick,
        items: &[
            Item {
                input: Input::CreditProblems,
                when: When::Always,
            },
            credit(Field::OverdueCurrent),
            credit(Field::OverduesLast12Months),
            credit(Field::OverduesLast24Months),
            credit(Field::CreditInquiriesLast6Months),
            credit(Field::NonPerforming),
            credit(Field::AbnormalOperation),
            credit(Field::DishonestExecutee),
            credit(Field::ConsumptionRestricted),
            credit(Field::ControllerOverdueCurrent),
            credit(Field::ControllerOverduesLast24Months),
        ],
    },
    Group {
        legend: s::GROUP_LOAN,
        page: Page::Quick,
        items: &[
            f(Field::RequestedAmount),
            f(Field::TermMonths),
            f(Field::Collateral),
            Item {
                input: Input::Profile(Field::CollateralType),
                when: When::Collateral,
            },
            Item {
                input: Input::Profile(Field::CollateralValue),
                when: When::Collateral,
            },
        ],
    },
    Group {
        legend: s::GROUP_ENTERPRISE,
        page: Page::Refine,
        items: &[
            f(Field::Employees),
            f(Field::LegalRepAge),
            f(Field::Province),
            f(Field::City),
            f(Field::LifecycleStage),
            f(Field::Tags),
        ],
    },
    Group {
        legend: s::GROUP_REVENUE,
        page: Page::Refine,
        items: &[
            Item {
                input: Input::Profile(Field::TotalAssets),
                when: When::AssetsNotNeeded,
            },
            f(Field::TaxPaidLast24Months),
            f(Field::ExistingBusinessLoans),
            f(Field::ExistingLoansThisBank),
            f(Field::ExistingLoansOtherBanks),
            f(Field::AnnualSettlementFlow),
            f(Field::AnnualPayroll),
            f(Field::AnnualCustomsTrade),
            f(Field::AnnualElectricityBill),
            f(Field::AnnualLogisticsSpend),
        ],
    },
    Group {
        legend: s::GROUP_SUPPLY,
        page: Page::Refine,
        items: &[
            f(Field::SupplyChainRole),
            f(Field::SupplyChainTier),
            f(Field::CoreEnterpriseConfirms),
            f(Field::CoreEnterpriseReceivables),
            f(Field::CoreEnterprisePurchases),
        ],
    },
];

/// Required by the core but assumed when not given (the quick check does
/// not ask them; the assumption is shown with the answer).
const ASSUMABLE: [Field; 2] = [Field::Employees, Field::LegalRepAge];

/// Employees counted when the visitor did not say: one is below every
/// industry's small-enterprise threshold, so the size class follows the
/// revenue and the enterprise is treated as small or micro (said so).
const ASSUMED_EMPLOYEES: &str = "1";
/// Hint under money inputs.
const MONEY_HINT: Tr = Tr(
    "可输入 2,000,000 或 200万",
    "可輸入 2,000,000 或 200萬",
    "e.g. 2,000,000 or 200万",
);

/// The hint under a money input: how the typed text is read
/// (`= ¥12,340,000.00`), or an example when it is empty or unreadable.
pub fn money_hint(lang: Lang, typed: &str) -> String {
    match sme_precheck::money::parse_cny_input(typed.trim()) {
        Ok(d) if !typed.trim().is_empty() => format!("= {}", super::i18n::money_exact(d, lang)),
        _ => MONEY_HINT.get(lang).to_owned(),
    }
}

/// Every input, flattened (`totalAssets` appears once per place).
pub fn items() -> impl Iterator<Item = &'static Item> {
    GROUPS.iter().flat_map(|g| g.items.iter())
}

/// The input called `name`.
pub fn input(name: &str) -> Option<Input> {
    items().map(|i| i.input).find(|i| i.name() == name)
}

/// True when `name` is a money field of the form.
pub fn is_money(name: &str) -> bool {
    matches!(input(name), Some(Input::Profile(f)) if matches!(f.spec().kind, FieldKind::Money { .. }))
}

/// The industry chosen, if it is one the core knows.
fn industry_of(values: &Map<String, String>) -> Option<Industry> {
    Industry::parse(values.get(Field::Industry.json_name())?.trim())
}

/// The visitor answered "yes" to the credit question.
fn credit_problems(values: &Map<String, String>) -> bool {
    values.get(CREDIT_PROBLEMS).map(String::as_str) == Some("yes")
}

/// True when the item is shown for these inputs.
fn shown(item: &Item, values: &Map<String, String>) -> bool {
    let needs_assets = || industry_of(values).is_some_and(Industry::needs_total_assets);
    match item.when {
        When::Always => true,
        When::CreditProblems => credit_problems(values),
        When::AssetsNeeded => needs_assets(),
        When::AssetsNotNeeded => !needs_assets(),
        When::Collateral => values
            .get(Field::Collateral.json_name())
            .is_some_and(|c| !c.is_empty() && Some(c.as_str()) != Field::Collateral.spec().default),
    }
}

/// Names of the inputs shown on `page` for these inputs, in order.
pub fn visible(page: Page, values: &Map<String, String>) -> Vec<&'static str> {
    GROUPS
        .iter()
        .filter(|g| g.page == page)
        .flat_map(|g| g.items.iter())
        .filter(|i| shown(i, values))
        .map(|i| i.input.name())
        .collect()
}

/// The page an input is shown on for these inputs.
pub fn page_of(name: &str, values: &Map<String, String>) -> Option<Page> {
    GROUPS
        .iter()
        .find(|g| {
            g.items
                .iter()
                .any(|i| i.input.name() == name && shown(i, values))
        })
        .map(|g| g.page)
}

/// The text an input starts with: what was typed, else the spec's default
/// for choices and whole numbers (the term's 12, counts' 0, collateral
/// "none"); money starts empty (an empty optional amount is listed as
/// assumed).
fn raw(values: &Map<String, String>, input: Input) -> &str {
    if let Some(v) = values.get(input.name()) {
        return v;
    }
    match input {
        Input::Profile(f) => match f.spec().kind {
            FieldKind::Choice { .. } | FieldKind::Integer { .. } => f.spec().default.unwrap_or(""),
            _ => "",
        },
        Input::CreditProblems => "",
    }
}

/// True when the visitor must give the input.
fn required(input: Input, industry: Option<Industry>) -> bool {
    match input {
        Input::Profile(f) => !ASSUMABLE.contains(&f) && f.spec().requirement.applies(industry),
        Input::CreditProblems => false,
    }
}

/// Element id of an input's control (the first radio for yes/no).
pub fn input_id(name: &str) -> String {
    format!("sp-f-{name}")
}

/// Element id of an input's error message.
pub fn error_id(name: &str) -> String {
    format!("sp-e-{name}")
}

/// Renders the fieldsets of `page` with the saved values and any errors.
pub fn render(
    lang: Lang,
    page: Page,
    values: &Map<String, String>,
    errors: &[(String, String)],
) -> E {
    let industry = industry_of(values);
    let body = E::new("div").class("sp-groups");
    for g in GROUPS.iter().filter(|g| g.page == page) {
        let fs = E::new("fieldset")
            .class("sp-group")
            .child(text("legend", g.legend.get(lang)));
        for item in g.items.iter().filter(|i| shown(i, values)) {
            let name = item.input.name();
            let err = errors
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, m)| m.as_str());
            let req = required(item.input, industry);
            fs.push(render_input(
                lang,
                item.input,
                raw(values, item.input),
                req,
                err,
            ));
        }
        body.push(fs);
    }
    body
}

/// A group of radios or checkboxes: `(value, label)` options.
fn choices(
    lang: Lang,
    input: Input,
    kind: &str,
    options: &[(&str, &str)],
    chosen: &[&str],
    err: Option<&str>,
) -> E {
    let name = input.name();
    let id = input_id(name);
    let testid = format!("sp-field-{name}");
    let fs = E::new("fieldset")
        .class("sp-choices")
        .attr("id", &format!("sp-g-{name}"))
        .testid(&testid)
        .attr_if(err.is_some(), "aria-invalid", "true")
        .attr_if(err.is_some(), "aria-describedby", &error_id(name));
    fs.push(text("legend", input.label(lang)));
    for (i, (v, label)) in options.iter().enumerate() {
        let oid = if i == 0 {
            id.clone()
        } else {
            format!("{id}-{v}")
        };
        fs.push(
            E::new("div")
                .class("sp-choice")
                .child(
                    E::new("input")
                        .attr("type", kind)
                        .attr("id", &oid)
                        .attr("name", name)
                        .attr("value", v)
                        .testid(&format!("{testid}-{v}"))
                        .attr_if(chosen.contains(v), "checked", ""),
                )
                .child(E::new("label").attr("for", &oid).text(label)),
        );
    }
    fs
}

fn render_input(lang: Lang, input: Input, value: &str, req: bool, err: Option<&str>) -> E {
    let name = input.name();
    let id = input_id(name);
    let eid = error_id(name);
    let testid = format!("sp-field-{name}");
    let row = E::new("div").class("sp-field").attr("data-field", name);
    let error = err.map(|m| E::new("p").class("sp-error").attr("id", &eid).text(m));
    let field = match input {
        Input::CreditProblems => {
            let opts = [("yes", s::YES.get(lang)), ("no", s::NO.get(lang))];
            let group =
                choices(lang, input, "radio", &opts, &[value], err).class("sp-choices sp-yesno");
            return row
                .class("sp-field sp-field-multi")
                .child(group)
                .child_opt(error);
        }
        Input::Profile(f) => f,
    };
    let spec = field.spec();
    let mut described = Vec::new();
    let note = field.note(lang).map(|n| {
        let nid = format!("sp-n-{name}");
        described.push(nid.clone());
        E::new("span").class("sp-hint").attr("id", &nid).text(n)
    });
    let money = matches!(spec.kind, FieldKind::Money { .. });
    let hint = money.then(|| {
        let hid = format!("sp-h-{name}");
        described.push(hid.clone());
        E::new("span")
            .class("sp-hint")
            .attr("id", &hid)
            .text(&money_hint(lang, value))
    });
    let uid = format!("sp-u-{name}");
    if spec.unit.is_some() {
        described.push(uid.clone());
    }
    if err.is_some() {
        described.push(eid.clone());
    }
    let control = match spec.kind {
        FieldKind::Money { .. } | FieldKind::Integer { .. } => E::new("input")
            .attr("id", &id)
            .attr("name", name)
            .attr("type", "text")
            .attr("inputmode", if money { "decimal" } else { "numeric" })
            .attr("autocomplete", "off")
            .attr("value", value)
            .testid(&testid)
            .attr_if(req, "aria-required", "true"),
        FieldKind::Text { max_len } => E::new("input")
            .attr("id", &id)
            .attr("name", name)
            .attr("type", "text")
            .attr("maxlength", &max_len.to_string())
            .attr("value", value)
            .testid(&testid),
        FieldKind::Bool => E::new("input")
            .attr("id", &id)
            .attr("name", name)
            .attr("type", "checkbox")
            .attr_if(value == "true", "checked", "")
            .testid(&testid),
        FieldKind::Choice { codes } => {
            let sel = E::new("select")
                .attr("id", &id)
                .attr("name", name)
                .testid(&testid)
                .attr_if(req, "aria-required", "true");
            sel.push(E::new("option").attr("value", "").text(s::CHOOSE.get(lang)));
            for code in choice_order(field, codes) {
                sel.push(
                    E::new("option")
                        .attr("value", code)
                        .attr_if(code == value, "selected", "")
                        .text(field.option_label(code, lang).unwrap_or(code)),
                );
            }
            sel
        }
        FieldKind::MultiChoice { codes } => {
            let opts: Vec<(&str, &str)> = codes
                .iter()
                .map(|c| (*c, field.option_label(c, lang).unwrap_or(c)))
                .collect();
            let chosen: Vec<&str> = value.split(',').filter(|s| !s.is_empty()).collect();
            let group = choices(lang, input, "checkbox", &opts, &chosen, err);
            return row
                .class("sp-field sp-field-multi")
                .child(group)
                .child_opt(error);
        }
    };
    let control = if described.is_empty() {
        control
    } else {
        control.attr("aria-describedby", &described.join(" "))
    };
    let control = control.attr_if(err.is_some(), "aria-invalid", "true");
    let label = E::new("label").attr("for", &id).text(field.label(lang));
    let row = if matches!(spec.kind, FieldKind::Bool) {
        row.class("sp-field sp-field-check")
            .child(control)
            .child(label)
    } else {
        let wrap = E::new("div")
            .class("sp-control")
            .child(control)
            .child_opt(spec.unit.map(|u| {
                E::new("span")
                    .class("sp-unit")
                    .attr("id", &uid)
                    .text(u.label(lang))
            }));
        row.child(label).child(wrap).child_opt(note).child_opt(hint)
    };
    row.child_opt(error)
}

/// The industries most science-and-technology enterprises are in, listed
/// first (fewer key presses for most visitors); the others follow in the
/// core's order.
const FIRST_INDUSTRIES: [Industry; 3] = [
    Industry::Software,
    Industry::InformationTransmission,
    Industry::Industry,
];

/// A choice field's codes in display order.
fn choice_order(field: Field, codes: &'static [&'static str]) -> Vec<&'static str> {
    if field != Field::Industry {
        return codes.to_vec();
    }
    let first = FIRST_INDUSTRIES.map(Industry::as_str);
    first
        .into_iter()
        .chain(codes.iter().copied().filter(|c| !first.contains(c)))
        .collect()
}

fn checked(root: &ShadowRoot, id: &str) -> bool {
    root.get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// Reads the current raw values of every input present in the shadow root
/// into `values` (inputs not rendered keep their saved value).
pub fn read(root: &ShadowRoot, values: &mut Map<String, String>) {
    for item in items() {
        let name = item.input.name();
        let id = input_id(name);
        let Some(el) = root.get_element_by_id(&id) else {
            continue;
        };
        let kind = match item.input {
            Input::Profile(f) => Some(f.spec().kind),
            Input::CreditProblems => None,
        };
        let v = match kind {
            None => {
                if checked(root, &id) {
                    "yes".to_owned()
                } else if checked(root, &format!("{id}-no")) {
                    "no".to_owned()
                } else {
                    String::new()
                }
            }
            Some(FieldKind::MultiChoice { codes }) => codes
                .iter()
                .enumerate()
                .filter(|(i, c)| {
                    checked(
                        root,
                        &if *i == 0 {
                            id.clone()
                        } else {
                            format!("{id}-{c}")
                        },
                    )
                })
                .map(|(_, c)| *c)
                .collect::<Vec<_>>()
                .join(","),
            Some(FieldKind::Bool) => {
                if checked(root, &id) {
                    "true".to_owned()
                } else {
                    String::new()
                }
            }
            Some(_) => {
                if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                    i.value()
                } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
                    s.value()
                } else {
                    continue;
                }
            }
        };
        values.insert(name.to_owned(), v);
    }
}

/// An answer the quick check assumed because the visitor did not give it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Assumed {
    /// Employees not given: counted as a small or micro enterprise.
    SmallOrMicro,
    /// The legal representative's age not given: within the accepted range.
    LegalRepAge,
    /// The credit question not answered: no credit problems.
    NoCreditProblems,
    /// Optional amounts left empty, counted as zero.
    Empty(Vec<Field>),
}

/// An input's problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Input name.
    pub field: String,
    /// The core's message in the visitor's language.
    pub message: String,
    /// The input is required and empty (not flagged while the visitor types).
    pub missing: bool,
}

/// The profile built from the form, and what it assumed.
#[derive(Clone, Debug)]
pub struct Built {
    /// The profile, validated by the core.
    pub profile: Profile,
    /// Answers assumed, in display order.
    pub assumed: Vec<Assumed>,
}

/// Builds the core's profile from the raw inputs with
/// `Profile::from_inputs` (the core validates with the same specs the form
/// renders from). Employees and the legal representative's age, when not
/// given, are assumed (an age in the middle of the catalogue's accepted
/// range). On failure returns every problem on its own input, with the
/// core's message in `lang`.
pub fn to_profile(
    lang: Lang,
    values: &Map<String, String>,
    catalogue: &Catalogue,
) -> Result<Built, Vec<FieldError>> {
    let given = |f: Field| {
        values
            .get(f.json_name())
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    };
    let credit = credit_problems(values);
    let detail: Vec<Field> = items()
        .filter(|i| i.when == When::CreditProblems)
        .filter_map(|i| match i.input {
            Input::Profile(f) => Some(f),
            Input::CreditProblems => None,
        })
        .collect();
    let ages = catalogue.rules.legal_rep_age;
    let age = (ages.min + (ages.max - ages.min) / 2).to_string();
    let mut assumed = Vec::new();
    if given(Field::Employees).is_none() {
        assumed.push(Assumed::SmallOrMicro);
    }
    if given(Field::LegalRepAge).is_none() {
        assumed.push(Assumed::LegalRepAge);
    }
    if values.get(CREDIT_PROBLEMS).is_none_or(|v| v.is_empty()) {
        assumed.push(Assumed::NoCreditProblems);
    }
    let empty: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|f| matches!(f.spec().kind, FieldKind::Money { .. }))
        .filter(|f| f.spec().default == Some("0") && given(*f).is_none())
        .collect();
    if !empty.is_empty() {
        assumed.push(Assumed::Empty(empty));
    }
    let result = Profile::from_inputs(|f| {
        if !credit && detail.contains(&f) {
            return None;
        }
        given(f).or(match f {
            Field::Employees => Some(ASSUMED_EMPLOYEES),
            Field::LegalRepAge => Some(age.as_str()),
            _ => None,
        })
    });
    result
        .map(|profile| Built { profile, assumed })
        .map_err(|errors| {
            let mut errors: Vec<FieldError> = errors
                .into_iter()
                .map(|e| FieldError {
                    field: e.field.map_or("", Field::json_name).to_owned(),
                    message: e.message(lang),
                    missing: e.kind == ProfileErrorKind::Missing,
                })
                .collect();
            in_display_order(&mut errors);
            errors
        })
}

/// Puts `errors` in the order the visitor sees the inputs (an error on no
/// input first), keeping the core's order among equals: an insertion sort,
/// as the list is short and a library sort would add its code to the wasm.
fn in_display_order(errors: &mut [FieldError]) {
    let rank = |e: &FieldError| items().position(|i| i.input.name() == e.field);
    for i in 1..errors.len() {
        let mut j = i;
        while j > 0 && rank(&errors[j - 1]) > rank(&errors[j]) {
            errors.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(pairs: &[(&str, &str)]) -> Map<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn cat() -> &'static Catalogue {
        Catalogue::default_catalogue()
    }

    #[test]
    fn errors_follow_the_inputs_on_screen_with_unplaced_ones_first() {
        let error = |field: &str, message: &str| FieldError {
            field: field.into(),
            message: message.into(),
            missing: false,
        };
        let mut errors = vec![
            error("termMonths", "a"),
            error("industry", "b"),
            error("", "c"),
            error("annualRevenue", "d"),
            error("industry", "e"),
            error("", "f"),
        ];
        in_display_order(&mut errors);
        let order: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(order, ["c", "f", "b", "e", "d", "a"]);
    }

    #[test]
    fn the_quick_check_has_eight_inputs_and_every_field_has_a_place() {
        let quick = visible(Page::Quick, &Map::new());
        assert_eq!(
            quick,
            [
                "industry",
                "monthsOperating",
                "annualRevenue",
                "taxCreditRating",
                CREDIT_PROBLEMS,
                "requestedAmount",
                "termMonths",
                "collateral"
            ]
        );
        let yes = typed(&[(CREDIT_PROBLEMS, "yes"), ("industry", "construction")]);
        let detail = visible(Page::Quick, &yes);
        assert!(detail.contains(&"overduesLast24Months") && detail.contains(&"totalAssets"));
        assert!(!visible(Page::Refine, &yes).contains(&"totalAssets"));
        for field in Field::ALL {
            let places = items().filter(|i| i.input == Input::Profile(field)).count();
            assert!(
                places >= 1,
                "{} has no place in the form",
                field.json_name()
            );
        }
    }

    #[test]
    fn industries_list_the_common_ones_first_and_every_one_once() {
        let codes = &Industry::CODES;
        let order = choice_order(Field::Industry, codes);
        assert_eq!(order[0], Industry::Software.as_str());
        let mut sorted = order.clone();
        sorted.sort_unstable();
        let mut all = codes.to_vec();
        all.sort_unstable();
        assert_eq!(sorted, all);
    }

    #[test]
    fn four_quick_answers_give_a_profile_with_the_rest_assumed() {
        let values = typed(&[
            ("industry", "software"),
            ("monthsOperating", "４０"),
            ("annualRevenue", "1,234万"),
            ("taxCreditRating", "A"),
        ]);
        let built = to_profile(Lang::ZhHans, &values, cat()).unwrap();
        let p = &built.profile;
        assert_eq!(p.annual_revenue, "12340000".parse().unwrap());
        assert_eq!(p.months_operating, 40);
        assert_eq!(p.term_months, 12);
        assert_eq!(p.employees, 1);
        let age = cat().rules.legal_rep_age;
        assert!((age.min..=age.max).contains(&p.legal_rep_age));
        assert_eq!(
            built.assumed[..3],
            [
                Assumed::SmallOrMicro,
                Assumed::LegalRepAge,
                Assumed::NoCreditProblems
            ]
        );
        assert!(
            matches!(&built.assumed[3], Assumed::Empty(f) if f.contains(&Field::TaxPaidLast24Months))
        );
        // Given answers are not assumed.
        let mut values = values;
        values.extend(typed(&[("employees", "25"), ("legalRepAge", "42")]));
        let built = to_profile(Lang::ZhHans, &values, cat()).unwrap();
        assert_eq!(built.profile.legal_rep_age, 42);
        assert!(!built.assumed.contains(&Assumed::SmallOrMicro));
    }

    #[test]
    fn credit_detail_counts_only_after_yes() {
        let mut values = typed(&[
            ("industry", "software"),
            ("monthsOperating", "40"),
            ("annualRevenue", "500万"),
            ("taxCreditRating", "B"),
            ("overduesLast12Months", "3"),
            ("overduesLast24Months", "3"),
            (CREDIT_PROBLEMS, "no"),
        ]);
        let p = to_profile(Lang::En, &values, cat()).unwrap().profile;
        assert_eq!(p.overdues_last12_months, 0);
        values.insert(CREDIT_PROBLEMS.into(), "yes".into());
        let p = to_profile(Lang::En, &values, cat()).unwrap().profile;
        assert_eq!(p.overdues_last12_months, 3);
    }

    #[test]
    fn core_errors_land_on_the_field_they_are_about_in_the_visitors_language() {
        let base = [
            ("monthsOperating", "40"),
            ("annualRevenue", "500万"),
            ("taxCreditRating", "B"),
        ];
        let mut assets = typed(&base);
        assets.insert("industry".into(), "construction".into());
        let mut overdues = typed(&base);
        overdues.extend(typed(&[
            ("industry", "software"),
            (CREDIT_PROBLEMS, "yes"),
            ("overduesLast12Months", "2"),
            ("overduesLast24Months", "1"),
        ]));
        for (values, field) in [(assets, "totalAssets"), (overdues, "overduesLast24Months")] {
            let en = to_profile(Lang::En, &values, cat()).unwrap_err();
            let zh = to_profile(Lang::ZhHans, &values, cat()).unwrap_err();
            assert_eq!(en.len(), 1, "{en:?}");
            assert_eq!(en[0].field, field);
            assert_eq!(zh[0].field, field);
            assert!(!en[0].missing);
            assert_ne!(en[0].message, zh[0].message, "localized");
            assert!(
                !zh[0].message.contains(field),
                "no JSON names for visitors: {}",
                zh[0].message
            );
        }
    }

    #[test]
    fn every_bad_input_gets_its_own_message() {
        let values = typed(&[
            ("annualRevenue", "lots"),
            ("employees", "-3"),
            ("legalRepAge", "200"),
        ]);
        let errs = to_profile(Lang::En, &values, cat()).unwrap_err();
        let by = |n: &str| errs.iter().find(|e| e.field == n).unwrap();
        for f in ["annualRevenue", "employees", "legalRepAge"] {
            assert!(!by(f).message.is_empty() && !by(f).missing, "{f}");
        }
        assert!(by("legalRepAge").message.contains("120"));
        assert!(by("industry").missing, "an empty required field is missing");
        assert!(
            !errs.iter().any(|e| e.field == "termMonths"),
            "has a default"
        );
    }
}
