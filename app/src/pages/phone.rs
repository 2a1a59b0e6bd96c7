//! `/jam/<CODE>`: a participant's phone.

use super::route_code;
use crate::api::load_jam_view;
use crate::components::{ConnectionBanner, ErrorScreen, TopBar};
use crate::domain::{JamView, ViewerRole};
use crate::live::use_live_view;
use crate::locale::use_texts;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn PhonePage() -> impl IntoView {
    let t = use_texts();
    let code = route_code();
    let initial = Resource::new(move || code.get(), load_jam_view);
    let (live, connection) = use_live_view(code.get_untracked());
    view! {
        <TopBar/>
        <ConnectionBanner connection/>
        <Suspense fallback=move || view! { <p class="page">{move || t.get().loading}</p> }>
            {move || {
                initial
                    .get()
                    .map(|initial| match initial {
                        Err(error) => view! { <ErrorScreen error/> }.into_any(),
                        Ok(first) => {
                            let code = first.code.clone();
                            match first.viewer {
                                ViewerRole::Visitor => {
                                    view! { <Redirect path=format!("/j/{code}")/> }.into_any()
                                }
                                ViewerRole::Facilitator { .. } => {
                                    view! { <Redirect path=format!("/host/{code}")/> }.into_any()
                                }
                                ViewerRole::Participant { .. } => {
                                    let current = Signal::derive(move || {
                                        live.get().unwrap_or_else(|| first.clone())
                                    });
                                    view! { <PhoneLobby current/> }.into_any()
                                }
                            }
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
fn PhoneLobby(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let my_name = move || match current.get().viewer {
        ViewerRole::Participant { me } => me.name,
        _ => String::new(),
    };
    let change_name = move || format!("/j/{}", current.get().code);
    view! {
        <main class="page narrow phone">
            <p class="topic">{move || current.get().topic}</p>
            <section class="status-card" aria-live="polite">
                <h1>{move || t.get().you_are_in}</h1>
                <p class="big">{move || t.get().waiting_for_start}</p>
                <p class="muted">
                    {move || (t.get().people_joined)(current.get().participant_count)}
                </p>
            </section>
            <p class="me">
                {move || t.get().you_are_called}
                ": "
                <strong data-testid="my-name">{my_name}</strong>
                " · "
                <a href=change_name>{move || t.get().change_name}</a>
            </p>
        </main>
    }
}
