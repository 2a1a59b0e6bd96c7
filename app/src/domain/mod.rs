//! The jam as plain Rust: no I/O, no Leptos types. Everything here is tested directly.

pub mod commands;
pub mod jam;
pub mod join_code;
pub mod matrix;
pub mod notes;
pub mod round;
pub mod text;
pub mod timer;
pub mod view;
#[cfg(test)]
mod workshop_tests;

pub use commands::{Command, Outcome};
pub use jam::{Jam, JamError, Participant, PersonId, Role};
pub use join_code::{CodeError, JoinCode};
pub use matrix::{Action, Quadrant, Rating};
pub use notes::{Note, Vote};
pub use round::{NoteKind, Round, Settings, SettingsError};
pub use text::{ActionText, DisplayName, NoteText, TextError, Topic};
pub use timer::Timer;
pub use view::{JamView, NoteView, ParticipantEntry, ViewerRole};
