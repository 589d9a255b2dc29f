// Preloaded by `cargo xtask compat` before the differential harness. A
// questionnaire written for the surveyjs-widgets package (datepicker,
// nouislider, select2...) or for an app's own registered question types
// runs in SurveyJS only where those types are registered; survey-core alone
// drops such questions. So that the reference is the SurveyJS the agency
// deployed, this registers each type Tanya shows as a native counterpart as
// that counterpart (a text input of the given inputType, a dropdown...),
// as the widget packages register theirs. Types survey-core already knows
// are left alone. The table comes from the engine, through
// TANYA_COUNTERPARTS: [[written type, counterpart, inputType or null], ...].
"use strict";
const Survey = require("survey-core");

const table = JSON.parse(process.env.TANYA_COUNTERPARTS || "[]");
for (const [type, counterpart, inputType] of table) {
  if (Survey.Serializer.findClass(type)) continue;
  Survey.Serializer.addClass(
    type,
    [],
    () => {
      const q = Survey.Serializer.createClass(counterpart);
      if (inputType) q.inputType = inputType;
      return q;
    },
    counterpart,
  );
}
