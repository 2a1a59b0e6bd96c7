//! The language of the screen: chosen once per request on the server (cookie, else the
//! browser's `Accept-Language`, else Swedish), written into `<html lang>`, read back from there
//! when the page hydrates so both sides render the same, and switchable without a reload.

use crate::i18n::{Lang, LangTexts, Texts};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Locale(RwSignal<Lang>);

/// The language this request asks for (server) or the page was rendered in (browser).
pub fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
        let Some(parts) = use_context::<axum::http::request::Parts>() else {
            return Lang::default();
        };
        let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
        header(COOKIE)
            .and_then(Lang::from_cookie_header)
            .or_else(|| header(ACCEPT_LANGUAGE).and_then(Lang::from_accept_language))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
}

pub fn provide_locale() {
    provide_context(Locale(RwSignal::new(initial_lang())));
}

pub fn use_lang() -> Signal<Lang> {
    let Locale(lang) = expect_context::<Locale>();
    lang.into()
}

/// The texts of the current language, for use in views: `move || t.get().create_button`.
pub fn use_texts() -> Signal<&'static Texts> {
    let Locale(lang) = expect_context::<Locale>();
    Signal::derive(move || lang.get().texts())
}

/// Switches the screen to `lang` and remembers it in a cookie for a year.
pub fn switch_lang(lang: Lang) {
    let Locale(current) = expect_context::<Locale>();
    current.set(lang);
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let doc = document();
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
        if let Ok(doc) = doc.dyn_into::<web_sys::HtmlDocument>() {
            let _ = doc.set_cookie(&format!(
                "{}={}; path=/; max-age=31536000; samesite=lax",
                Lang::COOKIE,
                lang.code()
            ));
        }
    }
}
