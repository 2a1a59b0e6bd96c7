//! The live channel, browser side: a server-sent event stream of the jam as this screen may
//! see it (`/live/<CODE>`).
//!
//! The server sends the full view, with its version, first on every (re)connect and then after
//! every change, so a screen that slept or lost the network catches up by itself. The browser's
//! `EventSource` retries dropped connections on its own; when it gives up (the server answered
//! with an error, e.g. while restarting) we open a new one after a pause, and at once when the
//! page becomes visible again or the device comes back online.

use crate::domain::JamView;
use leptos::prelude::*;

/// Where the channel stands, for the "reconnecting" banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Live,
    Reconnecting,
}

/// The URL of the event stream of the jam with `code`.
pub fn stream_url(code: &str) -> String {
    format!("/live/{code}")
}

/// The newest view received for `code` (None until the first event) and the channel's state.
/// On the server this stays None: the page renders from its resource there.
pub fn use_live_view(code: String) -> (ReadSignal<Option<JamView>>, ReadSignal<Connection>) {
    let (view, set_view) = signal(None::<JamView>);
    let (connection, set_connection) = signal(Connection::Connecting);
    #[cfg(feature = "hydrate")]
    browser::connect(code, (view, set_view), set_connection);
    #[cfg(not(feature = "hydrate"))]
    let _ = (code, set_view, set_connection);
    (view, connection)
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::*;
    use send_wrapper::SendWrapper;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{EventSource, MessageEvent};

    const RETRY_MS: i32 = 2_000;

    type Handler = Closure<dyn FnMut(web_sys::Event)>;
    /// A page-level event listener: what it listens on, to which event, and the handler.
    type Listener = (web_sys::EventTarget, &'static str, Handler);

    struct Channel {
        url: String,
        source: Option<EventSource>,
        set_view: WriteSignal<Option<JamView>>,
        view: ReadSignal<Option<JamView>>,
        set_connection: WriteSignal<Connection>,
        /// The current source's handlers, kept alive as long as it is open.
        handlers: Vec<Handler>,
        /// Page-level listeners, removed when the screen goes away.
        wakeups: Vec<Listener>,
        closed: bool,
    }

    pub fn connect(
        code: String,
        (view, set_view): (ReadSignal<Option<JamView>>, WriteSignal<Option<JamView>>),
        set_connection: WriteSignal<Connection>,
    ) {
        let channel = Rc::new(RefCell::new(Channel {
            url: stream_url(&code),
            source: None,
            set_view,
            view,
            set_connection,
            handlers: Vec::new(),
            wakeups: Vec::new(),
            closed: false,
        }));
        open(&channel);
        watch_wakeups(&channel);
        let on_unmount = SendWrapper::new(channel);
        on_cleanup(move || {
            let mut channel = on_unmount.borrow_mut();
            channel.closed = true;
            if let Some(source) = channel.source.take() {
                source.close();
            }
            // The handlers hold the channel; dropping them breaks that cycle.
            channel.handlers.clear();
            for (target, event, handler) in channel.wakeups.drain(..) {
                let _ = target
                    .remove_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
            }
        });
    }

    fn open(channel: &Rc<RefCell<Channel>>) {
        let url = channel.borrow().url.clone();
        let Ok(source) = EventSource::new(&url) else {
            schedule_reopen(channel);
            return;
        };
        let on_message = {
            let channel = Rc::clone(channel);
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                let Some(data) = event
                    .dyn_ref::<MessageEvent>()
                    .and_then(|m| m.data().as_string())
                else {
                    return;
                };
                let Ok(next) = serde_json::from_str::<JamView>(&data) else {
                    return;
                };
                let channel = channel.borrow();
                // Versions only move forward: a late, older event never replaces a newer view.
                let newer = channel
                    .view
                    .with_untracked(|v| v.as_ref().is_none_or(|v| next.version >= v.version));
                if newer {
                    channel.set_view.set(Some(next));
                }
                channel.set_connection.set(Connection::Live);
            })
        };
        let on_error = {
            let channel = Rc::clone(channel);
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                let gave_up = {
                    let channel = channel.borrow();
                    channel.set_connection.set(Connection::Reconnecting);
                    channel
                        .source
                        .as_ref()
                        .is_some_and(|s| s.ready_state() == EventSource::CLOSED)
                };
                if gave_up {
                    schedule_reopen(&channel);
                }
            })
        };
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut c = channel.borrow_mut();
        if let Some(old) = c.source.replace(source) {
            old.close();
        }
        c.handlers.clear();
        c.handlers.push(on_message);
        c.handlers.push(on_error);
    }

    fn schedule_reopen(channel: &Rc<RefCell<Channel>>) {
        let channel = Rc::clone(channel);
        let retry = Closure::once_into_js(move || reopen_if_down(&channel));
        let _ = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(retry.unchecked_ref(), RETRY_MS);
    }

    fn reopen_if_down(channel: &Rc<RefCell<Channel>>) {
        let down = {
            let c = channel.borrow();
            !c.closed
                && c.source
                    .as_ref()
                    .is_none_or(|s| s.ready_state() == EventSource::CLOSED)
        };
        if down {
            open(channel);
        }
    }

    /// A phone that wakes up or comes back online reconnects at once instead of waiting.
    fn watch_wakeups(channel: &Rc<RefCell<Channel>>) {
        for (target, event) in [
            (
                document().unchecked_into::<web_sys::EventTarget>(),
                "visibilitychange",
            ),
            (window().unchecked_into::<web_sys::EventTarget>(), "online"),
        ] {
            let weak = Rc::downgrade(channel);
            let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                let visible = document().visibility_state() == web_sys::VisibilityState::Visible;
                if let (true, Some(channel)) = (visible, weak.upgrade()) {
                    reopen_if_down(&channel);
                }
            });
            let _ =
                target.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
            channel.borrow_mut().wakeups.push((target, event, handler));
        }
    }
}
