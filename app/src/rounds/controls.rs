//! The facilitator's bar: where the jam is, the countdown, and the buttons that move it; and
//! the settings (timeboxes, budgets, how many problems and solutions go forward).

use super::commands::use_commands;
use super::countdown::{Alarm, Countdown, TimeLeft};
use super::export::absolute;
use crate::domain::{GroupName, HostCommand, JamView, Joining, Round, Settings};
use crate::locale::use_texts;
use leptos::prelude::*;

/// The top of the projector: round, instruction, focus and the countdown.
#[component]
pub fn RoundBar(current: Signal<JamView>, alarm: Alarm) -> impl IntoView {
    let t = use_texts();
    let round = move || current.get().round;
    let timer = Signal::derive(move || current.get().timer);
    let left = TimeLeft::new(timer, Signal::derive(move || current.get().clock_ms));
    view! {
        <header class="round-bar">
            <div class="round-text">
                <p class="round-number">
                    {move || {
                        current.with(|v| v.settings.position(v.round)).map(|(n, of)| (t.get().round_of)(n, of))
                    }}
                    {move || {
                        current
                            .get()
                            .focus
                            .map(|f| format!(" · {}", (t.get().problem_of)(f.number, f.of)))
                    }}
                </p>
                <h1 data-testid="round-name">{move || (t.get().round_name)(round())}</h1>
                <p class="round-topic" data-testid="round-topic">{move || current.get().topic}</p>
                <p class="instruction">{move || (t.get().room_instruction)(round())}</p>
                <FocusLine current/>
            </div>
            <Countdown left timer alarm/>
        </header>
    }
}

/// In rounds 6–10: the problem being worked on and its chosen question.
#[component]
pub fn FocusLine(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    move || {
        current.get().focus.map(|f| {
            view! {
                <div class="focus">
                    <p>
                        <span class="label">{move || t.get().problem_label} ": "</span>
                        <strong data-testid="focus-problem">{crate::hyphens::note_text(&f.problem)}</strong>
                    </p>
                    {f.hmw.clone().map(|hmw| view! {
                        <p>
                            <span class="label">{move || t.get().hmw_chosen} ": "</span>
                            <strong data-testid="focus-hmw">{crate::hyphens::note_text(&hmw)}</strong>
                        </p>
                    })}
                </div>
            }
        })
    }
}

/// Back, pause/resume, +1 min, next: a slim bar fixed to the bottom of the screen, so the
/// room's view never scrolls away to reach it; and the same from the keyboard.
#[component]
pub fn FacilitatorControls(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let round = move || current.get().round;
    // What the screen shows when the button is pressed: a second tap, or another tab that
    // moved on first, then changes nothing.
    let shown = move || current.with_untracked(|v| v.round);
    let running = move || current.get().timer.is_some_and(|t| t.running());
    let has_timer = move || current.get().timer.is_some();
    use_shortcuts(current);
    view! {
        <nav class="controls" aria-label=move || t.get().shortcuts title=move || t.get().shortcuts>
            <button
                class="button secondary"
                disabled=move || round() == Round::Lobby
                on:click=move |_| commands.send(HostCommand::PreviousRound { from: shown() })
            >
                "◀ "
                {move || t.get().previous_round}
            </button>
            <Show when=has_timer>
                <button
                    class="button secondary"
                    on:click=move |_| {
                        commands.send(if running() { HostCommand::PauseTimer } else { HostCommand::ResumeTimer })
                    }
                >
                    {move || if running() { t.get().pause } else { t.get().resume }}
                </button>
                <button class="button secondary" on:click=move |_| commands.send(HostCommand::AddTime { secs: 60 })>
                    {move || t.get().add_minute}
                </button>
            </Show>
            <button
                class="button primary"
                data-testid="next-round"
                disabled=move || round() == Round::Summary || commands.pending().get()
                on:click=move |_| commands.send(HostCommand::NextRound { from: shown() })
            >
                {move || if round() == Round::Lobby { t.get().start_jam } else { t.get().next_round }}
                " ▶"
            </button>
        </nav>
    }
}

/// What a key does on the facilitator's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    Next,
    Back,
    PauseOrResume,
    AddMinute,
}

impl Shortcut {
    /// The shortcut of a key (`KeyboardEvent.key`), unless a modifier is held.
    pub fn of(key: &str, modified: bool) -> Option<Self> {
        if modified {
            return None;
        }
        match key {
            "ArrowRight" | " " | "PageDown" => Some(Self::Next),
            "ArrowLeft" | "PageUp" => Some(Self::Back),
            "p" | "P" => Some(Self::PauseOrResume),
            "+" => Some(Self::AddMinute),
            _ => None,
        }
    }

