//! The condition language of survey definitions: its own lexer, a
//! recursive-descent parser, a static type check against the survey's
//! questions, a canonical printer (`Display`) that re-parses to the same tree,
//! and a three-valued evaluator. No `eval`, no JavaScript, no panics on any
//! input.
//!
//! ```text
//! expr    := or
//! or      := and ("or" and)*
//! and     := not ("and" not)*
//! not     := "not" not | cmp
//! cmp     := sum (("=" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "contains"
//!                | "not" "in" | "not" "contains") sum)?
//! sum     := product (("+" | "-") product)*
//! product := unary (("*" | "/") unary)*
//! unary   := "-" unary | primary
//! primary := NUMBER | STRING | "true" | "false" | IDENT | IDENT "(" IDENT ")"
//!          | "(" expr ")" | "[" (expr ("," expr)*)? "]"
//! ```
//!
//! A reference to an unanswered (or hidden) question is `null`; comparisons and
//! arithmetic with `null` give `null`, `and`/`or`/`not` follow three-valued
//! logic, a condition shows its question only when it is `true` and a
//! validation rule fails only when it is `false`.

use rust_decimal::Decimal;
use std::fmt;

/// The deepest nesting of parentheses, lists, `not` and unary minus accepted.
pub const MAX_DEPTH: usize = 64;

/// The longest expression accepted, in characters.
pub const MAX_LEN: usize = 4096;

/// A parse or type error with the 1-based column (in characters) where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based column, counted in Unicode scalar values.
    pub column: usize,
    /// What is wrong, e.g. `unknown question "stgae"`.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at column {}", self.message, self.column)
    }
}

impl std::error::Error for ParseError {}

fn err<T>(column: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        column,
        message: message.into(),
    })
}

/// A built-in function over a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `answered(q)`: true when `q` has a (visible) answer.
    Answered,
    /// `count(q)`: the number of selections of a multiple-choice or ranking
    /// question (0 when unanswered), 1/0 for other questions.
    Count,
}

impl Func {
    fn name(self) -> &'static str {
        match self {
            Func::Answered => "answered",
            Func::Count => "count",
        }
    }
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `or`
    Or,
    /// `and`
    And,
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `x in [..]` / `x in multiAnswer`
    In,
    /// `multiAnswer contains x` / `text contains "sub"`
    Contains,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl BinOp {
    fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Eq
            | BinOp::Ne
            | BinOp::Lt
            | BinOp::Le
            | BinOp::Gt
            | BinOp::Ge
            | BinOp::In
            | BinOp::Contains => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul | BinOp::Div => 6,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "=",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::In => "in",
            BinOp::Contains => "contains",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }

    fn is_comparison(self) -> bool {
        self.precedence() == 4
    }
}

const PREC_NOT: u8 = 3;
const PREC_NEG: u8 = 7;
const PREC_PRIMARY: u8 = 8;

/// An expression node with the column where it starts. Equality ignores
/// columns, so a canonical re-print re-parses to an equal tree.
#[derive(Debug, Clone)]
pub struct Expr {
    /// What the node is.
    pub kind: ExprKind,
    /// 1-based column of the node's first character in the source.
    pub column: usize,
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

/// The shape of an expression node.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A number literal (never negative from the parser; `-1` is `Neg(1)`).
    Num(Decimal),
    /// A string literal.
    Str(String),
    /// `true` or `false`.
    Bool(bool),
    /// A reference to the answer of a question, by id.
    Ref(String),
    /// A list literal `[a, b]`.
    List(Vec<Expr>),
    /// `answered(q)` or `count(q)`.
    Call(Func, String),
    /// `not x`
    Not(Box<Expr>),
    /// `-x`
    Neg(Box<Expr>),
    /// `l op r`
    Binary(BinOp, Box<Expr>, Box<Expr>),
}

impl Expr {
    /// Builds a node at column 0 (for generated trees and tests).
    pub fn new(kind: ExprKind) -> Self {
        Expr { kind, column: 0 }
    }

    fn precedence(&self) -> u8 {
        match &self.kind {
            ExprKind::Binary(op, _, _) => op.precedence(),
            ExprKind::Not(_) => PREC_NOT,
            ExprKind::Neg(_) => PREC_NEG,
            _ => PREC_PRIMARY,
        }
    }

