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
    parse_decimal(t).unwrap_or(f64::NAN)
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

/// Reads decimal text (`[+-]digits[.digits][e[+-]digits]`, or starting or
/// ending at the point) as a number; `None` for anything else, including
/// `inf` and `NaN`, which Rust's own parser would take.
///
/// It goes through serde_json's number parser, which the wasm carries
/// anyway, instead of the standard library's, whose tables are 14 KB.
/// Out of range gives an infinity, as in JavaScript.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let (negative, unsigned) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if !is_decimal_literal(unsigned) {
        return None;
    }
    // The same number in JSON's stricter syntax: no leading zeros, a digit
    // on each side of the point.
    let (mantissa, exp) = unsigned.split_at(unsigned.find(['e', 'E']).unwrap_or(unsigned.len()));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let int = int.trim_start_matches('0');
    let mut json = String::with_capacity(s.len() + 3);
    if negative {
        json.push('-');
    }
    json.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        json.push('.');
        json.push_str(frac);
    }
    json.push_str(exp);
    match serde_json::from_str::<f64>(&json) {
        Ok(n) => Some(n),
        // Valid syntax that JSON cannot hold: too large.
        Err(_) => Some(if negative { f64::NEG_INFINITY } else { f64::INFINITY }),
    }
}

/// A JSON number, or a string holding decimal text (questionnaires often
/// quote their bounds: `"minValue": "18"`).
pub(crate) fn json_number(v: &serde_json::Value) -> Option<f64> {
    v.as_f64().or_else(|| v.as_str().and_then(|s| parse_decimal(s.trim())))
}

/// A finite, non-zero number's shortest decimal digits: `(negative,
/// digits, point)` with the value `0.digits × 10^point`, the digits without
/// leading or trailing zeros.
fn shortest(n: f64) -> (bool, String, i32) {
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(n.abs());
    let (mantissa, exp) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{int}{frac}");
    let trimmed = all.trim_start_matches('0');
    let point = int.len() as i32 + exp - (all.len() - trimmed.len()) as i32;
    (n < 0.0, trimmed.trim_end_matches('0').to_string(), point)
}

/// JavaScript's `String(number)` (ECMAScript `Number::toString`): plain
/// digits from 1e-6 up to 1e21, exponent form (`1e+21`, `1.5e-7`) outside.
pub fn format_number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    } else if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.into();
    } else if n == 0.0 {
        return "0".into();
    }
    let (negative, digits, point) = shortest(n);
    let k = digits.len() as i32;
    let mut out = String::from(if negative { "-" } else { "" });
    if k <= point && point <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (point - k) as usize));
    } else if 0 < point && point <= 21 {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    } else if -6 < point && point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = point - 1;
        out.push_str(&format!("e{}{}", if e < 0 { '-' } else { '+' }, e.unsigned_abs()));
    }
    out
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
/// binary fractions (`0.3 + 0.6` gives 0.9): JavaScript's `toFixed` on the
/// exact binary value, halves rounded away from zero.
pub fn correct_decimals(res: f64, digits: usize) -> f64 {
    if digits == 0 || !res.is_finite() || res == 0.0 {
        return res;
    }
    let (negative, shown, point) = shortest(res);
    let keep = point + digits as i32;
    if keep >= shown.len() as i32 {
        return res;
    }
    let mut kept: Vec<u8> = shown.as_bytes()[..keep.max(0) as usize].to_vec();
    let mut point = point;
    let round_up = match shown.as_bytes().get(keep.max(0) as usize) {
        _ if keep < 0 => false,
        Some(d) if *d != b'5' => *d > b'5',
        // A 5 followed by more digits is above the halfway point.
        Some(_) if keep as usize + 1 < shown.len() => true,
        // The shortest digits end exactly halfway; the binary value itself
        // lies a little below or above (1.005 is 1.00499…), or exactly on it.
        Some(_) => {
            let halfway = shown.parse::<u128>().unwrap_or(0);
            compare_exact(res.abs(), halfway, point - shown.len() as i32) != Some(std::cmp::Ordering::Less)
        }
        None => false,
    };
    if round_up {
        // Carry the rounding up through the kept digits.
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, b'1');
                point += 1;
                break;
            }
            i -= 1;
            if kept[i] == b'9' {
                kept[i] = b'0';
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    if kept.is_empty() {
        return if negative { -0.0 } else { 0.0 };
    }
    let text = format!("{}0.{}e{point}", if negative { "-" } else { "" }, String::from_utf8_lossy(&kept));
    parse_decimal(&text).unwrap_or(res)
}

