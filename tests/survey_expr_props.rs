//! Property tests of the condition language: the parser never panics on any
//! input, the canonical printer re-parses to the same tree (for generated
//! trees and for whatever random token soup happens to parse), and the
//! evaluator never panics.

use proptest::prelude::*;
use rust_decimal::Decimal;
use sme_precheck::survey::expr::{BinOp, Expr, ExprKind, Func, Value};

const OPS: [BinOp; 14] = [
    BinOp::Or,
    BinOp::And,
    BinOp::Eq,
    BinOp::Ne,
    BinOp::Lt,
    BinOp::Le,
    BinOp::Gt,
    BinOp::Ge,
    BinOp::In,
    BinOp::Contains,
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::Div,
];

fn ident() -> impl Strategy<Value = String> {
    "[a-z_][a-zA-Z0-9_]{0,6}".prop_filter("not a keyword", |s| {
        sme_precheck::survey::expr::is_identifier(s)
    })
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        (any::<u32>(), 0u32..6).prop_map(|(m, s)| ExprKind::Num(Decimal::new(i64::from(m), s))),
        any::<String>().prop_map(ExprKind::Str),
        any::<bool>().prop_map(ExprKind::Bool),
        ident().prop_map(ExprKind::Ref),
        (
            prop_oneof![Just(Func::Answered), Just(Func::Count)],
            ident()
        )
            .prop_map(|(f, id)| ExprKind::Call(f, id)),
    ]
    .prop_map(Expr::new)
}

fn tree() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(6, 48, 4, |inner| {
        prop_oneof![
            inner
                .clone()
                .prop_map(|e| Expr::new(ExprKind::Not(Box::new(e)))),
            inner
                .clone()
                .prop_map(|e| Expr::new(ExprKind::Neg(Box::new(e)))),
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| Expr::new(ExprKind::List(v))),
            (0..OPS.len(), inner.clone(), inner).prop_map(|(op, l, r)| Expr::new(
                ExprKind::Binary(OPS[op], Box::new(l), Box::new(r))
            )),
        ]
    })
}

/// Strings built from the language's own tokens, so that many of them parse.
fn token_soup() -> impl Strategy<Value = String> {
    let tokens = prop_oneof![
        Just("a"),
        Just("stage"),
        Just("x_1"),
        Just("1"),
        Just("2.50"),
        Just("\"s\""),
        Just("'q\\'x'"),
        Just("true"),
        Just("false"),
        Just("and"),
        Just("or"),
        Just("not"),
        Just("in"),
        Just("contains"),
        Just("answered(a)"),
        Just("count(stage)"),
        Just("("),
        Just(")"),
        Just("["),
        Just("]"),
        Just(","),
        Just("="),
        Just("=="),
        Just("!="),
        Just("<"),
        Just("<="),
        Just(">"),
        Just(">="),
        Just("+"),
        Just("-"),
        Just("*"),
        Just("/"),
    ];
    prop::collection::vec(tokens, 0..24).prop_map(|t| t.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn parser_never_panics_on_arbitrary_text(s in any::<String>()) {
        let _ = Expr::parse(&s);
    }

    #[test]
    fn parser_never_panics_on_ascii_noise(s in "[ -~]{0,80}") {
        let _ = Expr::parse(&s);
    }

    #[test]
    fn token_soup_that_parses_round_trips(s in token_soup()) {
        match Expr::parse(&s) {
            Ok(e) => {
                let printed = e.to_string();
                let again = Expr::parse(&printed);
                prop_assert_eq!(again.as_ref(), Ok(&e), "{} printed as {}", s, printed);
                prop_assert_eq!(again.unwrap().to_string(), printed);
            }
            Err(err) => prop_assert!(err.column >= 1 && err.column <= s.chars().count() + 1),
        }
    }

    #[test]
    fn generated_trees_round_trip_through_display(e in tree()) {
        let printed = e.to_string();
        let parsed = Expr::parse(&printed);
        prop_assert_eq!(parsed.as_ref(), Ok(&e), "printed as {}", printed);
    }

    #[test]
    fn evaluation_never_panics(e in tree(), n in any::<i64>(), scale in 0u32..28) {
        let v = Value::Num(Decimal::new(n, scale));
        let env = |id: &str| match id.len() % 4 {
            0 => Value::Null,
            1 => v.clone(),
            2 => Value::Str(id.to_owned()),
            _ => Value::List(vec![Value::Str("a".into()), v.clone()]),
        };
        let _ = e.eval(&env);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for src in [
        "(".repeat(10_000),
        "not ".repeat(10_000),
        "-".repeat(4000),
        "[".repeat(3000),
    ] {
        let err = Expr::parse(&src).unwrap_err();
        assert!(err.column >= 1, "{err}");
    }
    // A flat chain nests on the left: 63 additions are accepted, a chain of
    // a thousand is an error (not a stack overflow when printed or evaluated).
    let flat = "1 + ".repeat(63) + "1";
    let e = Expr::parse(&flat).unwrap();
    assert_eq!(e.eval(&|_| Value::Null), Value::Num(Decimal::from(64)));
    assert_eq!(Expr::parse(&e.to_string()).unwrap(), e);
    let err = Expr::parse(&("1+".repeat(2047) + "1")).unwrap_err();
    assert!(err.message.contains("deeper"), "{err}");
    let long = "a + ".repeat(2000) + "a";
    assert!(
        Expr::parse(&long)
            .unwrap_err()
            .message
            .contains("longer than")
    );
}
