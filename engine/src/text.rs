//! Localised strings and every built-in message, in Indonesian and English.
//!
//! Questionnaire strings are either plain text or an object of translations
//! (`{"default": "...", "en": "..."}`). Built-in messages live here, not in
//! the views, so the app, the CLI and the collector say the same thing.

use std::collections::BTreeMap;

/// The languages Tanya ships messages for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Bahasa Indonesia, the default.
    Id,
    /// English.
    En,
}

impl Lang {
    /// The language for a code such as `id`, `en`, `en-GB` or `id-ID`; `None` for others.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "id" | "in" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Both languages, default first.
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    /// The language to show: `?lang=` when it names one, else the first
    /// browser language that does, else Indonesian.
    pub fn negotiate(query: Option<&str>, browser: &[String]) -> Lang {
        query
            .and_then(Lang::from_code)
            .or_else(|| browser.iter().find_map(|b| Lang::from_code(b)))
            .unwrap_or(Lang::Id)
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Id => "Bahasa Indonesia",
            Lang::En => "English",
        }
    }
}

/// A questionnaire string: plain, or translations keyed by language code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Text {
    /// No text given.
    #[default]
    None,
    /// The same text in every language.
    Plain(String),
    /// Translations; `default` is the questionnaire's own language.
    Localized(BTreeMap<String, String>),
}

impl Text {
    /// The text for `lang`: that translation, else `default`, else the survey
    /// locale's, else any; empty when there is none.
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Text::None => "",
            Text::Plain(s) => s,
            Text::Localized(map) => map
                .get(lang.code())
                .or_else(|| map.get("default"))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// The questionnaire's own text: `default`, else the first translation.
    pub fn original(&self) -> &str {
        match self {
            Text::None => "",
            Text::Plain(s) => s,
            Text::Localized(map) => {
                map.get("default").or_else(|| map.values().next()).map_or("", String::as_str)
            }
        }
    }

    /// True when no text was given.
    pub fn is_empty(&self) -> bool {
        match self {
            Text::None => true,
            Text::Plain(s) => s.is_empty(),
            Text::Localized(m) => m.values().all(String::is_empty),
        }
    }

    /// Every translation, for checks that look inside the text.
    pub fn all(&self) -> Vec<&str> {
        match self {
            Text::None => Vec::new(),
            Text::Plain(s) => vec![s.as_str()],
            Text::Localized(m) => m.values().map(String::as_str).collect(),
        }
    }
}

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
fn decode_entities(text: &str) -> String {
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

/// A built-in message.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// An answer is required.
    Required,
    /// Every row of a matrix needs an answer.
    AllRowsRequired,
    /// A number below the minimum.
    NumberMin(String),
    /// A number above the maximum.
    NumberMax(String),
    /// Not a number.
    NotNumber,
    /// Text shorter than allowed.
    MinLength(usize),
    /// Text longer than allowed.
    MaxLength(usize),
    /// Text that does not match a pattern.
    Pattern,
    /// Not an e-mail address.
    Email,
    /// An expression validator failed.
    Expression,
    /// Too few choices.
    MinCount(usize),
    /// Too many choices.
    MaxCount(usize),
    /// A date before the minimum.
    DateMin(String),
    /// A date after the maximum.
    DateMax(String),
    /// Not a valid date.
    NotDate,
    /// Soft-required: asked once, may be skipped.
    SoftRequired,
}

