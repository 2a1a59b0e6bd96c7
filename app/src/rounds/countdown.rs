//! The round's countdown. The server says how many milliseconds were left when it built the
//! view; the screen counts down from the moment the view arrived, so every screen shows the
//! same time whatever its own clock says. At zero the projector beeps and phones vibrate.

use crate::domain::view::TimerView;
use crate::locale::use_texts;
use leptos::prelude::*;

/// What a screen does when time runs out.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Alarm {
    Sound,
    Vibrate,
}

#[component]
pub fn Countdown(timer: Signal<Option<TimerView>>, alarm: Alarm) -> impl IntoView {
    let t = use_texts();
    // (the timer as received, when it was received) — set in the browser only.
    let received = RwSignal::new(None::<(TimerView, f64)>);
    let now = RwSignal::new(0.0);
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| {
            let clock = js_sys::Date::now();
            now.set(clock);
            received.set(timer.get().map(|t| (t, clock)));
        });
        if let Ok(handle) = set_interval_with_handle(
            move || now.set(js_sys::Date::now()),
            std::time::Duration::from_millis(250),
        ) {
            on_cleanup(move || handle.clear());
        }
    }
    let remaining = move || {
        let (view, at) = received.get().or_else(|| timer.get().map(|t| (t, 0.0)))?;
        let elapsed = if view.running && at > 0.0 {
            (now.get() - at).max(0.0)
        } else {
            0.0
        };
        Some((view.remaining_ms as f64 - elapsed).max(0.0) as i64)
    };
    let is_up = Memo::new(move |_| remaining() == Some(0));
    Effect::new(move |was_up: Option<bool>| {
        let up = is_up.get();
        if up && was_up == Some(false) {
            ring(alarm);
        }
        up
    });
    move || {
        remaining().map(|ms| {
            let secs = (ms + 999) / 1000;
            let running = timer.get().is_some_and(|t| t.running);
            view! {
                <div
                    class="countdown"
                    class:up=move || is_up.get()
                    class:paused=!running
                    role="timer"
                    aria-live="off"
                    data-testid="countdown"
                >
                    <span class="clock">{format!("{}:{:02}", secs / 60, secs % 60)}</span>
                    {move || is_up.get().then(|| view! { <span class="time-up">{t.get().time_up}</span> })}
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
