//! Silent writing (what's working, problems, HMW proposals, solutions) and the reveal.

use super::commands::{deliver, use_commands};
use super::countdown::TimeLeft;
use super::revealed;
use crate::domain::{
    HostCommand, JamView, NoteKind, NoteText, NoteView, ParticipantCommand, Round, ViewerRole,
};
use crate::error::AppError;
use crate::locale::use_texts;
use crate::network::{
    draft_key, load_draft, save_draft, typed_before_hydration, use_online, Draft,
};
use leptos::prelude::*;
use uuid::Uuid;

/// A phone in a writing round: a box for the next note, and the notes written so far.
#[component]
pub fn PhoneWriting(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let mine = move || {
        current
            .get()
            .notes
            .into_iter()
            .filter(|n| n.mine && n.in_round)
            .collect::<Vec<_>>()
    };
    // A new box for each round and problem in focus, each with its own kept draft.
    let place =
        Memo::new(move |_| current.with(|v| (v.round, v.focus.as_ref().map(|f| f.problem_id))));
    // In groups, a group that took fewer problems forward than another has none in focus
    // while the others work on their next one: nothing to write, it waits.
    let waiting = move || {
        current.with(|v| {
            !v.groups.is_empty()
                && matches!(v.round, Round::Reframe | Round::Solutions)
                && v.focus.is_none()
        })
    };
    view! {
        {move || {
            let (round, focus) = place.get();
            if waiting() {
                view! { <p class="status-card" data-testid="group-waiting">{move || t.get().group_waiting}</p> }.into_any()
            } else {
                view! { <Composer current round focus/> }.into_any()
            }
        }}
        <section class="my-notes">
            <h2>{move || t.get().my_notes} " (" {move || mine().len()} ")"</h2>
            <ul class="notes" data-testid="my-notes">
                <For each=mine key=|n| (n.id, n.text.clone(), n.editable) children=move |n| view! { <MyNote note=n/> }/>
            </ul>
        </section>
    }
}

/// Where the note in the box stands.
#[derive(Debug, Clone, PartialEq)]
enum Sending {
    /// Being written, or nothing to send.
    No,
    /// On its way (tries included).
    Now,
    /// The network or the server failed every try: it stays here and goes again when the
    /// browser is back online (or the person taps "send again").
    NotYet,
}

