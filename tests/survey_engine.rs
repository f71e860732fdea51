//! The survey engine over `tests/fixtures/survey/mini.survey.json`: page
//! navigation that skips hidden pages, clearing of hidden answers, validation
//! codes, progress, save-and-resume, privacy settings and answer errors.

/// `serde_json::json!` as the core's JSON value.
macro_rules! json {
    ($($t:tt)+) => {
        sme_precheck::json::Json::from(serde_json::json!($($t)+))
    };
}
use sme_precheck::i18n::Lang;
use sme_precheck::survey::{Engine, Privacy, QuestionKind, RandomizedPrivacy, Survey, run};

fn mini() -> Survey {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/survey/mini.survey.json"
    );
    Survey::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn codes(engine: &Engine) -> Vec<(String, String)> {
    engine
        .errors(Lang::En)
        .into_iter()
        .map(|e| (e.question, e.code))
        .collect()
}

#[test]
fn pages_without_visible_questions_are_skipped_both_ways() {
    let mut e = Engine::new(mini());
    assert_eq!(e.current_page(), 0);
    assert!(!e.go_next(), "stage is required on page 1");
    e.set_answer("stage", json!("growth")).unwrap();
    e.set_answer("need", json!(false)).unwrap();
    assert_eq!(e.visible_pages(), vec![0, 2]);
    assert_eq!(e.next_page(), Some(2));
    assert!(e.go_next());
    assert_eq!(e.page().id, "p3");
    assert_eq!(e.next_page(), None);
    assert!(!e.go_next());
    assert_eq!(e.previous_page(), Some(0));
    assert!(e.go_previous());
    assert_eq!(e.current_page(), 0);
    assert!(!e.go_previous());

    e.set_answer("need", json!(true)).unwrap();
    assert_eq!(e.visible_pages(), vec![0, 1, 2]);
    assert!(e.go_next());
    assert_eq!(e.page().id, "p2");
    assert_eq!(
        e.visible_ids(),
        [
            "stage", "need", "amount", "score", "rank", "count_n", "note"
        ]
    );
}

#[test]
fn answers_to_questions_that_become_hidden_are_cleared() {
    let mut e = Engine::new(mini());
    e.set_answer("stage", json!("growth")).unwrap();
    e.set_answer("need", json!(true)).unwrap();
    e.set_answer("amount", json!("5000")).unwrap();
    e.set_answer("why", json!(["a", "b"])).unwrap();
    assert!(e.is_visible("why"));
    assert_eq!(e.progress().answered, 4);

    // Hiding `why` through its own condition (stage) clears only `why`.
    e.set_answer("stage", json!("startup")).unwrap();
    assert!(!e.is_visible("why"));
    assert!(e.answers().get("why").is_none());
    assert_eq!(e.answers().get("amount"), Some(&json!("5000")));

    // Hiding the whole page (need = false) clears the page's answers; they do
    // not come back when the page is shown again.
    e.set_answer("stage", json!("mature")).unwrap();
    e.set_answer("why", json!(["c"])).unwrap();
    e.set_answer("need", json!(false)).unwrap();
    assert!(e.answers().get("amount").is_none() && e.answers().get("why").is_none());
    e.set_answer("need", json!(true)).unwrap();
    assert!(e.answers().get("amount").is_none());
    assert!(
        !e.is_visible("why"),
        "amount is unanswered, so `amount > 100` is unknown"
    );
}

#[test]
fn validation_codes_and_completeness() {
    let mut e = Engine::new(mini());
    assert_eq!(codes(&e), [("stage".into(), "required".into())]);
    assert!(!e.complete());
    e.set_answer("stage", json!("growth")).unwrap();
    e.set_answer("need", json!(true)).unwrap();
    e.set_answer("amount", json!("1000000.01")).unwrap();
    assert_eq!(codes(&e), [("amount".into(), "max".into())]);
    assert_eq!(e.errors(Lang::En)[0].message, "Must be at most 1,000,000.");
    e.set_answer("amount", json!("1,000,000")).unwrap();
    e.set_answer("why", json!(["a", "b", "c"])).unwrap();
    e.set_answer("score", json!(0)).unwrap();
    e.set_answer("rank", json!(["x", "x"])).unwrap();
    e.set_answer("count_n", json!("2.5")).unwrap();
    e.set_answer("note", json!("x".repeat(21))).unwrap();
    assert_eq!(
        codes(&e),
        [
            ("why".into(), "max_select".into()),
            ("score".into(), "invalid".into()),
            ("rank".into(), "invalid".into()),
            ("count_n".into(), "integer".into()),
            ("note".into(), "too_long".into()),
        ]
    );
    e.set_answer("why", json!(["c", "a"])).unwrap();
    e.set_answer("score", json!(5)).unwrap();
    e.set_answer("rank", json!(["y", "x"])).unwrap();
    e.set_answer("count_n", json!(3)).unwrap();
    e.set_answer("note", json!("fine")).unwrap();
    let errors = e.errors(Lang::ZhHans);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].code.as_str(), errors[0].message.as_str()),
        ("rule", "c alone")
    );
    e.set_answer("why", json!(["c"])).unwrap();
    assert!(e.errors(Lang::En).is_empty());
    assert!(e.complete());
    assert_eq!(e.progress().answered, e.progress().visible);
}

