//! `/`: where a facilitator starts a jam.

use crate::api::{site_facts, CreateJam};
use crate::components::{ErrorNote, TopBar};
use crate::domain::Topic;
use crate::locale::use_texts;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let create = ServerAction::<CreateJam>::new();
    let about = Resource::new(|| (), |_| site_facts());
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <TopBar/>
        <main class="page narrow">
            <p class="tagline">{move || t.get().tagline}</p>
            <h1>{move || t.get().create_heading}</h1>
            <ActionForm action=create attr:class="stack">
                <label for="topic">{move || t.get().topic_label}</label>
                <textarea
                    id="topic"
                    name="topic"
                    rows="3"
                    required
                    maxlength=Topic::MAX_CHARS
                    placeholder=move || t.get().topic_placeholder
                ></textarea>
                <ErrorNote error/>
                <button type="submit" class="button primary" disabled=create.pending()>
                    {move || if create.pending().get() { t.get().creating } else { t.get().create_button }}
                </button>
            </ActionForm>
            <p class="aside">
                <a href="/join">{move || t.get().join_instead}</a>
            </p>
            <Suspense>
                // `try_get`: on the server this resolves after the page's head has gone out,
                // and a browser that has left by then has taken the page's signals with it.
                {move || {
                    about
                        .try_get()
                        .flatten()
                        .and_then(Result::ok)
                        .map(|about| view! {
                            <p class="privacy muted" data-testid="privacy">
                                {move || t.try_get().map(|t| (t.privacy)(about.retention_days))}
                            </p>
                        })
                }}
            </Suspense>
        </main>
    }
}
