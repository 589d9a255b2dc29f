//! Recursive-descent parser for the SurveyJS expression grammar.
//!
//! Precedence, lowest first: `or`; `and`; comparisons (left-associative and
//! chainable); `+ -`; `* / %`; `^` (left-associative); the contains family
//! (binds tighter than arithmetic, right operand optional); factors.
//! A missing closing parenthesis is tolerated, as in SurveyJS.

use super::ast::{BinOp, Node, UnaryOp};
use super::functions::Func;
use super::lexer::{lex, Tok, Token};
use super::{ParseError, Value};

/// How many groups, calls, arrays and prefix operators may be open at once.
pub const MAX_NESTING: usize = 64;
/// The tallest tree a parse may build (long `or` chains count); taller input
/// is an error, never a stack overflow.
pub const MAX_HEIGHT: usize = 512;

/// A subtree with its height.
type Sub = (Node, usize);

/// Parses `src` into a tree.
pub fn parse(src: &str) -> Result<Node, ParseError> {
    let tokens = lex(src)?;
    let mut p = Parser { tokens, pos: 0, end_col: src.chars().count() + 1, open: 0 };
    if p.tokens.is_empty() {
        return Err(ParseError::new(1, "the expression is empty"));
    }
    let (node, _) = p.or()?;
    if let Some(t) = p.peek_token() {
        return Err(ParseError::new(t.col, format!("unexpected {}", describe(&t.tok))));
    }
    Ok(node)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    end_col: usize,
    /// Groups, calls, arrays and prefix operators currently open.
    open: usize,
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Num(n) => format!("number {}", super::number::format_number(*n)),
        Tok::Str(s) => format!("string '{s}'"),
        Tok::Var(v) => format!("variable {{{v}}}"),
        Tok::Word(w) => format!("word '{w}'"),
        Tok::RParen => "')'".into(),
        Tok::RBracket => "']'".into(),
        Tok::Comma => "','".into(),
        Tok::OrOr => "operator '||'".into(),
        Tok::AndAnd => "operator '&&'".into(),
        Tok::Eq => "operator '='".into(),
        Tok::Ne => "operator '!='".into(),
        Tok::Lt => "operator '<'".into(),
        Tok::Gt => "operator '>'".into(),
        Tok::Le => "operator '<='".into(),
        Tok::Ge => "operator '>='".into(),
        Tok::Plus => "operator '+'".into(),
        Tok::Minus => "operator '-'".into(),
        Tok::Star => "operator '*'".into(),
        Tok::Slash => "operator '/'".into(),
        Tok::Percent => "operator '%'".into(),
        Tok::Caret => "operator '^'".into(),
        Tok::Bang => "operator '!'".into(),
        Tok::StarEq => "operator '*='".into(),
        Tok::LParen => "'('".into(),
        Tok::LBracket => "'['".into(),
    }
}

fn keyword(w: &str) -> Option<&'static str> {
    const KEYWORDS: [&str; 23] = [
        "or",
        "and",
        "equal",
        "equals",
        "notequal",
        "notequals",
        "less",
        "greater",
        "lessorequal",
        "greaterorequal",
        "contains",
        "contain",
        "notcontains",
        "notcontain",
        "anyof",
        "allof",
        "noneof",
        "negate",
        "power",
        "empty",
        "notempty",
        "true",
        "false",
    ];
    KEYWORDS.iter().find(|k| k.eq_ignore_ascii_case(w)).copied()
}

