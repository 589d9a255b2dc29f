//! `tanya qr`: an SVG poster with a QR code, a title and the URL in text.

use qrcode::{EcLevel, QrCode};

/// Escapes text for XML.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Splits `text` into lines of at most `width` characters, at spaces when it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .flat_map(|l| {
            let chars: Vec<char> = l.chars().collect();
            chars.chunks(width).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>()
        })
        .collect()
}

/// The poster as SVG: error correction level Q (25% of the code may be
/// damaged), a four-module quiet zone, the title above and the URL below.
pub fn poster(url: &str, title: Option<&str>) -> Result<String, String> {
    let code =
        QrCode::with_error_correction_level(url.as_bytes(), EcLevel::Q).map_err(|e| format!("QR: {e}"))?;
    let n = code.width();
    let quiet = 4;
    let size = 600.0_f64;
    let module = size / (n + 2 * quiet) as f64;
    let (width, top) = (800.0, 220.0);
    let mut svg = String::new();
    let title_lines = title.map(|t| wrap(t, 32)).unwrap_or_default();
    let url_lines = wrap(url, 48);
    let height = top + size + 60.0 + 34.0 * url_lines.len() as f64 + 40.0;
    svg.push_str(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#
    ));
    svg.push_str(&format!(r##"<rect width="{width}" height="{height}" fill="#ffffff"/>"##));
    for (i, l) in title_lines.iter().enumerate() {
        svg.push_str(&format!(
            r##"<text x="{}" y="{}" font-family="sans-serif" font-size="44" font-weight="bold" text-anchor="middle" fill="#000000">{}</text>"##,
            width / 2.0,
            80.0 + 54.0 * i as f64,
            xml(l)
        ));
    }
    let left = (width - size) / 2.0;
    svg.push_str(r##"<g fill="#000000" shape-rendering="crispEdges">"##);
    for y in 0..n {
        for x in 0..n {
            if code[(x, y)] == qrcode::Color::Dark {
                svg.push_str(&format!(
                    r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}"/>"#,
                    left + (x + quiet) as f64 * module,
                    top + (y + quiet) as f64 * module,
                    module + 0.05,
                    module + 0.05
                ));
            }
        }
    }
    svg.push_str("</g>");
    for (i, l) in url_lines.iter().enumerate() {
        svg.push_str(&format!(
            r##"<text x="{}" y="{}" font-family="monospace" font-size="26" text-anchor="middle" fill="#000000">{}</text>"##,
            width / 2.0,
            top + size + 50.0 + 34.0 * i as f64,
            xml(l)
        ));
    }
    svg.push_str("</svg>\n");
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_wrapped() {
        let svg = poster("https://x.id/s?a=1&b=2", Some("Survei <Integritas> & Layanan")).unwrap_or_default();
        assert!(svg.contains("Survei &lt;Integritas&gt; &amp; Layanan"));
        assert!(svg.contains("https://x.id/s?a=1&amp;b=2"));
        assert_eq!(wrap("a b c", 3), ["a b", "c"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
    }
}
