//! Every built-in message and word of the respondent's screen, in
//! Indonesian and English.

use super::{Builtin, Lang};

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
    /// `allowDigits: false` and the answer holds something other than letters.
    NoDigits,
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
    /// "Other" chosen with its text left empty.
    OtherRequired,
    /// A number that is not a multiple of the input's `step`.
    Step(String),
}

/// `NumberMin("5")` → `numberMin`.
fn key_of(debug: &str) -> String {
    let name = debug.split('(').next().unwrap_or_default();
    let mut chars = name.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// Whether `key` names one of the form's texts (a [`Ui`] or a [`Msg`]).
pub fn is_text_key(key: &str) -> bool {
    Ui::ALL.iter().any(|u| u.key() == key) || Msg::samples().iter().any(|m| m.key() == key)
}

/// Every text key with its English and Indonesian words (a message's
/// number or date written `{0}`), for `docs/texts.md`.
pub fn catalogue() -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Ui::ALL
        .iter()
        .map(|u| (u.key(), u.text(Lang::EN).to_string(), u.text(Lang::ID).to_string()))
        .collect();
    let param = |t: String| t.replace(&SAMPLE.to_string(), "{0}");
    out.extend(Msg::samples().iter().map(|m| (m.key(), param(m.text(Lang::EN)), param(m.text(Lang::ID)))));
    out
}

/// A count no message shows, standing for `{0}` in [`catalogue`].
const SAMPLE: usize = 987_654;

impl Msg {
    /// One of each, its number or date written `{0}`.
    fn samples() -> Vec<Msg> {
        let p = || "{0}".to_string();
        vec![
            Msg::Required,
            Msg::AllRowsRequired,
            Msg::NumberMin(p()),
            Msg::NumberMax(p()),
            Msg::NotNumber,
            Msg::MinLength(SAMPLE),
            Msg::MaxLength(SAMPLE),
            Msg::NoDigits,
            Msg::Pattern,
            Msg::Email,
            Msg::Expression,
            Msg::MinCount(SAMPLE),
            Msg::MaxCount(SAMPLE),
            Msg::DateMin(p()),
            Msg::DateMax(p()),
            Msg::NotDate,
            Msg::SoftRequired,
            Msg::OtherRequired,
            Msg::Step(p()),
        ]
    }

    /// Its key in `tanya.texts`: the name in lowerCamelCase (`numberMin`).
    pub fn key(&self) -> String {
        key_of(&format!("{self:?}"))
    }