/// The box for the next note. The text stays in the box, and in the browser's storage, until
/// the server has the note: nothing typed is lost to a dead network, a reload or a refusal.
#[component]
fn Composer(current: Signal<JamView>, round: Round, focus: Option<Uuid>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let online = use_online();
    let time_up = use_context::<TimeLeft>().map(TimeLeft::is_up);
    let locked =
        move || current.with(|v| v.settings.lock_at_time_up) && time_up.is_some_and(|up| up.get());
    let key = draft_key(&commands.code(), round.number(), focus);
    // Typed while the page was loading: newer than any kept draft, so it wins.
    let typed = typed_before_hydration();
    let typed_early = !typed.is_empty();
    let draft = RwSignal::new(Draft {
        text: typed,
        id: None,
    });
    let sending = RwSignal::new(Sending::No);
    let refusal = RwSignal::new(None::<AppError>);
    let send = Action::new(move |draft: &Draft| {
        let id = draft.id.unwrap_or_else(Uuid::new_v4);
        let command = ParticipantCommand::AddNote {
            text: draft.text.clone(),
        };
        deliver(commands.code(), id, command.into())
    });
    let submit = move || {
        let mut next = draft.get_untracked();
        if next.text.trim().is_empty() || sending.get_untracked() == Sending::Now {
            return;
        }
        // The id is fixed at the first try and kept with the draft: every later try, even
        // after a reload, is the same note.
        next.id = Some(next.id.unwrap_or_else(Uuid::new_v4));
        draft.set(next.clone());
        sending.set(Sending::Now);
        refusal.set(None);
        send.dispatch(next);
    };
    // The answer: sent (empty the box), not reachable (keep it for later), or refused (keep
    // the text to fix, as a new note).
    Effect::new(move |_| {
        let Some(answer) = send.value().get() else {
            return;
        };
        match answer {
            Ok(_) => {
                draft.set(Draft::default());
                sending.set(Sending::No);
            }
            Err(AppError::Network(_) | AppError::Storage) => sending.set(Sending::NotYet),
            Err(error) => {
                draft.update(|d| d.id = None);
                sending.set(Sending::No);
                refusal.set(Some(error));
            }
        }
    });
    // In the browser: the kept draft comes back, and goes at once if it had been sent.
    {
        let key = key.clone();
        Effect::new(move |loaded: Option<()>| {
            if loaded.is_none() && !typed_early {
                if let Some(kept) = load_draft(&key) {
                    let was_sent = kept.id.is_some();
                    draft.set(kept);
                    if was_sent {
                        submit();
                    }
                }
            }
        });
    }
    // Kept on every change; not on the first run, which would wipe the kept draft before it
    // is read back (unless text typed while the page loaded replaces it).
    let kept_at = key.clone();
    Effect::new(move |first: Option<()>| {
        let now = draft.get();
        if first.is_some() || typed_early {
            save_draft(&kept_at, &now);
        }
    });
    // Back online: what could not go, goes.
    Effect::new(move |_| {
        if online.get() && sending.get_untracked() == Sending::NotYet {
            submit();
        }
    });
    let too_long = move || draft.with(|d| d.text.chars().count() > NoteText::MAX_CHARS);
    let left = move || NoteText::MAX_CHARS as i64 - draft.with(|d| d.text.chars().count()) as i64;
    view! {
        <Show when=move || !online.get()>
            <p class="offline-note" role="status" data-testid="offline">{move || t.get().offline}</p>
        </Show>
        <Show
            when=move || !locked()
            fallback=move || view! {
                <p class="status-card locked" role="status" data-testid="writing-locked">
                    {move || t.get().writing_locked}
                </p>
            }
        >
            // Posts by itself where the wasm never loaded (see the server's `phone_forms`), with
            // an id made as the page was rendered, so a form sent twice adds one note.
            <form
                class="composer"
                method="post"
                action=format!("/jam/{}/note", commands.code())
                // Where the phone's script keeps this box's draft; a new box has a new key.
                data-key=key.clone()
                on:submit=move |ev| {
                    ev.prevent_default();
                    if !too_long() {
                        submit();
                    }
                }
            >
                <input type="hidden" name="id" value=Uuid::new_v4().to_string()/>
                <textarea
                    name="note"
                    rows="3"
                    data-max=NoteText::MAX_CHARS
                    aria-label=move || (t.get().note_placeholder)(round)
                    placeholder=move || (t.get().note_placeholder)(round)
                    aria-describedby="composer-status"
                    readonly=move || sending.get() == Sending::Now
                    prop:value=move || draft.with(|d| d.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        // Changed after a try: it is a new note, with an id of its own.
                        draft.set(Draft { text, id: None });
                        if sending.get_untracked() == Sending::NotYet {
                            sending.set(Sending::No);
                        }
                    }
                ></textarea>
                <p id="composer-status" class="composer-status" aria-live="polite" data-testid="composer-status">
                    {move || match sending.get() {
                        Sending::Now => Some(t.get().sending.to_string()),
                        Sending::NotYet => Some(t.get().not_sent.to_string()),
                        Sending::No if left() < 40 => Some((t.get().chars_left)(left().max(0) as usize)),
                        Sending::No => None,
                    }}
                    {move || too_long().then(|| view! {
                        " " <span class="error-text">{(t.get().err_too_long)(NoteText::MAX_CHARS)}</span>
                    })}
                    {move || refusal.get().map(|e| view! { <span class="error-text">{t.get().error(&e)}</span> })}
                </p>
                <button
                    type="submit"
                    class="button primary"
                    disabled=move || sending.get() == Sending::Now || too_long()
                >
                    {move || match sending.get() {
                        Sending::NotYet => t.get().send_again,
                        _ => t.get().add_note,
                    }}
                </button>
            </form>
        </Show>
    }
}