impl Msg {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use Msg::*;
        match (lang, self) {
            (Lang::Id, Required) => "Pertanyaan ini wajib dijawab.".into(),
            (Lang::En, Required) => "This question requires an answer.".into(),
            (Lang::Id, AllRowsRequired) => "Mohon jawab setiap baris.".into(),
            (Lang::En, AllRowsRequired) => "Please answer every row.".into(),
            (Lang::Id, NumberMin(n)) => format!("Nilai tidak boleh kurang dari {n}."),
            (Lang::En, NumberMin(n)) => format!("The value must be at least {n}."),
            (Lang::Id, NumberMax(n)) => format!("Nilai tidak boleh lebih dari {n}."),
            (Lang::En, NumberMax(n)) => format!("The value must be at most {n}."),
            (Lang::Id, NotNumber) => "Mohon isi dengan angka.".into(),
            (Lang::En, NotNumber) => "Please enter a number.".into(),
            (Lang::Id, MinLength(n)) => format!("Mohon isi paling sedikit {n} karakter."),
            (Lang::En, MinLength(n)) => format!("Please enter at least {n} characters."),
            (Lang::Id, MaxLength(n)) => format!("Mohon isi paling banyak {n} karakter."),
            (Lang::En, MaxLength(n)) => format!("Please enter at most {n} characters."),
            (Lang::Id, Pattern) => "Format jawaban tidak sesuai.".into(),
            (Lang::En, Pattern) => "The answer is not in the expected format.".into(),
            (Lang::Id, Email) => "Mohon isi alamat email yang benar.".into(),
            (Lang::En, Email) => "Please enter a valid e-mail address.".into(),
            (Lang::Id, Expression) => "Jawaban tidak memenuhi syarat.".into(),
            (Lang::En, Expression) => "The answer does not meet the condition.".into(),
            (Lang::Id, MinCount(n)) => format!("Mohon pilih paling sedikit {n}."),
            (Lang::En, MinCount(n)) => format!("Please select at least {n}."),
            (Lang::Id, MaxCount(n)) => format!("Mohon pilih paling banyak {n}."),
            (Lang::En, MaxCount(n)) => format!("Please select at most {n}."),
            (Lang::Id, DateMin(d)) => format!("Tanggal tidak boleh sebelum {d}."),
            (Lang::En, DateMin(d)) => format!("The date must not be before {d}."),
            (Lang::Id, DateMax(d)) => format!("Tanggal tidak boleh setelah {d}."),
            (Lang::En, DateMax(d)) => format!("The date must not be after {d}."),
            (Lang::Id, NotDate) => "Mohon isi tanggal yang benar.".into(),
            (Lang::En, NotDate) => "Please enter a valid date.".into(),
            (Lang::Id, SoftRequired) => {
                "Pertanyaan ini belum dijawab. Tekan lagi untuk melanjutkan tanpa menjawab.".into()
            }
            (Lang::En, SoftRequired) => {
                "This question is unanswered. Press again to continue without answering.".into()
            }
        }
    }
}

/// Words of the respondent's screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ui {
    /// Next page button.
    Next,
    /// Previous page button.
    Previous,
    /// Submit button.
    Submit,
    /// Heading of the error summary.
    ErrorSummary,
    /// Label of the progress bar.
    Progress,
    /// Label of the language switch.
    Language,
    /// Loading notice.
    Loading,
    /// The questionnaire could not be loaded.
    LoadFailed,
    /// Browser storage is unavailable, so no draft is kept.
    NoDraftStorage,
    /// "Other" choice label.
    Other,
    /// "None" choice label.
    NoneOfThese,
    /// Boolean yes.
    Yes,
    /// Boolean no.
    No,
    /// Move a ranked item up.
    MoveUp,
    /// Move a ranked item down.
    MoveDown,
    /// Thank-you default.
    ThankYou,
    /// Marks a required question for screen readers.
    RequiredMark,
    /// Selection prompt of a dropdown.
    Choose,
    /// A question type Tanya does not render.
    Unsupported,
    /// Delivery: a request is under way.
    Sending,
    /// Delivery: queued on the phone until the network is back.
    SavedOffline,
    /// Delivery: the endpoint has the entry.
    Sent,
    /// Delivery: the endpoint refused the entry.
    Rejected,
    /// Retry a refused entry.
    Retry,
    /// Download the entry as a file.
    Download,
    /// Start a new entry after the duplicate warning.
    StartNew,
    /// The outbox lives in memory only.
    MemoryOnly,
}

/// "You already filled in this survey on this device on DATE."
pub fn already_submitted(lang: Lang, date: &str) -> String {
    match lang {
        Lang::Id => format!("Anda sudah mengisi survei ini di perangkat ini pada {date}."),
        Lang::En => format!("You already filled in this survey on this device on {date}."),
    }
}

