//! The loaded questionnaire: pages, and every panel and question in one
//! arena in document order.

use super::settings::Settings;
use crate::expr::{Condition, Expression};
use crate::text::Text;
use crate::Json;

/// Index of an element in [`Survey::elements`].
pub type ElementId = usize;

/// A loaded questionnaire.
#[derive(Clone, Debug)]
pub struct Survey {
    /// Title.
    pub title: Text,
    /// Description under the title.
    pub description: Text,
    /// SurveyJS `locale`: the language of `default` strings.
    pub locale: Option<String>,
    /// The languages it is in, its own (`locale`, else Indonesian) first,
    /// then each its translations are keyed by, or `tanya.languages`;
    /// Indonesian and English when it names no language at all.
    pub languages: Vec<crate::text::Lang>,
    /// Pages in order.
    pub pages: Vec<Page>,
    /// Every panel and question, in document order.
    pub elements: Vec<Element>,
    /// `showProgressBar` other than `"off"`.
    pub show_progress_bar: bool,
    /// `progressBarType`: what the progress bar counts.
    pub progress_bar_type: ProgressType,
    /// `completedHtml`, shown as text on the thank-you screen.
    pub completed_html: Text,
    /// `clearInvisibleValues`: when answers to hidden questions are cleared.
    pub clear_invisible: ClearInvisible,
    /// `showQuestionNumbers`: how questions are numbered.
    pub numbering: Numbering,
    /// `checkErrorsMode`: when answers are checked.
    pub check_errors: CheckErrors,
    /// `firstPageIsStarted`: the first page is a start page, shown before
    /// the questionnaire begins and not one of its pages (progress, Back,
    /// validation at Submit and the visible pages leave it out).
    pub first_page_is_started: bool,
    /// `startSurveyText`: the start page's button.
    pub start_text: Text,
    /// `showPreviewBeforeComplete`: a review page between the last page and Submit.
    pub preview: Preview,
    /// `previewText`: the last page's button when there is a review page.
    pub preview_text: Text,
    /// `editText`: the review page's button back to a page.
    pub edit_text: Text,
    /// `showPrevButton`: whether a Previous button is offered.
    pub show_prev: bool,
    /// `completedHtmlOnCondition`: the thank-you text whose `expression`
    /// holds first replaces `completedHtml`.
    pub completed_on_condition: Vec<(Condition, Text)>,
    /// `calculatedValues`.
    pub calculated_values: Vec<CalculatedValue>,
    /// `triggers`.
    pub triggers: Vec<Trigger>,
    /// Tanya's own settings, from `"tanya"`.
    pub tanya: Settings,
    /// The questionnaire JSON as loaded, for hashing its version.
    pub source: Json,
}

/// A question's answer set or cleared by the questionnaire (SurveyJS
/// `setValueIf`, `setValueExpression`, `resetValueIf`), each run when an
/// answer it reads changes.
#[derive(Clone, Debug, Default)]
pub struct ValueRules {
    /// `setValueIf`: while it holds, the answer is `setValueExpression`'s
    /// value (cleared without one).
    pub set_if: Option<Condition>,
    /// `setValueExpression`: the value to set (on its own, whenever an
    /// answer it reads changes).
    pub set_to: Option<Expression>,
    /// `resetValueIf`: when it holds, the answer is cleared (back to its
    /// `defaultValue`).
    pub reset_if: Option<Condition>,
    /// `defaultValueExpression`: the answer until the respondent gives one,
    /// computed again whenever an answer it reads changes.
    pub default_to: Option<Expression>,
}

/// `rateType`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RateShape {
    /// `labels` (the default): each value's text.
    #[default]
    Labels,
    /// `stars`: a star per value, filled up to the one chosen.
    Stars,
    /// `smileys`: a face per value, from unhappy to happy.
    Smileys,
}

/// `clearInvisibleValues` and a question's `clearIfInvisible`: when the
/// answer to a hidden question is cleared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClearInvisible {
    /// `onComplete` (the default): on submission; while the respondent
    /// answers, conditions still read it.
    #[default]
    OnComplete,
    /// `onHidden`: also the moment the question's own condition hides it,
    /// and its default comes back when it shows again.
    OnHidden,
    /// `onHiddenContainer`: as `onHidden`, and also when its panel or page hides.
    OnHiddenContainer,
    /// `none`: never; hidden questions' answers are sent.
    Never,
}

