//! SurveyJS expressions: parse once, evaluate many times.
//!
//! Two entry points, as in SurveyJS: an [`Expression`] gives its raw value
//! (calculated values, expression questions, expression validators); a
//! [`Condition`] gives `true` or `false` (`visibleIf`, `enableIf`,
//! `requiredIf`), applying JavaScript's `value == true`.
//!
//! ```
//! use tanya_engine::expr::{Condition, Env, Value};
//! use std::collections::BTreeMap;
//! let c = Condition::parse("{age} >= 18 and {group} = 'internal'").unwrap();
//! let mut answers = BTreeMap::new();
//! answers.insert("age".to_string(), Value::Number(30.0));
//! answers.insert("group".to_string(), Value::from("Internal "));
//! assert!(c.check(&Env { scope: &answers, now: None }));
//! assert_eq!(c.variables(), ["age", "group"]);
//! ```

pub mod ast;
pub mod date;
mod eval;
pub mod functions;
mod in_array;
mod lexer;
pub mod number;
pub mod ops;
mod parser;
mod value;

pub use eval::{eq_ignore_case, resolve, Env, RowScope, Scope};
pub use parser::{MAX_HEIGHT, MAX_NESTING};
pub use value::{number_json, Value};

use std::fmt;

/// Occurs when expression text does not parse; `column` is 1-based.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} (column {column})")]
pub struct ParseError {
    /// Column of the offending character, counted in characters from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl ParseError {
    /// A new error at `column`.
    pub fn new(column: usize, message: impl Into<String>) -> Self {
        ParseError { column, message: message.into() }
    }
}

/// A parsed expression that evaluates to a raw value.
#[derive(Clone, Debug, PartialEq)]
pub struct Expression {
    source: String,
    root: ast::Node,
    variables: Vec<String>,
}

impl Expression {
    /// Parses `src`; the error names the column.
    pub fn parse(src: &str) -> Result<Expression, ParseError> {
        let root = parser::parse(src)?;
        let mut variables: Vec<String> = Vec::new();
        root.visit_vars(&mut |v| {
            if !variables.iter().any(|x| x == v) {
                variables.push(v.to_string());
            }
        });
        Ok(Expression { source: src.to_string(), root, variables })
    }

    /// Evaluates against `env`.
    pub fn eval(&self, env: &Env<'_>) -> Value {
        eval::eval_node(&self.root, env)
    }

    /// The variable names it reads, in order of first use, without duplicates.
    pub fn variables(&self) -> &[String] {
        &self.variables
    }

    /// The names of functions it calls that are not built in.
    pub fn unknown_functions(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.root.visit_calls(&mut |name, known| {
            if !known {
                out.push(name);
            }
        });
        out
    }

    /// The text it was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The parsed tree.
    pub fn tree(&self) -> &ast::Node {
        &self.root
    }
}

impl fmt::Display for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.root.fmt(f)
    }
}

/// A parsed condition: an expression read as true or false.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition(Expression);

impl Condition {
    /// Parses `src`; the error names the column.
    pub fn parse(src: &str) -> Result<Condition, ParseError> {
        Expression::parse(src).map(Condition)
    }

    /// True when the value is JavaScript-`== true`.
    pub fn check(&self, env: &Env<'_>) -> bool {
        self.0.eval(env).is_true_condition()
    }

    /// The underlying expression.
    pub fn expression(&self) -> &Expression {
        &self.0
    }

    /// The variable names it reads.
    pub fn variables(&self) -> &[String] {
        self.0.variables()
    }
}
