//! Questionnaire HTML (`html` questions, `completedHtml`) kept to what is
//! safe to show: an allowlist of tags read into a tree, which the form
//! builds as DOM nodes. Questionnaire text never reaches `innerHTML`.
//!
//! - Kept: paragraphs and line breaks, emphasis, lists, headings, quotes,
//!   small print, rules, `https` links and `https` images.
//! - Unwrapped (their text kept): any other tag, a link or an image whose
//!   address is not `https:` (so `javascript:` and `data:` never load).
//! - Dropped with everything inside: `script`, `style`, `iframe`,
//!   `object`, `embed`, `template`, `noscript`, `svg`, `math`, `textarea`,
//!   `select`, `title`, `head`, and comments.
//! - No attribute survives but `href` (links), `src`, `alt`, `width` and
//!   `height` (images) and `title`: no event handlers, no styles, no classes.

use super::html::decode_entities;

/// A tag the sanitiser keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    /// `p`.
    P,
    /// `br`.
    Br,
    /// `strong` and `b`.
    Strong,
    /// `em` and `i`.
    Em,
    /// `u`.
    U,
    /// `small`.
    Small,
    /// `sub`.
    Sub,
    /// `sup`.
    Sup,
    /// `ul`.
    Ul,
    /// `ol`.
    Ol,
    /// `li`.
    Li,
    /// `h1` to `h6`, by level.
    H(u8),
    /// `blockquote`.
    Blockquote,
    /// `hr`.
    Hr,
    /// `div`, `section`, `article`, `center`: a block.
    Div,
    /// `span`, `font`, `label`: text inside a line.
    Span,
    /// `a` with an `https:` (or `mailto:`) address.
    A,
    /// `img` with an `https:` address.
    Img,
}

/// One node of sanitised HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// Text, with character references decoded.
    Text(String),
    /// A kept element.
    Element {
        /// Which.
        tag: Tag,
        /// Its kept attributes: `href`, `src`, `alt`, `width`, `height`, `title`.
        attrs: Vec<(&'static str, String)>,
        /// What is inside.
        children: Vec<Node>,
    },
}

/// Tags dropped with their content.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math", "textarea",
    "select", "title", "head",
];

fn tag_of(name: &str) -> Option<Tag> {
    Some(match name {
        "p" => Tag::P,
        "br" => Tag::Br,
        "strong" | "b" => Tag::Strong,
        "em" | "i" => Tag::Em,
        "u" => Tag::U,
        "small" => Tag::Small,
        "sub" => Tag::Sub,
        "sup" => Tag::Sup,
        "ul" => Tag::Ul,
        "ol" => Tag::Ol,
        "li" => Tag::Li,
        "h1" => Tag::H(1),
        "h2" => Tag::H(2),
        "h3" => Tag::H(3),
        "h4" => Tag::H(4),
        "h5" => Tag::H(5),
        "h6" => Tag::H(6),
        "blockquote" => Tag::Blockquote,
        "hr" => Tag::Hr,
        "div" | "section" | "article" | "center" => Tag::Div,
        "span" | "font" | "label" => Tag::Span,
        "a" => Tag::A,
        "img" => Tag::Img,
        _ => return None,
    })
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "img" | "hr" | "input" | "meta" | "link" | "source" | "wbr" | "col" | "area" | "base"
    )
}

/// Whether `url` may be followed or loaded: `https:`, and for links `mailto:`.
fn safe_url(url: &str, link: bool) -> bool {
    let u = url.trim().to_ascii_lowercase();
    // Control characters and spaces inside a scheme are how filters are fooled.
    !url.trim().chars().any(|c| c.is_control())
        && (u.starts_with("https://") || (link && u.starts_with("mailto:")))
}

/// A start or end tag as read: name (lower case), attributes, whether it
/// closes itself, and where the text after it starts.
struct RawTag {
    name: String,
    end: bool,
    attrs: Vec<(String, String)>,
    self_closing: bool,
    after: usize,
}

