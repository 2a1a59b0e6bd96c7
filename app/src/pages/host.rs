//! `/host/<CODE>`: the facilitator's screen, made to be projected and read from across a room.

use super::route_code;
use crate::api::{load_host_screen, HostScreen};
use crate::components::{ConnectionBanner, ErrorScreen, TopBar};
use crate::domain::{JamView, JoinCode, Joining, Round, ViewerRole};
use crate::live::use_live_view;
use crate::locale::use_texts;
use crate::rounds::actions::{ActionList, HostActions};
use crate::rounds::commands::{provide_commands, CommandError};
use crate::rounds::controls::{
    FacilitatorControls, HostKeyPanel, RoundBar, SettingsPanel, Shortcuts,
};
use crate::rounds::countdown::Alarm;
use crate::rounds::export::ExportPanel;
use crate::rounds::groups::{per_group, LobbyGroups, PresentGroup};
use crate::rounds::matrix::HostMatrix;
use crate::rounds::prioritize::Ranking;
use crate::rounds::reframe::HostReframe;
use crate::rounds::voting::HostVoting;
use crate::rounds::writing::{HostProgress, HostReveal};
use leptos::prelude::*;

/// `/host/<CODE>`: everything the facilitator drives the jam with. On a laptop beside the
/// projector it is the presenter view, with `/room/<CODE>` on the projector.
#[component]
pub fn HostPage() -> impl IntoView {
    view! { <FacilitatorPage room=false/> }
}

/// `/room/<CODE>`: the facilitator's screen for the room only (opened from the presenter view
/// on the projector): the round, the clock, the notes and results; no settings, no buttons, no
/// typing in view of the room. The keyboard shortcuts still work, for a clicker.
#[component]
pub fn RoomPage() -> impl IntoView {
    view! { <FacilitatorPage room=true/> }
}

