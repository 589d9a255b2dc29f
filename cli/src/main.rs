//! `tanya`: check a questionnaire, evaluate an expression, run answers
//! through a questionnaire, or fingerprint them, with the same engine the
//! browser runs.

mod qr;
mod site;

use clap::{Parser, Subcommand};
use serde_json::{json, Value as Json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tanya_engine::expr::{date::Ymd, Condition, Env, Expression, Value};
use tanya_engine::fingerprint as fp;
use tanya_engine::flow::Flow;
use tanya_engine::schema::{self, Kind, Loaded};
use tanya_engine::text::Lang;
use tanya_engine::validate;

#[derive(Parser)]
#[command(name = "tanya", version, about = "Tanya's command-line tool for survey agencies")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a questionnaire: exit 0 with a summary, or 1 with every located error.
    /// Every property Tanya ignores is a located warning (see docs/surveyjs-support.md).
    Check {
        /// The questionnaire JSON file.
        file: PathBuf,
        /// Exit 1 when any property is ignored.
        #[arg(long)]
        strict: bool,
    },
    /// Evaluate an expression and print its value as JSON.
    Eval {
        /// The expression, e.g. "{a} + 1".
        expr: String,
        /// Variables as a JSON object.
        #[arg(long)]
        values: Option<String>,
        /// Print the condition's truth (true/false) instead of the raw value.
        #[arg(long)]
        condition: bool,
        /// Today's date for today() and age(), YYYY-MM-DD (default: the system's date).
        #[arg(long)]
        today: Option<String>,
    },
    /// Run answers through a questionnaire and print what the form would decide.
    Run {
        /// The questionnaire JSON file.
        file: PathBuf,
        /// The answers JSON file.
        #[arg(long)]
        answers: PathBuf,
        /// Message language.
        #[arg(long, default_value = "id")]
        lang: String,
        /// Today's date for today() and age(), YYYY-MM-DD (default: the system's date).
        #[arg(long)]
        today: Option<String>,
    },
    /// Write an SVG poster with a QR code for URL, a title and the URL in text.
    Qr {
        /// The survey link.
        url: String,
        /// Output file (default: stdout).
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// The title printed above the code.
        #[arg(long)]
        title: Option<String>,
    },
    /// Write a deployable static site for a questionnaire: the app from
    /// --app (`cargo xtask dist`'s dist/), the questionnaire, and page 1
    /// already in index.html, so the first question shows before the app
    /// has arrived.
    Site {
        /// The questionnaire JSON file.
        file: PathBuf,
        /// The built app folder.
        #[arg(long, default_value = "dist")]
        app: PathBuf,
        /// The folder to write.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Where entries go (overrides tanya.endpoint).
        #[arg(long)]
        endpoint: Option<String>,
        /// Page 1's language (default: the questionnaire's own).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Print the entry hash, the similarity SimHash and the canonical encoding
    /// of answers, exactly as the browser computes them.
    Fingerprint {
        /// The questionnaire JSON file.
        file: PathBuf,
        /// The answers JSON file.
        #[arg(long)]
        answers: PathBuf,
        /// Today's date for today() and age(), YYYY-MM-DD (default: the system's date).
        #[arg(long)]
        today: Option<String>,
    },
}

/// A failure to report on stderr, with the exit code to use.
struct Fail(u8, String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check { file, strict } => check(&file, strict),
        Command::Eval { expr, values, condition, today } => {
            eval(&expr, values.as_deref(), condition, today.as_deref())
        }
        Command::Run { file, answers, lang, today } => run(&file, &answers, &lang, today.as_deref()),
        Command::Fingerprint { file, answers, today } => fingerprint(&file, &answers, today.as_deref()),
        Command::Qr { url, output, title } => qr(&url, output.as_deref(), title.as_deref()),
        Command::Site { file, app, output, endpoint, lang } => {
            site::site(&file, &app, &output, endpoint.as_deref(), lang.as_deref())
                .map(|w| {
                    println!(
                "tanya site: {} ({} app files, the questionnaire, and page 1 in {}: {} bytes of HTML)",
                output.display(),
                w.copied,
                w.lang.code(),
                w.page_bytes
            )
                })
                .map_err(|e| Fail(1, e))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(code, msg)) => {
            eprintln!("{msg}");
            ExitCode::from(code)
        }
    }
}

fn read(path: &Path) -> Result<String, Fail> {
    std::fs::read_to_string(path).map_err(|e| Fail(1, format!("{}: {e}", path.display())))
}

fn load(path: &Path) -> Result<Loaded, Fail> {
    let text = read(path)?;
    schema::load(&text).map_err(|e| {
        let mut lines: Vec<String> =
            e.problems.iter().map(|p| format!("{}: error: {p}", path.display())).collect();
        lines.push(format!("{}: {} error(s)", path.display(), e.problems.len()));
        Fail(1, lines.join("\n"))
    })
}

/// `--today` as epoch ms; without it, now (so `today()` and `age()` answer
/// as they would in the browser, not `null`).
fn today_ms(today: Option<&str>) -> Result<Option<f64>, Fail> {
    match today {
        None => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .map(|d| d.as_millis() as f64)),
        Some(t) => Ymd::parse(t)
            .map(|d| Some(d.to_ms()))
            .ok_or_else(|| Fail(2, format!("--today: '{t}' is not a date YYYY-MM-DD"))),
    }
}

