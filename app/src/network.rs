//! What the phone keeps when the network is away: whether the browser says it is online, and
//! drafts in the browser's local storage so a typed note survives a reload, a crash of the tab
//! or a phone that runs out of battery.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Whether the browser says it has a network. Always true on the server (and in the first
/// render in the browser, so hydration matches); then the browser's own signal and events.
pub fn use_online() -> Signal<bool> {
    let online = RwSignal::new(true);
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| online.set(window().navigator().on_line()));
        let up = window_event_listener(leptos::ev::online, move |_| online.set(true));
        let down = window_event_listener(leptos::ev::offline, move |_| online.set(false));
        on_cleanup(move || {
            up.remove();
            down.remove();
        });
    }
    online.into()
}

/// A note being written: its text and, once sending it has been tried, the command id every
/// later try must carry so that the note is kept once however many tries reach the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub text: String,
    pub id: Option<Uuid>,
}

/// Where a draft is kept: per jam, round and problem in focus (rounds 6–10 repeat per problem).
/// What was typed in the note box before the wasm took over the page (the box works from the
/// first paint, as a plain form), read before hydration sets the box to the kept draft. Empty
/// on the server and once the page has been taken over (a later round's box starts empty).
pub fn typed_before_hydration() -> String {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let document = document();
        let hydrating = document
            .body()
            .is_some_and(|b| !b.has_attribute("data-hydrated"));
        if hydrating {
            if let Some(area) = document
                .query_selector("form.composer textarea")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                return area.value();
            }
        }
    }
    String::new()
}

pub fn draft_key(code: &str, round: usize, focus: Option<Uuid>) -> String {
    match focus {
        Some(problem) => format!("blixt-draft:{code}:{round}:{problem}"),
        None => format!("blixt-draft:{code}:{round}"),
    }
}

/// The draft kept under `key`, if any (none on the server).
pub fn load_draft(key: &str) -> Option<Draft> {
    #[cfg(feature = "hydrate")]
    {
        let stored = storage()?.get_item(key).ok()??;
        serde_json::from_str(&stored).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
        None
    }
}

/// Keeps `draft` under `key`; an empty draft is removed. A browser that refuses (private mode,
/// storage full) keeps the draft in the page only.
pub fn save_draft(key: &str, draft: &Draft) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = storage() {
        if draft.text.is_empty() {
            let _ = storage.remove_item(key);
        } else if let Ok(json) = serde_json::to_string(draft) {
            let _ = storage.set_item(key, &json);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key, draft);
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok()?
}