    /// Parses an expression. Never panics; errors carry a column.
    pub fn parse(source: &str) -> Result<Expr, ParseError> {
        let tokens = lex(source)?;
        let mut parser = Parser {
            tokens,
            at: 0,
            depth: 0,
        };
        let expr = parser.or()?;
        let token = parser.peek();
        if token.tok != Tok::Eof {
            return err(
                token.column,
                format!(
                    "unexpected {} after the end of the expression",
                    token.tok.describe()
                ),
            );
        }
        expr.check_depth()?;
        Ok(expr)
    }

    /// Rejects trees deeper than [`MAX_DEPTH`] (long `a or b or c …` chains
    /// nest on the left), without recursion, so that printing, checking and
    /// evaluating stay far from any stack limit (wasm's included).
    fn check_depth(&self) -> Result<(), ParseError> {
        let mut stack = vec![(self, 1usize)];
        while let Some((e, depth)) = stack.pop() {
            if depth > MAX_DEPTH {
                return err(
                    e.column,
                    format!(
                        "expression nested deeper than {MAX_DEPTH} levels: use `in [..]` for long lists of alternatives"
                    ),
                );
            }
            match &e.kind {
                ExprKind::List(items) => stack.extend(items.iter().map(|i| (i, depth + 1))),
                ExprKind::Not(x) | ExprKind::Neg(x) => stack.push((x, depth + 1)),
                ExprKind::Binary(_, l, r) => {
                    stack.push((l, depth + 1));
                    stack.push((r, depth + 1));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Every question id this expression refers to, with its column, in order.
    pub fn references(&self) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        self.collect_refs(&mut out);
        out
    }

    fn collect_refs<'a>(&'a self, out: &mut Vec<(&'a str, usize)>) {
        match &self.kind {
            ExprKind::Ref(id) => out.push((id, self.column)),
            ExprKind::Call(_, id) => out.push((id, self.column)),
            ExprKind::List(items) => items.iter().for_each(|e| e.collect_refs(out)),
            ExprKind::Not(x) | ExprKind::Neg(x) => x.collect_refs(out),
            ExprKind::Binary(_, l, r) => {
                l.collect_refs(out);
                r.collect_refs(out);
            }
            ExprKind::Num(_) | ExprKind::Str(_) | ExprKind::Bool(_) => {}
        }
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, min: u8) -> fmt::Result {
        if self.precedence() < min {
            f.write_str("(")?;
            self.write(f, 0)?;
            return f.write_str(")");
        }
        match &self.kind {
            ExprKind::Num(n) => write!(f, "{n}"),
            ExprKind::Str(s) => write_string(f, s),
            ExprKind::Bool(b) => write!(f, "{b}"),
            ExprKind::Ref(id) => f.write_str(id),
            ExprKind::Call(func, id) => write!(f, "{}({id})", func.name()),
            ExprKind::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    item.write(f, 0)?;
                }
                f.write_str("]")
            }
            ExprKind::Not(x) => {
                f.write_str("not ")?;
                x.write(f, PREC_NOT)
            }
            ExprKind::Neg(x) => {
                f.write_str("-")?;
                x.write(f, PREC_NEG)
            }
            ExprKind::Binary(op, l, r) => {
                let p = op.precedence();
                let left_min = if op.is_comparison() { p + 1 } else { p };
                l.write(f, left_min)?;
                write!(f, " {} ", op.symbol())?;
                r.write(f, p + 1)
            }
        }
    }
}

/// Prints the canonical form: minimal parentheses, `=` for equality, double
/// quoted strings. It re-parses to an equal tree.
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, 0)
    }
}

fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if c.is_control() => write!(f, "\\u{{{:x}}}", c as u32)?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