#[component]
fn FacilitatorPage(room: bool) -> impl IntoView {
    let t = use_texts();
    let code = route_code();
    // `?key=…`: the facilitator link, which makes this browser a facilitator too.
    let query = leptos_router::hooks::use_query_map();
    let key = Memo::new(move |_| query.read().get("key"));
    let initial = Resource::new(
        move || (code.get(), key.get()),
        |(code, key)| load_host_screen(code, key),
    );
    let (live, connection) = use_live_view(code.get_untracked());
    provide_commands(code.get_untracked());
    view! {
        // The room's screen shows the jam only (and nothing under 28 px).
        {(!room).then(|| view! { <TopBar/> })}
        <ConnectionBanner connection/>
        <Suspense fallback=move || view! { <p class="page">{move || t.get().loading}</p> }>
            {move || {
                initial
                    .get()
                    .map(|initial| match initial {
                        Err(error) => view! { <ErrorScreen error/> }.into_any(),
                        Ok(screen) => {
                            let first = screen.view.clone();
                            // A memo, not a derived signal: every part of the screen reads it, and a derived
                            // signal would copy the whole view for each read (on the server, for every
                            // row of a long ballot).
                            let current: Signal<JamView> = Memo::new(move |_| {
                                live.get().unwrap_or_else(|| first.clone())
                            })
                            .into();
                            view! { <HostScreenView screen current room/> }.into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
fn HostScreenView(screen: HostScreen, current: Signal<JamView>, room: bool) -> impl IntoView {
    let t = use_texts();
    // Rebuild the body only when the round changes, so typing is not interrupted by updates.
    let round = Memo::new(move |_| current.get().round);
    // A new round opens at the top, with its name and clock in view of the room.
    #[cfg(feature = "hydrate")]
    Effect::new(move |before: Option<Round>| {
        let now = round.get();
        if before.is_some_and(|b| b != now) {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
        now
    });
    view! {
        // The version shown, so a test can tell that a change has arrived before it checks
        // that something is absent.
        <main class="projector" class:room-screen=room data-version=move || current.get().version>
            {move || match round.get() {
                Round::Lobby => view! { <HostLobby screen=screen.clone() current room/> }.into_any(),
                round => view! {
                    <RoundBar current alarm=Alarm::Sound/>
                    <CommandError/>
                    <section class="round-body">{round_body(round, current)}</section>
                }
                    .into_any(),
            }}
            {if room {
                view! { <Shortcuts current/> }.into_any()
            } else {
                let room_path = format!("/room/{}", current.with_untracked(|v| v.code.clone()));
                view! {
                    <footer class="host-footer">
                        <FacilitatorControls current/>
                        <PresentGroup current/>
                        <p class="room-link">
                            <a href=room_path target="_blank" rel="noopener" data-testid="room-link">
                                {move || t.get().open_room_view}
                            </a>
                            " · " {move || t.get().room_view_explained}
                        </p>
                        <SettingsPanel current/>
                        <HostKeyPanel current/>
                    </footer>
                }
                    .into_any()
            }}
        </main>
    }
}

/// What the round shows: for a room in groups, once per group (`per_group`), then what is the
/// room's as a whole (the exports).
fn round_body(round: Round, current: Signal<JamView>) -> AnyView {
    // The plenary, and the summary after it, are the whole room's: one combined list.
    let whole_room =
        current.with_untracked(|v| v.settings.runs(Round::Plenary)) && round >= Round::Plenary;
    let body = if whole_room {
        group_body(round, current)
    } else {
        per_group(current, move |current| group_body(round, current))
    };
    match round {
        Round::Summary | Round::Lobby => view! {
            {body}
            <ExportPanel current/>
        }
        .into_any(),
        _ => body,
    }
}

/// One group's part of the round (the whole room's, when it is one group).
fn group_body(round: Round, current: Signal<JamView>) -> AnyView {
    match round {
        Round::Working | Round::Problems | Round::Solutions => {
            view! { <HostProgress current/> }.into_any()
        }
        Round::Reveal => view! { <HostReveal current/> }.into_any(),
        Round::VoteProblems | Round::VoteSolutions => view! { <HostVoting current/> }.into_any(),
        Round::Prioritize => view! { <Ranking current controls=true/> }.into_any(),
        Round::Reframe => view! {
            <HostProgress current/>
            <HostReframe current/>
        }
        .into_any(),
        Round::EffortImpact => view! {
            <HostProgress current/>
            <HostMatrix current/>
        }
        .into_any(),
        Round::Actions => view! { <HostActions current/> }.into_any(),
        Round::Plenary => view! {
            <HostProgress current/>
            <ActionList current/>
        }
        .into_any(),
        Round::Summary | Round::Lobby => view! { <ActionList current/> }.into_any(),
    }
}

#[component]
fn HostLobby(screen: HostScreen, current: Signal<JamView>, room: bool) -> impl IntoView {
    let t = use_texts();
    let participants = move || match current.get().viewer {
        ViewerRole::Facilitator { participants } => participants,
        _ => Vec::new(),
    };
    let grouped = JoinCode::parse(&screen.view.code)
        .map(|c| c.display_grouped())
        .unwrap_or_else(|_| screen.view.code.clone());
    let qr = format!("/qr/{}.svg", screen.view.code);
    let joining = move || current.with(|v| v.joining);
    let (join_url, join_link) = (screen.join_url.clone(), screen.join_link.clone());
    view! {
        <h1 class="projector-topic">{screen.view.topic.clone()}</h1>
        <CommandError/>
        <div class="lobby">
            <section class="join-panel">
                <div class="join-text">
                    // The code is for typing; when the jam lets people in by its QR code only,
                    // or nobody new, the room is told so instead.
                    {move || match joining() {
                        Joining::Open => view! {
                            <p class="label">{move || t.get().join_at}</p>
                            // It may wrap after a slash, never inside the code people type.
                            <p class="join-url" data-testid="join-url">
                                {join_url
                                    .split_inclusive('/')
                                    .map(|part| view! { {part.to_string()} <wbr/> })
                                    .collect_view()}
                            </p>
                            <p class="label">{move || t.get().code_label}</p>
                            <p class="join-code" data-testid="join-code">{grouped.clone()}</p>
                        }
                            .into_any(),
                        Joining::LinkOnly => {
                            view! { <p class="join-note" data-testid="joining">{move || t.get().joining_link_only}</p> }
                                .into_any()
                        }
                        Joining::Closed => {
                            view! { <p class="join-note" data-testid="joining">{move || t.get().joining_closed}</p> }
                                .into_any()
                        }
                    }}
                    <details class="send-link">
                        <summary>{move || t.get().send_link}</summary>
                        <p class="share"><a href=join_link.clone() data-testid="join-link">{join_link.clone()}</a></p>
                    </details>
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
                        {move || current.get().participant_count}
                    </span>
                </h2>
                <Show
                    when=move || !participants().is_empty()
                    fallback=move || view! { <p class="muted">{move || t.get().nobody_yet}</p> }
                >
                    // In groups: who sits where (and, on the presenter view, moving people).
                    <Show
                        when=move || current.with(|v| v.groups.is_empty())
                        fallback=move || view! { <LobbyGroups current controls=!room/> }
                    >
                        <ul class="people" data-testid="participants">
                            <For
                                each=participants
                                key=|p| (p.id, p.name.clone())
                                children=|p| view! { <li>{p.name}</li> }
                            />
                        </ul>
                    </Show>
                    // A town hall: the latest arrivals, not two thousand names.
                    {move || {
                        let (shown, all) = (participants().len(), current.get().participant_count);
                        (all > shown).then(|| view! { <p class="muted">{(t.get().latest_of)(shown, all)}</p> })
                    }}
                </Show>
            </section>
        </div>
    }
}
