//! The live channel's messages, and a screen's copy of its view (`Replica`).
//!
//! A screen first gets its whole view (`Message::Full`): the room's part and its own, as JSON.
//! After every change it gets a `Message::Patch` from the version it has to the new one, with
//! a patch for each part that changed. A patch that does not start from the screen's version
//! (it missed one) or does not fit is a gap: the screen reconnects and gets the whole view
//! again. Between changes a heartbeat (`Heartbeat`) says the channel is alive and which version
//! is the newest, so a screen notices a connection that died silently.
//!
//! The server writes these messages by joining JSON it built once for many screens
//! (`full_json`, `patch_json`); screens read them with serde.

use super::patch::{self, Patch};
use super::view::{JamView, OwnView, RoomView};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The event name of heartbeats on the event stream (messages have the default name).
pub const HEARTBEAT_EVENT: &str = "hb";
/// The event that says the jam was deleted: nothing more comes, and reconnecting is pointless.
pub const GONE_EVENT: &str = "gone";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Message {
    #[serde(rename = "full")]
    Full {
        v: u64,
        /// The server's clock (ms since the epoch).
        now: i64,
        /// How often heartbeats come (ms): a screen that hears nothing for much longer than
        /// this reconnects.
        hb: u64,
        room: Value,
        own: Value,
    },
    #[serde(rename = "patch")]
    Patch {
        v: u64,
        from: u64,
        now: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        room: Option<Patch>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        own: Option<Patch>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heartbeat {
    /// The version the channel has sent last.
    pub v: u64,
    pub now: i64,
}

/// A whole view, from the JSON of its two parts.
pub fn full_json(v: u64, now: i64, hb: u64, room: &str, own: &str) -> String {
    format!(r#"{{"full":{{"v":{v},"now":{now},"hb":{hb},"room":{room},"own":{own}}}}}"#)
}

/// A patch message from the JSON of the parts' patches (None: that part did not change).
pub fn patch_json(v: u64, from: u64, now: i64, room: Option<&str>, own: Option<&str>) -> String {
    let mut out = format!(r#"{{"patch":{{"v":{v},"from":{from},"now":{now}"#);
    for (name, part) in [("room", room), ("own", own)] {
        if let Some(json) = part {
            out.push_str(&format!(r#","{name}":{json}"#));
        }
    }
    out.push_str("}}");
    out
}

pub fn heartbeat_json(v: u64, now: i64) -> String {
    format!(r#"{{"v":{v},"now":{now}}}"#)
}

/// The screen missed something: it must fetch the whole view again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the live channel missed a change")]
pub struct Gap;

/// A screen's copy of its view, kept up to date by the messages.
#[derive(Debug, Clone)]
pub struct Replica {
    pub version: u64,
    pub heartbeat_ms: u64,
    room: Value,
    own: Value,
}

impl Replica {
    /// Takes in one message. Answers the view it leads to; a gap leaves `replica` empty.
    pub fn receive(replica: &mut Option<Replica>, message: Message) -> Result<JamView, Gap> {
        let now = match message {
            Message::Full {
                v,
                now,
                hb,
                room,
                own,
            } => {
                *replica = Some(Replica {
                    version: v,
                    heartbeat_ms: hb,
                    room,
                    own,
                });
                now
            }
            Message::Patch {
                v,
                from,
                now,
                room,
                own,
            } => {
                let Some(current) = replica.as_mut().filter(|r| r.version == from) else {
                    *replica = None;
                    return Err(Gap);
                };
                let fits = [(&mut current.room, room), (&mut current.own, own)]
                    .into_iter()
                    .all(|(part, patch)| patch.is_none_or(|p| patch::apply(part, &p).is_ok()));
                if !fits {
                    *replica = None;
                    return Err(Gap);
                }
                current.version = v;
                now
            }
        };
        let view = replica.as_ref().and_then(|r| r.view(now));
        if view.is_none() {
            *replica = None;
        }
        view.ok_or(Gap)
    }

    /// Whether a heartbeat says this copy is behind (or from another history).
    pub fn is_behind(&self, heartbeat: &Heartbeat) -> bool {
        heartbeat.v != self.version
    }

    fn view(&self, now: i64) -> Option<JamView> {
        // Through text rather than `from_value`: the browser then holds one JSON reader for
        // every view type (the page's first load reads text too) instead of two — about 5 %
        // of the wasm a phone downloads, for well under a millisecond per change.
        let room: RoomView = serde_json::from_str(&self.room.to_string()).ok()?;
        let own: OwnView = serde_json::from_str(&self.own.to_string()).ok()?;
        Some(JamView::compose(self.version, now, room, own))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_written_by_hand_read_back() {
        let full: Message =
            serde_json::from_str(&full_json(3, 1000, 5000, r#"{"a":1}"#, r#""Visitor""#)).unwrap();
        assert_eq!(
            full,
            Message::Full {
                v: 3,
                now: 1000,
                hb: 5000,
                room: serde_json::json!({"a": 1}),
                own: serde_json::json!("Visitor"),
            }
        );
        let patch: Message =
            serde_json::from_str(&patch_json(4, 3, 1001, None, Some(r#"{"=":1}"#))).unwrap();
        assert_eq!(
            patch,
            Message::Patch {
                v: 4,
                from: 3,
                now: 1001,
                room: None,
                own: Some(Patch::Set(serde_json::json!(1))),
            }
        );
        let beat: Heartbeat = serde_json::from_str(&heartbeat_json(4, 9)).unwrap();
        assert_eq!(beat, Heartbeat { v: 4, now: 9 });
    }
}