    /// The command, given the round the screen shows and its timer; none when it would do
    /// nothing (no timer to pause, nothing after the summary).
    pub fn command(self, view: &JamView) -> Option<HostCommand> {
        let from = view.round;
        match self {
            Self::Next => (from != Round::Summary).then_some(HostCommand::NextRound { from }),
            Self::Back => (from != Round::Lobby).then_some(HostCommand::PreviousRound { from }),
            Self::PauseOrResume => view.timer.map(|timer| {
                if timer.running() {
                    HostCommand::PauseTimer
                } else {
                    HostCommand::ResumeTimer
                }
            }),
            Self::AddMinute => view.timer.map(|_| HostCommand::AddTime { secs: 60 }),
        }
    }
}

/// The keyboard shortcuts alone, for the room's screen (which shows no buttons).
#[component]
pub fn Shortcuts(current: Signal<JamView>) -> impl IntoView {
    use_shortcuts(current);
}

/// The facilitator's keys (→ or Space next, ← back, P pause, + one minute), except while
/// typing in a field or on a focused button or link (where Space is the browser's own).
fn use_shortcuts(current: Signal<JamView>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let commands = use_commands();
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            let typing = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    matches!(
                        el.tag_name().as_str(),
                        "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON" | "A" | "SUMMARY"
                    ) || el.closest("[contenteditable]").ok().flatten().is_some()
                });
            let modified = ev.ctrl_key() || ev.alt_key() || ev.meta_key();
            if typing || ev.repeat() {
                return;
            }
            let Some(shortcut) = Shortcut::of(&ev.key(), modified) else {
                return;
            };
            if let Some(command) = current.with_untracked(|v| shortcut.command(v)) {
                ev.prevent_default();
                commands.send(command);
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = current;
}

/// Every setting, editable before and during the jam.
#[component]
pub fn SettingsPanel(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    // "Saved." once the change is in (and not refused); until the form is touched again.
    let saved = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(true);
        #[cfg(feature = "hydrate")]
        if let Some(change) = read_settings(&ev) {
            commands.send(HostCommand::UpdateSettings(change));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, commands);
    };
    let minutes = |secs: u32| format!("{}", f64::from(secs) / 60.0);
    // Rebuilt only when the settings change: people joining must not reset a half-filled form.
    let settings = Memo::new(move |_| {
        current.with(|v| (v.settings.clone(), v.room_size, v.room_max, v.joining))
    });
    // The number of groups is fixed once the first round has started.
    let round_started = move || current.with(|v| v.round != Round::Lobby);
    view! {
        <details class="settings">
            <summary>{move || t.get().settings}</summary>
            {move || {
                let (s, room_size, room_max, joining) = settings.get();
                view! {
                    <form class="settings-grid" on:submit=on_submit on:input=move |_| saved.set(false)>
                        <label class="check">
                            <input type="checkbox" name="working_round" checked=s.working_round/>
                            {move || t.get().working_round_label}
                        </label>
                        {TIMED
                            .into_iter()
                            .filter(|(round, _)| s.runs(*round) || *round == Round::Working)
                            .map(|(round, name)| {
                                let secs = s.timebox(round).unwrap_or(0);
                                view! {
                                    <label>
                                        {move || (t.get().minutes_label)(round)}
                                        <input type="number" name=name min="0.5" max="60" step="0.5" value=minutes(secs)/>
                                    </label>
                                }
                            })
                            .collect_view()}
                        <label>
                            {move || t.get().problem_dots_label}
                            <input type="number" name="problem_dots" min="1" max=Settings::MAX_DOTS value=s.problem_dots/>
                        </label>
                        <label>
                            {move || t.get().solution_dots_label}
                            <input type="number" name="solution_dots" min="1" max=Settings::MAX_DOTS value=s.solution_dots/>
                        </label>
                        <label>
                            {move || t.get().problems_to_take_label}
                            <input type="number" name="problems_to_take" min="1" max="3" value=s.problems_to_take/>
                        </label>
                        <label>
                            {move || t.get().matrix_size_label}
                            <input type="number" name="matrix_size" min="1" max=Settings::MAX_MATRIX value=s.matrix_size/>
                        </label>
                        <label class="check">
                            <input type="checkbox" name="lock_at_time_up" checked=s.lock_at_time_up/>
                            {move || t.get().lock_label}
                        </label>
                        <label>
                            {move || t.get().room_size_label}
                            <input type="number" name="room_size" min="1" max=room_max value=room_size/>
                        </label>
                        <label>
                            {move || t.get().joining_label}
                            <select name="joining">
                                {JOINING
                                    .into_iter()
                                    .map(|(choice, name)| view! {
                                        <option value=name selected=choice == joining>
                                            {move || (t.get().joining_choice)(choice)}
                                        </option>
                                    })
                                    .collect_view()}
                            </select>
                        </label>
                        // Groups: their number is set in the lobby; names may change any time.
                        <label>
                            {move || t.get().groups_label}
                            <input
                                type="number"
                                name="groups"
                                min="1"
                                max=Settings::MAX_GROUPS
                                value=s.groups
                                disabled=round_started
                                aria-describedby="groups-hint"
                            />
                        </label>
                        <p class="muted wide" id="groups-hint">{move || t.get().groups_hint}</p>
                        {(s.groups > 1).then(|| view! {
                            <label class="check">
                                <input type="checkbox" name="pick_group" checked=s.pick_group/>
                                {move || t.get().pick_group_label}
                            </label>
                            <label class="check">
                                <input type="checkbox" name="plenary" checked=s.plenary/>
                                {move || t.get().plenary_label}
                            </label>
                            <label>
                                {move || t.get().plenary_dots_label}
                                <input type="number" name="plenary_dots" min="1" max=Settings::MAX_DOTS value=s.plenary_dots/>
                            </label>
                            {(0..s.groups)
                                .map(|g| {
                                    let name = s.group_name(g).map(|n| n.to_string()).unwrap_or_default();
                                    view! {
                                        <label>
                                            {move || (t.get().group_name_label)(usize::from(g) + 1)}
                                            <input
                                                type="text"
                                                name=format!("group_name_{g}")
                                                maxlength=GroupName::MAX_CHARS
                                                value=name
                                                placeholder=move || (t.get().group_numbered)(usize::from(g) + 1)
                                            />
                                        </label>
                                    }
                                })
                                .collect_view()}
                        })}
                        <button type="submit" class="button secondary">{move || t.get().save}</button>
                        <p class="saved" role="status" data-testid="settings-saved">
                            {move || (saved.get() && !commands.pending().get() && commands.error().get().is_none()).then(|| t.get().saved)}
                        </p>
                    </form>
                }
            }}
        </details>
    }
}

