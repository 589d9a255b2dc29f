//! Every SurveyJS property, and what Tanya does with it: the one table the
//! loader checks each property against and `docs/surveyjs-support.md` is
//! generated from (`cargo xtask codegen`; a test keeps the two in sync, and
//! another that every property of survey-core's `surveyjs_definition.json`
//! is here).
//!
//! Classes and their parents follow `surveyjs_definition.json`. Each class
//! lists its own properties as words, each with a sigil:
//! - `+` supported: read, and behaves as in SurveyJS;
//! - `=` layout only: no effect on answers, flow or validation (Tanya has
//!   one mobile layout), so it is accepted silently;
//! - `-` ignored: it would change what SurveyJS does and Tanya does not do
//!   it, so the loader warns (and `tanya check --strict` fails).
//!
//! Old names SurveyJS's serializer still reads sit beside the new ones.
//! A property in no class is unknown, and warned about too.

/// What Tanya does with a SurveyJS property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    /// Read, and behaves as in SurveyJS.
    Supported,
    /// No effect on answers, flow or validation.
    Layout,
    /// Changes SurveyJS's behaviour, and Tanya does not do it.
    Ignored,
}

impl Support {
    /// The word the support document uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Support::Supported => "supported",
            Support::Layout => "layout only",
            Support::Ignored => "ignored",
        }
    }
}

