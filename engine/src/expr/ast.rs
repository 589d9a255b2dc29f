//! The parsed form of an expression.

use super::functions::Func;
use super::Value;
use std::fmt;

/// Binary operators, lowest precedence first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `or`, `||`
    Or,
    /// `and`, `&&`
    And,
    /// `=`, `==`, `equal`
    Eq,
    /// `!=`, `<>`, `notequal`
    Ne,
    /// `<`, `less`
    Lt,
    /// `>`, `greater`
    Gt,
    /// `<=`, `lessorequal`
    Le,
    /// `>=`, `greaterorequal`
    Ge,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `^`, `power`
    Pow,
    /// `contains`, `contain`, `*=`
    Contains,
    /// `notcontains`, `notcontain`
    NotContains,
    /// `anyof`
    AnyOf,
    /// `allof`
    AllOf,
    /// `noneof`
    NoneOf,
}

impl BinOp {
    /// How the operator prints in a tree.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Gt => ">",
            BinOp::Le => "<=",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Pow => "^",
            BinOp::Contains => "contains",
            BinOp::NotContains => "notcontains",
            BinOp::AnyOf => "anyof",
            BinOp::AllOf => "allof",
            BinOp::NoneOf => "noneof",
        }
    }

    /// SurveyJS's operator name (`equal`, `greaterorequal`...).
    pub fn name(self) -> &'static str {
        match self {
            BinOp::Eq => "equal",
            BinOp::Ne => "notequal",
            BinOp::Lt => "less",
            BinOp::Gt => "greater",
            BinOp::Le => "lessorequal",
            BinOp::Ge => "greaterorequal",
            BinOp::Add => "plus",
            BinOp::Sub => "minus",
            BinOp::Mul => "mul",
            BinOp::Div => "div",
            BinOp::Mod => "mod",
            BinOp::Pow => "power",
            other => other.symbol(),
        }
    }
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// Prefix `!` or `negate`.
    Not,
    /// Postfix `empty`.
    Empty,
    /// Postfix `notempty`.
    NotEmpty,
}

/// A node of the expression tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A literal. `quoted` marks a quoted string (printed with quotes).
    Const {
        /// The value.
        value: Value,
        /// True for a quoted string literal.
        quoted: bool,
    },
    /// A `{name}` variable; `raw` is the `{#name}` form that skips value conversion.
    Var {
        /// The name between the braces, without `#`.
        name: String,
        /// True for `{#name}`.
        raw: bool,
    },
    /// An array literal.
    Array(Vec<Node>),
    /// A unary operation.
    Unary {
        /// The operator.
        op: UnaryOp,
        /// Its operand.
        arg: Box<Node>,
    },
    /// A binary operation; the contains family may lack a right operand.
    Binary {
        /// The operator.
        op: BinOp,
        /// Left operand.
        left: Box<Node>,
        /// Right operand.
        right: Option<Box<Node>>,
    },
    /// A function call.
    Call {
        /// The name as written.
        name: String,
        /// The built-in it names, if any.
        func: Option<Func>,
        /// Arguments.
        args: Vec<Node>,
    },
}

impl Node {
    /// Calls `f` with every variable name in the tree, left to right.
    pub fn visit_vars<'a>(&'a self, f: &mut dyn FnMut(&'a str)) {
        match self {
            Node::Const { .. } => {}
            Node::Var { name, .. } => f(name),
            Node::Array(items) | Node::Call { args: items, .. } => {
                items.iter().for_each(|n| n.visit_vars(f));
            }
            Node::Unary { arg, .. } => arg.visit_vars(f),
            Node::Binary { left, right, .. } => {
                left.visit_vars(f);
                if let Some(r) = right {
                    r.visit_vars(f);
                }
            }
        }
    }

    /// Calls `f` with every function call's name and whether it is a built-in.
    pub fn visit_calls<'a>(&'a self, f: &mut dyn FnMut(&'a str, bool)) {
        match self {
            Node::Const { .. } | Node::Var { .. } => {}
            Node::Array(items) => items.iter().for_each(|n| n.visit_calls(f)),
            Node::Call { name, func, args } => {
                f(name, func.is_some());
                args.iter().for_each(|n| n.visit_calls(f));
            }
            Node::Unary { arg, .. } => arg.visit_calls(f),
            Node::Binary { left, right, .. } => {
                left.visit_calls(f);
                if let Some(r) = right {
                    r.visit_calls(f);
                }
            }
        }
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Const { value: Value::String(s), quoted: true } => write!(f, "'{s}'"),
            Node::Const { value, .. } => write!(f, "{}", value.to_js_string()),
            Node::Var { name, raw } => write!(f, "{{{}{name}}}", if *raw { "#" } else { "" }),
            Node::Array(items) => {
                write!(f, "[")?;
                write_list(f, items)?;
                write!(f, "]")
            }
            Node::Unary { op: UnaryOp::Not, arg } => write!(f, "! {arg}"),
            Node::Unary { op: UnaryOp::Empty, arg } => write!(f, "{arg} empty"),
            Node::Unary { op: UnaryOp::NotEmpty, arg } => write!(f, "{arg} notempty"),
            Node::Binary { op, left, right: Some(r) } => write!(f, "({left} {} {r})", op.symbol()),
            Node::Binary { op, left, right: None } => write!(f, "({left} {})", op.symbol()),
            Node::Call { name, args, .. } => {
                write!(f, "{name}(")?;
                write_list(f, args)?;
                write!(f, ")")
            }
        }
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, items: &[Node]) -> fmt::Result {
    for (i, n) in items.iter().enumerate() {
        if i > 0 {
            write!(f, ", ")?;
        }
        write!(f, "{n}")?;
    }
    Ok(())
}