/// Reads the tag at `s[0] == '<'`, or `None` when it is not one.
fn read_tag(s: &str) -> Option<RawTag> {
    let b = s.as_bytes();
    let mut i = 1;
    let end = b.get(1) == Some(&b'/');
    if end {
        i += 1;
    }
    let start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric()) {
        i += 1;
    }
    if i == start || !b[start].is_ascii_alphabetic() {
        return None;
    }
    let name = s[start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        match b.get(i) {
            None => return Some(RawTag { name, end, attrs, self_closing: false, after: s.len() }),
            Some(b'>') => {
                let self_closing = i > 0 && b[i - 1] == b'/';
                return Some(RawTag { name, end, attrs, self_closing, after: i + 1 });
            }
            _ => {}
        }
        let key_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = s[key_start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let close = s[i + 1..].find(q as char).map_or(s.len(), |n| i + 1 + n);
                    value = s[i + 1..close].to_string();
                    i = (close + 1).min(s.len());
                }
                _ => {
                    let v_start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = s[v_start..i].to_string();
                }
            }
        }
        if !key.is_empty() {
            attrs.push((key, decode_entities(&value)));
        }
    }
}

/// An element being built: its tag (`None` for an unwrapped one), its
/// name as written, attributes and children so far.
struct Open {
    name: String,
    tag: Option<Tag>,
    attrs: Vec<(&'static str, String)>,
    children: Vec<Node>,
}

fn push(stack: &mut [Open], root: &mut Vec<Node>, node: Node) {
    match stack.last_mut() {
        Some(open) => open.children.push(node),
        None => root.push(node),
    }
}

/// Closes the innermost open element into its parent (or the root).
fn close(stack: &mut Vec<Open>, root: &mut Vec<Node>) {
    let Some(open) = stack.pop() else { return };
    match open.tag {
        Some(tag) => push(stack, root, Node::Element { tag, attrs: open.attrs, children: open.children }),
        // Unwrapped: its children take its place.
        None => {
            for child in open.children {
                push(stack, root, child);
            }
        }
    }
}

/// The kept attributes of `tag`, or `None` when the element must be
/// unwrapped (a link or image whose address is not safe).
fn kept_attrs(tag: Tag, raw: &[(String, String)]) -> Option<Vec<(&'static str, String)>> {
    let get = |k: &str| raw.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let mut out = Vec::new();
    match tag {
        Tag::A => {
            out.push(("href", get("href").filter(|u| safe_url(u, true))?.trim().to_string()));
        }
        Tag::Img => {
            out.push(("src", get("src").filter(|u| safe_url(u, false))?.trim().to_string()));
            out.push(("alt", get("alt").unwrap_or_default()));
            for k in ["width", "height"] {
                if let Some(v) = get(k).filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())) {
                    out.push((if k == "width" { "width" } else { "height" }, v));
                }
            }
        }
        _ => {}
    }
    if let Some(t) = get("title") {
        out.push(("title", t));
    }
    Some(out)
}

/// Questionnaire HTML as a tree of allowed nodes (see the module's note).
/// Never fails: what cannot be kept is unwrapped or dropped.
pub fn sanitize(html: &str) -> Vec<Node> {
    let mut root = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut rest = html;
    let mut text = String::new();
    let flush = |text: &mut String, stack: &mut Vec<Open>, root: &mut Vec<Node>| {
        if !text.is_empty() {
            push(stack, root, Node::Text(decode_entities(text)));
            text.clear();
        }
    };
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        let at = &rest[lt..];
        if let Some(comment) = at.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        if at.starts_with("<!") || at.starts_with("<?") {
            rest = at.find('>').map_or("", |e| &at[e + 1..]);
            continue;
        }
        let Some(raw) = read_tag(at) else {
            // "a < b": text.
            text.push('<');
            rest = &at[1..];
            continue;
        };
        flush(&mut text, &mut stack, &mut root);
        rest = &at[raw.after..];
        if raw.end {
            // Close up to the matching open element; a stray end tag is ignored.
            if let Some(depth) = stack.iter().rposition(|o| o.name == raw.name) {
                while stack.len() > depth {
                    close(&mut stack, &mut root);
                }
            }
            continue;
        }
        if DROPPED.contains(&raw.name.as_str()) {
            if !raw.self_closing {
                let lower = rest.to_ascii_lowercase();
                let close_tag = format!("</{}", raw.name);
                rest = match lower.find(&close_tag) {
                    Some(e) => rest[e..].find('>').map_or("", |gt| &rest[e + gt + 1..]),
                    None => "",
                };
            }
            continue;
        }
        let tag = tag_of(&raw.name);
        let attrs = tag.and_then(|t| kept_attrs(t, &raw.attrs));
        // A link or image that cannot be kept is unwrapped; an image leaves nothing.
        let tag = if attrs.is_some() { tag } else { None };
        let open =
            Open { name: raw.name.clone(), tag, attrs: attrs.unwrap_or_default(), children: Vec::new() };
        if is_void(&raw.name) || raw.self_closing {
            if let Some(tag) = open.tag {
                push(&mut stack, &mut root, Node::Element { tag, attrs: open.attrs, children: Vec::new() });
            }
        } else {
            // A new item or paragraph ends the one still open, as in HTML.
            if matches!(raw.name.as_str(), "li" | "p") && stack.last().is_some_and(|o| o.name == raw.name) {
                close(&mut stack, &mut root);
            }
            stack.push(open);
        }
    }
    text.push_str(rest);
    flush(&mut text, &mut stack, &mut root);
    while !stack.is_empty() {
        close(&mut stack, &mut root);
    }
    root
}

