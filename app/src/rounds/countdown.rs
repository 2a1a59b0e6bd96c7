//! The round's countdown. The server sends when the timer ends on its own clock, and its clock
//! with every view; the screen counts down against the server's clock (its own plus the
//! difference it saw when the view arrived), so every screen shows the same time whatever its
//! own clock says. At zero the projector chimes and phones vibrate.

use crate::domain::view::TimerView;
use crate::locale::use_texts;
use leptos::prelude::*;

/// What a screen does when time runs out.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Alarm {
    Sound,
    Vibrate,
}

/// Time left in the round, in milliseconds, on the server's clock (None: the round has no
/// timer). `timer` is the round's timer and `clock_ms` the server's clock when the view was
/// sent. Made once per screen; the countdown and anything that locks at time-up read it.
#[derive(Clone, Copy)]
pub struct TimeLeft(pub Signal<Option<i64>>);

impl TimeLeft {
    pub fn new(timer: Signal<Option<TimerView>>, clock_ms: Signal<i64>) -> Self {
        // The server's clock minus this screen's, as seen when the latest view arrived; and
        // this screen's clock, ticking. Both are set in the browser only: on the server the
        // countdown shows the time left when the page was made.
        let offset = RwSignal::new(0.0_f64);
        let now = RwSignal::new(None::<f64>);
        #[cfg(feature = "hydrate")]
        {
            Effect::new(move |_| {
                let local = js_sys::Date::now();
                offset.set(clock_ms.get() as f64 - local);
                now.set(Some(local));
            });
            if let Ok(handle) = set_interval_with_handle(
                move || now.set(Some(js_sys::Date::now())),
                std::time::Duration::from_millis(250),
            ) {
                on_cleanup(move || handle.clear());
            }
        }
        Self(Signal::derive(move || {
            let timer = timer.get()?;
            let server_now = match now.get() {
                Some(local) => (local + offset.get()) as i64,
                None => clock_ms.get(),
            };
            Some(timer.left_ms(server_now))
        }))
    }

    /// Whether the round's time has run out.
    pub fn is_up(self) -> Memo<bool> {
        let left = self.0;
        Memo::new(move |_| left.get() == Some(0))
    }
}

/// The countdown of `left`; `timer` says whether it runs or is paused.
#[component]
pub fn Countdown(left: TimeLeft, timer: Signal<Option<TimerView>>, alarm: Alarm) -> impl IntoView {
    let t = use_texts();
    let is_up = left.is_up();
    Effect::new(move |was_up: Option<bool>| {
        let up = is_up.get();
        if up && was_up == Some(false) {
            ring(alarm);
        }
        up
    });
    move || {
        left.0.get().map(|ms| {
            let secs = (ms + 999) / 1000;
            let running = timer.get().is_some_and(|t| t.running());
            view! {
                <div
                    class="countdown"
                    class:up=move || is_up.get()
                    class:paused=!running
                    role="timer"
                    aria-live="off"
                    data-testid="countdown"
                    // For the phone's script, which counts down from here by itself.
                    data-left-ms=ms
                    data-running=running.to_string()
                    data-timer=move || timer.get().and_then(|t| serde_json::to_string(&t).ok())
                >
                    <span class="clock">{format!("{}:{:02}", secs / 60, secs % 60)}</span>
                    // Paused and time-up said in words too, not by colour alone.
                    {move || {
                        if is_up.get() {
                            Some(view! { <span class="clock-state time-up">{t.get().time_up}</span> })
                        } else if !running {
                            Some(view! { <span class="clock-state">{t.get().paused}</span> })
                        } else {
                            None
                        }
                    }}
                </div>
            }
        })
    }
}

fn ring(alarm: Alarm) {
    #[cfg(feature = "hydrate")]
    match alarm {
        Alarm::Vibrate => {
            let _ = window().navigator().vibrate_with_duration(400);
        }
        Alarm::Sound => beep(),
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = alarm;
}

/// A short two-tone chime through Web Audio (no sound file to load).
#[cfg(feature = "hydrate")]
fn beep() {
    let Ok(audio) = web_sys::AudioContext::new() else {
        return;
    };
    let start = audio.current_time();
    for (i, freq) in [880.0_f32, 660.0].into_iter().enumerate() {
        let (Ok(osc), Ok(gain)) = (audio.create_oscillator(), audio.create_gain()) else {
            return;
        };
        osc.frequency().set_value(freq);
        let at = start + i as f64 * 0.35;
        let _ = gain.gain().set_value_at_time(0.4, at);
        let _ = gain
            .gain()
            .exponential_ramp_to_value_at_time(0.001, at + 0.3);
        let _ = osc.connect_with_audio_node(&gain);
        let _ = gain.connect_with_audio_node(&audio.destination());
        let _ = osc.start_with_when(at);
        let _ = osc.stop_with_when(at + 0.32);
    }
}
