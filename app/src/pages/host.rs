//! `/host/<CODE>`: the facilitator's screen, made to be projected and read from across a room.

use super::route_code;
use crate::api::{load_host_screen, HostScreen};
use crate::components::{ConnectionBanner, ErrorScreen, TopBar};
use crate::domain::{JoinCode, ParticipantEntry, ViewerRole};
use crate::live::use_live_view;
use crate::locale::use_texts;
use leptos::prelude::*;

#[component]
pub fn HostPage() -> impl IntoView {
    let t = use_texts();
    let code = route_code();
    let initial = Resource::new(move || code.get(), load_host_screen);
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
                        Ok(screen) => {
                            let first = screen.view.clone();
                            let participants = Signal::derive(move || {
                                let view = live.get().unwrap_or_else(|| first.clone());
                                match view.viewer {
                                    ViewerRole::Facilitator { participants } => participants,
                                    _ => Vec::new(),
                                }
                            });
                            view! { <HostLobby screen participants/> }.into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
fn HostLobby(screen: HostScreen, participants: Signal<Vec<ParticipantEntry>>) -> impl IntoView {
    let t = use_texts();
    let grouped = JoinCode::parse(&screen.view.code)
        .map(|c| c.display_grouped())
        .unwrap_or_else(|_| screen.view.code.clone());
    let qr = format!("/qr/{}.svg", screen.view.code);
    view! {
        <main class="projector">
            <h1 class="projector-topic">{screen.view.topic.clone()}</h1>
            <div class="lobby">
                <section class="join-panel">
                    <div class="join-text">
                        <p class="label">{move || t.get().join_at}</p>
                        <p class="join-url" data-testid="join-url">{screen.join_url.clone()}</p>
                        <p class="label">{move || t.get().code_label}</p>
                        <p class="join-code" data-testid="join-code">{grouped}</p>
                    </div>
                    <figure class="qr-box">
                        <img class="qr" src=qr alt=move || t.get().qr_alt width="256" height="256"/>
                        <figcaption class="label">{move || t.get().scan_qr}</figcaption>
                    </figure>
                </section>
                <section class="people-panel" aria-live="polite">
                    <h2>
                        {move || t.get().joined_heading}
                        " "
                        <span class="count" data-testid="participant-count">
                            {move || participants.get().len()}
                        </span>
                    </h2>
                    <Show
                        when=move || !participants.get().is_empty()
                        fallback=move || view! { <p class="muted">{move || t.get().nobody_yet}</p> }
                    >
                        <ul class="people" data-testid="participants">
                            <For
                                each=move || participants.get()
                                key=|p| (p.id, p.name.clone())
                                children=|p| view! { <li>{p.name}</li> }
                            />
                        </ul>
                    </Show>
                </section>
            </div>
        </main>
    }
}