impl Ui {
    /// The words in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        use Ui::*;
        match (lang, self) {
            (Lang::Id, Next) => "Berikutnya",
            (Lang::En, Next) => "Next",
            (Lang::Id, Previous) => "Sebelumnya",
            (Lang::En, Previous) => "Previous",
            (Lang::Id, Submit) => "Kirim",
            (Lang::En, Submit) => "Submit",
            (Lang::Id, ErrorSummary) => "Mohon periksa jawaban berikut:",
            (Lang::En, ErrorSummary) => "Please check these answers:",
            (Lang::Id, Progress) => "Kemajuan pengisian",
            (Lang::En, Progress) => "Progress",
            (Lang::Id, Language) => "Bahasa",
            (Lang::En, Language) => "Language",
            (Lang::Id, Loading) => "Memuat kuesioner…",
            (Lang::En, Loading) => "Loading the questionnaire…",
            (Lang::Id, LoadFailed) => "Kuesioner tidak dapat dimuat.",
            (Lang::En, LoadFailed) => "The questionnaire could not be loaded.",
            (Lang::Id, NoDraftStorage) => {
                "Peramban ini tidak mengizinkan penyimpanan, jadi jawaban sementara tidak dapat disimpan jika halaman ditutup."
            }
            (Lang::En, NoDraftStorage) => {
                "This browser does not allow storage, so your draft cannot be kept if the page closes."
            }
            (Lang::Id, Other) => "Lainnya",
            (Lang::En, Other) => "Other",
            (Lang::Id, NoneOfThese) => "Tidak ada",
            (Lang::En, NoneOfThese) => "None",
            (Lang::Id, Yes) => "Ya",
            (Lang::En, Yes) => "Yes",
            (Lang::Id, No) => "Tidak",
            (Lang::En, No) => "No",
            (Lang::Id, MoveUp) => "Naikkan",
            (Lang::En, MoveUp) => "Move up",
            (Lang::Id, MoveDown) => "Turunkan",
            (Lang::En, MoveDown) => "Move down",
            (Lang::Id, ThankYou) => "Terima kasih atas partisipasi Anda.",
            (Lang::En, ThankYou) => "Thank you for taking part.",
            (Lang::Id, RequiredMark) => "(wajib)",
            (Lang::En, RequiredMark) => "(required)",
            (Lang::Id, Choose) => "Pilih…",
            (Lang::En, Choose) => "Choose…",
            (Lang::Id, Unsupported) => "Jenis pertanyaan ini belum didukung.",
            (Lang::En, Unsupported) => "This question type is not supported yet.",
            (Lang::Id, Sending) => "Mengirim…",
            (Lang::En, Sending) => "Sending…",
            (Lang::Id, SavedOffline) => "Tersimpan di ponsel ini, akan dikirim saat Anda online.",
            (Lang::En, SavedOffline) => "Saved on this phone, will send when you are online.",
            (Lang::Id, Sent) => "Terkirim.",
            (Lang::En, Sent) => "Sent.",
            (Lang::Id, Rejected) => "Jawaban Anda ditolak oleh server:",
            (Lang::En, Rejected) => "The server refused your answers:",
            (Lang::Id, Retry) => "Coba kirim lagi",
            (Lang::En, Retry) => "Try again",
            (Lang::Id, Download) => "Unduh jawaban saya",
            (Lang::En, Download) => "Download my answers",
            (Lang::Id, StartNew) => "Isi jawaban baru",
            (Lang::En, StartNew) => "Start a new entry",
            (Lang::Id, MemoryOnly) => {
                "Peramban ini tidak mengizinkan penyimpanan: jangan tutup halaman ini sampai jawaban terkirim."
            }
            (Lang::En, MemoryOnly) => "This browser does not allow storage: keep this page open until your answers are sent.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localized_text_falls_back_to_default() {
        let t = Text::Localized(
            [("default".to_string(), "Halo".to_string()), ("en".to_string(), "Hello".to_string())].into(),
        );
        assert_eq!(t.get(Lang::En), "Hello");
        assert_eq!(t.get(Lang::Id), "Halo");
        assert_eq!(Text::Plain("x".into()).get(Lang::En), "x");
        assert_eq!(Text::None.get(Lang::Id), "");
    }

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

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("id_ID"), Some(Lang::Id));
        assert_eq!(Lang::from_code("fr"), None);
        let browser = ["fr-FR".to_string(), "en-US".to_string()];
        assert_eq!(Lang::negotiate(Some("id"), &browser), Lang::Id);
        assert_eq!(Lang::negotiate(Some("xx"), &browser), Lang::En);
        assert_eq!(Lang::negotiate(None, &[]), Lang::Id);
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        for m in [Msg::Required, Msg::NumberMin("1".into()), Msg::SoftRequired] {
            assert_ne!(m.text(Lang::Id), m.text(Lang::En));
        }
        assert_eq!(Ui::Next.text(Lang::Id), "Berikutnya");
    }
}
