//! The jam as plain Rust: no I/O, no Leptos types. Everything here is tested directly.

pub mod jam;
pub mod join_code;
pub mod text;
pub mod view;

pub use jam::{Jam, JamError, Participant, PersonId, Role};
pub use join_code::{CodeError, JoinCode};
pub use text::{DisplayName, TextError, Topic};
pub use view::{JamView, ParticipantEntry, ViewerRole};
