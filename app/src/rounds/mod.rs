//! The screens of the workshop's rounds, one file per kind of round. Each file holds what the
//! projector shows (`Host…`) and what a phone shows (`Phone…`) for its rounds.

pub mod actions;
pub mod commands;
pub mod controls;
pub mod countdown;
pub mod export;
pub mod groups;
pub mod lead;
pub mod matrix;
pub mod prioritize;
pub mod reframe;
pub mod voting;
pub mod writing;

use crate::domain::{JamView, NoteKind, NoteView};

/// The revealed notes of `kind` in the view (the reveal round's walls).
pub fn revealed(view: &JamView, kind: NoteKind) -> Vec<NoteView> {
    view.notes
        .iter()
        .filter(|n| n.kind == kind && n.revealed)
        .cloned()
        .collect()
}
