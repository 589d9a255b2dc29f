//! Every built-in message and word of the respondent's screen, in
//! Indonesian and English.

use super::Lang;

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
            (Lang::Id, NoDigits) => "Mohon isi dengan huruf saja, tanpa angka.".into(),
            (Lang::En, NoDigits) => "Numbers are not allowed.".into(),
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
            (Lang::Id, OtherRequired) => "Mohon tuliskan jawaban Lainnya.".into(),
            (Lang::En, OtherRequired) => "Please type your answer for Other.".into(),
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
    match lang {
        Lang::Id => format!("Halaman {n} dari {total}"),
        Lang::En => format!("Page {n} of {total}"),
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
            let month = match lang {
                Lang::Id => ID[m - 1],
                Lang::En => EN[m - 1],
            };
            format!("{d} {month} {y}")
        }
        _ => iso.to_string(),
    }
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
            (Lang::Id, Start) => "Mulai",
            (Lang::En, Start) => "Start",
            (Lang::Id, AddItem) => "Tambah",
            (Lang::En, AddItem) => "Add",
            (Lang::Id, RemoveItem) => "Hapus",
            (Lang::En, RemoveItem) => "Remove",
            (Lang::Id, RemoveAsk) => "Hapus isian ini beserta jawabannya?",
            (Lang::En, RemoveAsk) => "Remove this entry and its answers?",
            (Lang::Id, AtMost) => "Daftar ini sudah penuh.",
            (Lang::En, AtMost) => "This list is full.",
            (Lang::Id, AtLeast) => "Daftar ini tidak bisa dikurangi lagi.",
            (Lang::En, AtLeast) => "This list cannot get shorter.",
            (Lang::Id, Row) => "Baris",
            (Lang::En, Row) => "Row",
            (Lang::Id, Unsupported) => "Jenis pertanyaan ini belum didukung.",
            (Lang::En, Unsupported) => "This question type is not supported yet.",
            (Lang::Id, Sending) => "Mengirim…",
            (Lang::En, Sending) => "Sending…",
            (Lang::Id, SavedOffline) => "Tersimpan di ponsel ini, akan dikirim saat Anda online.",
            (Lang::En, SavedOffline) => "Saved on this phone, will send when you are online.",
            (Lang::Id, Sent) => "Terkirim.",
            (Lang::En, Sent) => "Sent.",
            (Lang::Id, Refused) => "Jawaban Anda ditolak oleh server:",
            (Lang::En, Refused) => "The server refused your answers:",
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
            (Lang::Id, NoEndpoint) => {
                "Formulir ini belum dapat menerima jawaban: penyelenggara survei belum menentukan ke mana jawaban dikirim. Jawaban Anda tetap tersimpan di ponsel ini, tetapi belum dapat dikirim."
            }
            (Lang::En, NoEndpoint) => {
                "This form cannot receive answers yet: the survey's organisers have not set where answers go. Your answers stay on this phone but cannot be sent yet."
            }
            (Lang::Id, ThanksSending) => "Terima kasih. Jawaban Anda sedang dikirim…",
            (Lang::En, ThanksSending) => "Thank you. Your answers are being sent…",
            (Lang::Id, ThanksPending) => "Terima kasih. Jawaban Anda belum sampai ke penyelenggara survei.",
            (Lang::En, ThanksPending) => "Thank you. Your answers have not reached the survey's organisers yet.",
            (Lang::Id, EarlierNotSent) => {
                "Jawaban itu masih tersimpan di ponsel ini dan belum terkirim; akan dikirim saat halaman ini terbuka dan ada koneksi."
            }
            (Lang::En, EarlierNotSent) => {
                "Those answers are still on this phone and not sent yet; they will be sent while this page is open and online."
            }
            (Lang::Id, Finished) => "Selesai. Terima kasih.",
            (Lang::En, Finished) => "Done. Thank you.",
            (Lang::Id, ReviewAnswers) => "Periksa jawaban",
            (Lang::En, ReviewAnswers) => "Review answers",
            (Lang::Id, ReviewHeading) => "Periksa jawaban Anda sebelum dikirim",
            (Lang::En, ReviewHeading) => "Check your answers before you send them",
            (Lang::Id, Edit) => "Ubah",
            (Lang::En, Edit) => "Edit",
            (Lang::Id, NotAnswered) => "Belum dijawab",
            (Lang::En, NotAnswered) => "Not answered",
            (Lang::Id, Refuse) => "Tidak ingin menjawab",
            (Lang::En, Refuse) => "Refuse to answer",
            (Lang::Id, DontKnow) => "Tidak tahu",
            (Lang::En, DontKnow) => "Don't know",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_the_language_writes_them() {
        for (lang, iso, want) in [
            (Lang::Id, "2026-12-01T10:00:00.000Z", "1 Desember 2026"),
            (Lang::En, "2026-12-01", "1 December 2026"),
            (Lang::Id, "2026-05-31", "31 Mei 2026"),
            (Lang::En, "2026-13-01", "2026-13-01"),
            (Lang::Id, "kemarin", "kemarin"),
            (Lang::Id, "2026/12/01", "2026/12/01"),
        ] {
            assert_eq!(long_date(lang, iso), want, "{iso}");
        }
        assert_eq!(page_of(Lang::Id, 2, 5), "Halaman 2 dari 5");
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
            assert_ne!(m.text(Lang::Id), m.text(Lang::En));
        }
        assert_eq!(Ui::Next.text(Lang::Id), "Berikutnya");
    }
}
