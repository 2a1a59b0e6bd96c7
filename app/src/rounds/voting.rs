//! Dot voting on problems and on solutions, and (in a room of groups) on every group's actions
//! in the plenary.

use super::commands::use_commands;
use super::writing::{HostProgress, NoteWall};
use crate::domain::{JamView, NoteView, ParticipantCommand, Round};
use crate::locale::use_texts;
use leptos::prelude::*;

/// The notes up for vote in the current round.
fn ballot(view: &JamView) -> Vec<NoteView> {
    view.notes.iter().filter(|n| n.in_round).cloned().collect()
}

/// One row of a phone's ballot: what gets the dot (a note, or in the plenary an action by its
/// solution's id), as the row reads, and the phone's own dots on it.
#[derive(Clone, PartialEq)]
struct Entry {
    id: uuid::Uuid,
    text: String,
    mine: usize,
}

fn entries(view: &JamView) -> Vec<Entry> {
    if view.round == Round::Plenary {
        return view
            .actions
            .iter()
            .map(|a| Entry {
                id: a.solution,
                text: format!("{} ({})", a.first_step, a.solution_text),
                mine: a.my_votes,
            })
            .collect();
    }
    ballot(view)
        .into_iter()
        .map(|n| {
            // A card shows the notes clustered onto it.
            let merged: Vec<String> = n.merged.iter().map(|(_, m)| m.clone()).collect();
            Entry {
                id: n.id,
                text: crate::export::with_merged(&n.text, &merged),
                mine: n.my_votes,
            }
        })
        .collect()
}

/// This phone's dots on the ballot's row `id`. Looked up without building the rows: every row
/// asks, and a page of 400 notes is rendered on the server for every change a phone sees.
fn my_dots_on(view: &JamView, id: uuid::Uuid) -> usize {
    if view.round == Round::Plenary {
        return view
            .actions
            .iter()
            .find(|a| a.solution == id)
            .map_or(0, |a| a.my_votes);
    }
    view.notes
        .iter()
        .find(|n| n.id == id && n.in_round)
        .map_or(0, |n| n.my_votes)
}

/// A phone in a voting round: one compact row per note; tapping the note adds a dot, "−"
/// takes one back. The dots left are in the phone's header. Rows are kept by note, so a tap
/// leaves the focus where it was (a keyboard or screen reader user stays on the note). The
/// ballot is a form whose buttons name their note, so a phone without the wasm votes by
/// posting it (see the server's `phone_forms`); with the wasm, a tap sends the command live.
#[component]
pub fn PhoneVoting(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let dots_left = move || current.with(|v| v.dots_left).unwrap_or(0);
    let ballot = move || entries(&current.get());
    view! {
        <form method="post" action=format!("/jam/{}/dot", commands.code())>
        // Made as the page is rendered: the server counts a double tap on this page once.
        <input type="hidden" name="form" value=uuid::Uuid::new_v4().to_string()/>
        <ul class="ballot" data-testid="ballot">
            <For
                each=ballot
                key=|e| (e.id, e.text.clone())
                children=move |e| {
                    let (id, text) = (e.id, e.text);
                    let mine = Memo::new(move |_| current.with(|v| my_dots_on(v, id)));
                    let add_label = {
                        let text = text.clone();
                        move || format!("{}: {} – {}", t.get().add_dot, text, (t.get().votes)(mine.get()))
                    };
                    let remove_label = {
                        let text = text.clone();
                        move || format!("{}: {}", t.get().remove_dot, text)
                    };
                    view! {
                        <li class="ballot-item" id=format!("note-{id}") class:voted=move || { mine.get() > 0 }>
                            <button
                                type="submit"
                                name="add"
                                value=id.to_string()
                                class="ballot-add"
                                aria-label=add_label
                                disabled=move || dots_left() == 0
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    commands.send(ParticipantCommand::CastVote { note: id });
                                }
                            >
                                <span class="note-text">{crate::hyphens::note_text(&text)}</span>
                                <span class="my-dots" aria-hidden="true">{move || "●".repeat(mine.get())}</span>
                            </button>
                            <button
                                type="submit"
                                name="take_back"
                                value=id.to_string()
                                class="button small secondary ballot-remove"
                                aria-label=remove_label
                                disabled=move || mine.get() == 0
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    commands.send(ParticipantCommand::WithdrawVote { note: id });
                                }
                            >
                                "−"
                            </button>
                        </li>
                    }
                }
            />
        </ul>
        </form>
    }
}

/// The projector while people vote: the notes (no tallies yet) and who has placed how many dots.
#[component]
pub fn HostVoting(current: Signal<JamView>) -> impl IntoView {
    let ballot = Signal::derive(move || ballot(&current.get()));
    view! {
        <HostProgress current/>
        <NoteWall notes=ballot/>
    }
}
