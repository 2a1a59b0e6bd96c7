//! A round's timer: a deadline kept on the server. Screens are told how much time remains (not
//! the deadline), so every screen counts down the same whatever its own clock says.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Timer {
    /// No timer: an untimed round, or one the facilitator has not started.
    #[default]
    Off,
    Running {
        deadline: DateTime<Utc>,
    },
    Paused {
        remaining_ms: i64,
    },
}

/// The most a timer can be set to or extended to: long enough for any round, short enough that
/// a mistyped number does not freeze a workshop.
pub const MAX_MS: i64 = 60 * 60 * 1000;

impl Timer {
    pub fn start(seconds: u32, now: DateTime<Utc>) -> Self {
        let ms = (i64::from(seconds) * 1000).min(MAX_MS);
        Self::Running {
            deadline: now + Duration::milliseconds(ms),
        }
    }

    /// Milliseconds left (0 once time is up), or None without a timer.
    pub fn remaining_ms(&self, now: DateTime<Utc>) -> Option<i64> {
        match self {
            Self::Off => None,
            Self::Running { deadline } => Some((*deadline - now).num_milliseconds().max(0)),
            Self::Paused { remaining_ms } => Some(*remaining_ms),
        }
    }

    pub fn is_up(&self, now: DateTime<Utc>) -> bool {
        self.remaining_ms(now) == Some(0)
    }

    pub fn is_running(&self) -> bool {
        matches!(self, Self::Running { .. })
    }

    /// Pauses a running timer; anything else stays as it is. Answers whether it changed.
    pub fn pause(&mut self, now: DateTime<Utc>) -> bool {
        match self.remaining_ms(now) {
            Some(remaining_ms) if self.is_running() => {
                *self = Self::Paused { remaining_ms };
                true
            }
            _ => false,
        }
    }

    pub fn resume(&mut self, now: DateTime<Utc>) -> bool {
        match *self {
            Self::Paused { remaining_ms } => {
                *self = Self::Running {
                    deadline: now + Duration::milliseconds(remaining_ms),
                };
                true
            }
            _ => false,
        }
    }

    /// Adds time (also to a timer already up, which starts it again). A stopped timer starts.
    /// A running timer's deadline moves by exactly the time added (up to the cap).
    pub fn add(&mut self, seconds: u32, now: DateTime<Utc>) {
        let extra = i64::from(seconds) * 1000;
        let cap = now + Duration::milliseconds(MAX_MS);
        *self = match *self {
            Self::Paused { remaining_ms } => Self::Paused {
                remaining_ms: (remaining_ms + extra).min(MAX_MS),
            },
            Self::Running { deadline } if deadline > now => Self::Running {
                deadline: (deadline + Duration::milliseconds(extra)).min(cap),
            },
            _ => Self::Running {
                deadline: (now + Duration::milliseconds(extra)).min(cap),
            },
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(ms: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(1_800_000_000_000 + ms).unwrap()
    }

    #[test]
    fn counts_down_pauses_and_resumes() {
        let mut timer = Timer::start(60, at(0));
        assert_eq!(timer.remaining_ms(at(10_000)), Some(50_000));
        assert!(timer.pause(at(10_000)));
        assert_eq!(
            timer.remaining_ms(at(99_000)),
            Some(50_000),
            "paused time stands still"
        );
        assert!(timer.resume(at(100_000)));
        assert_eq!(timer.remaining_ms(at(140_000)), Some(10_000));
        assert!(timer.is_up(at(150_000)));
        assert_eq!(timer.remaining_ms(at(999_000)), Some(0), "never negative");
    }

    #[test]
    fn adding_time_restarts_a_timer_that_ran_out() {
        let mut timer = Timer::start(10, at(0));
        timer.add(60, at(20_000));
        assert_eq!(timer.remaining_ms(at(20_000)), Some(60_000));
        let mut off = Timer::Off;
        off.add(60, at(0));
        assert!(off.is_running());
    }

    #[test]
    fn time_added_to_a_running_timer_moves_its_end_by_that_much() {
        let mut timer = Timer::start(60, at(0));
        timer.add(30, at(10_000));
        assert_eq!(timer.remaining_ms(at(10_000)), Some(80_000));
        let mut paused = Timer::Paused {
            remaining_ms: 5_000,
        };
        paused.add(10, at(0));
        assert_eq!(
            paused,
            Timer::Paused {
                remaining_ms: 15_000
            }
        );
    }

    #[test]
    fn only_a_running_timer_pauses_and_only_a_timer_at_zero_is_up() {
        let mut off = Timer::Off;
        assert!(!off.pause(at(0)));
        assert_eq!(off, Timer::Off);
        assert!(!off.is_up(at(0)) && !off.is_running());
        let mut paused = Timer::Paused {
            remaining_ms: 5_000,
        };
        assert!(!paused.pause(at(0)));
        assert_eq!(
            paused,
            Timer::Paused {
                remaining_ms: 5_000
            }
        );
        assert!(!paused.is_running() && !paused.is_up(at(0)));
        let running = Timer::start(10, at(0));
        assert!(running.is_running());
        assert!(!running.is_up(at(9_999)) && running.is_up(at(10_000)));
    }

    proptest! {
        /// Whatever happens, the remaining time is never negative and never above the cap.
        #[test]
        fn remaining_time_stays_in_bounds(ops in proptest::collection::vec((0u8..4, 0u32..5000, 0i64..100_000), 0..40)) {
            let mut timer = Timer::Off;
            let mut now = 0;
            for (op, secs, dt) in ops {
                now += dt;
                match op {
                    0 => timer = Timer::start(secs, at(now)),
                    1 => { timer.pause(at(now)); }
                    2 => { timer.resume(at(now)); }
                    _ => timer.add(secs, at(now)),
                }
                if let Some(ms) = timer.remaining_ms(at(now)) {
                    prop_assert!((0..=MAX_MS).contains(&ms));
                }
            }
        }
    }
}
