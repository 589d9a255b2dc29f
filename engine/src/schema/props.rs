//! Which properties each object may carry. Anything else is a warning.
//!
//! Layout hints SurveyJS knows but Tanya's single mobile layout ignores are
//! listed as known, so they do not drown real typos in warnings.

/// Properties of the questionnaire itself.
pub const SURVEY: &[&str] = &[
    "title",
    "description",
    "locale",
    "pages",
    "elements",
    "questions",
    "showProgressBar",
    "completedHtml",
    "calculatedValues",
    "tanya",
    "showQuestionNumbers",
    "questionTitleLocation",
    "requiredText",
    "logo",
    "logoPosition",
    "logoWidth",
    "logoHeight",
    "showTitle",
    "widthMode",
    "width",
    "progressBarType",
    "showPageTitles",
    "showPageNumbers",
    "showPrevButton",
    "focusFirstQuestionAutomatic",
    "checkErrorsMode",
    "textUpdateMode",
    "clearInvisibleValues",
    "completedBeforeHtml",
    "loadingHtml",
    "showCompletedPage",
    "questionErrorLocation",
    "questionDescriptionLocation",
    "headerView",
    "showNavigationButtons",
];

/// Properties of a page.
pub const PAGE: &[&str] = &[
    "name",
    "title",
    "description",
    "elements",
    "questions",
    "visibleIf",
    "visible",
    "navigationTitle",
    "navigationDescription",
    "questionTitleLocation",
    "state",
];

/// Properties every element may carry.
pub const ELEMENT: &[&str] = &[
    "type",
    "name",
    "title",
    "description",
    "visible",
    "visibleIf",
    "enableIf",
    "requiredIf",
    "isRequired",
    "readOnly",
    "validators",
    "defaultValue",
    "requiredErrorText",
    "startWithNewLine",
    "titleLocation",
    "descriptionLocation",
    "width",
    "minWidth",
    "maxWidth",
    "indent",
    "hideNumber",
    "colCount",
    "state",
    "questionTitleLocation",
    "innerIndent",
    "showNumber",
    "showQuestionNumbers",
    "errorLocation",
    "placeholder",
    "placeHolder",
];

/// Extra properties by element type.
pub fn for_type(t: &str) -> &'static [&'static str] {
    match t {
        "panel" => &["elements", "questions"],
        "text" => &["inputType", "min", "max", "maxLength", "step", "size", "autocomplete", "inputSize"],
        "comment" => &["maxLength", "rows", "cols", "autoGrow", "allowResize"],
        "radiogroup" | "checkbox" | "dropdown" | "ranking" => &[
            "choices",
            "choicesOrder",
            "hasOther",
            "showOtherItem",
            "hasNone",
            "showNoneItem",
            "otherText",
            "noneText",
            "otherPlaceholder",
            "otherPlaceHolder",
            "minSelectedChoices",
            "maxSelectedChoices",
            "choicesMin",
            "choicesMax",
            "choicesStep",
            "separateSpecialChoices",
            "showClearButton",
            "allowClear",
            "choicesByUrl",
            "choicesFromQuestion",
            "choicesFromQuestionMode",
            "otherErrorText",
        ],
        "boolean" => &["labelTrue", "labelFalse", "label", "renderAs", "swapOrder"],
        "rating" => &[
            "rateMin",
            "rateMax",
            "rateStep",
            "rateValues",
            "rateCount",
            "minRateDescription",
            "maxRateDescription",
            "mininumRateDescription",
            "maximumRateDescription",
            "rateType",
            "displayMode",
            "autoGenerate",
            "displayRateDescriptionsAsExtremeItems",
        ],
        "matrix" => &[
            "rows",
            "columns",
            "isAllRowRequired",
            "eachRowRequired",
            "rowsOrder",
            "columnMinWidth",
            "alternateRows",
            "showHeader",
            "rowTitleWidth",
        ],
        "multipletext" => &["items", "itemSize", "itemErrorLocation"],
        "expression" => &[
            "expression",
            "displayStyle",
            "currency",
            "maximumFractionDigits",
            "minimumFractionDigits",
            "format",
            "precision",
        ],
        "html" => &["html"],
        _ => &[],
    }
}

/// Properties of a choice, matrix row or column written as an object.
pub const CHOICE: &[&str] = &["value", "text", "visibleIf", "enableIf"];

/// Properties of a validator.
pub const VALIDATOR: &[&str] = &[
    "type",
    "text",
    "minValue",
    "maxValue",
    "minLength",
    "maxLength",
    "allowDigits",
    "regex",
    "expression",
    "minCount",
    "maxCount",
    "caseInsensitive",
    "notificationType",
];

/// Properties of a `multipletext` item.
pub const TEXT_ITEM: &[&str] = &[
    "name",
    "title",
    "inputType",
    "isRequired",
    "placeholder",
    "placeHolder",
    "validators",
    "maxLength",
    "size",
    "inputMask",
];

/// Properties of `"tanya"`.
pub const TANYA: &[&str] =
    &["id", "version", "endpoint", "prefill", "duplicates", "softRequired", "languages", "embed", "types"];

/// SurveyJS types that Tanya loads but does not render yet (a warning, not an error).
pub const UNSUPPORTED_TYPES: &[&str] = &[
    "matrixdropdown",
    "matrixdynamic",
    "paneldynamic",
    "file",
    "signaturepad",
    "imagepicker",
    "image",
    "slider",
];