impl ClearInvisible {
    /// The SurveyJS names, the default first.
    pub const NAMES: [(&'static str, ClearInvisible); 4] = [
        ("onComplete", ClearInvisible::OnComplete),
        ("onHidden", ClearInvisible::OnHidden),
        ("onHiddenContainer", ClearInvisible::OnHiddenContainer),
        ("none", ClearInvisible::Never),
    ];

    /// Whether the answer is cleared as soon as the question hides.
    pub fn on_hiding(self) -> bool {
        matches!(self, ClearInvisible::OnHidden | ClearInvisible::OnHiddenContainer)
    }
}

/// `checkErrorsMode`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CheckErrors {
    /// `onNextPage` (the default): each page on Next.
    #[default]
    OnNextPage,
    /// `onValueChanged` (or `onValueChanging`): a question as soon as its
    /// answer changes, and each page on Next.
    OnValueChanged,
    /// `onComplete`: only on Submit, every page.
    OnComplete,
}

/// `showQuestionNumbers`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Numbering {
    /// `off` (survey-core's default) or `false`.
    #[default]
    Off,
    /// `on`, `true` or `recursive`: through the whole questionnaire.
    On,
    /// `onPage`: from 1 on each page.
    OnPage,
}

/// Whether answers are reviewed before Submit (SurveyJS `showPreviewBeforeComplete`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Preview {
    /// `"noPreview"` (the default): the last page submits.
    #[default]
    Off,
    /// `"showAllQuestions"`: every visible question, answered or not.
    All,
    /// `"showAnsweredQuestions"`: only the answered ones.
    Answered,
}

/// What the progress bar counts (SurveyJS `progressBarType`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProgressType {
    /// `"pages"` (the default): the current page among the visible pages.
    #[default]
    Pages,
    /// `"questions"` (SurveyJS also counts so for `"buttons"`): answered
    /// among visible questions, a matrix counting its rows.
    Questions,
    /// `"requiredQuestions"`: answered among visible required questions.
    RequiredQuestions,
}

/// A page.
#[derive(Clone, Debug)]
pub struct Page {
    /// Name (generated as `pageN` when missing).
    pub name: String,
    /// Title.
    pub title: Text,
    /// Description.
    pub description: Text,
    /// `visibleIf`.
    pub visible_if: Option<Condition>,
    /// `visible: false`.
    pub hidden: bool,
    /// Top-level elements of the page.
    pub children: Vec<ElementId>,
    /// `questionOrder: "random"` (here, or on the questionnaire): its
    /// elements are shown shuffled, in an order fixed per entry.
    pub random_order: bool,
    /// JSON path, e.g. `pages[1]`.
    pub path: String,
}

/// A panel or a question.
#[derive(Clone, Debug)]
pub struct Element {
    /// The key its answer is stored and read under: `valueName` when the
    /// question has one (questions sharing it share one value, as in
    /// SurveyJS), else its name.
    pub name: String,
    /// SurveyJS's `name` of the question itself, which errors and the list
    /// of visible questions use; the same as `name` without `valueName`.
    pub question_name: String,
    /// `titleLocation: "hidden"`: the title is for screen readers only.
    pub title_hidden: bool,
    /// `showNumber: false` (or `hideNumber`): never numbered.
    pub unnumbered: bool,
    /// `clearIfInvisible`: when its answer is cleared while it is hidden;
    /// `None` (`default`) follows the questionnaire's `clearInvisibleValues`.
    pub clear_if_invisible: Option<ClearInvisible>,
    /// Page it sits on.
    pub page: usize,
    /// Enclosing panel, or the roster whose template holds it.
    pub parent: Option<ElementId>,
    /// The nearest roster (`paneldynamic`, `matrixdynamic`,
    /// `matrixdropdown`) whose template holds it: its answer lives in each
    /// panel or row of that roster's answer, not under its own name.
    pub roster: Option<ElementId>,
    /// JSON path, e.g. `pages[0].elements[2]`.
    pub path: String,
    /// Title (the name when missing, as in SurveyJS).
    pub title: Text,
    /// Description.
    pub description: Text,
    /// `visible: false`.
    pub hidden: bool,
    /// `visibleIf`.
    pub visible_if: Option<Condition>,
    /// `enableIf`.
    pub enable_if: Option<Condition>,
    /// `requiredIf`.
    pub required_if: Option<Condition>,
    /// `readOnly`.
    pub read_only: bool,
    /// `isRequired`.
    pub is_required: bool,
    /// `requiredErrorText`.
    pub required_error_text: Text,
    /// `validators`.
    pub validators: Vec<Validator>,
    /// `defaultValue`.
    pub default_value: Option<Json>,
    /// `setValueIf`, `setValueExpression` and `resetValueIf`: answers the
    /// questionnaire sets or clears as other answers change.
    pub value_rules: Option<Box<ValueRules>>,
    /// What kind of element it is.
    pub kind: Kind,
}

