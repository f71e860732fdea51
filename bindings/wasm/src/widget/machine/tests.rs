//! The flow, natively: every step, Back/Next, the live answer, what-if,
//! language switch, resume after reload, send and offline.

use super::*;

fn start(lang: Lang) -> State {
    State::new(lang)
}

fn run(s: State, a: Action) -> (State, Vec<Effect>) {
    transition(s, a)
}

fn step(s: State, a: Action) -> State {
    transition(s, a).0
}

fn inputs(pairs: &[(&str, &str)]) -> Action {
    Action::Inputs {
        values: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        focus: "sp-f-x".into(),
    }
}

/// The quick check as a visitor types it: four required answers.
const QUICK: [(&str, &str); 5] = [
    ("industry", "software"),
    ("monthsOperating", "30"),
    ("annualRevenue", "800万"),
    ("taxCreditRating", "B"),
    ("creditProblems", "no"),
];

fn saved(fx: &[Effect]) -> Option<String> {
    fx.iter().rev().find_map(|e| match e {
        Effect::Save(t) => Some(t.clone()),
        _ => None,
    })
}

fn on_form() -> State {
    step(start(Lang::ZhHans), Action::Next)
}

fn filled() -> State {
    let s = step(on_form(), inputs(&QUICK));
    step(s, Action::Evaluate)
}

/// From the results through every survey page to the recommendations,
/// answering what each page requires (answers to hidden questions are
/// dropped by the page's validation).
fn through_survey(mut s: State) -> State {
    s = step(s, Action::Next);
    for _ in 0..40 {
        let Step::Survey(page) = s.step else { break };
        let mut answers = s.answers.clone();
        let questions = survey::with_survey(&answers, |sv| sv.pages[page].questions.clone());
        for q in &questions {
            if q.required && !answers.contains_key(&q.id) {
                answers.insert(q.id.clone(), sample_answer(q));
            }
        }
        s = step(
            s,
            Action::Answers {
                answers,
                focus: String::new(),
                redraw: false,
            },
        );
        s = step(s, Action::Next);
    }
    s
}

fn sample_answer(q: &sme_precheck::survey::Question) -> Value {
    use sme_precheck::survey::QuestionKind as K;
    match &q.kind {
        K::Single { options } => Value::from(options[0].id.as_str()),
        K::Multi { options, .. } => Value::from(vec![Value::from(options[0].id.as_str())]),
        K::Ranking { options } => Value::from(
            options
                .iter()
                .map(|o| Value::from(o.id.as_str()))
                .collect::<Vec<_>>(),
        ),
        K::Rating { .. } => Value::from(3),
        K::YesNo => Value::from(false),
        K::Number { .. } | K::Amount { .. } => Value::from("100"),
        K::Text { .. } => Value::from("x"),
    }
}