// ---------------------------------------------------------------- lexer

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(Decimal),
    Str(String),
    Ident(String),
    And,
    Or,
    Not,
    In,
    Contains,
    True,
    False,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Plus,
    Minus,
    Star,
    Slash,
    Eof,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Num(n) => format!("number {n}"),
            Tok::Str(_) => "string".to_owned(),
            Tok::Ident(id) => format!("name `{id}`"),
            Tok::Eof => "end of expression".to_owned(),
            Tok::And => "`and`".to_owned(),
            Tok::Or => "`or`".to_owned(),
            Tok::Not => "`not`".to_owned(),
            Tok::In => "`in`".to_owned(),
            Tok::Contains => "`contains`".to_owned(),
            Tok::True => "`true`".to_owned(),
            Tok::False => "`false`".to_owned(),
            Tok::LParen => "`(`".to_owned(),
            Tok::RParen => "`)`".to_owned(),
            Tok::LBracket => "`[`".to_owned(),
            Tok::RBracket => "`]`".to_owned(),
            Tok::Comma => "`,`".to_owned(),
            Tok::Eq => "`=`".to_owned(),
            Tok::Ne => "`!=`".to_owned(),
            Tok::Lt => "`<`".to_owned(),
            Tok::Le => "`<=`".to_owned(),
            Tok::Gt => "`>`".to_owned(),
            Tok::Ge => "`>=`".to_owned(),
            Tok::Plus => "`+`".to_owned(),
            Tok::Minus => "`-`".to_owned(),
            Tok::Star => "`*`".to_owned(),
            Tok::Slash => "`/`".to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    column: usize,
}

/// Words reserved by the language; question ids may not be one of them.
pub const KEYWORDS: [&str; 9] = [
    "and", "or", "not", "in", "contains", "true", "false", "answered", "count",
];

/// True when `id` can be referenced from a condition: ASCII letter or `_`
/// first, then letters, digits or `_`, and not a keyword.
pub fn is_identifier(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&id)
}

fn lex(source: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = source.chars().collect();
    if chars.len() > MAX_LEN {
        return err(
            MAX_LEN + 1,
            format!("expression longer than {MAX_LEN} characters"),
        );
    }
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let two = chars.get(i + 1).copied();
        let (tok, len) = match c {
            '(' => (Tok::LParen, 1),
            ')' => (Tok::RParen, 1),
            '[' => (Tok::LBracket, 1),
            ']' => (Tok::RBracket, 1),
            ',' => (Tok::Comma, 1),
            '+' => (Tok::Plus, 1),
            '-' => (Tok::Minus, 1),
            '*' => (Tok::Star, 1),
            '/' => (Tok::Slash, 1),
            '=' if two == Some('=') => (Tok::Eq, 2),
            '=' => (Tok::Eq, 1),
            '!' if two == Some('=') => (Tok::Ne, 2),
            '<' if two == Some('=') => (Tok::Le, 2),
            '<' => (Tok::Lt, 1),
            '>' if two == Some('=') => (Tok::Ge, 2),
            '>' => (Tok::Gt, 1),
            '"' | '\'' => {
                let (s, end) = lex_string(&chars, i)?;
                tokens.push(Token {
                    tok: Tok::Str(s),
                    column,
                });
                i = end;
                continue;
            }
            c if c.is_ascii_digit() => {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                if i + 1 < chars.len() && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
                    i += 1;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                let text: String = chars[start..i].iter().collect();
                let n = Decimal::from_str_exact(&text)
                    .or_else(|_| err(column, format!("number {text} has too many digits")))?;
                tokens.push(Token {
                    tok: Tok::Num(n),
                    column,
                });
                continue;
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let tok = match word.as_str() {
                    "and" => Tok::And,
                    "or" => Tok::Or,
                    "not" => Tok::Not,
                    "in" => Tok::In,
                    "contains" => Tok::Contains,
                    "true" => Tok::True,
                    "false" => Tok::False,
                    _ => Tok::Ident(word),
                };
                tokens.push(Token { tok, column });
                continue;
            }
            '!' => return err(column, "unexpected `!`: write `not x` or `a != b`"),
            '&' | '|' => return err(column, format!("unexpected `{c}`: write `and` / `or`")),
            c => {
                return err(
                    column,
                    format!("unexpected character `{}`", c.escape_default()),
                );
            }
        };
        tokens.push(Token { tok, column });
        i += len;
    }
    tokens.push(Token {
        tok: Tok::Eof,
        column: chars.len() + 1,
    });
    Ok(tokens)
}

