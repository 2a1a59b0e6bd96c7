//! The screens of the workshop's rounds, one file per kind of round. Each file holds what the
//! projector shows (`Host…`) and what a phone shows (`Phone…`) for its rounds.

pub mod actions;
pub mod commands;
pub mod controls;
pub mod countdown;
pub mod export;
pub mod matrix;
pub mod prioritize;
pub mod reframe;
pub mod voting;
pub mod writing;

use crate::domain::{JamView, NoteKind, NoteView};

/// The notes of `kind` in the view, for the problem in focus where that matters.
pub fn notes_of(view: &JamView, kind: NoteKind) -> Vec<NoteView> {
    let focus = view.focus.as_ref().map(|f| f.problem_id);
    view.notes
        .iter()
        .filter(|n| n.kind == kind)
        .filter(|n| !matches!(kind, NoteKind::Hmw | NoteKind::Solution) || n.problem == focus)
        .cloned()
        .collect()
}
