//! The survey and the pre-check together, on the built-in default survey:
//! questions the pre-check already answered are filled from the profile and
//! not asked again; values that do not fit are asked as usual; the
//! recommendations never offer a product the pre-check refused without
//! saying what is missing, nor a service the visitor said they do not need.
//! Expected values are written out by hand from the survey and plan files.

use sme_precheck::json::Json as Value;

/// `serde_json::json!` as the core's JSON value.
macro_rules! json {
    ($($t:tt)+) => {
        sme_precheck::json::Json::from(serde_json::json!($($t)+))
    };
}
use sme_precheck::i18n::Lang;
use sme_precheck::survey::{Engine, PrecheckView, Survey};

fn profile() -> Value {
    json!({
        "lifecycleStage": "growth", "requestedAmount": "1000000", "termMonths": 12,
        "tags": ["high_tech"], "industry": "software", "annualRevenue": "8000000"
    })
}

fn engine() -> Engine {
    Engine::new(Survey::default_survey())
}

#[test]
fn stage_amount_term_and_qualifications_come_from_the_profile() {
    let mut e = engine();
    e.set_answer("needFinancing", json!(true)).unwrap();
    let filled = e.prefill(&profile());
    assert_eq!(filled, ["stage", "qualifications", "amount", "term"]);
    let a = e.answers();
    assert_eq!(a["stage"], json!("growth"));
    assert_eq!(a["amount"], json!("1000000"));
    // 12 months is the 6–12 month option (edges 7, 13, 37).
    assert_eq!(a["term"], json!("m6_12"));
    assert_eq!(a["qualifications"], json!(["high_tech"]));
    for id in ["stage", "amount", "term", "qualifications"] {
        assert!(
            e.is_visible(id) && !e.is_asked(id),
            "{id} is not asked again"
        );
    }
    assert!(e.is_asked("industry") && e.is_asked("purpose"));
    let state = e.state();
    assert!(
        state.contains(r#""prefilled":["stage","qualifications","amount","term"]"#),
        "{state}"
    );
    let back = Engine::restore(Survey::default_survey(), &state).unwrap();
    assert!(back.is_prefilled("amount") && !back.is_asked("amount"));
}

#[test]
fn term_buckets_cover_every_option() {
    for (months, option) in [
        (1, "up_to_6m"),
        (6, "up_to_6m"),
        (7, "m6_12"),
        (36, "y1_3"),
        (37, "over_3y"),
        (120, "over_3y"),
    ] {
        let mut e = engine();
        e.set_answer("needFinancing", json!(true)).unwrap();
        e.prefill(&json!({ "termMonths": months }));
        assert_eq!(e.answers()["term"], json!(option), "{months} months");
    }
}

#[test]
fn values_that_do_not_fit_are_asked() {
    let mut e = engine();
    e.set_answer("needFinancing", json!(true)).unwrap();
    // Below the amount question's minimum (10,000), an unknown stage, no
    // qualification the survey lists.
    let filled = e.prefill(&json!({
        "requestedAmount": "5000", "lifecycleStage": "unicorn", "tags": ["other_tag"]
    }));
    assert!(filled.is_empty(), "{filled:?}");
    assert!(e.is_asked("amount") && e.is_asked("stage") && e.is_asked("qualifications"));
    assert!(!e.answers().contains_key("amount"));
}

#[test]
fn a_page_whose_questions_were_all_prefilled_is_skipped() {
    // A survey whose first page only asks the stage.
    let survey = Survey::from_json(
        r#"{"id":"p","version":1,"title":{"en":"P"},"pages":[
        {"id":"a","title":{"en":"A"},"questions":[{"id":"stage","type":"single","required":true,
          "prefill":"lifecycleStage","text":{"en":"Stage"},
          "options":[{"id":"startup","text":{"en":"S"}},{"id":"growth","text":{"en":"G"}}]}]},
        {"id":"b","title":{"en":"B"},"questions":[{"id":"x","type":"yesno","text":{"en":"X"}}]}]}"#,
    )
    .unwrap();
    let mut e = Engine::new(survey);
    assert_eq!(e.visible_pages(), [0, 1]);
    e.prefill(&json!({ "lifecycleStage": "growth" }));
    assert_eq!(e.visible_pages(), [1]);
    assert!(e.complete());
}

