//! Small pieces every screen uses.

use crate::error::AppError;
use crate::i18n::{Lang, LangTexts};
use crate::live::Connection;
use crate::locale::{switch_lang, use_lang, use_texts};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The bar on top of every page: the name, and the language switch.
#[component]
pub fn TopBar() -> impl IntoView {
    view! {
        <header class="top-bar">
            <a class="brand" href="/">
                <span aria-hidden="true">"⚡"</span>
                " Blixt"
            </a>
            <LangSwitch/>
        </header>
    }
}

/// Links to each language. Without the wasm they go through `/lang/<code>`, which sets the
/// cookie and comes back; with it, the page switches in place.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    view! {
        <nav class="lang-switch" aria-label="Språk / Language / Kieli">
            {Lang::ALL
                .into_iter()
                .map(|l| {
                    let href = move || {
                        format!("/lang/{}?to={}", l.code(), location.pathname.get())
                    };
                    view! {
                        <a
                            href=href
                            hreflang=l.code()
                            lang=l.code()
                            aria-current=move || (lang.get() == l).then_some("true")
                            // The name says the code shown on phones too ("Suomi (FI)"), so
                            // speaking what is on screen finds the link.
                            aria-label=format!("{} ({})", l.texts().language_name, l.code().to_uppercase())
                            on:click=move |ev| {
                                ev.prevent_default();
                                switch_lang(l);
                            }
                        >
                            <span class="lang-name">{l.texts().language_name}</span>
                            <span class="lang-code" aria-hidden="true">{l.code().to_uppercase()}</span>
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// What the server refused when a form was posted without the wasm (its answer sends the
/// browser back with `?refused=<the error as JSON>`), while `showing`: a phone hides it once the
/// jam has moved on. Only the error's kind is shown, in the reader's language, so a forged
/// address cannot put words on the screen.
#[component]
pub fn FormRefusal(#[prop(into)] showing: Signal<bool>) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let error = Signal::derive(move || {
        showing
            .get()
            .then(|| query.with(|q| q.get("refused")))
            .flatten()
            .and_then(|e| serde_json::from_str::<AppError>(&e).ok())
    });
    view! { <ErrorNote error/> }
}

/// A refusal or failure, in the reader's language. Empty when there is none.
#[component]
pub fn ErrorNote(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    move || {
        error.get().map(|e| {
            view! {
                <p class="error" role="alert">
                    {t.get().error(&e)}
                </p>
            }
        })
    }
}

/// A whole screen that could not be shown, with a way back.
#[component]
pub fn ErrorScreen(error: AppError) -> impl IntoView {
    let t = use_texts();
    let error = Signal::derive(move || Some(error.clone()));
    view! {
        <main class="page narrow">
            <ErrorNote error/>
            <p>
                <a class="button secondary" href="/">{move || t.get().to_start}</a>
            </p>
        </main>
    }
}

/// Shown while the live channel is down, so nobody mistakes a stale screen for a quiet room;
/// and when the jam has been deleted.
#[component]
pub fn ConnectionBanner(connection: ReadSignal<Connection>) -> impl IntoView {
    let t = use_texts();
    move || match connection.get() {
        Connection::Reconnecting => Some(
            view! {
                <div class="connection-banner" role="status">
                    {move || t.get().reconnecting}
                </div>
            }
            .into_any(),
        ),
        Connection::Gone => Some(
            view! {
                <div class="connection-banner gone" role="status" data-testid="jam-gone">
                    {move || t.get().jam_gone} " " <a href="/">{move || t.get().to_start}</a>
                </div>
            }
            .into_any(),
        ),
        Connection::Connecting | Connection::Live => None,
    }
}
