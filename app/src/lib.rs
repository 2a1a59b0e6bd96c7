#![recursion_limit = "256"]
//! Blixt: the Lightning Decision Jam app. This crate is shared by the server (feature `ssr`)
//! and the browser (feature `hydrate`).

pub mod api;
pub mod components;
pub mod error;
pub mod export;
pub mod i18n;
pub mod live;
pub mod locale;
pub mod network;
pub mod pages;
pub mod rounds;
#[cfg(feature = "ssr")]
pub mod server;

/// The jam's rules and views live in their own crate; the app reaches them as `crate::domain`.
pub use ::domain;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = locale::initial_lang();
    #[cfg(feature = "ssr")]
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#14213d"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page's content security policy: scripts only from this site and the inline hydration
/// script by this response's nonce, WebAssembly, nothing framed, nothing posted elsewhere.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    locale::provide_locale();
    view! {
        <Stylesheet id="leptos" href="/pkg/blixt.css"/>
        <Title text="Blixt"/>
        <Router>
            <Routes fallback=pages::NotFound>
                <Route path=path!("/") view=pages::home::HomePage/>
                <Route path=path!("/join") view=pages::join::JoinPage/>
                <Route path=path!("/j/:code") view=pages::join::JoinPage ssr=SsrMode::Async/>
                <Route path=path!("/host/:code") view=pages::host::HostPage ssr=SsrMode::Async/>
                <Route path=path!("/room/:code") view=pages::host::RoomPage ssr=SsrMode::Async/>
                <Route path=path!("/jam/:code") view=pages::phone::PhonePage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // Lets the browser tests wait until clicks are handled in place.
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
