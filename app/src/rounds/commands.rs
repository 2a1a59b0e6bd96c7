//! Sending workshop commands from a screen, and showing the last refusal.

use crate::api::send_command;
use crate::components::ErrorNote;
use crate::domain::Command;
use crate::error::AppError;
use leptos::prelude::*;

/// Sends the screen's commands: a facilitator's (`HostCommand`) or a phone's
/// (`ParticipantCommand`).
#[derive(Clone, Copy)]
pub struct Commands {
    action: Action<Command, Result<u64, AppError>>,
}

/// Makes the command sender of the jam with `code` available to the screen below.
pub fn provide_commands(code: String) {
    let action = Action::new(move |command: &Command| {
        let (code, command) = (code.clone(), command.clone());
        // A fresh id per user action; the server applies each id once.
        async move { send_command(code, uuid::Uuid::new_v4(), command).await }
    });
    provide_context(Commands { action });
}

pub fn use_commands() -> Commands {
    expect_context::<Commands>()
}

impl Commands {
    pub fn send(self, command: impl Into<Command>) {
        self.action.dispatch(command.into());
    }

    /// The refusal of the latest command, if it was refused.
    pub fn error(self) -> Signal<Option<AppError>> {
        let action = self.action;
        Signal::derive(move || action.value().get().and_then(Result::err))
    }

    pub fn pending(self) -> Signal<bool> {
        self.action.pending().into()
    }
}

/// The latest refusal, in words.
#[component]
pub fn CommandError() -> impl IntoView {
    let error = use_commands().error();
    view! { <ErrorNote error/> }
}
