//! Splits expression text into tokens, each with its 1-based column.
//!
//! The operator aliases SurveyJS rewrites before parsing (`=>`, `=<`, `<>`)
//! are recognised here, as tokens, so string literals are never rewritten.

use super::ParseError;

/// A token's kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A number literal, unsigned.
    Num(f64),
    /// A quoted string, with escapes removed.
    Str(String),
    /// A `{...}` variable: the text between the braces, verbatim.
    Var(String),
    /// A bare word: keyword, function name or string constant.
    Word(String),
    /// `||`
    OrOr,
    /// `&&`
    AndAnd,
    /// `=` or `==`
    Eq,
    /// `!=` or `<>`
    Ne,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `<=` or `=<`
    Le,
    /// `>=` or `=>`
    Ge,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `%`
    Percent,
    /// `^`
    Caret,
    /// `!`
    Bang,
    /// `*=` (contains)
    StarEq,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `,`
    Comma,
}

/// A token with where it starts and ends (1-based character columns, end exclusive).
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Column of its first character.
    pub col: usize,
    /// Column just past its last character.
    pub end: usize,
}

/// Tokenises `src`.
pub fn lex(src: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).copied();
        let (tok, len) = match c {
            '{' => {
                let close = chars[i + 1..]
                    .iter()
                    .position(|&x| x == '}')
                    .ok_or_else(|| ParseError::new(col, "a '{' variable is not closed with '}'"))?;
                let name: String = chars[i + 1..i + 1 + close].iter().collect();
                (Tok::Var(name), close + 2)
            }
            '\'' | '"' => lex_string(&chars, i)?,
            '0'..='9' => lex_number(&chars, i)?,
            c if c.is_ascii_alphabetic() || c == '_' => {
                let len = chars[i..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '_').count();
                (Tok::Word(chars[i..i + len].iter().collect()), len)
            }
            '|' if next == Some('|') => (Tok::OrOr, 2),
            '&' if next == Some('&') => (Tok::AndAnd, 2),
            '=' => match next {
                Some('=') => (Tok::Eq, 2),
                Some('>') => (Tok::Ge, 2),
                Some('<') => (Tok::Le, 2),
                _ => (Tok::Eq, 1),
            },
            '!' if next == Some('=') => (Tok::Ne, 2),
            '!' => (Tok::Bang, 1),
            '<' => match next {
                Some('=') => (Tok::Le, 2),
                Some('>') => (Tok::Ne, 2),
                _ => (Tok::Lt, 1),
            },
            '>' if next == Some('=') => (Tok::Ge, 2),
            '>' => (Tok::Gt, 1),
            '*' if next == Some('=') => (Tok::StarEq, 2),
            '*' => (Tok::Star, 1),
            '+' => (Tok::Plus, 1),
            '-' => (Tok::Minus, 1),
            '/' => (Tok::Slash, 1),
            '%' => (Tok::Percent, 1),
            '^' => (Tok::Caret, 1),
            '(' => (Tok::LParen, 1),
            ')' => (Tok::RParen, 1),
            '[' => (Tok::LBracket, 1),
            ']' => (Tok::RBracket, 1),
            ',' => (Tok::Comma, 1),
            other => return Err(ParseError::new(col, format!("unexpected character '{other}'"))),
        };
        out.push(Token { tok, col, end: col + len });
        i += len;
    }
    Ok(out)
}

fn lex_string(chars: &[char], start: usize) -> Result<(Tok, usize), ParseError> {
    let quote = chars[start];
    let mut s = String::new();
    let mut i = start + 1;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && matches!(chars.get(i + 1), Some('\'') | Some('"')) {
            s.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == quote {
            return Ok((Tok::Str(s), i + 1 - start));
        }
        s.push(c);
        i += 1;
    }
    Err(ParseError::new(start + 1, "a string is not closed"))
}

/// `0x` followed by decimal digits is read as hex, as in SurveyJS; leading
/// zeros, exponents and a trailing `.` are not numbers.
fn lex_number(chars: &[char], start: usize) -> Result<(Tok, usize), ParseError> {
    let col = start + 1;
    let digits = |from: usize| chars[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    if chars[start] == '0' && chars.get(start + 1) == Some(&'x') {
        let n = digits(start + 2);
        if n == 0 {
            return Err(ParseError::new(col, "'0x' must be followed by digits"));
        }
        let text: String = chars[start + 2..start + 2 + n].iter().collect();
        let v = i64::from_str_radix(&text, 16).map_err(|_| ParseError::new(col, "hex number too large"))?;
        return Ok((Tok::Num(v as f64), n + 2));
    }
    let int = digits(start);
    if chars[start] == '0' && int > 1 {
        return Err(ParseError::new(col, "a number cannot start with 0"));
    }
    let mut len = int;
    if chars.get(start + len) == Some(&'.') {
        let frac = digits(start + len + 1);
        if frac == 0 {
            return Err(ParseError::new(col, "a number cannot end with '.'"));
        }
        len += 1 + frac;
    }
    let text: String = chars[start..start + len].iter().collect();
    let v = super::number::parse_decimal(&text).ok_or_else(|| ParseError::new(col, "invalid number"))?;
    Ok((Tok::Num(v), len))
}