/// One of my notes, with edit and delete while nobody has used it and its round is open. Both
/// are forms (see the server's `phone_forms`); editing opens under "Edit" without a script.
#[component]
fn MyNote(note: NoteView) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let code = commands.code();
    let id = note.id;
    let editor = NodeRef::<leptos::html::Details>::new();
    let edited = NodeRef::<leptos::html::Textarea>::new();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = edited.get().map(|area| area.value()).unwrap_or_default();
        commands.send(ParticipantCommand::EditNote { note: id, text });
        if let Some(editor) = editor.get() {
            editor.set_open(false);
        }
    };
    let delete = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        commands.send(ParticipantCommand::DeleteNote { note: id });
    };
    let edit_action = format!("/jam/{code}/edit");
    let delete_action = format!("/jam/{code}/delete");
    view! {
        <li class="note mine" id=format!("my-note-{id}")>
            <p class="note-text">{crate::hyphens::note_text(&note.text)}</p>
            {note.editable.then(|| view! {
                <div class="note-actions">
                    <details class="note-edit" node_ref=editor>
                        <summary class="button small secondary">{move || t.get().edit}</summary>
                        <form method="post" action=edit_action on:submit=save>
                            <input type="hidden" name="form" value=Uuid::new_v4().to_string()/>
                            <input type="hidden" name="note" value=id.to_string()/>
                            <textarea
                                name="text"
                                rows="3"
                                maxlength=NoteText::MAX_CHARS
                                aria-label=move || t.get().edit
                                node_ref=edited
                            >
                                {note.text.clone()}
                            </textarea>
                            <button type="submit" class="button small primary">{move || t.get().save}</button>
                        </form>
                    </details>
                    <form method="post" action=delete_action on:submit=delete>
                        <input type="hidden" name="form" value=Uuid::new_v4().to_string()/>
                        <input type="hidden" name="note" value=id.to_string()/>
                        <button type="submit" class="button small danger">{move || t.get().delete}</button>
                    </form>
                </div>
            })}
        </li>
    }
}