fn lex_string(chars: &[char], start: usize) -> Result<(String, usize), ParseError> {
    let quote = chars[start];
    let mut out = String::new();
    let mut i = start + 1;
    loop {
        let Some(&c) = chars.get(i) else {
            return err(start + 1, "string is not closed");
        };
        if c == quote {
            return Ok((out, i + 1));
        }
        if c == '\\' {
            let escape = chars.get(i + 1).copied();
            match escape {
                Some('"') => out.push('"'),
                Some('\'') => out.push('\''),
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('u') if chars.get(i + 2) == Some(&'{') => {
                    let close = chars[i + 3..]
                        .iter()
                        .position(|&c| c == '}')
                        .map(|p| i + 3 + p);
                    let Some(close) = close else {
                        return err(i + 1, "`\\u{` escape is not closed");
                    };
                    let hex: String = chars[i + 3..close].iter().collect();
                    let ch = u32::from_str_radix(&hex, 16)
                        .ok()
                        .filter(|_| !hex.is_empty() && hex.len() <= 6)
                        .and_then(char::from_u32);
                    let Some(ch) = ch else {
                        return err(i + 1, format!("invalid escape `\\u{{{hex}}}`"));
                    };
                    out.push(ch);
                    i = close + 1;
                    continue;
                }
                Some(other) => {
                    return err(
                        i + 1,
                        format!("unknown escape `\\{}`", other.escape_default()),
                    );
                }
                None => return err(start + 1, "string is not closed"),
            }
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
}

// ---------------------------------------------------------------- parser

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        // The token list always ends with Eof and `at` never passes it.
        &self.tokens[self.at.min(self.tokens.len() - 1)]
    }

    fn bump(&mut self) -> Token {
        let token = self.peek().clone();
        if token.tok != Tok::Eof {
            self.at += 1;
        }
        token
    }

    fn enter(&mut self, column: usize) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err(
                column,
                format!("expression nested deeper than {MAX_DEPTH} levels"),
            );
        }
        Ok(())
    }

    fn expect(&mut self, tok: Tok, what: &str) -> Result<Token, ParseError> {
        let token = self.bump();
        if token.tok == tok {
            Ok(token)
        } else {
            err(
                token.column,
                format!("expected {what}, found {}", token.tok.describe()),
            )
        }
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.and()?;
        while self.peek().tok == Tok::Or {
            self.bump();
            let right = self.and()?;
            left = binary(BinOp::Or, left, right);
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.not()?;
        while self.peek().tok == Tok::And {
            self.bump();
            let right = self.not()?;
            left = binary(BinOp::And, left, right);
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, ParseError> {
        if self.peek().tok == Tok::Not {
            let column = self.bump().column;
            self.enter(column)?;
            let inner = self.not()?;
            self.depth -= 1;
            return Ok(Expr {
                kind: ExprKind::Not(Box::new(inner)),
                column,
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, ParseError> {
        let left = self.sum()?;
        // `x not in [..]` / `l not contains x` are sugar for `not (x in [..])`.
        let negated_at = match (
            &self.peek().tok,
            self.tokens.get(self.at + 1).map(|t| &t.tok),
        ) {
            (Tok::Not, Some(Tok::In | Tok::Contains)) => Some(self.bump().column),
            _ => None,
        };
        let op = match self.peek().tok {
            Tok::Eq => BinOp::Eq,
            Tok::Ne => BinOp::Ne,
            Tok::Lt => BinOp::Lt,
            Tok::Le => BinOp::Le,
            Tok::Gt => BinOp::Gt,
            Tok::Ge => BinOp::Ge,
            Tok::In => BinOp::In,
            Tok::Contains => BinOp::Contains,
            _ => return Ok(left),
        };
        self.bump();
        let right = self.sum()?;
        let next = self.peek();
        if matches!(
            next.tok,
            Tok::Eq | Tok::Ne | Tok::Lt | Tok::Le | Tok::Gt | Tok::Ge | Tok::In | Tok::Contains
        ) {
            return err(
                next.column,
                format!(
                    "comparisons cannot be chained: put parentheses around one side of {}",
                    next.tok.describe()
                ),
            );
        }
        let compared = binary(op, left, right);
        Ok(match negated_at {
            Some(column) => Expr {
                kind: ExprKind::Not(Box::new(compared)),
                column,
            },
            None => compared,
        })
    }

    fn sum(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.product()?;
        loop {
            let op = match self.peek().tok {
                Tok::Plus => BinOp::Add,
                Tok::Minus => BinOp::Sub,
                _ => return Ok(left),
            };
            self.bump();
            let right = self.product()?;
            left = binary(op, left, right);
        }
    }

    fn product(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek().tok {
                Tok::Star => BinOp::Mul,
                Tok::Slash => BinOp::Div,
                _ => return Ok(left),
            };
            self.bump();
            let right = self.unary()?;
            left = binary(op, left, right);
        }
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.peek().tok == Tok::Minus {
            let column = self.bump().column;
            self.enter(column)?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr {
                kind: ExprKind::Neg(Box::new(inner)),
                column,
            });
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let token = self.bump();
        let column = token.column;
        let kind = match token.tok {
            Tok::Num(n) => ExprKind::Num(n),
            Tok::Str(s) => ExprKind::Str(s),
            Tok::True => ExprKind::Bool(true),
            Tok::False => ExprKind::Bool(false),
            Tok::Ident(id) => {
                let func = match id.as_str() {
                    "answered" => Some(Func::Answered),
                    "count" => Some(Func::Count),
                    _ => None,
                };
                match func {
                    Some(func) => {
                        self.expect(Tok::LParen, &format!("`(` after `{id}`"))?;
                        let arg = self.bump();
                        let Tok::Ident(arg_id) = arg.tok else {
                            return err(
                                arg.column,
                                format!("`{id}` takes a question id, found {}", arg.tok.describe()),
                            );
                        };
                        self.expect(Tok::RParen, &format!("`)` to close `{id}(`"))?;
                        ExprKind::Call(func, arg_id)
                    }
                    None if self.peek().tok == Tok::LParen => {
                        return err(
                            column,
                            format!("unknown function `{id}`: use answered(q) or count(q)"),
                        );
                    }
                    None => ExprKind::Ref(id),
                }
            }
            Tok::LParen => {
                self.enter(column)?;
                let inner = self.or()?;
                self.depth -= 1;
                self.expect(Tok::RParen, "`)`")?;
                return Ok(inner);
            }
            Tok::LBracket => {
                self.enter(column)?;
                let mut items = Vec::new();
                if self.peek().tok != Tok::RBracket {
                    loop {
                        items.push(self.or()?);
                        if self.peek().tok == Tok::Comma {
                            self.bump();
                            continue;
                        }
                        break;
                    }
                }
                self.depth -= 1;
                self.expect(Tok::RBracket, "`,` or `]`")?;
                ExprKind::List(items)
            }
            other => {
                return err(
                    column,
                    format!(
                        "expected a value, a question id or `(`, found {}",
                        other.describe()
                    ),
                );
            }
        };
        Ok(Expr { kind, column })
    }
}

fn binary(op: BinOp, left: Expr, right: Expr) -> Expr {
    let column = left.column;
    Expr {
        kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
        column,
    }
}

// ---------------------------------------------------------------- types

/// The static type of an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// `true`/`false` (yes/no answers, comparisons).
    Bool,
    /// Numbers (number, amount and rating answers, arithmetic).
    Num,
    /// Text (single-choice option ids, short text).
    Str,
    /// A list (multiple choice, ranking, list literals); `None` = empty list.
    List(Option<Box<Type>>),
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Bool => f.write_str("true/false"),
            Type::Num => f.write_str("number"),
            Type::Str => f.write_str("text"),
            Type::List(None) => f.write_str("empty list"),
            Type::List(Some(t)) => write!(f, "list of {t}"),
        }
    }
}

/// What the type checker needs to know about a referenced question.
#[derive(Debug, Clone)]
pub struct RefInfo {
    /// The type of its answer in expressions.
    pub ty: Type,
    /// Its option ids, for choice questions (string literals compared with
    /// the answer are checked against them).
    pub options: Option<Vec<String>>,
}

impl Expr {
    /// Checks references and types; `lookup` returns `None` for unknown ids.
    pub fn check(&self, lookup: &dyn Fn(&str) -> Option<RefInfo>) -> Result<Type, ParseError> {
        let col = self.column;
        match &self.kind {
            ExprKind::Num(_) => Ok(Type::Num),
            ExprKind::Str(_) => Ok(Type::Str),
            ExprKind::Bool(_) => Ok(Type::Bool),
            ExprKind::Ref(id) => lookup(id)
                .map(|info| info.ty)
                .ok_or_else(|| unknown(id, col)),
            ExprKind::Call(func, id) => {
                lookup(id).ok_or_else(|| unknown(id, col))?;
                Ok(match func {
                    Func::Answered => Type::Bool,
                    Func::Count => Type::Num,
                })
            }
            ExprKind::List(items) => {
                let mut elem: Option<Type> = None;
                for item in items {
                    let t = item.check(lookup)?;
                    if matches!(t, Type::List(_)) {
                        return err(item.column, "lists cannot contain lists");
                    }
                    match &elem {
                        Some(e) if *e != t => {
                            return err(item.column, format!("list mixes {e} and {t}"));
                        }
                        _ => elem = Some(t),
                    }
                }
                Ok(Type::List(elem.map(Box::new)))
            }
            ExprKind::Not(x) => {
                expect_type(x, lookup, &Type::Bool, "`not`")?;
                Ok(Type::Bool)
            }
            ExprKind::Neg(x) => {
                expect_type(x, lookup, &Type::Num, "`-`")?;
                Ok(Type::Num)
            }
            ExprKind::Binary(op, l, r) => {
                let what = format!("`{}`", op.symbol());
                match op {
                    BinOp::And | BinOp::Or => {
                        expect_type(l, lookup, &Type::Bool, &what)?;
                        expect_type(r, lookup, &Type::Bool, &what)?;
                        Ok(Type::Bool)
                    }
                    BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                        expect_type(l, lookup, &Type::Num, &what)?;
                        expect_type(r, lookup, &Type::Num, &what)?;
                        Ok(Type::Num)
                    }
                    BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                        expect_type(l, lookup, &Type::Num, &what)?;
                        expect_type(r, lookup, &Type::Num, &what)?;
                        Ok(Type::Bool)
                    }
                    BinOp::Eq | BinOp::Ne => {
                        let lt = l.check(lookup)?;
                        let rt = r.check(lookup)?;
                        if matches!(lt, Type::List(_)) {
                            return err(
                                l.column,
                                format!("{what} compares single values; use `contains` for a list"),
                            );
                        }
                        if lt != rt {
                            return err(r.column, format!("{what} compares {lt} with {rt}"));
                        }
                        check_options(l, r, lookup)?;
                        check_options(r, l, lookup)?;
                        Ok(Type::Bool)
                    }
                    BinOp::In => {
                        let lt = l.check(lookup)?;
                        let rt = r.check(lookup)?;
                        match &rt {
                            Type::List(None) => {}
                            Type::List(Some(e)) if **e == lt => {}
                            _ => {
                                return err(
                                    r.column,
                                    format!("`in` needs a list of {lt} on the right, found {rt}"),
                                );
                            }
                        }
                        check_options(l, r, lookup)?;
                        check_options(r, l, lookup)?;
                        Ok(Type::Bool)
                    }
                    BinOp::Contains => {
                        let lt = l.check(lookup)?;
                        let rt = r.check(lookup)?;
                        let ok = match &lt {
                            Type::Str => rt == Type::Str,
                            Type::List(None) => !matches!(rt, Type::List(_)),
                            Type::List(Some(e)) => **e == rt,
                            _ => false,
                        };
                        if !ok {
                            return err(
                                r.column,
                                format!(
                                    "`contains` needs a list or text on the left and one item on the right, found {lt} contains {rt}"
                                ),
                            );
                        }
                        check_options(l, r, lookup)?;
                        Ok(Type::Bool)
                    }
                }
            }
        }
    }
}