impl Element {
    /// False for what holds no answer a respondent types or picks (panels,
    /// html, expressions, unsupported types): never required.
    pub fn can_be_required(&self) -> bool {
        !matches!(
            self.kind,
            Kind::Unsupported { .. } | Kind::Expression { .. } | Kind::Html { .. } | Kind::Panel { .. }
        )
    }

    /// True for questions (everything but panels, html blocks and images), which hold answers.
    pub fn is_question(&self) -> bool {
        match &self.kind {
            Kind::Panel { .. } | Kind::Html { .. } => false,
            // An `image` shows a picture and holds no answer, like `html`.
            Kind::Unsupported { type_name } => type_name != "image",
            _ => true,
        }
    }
}

/// `inputType` of a `text` question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputType {
    /// Plain text.
    Text,
    /// A number.
    Number,
    /// An e-mail address.
    Email,
    /// A telephone number.
    Tel,
    /// A date (`YYYY-MM-DD`).
    Date,
    /// A URL.
    Url,
}

impl InputType {
    /// The HTML `type` attribute. A number is typed into a text input
    /// (with [`InputType::input_mode`]): a browser's number input drops the
    /// decimal comma Indonesian writes, turning "2,5" into 25.
    pub fn html(self) -> &'static str {
        match self {
            InputType::Text | InputType::Number => "text",
            InputType::Email => "email",
            InputType::Tel => "tel",
            InputType::Date => "date",
            InputType::Url => "url",
        }
    }

    /// The HTML `inputmode`: the decimal keypad for numbers.
    pub fn input_mode(self) -> Option<&'static str> {
        (self == InputType::Number).then_some("decimal")
    }
}

/// How choices are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChoiceStyle {
    /// `radiogroup`: one answer.
    Radio,
    /// `checkbox`: several answers.
    Checkbox,
    /// `dropdown`: one answer from a list.
    Dropdown,
    /// `ranking`: every choice in an order.
    Ranking,
}

/// `choicesOrder`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChoicesOrder {
    /// As written.
    None,
    /// Sorted by text, ascending.
    Asc,
    /// Sorted by text, descending.
    Desc,
    /// Shuffled with a seed passed in.
    Random,
}

/// A choice, matrix row or column, or rating value.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// The stored value.
    pub value: Json,
    /// What the respondent sees (the value when no text is given).
    pub text: Text,
    /// `visibleIf` of a choice: hidden choices cannot be chosen, and an
    /// answer naming one is cleared at submission, as in SurveyJS.
    pub visible_if: Option<Condition>,
    /// `enableIf` of a choice: while it does not hold, the choice cannot be
    /// picked (an answer already naming it stays, as in SurveyJS).
    pub enable_if: Option<Condition>,
}

impl Choice {
    /// The key an object answer stores this choice under (a matrix row):
    /// a string value as it is, an object as JavaScript names it, any other
    /// value as its JSON text.
    pub fn key(&self) -> String {
        match &self.value {
            Json::String(s) => s.clone(),
            // JavaScript's `String(object)`, the key SurveyJS stores it under.
            Json::Object(_) => "[object Object]".to_string(),
            other => other.to_string(),
        }
    }
}