/// The projector during a writing, voting or rating round: who has done how much (never what).
#[component]
pub fn HostProgress(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="progress">
            <h2>{move || t.get().progress_heading}</h2>
            // A room too big to list by name: how many have started, and how much is done.
            {move || {
                let view = current.get();
                view.progress_summary.filter(|_| view.progress.is_empty()).map(|s| {
                    view! {
                        <p class="big" data-testid="progress-summary">
                            {(t.get().started_of)(s.people_done, view.participant_count, s.total)}
                        </p>
                    }
                })
            }}
            <ul class="people" data-testid="progress">
                {move || {
                    current
                        .get()
                        .progress
                        .into_iter()
                        .map(|p| {
                            let done = p.done > 0;
                            view! {
                                <li class:done=done>
                                    {p.name} " " <span class="count">{p.done}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

/// Notes as cards: text (with the notes clustered onto it), author once revealed, votes once
/// counted. The more notes, the more columns (40–80 notes fit one or two projector screens); a
/// long note shows its first lines, and all of it when its card is tapped or clicked. With
/// `cluster`, the facilitator merges cards that say the same: "Merge…" on one, "Merge here" on
/// the other; "Separate" takes a note off a card again.
#[component]
pub fn NoteWall(
    #[prop(into)] notes: Signal<Vec<NoteView>>,
    #[prop(optional)] cluster: bool,
    /// The card picked to merge, shared by the walls of one screen (a pick on one wall shows
    /// no "merge" offers on another, whose notes are of another kind).
    #[prop(optional)]
    picked: Option<RwSignal<Option<(Uuid, NoteKind)>>>,
    /// How many notes share the screen with this wall's (its own by default): a short wall
    /// beside a long one takes the long one's columns, so both together stay within two
    /// screens.
    #[prop(optional, into)]
    crowd: Option<Signal<usize>>,
) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands_if(cluster);
    let picked = picked.unwrap_or_else(|| RwSignal::new(None));
    let crowd = crowd.unwrap_or_else(|| Signal::derive(move || notes.with(Vec::len)));
    let columns = move || match crowd.get() {
        0..=6 => 3,
        7..=16 => 4,
        17..=40 => 5,
        41..=60 => 6,
        _ => 7,
    };
    view! {
        <Show
            when=move || !notes.get().is_empty()
            fallback=move || view! { <p class="muted">{move || t.get().nothing_yet}</p> }
        >
            // A class, not an inline style: the page's content security policy allows no inline
            // styles.
            <ul class=move || format!("wall columns-{}", columns()) data-testid="wall">
                <For
                    each=move || notes.get()
                    key=|n| (n.id, n.text.clone(), n.votes, n.author.clone(), n.merged.clone())
                    children=move |n| {
                        let open = RwSignal::new(false);
                        let full = n.text.clone();
                        let (id, kind) = (n.id, n.kind);
                        let merged = n.merged.clone();
                        view! {
                            <li
                                class="card"
                                class:open=move || open.get()
                                class:picked=move || picked.get().is_some_and(|(p, _)| p == id)
                                title=full
                                data-testid="card"
                                on:click=move |_| open.update(|o| *o = !*o)
                            >
                                <p class="note-text">{crate::hyphens::note_text(&n.text)}</p>
                                {(!merged.is_empty()).then(|| view! {
                                    <ul class="merged" data-testid="merged">
                                        {merged
                                            .into_iter()
                                            .map(|(note, text)| view! {
                                                <li>
                                                    "+ " {crate::hyphens::note_text(&text)}
                                                    {commands.map(|c| view! {
                                                        " "
                                                        <button
                                                            class="button small secondary host-only"
                                                            on:click=move |ev| {
                                                                ev.stop_propagation();
                                                                c.send(HostCommand::Unmerge { note });
                                                            }
                                                        >
                                                            {move || t.get().unmerge}
                                                        </button>
                                                    })}
                                                </li>
                                            })
                                            .collect_view()}
                                    </ul>
                                })}
                                <p class="note-meta">
                                    {n.author}
                                    {n.votes.map(|v| view! { <span class="votes">{move || (t.get().votes)(v)}</span> })}
                                </p>
                                {commands.map(|c| view! {
                                    <div class="cluster-buttons host-only">
                                        {move || match picked.get() {
                                            None => view! {
                                                <button class="button small secondary" on:click=move |ev| {
                                                    ev.stop_propagation();
                                                    picked.set(Some((id, kind)));
                                                }>
                                                    {move || t.get().merge_pick}
                                                </button>
                                            }
                                                .into_any(),
                                            Some((p, _)) if p == id => view! {
                                                <button class="button small secondary" on:click=move |ev| {
                                                    ev.stop_propagation();
                                                    picked.set(None);
                                                }>
                                                    {move || t.get().cancel}
                                                </button>
                                            }
                                                .into_any(),
                                            Some((p, k)) if k == kind => view! {
                                                <button class="button small primary" on:click=move |ev| {
                                                    ev.stop_propagation();
                                                    picked.set(None);
                                                    c.send(HostCommand::Merge { note: p, into: id });
                                                }>
                                                    {move || t.get().merge_here}
                                                </button>
                                            }
                                                .into_any(),
                                            Some(_) => ().into_any(),
                                        }}
                                    </div>
                                })}
                            </li>
                        }
                    }
                />
            </ul>
        </Show>
    }
}

/// The screen's command sender when `wanted` (a wall the facilitator clusters on).
fn use_commands_if(wanted: bool) -> Option<super::commands::Commands> {
    wanted.then(use_commands)
}

/// The projector's reveal round: the revealed notes, and buttons to reveal one author or all.
#[component]
pub fn HostReveal(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let picked = RwSignal::new(None::<(Uuid, NoteKind)>);
    let people = move || match current.get().viewer {
        ViewerRole::Facilitator { participants } => participants,
        _ => Vec::new(),
    };
    // How many notes each person still has hidden (the reveal's progress; a room too big to
    // list by name has no per-person counts).
    let hidden_of = move |id: Uuid| {
        current.with(|v| {
            v.progress
                .iter()
                .find(|p| p.id == id)
                .map(|p| format!(" ({})", p.done))
        })
    };
    view! {
        <div class="reveal-controls">
            <button class="button primary" on:click=move |_| commands.send(HostCommand::Reveal { author: None, group: super::groups::scope(&current.get_untracked()) })>
                {move || t.get().reveal_all}
            </button>
            // One author at a time, on the facilitator's screens (a lead's phone knows no names).
            {move || (!people().is_empty()).then(|| view! { <span class="label">{move || t.get().reveal_author}</span> })}
            {move || {
                people()
                    .into_iter()
                    .map(|p| {
                        let id: Uuid = p.id;
                        view! {
                            <button
                                class="button small secondary"
                                on:click=move |_| commands.send(HostCommand::Reveal { author: Some(id), group: None })
                            >
                                {p.name} {move || hidden_of(id)}
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </div>
        <RevealWalls current cluster=true picked/>
    }
}

/// The reveal's walls, on every screen alike: "What's working" (once any is shown) and the
/// problems, each under its heading. While notes are still hidden, the facilitator's screens
/// say how many wait (an empty wall saying "nothing yet" would read as if nobody had written).
#[component]
pub fn RevealWalls(
    current: Signal<JamView>,
    #[prop(optional)] cluster: bool,
    #[prop(optional)] picked: Option<RwSignal<Option<(Uuid, NoteKind)>>>,
) -> impl IntoView {
    let t = use_texts();
    let picked = picked.unwrap_or_else(|| RwSignal::new(None));
    let working = Signal::derive(move || revealed(&current.get(), NoteKind::Working));
    let problems = Signal::derive(move || revealed(&current.get(), NoteKind::Problem));
    // A phone is told nothing of hidden notes: until the first is shown it shows no wall (its
    // instruction says to look at the big screen).
    let phone = current.with_untracked(|v| matches!(v.viewer, ViewerRole::Participant { .. }));
    let none_shown = move || working.with(Vec::is_empty) && problems.with(Vec::is_empty);
    // Both walls share one column count, so a short one is as dense as the long one.
    let crowd = Signal::derive(move || working.with(Vec::len) + problems.with(Vec::len));
    // The notes still hidden, from the reveal's progress: a group's own count on its section,
    // the room's otherwise (phones get no progress: none).
    let waiting = move || {
        current.with(|v| match (v.groups.as_slice(), v.progress_summary) {
            ([one], _) => one.done.unwrap_or(0),
            (_, Some(s)) => s.total,
            _ => 0,
        })
    };
    view! {
        <Show when=move || { waiting() > 0 }>
            <p class="big waiting" data-testid="waiting">{move || (t.get().waiting_to_reveal)(waiting())}</p>
        </Show>
        <Show when=move || !working.get().is_empty()>
            <h2>{move || (t.get().round_name)(crate::domain::Round::Working)}</h2>
            <NoteWall notes=working cluster picked crowd/>
        </Show>
        <Show when=move || !problems.get().is_empty() || (waiting() == 0 && !(phone && none_shown()))>
            <h2>{move || (t.get().round_name)(crate::domain::Round::Problems)}</h2>
            <NoteWall notes=problems cluster picked crowd/>
        </Show>
    }
}