/// `(class, parent, properties)`.
type Class = (&'static str, Option<&'static str>, &'static str);

/// The table. Keep each class's words in the order SurveyJS declares them.
pub const CLASSES: &[Class] = &[
    (
        "survey",
        None,
        "+locale +title +description =logo =logoWidth =logoHeight =logoFit =logoPosition \
         =autoFocusFirstQuestion =focusFirstQuestionAutomatic =autoFocusFirstError +completedHtml \
         -completedBeforeHtml +completedHtmlOnCondition =loadingHtml +pages +elements +questions +triggers \
         +calculatedValues =sjsVersion =$schema -surveyId -surveyPostId =surveyShowDataSaving -cookieName \
         -partialSendEnabled -sendResultOnPageNext -showNavigationButtons =navigationButtonsLocation \
         +showPrevButton =showTitle =showPageTitles =showCompletePage =showCompletedPage -navigateToUrl \
         -navigateToUrlOnCondition +questionOrder +questionsOrder =matrixDragHandleArea =showPageNumbers \
         +showQuestionNumbers =questionTitleLocation =questionDescriptionLocation =questionErrorLocation \
         +showProgressBar =progressBarLocation +progressBarType =progressBarShowPageTitles \
         =progressBarShowPageNumbers =progressBarInheritWidthFrom =showTOC =tocLocation =tocItemComponent \
         -readOnly -mode +storeOthersAsComment -maxTextLength -maxCommentLength =autoAdvanceEnabled \
         =goNextPageAutomatic =autoAdvanceAllowComplete =allowCompleteSurveyAutomatic +clearInvisibleValues \
         +checkErrorsMode -validateVisitedEmptyFields =textUpdateMode =autoGrowComment =allowResizeComment \
         =commentAreaRows +startSurveyText =pagePrevText =pageNextText =completeText +previewText +editText \
         =requiredMark =requiredText =questionStartIndex =questionTitlePattern =questionTitleTemplate \
         +firstPageIsStartPage +firstPageIsStarted +questionsOnPageMode +isSinglePage \
         +showPreviewBeforeComplete =previewMode -showTimer -showTimerPanel -timeLimit -maxTimeToFinish \
         -timeLimitPerPage -maxTimeToFinishPage =timerLocation =timerInfoMode =showTimerPanelMode =widthMode \
         =gridLayoutEnabled =width =fitToContainer =headerView =backgroundImage =backgroundImageFit \
         =backgroundImageAttachment =backgroundOpacity =showBrandInfo",
    ),
    ("locstring", None, "+default +en"),
    ("expressionitem", None, "+expression"),
    ("htmlconditionitem", Some("expressionitem"), "+html"),
    ("urlconditionitem", Some("expressionitem"), "-url"),
    (
        "panelbase",
        None,
        "+name +elements +questions +visible +readOnly +visibleIf +enableIf +requiredIf =questionTitleWidth \
         =questionTitleLocation =gridLayoutColumns +title +description +questionOrder +questionsOrder \
         =questionErrorLocation",
    ),
    (
        "panel",
        Some("panelbase"),
        "+type =state -isRequired =requiredErrorText =startWithNewLine =width =minWidth =maxWidth =colSpan \
         =innerIndent =indent =showNumber =showQuestionNumbers =questionStartIndex =allowAdaptiveActions",
    ),
    (
        "page",
        Some("panel"),
        "=showNavigationButtons -timeLimit -maxTimeToFinish =navigationTitle =navigationDescription",
    ),
    (
        "question",
        None,
        "+type +name =state +visible =useDisplayValuesInDynamicTexts +visibleIf =width =minWidth =maxWidth \
         =colSpan =startWithNewLine =indent +title +titleLocation +description =descriptionLocation +showNumber \
         +hideNumber +valueName +enableIf +resetValueIf +setValueIf +setValueExpression +defaultValue \
         +defaultValueExpression =correctAnswer +clearIfInvisible +isRequired +requiredIf +requiredErrorText \
         =errorLocation +readOnly +validators -bindings =renderAs -showCommentArea -hasComment -commentText \
         -commentPlaceholder -commentPlaceHolder =defaultDisplayValue =randomize =randomizeCategory",
    ),
    ("surveyvalidator", None, "+type +text +notificationType"),
    ("numericvalidator", Some("surveyvalidator"), "+minValue +maxValue"),
    ("textvalidator", Some("surveyvalidator"), "+minLength +maxLength +allowDigits"),
    ("answercountvalidator", Some("surveyvalidator"), "+minCount +maxCount"),
    ("regexvalidator", Some("surveyvalidator"), "+regex +caseInsensitive"),
    ("emailvalidator", Some("surveyvalidator"), ""),
    ("expressionvalidator", Some("surveyvalidator"), "+expression"),
    (
        "matrixbase",
        Some("question"),
        "-columnsVisibleIf -rowsVisibleIf =columnMinWidth =showHeader =verticalAlign =alternateRows =displayMode",
    ),
    (
        "matrixdropdownbase",
        Some("matrixbase"),
        "+columns =transposeData =columnLayout =columnsLocation -detailElements -detailPanelMode \
         =cellErrorLocation =detailErrorLocation =horizontalScroll +choices =placeholder =optionsCaption \
         -keyDuplicationError =singleInputTitleTemplate +cellType =columnColCount =allowAdaptiveActions",
    ),
    (
        "matrixdropdowncolumn",
        None,
        "+name +title =cellHint +cellType =colCount +isRequired -isUnique +requiredErrorText +readOnly =minWidth \
         =width +visible +visibleIf +enableIf +requiredIf -resetValueIf -setValueIf -setValueExpression \
         -showInMultipleColumns +validators -totalType -totalExpression =totalFormat =totalDisplayStyle \
         =totalAlignment =totalCurrency =totalMaximumFractionDigits =totalMinimumFractionDigits =renderAs \
         =defaultDisplayValue",
    ),
    ("matrixdropdown", Some("matrixdropdownbase"), "+rows =rowTitleWidth =totalText -hideIfRowsEmpty +rowOrder -rowsOrder"),
    (
        "matrixdynamic",
        Some("matrixdropdownbase"),
        "+allowAddRows +allowRemoveRows +rowCount +minRowCount +maxRowCount -keyName -defaultRowValue \
         -copyDefaultValueFromLastEntry =confirmDelete =confirmDeleteText =addRowButtonLocation =addRowLocation \
         +addRowText +removeRowText =hideColumnsIfEmpty =noRowsText =emptyRowsText =detailPanelShowOnAdding \
         =allowRowReorder",
    ),
    (
        "matrix",
        Some("matrixbase"),
        "=rowTitleWidth +columns +rows =cells +rowOrder +rowsOrder +eachRowRequired +isAllRowRequired \
         -eachRowUnique -hideIfRowsEmpty =cellComponent -cellType",
    ),
    ("itemvalue", None, "+value +text +visibleIf +enableIf =randomize =randomizeCategory"),
    ("matrixcolumn", Some("itemvalue"), "-isExclusive"),
    (
        "expression",
        Some("question"),
        "+expression =format =displayStyle =currency =maximumFractionDigits =minimumFractionDigits =useGrouping \
         -precision",
    ),
    (
        "selectbase",
        Some("question"),
        "+choicesFromQuestion +choices +choicesFromQuestionMode +choiceValuesFromQuestion \
         +choiceTextsFromQuestion +choicesOrder -choicesByUrl -hideIfChoicesEmpty +choicesVisibleIf \
         +choicesEnableIf =separateSpecialChoices +showOtherItem +hasOther +showNoneItem +hasNone \
         +showRefuseItem +showDontKnowItem =otherPlaceholder =otherPlaceHolder +noneText +refuseText \
         +dontKnowText +otherText =otherErrorText +storeOthersAsComment",
    ),
    ("choiceitem", Some("itemvalue"), "-showCommentArea -isCommentRequired -commentPlaceholder -elements"),
    ("checkboxbase", Some("selectbase"), "=colCount"),
    (
        "checkbox",
        Some("checkboxbase"),
        "+showSelectAllItem +hasSelectAll +maxSelectedChoices +minSelectedChoices +selectAllText \
         -valuePropertyName =itemComponent",
    ),
    (
        "tagbox",
        Some("checkbox"),
        "=placeholder =allowClear =searchEnabled -allowCustomChoices =createCustomChoiceText =textWrapEnabled \
         =choicesLazyLoadEnabled =choicesLazyLoadPageSize =hideSelectedItems =closeOnSelect =searchMode",
    ),
    (
        "ranking",
        Some("checkbox"),
        "-selectToRankEnabled =selectToRankSwapAreas =selectToRankAreasLayout =selectToRankEmptyRankedAreaText \
         =selectToRankEmptyUnrankedAreaText",
    ),
    ("radiogroup", Some("checkboxbase"), "=allowClear =showClearButton =itemComponent"),
    (
        "imagepicker",
        Some("checkboxbase"),
        "=placeholder =contentMode =imageFit =imageHeight =imageWidth =minImageWidth =minImageHeight \
         =maxImageWidth =maxImageHeight =showLabel -multiSelect",
    ),
    ("buttongroup", Some("checkboxbase"), ""),
    (
        "dropdown",
        Some("selectbase"),
        "+placeholder +placeHolder =optionsCaption =allowClear =showClearButton +choicesMin +choicesMax \
         +choicesStep =autocomplete =textWrapEnabled =searchEnabled -allowCustomChoices =createCustomChoiceText \
         =searchMode =choicesLazyLoadEnabled =choicesLazyLoadPageSize =inputFieldComponent =itemComponent",
    ),
    ("textbase", Some("question"), ""),
    (
        "text",
        Some("textbase"),
        "+inputType =inputSize =textUpdateMode =autocomplete +min +max +minValueExpression +maxValueExpression \
         =minErrorText =maxErrorText =stepErrorText =inputTextAlignment -maskType -maskSettings -inputMask +step \
         +maxLength +placeholder +placeHolder =dataList =size",
    ),
    ("masksettings", None, "-saveMaskedValue"),
    ("patternmask", Some("masksettings"), "-pattern"),
    ("datetimemask", Some("patternmask"), "-min -max"),
    (
        "numericmask",
        Some("masksettings"),
        "-allowNegativeValues -decimalSeparator -thousandsSeparator -precision -min -max",
    ),
    ("currencymask", Some("numericmask"), "-prefix -suffix"),
    (
        "comment",
        Some("textbase"),
        "+maxLength =rows =cols +placeholder +placeHolder =textUpdateMode =autoGrow =allowResize \
         -acceptCarriageReturn",
    ),
    ("multipletext", Some("question"), "+items =inputSize =itemSize =colCount =itemErrorLocation =itemTitleWidth"),
    (
        "multipletextitem",
        None,
        "+name +isRequired +placeholder +placeHolder +inputType -maskType -maskSettings -inputMask \
         =inputTextAlignment +title +maxLength =inputSize =size +requiredErrorText +defaultValueExpression \
         -minValueExpression -maxValueExpression +validators",
    ),
    ("nonvalue", Some("question"), ""),
    ("html", Some("nonvalue"), "+html"),
    ("image", Some("nonvalue"), "=imageLink =altText =contentMode =imageFit =imageHeight =imageWidth"),
    ("empty", Some("question"), ""),
    (
        "file",
        Some("question"),
        "-showPreview -allowMultiple -allowImagesPreview -imageHeight -imageWidth -acceptedCategories \
         -acceptedTypes -storeDataAsText -waitForUpload -maxSize -maxFiles -needConfirmRemoveFile -sourceType \
         -fileOrPhotoPlaceholder -photoPlaceholder -filePlaceholder -allowCameraAccess",
    ),
    (
        "rating",
        Some("question"),
        "+rateType =scaleColorMode =rateColorMode -autoGenerate +rateCount +rateValues +rateMin +rateMax +rateStep \
         +minRateDescription +mininumRateDescription +maxRateDescription +maximumRateDescription \
         =displayRateDescriptionsAsExtremeItems =rateDescriptionLocation =displayMode =itemComponent",
    ),
    ("ratingitem", Some("itemvalue"), ""),
    (
        "slider",
        Some("question"),
        "-sliderType -min -max -step -minValueExpression -maxValueExpression -minRangeLength -maxRangeLength \
         -customLabels -showLabels -tooltipVisibility -labelFormat -tooltipFormat -allowDragRange -allowSwap \
         -labelCount -allowClear",
    ),
    ("sliderlabel", Some("itemvalue"), "-showValue"),
    ("boolean", Some("question"), "+labelTrue +labelFalse +valueTrue +valueFalse =swapOrder =useTitleAsLabel =label"),
    (
        "imagemap",
        Some("question"),
        "-imageLink -areas -multiSelect -valuePropertyName -shape -idleFillColor -idleStrokeColor \
         -idleStrokeWidth -hoverFillColor -hoverStrokeColor -hoverStrokeWidth -selectedFillColor \
         -selectedStrokeColor -selectedStrokeWidth -maxSelectedAreas -minSelectedAreas",
    ),
    (
        "imagemaparea",
        Some("itemvalue"),
        "-shape -coords -idleFillColor -idleStrokeColor -idleStrokeWidth -hoverFillColor -hoverStrokeColor \
         -hoverStrokeWidth -selectedFillColor -selectedStrokeColor -selectedStrokeWidth",
    ),
    (
        "signaturepad",
        Some("question"),
        "-signatureWidth -signatureHeight -signatureAutoScaleEnabled -penMinWidth -penMaxWidth -height \
         -allowClear -showPlaceholder -placeholder -placeholderReadOnly -backgroundImage -penColor -backgroundColor \
         -dataFormat -storeDataAsText -waitForUpload",
    ),
    (
        "paneldynamic",
        Some("question"),
        "+templateElements +templateTitle =templateTabTitle =tabTitlePlaceholder =templateDescription \
         =noEntriesText =newPanelPosition -defaultPanelValue -copyDefaultValueFromLastEntry =panelsState \
         -keyName -keyDuplicationError +allowAddPanel +allowRemovePanel +panelCount +minPanelCount \
         +maxPanelCount =confirmDelete =confirmDeleteText +addPanelText +panelAddText +removePanelText \
         +panelRemoveText =prevPanelText =panelPrevText =nextPanelText =panelNextText =showQuestionNumbers \
         =questionStartIndex =displayMode =renderMode =showProgressBar =progressBarLocation \
         =showRangeInProgress =tabAlign =templateQuestionTitleLocation =templateTitleLocation \
         =templateQuestionTitleWidth =templateErrorLocation -templateVisibleIf =removePanelButtonLocation \
         =panelRemoveButtonLocation",
    ),
    (
        "choicesByUrl",
        None,
        "-url -path -valueName -titleName -imageLinkName -allowEmptyResponse -attachData",
    ),
    ("panellayoutcolumn", None, "=width =questionTitleWidth"),
    ("trigger", None, "+type +operator +value +expression"),
    ("surveytrigger", Some("trigger"), "+name"),
    ("visibletrigger", Some("surveytrigger"), "-pages -questions"),
    ("completetrigger", Some("surveytrigger"), ""),
    ("setvaluetrigger", Some("surveytrigger"), "+setToName +setValue +isVariable"),
    ("copyvaluetrigger", Some("surveytrigger"), "+fromName +setToName +copyDisplayValue"),
    ("skiptrigger", Some("surveytrigger"), "+gotoName"),
    ("runexpressiontrigger", Some("surveytrigger"), "+setToName +runExpression"),
    ("calculatedvalue", None, "+name +expression +includeIntoResult"),
];

fn class(name: &str) -> Option<&'static Class> {
    CLASSES.iter().find(|c| c.0 == name)
}

