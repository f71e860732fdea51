//! Property tests of the engine over the default survey: any answers (right
//! shapes, wrong shapes, unknown options) never panic, hidden questions never
//! keep answers, `complete` agrees with the errors, and save-and-resume
//! restores exactly.

use proptest::prelude::*;
use serde_json::{Value, json};
use sme_precheck::i18n::Lang;
use sme_precheck::survey::{Engine, Survey};

fn answer() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (0u8..8).prop_map(|n| json!(n)),
        "[0-9]{1,12}(\\.[0-9]{1,2})?".prop_map(Value::String),
        prop::sample::select(vec![
            "startup", "growth", "mature", "ai", "other", "m1_3", "rd", "online", "none", "x", "",
        ])
        .prop_map(|s| json!(s)),
        prop::collection::vec(
            prop::sample::select(vec![
                "tax_loan",
                "not_sure",
                "online",
                "branch",
                "none",
                "policy_briefing",
                "bogus",
            ]),
            0..5
        )
        .prop_map(|v| json!(v)),
        any::<String>().prop_map(Value::String),
    ]
}

fn answers() -> impl Strategy<Value = Vec<(usize, Value)>> {
    prop::collection::vec((0usize..12, answer()), 0..20)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn engine_invariants_hold_for_any_answers(steps in answers(), lang in 0usize..3) {
        let survey = Survey::default_survey();
        let ids: Vec<String> = survey.questions().map(|q| q.id.clone()).collect();
        let lang = Lang::ALL[lang];
        let mut e = Engine::new(survey.clone());
        for (i, v) in steps {
            e.set_answer(&ids[i % ids.len()], sme_precheck::json::Json::from(v)).unwrap();
            for id in e.answers().keys() {
                prop_assert!(e.is_visible(id), "hidden question {} kept its answer", id);
            }
        }
        let errors = e.errors(lang);
        prop_assert_eq!(e.complete(), errors.is_empty());
        prop_assert!(errors.iter().all(|er| !er.message.is_empty() && e.is_visible(&er.question)));
        let p = e.progress();
        prop_assert!(p.answered <= p.visible);

        let state = e.state();
        let restored = Engine::restore(survey.clone(), &state).unwrap();
        prop_assert_eq!(restored.state(), state);
        prop_assert_eq!(restored.errors(lang), errors);
        prop_assert_eq!(restored.recommendations(lang), e.recommendations(lang));

        // Re-running from the answers alone gives the same visibility.
        let again = Engine::with_answers(survey, &sme_precheck::json::Json::Object(e.answers().clone())).unwrap();
        prop_assert_eq!(again.visible_ids(), e.visible_ids());
    }
}