/// A `multipletext` item.
#[derive(Clone, Debug)]
pub struct TextItem {
    /// Key in the answer object.
    pub name: String,
    /// Label.
    pub title: Text,
    /// Input type.
    pub input_type: InputType,
    /// `isRequired`.
    pub is_required: bool,
    /// `maxLength`.
    pub max_length: Option<usize>,
    /// `validators`, run on the item's own answer.
    pub validators: Vec<Validator>,
    /// `defaultValueExpression`: the item's value, recomputed until the
    /// respondent changes that item.
    pub default_to: Option<Expression>,
}

/// What an element is, with its type's own settings.
#[derive(Clone, Debug)]
pub enum Kind {
    /// `panel`: a group of elements.
    Panel {
        /// Its elements.
        children: Vec<ElementId>,
        /// Its elements are shown shuffled, in an order fixed per entry. As
        /// in SurveyJS, only a page's own panels shuffle: under a page that
        /// shuffles (unless the panel says `questionOrder: "initial"`), or
        /// by their own `questionOrder: "random"`.
        random_order: bool,
    },
    /// `text`.
    Text {
        /// `inputType`.
        input_type: InputType,
        /// `min` (number or date text).
        min: Option<Json>,
        /// `max` (number or date text).
        max: Option<Json>,
        /// `minValueExpression`, or `min` written `"=expression"`.
        min_expr: Option<Expression>,
        /// `maxValueExpression`, or `max` written `"=expression"` (`"=today()"`).
        max_expr: Option<Expression>,
        /// `maxLength`.
        max_length: Option<usize>,
        /// `step` of a number input: the answer must be a multiple of it.
        step: Option<f64>,
        /// `placeholder`.
        placeholder: Text,
    },
    /// `comment`: multi-line text.
    Comment {
        /// `maxLength`.
        max_length: Option<usize>,
        /// `placeholder`.
        placeholder: Text,
    },
    /// `radiogroup`, `checkbox`, `dropdown`, `ranking`.
    Choices {
        /// How they are shown.
        style: ChoiceStyle,
        /// The choices.
        choices: Vec<Choice>,
        /// `choicesOrder`.
        order: ChoicesOrder,
        /// `hasOther`: an "other" choice with a comment.
        has_other: bool,
        /// `hasNone`: a "none" choice that excludes the rest.
        has_none: bool,
        /// `otherText`.
        other_text: Text,
        /// `noneText`.
        none_text: Text,
        /// `showRefuseItem`: a "refuse to answer" item (`refused`), exclusive.
        has_refuse: bool,
        /// `showDontKnowItem`: a "don't know" item (`dontknow`), exclusive.
        has_dont_know: bool,
        /// `refuseText`.
        refuse_text: Text,
        /// `dontKnowText`.
        dont_know_text: Text,
        /// `minSelectedChoices` (checkbox).
        min_selected: Option<usize>,
        /// `maxSelectedChoices` (checkbox).
        max_selected: Option<usize>,
        /// `choicesVisibleIf`: each choice shows while it holds, with
        /// `{item}` its value.
        choices_visible_if: Option<Condition>,
        /// `choicesEnableIf`: each choice can be picked while it holds, with
        /// `{item}` its value.
        choices_enable_if: Option<Condition>,
        /// `choicesFromQuestion`: the choices are another question's (copied
        /// into `choices` on loading), offered as its mode says.
        from: Option<CarryForward>,
        /// `showSelectAllItem` (checkbox): a box that ticks every choice.
        select_all: bool,
        /// `storeOthersAsComment: false` (on the question or the
        /// questionnaire): the "other" text is the answer itself (in place
        /// of `other`, or of it in the list), with no `-Comment`.
        other_in_value: bool,
        /// `selectAllText`.
        select_all_text: Text,
    },
    /// `boolean`.
    Boolean {
        /// `labelTrue`.
        label_true: Text,
        /// `labelFalse`.
        label_false: Text,
        /// `valueTrue`: what "yes" stores (`true` when not given).
        value_true: Json,
        /// `valueFalse`: what "no" stores (`false` when not given).
        value_false: Json,
    },
    /// `rating`.
    Rating {
        /// The values offered, from `rateValues` or `rateMin..=rateMax` by `rateStep`.
        values: Vec<Choice>,
        /// `minRateDescription`.
        min_description: Text,
        /// `maxRateDescription`.
        max_description: Text,
        /// `rateType`: how each value is drawn.
        shape: RateShape,
    },
    /// `matrix`: a Likert table, one answer per row.
    Matrix {
        /// Statements.
        rows: Vec<Choice>,
        /// Scale points.
        columns: Vec<Choice>,
        /// `isAllRowRequired`.
        all_rows_required: bool,
        /// `rowOrder: "random"`: the rows are shown shuffled, in an order
        /// fixed per entry.
        random_rows: bool,
    },
    /// `multipletext`: several labelled inputs, answered as an object.
    MultipleText {
        /// The inputs.
        items: Vec<TextItem>,
    },
    /// `expression`: shows a calculated value.
    Expression {
        /// The expression.
        expression: Option<Expression>,
    },
    /// `paneldynamic`, `matrixdynamic`, `matrixdropdown`: questions
    /// repeated per panel or row, answered as an array of objects (or, for
    /// fixed rows, an object of row objects).
    Roster(Box<Roster>),
    /// `html`: shown as text, never as HTML.
    Html {
        /// The content.
        html: Text,
    },
    /// A SurveyJS type Tanya does not render yet; kept so references resolve.
    Unsupported {
        /// The SurveyJS type name.
        type_name: String,
    },
}