/// The class's own properties with their support.
pub fn own(class: &Class) -> impl Iterator<Item = (&'static str, Support)> {
    class.2.split_whitespace().filter_map(|w| {
        let support = match w.as_bytes().first()? {
            b'+' => Support::Supported,
            b'=' => Support::Layout,
            b'-' => Support::Ignored,
            _ => return None,
        };
        Some((&w[1..], support))
    })
}

/// What Tanya does with `property` on an object of SurveyJS class
/// `class_name` (its own, else its parents'); `None` when SurveyJS has no
/// such property there.
pub fn lookup(class_name: &str, property: &str) -> Option<Support> {
    let mut at = class(class_name);
    while let Some(c) = at {
        if let Some((_, s)) = own(c).find(|(p, _)| *p == property) {
            return Some(s);
        }
        at = c.1.and_then(class);
    }
    None
}

/// The SurveyJS class of an element `type`, if SurveyJS has one.
pub fn class_of(type_name: &str) -> Option<&'static str> {
    class(type_name).map(|c| c.0)
}

/// Where Tanya keeps to its own behaviour on purpose, because SurveyJS's
/// would lose or corrupt answers or open the page to injected markup.
const DIFFERENCES: &[&str] = &[
    "A question type nobody registered is a located error naming the type (map it under \
     `tanya.types`). SurveyJS drops the question without a word, and its answers with it.",
    "A number input's answer that is not a number fails with \"enter a number\". SurveyJS leaves \
     that to the browser's input, so answers given whole (`survey.data`, a shared `valueName` with a \
     text question) pass there.",
    "Under `storeOthersAsComment: false`, answers given whole as `other` with a `-Comment` (the \
     shape SurveyJS uses otherwise) are read as the text typed for \"other\". SurveyJS reports the \
     text missing, though in its own form the text becomes the answer, as in Tanya's.",
    "`html` questions and `completedHtml` go through an allowlist: links only to `https:` and \
     `mailto:` addresses, images only from `https:`, no scripts, event attributes or styles. SurveyJS sets the text as \
     `innerHTML`.",
];