fn unknown(id: &str, column: usize) -> ParseError {
    ParseError {
        column,
        message: format!("unknown question \"{id}\""),
    }
}

fn expect_type(
    e: &Expr,
    lookup: &dyn Fn(&str) -> Option<RefInfo>,
    want: &Type,
    what: &str,
) -> Result<(), ParseError> {
    let t = e.check(lookup)?;
    if t == *want {
        Ok(())
    } else {
        err(e.column, format!("{what} needs {want}, found {t}"))
    }
}

/// When `question` is a reference to a choice question, every string literal
/// in `literal` (a string or a list of strings) must be one of its options.
fn check_options(
    question: &Expr,
    literal: &Expr,
    lookup: &dyn Fn(&str) -> Option<RefInfo>,
) -> Result<(), ParseError> {
    let ExprKind::Ref(id) = &question.kind else {
        return Ok(());
    };
    let Some(options) = lookup(id).and_then(|info| info.options) else {
        return Ok(());
    };
    let literals: Vec<&Expr> = match &literal.kind {
        ExprKind::List(items) => items.iter().collect(),
        _ => vec![literal],
    };
    for lit in literals {
        if let ExprKind::Str(s) = &lit.kind
            && !options.iter().any(|o| o == s)
        {
            return err(
                lit.column,
                format!(
                    "question \"{id}\" has no option \"{s}\" (options: {})",
                    options.join(", ")
                ),
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- evaluation

/// A runtime value. `Null` is an unanswered or hidden question, or the result
/// of an operation on `Null`, a division by zero or an overflow.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Unknown.
    Null,
    /// A truth value.
    Bool(bool),
    /// An exact decimal.
    Num(Decimal),
    /// Text.
    Str(String),
    /// A list.
    List(Vec<Value>),
}

impl Expr {
    /// Evaluates with `env` giving the current value of each question.
    pub fn eval(&self, env: &dyn Fn(&str) -> Value) -> Value {
        match &self.kind {
            ExprKind::Num(n) => Value::Num(*n),
            ExprKind::Str(s) => Value::Str(s.clone()),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Ref(id) => env(id),
            ExprKind::Call(Func::Answered, id) => Value::Bool(env(id) != Value::Null),
            ExprKind::Call(Func::Count, id) => Value::Num(Decimal::from(match env(id) {
                Value::Null => 0,
                Value::List(items) => items.len(),
                _ => 1,
            })),
            ExprKind::List(items) => Value::List(items.iter().map(|e| e.eval(env)).collect()),
            ExprKind::Not(x) => match x.eval(env) {
                Value::Bool(b) => Value::Bool(!b),
                _ => Value::Null,
            },
            ExprKind::Neg(x) => match x.eval(env) {
                Value::Num(n) => Value::Num(-n),
                _ => Value::Null,
            },
            ExprKind::Binary(op, l, r) => eval_binary(*op, l, r, env),
        }
    }

    /// True only when the expression evaluates to `true`.
    pub fn is_true(&self, env: &dyn Fn(&str) -> Value) -> bool {
        self.eval(env) == Value::Bool(true)
    }
}

fn eval_binary(op: BinOp, l: &Expr, r: &Expr, env: &dyn Fn(&str) -> Value) -> Value {
    match op {
        BinOp::And => match l.eval(env) {
            Value::Bool(false) => Value::Bool(false),
            left => match (left, r.eval(env)) {
                (_, Value::Bool(false)) => Value::Bool(false),
                (Value::Bool(true), Value::Bool(true)) => Value::Bool(true),
                _ => Value::Null,
            },
        },
        BinOp::Or => match l.eval(env) {
            Value::Bool(true) => Value::Bool(true),
            left => match (left, r.eval(env)) {
                (_, Value::Bool(true)) => Value::Bool(true),
                (Value::Bool(false), Value::Bool(false)) => Value::Bool(false),
                _ => Value::Null,
            },
        },
        _ => {
            let (a, b) = (l.eval(env), r.eval(env));
            if a == Value::Null || b == Value::Null {
                return Value::Null;
            }
            match (op, a, b) {
                (BinOp::Eq, a, b) => Value::Bool(a == b),
                (BinOp::Ne, a, b) => Value::Bool(a != b),
                (BinOp::Lt, Value::Num(a), Value::Num(b)) => Value::Bool(a < b),
                (BinOp::Le, Value::Num(a), Value::Num(b)) => Value::Bool(a <= b),
                (BinOp::Gt, Value::Num(a), Value::Num(b)) => Value::Bool(a > b),
                (BinOp::Ge, Value::Num(a), Value::Num(b)) => Value::Bool(a >= b),
                (BinOp::In, a, Value::List(items)) => Value::Bool(items.contains(&a)),
                (BinOp::Contains, Value::List(items), b) => Value::Bool(items.contains(&b)),
                (BinOp::Contains, Value::Str(a), Value::Str(b)) => Value::Bool(a.contains(&b)),
                (BinOp::Add, Value::Num(a), Value::Num(b)) => num(a.checked_add(b)),
                (BinOp::Sub, Value::Num(a), Value::Num(b)) => num(a.checked_sub(b)),
                (BinOp::Mul, Value::Num(a), Value::Num(b)) => num(a.checked_mul(b)),
                (BinOp::Div, Value::Num(a), Value::Num(b)) => num(a.checked_div(b)),
                _ => Value::Null,
            }
        }
    }
}

fn num(n: Option<Decimal>) -> Value {
    n.map_or(Value::Null, Value::Num)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(src: &str) -> String {
        let e = Expr::parse(src).unwrap();
        let printed = e.to_string();
        assert_eq!(Expr::parse(&printed).unwrap(), e, "{src} -> {printed}");
        printed
    }

    #[test]
    fn prints_canonical_form_with_minimal_parentheses() {
        assert_eq!(roundtrip("a==1 and b"), "a = 1 and b");
        assert_eq!(roundtrip("(a - (b - c)) * 2"), "(a - (b - c)) * 2");
        assert_eq!(roundtrip("a - b - c"), "a - b - c");
        assert_eq!(
            roundtrip("not (a = 1) or x in ['p', \"q\"]"),
            "not a = 1 or x in [\"p\", \"q\"]"
        );
        assert_eq!(roundtrip("(a or b) and c"), "(a or b) and c");
        assert_eq!(
            roundtrip("x not in [1, 2] and m not contains \"a\""),
            "not x in [1, 2] and not m contains \"a\""
        );
        assert_eq!(
            Expr::parse("x not in [1]").unwrap(),
            Expr::parse("not (x in [1])").unwrap()
        );
        assert_eq!(roundtrip("- -3"), "--3");
        assert_eq!(roundtrip("s = \"a\\\"b\\\\\""), "s = \"a\\\"b\\\\\"");
        assert_eq!(
            roundtrip("answered( x ) and count(y)>=2"),
            "answered(x) and count(y) >= 2"
        );
    }

    #[test]
    fn reports_errors_with_columns() {
        let e = Expr::parse("a = = 1").unwrap_err();
        assert_eq!(e.column, 5);
        assert_eq!(Expr::parse("a = 1 = 2").unwrap_err().column, 7);
        assert_eq!(
            Expr::parse("(a").unwrap_err().to_string(),
            "expected `)`, found end of expression at column 3"
        );
        assert_eq!(Expr::parse("\"abc").unwrap_err().column, 1);
        assert_eq!(Expr::parse("a && b").unwrap_err().column, 3);
        assert!(Expr::parse("99999999999999999999999999999999").is_err());
        assert!(
            Expr::parse(&"(".repeat(200))
                .unwrap_err()
                .message
                .contains("deeper")
        );
        assert!(
            Expr::parse("foo(x)")
                .unwrap_err()
                .message
                .contains("unknown function")
        );
    }

    #[test]
    fn evaluates_with_three_valued_logic() {
        let env = |id: &str| match id {
            "n" => Value::Num(Decimal::from(5)),
            "s" => Value::Str("growth".into()),
            "m" => Value::List(vec![Value::Str("x".into())]),
            _ => Value::Null,
        };
        let t = |src: &str| Expr::parse(src).unwrap().eval(&env);
        assert_eq!(t("n * 2 + 1 = 11"), Value::Bool(true));
        assert_eq!(t("n / 0 = 1"), Value::Null);
        assert_eq!(t("s in [\"startup\", \"growth\"]"), Value::Bool(true));
        assert_eq!(t("m contains \"x\" and not answered(u)"), Value::Bool(true));
        assert_eq!(t("u = 1"), Value::Null);
        assert_eq!(t("u = 1 or n > 1"), Value::Bool(true));
        assert_eq!(t("u = 1 and n > 9"), Value::Bool(false));
        assert_eq!(t("count(m) + count(u)"), Value::Num(Decimal::ONE));
    }
}