/// How a roster's items come about.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// `paneldynamic`: panels the respondent adds, each its template's questions.
    Panels,
    /// `matrixdynamic`: rows the respondent adds, each its columns.
    Rows,
    /// `matrixdropdown`: one row per listed row, keyed by its value.
    Fixed(Vec<Choice>),
}

/// A roster's settings. Its template (`templateElements`, or one question
/// per matrix column) sits in [`Survey::elements`] with `roster` set.
#[derive(Clone, Debug)]
pub struct Roster {
    /// Panels, added rows or fixed rows.
    pub shape: Shape,
    /// The template's top-level elements (for matrices, the columns).
    pub template: Vec<ElementId>,
    /// `panelCount` / `rowCount`: items shown before any answer.
    pub start: usize,
    /// `minPanelCount` / `minRowCount`.
    pub min: usize,
    /// `maxPanelCount` / `maxRowCount`.
    pub max: usize,
    /// `templateTitle`, with `{panelIndex}` and `{panel.x}` piped per panel.
    pub item_title: Text,
    /// `panelAddText` / `addRowText`.
    pub add_text: Text,
    /// `panelRemoveText` / `removeRowText`.
    pub remove_text: Text,
    /// `allowAddPanel` / `allowAddRows` (fixed rows are never added).
    pub can_add: bool,
    /// `allowRemovePanel` / `allowRemoveRows`.
    pub can_remove: bool,
    /// `rowOrder: "random"` (fixed rows only): the rows are shown shuffled,
    /// in an order fixed for the entry (see [`crate::flow::shuffled`]).
    pub random_rows: bool,
}

impl Kind {
    /// Whether `x` is a built-in item this choice question shows ("other",
    /// "none", "refuse to answer", "don't know").
    pub fn offers_special(&self, x: &crate::expr::Value) -> bool {
        let crate::expr::Value::String(t) = x else { return false };
        self.specials().any(|item| t == item)
    }

    /// The built-in items this choice question shows, in the order it
    /// shows them after its own choices.
    pub fn specials(&self) -> impl Iterator<Item = &'static str> {
        let on = match self {
            Kind::Choices { has_other, has_none, has_refuse, has_dont_know, .. } => {
                [*has_other, *has_none, *has_refuse, *has_dont_know]
            }
            _ => [false; 4],
        };
        [crate::answers::OTHER, crate::answers::NONE, crate::answers::REFUSED, crate::answers::DONT_KNOW]
            .into_iter()
            .zip(on)
            .filter_map(|(item, on)| on.then_some(item))
    }
}

impl Roster {
    /// True for the matrices, whose items are rows (`{row.x}`, `{rowIndex}`
    /// from 1), false for dynamic panels (`{panel.x}`, `{panelIndex}` from 0).
    pub fn is_matrix(&self) -> bool {
        self.shape != Shape::Panels
    }
}