#[test]
fn bad_prefill_settings_are_load_errors() {
    let with = |prefill: &str, kind: &str| {
        Survey::from_json(&format!(
            r#"{{"id":"p","version":1,"title":{{"en":"P"}},"pages":[{{"id":"a","title":{{"en":"A"}},"questions":[
            {{"id":"q","type":"{kind}","text":{{"en":"Q"}},"prefill":{prefill}{}}}]}}]}}"#,
            if kind == "single" { r#","options":[{"id":"a","text":{"en":"A"}},{"id":"b","text":{"en":"B"}}]"# } else { "" }
        ))
        .map(|_| ())
        .map_err(|e| e.to_string())
    };
    assert_eq!(with(r#""termMonths""#, "single"), Ok(()));
    assert_eq!(
        with(r#""term months""#, "single").unwrap_err(),
        r#"pages[0].questions[0].prefill: "term months" is not a profile field name (letters and digits)"#
    );
    assert_eq!(
        with(r#"{"from":"termMonths","buckets":["7","13"]}"#, "single").unwrap_err(),
        "pages[0].questions[0].prefill.buckets: 2 edges make 3 buckets, but there are only 2 options"
    );
    assert_eq!(
        with(r#"{"from":"termMonths","buckets":["13","7"]}"#, "single").unwrap_err(),
        "pages[0].questions[0].prefill.buckets[1]: edges must be strictly ascending"
    );
    assert_eq!(
        with(r#""x""#, "text").unwrap_err(),
        "pages[0].questions[0].prefill: a text question cannot be filled from the profile"
    );
    assert_eq!(
        with(r#"{"from":"x","buckets":["1"]}"#, "amount").unwrap_err(),
        "pages[0].questions[0].prefill.buckets: only a single-choice question maps a number to options"
    );
}

fn growth_answers() -> Engine {
    let mut e = engine();
    for (k, v) in [
        ("stage", json!("growth")),
        ("industry", json!("ai")),
        ("needFinancing", json!(true)),
        ("amount", json!("1000000")),
        ("term", json!("m6_12")),
        ("purpose", json!("working_capital")),
        ("urgency", json!("m1_3")),
        ("products", json!(["tax_loan"])),
        ("channels", json!(["online"])),
    ] {
        e.set_answer(k, v).unwrap();
    }
    e
}

fn ids(recs: &[sme_precheck::survey::Recommendation]) -> Vec<&str> {
    recs.iter().map(|r| r.id.as_str()).collect()
}

#[test]
fn services_the_visitor_does_not_need_are_not_recommended() {
    let mut e = growth_answers();
    let before = e.recommendations(Lang::En);
    // Growth stage, no "none" answers: payroll services and the tech
    // recognition guidance apply.
    assert!(
        ids(&before).contains(&"payroll_services"),
        "{:?}",
        ids(&before)
    );
    assert!(
        ids(&before).contains(&"tech_recognition"),
        "{:?}",
        ids(&before)
    );
    e.set_answer("enablement", json!(["none"])).unwrap();
    e.set_answer("services", json!(["none"])).unwrap();
    let after = e.recommendations(Lang::En);
    for id in ids(&after) {
        let item = before.iter().find(|r| r.id == id).map(|r| r.dimension);
        assert!(
            !matches!(item, Some(sme_precheck::survey::Dimension::Individual)),
            "{id}: an individual service after “none”"
        );
    }
    for id in [
        "payroll_services",
        "executive_wealth",
        "tech_recognition",
        "policy_briefing",
        "sci_tech_center",
    ] {
        assert!(
            !ids(&after).contains(&id),
            "{id} after “none”: {:?}",
            ids(&after)
        );
    }
    // Loan items are still there: the visitor needs financing.
    assert!(ids(&after).contains(&"kuaidai_scenario"));
}

#[test]
fn recognition_guidance_is_not_offered_to_a_firm_that_holds_both() {
    let mut e = growth_answers();
    e.set_answer("qualifications", json!(["high_tech", "specialized_new"]))
        .unwrap();
    assert!(!ids(&e.recommendations(Lang::En)).contains(&"tech_recognition"));
}

fn refused_result(with_reason: bool) -> Value {
    let reasons = if with_reason {
        json!([{ "code": "abnormal_operation", "message": "Listed for abnormal operation" }])
    } else {
        json!([])
    };
    json!({ "products": [
        { "id": "jingying_kuaidai", "outcome": "not_eligible", "reasons": reasons,
          "changes": [{ "code": "clear_abnormal_operation", "message": "After removal from the list" }] },
        { "id": "tax_loan", "outcome": "pre_qualified", "reasons": [], "changes": [] },
        { "id": "settlement_loan", "outcome": "not_eligible", "reasons": [], "changes": [] },
        { "id": "payroll_loan", "outcome": "not_eligible", "reasons": [], "changes": [] }
    ]})
}

#[test]
fn a_refused_product_is_recommended_only_with_what_is_missing() {
    let e = growth_answers();
    let plain = e.recommendations(Lang::En);
    assert!(plain.iter().all(|r| r.precheck.is_none()));
    let recs = e.recommendations_with(&PrecheckView::from_result(&refused_result(true)), Lang::En);
    let kuaidai = recs
        .iter()
        .find(|r| r.id == "kuaidai_scenario")
        .expect("kept, with a note");
    assert_eq!(
        kuaidai.precheck.as_deref(),
        Some(
            "Not pre-qualified this time: Listed for abnormal operation. After removal from the list, it can be reassessed."
        )
    );
    // The scenario loans item: the tax loan was pre-qualified, so no note.
    let scenario = recs
        .iter()
        .find(|r| r.id == "scenario_loans")
        .expect("scenario loans");
    assert_eq!(scenario.precheck, None);
    // Refused without a reason: left out.
    let recs = e.recommendations_with(&PrecheckView::from_result(&refused_result(false)), Lang::En);
    assert!(
        !ids(&recs).contains(&"kuaidai_scenario"),
        "{:?}",
        ids(&recs)
    );
    // Items without products are unaffected.
    assert_eq!(
        ids(&recs)
            .iter()
            .filter(|id| **id == "payroll_services")
            .count(),
        1
    );
}

#[test]
fn the_note_reads_naturally_in_chinese() {
    let e = growth_answers();
    let result = json!({ "products": [
        { "id": "jingying_kuaidai", "outcome": "not_small_or_micro",
          "reasons": [{ "message": "按工信部中小企业划型标准属于中型企业" }], "changes": [] }
    ]});
    let recs = e.recommendations_with(&PrecheckView::from_result(&result), Lang::ZhHans);
    let r = recs.iter().find(|r| r.id == "kuaidai_scenario").unwrap();
    assert_eq!(
        r.precheck.as_deref(),
        Some("本次预审暂未通过：按工信部中小企业划型标准属于中型企业。")
    );
}

#[test]
fn the_partner_survey_loads_and_sends_no_free_text() {
    let s = Survey::partner_survey();
    assert_eq!(s.key(), "partner@1");
    assert!(s.recommendations.is_empty());
    let comment = s.question("comment").unwrap();
    assert!(comment.privacy.randomized().is_none());
    let keys: Vec<String> = Survey::builtins().iter().map(Survey::key).collect();
    assert_eq!(keys, ["default@2", "partner@1", "default@1"]);
}
