//! The live channel, browser side: a server-sent event stream (`/live/<CODE>`) that keeps this
//! screen's view of the jam up to date.
//!
//! On every (re)connect the server first sends the whole view, then a small patch after every
//! change (see `domain::live`); `Replica` applies them. A patch that does not follow on from
//! the version this screen has, or a heartbeat naming a version it does not have, means a
//! message went missing: the screen reconnects and gets the whole view again. So does a
//! channel that has been silent for much longer than the heartbeat interval — a connection
//! that died without a word (a phone that slept, a Wi-Fi that dropped) is noticed within
//! seconds. The browser's `EventSource` retries dropped connections on its own; when it gives
//! up (the server answered with an error, e.g. while restarting) we open a new one after a
//! pause, and at once when the page becomes visible again or the device comes back online.

use crate::domain::JamView;
use leptos::prelude::*;

/// Where the channel stands, for the "reconnecting" banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Live,
    Reconnecting,
    /// The jam was deleted; nothing more will come.
    Gone,
}

/// The URL of the event stream of the jam with `code`.
pub fn stream_url(code: &str) -> String {
    format!("/live/{code}")
}

/// The newest view received for `code` (None until the first message) and the channel's state.
/// On the server this stays None: the page renders from its resource there.
pub fn use_live_view(code: String) -> (ReadSignal<Option<JamView>>, ReadSignal<Connection>) {
    let (view, set_view) = signal(None::<JamView>);
    let (connection, set_connection) = signal(Connection::Connecting);
    #[cfg(feature = "hydrate")]
    browser::connect(code, set_view, set_connection);
    #[cfg(not(feature = "hydrate"))]
    let _ = (code, set_view, set_connection);
    (view, connection)
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::*;
    use crate::domain::live::{Heartbeat, Message, Replica, GONE_EVENT, HEARTBEAT_EVENT};
    use send_wrapper::SendWrapper;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{EventSource, MessageEvent};

    const RETRY_MS: i32 = 2_000;
    /// Until the first message says otherwise.
    const DEFAULT_HEARTBEAT_MS: f64 = 5_000.0;
    /// Silence for this many heartbeat intervals means the connection is dead.
    const SILENT_BEATS: f64 = 2.5;

    type Handler = Closure<dyn FnMut(web_sys::Event)>;
    /// A page-level event listener: what it listens on, to which event, and the handler.
    type Listener = (web_sys::EventTarget, &'static str, Handler);

    struct Channel {
        url: String,
        source: Option<EventSource>,
        replica: Option<Replica>,
        /// When anything last arrived (ms, the browser's clock).
        heard_at: f64,
        set_view: WriteSignal<Option<JamView>>,
        set_connection: WriteSignal<Connection>,
        /// The current source's handlers, kept alive as long as it is open.
        handlers: Vec<Handler>,
        /// Page-level listeners, removed when the screen goes away.
        wakeups: Vec<Listener>,
        /// The interval that checks for silence, and its handler.
        watchdog: Option<(i32, Closure<dyn FnMut()>)>,
        closed: bool,
    }

    impl Channel {
        fn heartbeat_ms(&self) -> f64 {
            self.replica
                .as_ref()
                .map_or(DEFAULT_HEARTBEAT_MS, |r| r.heartbeat_ms as f64)
        }
    }

    pub fn connect(
        code: String,
        set_view: WriteSignal<Option<JamView>>,
        set_connection: WriteSignal<Connection>,
    ) {
        let channel = Rc::new(RefCell::new(Channel {
            url: stream_url(&code),
            source: None,
            replica: None,
            heard_at: js_sys::Date::now(),
            set_view,
            set_connection,
            handlers: Vec::new(),
            wakeups: Vec::new(),
            watchdog: None,
            closed: false,
        }));
        open(&channel);
        watch_wakeups(&channel);
        start_watchdog(&channel);
        let on_unmount = SendWrapper::new(channel);
        on_cleanup(move || {
            let mut channel = on_unmount.borrow_mut();
            channel.closed = true;
            if let Some(source) = channel.source.take() {
                source.close();
            }
            if let Some((id, _)) = channel.watchdog.take() {
                window().clear_interval_with_handle(id);
            }
            // The handlers hold the channel; dropping them breaks that cycle.
            channel.handlers.clear();
            for (target, event, handler) in channel.wakeups.drain(..) {
                let _ = target
                    .remove_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
            }
        });
    }

    fn data_of(event: &web_sys::Event) -> Option<String> {
        event
            .dyn_ref::<MessageEvent>()
            .and_then(|m| m.data().as_string())
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
                let Some(message) =
                    data_of(&event).and_then(|d| serde_json::from_str::<Message>(&d).ok())
                else {
                    return;
                };
                let received = {
                    let mut c = channel.borrow_mut();
                    c.heard_at = js_sys::Date::now();
                    let received = Replica::receive(&mut c.replica, message);
                    if let Ok(view) = &received {
                        c.set_view.set(Some(view.clone()));
                        c.set_connection.set(Connection::Live);
                    }
                    received
                };
                if received.is_err() {
                    // A message went missing: start again from the whole view.
                    open(&channel);
                }
            })
        };
        let on_heartbeat = {
            let channel = Rc::clone(channel);
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                let Some(beat) =
                    data_of(&event).and_then(|d| serde_json::from_str::<Heartbeat>(&d).ok())
                else {
                    return;
                };
                let behind = {
                    let mut c = channel.borrow_mut();
                    c.heard_at = js_sys::Date::now();
                    c.replica.as_ref().is_none_or(|r| r.is_behind(&beat))
                };
                if behind {
                    open(&channel);
                }
            })
        };
        let on_gone = {
            let channel = Rc::clone(channel);
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                let mut c = channel.borrow_mut();
                c.closed = true;
                if let Some(source) = c.source.take() {
                    source.close();
                }
                c.set_connection.set(Connection::Gone);
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
        let _ = source.add_event_listener_with_callback(
            HEARTBEAT_EVENT,
            on_heartbeat.as_ref().unchecked_ref(),
        );
        let _ =
            source.add_event_listener_with_callback(GONE_EVENT, on_gone.as_ref().unchecked_ref());
        let mut c = channel.borrow_mut();
        if let Some(old) = c.source.replace(source) {
            old.close();
        }
        c.replica = None;
        c.heard_at = js_sys::Date::now();
        c.handlers.clear();
        c.handlers
            .extend([on_message, on_heartbeat, on_gone, on_error]);
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

    /// Every second: a channel that has heard nothing for several heartbeats is dead, even if
    /// the browser has not noticed; open a new one.
    fn start_watchdog(channel: &Rc<RefCell<Channel>>) {
        let weak = Rc::downgrade(channel);
        let check = Closure::<dyn FnMut()>::new(move || {
            let Some(channel) = weak.upgrade() else {
                return;
            };
            let silent = {
                let c = channel.borrow();
                !c.closed && js_sys::Date::now() - c.heard_at > c.heartbeat_ms() * SILENT_BEATS
            };
            if silent {
                channel
                    .borrow()
                    .set_connection
                    .set(Connection::Reconnecting);
                open(&channel);
            }
        });
        if let Ok(id) = window().set_interval_with_callback_and_timeout_and_arguments_0(
            check.as_ref().unchecked_ref(),
            1_000,
        ) {
            channel.borrow_mut().watchdog = Some((id, check));
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