/// `choicesFromQuestion` and `choicesFromQuestionMode`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CarryForward {
    /// The question whose choices these are (its name until loading
    /// resolves it).
    pub source: ElementId,
    /// Which of them are offered.
    pub mode: CarryMode,
    /// True when the source is a roster answered as a list (`paneldynamic`,
    /// `matrixdynamic`): the choices are then its items, one per item
    /// with a value (see [`crate::flow::Flow::carried_items`]).
    pub from_items: bool,
    /// `choiceValuesFromQuestion`: the item question (or column) whose
    /// answer is a choice's value; without it, the item's first answered
    /// question in template order (survey-core takes the item's first key,
    /// in the order its answers were given).
    pub values_from: Option<String>,
    /// `choiceTextsFromQuestion`: the item question whose answer is a
    /// choice's text; the value without it.
    pub texts_from: Option<String>,
}

/// `choicesFromQuestionMode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CarryMode {
    /// `all`: every choice the source offers.
    All,
    /// `selected`: those the source's answer holds.
    Selected,
    /// `unselected`: those it does not.
    Unselected,
}

/// A validator with its optional custom message.
#[derive(Clone, Debug)]
pub struct Validator {
    /// The rule.
    pub rule: Rule,
    /// `text`: overrides the built-in message.
    pub text: Text,
    /// `notificationType` `warning` or `info`: the message is shown, and
    /// the respondent may go on after reading it (a soft entry).
    pub notice: bool,
}

/// A validator rule.
#[derive(Clone, Debug)]
pub enum Rule {
    /// `numeric`: `minValue`, `maxValue`.
    Numeric {
        /// Lowest allowed.
        min: Option<f64>,
        /// Highest allowed.
        max: Option<f64>,
    },
    /// `text`: `minLength`, `maxLength`.
    Text {
        /// Shortest allowed.
        min_length: Option<usize>,
        /// Longest allowed.
        max_length: Option<usize>,
        /// `allowDigits: false`: only letters, spaces and dots, as SurveyJS checks.
        no_digits: bool,
    },
    /// `regex`.
    Regex(regex_lite::Regex),
    /// `email`.
    Email,
    /// `expression`: the answer passes when the expression is true.
    Expression(Expression),
    /// `answercount`: `minCount`, `maxCount`.
    AnswerCount {
        /// Fewest allowed.
        min: Option<usize>,
        /// Most allowed.
        max: Option<usize>,
    },
}

/// A `triggers` entry: what happens when `when` holds after an answer it
/// reads changes.
#[derive(Clone, Debug)]
pub struct Trigger {
    /// What it does.
    pub kind: TriggerKind,
    /// Its condition (`expression`, or the legacy `name`/`operator`/`value`).
    pub when: Condition,
    /// JSON path, e.g. `triggers[2]`.
    pub path: String,
}

/// A trigger's action.
#[derive(Clone, Debug)]
pub enum TriggerKind {
    /// `complete`: Next completes the questionnaire while the condition holds.
    Complete,
    /// `setvalue`: sets `setToName` to `setValue` (a variable, not an answer, with `isVariable`).
    SetValue {
        /// `setToName`.
        to: String,
        /// `setValue`.
        value: Json,
        /// `isVariable`.
        variable: bool,
    },
    /// `copyvalue`: copies `fromName`'s answer to `setToName`.
    CopyValue {
        /// `setToName`.
        to: String,
        /// `fromName`.
        from: String,
    },
    /// `runexpression`: evaluates `runExpression`, into `setToName` when given.
    RunExpression {
        /// `setToName`.
        to: Option<String>,
        /// `runExpression`.
        expression: Expression,
    },
    /// `skip`: goes to the page of `gotoName`.
    Skip {
        /// `gotoName`.
        to: String,
    },
}

/// A `calculatedValues` entry.
#[derive(Clone, Debug)]
pub struct CalculatedValue {
    /// Variable name.
    pub name: String,
    /// Its expression.
    pub expression: Expression,
    /// `includeIntoResult`.
    pub include_into_result: bool,
}
