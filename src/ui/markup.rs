//! Questionnaire HTML built as DOM nodes from the engine's sanitised tree
//! ([`tanya_engine::text::markup`]): each kept tag is a real element, each
//! text a text node, so questionnaire text is never parsed as HTML here.

use leptos::prelude::*;
use tanya_engine::text::markup::{Node, Tag};

/// `nodes` as views, each text passed through `pipe` (answers piped into
/// text nodes stay text).
pub fn render(nodes: &[Node], pipe: &dyn Fn(&str) -> String) -> AnyView {
    nodes.iter().map(|n| node(n, pipe)).collect_view().into_any()
}

fn node(n: &Node, pipe: &dyn Fn(&str) -> String) -> AnyView {
    let (tag, attrs, children) = match n {
        Node::Text(t) => return pipe(t).into_any(),
        Node::Element { tag, attrs, children } => (*tag, attrs, children),
    };
    let attr = |k: &str| attrs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.clone());
    let title = attr("title");
    let kids = render(children, pipe);
    match tag {
        Tag::P => view! { <p title=title>{kids}</p> }.into_any(),
        Tag::Br => view! { <br/> }.into_any(),
        Tag::Strong => view! { <strong title=title>{kids}</strong> }.into_any(),
        Tag::Em => view! { <em title=title>{kids}</em> }.into_any(),
        Tag::U => view! { <u title=title>{kids}</u> }.into_any(),
        Tag::Small => view! { <small title=title>{kids}</small> }.into_any(),
        Tag::Sub => view! { <sub>{kids}</sub> }.into_any(),
        Tag::Sup => view! { <sup>{kids}</sup> }.into_any(),
        Tag::Ul => view! { <ul>{kids}</ul> }.into_any(),
        Tag::Ol => view! { <ol>{kids}</ol> }.into_any(),
        Tag::Li => view! { <li>{kids}</li> }.into_any(),
        Tag::H(1) => view! { <h1 class="tanya-html-h">{kids}</h1> }.into_any(),
        Tag::H(2) => view! { <h2 class="tanya-html-h">{kids}</h2> }.into_any(),
        Tag::H(3) => view! { <h3 class="tanya-html-h">{kids}</h3> }.into_any(),
        Tag::H(4) => view! { <h4 class="tanya-html-h">{kids}</h4> }.into_any(),
        Tag::H(5) => view! { <h5 class="tanya-html-h">{kids}</h5> }.into_any(),
        Tag::H(_) => view! { <h6 class="tanya-html-h">{kids}</h6> }.into_any(),
        Tag::Blockquote => view! { <blockquote>{kids}</blockquote> }.into_any(),
        Tag::Hr => view! { <hr/> }.into_any(),
        Tag::Div => view! { <div title=title>{kids}</div> }.into_any(),
        Tag::Span => view! { <span title=title>{kids}</span> }.into_any(),
        // A new tab keeps the respondent's answers where they were.
        Tag::A => view! {
            <a href=attr("href") title=title target="_blank" rel="noopener noreferrer">{kids}</a>
        }
        .into_any(),
        Tag::Img => view! {
            <img src=attr("src") alt=attr("alt").unwrap_or_default() width=attr("width")
                height=attr("height") title=title loading="lazy" referrerpolicy="no-referrer"/>
        }
        .into_any(),
    }
}
