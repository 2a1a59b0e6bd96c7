//! `/jam/<CODE>`: a participant's phone.
//!
//! A phone does not download the app's wasm. Its pages (this one and the join pages) are
//! rendered here on the server and run a small script, `public/phone.js`: every action on them
//! is a plain form (see the server's `phone_forms`), which the script sends in the background;
//! when the live channel says this phone's view changed, the script fetches the page again and
//! updates what differs, keeping what is being typed. It also keeps unsent notes on the phone
//! and counts the clock down. A group lead's phone, which does the facilitator's steps for its
//! group, is the exception: its page says so (`data-client="full"`) and the script loads the
//! wasm, which takes the page over.

use super::route_code;
use crate::api::load_jam_view;
use crate::components::{ConnectionBanner, ErrorScreen, FormRefusal, TopBar};
use crate::domain::{JamView, Round, ViewerRole};
use crate::live::use_live_view;
use crate::locale::use_texts;
use crate::rounds::actions::ActionList;
use crate::rounds::commands::{provide_commands, CommandError};
use crate::rounds::controls::FocusLine;
use crate::rounds::countdown::{Alarm, Countdown, TimeLeft};
use crate::rounds::groups::PhoneGroup;
use crate::rounds::lead::{leads, LeadPanel};
use crate::rounds::matrix::PhoneRating;
use crate::rounds::prioritize::Ranking;
use crate::rounds::voting::PhoneVoting;
use crate::rounds::writing::{PhoneWriting, RevealWalls};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// The phone's script, served from the site's root (`public/`).
pub const SCRIPT: &str = "/phone.js";

/// Whether the page at `path` is one a participant's phone opens: the join pages and the jam
/// screen. They run the phone's script instead of the wasm.
pub fn runs_phone_script(path: &str) -> bool {
    path == "/join" || path.starts_with("/j/") || path.starts_with("/jam/")
}

/// What the phone's script says by itself (its connection, a note on its way, a form that got
/// no answer), in the reader's language, handed to it as JSON on the phone's pages. `chars_left` has `{n}` for the number.
#[derive(serde::Serialize)]
struct ScriptTexts {
    reconnecting: &'static str,
    jam_gone: &'static str,
    to_start: &'static str,
    offline: &'static str,
    sending: &'static str,
    not_sent: &'static str,
    send_again: &'static str,
    add_note: &'static str,
    chars_left: String,
    too_long: String,
    network: String,
    paused: &'static str,
    /// "N people have joined", for one and (with `{n}`) for more.
    people_one: String,
    people_many: String,
}

/// A text with a count, with `{n}` where the script puts the number: a number no text
/// contains marks its place.
fn with_count(text: fn(usize) -> String) -> String {
    const PLACE: usize = 987_654_321;
    text(PLACE).replace(&PLACE.to_string(), "{n}")
}

pub(crate) fn script_texts(t: &crate::i18n::Texts) -> String {
    let texts = ScriptTexts {
        reconnecting: t.reconnecting,
        jam_gone: t.jam_gone,
        to_start: t.to_start,
        offline: t.offline,
        sending: t.sending,
        not_sent: t.not_sent,
        send_again: t.send_again,
        add_note: t.add_note,
        chars_left: with_count(t.chars_left),
        too_long: (t.err_too_long)(crate::domain::NoteText::MAX_CHARS),
        network: t.error(&crate::error::AppError::Network(String::new())),
        paused: t.paused,
        people_one: (t.people_joined)(1),
        people_many: with_count(t.people_joined),
    };
    serde_json::to_string(&texts).unwrap_or_default()
}

