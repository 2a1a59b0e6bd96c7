//! Dot voting on problems and on solutions.

use super::commands::use_commands;
use super::writing::{HostProgress, NoteWall};
use crate::domain::{JamView, NoteView, ParticipantCommand};
use crate::locale::use_texts;
use leptos::prelude::*;

/// The notes up for vote in the current round.
fn ballot(view: &JamView) -> Vec<NoteView> {
    view.notes.iter().filter(|n| n.in_round).cloned().collect()
}

/// A phone in a voting round: the dots left, always in sight, and every note with its own
/// dots and buttons to add or take back one.
#[component]
pub fn PhoneVoting(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let dots_left = move || current.get().dots_left.unwrap_or(0);
    let ballot = move || ballot(&current.get());
    view! {
        <p class="dots-left" data-testid="dots-left" aria-live="polite">
            {move || "●".repeat(usize::from(dots_left()))}
            " "
            {move || (t.get().dots_left)(dots_left())}
        </p>
        <ul class="ballot" data-testid="ballot">
            <For
                each=ballot
                key=|n| (n.id, n.my_votes)
                children=move |n| {
                    let id = n.id;
                    let mine = n.my_votes;
                    view! {
                        <li class="ballot-item" class:voted=(mine > 0)>
                            <p class="note-text">{n.text}</p>
                            <div class="vote-row">
                                <span class="my-dots" aria-label=move || (t.get().votes)(mine)>
                                    {"●".repeat(mine)}
                                </span>
                                <button
                                    class="button small secondary"
                                    disabled=mine == 0
                                    on:click=move |_| commands.send(ParticipantCommand::WithdrawVote { note: id })
                                >
                                    "− "
                                    {move || t.get().remove_dot}
                                </button>
                                <button
                                    class="button small primary"
                                    disabled=move || dots_left() == 0
                                    on:click=move |_| commands.send(ParticipantCommand::CastVote { note: id })
                                >
                                    "+ "
                                    {move || t.get().add_dot}
                                </button>
                            </div>
                        </li>
                    }
                }
            />
        </ul>
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