#[test]
fn state_restores_exactly_and_rejects_other_surveys() {
    let mut e = Engine::new(mini());
    e.set_answer("stage", json!("growth")).unwrap();
    e.set_answer("need", json!(true)).unwrap();
    e.set_answer("amount", json!("250.50")).unwrap();
    e.set_answer("note", json!("引号\"和换行\n")).unwrap();
    assert!(e.go_next());
    let state = e.state();
    assert!(
        state.starts_with(r#"{"v":1,"survey":"mini@1","page":"p2","answers":{"#),
        "{state}"
    );
    let restored = Engine::restore(mini(), &state).unwrap();
    assert_eq!(restored.state(), state);
    assert_eq!(restored.answers(), e.answers());
    assert_eq!(restored.current_page(), 1);

    let other = Survey::default_survey();
    let err = Engine::restore(other, &state).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"state.survey: saved for survey "mini@1", not "default@2""#
    );
    let err = Engine::restore(mini(), &state.replace(r#""v":1"#, r#""v":9"#)).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("state.v: unsupported state version 9")
    );
    assert!(Engine::restore(mini(), "garbage").is_err());
    let err = Engine::restore(mini(), &state.replace("amount", "amnt")).unwrap_err();
    assert_eq!(err.to_string(), "answers.amnt: unknown question");
}

#[test]
fn typed_amounts_and_numbers_are_stored_as_plain_decimal_strings() {
    let mut e = Engine::new(mini());
    e.set_answer("need", json!(true)).unwrap();
    for (typed, stored) in [
        ("50万", "500000"),
        ("1,000,000.50", "1000000.5"),
        ("¥ 3000", "3000"),
        ("１２３", "123"),
    ] {
        e.set_answer("amount", json!(typed)).unwrap();
        assert_eq!(e.answers()["amount"], json!(stored), "{typed}");
    }
    e.set_answer("amount", json!("lots")).unwrap();
    assert_eq!(
        e.answers()["amount"],
        json!("lots"),
        "kept as typed, reported as invalid"
    );
    assert_eq!(codes(&e)[1], ("amount".into(), "invalid".into()));
    e.set_answer("score", json!(" 4 ")).unwrap();
    assert_eq!(e.answers()["score"], json!(4));
    e.set_answer("count_n", json!("1,234")).unwrap();
    assert_eq!(e.answers()["count_n"], json!("1234"));
    let e = Engine::with_answers(mini(), &json!({"need": true, "amount": "2.5万"})).unwrap();
    assert_eq!(e.answers()["amount"], json!("25000"));
}

#[test]
fn privacy_settings_are_typed_with_defaults() {
    let s = mini();
    let privacy = |id: &str| s.question(id).unwrap().privacy.clone();
    assert_eq!(
        privacy("need"),
        Privacy::Randomized(RandomizedPrivacy {
            field: "need".into(),
            epsilon: 2.0,
            buckets: vec![]
        })
    );
    assert_eq!(privacy("why").randomized().unwrap().epsilon, 1.5);
    let amount = privacy("amount");
    let r = amount.randomized().unwrap();
    assert_eq!(r.field, "amountBand");
    assert_eq!(
        r.buckets
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["100", "1000"]
    );
    assert_eq!(
        privacy("count_n"),
        Privacy::NeverSent,
        "omitted privacy is never-sent"
    );
    assert_eq!(privacy("note"), Privacy::NeverSent);
}

#[test]
fn every_default_question_sends_privately_or_never() {
    let s = Survey::default_survey();
    for q in s.questions() {
        match (&q.kind, q.privacy.randomized()) {
            (QuestionKind::Text { .. }, r) => assert!(r.is_none(), "{}", q.id),
            (QuestionKind::Amount { .. } | QuestionKind::Number { .. }, Some(r)) => {
                assert!(!r.buckets.is_empty(), "{}", q.id)
            }
            (_, r) => assert!(r.is_some(), "{} should be sendable", q.id),
        }
    }
}

#[test]
fn definitions_round_trip_through_their_json() {
    for s in [mini(), Survey::default_survey()] {
        let json = s.to_json();
        let again = Survey::from_json(&json).unwrap();
        assert_eq!(again.to_json(), json);
    }
}

#[test]
fn run_rejects_unknown_answers_and_bad_json() {
    let s = mini();
    let err = run(&s, r#"{"stage":"growth","stgae":"x"}"#, Lang::En).unwrap_err();
    assert_eq!(err.to_string(), "answers.stgae: unknown question");
    assert!(
        run(&s, "[1]", Lang::En)
            .unwrap_err()
            .to_string()
            .starts_with("answers: must be a JSON object")
    );
    assert!(
        run(&s, "{", Lang::En)
            .unwrap_err()
            .to_string()
            .starts_with("answers: invalid JSON")
    );
}

#[test]
fn default_survey_is_short() {
    // About three minutes: 27 questions on 5 pages of which 8 are required;
    // a visitor who needs no loan sees 18, and after the pre-check answered
    // the stage is asked 17 (most with one click, none typed).
    let s = Survey::default_survey();
    assert_eq!(s.questions().count(), 27);
    assert_eq!(s.pages.len(), 5);
    assert_eq!(s.questions().filter(|q| q.required).count(), 8);
    let out = run(&s, r#"{"needFinancing":false}"#, Lang::En).unwrap();
    assert_eq!(out.visible.len(), 18);
    let mut e = Engine::new(Survey::default_survey());
    e.set_answer("needFinancing", json!(false)).unwrap();
    e.prefill(&json!({"lifecycleStage": "growth", "requestedAmount": "1000000", "termMonths": 12}));
    let asked = e.visible_ids().iter().filter(|id| e.is_asked(id)).count();
    assert_eq!(asked, 17);
}

#[test]
fn every_stage_gets_all_three_dimensions_of_the_plan() {
    use sme_precheck::survey::Dimension;
    let s = Survey::default_survey();
    for stage in ["startup", "growth", "mature"] {
        for need in [true, false] {
            let mut answers = json!({
                "stage": stage, "industry": "ai", "needFinancing": need, "channels": ["online"]
            });
            if need {
                answers["amount"] = json!("800000");
            }
            let out = sme_precheck::survey::run_value(&s, &answers, Lang::En).unwrap();
            for d in [
                Dimension::Individual,
                Dimension::Corporate,
                Dimension::Enablement,
            ] {
                assert!(
                    out.recommendations.iter().any(|r| r.dimension == d),
                    "{stage}, needFinancing={need}: nothing for {}",
                    d.label(Lang::En)
                );
            }
        }
    }
}

#[test]
fn default_survey_and_plan_are_complete_in_three_languages() {
    use sme_precheck::i18n::LocalizedText;
    let s = Survey::default_survey();
    let mut texts: Vec<(String, &LocalizedText)> = vec![("title".into(), &s.title)];
    for p in &s.pages {
        texts.push((format!("{}.title", p.id), &p.title));
        for q in &p.questions {
            texts.push((q.id.clone(), &q.text));
            texts.extend(q.help.iter().map(|h| (format!("{}.help", q.id), h)));
            for o in q.kind.options().unwrap_or_default() {
                texts.push((format!("{}.{}", q.id, o.id), &o.text));
            }
            for v in &q.validations {
                texts.push((format!("{}.rule", q.id), &v.message));
            }
        }
    }
    for item in &s.recommendations.items {
        texts.push((format!("plan.{}.title", item.id), &item.title));
        texts.push((format!("plan.{}.reason", item.id), &item.reason));
    }
    for (at, t) in texts {
        for (lang, text) in [
            ("zh-Hans", &t.zh_hans),
            ("zh-Hant", &t.zh_hant),
            ("en", &t.en),
        ] {
            assert!(
                text.as_deref().is_some_and(|x| !x.trim().is_empty()),
                "{at} has no {lang} text"
            );
        }
    }
}