/// The facilitator link: opened on another device (a co-facilitator's, or a new laptop when
/// this one dies), it makes that device a facilitator too. Shown only here, folded away, as it
/// must not be read off the projector; a new key stops the old link working.
#[component]
pub fn HostKeyPanel(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let link = move || {
        current.with(|v| {
            v.host_key.as_ref().map(|key| {
                let path = format!("/host/{}?key={key}", v.code);
                // A new key is a new picture, not the old one from the browser's cache.
                let qr = format!(
                    "/jam/{}/host-key.svg?v={}",
                    v.code,
                    &key[..key.len().min(8)]
                );
                (path, qr)
            })
        })
    };
    view! {
        <details class="settings host-key">
            <summary>{move || t.get().host_key_heading}</summary>
            <p class="muted">{move || t.get().host_key_explained}</p>
            {move || {
                link()
                    .map(|(path, qr)| {
                        view! {
                            <p class="share">
                                <a href=path.clone() data-testid="host-link">{absolute(&path)}</a>
                            </p>
                            <img class="qr small" src=qr alt=move || t.get().host_key_heading width="160" height="160"/>
                        }
                    })
            }}
            <button
                class="button secondary"
                on:click=move |_| commands.send(HostCommand::NewHostKey)
            >
                {move || if link().is_some() { t.get().host_key_renew } else { t.get().host_key_make }}
            </button>
        </details>
    }
}

/// Who may join, and its value in the settings form.
const JOINING: [(Joining, &str); 3] = [
    (Joining::Open, "open"),
    (Joining::LinkOnly, "link"),
    (Joining::Closed, "closed"),
];

/// The timed rounds and their field names in the settings form.
const TIMED: [(Round, &str); 8] = [
    (Round::Working, "working_secs"),
    (Round::Problems, "problems_secs"),
    (Round::VoteProblems, "vote_problems_secs"),
    (Round::Reframe, "reframe_secs"),
    (Round::Solutions, "solutions_secs"),
    (Round::VoteSolutions, "vote_solutions_secs"),
    (Round::Actions, "actions_secs"),
    (Round::Plenary, "plenary_secs"),
];

