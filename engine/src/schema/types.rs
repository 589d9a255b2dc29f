//! Question types SurveyJS questionnaires use that Tanya renders as a
//! counterpart: the surveyjs-widgets types and `buttongroup`, each with a
//! warning, and any type the questionnaire maps itself under `tanya.types`
//! (`{"yesno": "boolean"}`), without one.

use super::reader::{join, Obj};
use super::Problem;
use crate::Json;

/// `(written type, the type Tanya builds, the inputType it gets when it
/// has none)`: the native counterpart of each widget type.
const COUNTERPARTS: &[(&str, &str, Option<&str>)] = &[
    ("buttongroup", "radiogroup", None),
    ("datepicker", "text", Some("date")),
    ("bootstrapdatepicker", "text", Some("date")),
    ("nouislider", "text", Some("number")),
    ("bootstrapslider", "text", Some("number")),
    ("number", "text", Some("number")),
    ("select2", "dropdown", None),
    ("tagbox", "checkbox", None),
    ("select2tagbox", "checkbox", None),
    ("barrating", "rating", None),
    ("sortablelist", "ranking", None),
];

/// Every widget type Tanya shows as a native counterpart: `(written
/// type, the type built, the inputType it gets when it has none)`.
pub fn counterparts() -> &'static [(&'static str, &'static str, Option<&'static str>)] {
    COUNTERPARTS
}

/// A slider widget's bounds, under the names `text` reads.
const SLIDER_BOUNDS: [(&str, &str); 2] = [("rangeMin", "min"), ("rangeMax", "max")];

/// The element as Tanya reads it when its (case-folded) type `t` is mapped
/// by the questionnaire (`mapped`, from `tanya.types`) or is a widget type:
/// the type to build and the element's properties with `type` (and a
/// missing `inputType`, or a slider's bounds) filled in. `None` when the
/// type is read as written.
pub(super) fn counterpart(
    t: &str,
    o: &Obj,
    path: &str,
    mapped: Option<&str>,
    warnings: &mut Vec<Problem>,
) -> Option<(String, Obj)> {
    let (target, input) = match mapped {
        Some(to) => (to.to_string(), None),
        None => {
            let &(_, to, input) = COUNTERPARTS.iter().find(|(from, _, _)| *from == t)?;
            let shown = input
                .map_or_else(|| format!("a '{to}' question"), |i| format!("a '{to}' input of type '{i}'"));
            warnings.push(Problem::new(join(path, "type"), format!("'{t}' is shown as {shown}")));
            (to.to_string(), input)
        }
    };
    let mut out = o.clone();
    out.insert("type".into(), Json::from(target.as_str()));
    if let Some(input) = input {
        out.entry("inputType").or_insert_with(|| Json::from(input));
    }
    if t.contains("slider") {
        for (from, to) in SLIDER_BOUNDS {
            if let Some(v) = out.remove(from) {
                out.entry(to).or_insert(v);
            }
        }
    }
    Some((target, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(json: Json) -> Obj {
        json.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn widget_types_become_their_native_counterpart_with_a_warning() {
        // (written type, properties, the type built, its inputType, its min)
        let cases = [
            ("buttongroup", serde_json::json!({}), "radiogroup", None, None),
            ("datepicker", serde_json::json!({}), "text", Some("date"), None),
            (
                "nouislider",
                serde_json::json!({"rangeMin": 1, "rangeMax": 9}),
                "text",
                Some("number"),
                Some(1),
            ),
            ("number", serde_json::json!({"inputType": "text"}), "text", Some("text"), None),
            ("tagbox", serde_json::json!({}), "checkbox", None, None),
        ];
        for (t, props, want, input, min) in cases {
            let mut warnings = Vec::new();
            let (built, o) =
                counterpart(t, &obj(props), "pages[0].elements[0]", None, &mut warnings).expect(t);
            assert_eq!(built, want, "{t}");
            assert_eq!(o.get("inputType").and_then(Json::as_str), input, "{t}");
            assert_eq!(o.get("min").and_then(Json::as_i64), min, "{t}");
            assert_eq!(warnings.len(), 1, "{t}: {warnings:?}");
            assert!(warnings[0].to_string().starts_with("pages[0].elements[0].type: "), "{}", warnings[0]);
        }
        let mut warnings = Vec::new();
        assert!(
            counterpart("yesno", &Obj::new(), "p", None, &mut warnings).is_none(),
            "unknown stays unknown"
        );
        let (built, _) =
            counterpart("yesno", &Obj::new(), "p", Some("boolean"), &mut warnings).expect("mapped");
        assert_eq!((built.as_str(), warnings.len()), ("boolean", 0), "a mapping of the questionnaire's own");
    }
}