#[component]
pub fn PhonePage() -> impl IntoView {
    // The page carries ids made as it was rendered (its forms'): a copy the Back button brings
    // back from the browser's cache must not send them again.
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
    }
    let t = use_texts();
    let code = route_code();
    let initial = Resource::new(move || code.get(), |code| load_jam_view(code, None));
    let (live, connection) = use_live_view(code.get_untracked());
    provide_commands(code.get_untracked());
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
                                    // A memo, not a derived signal: every part of the screen reads it, and a derived
                                    // signal would copy the whole view for each read (on the server, for every
                                    // row of a long ballot).
                                    let current: Signal<JamView> = Memo::new(move |_| {
                                        live.get().unwrap_or_else(|| first.clone())
                                    })
                                    .into();
                                    view! { <PhoneScreen current/> }.into_any()
                                }
                            }
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
fn PhoneScreen(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let round = Memo::new(move |_| current.with(|v| v.round));
    let timer = Signal::derive(move || current.with(|v| v.timer));
    let left = TimeLeft::new(timer, Signal::derive(move || current.with(|v| v.clock_ms)));
    provide_context(left);
    let time_up = left.is_up();
    let dots_left = move || current.with(|v| v.dots_left);
    let first_version = current.with_untracked(|v| v.version);
    // Rebuilt when the round changes or the phone becomes (or stops being) a lead, not on
    // every change: the lead's forms keep what is typed in them.
    let lead_round = Memo::new(move |_| {
        current.with(|v| (leads(v) && v.round != Round::Prioritize).then_some(v.round))
    });
    view! {
        <main
            class="page narrow phone"
            data-version=move || current.with(|v| v.version)
            data-code=move || current.with(|v| v.code.clone())
            // A lead's steps are the facilitator's components: that phone runs the wasm.
            data-client=move || current.with(leads).then_some("full")
            data-texts=move || script_texts(t.get())
            // How many are in the room: the script spreads a room's fetches when it is large.
            data-people=move || current.with(|v| v.participant_count)
        >
            <Show when=move || round.get() != Round::Lobby>
                // Stays at the top while the page scrolls: the round, the clock, the dots left.
                <header class="phone-round">
                    <div class="phone-round-text">
                        <h1 class="round-name" data-testid="round-name">{move || (t.get().round_name)(round.get())}</h1>
                        {move || dots_left().map(|d| view! {
                            <p class="dots-left" data-testid="dots-left">{(t.get().dots_left)(d)}</p>
                        })}
                    </div>
                    <Countdown left timer alarm=Alarm::Vibrate/>
                </header>
                <p class="phone-topic">{move || crate::hyphens::note_text(current.with(|v| v.topic.clone()))}</p>
                <Show when=move || time_up.get()>
                    <p class="time-up-banner" role="alert" data-testid="time-up">{move || t.get().time_up}</p>
                </Show>
                <p class="do-now" data-testid="do-now">{move || (t.get().phone_instruction)(round.get())}</p>
                <PhoneDone current/>
                <FocusLine current/>
            </Show>
            <CommandError/>
            <PhoneGroup current/>
            <FormRefusal showing=Signal::derive(move || current.with(|v| v.version) == first_version)/>
            <p class="hint no-script-only">
                {move || t.get().no_script} " "
                <a href=move || format!("/jam/{}", current.with(|v| v.code.clone()))>{move || t.get().reload}</a>
            </p>
            {move || phone_body(round.get(), current)}
            // A group lead's steps of the round, on their phone.
            {move || {
                lead_round
                    .get()
                    .map(|round| view! { <LeadPanel current round/> })
            }}
            <MyName current/>
        </main>
    }
}

/// "Done — look at the screen" once this phone has nothing left to do in the round: every dot
/// placed, or every solution rated on both scales.
#[component]
fn PhoneDone(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let done = move || {
        current.with(|v| match v.round {
            Round::VoteProblems | Round::VoteSolutions | Round::Plenary => v.dots_left == Some(0),
            Round::EffortImpact => {
                !v.matrix.is_empty()
                    && v.matrix
                        .iter()
                        .all(|i| i.my_rating.is_some_and(|(e, m)| e > 0 && m > 0))
            }
            _ => false,
        })
    };
    view! {
        <Show when=done>
            <p class="status-card done" role="status" data-testid="phone-done">{move || t.get().done_look_up}</p>
        </Show>
    }
}

fn phone_body(round: Round, current: Signal<JamView>) -> AnyView {
    match round {
        Round::Lobby => view! { <PhoneLobby current/> }.into_any(),
        Round::Working | Round::Problems | Round::Reframe | Round::Solutions => {
            view! { <PhoneWriting current/> }.into_any()
        }
        Round::Reveal => {
            // A group lead gets the walls with the reveal's controls instead (`LeadPanel`).
            let lead = Memo::new(move |_| current.with(leads));
            (move || (!lead.get()).then(|| view! { <RevealWalls current/> })).into_any()
        }
        Round::VoteProblems | Round::VoteSolutions | Round::Plenary => {
            view! { <PhoneVoting current/> }.into_any()
        }
        // A group lead orders the group's ties and chooses its problem (see `LeadPanel`).
        Round::Prioritize => {
            let lead = Memo::new(move |_| current.with(leads));
            (move || view! { <Ranking current controls=lead.get()/> }).into_any()
        }
        Round::EffortImpact => view! { <PhoneRating current/> }.into_any(),
        // A group lead writes the actions in `LeadPanel`, which lists them too.
        Round::Actions => {
            let lead = Memo::new(move |_| current.with(leads));
            (move || (!lead.get()).then(|| view! { <ActionList current/> })).into_any()
        }
        Round::Summary => view! { <ActionList current/> }.into_any(),
    }
}

#[component]
fn PhoneLobby(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    view! {
        <p class="topic">{move || current.with(|v| v.topic.clone())}</p>
        <section class="status-card" aria-live="polite">
            <h1>{move || t.get().you_are_in}</h1>
            <p class="big">{move || t.get().waiting_for_start}</p>
            <p class="muted" data-testid="people-joined">{move || (t.get().people_joined)(current.with(|v| v.participant_count))}</p>
        </section>
    }
}

#[component]
fn MyName(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let my_name = move || match current.with(|v| v.viewer.clone()) {
        ViewerRole::Participant { me } => me.name,
        _ => String::new(),
    };
    let change_name = move || format!("/j/{}", current.with(|v| v.code.clone()));
    view! {
        <p class="me">
            {move || t.get().you_are_called}
            ": "
            <strong data-testid="my-name">{my_name}</strong>
            " · "
            <a href=change_name>{move || t.get().change_name}</a>
        </p>
    }
}
