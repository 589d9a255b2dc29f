//! Numbers the JavaScript way: parsing, printing and SurveyJS's decimal correction.

/// JavaScript's `Number(string)`: trimmed; empty is 0; decimal, exponent,
/// `Infinity` and `0x`/`0o`/`0b` forms; anything else is NaN.
pub fn js_to_number(s: &str) -> f64 {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.is_empty() {
        return 0.0;
    }
    for (prefix, radix) in [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2)] {
        if let Some(digits) = t.strip_prefix(prefix) {
            return parse_radix(digits, radix).unwrap_or(f64::NAN);
        }
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    if unsigned == "Infinity" {
        return if t.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    if !is_decimal_literal(unsigned) {
        return f64::NAN;
    }
    t.parse::<f64>().unwrap_or(f64::NAN)
}

fn parse_radix(digits: &str, radix: u32) -> Option<f64> {
    if digits.is_empty() {
        return None;
    }
    let mut n = 0f64;
    for c in digits.chars() {
        n = n * f64::from(radix) + f64::from(c.to_digit(radix)?);
    }
    Some(n)
}

/// `digits[.digits][e[+-]digits]` or `.digits...`, with at least one digit.
fn is_decimal_literal(s: &str) -> bool {
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |x: &str| x.chars().all(|c| c.is_ascii_digit());
    if !(digits_ok(int) && digits_ok(frac)) || (int.is_empty() && frac.is_empty()) {
        return false;
    }
    match exp {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && digits_ok(e)
        }
    }
}

/// JavaScript's `String(number)` for the values surveys meet.
pub fn format_number(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n == 0.0 {
        "0".into()
    } else if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

/// SurveyJS's `Helpers.isNumber`/`getNumber` on a string: a number for
/// numeric text, with a lone `,` read as the decimal point; `None` otherwise.
pub fn sjs_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(hex) = t.strip_prefix("0x") {
        return if t.len() <= 32 { parse_radix(hex, 16) } else { None };
    }
    if t.len() > 15 && t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if t.contains(['*', '^', '/', '%']) {
        return None;
    }
    let replaced;
    let t = if t.matches(',').count() == 1 {
        replaced = t.replace(',', ".");
        replaced.as_str()
    } else {
        t
    };
    let n = js_to_number(t);
    n.is_finite().then_some(n)
}

/// SurveyJS's `getCorrectValue` on a string read from data: `"true"`/`"false"`
/// become booleans, a quoted string loses its quotes, numeric text becomes a
/// number unless it has a leading zero (`"007"` stays text).
pub fn correct_string(s: &str) -> super::Value {
    use super::Value;
    if s.eq_ignore_ascii_case("true") {
        return Value::Bool(true);
    }
    if s.eq_ignore_ascii_case("false") {
        return Value::Bool(false);
    }
    let b = s.as_bytes();
    if b.len() > 1 && (b[0] == b'\'' || b[0] == b'"') && b[b.len() - 1] == b[0] {
        return Value::String(s[1..s.len() - 1].to_string());
    }
    if b.len() > 1 && b[0] == b'0' && b[1] != b'.' && b[1] != b',' {
        return Value::String(s.to_string());
    }
    match sjs_number(s) {
        Some(n) => Value::Number(n),
        None => Value::String(s.to_string()),
    }
}

/// How many digits follow the decimal point in JavaScript's text of `n`.
pub fn decimals(n: f64) -> usize {
    let s = format_number(n);
    s.split_once('.').map_or(0, |(_, f)| f.len())
}

/// Rounds `res` to `digits` decimals, as SurveyJS does after `+ - *` to hide
/// binary fractions (`0.3 + 0.6` gives 0.9).
pub fn correct_decimals(res: f64, digits: usize) -> f64 {
    if digits == 0 || !res.is_finite() {
        return res;
    }
    format!("{res:.digits$}").parse().unwrap_or(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_number_parsing() {
        for (s, want) in [
            ("12", 12.0),
            (" 1.5 ", 1.5),
            ("", 0.0),
            ("0x1F", 31.0),
            ("1e3", 1000.0),
            (".5", 0.5),
            ("-Infinity", f64::NEG_INFINITY),
        ] {
            assert_eq!(js_to_number(s), want, "{s:?}");
        }
        for s in ["abc", "1,5", "12abc", "1e", "."] {
            assert!(js_to_number(s).is_nan(), "{s:?}");
        }
    }

    #[test]
    fn surveyjs_number_rules() {
        assert_eq!(sjs_number("1,5"), Some(1.5));
        assert_eq!(sjs_number("100,000"), Some(100.0));
        assert_eq!(sjs_number("1234567890123456"), None);
        assert_eq!(sjs_number("2*3"), None);
        assert_eq!(sjs_number("Infinity"), None);
    }

    #[test]
    fn printing_and_correction() {
        assert_eq!(format_number(5.0), "5");
        assert_eq!(format_number(0.1), "0.1");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(correct_decimals(0.3 + 0.6, 1), 0.9);
        assert_eq!(decimals(1.25), 2);
    }
}
