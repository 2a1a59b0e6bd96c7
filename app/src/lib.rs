#![recursion_limit = "256"]
//! Blixt: the Lightning Decision Jam app. This crate is shared by the server (feature `ssr`)
//! and the browser (feature `hydrate`).

pub mod api;
pub mod components;
pub mod error;
pub mod export;
pub mod hyphens;
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
use leptos_router::{lazy_route, path, Lazy, LazyRoute, SsrMode};

/// The HTML document around the app, rendered on the server only. The pages a participant's
/// phone opens load the phone's small script instead of the wasm (see `pages::phone`).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = locale::initial_lang();
    #[cfg(feature = "ssr")]
    content_security_policy();
    let client = if pages::phone::runs_phone_script(&request_path()) {
        view! { <script src=pages::phone::SCRIPT defer></script> }.into_any()
    } else {
        view! { <HydrationScripts options/> }.into_any()
    };
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#14213d"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                {client}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The path of the request being answered (empty outside one).
fn request_path() -> String {
    #[cfg(feature = "ssr")]
    if let Some(parts) = use_context::<axum::http::request::Parts>() {
        return parts.uri.path().to_string();
    }
    String::new()
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
                <Route path=path!("/") view={Lazy::<StartRoute>::new()}/>
                <Route path=path!("/join") view=pages::join::JoinPage ssr=SsrMode::Async/>
                <Route path=path!("/j/:code") view=pages::join::JoinPage ssr=SsrMode::Async/>
                <Route path=path!("/host/:code") view={Lazy::<HostRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/room/:code") view={Lazy::<RoomRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/jam/:code") view=pages::phone::PhonePage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}

// The screens a phone never shows — the start page, the facilitator's and the room's — are
// split out of the browser bundle (`cargo leptos build --split`): their code is fetched when
// one of them is opened, so what a phone downloads is the join page and its own screen.

struct StartRoute;

#[lazy_route]
impl LazyRoute for StartRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::home::HomePage/> }.into_any()
    }
}

struct HostRoute;

#[lazy_route]
impl LazyRoute for HostRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::host::HostPage/> }.into_any()
    }
}

struct RoomRoute;

#[lazy_route]
impl LazyRoute for RoomRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::host::RoomPage/> }.into_any()
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // As `leptos::mount::hydrate_lazy` (a split-out screen's code is fetched before its HTML
    // is taken over), then the body is marked: the browser tests wait for that mark before
    // they click.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let Some(body) = document().body() else {
            return;
        };
        leptos::mount::hydrate_from_async(body.clone(), App)
            .await
            .forget();
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
