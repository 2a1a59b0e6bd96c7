//! The jam as plain Rust: no I/O, no Leptos types. Everything here is tested directly, and the
//! app (`app::domain`) and the server use it through this one crate.

pub mod change;
pub mod commands;
#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod group_tests;
pub mod groups;
pub mod jam;
pub mod join_code;
pub mod lang;
pub mod live;
#[cfg(test)]
mod live_tests;
pub mod matrix;
pub mod notes;
pub mod patch;
pub mod round;
#[cfg(test)]
mod rules_tests;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod text;
pub mod timer;
pub mod view;
#[cfg(test)]
mod view_tests;
#[cfg(test)]
mod workshop_tests;

pub use change::Change;
pub use commands::{Command, HostCommand, Outcome, ParticipantCommand};
pub use jam::{Jam, JamError, Joining, Participant, PersonId, Role};
pub use join_code::{CodeError, JoinCode};
pub use lang::Lang;
pub use matrix::{Action, Quadrant, Rating};
pub use notes::{Note, Vote};
pub use round::{NoteKind, Round, Settings, SettingsChange, SettingsError};
pub use text::{ActionText, DisplayName, GroupName, NoteText, TextError, Topic};
pub use timer::Timer;
pub use view::{Audience, JamView, NoteView, OwnView, ParticipantEntry, RoomView, ViewerRole};
