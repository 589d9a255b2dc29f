//! Questionnaire HTML shown as text: tags removed, character references decoded.

/// Removes HTML tags, for `html` questions and `completedHtml`, which Tanya
/// shows as text and never as HTML. A `<` that starts no tag stays, and
/// common character references are decoded (the result is text, so a
/// decoded `<` is shown, never parsed).
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tag = &rest[open..];
        // As in HTML, `<` starts a tag only before a letter, `/`, `!` or `?`;
        // otherwise ("a < b", "1<2") it is text.
        let starts_tag =
            tag[1..].chars().next().is_some_and(|c| c.is_ascii_alphabetic() || "/!?".contains(c));
        if !starts_tag {
            out.push('<');
            rest = &tag[1..];
            continue;
        }
        out.push(' ');
        let lower = tag.get(..8).unwrap_or(tag).to_ascii_lowercase();
        // Script and style bodies are code, not text: drop them whole.
        let skip_to =
            ["script", "style"].iter().find(|t| lower[1..].starts_with(*t)).map(|t| format!("</{t}"));
        rest = match skip_to {
            Some(close) => match tag.to_ascii_lowercase().find(&close) {
                Some(end) => tag[end..].find('>').map_or("", |gt| &tag[end + gt + 1..]),
                None => "",
            },
            None => tag.find('>').map_or("", |gt| &tag[gt + 1..]),
        };
    }
    out.push_str(rest);
    decode_entities(&out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The character references HTML text commonly holds (`&amp;`, `&lt;`,
/// `&gt;`, `&quot;`, `&#39;`, `&apos;`, `&nbsp;`, and numeric ones), decoded;
/// anything else is left as written.
pub(super) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|end| *end <= 8).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => name.strip_prefix('#').and_then(|d| d.parse().ok()),
                    };
                    code.and_then(char::from_u32).filter(|c| !c.is_control() || c.is_whitespace())
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_removed_not_rendered() {
        assert_eq!(strip_tags("<h3>Terima <b>kasih</b></h3>"), "Terima kasih");
        assert_eq!(strip_tags("<img src=x onerror=alert(1)>ok"), "ok");
        for (html, text) in [
            ("a < b", "a < b"),
            ("1<2 dan 3>2", "1<2 dan 3>2"),
            ("Terima kasih &amp; sampai jumpa", "Terima kasih & sampai jumpa"),
            ("&lt;img src=x onerror=alert(1)&gt;", "<img src=x onerror=alert(1)>"),
            ("&#39;ya&#x27; &quot;tidak&quot;&nbsp;!", "'ya' \"tidak\" !"),
            ("R&D &unknown; &#0; &", "R&D &unknown; &#0; &"),
            ("<p>Selesai</p><!-- catatan -->", "Selesai"),
            ("a <", "a <"),
        ] {
            assert_eq!(strip_tags(html), text, "{html}");
        }
        assert_eq!(strip_tags("<script>alert(1)</script>Selesai<STYLE>b{}</style>."), "Selesai .");
    }
}