/// `docs/surveyjs-support.md`: the table as a document.
pub fn markdown() -> String {
    let mut out = String::from(
        "# SurveyJS properties in Tanya\n\n\
         Generated from `engine/src/schema/support.rs` by `cargo xtask codegen`; a test keeps it in sync.\n\n\
         - **supported**: read, and behaves as in SurveyJS;\n\
         - **layout only**: no effect on answers, flow or validation (Tanya has one mobile layout);\n\
         - **ignored**: it would change what SurveyJS does and Tanya does not do it. `tanya check` warns \
         about each one it finds, with its JSON path, and `tanya check --strict` fails.\n\n\
         A class also has its parent's properties. Old names SurveyJS still reads are listed beside the new ones.\n",
    );
    let mut totals = [0usize; 3];
    for c in CLASSES {
        out.push_str(&format!("\n## `{}`", c.0));
        if let Some(p) = c.1 {
            out.push_str(&format!(" (and `{p}`)"));
        }
        out.push_str("\n\n");
        let props: Vec<_> = own(c).collect();
        if props.is_empty() {
            out.push_str("No properties of its own.\n");
            continue;
        }
        for s in [Support::Supported, Support::Layout, Support::Ignored] {
            let names: Vec<String> =
                props.iter().filter(|p| p.1 == s).map(|p| format!("`{}`", p.0)).collect();
            totals[s as usize] += names.len();
            if !names.is_empty() {
                out.push_str(&format!("- {}: {}\n", s.as_str(), names.join(", ")));
            }
        }
    }
    out.push_str(&format!(
        "\n## Totals\n\n{} supported, {} layout only, {} ignored.\n",
        totals[0], totals[1], totals[2]
    ));
    out.push_str("\n## Differences on purpose\n\n");
    for d in DIFFERENCES {
        out.push_str(&format!("- {d}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_found_through_their_parents() {
        // (class, property, expected)
        let cases = [
            ("checkbox", "maxSelectedChoices", Some(Support::Supported)),
            ("checkbox", "hasOther", Some(Support::Supported)),
            ("checkbox", "visibleIf", Some(Support::Supported)),
            ("checkbox", "showSelectAllItem", Some(Support::Supported)),
            ("checkbox", "colCount", Some(Support::Layout)),
            ("page", "elements", Some(Support::Supported)),
            ("page", "timeLimit", Some(Support::Ignored)),
            ("checkbox", "choiceValuesFromQuestion", Some(Support::Supported)),
            ("checkbox", "hideIfChoicesEmpty", Some(Support::Ignored)),
            ("text", "choices", None),
            ("survey", "validateVisitedEmptyFields", Some(Support::Ignored)),
            ("survey", "nonsense", None),
        ];
        for (class, prop, want) in cases {
            assert_eq!(lookup(class, prop), want, "{class}.{prop}");
        }
    }

    #[test]
    fn every_word_has_a_sigil_and_no_class_repeats_a_property() {
        for c in CLASSES {
            let words: Vec<&str> = c.2.split_whitespace().collect();
            let props: Vec<_> = own(c).collect();
            assert_eq!(words.len(), props.len(), "{}: a word without + = or -", c.0);
            for (i, (p, _)) in props.iter().enumerate() {
                assert!(!props[..i].iter().any(|(q, _)| q == p), "{}.{p} listed twice", c.0);
            }
            assert!(c.1.is_none_or(|p| class(p).is_some()), "{}: unknown parent", c.0);
        }
    }
}
