//! One module per screen.

pub mod home;
pub mod host;
pub mod join;
pub mod phone;

use crate::components::TopBar;
use crate::locale::use_texts;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let t = use_texts();
    view! {
        <TopBar/>
        <main class="page narrow">
            <h1>{move || t.get().page_not_found}</h1>
            <p>
                <a class="button secondary" href="/">{move || t.get().to_start}</a>
            </p>
        </main>
    }
}

/// The `:code` of the current route.
pub fn route_code() -> Memo<String> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.read().get("code").unwrap_or_default())
}
