//! Stable device signals, hashed with the survey's salt, and the random
//! respondent id. The raw signals never leave this module and are never
//! stored: only their hash is sent. The respondent id is a random UUID kept
//! in localStorage per questionnaire (`tanya:respondent:<id>`), so a second
//! entry from the same browser carries the same id.

use tanya_engine::fingerprint::{device, ua_family, DeviceSignals};

fn signals() -> DeviceSignals {
    let Some(w) = super::dom::window() else { return DeviceSignals::default() };
    let nav = w.navigator();
    let screen = w.screen().ok();
    let (family, major) = ua_family(&nav.user_agent().unwrap_or_default());
    let time_zone = js_sys::Reflect::get(
        &js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options(),
        &"timeZone".into(),
    )
    .ok()
    .and_then(|v| v.as_string())
    .unwrap_or_default();
    DeviceSignals {
        languages: crate::platform::url::browser_languages(),
        time_zone,
        screen_width: screen.as_ref().and_then(|s| s.width().ok()).unwrap_or(0) as u32,
        screen_height: screen.as_ref().and_then(|s| s.height().ok()).unwrap_or(0) as u32,
        pixel_ratio: w.device_pixel_ratio(),
        color_depth: screen.as_ref().and_then(|s| s.color_depth().ok()).unwrap_or(0) as u32,
        platform: nav.platform().unwrap_or_default(),
        hardware_concurrency: nav.hardware_concurrency() as u32,
        max_touch_points: nav.max_touch_points() as u32,
        ua_family: family,
        ua_major: major,
    }
}

/// The salted device hash.
pub fn device_hash(salt: &str) -> String {
    device(salt, &signals())
}

/// 16 random bytes from the browser's crypto source.
pub fn random_bytes() -> [u8; 16] {
    let mut b = [0u8; 16];
    let filled = super::dom::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut b).is_ok());
    if !filled {
        for x in &mut b {
            *x = (super::clock::random() * 256.0) as u8;
        }
    }
    b
}

/// The random respondent id kept per survey (a new one when storage is refused).
pub fn respondent_id(survey_id: &str) -> String {
    let key = format!("tanya:respondent:{survey_id}");
    if let Some(id) = crate::platform::storage::get(&key) {
        return id;
    }
    let id = tanya_engine::outbox::uuid_v4(random_bytes());
    crate::platform::storage::set(&key, &id);
    id
}