/// The text of `nodes`, as a screen reader or a plain-text export reads it.
pub fn plain_text(nodes: &[Node]) -> String {
    let mut out = String::new();
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Element { children, tag, .. } => {
                let inner = plain_text(children);
                if matches!(tag, Tag::Br) {
                    out.push(' ');
                }
                out.push_str(&inner);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(tag: Tag, attrs: &[(&'static str, &str)], children: Vec<Node>) -> Node {
        Node::Element { tag, attrs: attrs.iter().map(|(k, v)| (*k, v.to_string())).collect(), children }
    }

    fn t(s: &str) -> Node {
        Node::Text(s.to_string())
    }

    #[test]
    fn meaning_is_kept_and_danger_is_not() {
        // (html, tree)
        let cases: Vec<(&str, Vec<Node>)> = vec![
            (
                r#"Baca <a href="https://kpk.go.id/privasi" onclick="steal()">kebijakan privasi</a>."#,
                vec![
                    t("Baca "),
                    el(Tag::A, &[("href", "https://kpk.go.id/privasi")], vec![t("kebijakan privasi")]),
                    t("."),
                ],
            ),
            (r#"<a href="javascript:alert(1)">klik</a>"#, vec![t("klik")]),
            (r#"<a href=" JaVaScRiPt:alert(1)">klik</a>"#, vec![t("klik")]),
            (r#"<a href="http://plain.example">klik</a>"#, vec![t("klik")]),
            ("<a href=\"java\tscript:x\">klik</a>", vec![t("klik")]),
            (
                "<h3>Terima <b>kasih</b></h3>",
                vec![el(Tag::H(3), &[], vec![t("Terima "), el(Tag::Strong, &[], vec![t("kasih")])])],
            ),
            (
                "<ul><li>satu<li>dua</ul>",
                vec![el(
                    Tag::Ul,
                    &[],
                    vec![el(Tag::Li, &[], vec![t("satu")]), el(Tag::Li, &[], vec![t("dua")])],
                )],
            ),
            ("<script>alert(1)</script>Selesai<STYLE>b{}</style>.", vec![t("Selesai"), t(".")]),
            ("<img src=x onerror=alert(1)>ok", vec![t("ok")]),
            (
                r#"<img src="https://cdn.example/logo.png" alt="Logo" width="80" style="x">"#,
                vec![el(
                    Tag::Img,
                    &[("src", "https://cdn.example/logo.png"), ("alt", "Logo"), ("width", "80")],
                    vec![],
                )],
            ),
            (r#"<img src="data:image/png;base64,AAAA">"#, vec![]),
            (
                r#"<p style="color:red" class="x" onmouseover="y">a &amp; b</p>"#,
                vec![el(Tag::P, &[], vec![t("a & b")])],
            ),
            ("<marquee>tetap</marquee> teks", vec![t("tetap"), t(" teks")]),
            ("a < b <!-- catatan --> c", vec![t("a < b  c")]),
            ("&lt;script&gt;x&lt;/script&gt;", vec![t("<script>x</script>")]),
            ("<iframe src=https://x>isi</iframe>sesudah", vec![t("sesudah")]),
            ("<p>tidak ditutup", vec![el(Tag::P, &[], vec![t("tidak ditutup")])]),
            ("</p>lepas", vec![t("lepas")]),
            ("<br/><hr>", vec![el(Tag::Br, &[], vec![]), el(Tag::Hr, &[], vec![])]),
        ];
        for (html, want) in cases {
            assert_eq!(sanitize(html), want, "{html}");
        }
    }

    #[test]
    fn plain_text_reads_the_tree() {
        assert_eq!(plain_text(&sanitize("<p>Terima <b>kasih</b></p><br>lagi")), "Terima kasih lagi");
    }
}