/// Compares a finite, non-negative `x` with `digits × 10^exp10` exactly, in
/// integers: `x` is `m × 2^e`. `None` when the numbers do not fit in 128 bits
/// (far from any value a survey's sum meets).
fn compare_exact(x: f64, digits: u128, exp10: i32) -> Option<std::cmp::Ordering> {
    let bits = x.to_bits();
    let (m, e) = match (bits >> 52) & 0x7ff {
        0 => (u128::from(bits & ((1 << 52) - 1)), -1074),
        exp => (u128::from((bits & ((1 << 52) - 1)) | (1 << 52)), exp as i32 - 1075),
    };
    let scale = |v: u128, pow10: u32, pow2: u32| -> Option<u128> {
        let v = (0..pow10).try_fold(v, |v, _| v.checked_mul(10))?;
        (pow2 < 128 && (v == 0 || v.leading_zeros() >= pow2)).then(|| v << pow2)
    };
    let left = scale(m, (-exp10).max(0) as u32, e.max(0) as u32)?;
    let right = scale(digits, exp10.max(0) as u32, (-e).max(0) as u32)?;
    Some(left.cmp(&right))
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
    fn printing_as_javascript_does() {
        // (number, JavaScript's String(number))
        let cases: &[(f64, &str)] = &[
            (5.0, "5"),
            (0.1, "0.1"),
            (-0.0, "0"),
            (-12.5, "-12.5"),
            (100.0, "100"),
            (0.1 + 0.2, "0.30000000000000004"),
            (123_456_789.0, "123456789"),
            (1e21, "1e+21"),
            (1.5e300, "1.5e+300"),
            (123_456_789_012_345_680_000.0, "123456789012345680000"),
            (1e-6, "0.000001"),
            (2.5e-5, "0.000025"),
            (1e-7, "1e-7"),
            (-1.25e-7, "-1.25e-7"),
            (5e-324, "5e-324"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (n, want) in cases {
            assert_eq!(format_number(*n), *want, "String({n:e})");
        }
        assert_eq!(decimals(1.25), 2);
        assert_eq!(decimals(7.0), 0);
    }

    #[test]
    fn decimal_text_is_read_without_inf_or_nan() {
        // (text, number)
        let cases: &[(&str, Option<f64>)] = &[
            ("12", Some(12.0)),
            ("-0.5", Some(-0.5)),
            ("+3", Some(3.0)),
            ("007", Some(7.0)),
            ("000", Some(0.0)),
            (".5", Some(0.5)),
            ("5.", Some(5.0)),
            ("1.5e3", Some(1500.0)),
            ("2E-2", Some(0.02)),
            ("1e400", Some(f64::INFINITY)),
            ("-1e400", Some(f64::NEG_INFINITY)),
            ("1e-400", Some(0.0)),
            ("0.30000000000000004", Some(0.1 + 0.2)),
            // Longer than a double's 15 sure digits: still the nearest double.
            ("13.114189588902203", Some(13.114_189_588_902_203)),
            ("943.3567169983137", Some(943.356_716_998_313_7)),
            ("6.25e-31", Some(6.25e-31)),
            ("123456789012345678901234567890", Some(1.234_567_890_123_456_8e29)),
            ("", None),
            ("-", None),
            (".", None),
            ("inf", None),
            ("NaN", None),
            ("1,5", None),
            ("1e", None),
            (" 1", None),
            ("0x10", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_decimal(text), *want, "{text:?}");
        }
    }

    #[test]
    fn correction_rounds_off_binary_fractions() {
        // (result, digits, corrected)
        let cases: &[(f64, usize, f64)] = &[
            (0.3 + 0.6, 1, 0.9),
            (0.1 + 0.2, 1, 0.3),
            (1.1 * 1.1, 2, 1.21),
            (-(0.1 + 0.2), 1, -0.3),
            (0.7 - 0.1, 1, 0.6),
            (9.999_999_999_999_998, 2, 10.0),
            (99.95, 1, 100.0),
            (0.004, 2, 0.0),
            (0.006, 2, 0.01),
            (2.5, 0, 2.5),
            (1.25, 3, 1.25),
            (0.0, 2, 0.0),
            (f64::INFINITY, 2, f64::INFINITY),
            // The shortest digits end halfway: the binary value decides, as
            // in JavaScript's toFixed (1.005 is 1.00499…, 0.125 is exact).
            (528_393_971_351.4 + 0.4423, 4, 528_393_971_351.842_3),
            (550_051_837.03 * 64.903, 5, 35_700_014_378.758_09),
            (9.95, 1, 9.9),
            (1.005, 2, 1.0),
            (2.675, 2, 2.67),
            (-2.675, 2, -2.67),
            (0.125, 2, 0.13),
            (-0.125, 2, -0.13),
            (0.5, 0, 0.5),
        ];
        for (res, digits, want) in cases {
            assert_eq!(correct_decimals(*res, *digits), *want, "{res} to {digits} decimals");
        }
    }
}