fn binary(op: BinOp, (l, dl): Sub, right: Option<Sub>) -> Result<Sub, ParseError> {
    let dr = right.as_ref().map_or(0, |r| r.1);
    let depth = dl.max(dr) + 1;
    if depth > MAX_HEIGHT {
        return Err(ParseError::new(1, format!("the expression is deeper than {MAX_HEIGHT} operations")));
    }
    Ok((Node::Binary { op, left: Box::new(l), right: right.map(|r| Box::new(r.0)) }, depth))
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|t| &t.tok)
    }

    fn peek_token(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn col(&self) -> usize {
        self.peek_token().map_or(self.end_col, |t| t.col)
    }

    fn peek_keyword(&self) -> Option<&'static str> {
        match self.peek() {
            Some(Tok::Word(w)) => keyword(w),
            _ => None,
        }
    }

    fn or(&mut self) -> Result<Sub, ParseError> {
        let mut left = self.and()?;
        while matches!(self.peek(), Some(Tok::OrOr)) || self.peek_keyword() == Some("or") {
            self.pos += 1;
            let right = self.and()?;
            left = binary(BinOp::Or, left, Some(right))?;
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Sub, ParseError> {
        let mut left = self.comparison()?;
        while matches!(self.peek(), Some(Tok::AndAnd)) || self.peek_keyword() == Some("and") {
            self.pos += 1;
            let right = self.comparison()?;
            left = binary(BinOp::And, left, Some(right))?;
        }
        Ok(left)
    }

    fn comparison_op(&self) -> Option<BinOp> {
        Some(match self.peek()? {
            Tok::Eq => BinOp::Eq,
            Tok::Ne => BinOp::Ne,
            Tok::Lt => BinOp::Lt,
            Tok::Gt => BinOp::Gt,
            Tok::Le => BinOp::Le,
            Tok::Ge => BinOp::Ge,
            Tok::Word(_) => match self.peek_keyword()? {
                "equal" | "equals" => BinOp::Eq,
                "notequal" | "notequals" => BinOp::Ne,
                "less" => BinOp::Lt,
                "greater" => BinOp::Gt,
                "lessorequal" => BinOp::Le,
                "greaterorequal" => BinOp::Ge,
                _ => return None,
            },
            _ => return None,
        })
    }

    fn comparison(&mut self) -> Result<Sub, ParseError> {
        let mut left = self.additive()?;
        while let Some(op) = self.comparison_op() {
            self.pos += 1;
            let right = self.additive()?;
            left = binary(op, left, Some(right))?;
        }
        Ok(left)
    }

    fn additive(&mut self) -> Result<Sub, ParseError> {
        let mut left = self.multiplicative()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Plus) => BinOp::Add,
                Some(Tok::Minus) => BinOp::Sub,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.multiplicative()?;
            left = binary(op, left, Some(right))?;
        }
    }

    fn multiplicative(&mut self) -> Result<Sub, ParseError> {
        let mut left = self.power()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Star) => BinOp::Mul,
                Some(Tok::Slash) => BinOp::Div,
                Some(Tok::Percent) => BinOp::Mod,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.power()?;
            left = binary(op, left, Some(right))?;
        }
    }

    fn power(&mut self) -> Result<Sub, ParseError> {
        let mut left = self.contains()?;
        while matches!(self.peek(), Some(Tok::Caret)) || self.peek_keyword() == Some("power") {
            self.pos += 1;
            let right = self.contains()?;
            left = binary(BinOp::Pow, left, Some(right))?;
        }
        Ok(left)
    }

    fn contains_op(&self) -> Option<BinOp> {
        if matches!(self.peek(), Some(Tok::StarEq)) {
            return Some(BinOp::Contains);
        }
        Some(match self.peek_keyword()? {
            "contains" | "contain" => BinOp::Contains,
            "notcontains" | "notcontain" => BinOp::NotContains,
            "anyof" => BinOp::AnyOf,
            "allof" => BinOp::AllOf,
            "noneof" => BinOp::NoneOf,
            _ => return None,
        })
    }

    fn contains(&mut self) -> Result<Sub, ParseError> {
        let mut left = self.factor()?;
        while let Some(op) = self.contains_op() {
            self.pos += 1;
            let right = if self.starts_factor() { Some(self.factor()?) } else { None };
            left = binary(op, left, right)?;
        }
        Ok(left)
    }

    /// Whether the next token can begin a factor (for the optional right operand).
    fn starts_factor(&self) -> bool {
        match self.peek() {
            Some(Tok::Num(_) | Tok::Str(_) | Tok::Var(_) | Tok::LParen | Tok::LBracket | Tok::Bang) => true,
            Some(Tok::Minus) => matches!(self.tokens.get(self.pos + 1).map(|t| &t.tok), Some(Tok::Num(_))),
            Some(Tok::Word(_)) => matches!(self.peek_keyword(), None | Some("true" | "false" | "negate")),
            _ => false,
        }
    }

    fn factor(&mut self) -> Result<Sub, ParseError> {
        let col = self.col();
        let Some(tok) = self.peek().cloned() else {
            return Err(ParseError::new(col, "the expression ends where a value is expected"));
        };
        match tok {
            Tok::LParen => {
                self.pos += 1;
                let inner = self.nested(|p| p.or())?;
                if matches!(self.peek(), Some(Tok::RParen)) {
                    self.pos += 1;
                }
                Ok(inner)
            }
            Tok::Bang => {
                self.pos += 1;
                let (arg, d) = self.nested(|p| p.factor())?;
                Ok((Node::Unary { op: UnaryOp::Not, arg: Box::new(arg) }, d + 1))
            }
            Tok::Word(w) if keyword(&w) == Some("negate") => {
                self.pos += 1;
                let (arg, d) = self.nested(|p| p.factor())?;
                Ok((Node::Unary { op: UnaryOp::Not, arg: Box::new(arg) }, d + 1))
            }
            Tok::Word(w) if keyword(&w).is_none() && self.next_is(Tok::LParen) => {
                self.pos += 2;
                let (args, d) = self.nested(|p| p.list(Tok::RParen))?;
                let func = Func::lookup(&w);
                Ok((Node::Call { name: w, func, args }, d + 1))
            }
            Tok::LBracket => {
                self.pos += 1;
                let (items, d) = self.nested(|p| p.list(Tok::RBracket))?;
                Ok((Node::Array(items), d + 1))
            }
            _ => {
                let atom = self.atom()?;
                let op = match self.peek_keyword() {
                    Some("empty") => UnaryOp::Empty,
                    Some("notempty") => UnaryOp::NotEmpty,
                    _ => return Ok((atom, 1)),
                };
                self.pos += 1;
                Ok((Node::Unary { op, arg: Box::new(atom) }, 2))
            }
        }
    }

    /// Runs `f` one nesting level deeper, refusing input nested past [`MAX_NESTING`].
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T, ParseError>) -> Result<T, ParseError> {
        self.depth_guard()?;
        self.open += 1;
        let r = f(self);
        self.open -= 1;
        r
    }

    fn depth_guard(&self) -> Result<(), ParseError> {
        if self.open >= MAX_NESTING {
            Err(ParseError::new(self.col(), format!("the expression nests deeper than {MAX_NESTING} levels")))
        } else {
            Ok(())
        }
    }

    fn next_is(&self, t: Tok) -> bool {
        self.tokens.get(self.pos + 1).map(|x| &x.tok) == Some(&t)
    }

    /// Comma-separated expressions up to `close`, which may be missing at the end.
    fn list(&mut self, close: Tok) -> Result<(Vec<Node>, usize), ParseError> {
        let mut items = Vec::new();
        let mut depth = 0;
        if self.peek() == Some(&close) {
            self.pos += 1;
            return Ok((items, depth));
        }
        loop {
            let (n, d) = self.or()?;
            depth = depth.max(d);
            items.push(n);
            match self.peek() {
                Some(Tok::Comma) => self.pos += 1,
                Some(t) if *t == close => {
                    self.pos += 1;
                    return Ok((items, depth));
                }
                None => return Ok((items, depth)),
                Some(t) => {
                    let msg = format!("expected ',' or {}, found {}", describe(&close), describe(t));
                    return Err(ParseError::new(self.col(), msg));
                }
            }
        }
    }

    fn atom(&mut self) -> Result<Node, ParseError> {
        let col = self.col();
        let Some(token) = self.tokens.get(self.pos).cloned() else {
            return Err(ParseError::new(col, "the expression ends where a value is expected"));
        };
        self.pos += 1;
        let constant = |value: Value| Node::Const { value, quoted: false };
        Ok(match token.tok {
            Tok::Num(n) => constant(Value::Number(n)),
            Tok::Minus => match self.tokens.get(self.pos) {
                Some(Token { tok: Tok::Num(n), col: c, .. }) if *c == token.end => {
                    let n = *n;
                    self.pos += 1;
                    constant(Value::Number(-n))
                }
                _ => return Err(ParseError::new(col, "'-' must be followed by a number (write 0 - {q})")),
            },
            Tok::Str(s) => Node::Const { value: Value::String(s), quoted: true },
            Tok::Var(name) => match name.strip_prefix('#') {
                Some(raw) => Node::Var { name: raw.to_string(), raw: true },
                None => Node::Var { name, raw: false },
            },
            Tok::Word(w) => match keyword(&w) {
                Some("true") => constant(Value::Bool(true)),
                Some("false") => constant(Value::Bool(false)),
                Some(k) => return Err(ParseError::new(col, format!("'{k}' needs a value before it"))),
                None if w == "null" || w == "undefined" => constant(Value::Null),
                None => constant(Value::String(w)),
            },
            other => return Err(ParseError::new(col, format!("unexpected {}", describe(&other)))),
        })
    }
}