    /// Its number or date, which a questionnaire's own text writes `{0}`.
    fn param(&self) -> Option<String> {
        use Msg::*;
        match self {
            NumberMin(x) | NumberMax(x) | DateMin(x) | DateMax(x) | Step(x) => Some(x.clone()),
            MinLength(n) | MaxLength(n) | MinCount(n) | MaxCount(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// The message in `lang`, or the questionnaire's own under `tanya.texts`.
    pub fn say(&self, lang: Lang, own: &crate::schema::Settings) -> String {
        match own.text(lang, &self.key()) {
            Some(t) => t.replace("{0}", &self.param().unwrap_or_default()),
            None => self.text(lang),
        }
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use Msg::*;
        match (lang.builtin(), self) {
            (Builtin::Id, Required) => "Pertanyaan ini wajib dijawab.".into(),
            (Builtin::En, Required) => "This question requires an answer.".into(),
            (Builtin::Id, AllRowsRequired) => "Mohon jawab setiap baris.".into(),
            (Builtin::En, AllRowsRequired) => "Please answer every row.".into(),
            (Builtin::Id, Step(n)) => format!("Mohon isi kelipatan {n}."),
            (Builtin::En, Step(n)) => format!("Please enter a value that matches the step size of {n}."),
            (Builtin::Id, NumberMin(n)) => format!("Nilai tidak boleh kurang dari {n}."),
            (Builtin::En, NumberMin(n)) => format!("The value must be at least {n}."),
            (Builtin::Id, NumberMax(n)) => format!("Nilai tidak boleh lebih dari {n}."),
            (Builtin::En, NumberMax(n)) => format!("The value must be at most {n}."),
            (Builtin::Id, NotNumber) => "Mohon isi dengan angka.".into(),
            (Builtin::En, NotNumber) => "Please enter a number.".into(),
            (Builtin::Id, MinLength(n)) => format!("Mohon isi paling sedikit {n} karakter."),
            (Builtin::En, MinLength(n)) => format!("Please enter at least {n} characters."),
            (Builtin::Id, MaxLength(n)) => format!("Mohon isi paling banyak {n} karakter."),
            (Builtin::En, MaxLength(n)) => format!("Please enter at most {n} characters."),
            (Builtin::Id, NoDigits) => "Mohon isi dengan huruf saja, tanpa angka.".into(),
            (Builtin::En, NoDigits) => "Numbers are not allowed.".into(),
            (Builtin::Id, Pattern) => "Format jawaban tidak sesuai.".into(),
            (Builtin::En, Pattern) => "The answer is not in the expected format.".into(),
            (Builtin::Id, Email) => "Mohon isi alamat email yang benar.".into(),
            (Builtin::En, Email) => "Please enter a valid e-mail address.".into(),
            (Builtin::Id, Expression) => "Jawaban tidak memenuhi syarat.".into(),
            (Builtin::En, Expression) => "The answer does not meet the condition.".into(),
            (Builtin::Id, MinCount(n)) => format!("Mohon pilih paling sedikit {n}."),
            (Builtin::En, MinCount(n)) => format!("Please select at least {n}."),
            (Builtin::Id, MaxCount(n)) => format!("Mohon pilih paling banyak {n}."),
            (Builtin::En, MaxCount(n)) => format!("Please select at most {n}."),
            (Builtin::Id, DateMin(d)) => format!("Tanggal tidak boleh sebelum {d}."),
            (Builtin::En, DateMin(d)) => format!("The date must not be before {d}."),
            (Builtin::Id, DateMax(d)) => format!("Tanggal tidak boleh setelah {d}."),
            (Builtin::En, DateMax(d)) => format!("The date must not be after {d}."),
            (Builtin::Id, NotDate) => "Mohon isi tanggal yang benar.".into(),
            (Builtin::En, NotDate) => "Please enter a valid date.".into(),
            (Builtin::Id, OtherRequired) => "Mohon tuliskan jawaban Lainnya.".into(),
            (Builtin::En, OtherRequired) => "Please type your answer for Other.".into(),
            (Builtin::Id, SoftRequired) => {
                "Pertanyaan ini belum dijawab. Tekan lagi untuk melanjutkan tanpa menjawab.".into()
            }
            (Builtin::En, SoftRequired) => {
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
    /// Shown on a prerendered page 1 (`tanya site`) when JavaScript is off.
    NeedsScript,
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
    /// The start page's button (unless the questionnaire names it).
    Start,
    /// Adds a panel or row to a roster (unless the questionnaire names it).
    AddItem,
    /// Removes a panel or row (unless the questionnaire names it).
    RemoveItem,
    /// Asks before removing a panel or row that holds answers.
    RemoveAsk,
    /// Why Add is disabled: the roster is full.
    AtMost,
    /// Why Remove is disabled: the roster has its fewest.
    AtLeast,
    /// A card's title when the roster names none: "Row" 2.
    Row,
    /// A question type Tanya does not render.
    Unsupported,
    /// Delivery: a request is under way.
    Sending,
    /// Delivery: queued on the phone until the network is back.
    SavedOffline,
    /// Delivery: the endpoint has the entry.
    Sent,
    /// Delivery: the endpoint refused the entry.
    Refused,
    /// Retry a refused entry.
    Retry,
    /// Download the entry as a file.
    Download,
    /// Start a new entry after the duplicate warning.
    StartNew,
    /// The outbox lives in memory only.
    MemoryOnly,
    /// The form names no endpoint, so it cannot send answers.
    NoEndpoint,
    /// The thank-you screen while the entry is being sent.
    ThanksSending,
    /// The thank-you screen while the entry waits on the phone or was refused.
    ThanksPending,
    /// The duplicate screen: the earlier entry is still waiting on the phone.
    EarlierNotSent,
    /// The duplicate screen's closing word.
    Finished,
    /// The last page's button when answers are reviewed before Submit.
    ReviewAnswers,
    /// Heading of the review page.
    ReviewHeading,
    /// The review page's button back to a page.
    Edit,
    /// A question left unanswered, on the review page.
    NotAnswered,
    /// The "refuse to answer" choice (`showRefuseItem`).
    Refuse,
    /// The "don't know" choice (`showDontKnowItem`).
    DontKnow,
    /// The box that ticks every choice (`showSelectAllItem`).
    SelectAll,
}

/// "Title: detail" (an error summary line, a matrix cell's label), without
/// doubling the title's own closing punctuation ("anonim.: …").
pub fn title_with(title: &str, detail: &str) -> String {
    let title = title.trim_end().trim_end_matches(['.', ':', '?', '!', ';', ',']);
    if title.is_empty() {
        detail.to_string()
    } else {
        format!("{title}: {detail}")
    }
}

/// "Page N of TOTAL", for the progress bar.
pub fn page_of(lang: Lang, n: usize, total: usize) -> String {
    match lang.builtin() {
        Builtin::Id => format!("Halaman {n} dari {total}"),
        Builtin::En => format!("Page {n} of {total}"),
    }
}

/// A date (`YYYY-MM-DD…`) as the language writes it: "1 Desember 2026",
/// "1 December 2026"; text that is not such a date is returned as it is.
pub fn long_date(lang: Lang, iso: &str) -> String {
    const ID: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let part = |range: std::ops::Range<usize>| iso.get(range).and_then(|p| p.parse::<usize>().ok());
    let well_formed = iso.get(4..5) == Some("-") && iso.get(7..8) == Some("-");
    match (well_formed, part(0..4), part(5..7), part(8..10)) {
        (true, Some(y), Some(m @ 1..=12), Some(d @ 1..=31)) => {
            let month = match lang.builtin() {
                Builtin::Id => ID[m - 1],
                Builtin::En => EN[m - 1],
            };
            format!("{d} {month} {y}")
        }
        _ => iso.to_string(),
    }
}

/// "You already filled in this survey on this device on DATE."
pub fn already_submitted(lang: Lang, date: &str) -> String {
    match lang.builtin() {
        Builtin::Id => format!("Anda sudah mengisi survei ini di perangkat ini pada {date}."),
        Builtin::En => format!("You already filled in this survey on this device on {date}."),
    }
}

impl Ui {
    /// Every one, for `tanya.texts` keys and `docs/texts.md`.
    pub const ALL: [Ui; 47] = [
        Ui::Next,
        Ui::Previous,
        Ui::Submit,
        Ui::ErrorSummary,
        Ui::Progress,
        Ui::Language,
        Ui::Loading,
        Ui::NeedsScript,
        Ui::LoadFailed,
        Ui::NoDraftStorage,
        Ui::Other,
        Ui::NoneOfThese,
        Ui::Yes,
        Ui::No,
        Ui::MoveUp,
        Ui::MoveDown,
        Ui::ThankYou,
        Ui::RequiredMark,
        Ui::Choose,
        Ui::Start,
        Ui::AddItem,
        Ui::RemoveItem,
        Ui::RemoveAsk,
        Ui::AtMost,
        Ui::AtLeast,
        Ui::Row,
        Ui::Unsupported,
        Ui::Sending,
        Ui::SavedOffline,
        Ui::Sent,
        Ui::Refused,
        Ui::Retry,
        Ui::Download,
        Ui::StartNew,
        Ui::MemoryOnly,
        Ui::NoEndpoint,
        Ui::ThanksSending,
        Ui::ThanksPending,
        Ui::EarlierNotSent,
        Ui::Finished,
        Ui::ReviewAnswers,
        Ui::ReviewHeading,
        Ui::Edit,
        Ui::NotAnswered,
        Ui::Refuse,
        Ui::DontKnow,
        Ui::SelectAll,
    ];

    /// Its key in `tanya.texts`: the name in lowerCamelCase (`next`,
    /// `errorSummary`).
    pub fn key(self) -> String {
        key_of(&format!("{self:?}"))
    }

    /// The words in `lang`, or the questionnaire's own under `tanya.texts`.
    pub fn say(self, lang: Lang, own: &crate::schema::Settings) -> String {
        own.text(lang, &self.key()).map_or_else(|| self.text(lang).to_string(), str::to_string)
    }

    /// The words in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        use Ui::*;
        match (lang.builtin(), self) {
            (Builtin::Id, Next) => "Berikutnya",
            (Builtin::En, Next) => "Next",
            (Builtin::Id, Previous) => "Sebelumnya",
            (Builtin::En, Previous) => "Previous",
            (Builtin::Id, Submit) => "Kirim",
            (Builtin::En, Submit) => "Submit",
            (Builtin::Id, ErrorSummary) => "Mohon periksa jawaban berikut:",
            (Builtin::En, ErrorSummary) => "Please check these answers:",
            (Builtin::Id, Progress) => "Kemajuan pengisian",
            (Builtin::En, Progress) => "Progress",
            (Builtin::Id, Language) => "Bahasa",
            (Builtin::En, Language) => "Language",
            (Builtin::Id, Loading) => "Memuat kuesioner…",
            (Builtin::En, Loading) => "Loading the questionnaire…",
            (Builtin::Id, NeedsScript) => "Untuk menjawab kuesioner ini, aktifkan JavaScript di peramban Anda.",
            (Builtin::En, NeedsScript) => "To answer this questionnaire, turn on JavaScript in your browser.",
            (Builtin::Id, LoadFailed) => "Kuesioner tidak dapat dimuat.",
            (Builtin::En, LoadFailed) => "The questionnaire could not be loaded.",
            (Builtin::Id, NoDraftStorage) => {
                "Peramban ini tidak dapat menyimpan data, jadi jawaban sementara tidak dapat disimpan jika halaman ditutup."
            }
            (Builtin::En, NoDraftStorage) => {
                "This browser cannot store data, so your draft cannot be kept if the page closes."
            }
            (Builtin::Id, Other) => "Lainnya",
            (Builtin::En, Other) => "Other",
            (Builtin::Id, NoneOfThese) => "Tidak ada",
            (Builtin::En, NoneOfThese) => "None",
            (Builtin::Id, Yes) => "Ya",
            (Builtin::En, Yes) => "Yes",
            (Builtin::Id, No) => "Tidak",
            (Builtin::En, No) => "No",
            (Builtin::Id, MoveUp) => "Naikkan",
            (Builtin::En, MoveUp) => "Move up",
            (Builtin::Id, MoveDown) => "Turunkan",
            (Builtin::En, MoveDown) => "Move down",
            (Builtin::Id, ThankYou) => "Terima kasih atas partisipasi Anda.",
            (Builtin::En, ThankYou) => "Thank you for taking part.",
            (Builtin::Id, RequiredMark) => "(wajib)",
            (Builtin::En, RequiredMark) => "(required)",
            (Builtin::Id, Choose) => "Pilih…",
            (Builtin::En, Choose) => "Choose…",
            (Builtin::Id, Start) => "Mulai",
            (Builtin::En, Start) => "Start",
            (Builtin::Id, AddItem) => "Tambah",
            (Builtin::En, AddItem) => "Add",
            (Builtin::Id, RemoveItem) => "Hapus",
            (Builtin::En, RemoveItem) => "Remove",
            (Builtin::Id, RemoveAsk) => "Hapus isian ini beserta jawabannya?",
            (Builtin::En, RemoveAsk) => "Remove this entry and its answers?",
            (Builtin::Id, AtMost) => "Daftar ini sudah penuh.",
            (Builtin::En, AtMost) => "This list is full.",
            (Builtin::Id, AtLeast) => "Daftar ini tidak bisa dikurangi lagi.",
            (Builtin::En, AtLeast) => "This list cannot get shorter.",
            (Builtin::Id, Row) => "Baris",
            (Builtin::En, Row) => "Row",
            (Builtin::Id, Unsupported) => "Jenis pertanyaan ini belum didukung.",
            (Builtin::En, Unsupported) => "This question type is not supported yet.",
            (Builtin::Id, Sending) => "Mengirim…",
            (Builtin::En, Sending) => "Sending…",
            (Builtin::Id, SavedOffline) => "Tersimpan di ponsel ini, akan dikirim saat Anda online.",
            (Builtin::En, SavedOffline) => "Saved on this phone, will send when you are online.",
            (Builtin::Id, Sent) => "Terkirim.",
            (Builtin::En, Sent) => "Sent.",
            (Builtin::Id, Refused) => "Jawaban Anda ditolak oleh server:",
            (Builtin::En, Refused) => "The server refused your answers:",
            (Builtin::Id, Retry) => "Coba kirim lagi",
            (Builtin::En, Retry) => "Try again",
            (Builtin::Id, Download) => "Unduh jawaban saya",
            (Builtin::En, Download) => "Download my answers",
            (Builtin::Id, StartNew) => "Isi jawaban baru",
            (Builtin::En, StartNew) => "Start a new entry",
            (Builtin::Id, MemoryOnly) => {
                "Peramban ini tidak mengizinkan penyimpanan: jangan tutup halaman ini sampai jawaban terkirim."
            }
            (Builtin::En, MemoryOnly) => "This browser does not allow storage: keep this page open until your answers are sent.",
            (Builtin::Id, NoEndpoint) => {
                "Formulir ini belum dapat menerima jawaban: penyelenggara survei belum menentukan ke mana jawaban dikirim. Jawaban Anda tetap tersimpan di ponsel ini, tetapi belum dapat dikirim."
            }
            (Builtin::En, NoEndpoint) => {
                "This form cannot receive answers yet: the survey's organisers have not set where answers go. Your answers stay on this phone but cannot be sent yet."
            }
            (Builtin::Id, ThanksSending) => "Terima kasih. Jawaban Anda sedang dikirim…",
            (Builtin::En, ThanksSending) => "Thank you. Your answers are being sent…",
            (Builtin::Id, ThanksPending) => "Terima kasih. Jawaban Anda belum sampai ke penyelenggara survei.",
            (Builtin::En, ThanksPending) => "Thank you. Your answers have not reached the survey's organisers yet.",
            (Builtin::Id, EarlierNotSent) => {
                "Jawaban itu masih tersimpan di ponsel ini dan belum terkirim; akan dikirim saat halaman ini terbuka dan ada koneksi."
            }
            (Builtin::En, EarlierNotSent) => {
                "Those answers are still on this phone and not sent yet; they will be sent while this page is open and online."
            }
            (Builtin::Id, Finished) => "Selesai. Terima kasih.",
            (Builtin::En, Finished) => "Done. Thank you.",
            (Builtin::Id, ReviewAnswers) => "Periksa jawaban",
            (Builtin::En, ReviewAnswers) => "Review answers",
            (Builtin::Id, ReviewHeading) => "Periksa jawaban Anda sebelum dikirim",
            (Builtin::En, ReviewHeading) => "Check your answers before you send them",
            (Builtin::Id, Edit) => "Ubah",
            (Builtin::En, Edit) => "Edit",
            (Builtin::Id, NotAnswered) => "Belum dijawab",
            (Builtin::En, NotAnswered) => "Not answered",
            (Builtin::Id, Refuse) => "Tidak ingin menjawab",
            (Builtin::En, Refuse) => "Refuse to answer",
            (Builtin::Id, DontKnow) => "Tidak tahu",
            (Builtin::En, DontKnow) => "Don't know",
            (Builtin::Id, SelectAll) => "Pilih semua",
            (Builtin::En, SelectAll) => "Select All",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_the_language_writes_them() {
        for (lang, iso, want) in [
            (Lang::ID, "2026-12-01T10:00:00.000Z", "1 Desember 2026"),
            (Lang::EN, "2026-12-01", "1 December 2026"),
            (Lang::ID, "2026-05-31", "31 Mei 2026"),
            (Lang::EN, "2026-13-01", "2026-13-01"),
            (Lang::ID, "kemarin", "kemarin"),
            (Lang::ID, "2026/12/01", "2026/12/01"),
        ] {
            assert_eq!(long_date(lang, iso), want, "{iso}");
        }
        assert_eq!(page_of(Lang::ID, 2, 5), "Halaman 2 dari 5");
        for (title, want) in [
            ("Survei ini anonim.", "Survei ini anonim: wajib"),
            ("Setuju?", "Setuju: wajib"),
            ("Nama ", "Nama: wajib"),
            ("", "wajib"),
        ] {
            assert_eq!(title_with(title, "wajib"), want, "{title:?}");
        }
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        for m in [Msg::Required, Msg::NumberMin("1".into()), Msg::SoftRequired] {
            assert_ne!(m.text(Lang::ID), m.text(Lang::EN));
        }
        assert_eq!(Ui::Next.text(Lang::ID), "Berikutnya");
    }
}
