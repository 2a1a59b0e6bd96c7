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
    code: StoredValue<String>,
}

/// How long to wait before each new try of a command that got no answer: about seven seconds
/// in all, enough for a phone to get through a Wi-Fi hand-over or a server to restart.
const RETRY_WAITS_MS: [i32; 4] = [400, 900, 2_000, 4_000];

/// Makes the command sender of the jam with `code` available to the screen below.
pub fn provide_commands(code: String) {
    let sent_to = code.clone();
    let action = Action::new(move |command: &Command| {
        deliver(sent_to.clone(), uuid::Uuid::new_v4(), command.clone())
    });
    provide_context(Commands {
        action,
        code: StoredValue::new(code),
    });
}

/// Sends `command` with the id `id`, trying again when the answer was lost on the way or the
/// server could not save it. Every try carries the same id, so the server applies the command
/// once however many tries reach it (and a caller that tries again later with the same id,
/// e.g. once the network is back, is just as safe); a refusal (wrong round, no dots left) is
/// final and is not tried again.
pub async fn deliver(code: String, id: uuid::Uuid, command: Command) -> Result<u64, AppError> {
    let mut waits = RETRY_WAITS_MS.into_iter();
    loop {
        let answer = send_command(code.clone(), id, command.clone()).await;
        match (&answer, waits.next()) {
            (Err(AppError::Network(_) | AppError::Storage), Some(ms)) => wait_ms(ms).await,
            _ => return answer,
        }
    }
}

/// Waits `ms` milliseconds in the browser. (Commands are sent only from the browser.)
async fn wait_ms(ms: i32) {
    #[cfg(feature = "hydrate")]
    {
        let timer = js_sys::Promise::new(&mut |done, _| {
            let waiting = web_sys::window().and_then(|window| {
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&done, ms)
                    .ok()
            });
            if waiting.is_none() {
                let _ = done.call0(&wasm_bindgen::JsValue::NULL);
            }
        });
        // The browser runs one thread; the wrapper lets the command's future say it is `Send`.
        let _ = send_wrapper::SendWrapper::new(wasm_bindgen_futures::JsFuture::from(timer)).await;
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ms;
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

    /// The jam the commands go to.
    pub fn code(self) -> String {
        self.code.get_value()
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