#[test]
fn intro_next_opens_the_quick_check_and_back_returns() {
    let (s, fx) = run(start(Lang::ZhHans), Action::Next);
    assert_eq!(s.step, Step::Form);
    assert!(fx.contains(&Effect::Render(Focus::Heading)));
    assert!(saved(&fx).unwrap().contains(r#""step":"form""#));
    let s = step(s, Action::Back);
    assert_eq!(s.step, Step::Intro);
}

#[test]
fn typing_is_debounced_then_the_answer_appears_live() {
    let (s, fx) = run(on_form(), inputs(&QUICK[..4]));
    assert_eq!(fx.last(), Some(&Effect::Debounce), "{fx:?}");
    assert!(s.evaluation.is_none(), "nothing computed before the pause");
    let (s, fx) = run(s, Action::Evaluate);
    assert_eq!(fx, [Effect::RenderLive]);
    let e = s.evaluation.as_ref().expect("four answers give an answer");
    assert_eq!(
        e.products.len(),
        Catalogue::default_catalogue().products.len()
    );
    assert_eq!(
        s.step,
        Step::Form,
        "no submit between the form and the answer"
    );
    assert!(s.assumed.contains(&form::Assumed::NoCreditProblems));
    assert!(s.errors.is_empty());
}

#[test]
fn a_pause_timer_that_fires_after_next_redraws_nothing() {
    // The visitor types the last answer and presses Next within the pause:
    // Next evaluates and draws the results, then the timer armed by the
    // typing fires. Redrawing then would replace the comparison (and an
    // open product's chart) under the visitor.
    let (s, fx) = run(on_form(), inputs(&QUICK));
    assert_eq!(fx.last(), Some(&Effect::Debounce));
    let s = step(s, Action::Next);
    assert_eq!(s.step, Step::Results);
    let s = step(s, Action::ChooseProduct(Some("tax_loan".into())));
    let (s, fx) = run(s, Action::Evaluate);
    assert_eq!(fx, [], "nothing changed since Next evaluated");
    assert_eq!(s.chosen_product.as_deref(), Some("tax_loan"));
    // Typing again arms it again.
    let (s, _) = run(s, inputs(&[("annualRevenue", "900万")]));
    let (_, fx) = run(s, Action::Evaluate);
    assert_eq!(fx, [Effect::RenderLive]);
}

#[test]
fn missing_fields_are_named_but_not_flagged_while_typing() {
    let s = step(on_form(), inputs(&QUICK[..2]));
    let s = step(s, Action::Evaluate);
    assert!(s.evaluation.is_none());
    assert_eq!(s.missing, ["annualRevenue", "taxCreditRating"]);
    assert!(
        s.errors.is_empty(),
        "no red fields while typing: {:?}",
        s.errors
    );
    // A value that cannot be read is flagged at once.
    let s = step(s, inputs(&[("annualRevenue", "lots")]));
    let s = step(s, Action::Evaluate);
    assert_eq!(s.errors.len(), 1);
    assert_eq!(s.errors[0].0, "annualRevenue");
    // Next flags every missing field and stays.
    let (s, fx) = run(s, Action::Next);
    assert_eq!(s.step, Step::Form);
    assert!(fx.contains(&Effect::Render(Focus::FirstError)));
    let flagged: Vec<&str> = s.errors.iter().map(|(f, _)| f.as_str()).collect();
    assert!(flagged.contains(&"taxCreditRating") && flagged.contains(&"annualRevenue"));
}

#[test]
fn yes_to_credit_problems_opens_the_detail_and_redraws() {
    let (s, fx) = run(
        filled(),
        Action::Inputs {
            values: [("creditProblems".to_string(), "yes".to_string())].into(),
            focus: "sp-f-creditProblems".into(),
        },
    );
    assert!(fx.contains(&Effect::Render(Focus::Control(
        "sp-f-creditProblems".into()
    ))));
    assert!(form::visible(Page::Quick, &s.inputs).contains(&"overduesLast12Months"));
    // An overdue now makes every product worse or equal.
    let s = step(s, inputs(&[("overdueCurrent", "true")]));
    let s = step(s, Action::Evaluate);
    let e = s.evaluation.unwrap();
    assert!(
        e.products
            .iter()
            .all(|p| p.outcome == precheck::Outcome::NotEligible)
    );
}

#[test]
fn core_errors_land_on_their_own_field() {
    let s = step(filled(), inputs(&[("industry", "construction")]));
    assert!(
        s.errors.iter().any(|(f, _)| f == "totalAssets"),
        "{:?}",
        s.errors
    );
    assert!(!s.errors.iter().any(|(f, _)| f == "industry"));
    let s = step(
        filled(),
        inputs(&[
            ("creditProblems", "yes"),
            ("overduesLast12Months", "2"),
            ("overduesLast24Months", "1"),
        ]),
    );
    assert_eq!(s.errors.len(), 1);
    assert_eq!(s.errors[0].0, "overduesLast24Months");
}

#[test]
fn refine_is_optional_and_next_goes_to_the_results() {
    let s = step(filled(), Action::Refine);
    assert_eq!(s.step, Step::Refine);
    let s = step(s, inputs(&[("employees", "25"), ("legalRepAge", "42")]));
    let s = step(s, Action::Evaluate);
    assert!(!s.assumed.contains(&form::Assumed::SmallOrMicro));
    assert_eq!(s.profile.as_ref().unwrap().employees, 25);
    let s = step(s, Action::Back);
    assert_eq!(s.step, Step::Form);
    let s = step(s, Action::Next);
    assert_eq!(s.step, Step::Results);
}

#[test]
fn an_error_on_the_quick_check_brings_refine_back_to_it() {
    let s = step(on_form(), Action::Refine);
    let s = step(s, inputs(&[("employees", "25")]));
    let s = step(s, Action::Next);
    assert_eq!(s.step, Step::Form, "industry is on the quick check");
    assert_eq!(s.errors[0].0, "industry");
}

#[test]
fn what_if_recomputes_at_once() {
    let s = step(filled(), Action::Next);
    assert_eq!(s.step, Step::Results);
    let (s, fx) = run(
        s,
        Action::WhatIf {
            field: "requestedAmount".into(),
            value: "50万".into(),
        },
    );
    assert!(fx.contains(&Effect::RenderLive) && !fx.contains(&Effect::Debounce));
    let e = s.evaluation.as_ref().unwrap();
    let principals: Vec<_> = e
        .products
        .iter()
        .filter_map(|p| p.repayment.as_ref().map(|r| r.principal))
        .collect();
    assert!(!principals.is_empty());
    assert!(principals.iter().all(|p| *p <= "500000".parse().unwrap()));
    let s = step(
        s,
        Action::WhatIf {
            field: "termMonths".into(),
            value: "6".into(),
        },
    );
    let terms: Vec<u32> = s
        .evaluation
        .unwrap()
        .products
        .iter()
        .filter_map(|p| p.repayment.as_ref().map(|r| r.term_months))
        .collect();
    // Every product lends for six months.
    assert!(
        !terms.is_empty() && terms.iter().all(|t| *t == 6),
        "{terms:?}"
    );
}

#[test]
fn the_whole_flow_with_back_and_next_then_send() {
    let s = step(filled(), Action::Next);
    assert_eq!(s.step, Step::Results);
    let s = step(
        s,
        Action::WhatIf {
            field: "requestedAmount".into(),
            value: "100万".into(),
        },
    );
    let s = step(s, Action::Next);
    let Step::Survey(first) = s.step else {
        panic!("{:?}", s.step)
    };
    // Next on the first page without its required answers: errors, stays.
    let (s2, fx) = run(s.clone(), Action::Next);
    if !s2.errors.is_empty() {
        assert_eq!(s2.step, Step::Survey(first));
        assert!(fx.contains(&Effect::Render(Focus::FirstError)));
    }
    // Back from the first page: the results.
    assert_eq!(step(s.clone(), Action::Back).step, Step::Results);
    let s = through_survey(step(s, Action::Back));
    assert_eq!(s.step, Step::Recommendations);
    // Back: the last survey page, Next: the recommendations again.
    let back = step(s.clone(), Action::Back);
    assert_eq!(
        back.step,
        Step::Survey(survey::last_page(&s.answers).unwrap())
    );
    let (s, fx) = run(s, Action::Next);
    assert_eq!(fx, [Effect::BuildRecord]);
    assert_eq!(s.step, Step::Recommendations);
    let (s, fx) = run(s, Action::RecordBuilt(Ok("{\"r\":1}".into())));
    assert_eq!(s.step, Step::Preview);
    assert!(saved(&fx).unwrap().contains("record"));
    let (s, fx) = run(s, Action::Send);
    assert_eq!(s.step, Step::Thanks(true));
    assert!(fx.contains(&Effect::Enqueue("{\"r\":1}".into())));
    assert!(fx.contains(&Effect::ClearSaved));
    let best = fx.iter().find_map(|e| match e {
        Effect::Completed(o) => Some(*o),
        _ => None,
    });
    assert_eq!(best, Some(best_outcome(s.evaluation.as_ref())));
    assert!(saved(&fx).is_none(), "nothing saved after the end");
    let s = step(s, Action::Restart);
    assert_eq!(s.step, Step::Intro);
    assert!(s.inputs.is_empty());
}

#[test]
fn dont_send_sends_nothing() {
    let mut s = filled();
    s.step = Step::Preview;
    s.record = Some("{}".into());
    let (s, fx) = run(s, Action::DontSend);
    assert_eq!(s.step, Step::Thanks(false));
    assert!(!fx.iter().any(|e| matches!(e, Effect::Enqueue(_))));
    assert!(fx.contains(&Effect::ClearSaved));
}

#[test]
fn a_record_that_cannot_be_built_is_reported_and_stays() {
    let mut s = filled();
    s.step = Step::Recommendations;
    let (s, fx) = run(s, Action::RecordBuilt(Err("no CSPRNG".into())));
    assert_eq!(s.step, Step::Recommendations);
    assert!(s.general_error.unwrap().contains("no CSPRNG"));
    assert!(fx.contains(&Effect::Render(Focus::FirstError)));
}

#[test]
fn offline_send_is_queued_and_the_thanks_say_so() {
    let mut s = filled();
    s.step = Step::Preview;
    s.record = Some("{}".into());
    let (s, fx) = run(s, Action::Online(false));
    assert!(!s.online);
    assert!(fx.contains(&Effect::Render(Focus::Keep)));
    let (s, fx) = run(s, Action::Send);
    assert_eq!(s.step, Step::Thanks(true));
    assert!(
        fx.contains(&Effect::Enqueue("{}".into())),
        "the outbox keeps it"
    );
    assert!(!s.online);
    let s = step(s, Action::SendFailed("quota".into()));
    assert!(s.general_error.unwrap().contains("quota"));
}

#[test]
fn language_switch_keeps_every_answer_and_relocalizes() {
    let s = step(filled(), Action::Next);
    let before = s.inputs.clone();
    let zh = s.evaluation.as_ref().unwrap().products[0].name.clone();
    let (s, fx) = run(s, Action::SetLang(Lang::En));
    assert_eq!(s.inputs, before);
    assert_eq!(s.step, Step::Results);
    assert!(s.lang_chosen);
    assert!(fx.contains(&Effect::Render(Focus::Lang)));
    assert!(saved(&fx).unwrap().contains(r#""lang":"en""#));
    let en = s.evaluation.as_ref().unwrap().products[0].name.clone();
    assert_ne!(zh, en, "product names follow the language");
    // Field errors too.
    let s = step(s, inputs(&[("annualRevenue", "lots")]));
    let s = step(s, Action::Evaluate);
    let en_msg = s.errors[0].1.clone();
    let s = step(s, Action::SetLang(Lang::ZhHant));
    assert_ne!(s.errors[0].1, en_msg);
    // The host's attribute wins later, but is not a visitor's choice.
    let s = step(s, Action::HostLang(Some("en-GB".into())));
    assert_eq!(s.lang, Lang::En);
}

#[test]
fn resume_after_reload_comes_back_to_the_same_place() {
    // Reload on the quick check: the typed values and the live answer.
    let (s, fx) = run(on_form(), inputs(&QUICK));
    let text = saved(&fx).unwrap();
    let r = step(start(Lang::ZhHans), Action::Resume(Some(text)));
    assert_eq!(r.step, Step::Form);
    assert_eq!(r.inputs, s.inputs);
    assert!(r.evaluation.is_some());
    // Reload mid-survey: same page, same answers, results recomputed.
    let s = step(step(filled(), Action::Next), Action::Next);
    let Step::Survey(page) = s.step else {
        panic!("{:?}", s.step)
    };
    let mut answers = s.answers.clone();
    answers.insert("stage".into(), Value::from("growth"));
    let (s, fx) = run(
        s,
        Action::Answers {
            answers,
            focus: String::new(),
            redraw: false,
        },
    );
    let r = step(start(Lang::En), Action::Resume(saved(&fx)));
    assert_eq!(r.step, Step::Survey(page));
    assert_eq!(r.answers, s.answers);
    assert!(r.evaluation.is_some());
    // A saved later step whose input is gone goes back to the form.
    let r = step(
        start(Lang::En),
        Action::Resume(Some(r#"{"v":2,"step":"results","profile":{}}"#.into())),
    );
    assert_eq!(r.step, Step::Form);
    // A preview without its record resumes on the recommendations.
    let mut p = filled();
    p.step = Step::Preview;
    let text = p.to_saved();
    assert!(text.contains(r#""step":"preview""#) && !text.contains("record"));
    let r = step(start(Lang::En), Action::Resume(Some(text)));
    assert_eq!(r.step, Step::Recommendations);
    // Nothing saved: the intro.
    assert_eq!(
        step(start(Lang::En), Action::Resume(None)).step,
        Step::Intro
    );
}

#[test]
fn clear_forgets_everything_but_the_language() {
    let s = step(filled(), Action::SetLang(Lang::En));
    let (s, fx) = run(s, Action::Clear);
    assert_eq!(s.step, Step::Intro);
    assert!(s.inputs.is_empty() && s.evaluation.is_none());
    assert_eq!(s.lang, Lang::En);
    assert!(fx.contains(&Effect::ClearSaved));
    assert!(s.status.is_some());
}

#[test]
fn a_partner_catalogue_is_parsed_once_and_used() {
    let (s, fx) = run(filled(), Action::CatalogueUrl(Some("/cat.json".into())));
    assert!(fx.contains(&Effect::FetchCatalogue("/cat.json".into())));
    // Next waits for it.
    let (s, _) = run(s, Action::Next);
    assert_eq!(s.step, Step::Form);
    assert!(s.status.is_some());
    let mut cat = Catalogue::default_catalogue().clone();
    cat.products.truncate(2);
    cat.version = "partner@1".into();
    let json = serde_json::to_string(&cat).unwrap();
    let s = step(s, Action::CatalogueLoaded(Ok(json)));
    assert!(matches!(s.catalogue, CatalogueState::Loaded(_)));
    assert_eq!(s.evaluation.as_ref().unwrap().products.len(), 2);
    assert_eq!(s.evaluation.as_ref().unwrap().catalogue, "partner@1");
    assert!(s.status.is_none());
    // A broken one: the message, and the default catalogue.
    let s = step(s, Action::CatalogueLoaded(Ok("{\"version\":1}".into())));
    assert!(matches!(s.catalogue, CatalogueState::Failed(_)));
    assert_eq!(
        s.evaluation.as_ref().unwrap().products.len(),
        Catalogue::default_catalogue().products.len()
    );
}

#[test]
fn survey_answers_are_kept_and_a_visibility_change_redraws() {
    let s = step(step(filled(), Action::Next), Action::Next);
    let mut answers = s.answers.clone();
    answers.insert("stage".into(), Value::from("growth"));
    let (s, fx) = run(
        s,
        Action::Answers {
            answers: answers.clone(),
            focus: "sp-q-x-0".into(),
            redraw: true,
        },
    );
    assert_eq!(s.answers, answers);
    assert!(fx.contains(&Effect::Render(Focus::Control("sp-q-x-0".into()))));
    let (_, fx) = run(
        s,
        Action::Answers {
            answers,
            focus: "sp-q-x-0".into(),
            redraw: false,
        },
    );
    assert!(!fx.iter().any(|e| matches!(e, Effect::Render(_))));
}

#[test]
fn choosing_a_product_and_method() {
    let s = step(filled(), Action::Next);
    let (s, fx) = run(s, Action::ChooseProduct(Some("tax_loan".into())));
    assert_eq!(s.chosen_product.as_deref(), Some("tax_loan"));
    assert_eq!(
        fx,
        [Effect::Render(Focus::Control("sp-sum-tax_loan".into()))]
    );
    let (s, fx) = run(s, Action::ChooseProduct(Some("tax_loan".into())));
    assert!(fx.is_empty(), "already open");
    let (s, _) = run(s, Action::ChooseMethod(Method::InterestFirst));
    assert_eq!(s.method, Method::InterestFirst);
    assert_eq!(run(s, Action::Print).1, [Effect::Print]);
}

#[test]
fn best_outcome_is_the_best_of_the_products() {
    assert_eq!(best_outcome(None), "none");
    // Hand-checked: eight years of operation, A rating, no problems, a
    // small request: the tax loan pre-qualifies outright.
    let s = step(
        on_form(),
        inputs(&[
            ("industry", "software"),
            ("monthsOperating", "96"),
            ("annualRevenue", "2000万"),
            ("taxCreditRating", "A"),
            ("creditProblems", "no"),
            ("requestedAmount", "10万"),
        ]),
    );
    let s = step(s, Action::Evaluate);
    assert_eq!(
        best_outcome(s.evaluation.as_ref()),
        precheck::Outcome::PreQualified.as_str()
    );
    // Every product knocked out by a current overdue.
    let s = step(
        s,
        inputs(&[("creditProblems", "yes"), ("overdueCurrent", "true")]),
    );
    assert_eq!(
        best_outcome(s.evaluation.as_ref()),
        precheck::Outcome::NotEligible.as_str()
    );
}