fn check(path: &Path, strict: bool) -> Result<(), Fail> {
    let loaded = load(path)?;
    let s = &loaded.survey;
    for w in &loaded.warnings {
        eprintln!("{}: warning: {w}", path.display());
    }
    let questions = s.questions().count();
    let conditions = s
        .elements
        .iter()
        .map(|e| [&e.visible_if, &e.enable_if, &e.required_if].iter().filter(|c| c.is_some()).count())
        .sum::<usize>()
        + s.pages.iter().filter(|p| p.visible_if.is_some()).count();
    let unsupported = s.elements.iter().filter(|e| matches!(e.kind, Kind::Unsupported { .. })).count();
    let ignored = loaded.ignored();
    let verdict = match ignored {
        0 => "ok".to_string(),
        1 => "ok with 1 ignored property".to_string(),
        n => format!("ok with {n} ignored properties"),
    };
    if strict && ignored > 0 {
        return Err(Fail(
            1,
            format!("{}: {ignored} ignored properties (--strict); see the warnings above", path.display()),
        ));
    }
    println!(
        "{}: {verdict}: {} pages, {} questions, {} conditions, {} warnings{}",
        path.display(),
        s.pages.len(),
        questions,
        conditions,
        loaded.warnings.len(),
        if unsupported > 0 {
            format!(" ({unsupported} questions of types Tanya does not render)")
        } else {
            String::new()
        }
    );
    Ok(())
}

fn values_scope(values: Option<&str>) -> Result<std::collections::BTreeMap<String, Value>, Fail> {
    let Some(text) = values else { return Ok(Default::default()) };
    match serde_json::from_str::<Json>(text) {
        Ok(Json::Object(o)) => Ok(o.iter().map(|(k, v)| (k.clone(), Value::from(v))).collect()),
        Ok(_) => Err(Fail(2, "--values: must be a JSON object".into())),
        Err(e) => Err(Fail(2, format!("--values: {e}"))),
    }
}

fn eval(expr: &str, values: Option<&str>, condition: bool, today: Option<&str>) -> Result<(), Fail> {
    let scope = values_scope(values)?;
    let env = Env { scope: &scope, now: today_ms(today)? };
    let out = if condition {
        let c = Condition::parse(expr).map_err(|e| Fail(1, format!("error: {e}")))?;
        Json::Bool(c.check(&env))
    } else {
        let x = Expression::parse(expr).map_err(|e| Fail(1, format!("error: {e}")))?;
        x.eval(&env).to_json()
    };
    println!("{out}");
    Ok(())
}

fn qr(url: &str, output: Option<&Path>, title: Option<&str>) -> Result<(), Fail> {
    let svg = qr::poster(url, title).map_err(|e| Fail(1, e))?;
    match output {
        Some(path) => std::fs::write(path, svg).map_err(|e| Fail(1, format!("{}: {e}", path.display()))),
        None => {
            print!("{svg}");
            Ok(())
        }
    }
}

fn read_answers(path: &Path) -> Result<serde_json::Map<String, Json>, Fail> {
    match serde_json::from_str::<Json>(&read(path)?) {
        Ok(Json::Object(o)) => Ok(o),
        Ok(_) => Err(Fail(1, format!("{}: the answers must be a JSON object", path.display()))),
        Err(e) => Err(Fail(1, format!("{}: {e}", path.display()))),
    }
}

fn fingerprint(path: &Path, answers_path: &Path, today: Option<&str>) -> Result<(), Fail> {
    let loaded = load(path)?;
    let s = &loaded.survey;
    let flow = Flow::with_answers(s, today_ms(today)?, &read_answers(answers_path)?);
    let submitted = flow.submission();
    let out = json!({
        "survey": {"id": s.id(), "version": fp::survey_version(s)},
        "entry": fp::entry(s, &submitted),
        "similarity": fp::similarity_hex(&submitted),
        "canonical": fp::canonical_answers(s, &submitted),
    });
    println!("{out}");
    Ok(())
}

fn run(path: &Path, answers_path: &Path, lang: &str, today: Option<&str>) -> Result<(), Fail> {
    let lang = Lang::from_code(lang)
        .ok_or_else(|| Fail(2, format!("--lang: '{lang}' is no language code (id, en, fr, pt-BR...)")))?;
    let loaded = load(path)?;
    let s = &loaded.survey;
    let answers = read_answers(answers_path)?;
    // Answered one by one in questionnaire order, so triggers fire as they would in the form.
    let flow = Flow::replayed(s, today_ms(today)?, &answers);
    let report = validate::all(&flow, lang, &BTreeSet::new());
    let pages = flow.visible_pages();
    // The pages a page was split into, one question per screen
    // (`questionPerPage`), share its path: to SurveyJS they are that page.
    let mut whole = pages.clone();
    whole.dedup_by_key(|p| s.pages[*p].path.as_str());
    let page_names: Vec<&str> = whole.iter().map(|&p| s.pages[p].name.as_str()).collect();
    let questions: Vec<&str> = pages
        .iter()
        .flat_map(|&p| flow.visible_questions(p))
        .map(|id| s.elements[id].question_name.as_str())
        .collect();
    // Questions by their own SurveyJS names (not their `valueName`s), as SurveyJS reports them.
    let complete = !report.has_blocking();
    let mut errors = report.entries;
    for e in &mut errors {
        if let (Some(id), true) = (e.element, e.cell.is_empty()) {
            e.question.clone_from(&s.elements[id].question_name);
        }
    }
    let out = json!({
        "complete": complete,
        "visible_pages": page_names,
        "visible_questions": questions,
        "errors": errors,
        "answers": flow.submission(),
    });
    println!("{out}");
    Ok(())
}