/// The form as a settings change: every field it shows, except one left blank or unreadable,
/// which keeps its value.
#[cfg(feature = "hydrate")]
fn read_settings(ev: &leptos::ev::SubmitEvent) -> Option<crate::domain::SettingsChange> {
    use wasm_bindgen::JsCast;
    let form: web_sys::HtmlFormElement = ev.target()?.dyn_into().ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let text = |name: &str| data.get(name).as_string();
    let number = |name: &str| text(name).and_then(|v| v.trim().parse::<f64>().ok());
    let secs = |name: &str| number(name).map(|m| (m * 60.0).round().clamp(0.0, 86_400.0) as u32);
    let small = |name: &str| number(name).map(|n| n.round().clamp(0.0, 255.0) as u8);
    Some(crate::domain::SettingsChange {
        working_round: Some(text("working_round").is_some()),
        working_secs: secs("working_secs"),
        problems_secs: secs("problems_secs"),
        vote_problems_secs: secs("vote_problems_secs"),
        reframe_secs: secs("reframe_secs"),
        solutions_secs: secs("solutions_secs"),
        vote_solutions_secs: secs("vote_solutions_secs"),
        actions_secs: secs("actions_secs"),
        plenary_secs: secs("plenary_secs"),
        // The plenary's box is in the form only for a room of groups (with the names).
        plenary: text("group_name_0")
            .is_some()
            .then(|| text("plenary").is_some()),
        plenary_dots: small("plenary_dots"),
        problem_dots: small("problem_dots"),
        solution_dots: small("solution_dots"),
        problems_to_take: small("problems_to_take"),
        matrix_size: small("matrix_size"),
        lock_at_time_up: Some(text("lock_at_time_up").is_some()),
        // A disabled field (groups after the lobby) is not in the form: left unchanged.
        groups: small("groups"),
        pick_group: Some(text("pick_group").is_some()),
        // One field per group; an empty or unusable name leaves the group called by its number.
        group_names: text("group_name_0").is_some().then(|| {
            (0..crate::domain::Settings::MAX_GROUPS)
                .map_while(|g| text(&format!("group_name_{g}")))
                .map(|name| crate::domain::GroupName::parse(&name).ok())
                .collect()
        }),
        room_size: number("room_size").map(|n| n.round().clamp(0.0, 1e9) as usize),
        joining: text("joining").and_then(|v| {
            JOINING
                .into_iter()
                .find(|(_, name)| *name == v)
                .map(|(choice, _)| choice)
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::view::TimerView;

    #[test]
    fn keys_give_the_facilitators_commands_and_nothing_when_they_would_do_nothing() {
        let jam = crate::domain::testing::jam();
        let mut view =
            crate::domain::JamView::for_person(&jam, jam.facilitator, chrono::Utc::now());
        assert_eq!(Shortcut::of("ArrowRight", false), Some(Shortcut::Next));
        assert_eq!(Shortcut::of(" ", false), Some(Shortcut::Next));
        assert_eq!(Shortcut::of("ArrowLeft", false), Some(Shortcut::Back));
        assert_eq!(Shortcut::of("P", false), Some(Shortcut::PauseOrResume));
        assert_eq!(Shortcut::of("+", false), Some(Shortcut::AddMinute));
        assert_eq!(
            Shortcut::of("ArrowRight", true),
            None,
            "Alt+→ is the browser's"
        );
        assert_eq!(Shortcut::of("x", false), None);

        view.round = Round::Lobby;
        view.timer = None;
        assert_eq!(Shortcut::Back.command(&view), None);
        assert_eq!(Shortcut::PauseOrResume.command(&view), None);
        assert_eq!(Shortcut::AddMinute.command(&view), None);
        assert_eq!(
            Shortcut::Next.command(&view),
            Some(HostCommand::NextRound { from: Round::Lobby })
        );

        view.round = Round::Problems;
        view.timer = Some(TimerView::Running { ends_at_ms: 1 });
        assert_eq!(
            Shortcut::PauseOrResume.command(&view),
            Some(HostCommand::PauseTimer)
        );
        assert_eq!(
            Shortcut::Back.command(&view),
            Some(HostCommand::PreviousRound {
                from: Round::Problems
            })
        );
        view.timer = Some(TimerView::Paused { left_ms: 5 });
        assert_eq!(
            Shortcut::PauseOrResume.command(&view),
            Some(HostCommand::ResumeTimer)
        );
        assert_eq!(
            Shortcut::AddMinute.command(&view),
            Some(HostCommand::AddTime { secs: 60 })
        );
        view.round = Round::Summary;
        assert_eq!(Shortcut::Next.command(&view), None);
    }
}
