//! Any bytes as a questionnaire: loading returns Ok or located errors, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(loaded) = tanya_engine::schema::load(text) {
            // Exercise the flow and validation on what loaded.
            let flow = tanya_engine::flow::Flow::new(&loaded.survey, Some(0.0));
            let _ = tanya_engine::validate::all(&flow, tanya_engine::text::Lang::EN, &Default::default());
            let _ = flow.submission();
        }
    }
});
