//! What a jam's screens are fed: each new state of the jam, published once for all of its
//! screens, with the work that many screens share done once.
//!
//! A `Published` state builds its parts lazily (only if some screen looks) and once: the room's
//! part for members and for visitors, the facilitator's own part and every phone's own part, as
//! JSON values and as text. A screen that had version `b` and now needs version `v` is sent a
//! patch of the room's part from `b` to `v`; that patch is made once per (`b`, audiences) and
//! then handed, as text, to every screen that had `b`. Only each phone's own small part is
//! compared per screen.
//!
//! Every part comes from `domain::view`, which is where privacy is decided; this file only
//! decides how much of it to send again.

use crate::domain::live::{full_json, heartbeat_json, patch_json};
use crate::domain::patch::diff;
use crate::domain::view::{Audience, HostOwn, MyOwn, OwnView, RoomView};
use crate::domain::{Jam, PersonId};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use uuid::Uuid;

/// One part of a view, as text (to send whole, and to tell whether it changed) and, for the
/// parts many screens share, as a JSON value to patch from. A phone's own part is small and
/// rarely changes, so it is kept as text only (a few thousand of them are kept per state) and
/// read back into a value only when it did change.
pub struct Part {
    pub json: Arc<str>,
    value: Option<Value>,
}

impl Part {
    fn shared(part: &impl Serialize) -> Arc<Part> {
        let value = serde_json::to_value(part).expect("views serialize");
        let json = value.to_string().into();
        Arc::new(Part {
            json,
            value: Some(value),
        })
    }

    fn own(part: &impl Serialize) -> Arc<Part> {
        let json = serde_json::to_string(part).expect("views serialize").into();
        Arc::new(Part { json, value: None })
    }

    fn value(&self) -> std::borrow::Cow<'_, Value> {
        match &self.value {
            Some(value) => std::borrow::Cow::Borrowed(value),
            None => std::borrow::Cow::Owned(
                serde_json::from_str(&self.json).expect("a part reads back"),
            ),
        }
    }

    /// The patch from `old` to this part, as text; None when they are the same.
    fn patch_from(&self, old: &Part) -> Option<String> {
        if self.json == old.json {
            return None;
        }
        diff(&old.value(), &self.value())
            .map(|p| serde_json::to_string(&p).expect("patches serialize"))
    }
}

struct Parts {
    /// Who is who, to find a screen's seat without going through the whole room.
    seats: HashMap<PersonId, Seat>,
    members: Arc<Part>,
    /// When the room is split into groups: each group's phones' room part, by group.
    groups: Vec<Arc<Part>>,
    visitors: Arc<Part>,
    host: Arc<Part>,
    phones: HashMap<Uuid, Arc<Part>>,
    visitor_own: Arc<Part>,
}

/// One state of a jam as its screens get it.
pub struct Published {
    pub jam: Arc<Jam>,
    /// The jam was deleted: screens are told so, and nothing more comes.
    pub gone: bool,
    parts: OnceLock<Parts>,
    /// Room patches from earlier versions to this one, made once.
    room_patches: Mutex<HashMap<PatchKey, Option<Arc<str>>>>,
}

/// (from version, from audience, to audience) of a room patch; the patch is None when the room
/// did not change.
type PatchKey = (u64, Audience, Audience);

/// Which own part a screen gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    Facilitator,
    Phone(Uuid),
    Visitor,
}

impl Seat {
    /// The room view this seat sees in `jam` (the same rule as `view::audience_of`).
    fn audience(self, jam: &Jam) -> Audience {
        match self {
            Seat::Phone(id) if jam.grouped() => Audience::Group(jam.group_of(id).unwrap_or(0)),
            Seat::Facilitator | Seat::Phone(_) => Audience::Members,
            Seat::Visitor => Audience::Visitors,
        }
    }
}

/// What one screen was sent last: the state, its audience and its own part.
pub struct Sent {
    pub published: Arc<Published>,
    pub audience: Audience,
    pub own: Arc<Part>,
}

impl Published {
    pub fn new(jam: Arc<Jam>) -> Arc<Self> {
        Arc::new(Self {
            jam,
            gone: false,
            parts: OnceLock::new(),
            room_patches: Mutex::new(HashMap::new()),
        })
    }

    /// The end of a deleted jam.
    pub fn gone(jam: Arc<Jam>) -> Arc<Self> {
        Arc::new(Self {
            jam,
            gone: true,
            parts: OnceLock::new(),
            room_patches: Mutex::new(HashMap::new()),
        })
    }

    pub fn version(&self) -> u64 {
        self.jam.version
    }

    fn parts(&self) -> &Parts {
        self.parts.get_or_init(|| {
            let jam = &self.jam;
            let mut seats: HashMap<PersonId, Seat> = jam
                .participants
                .iter()
                .map(|p| (p.person, Seat::Phone(p.id)))
                .collect();
            // Whoever drives the jam: its facilitator and those who came with the key.
            for host in std::iter::once(&jam.facilitator).chain(&jam.co_hosts) {
                seats.insert(*host, Seat::Facilitator);
            }
            Parts {
                seats,
                members: Part::shared(&RoomView::build(jam, Audience::Members)),
                groups: if jam.grouped() {
                    (0..jam.group_count())
                        .map(|g| Part::shared(&RoomView::build(jam, Audience::Group(g))))
                        .collect()
                } else {
                    Vec::new()
                },
                visitors: Part::shared(&RoomView::build(jam, Audience::Visitors)),
                host: Part::shared(&OwnView::Facilitator(HostOwn::build(jam))),
                phones: MyOwn::all(jam)
                    .into_iter()
                    .map(|(id, own)| (id, Part::own(&OwnView::Participant(own))))
                    .collect(),
                visitor_own: Part::own(&OwnView::Visitor),
            }
        })
    }

    fn room(&self, audience: Audience) -> &Arc<Part> {
        let parts = self.parts();
        match audience {
            Audience::Members => &parts.members,
            // Every group of the jam has its part; a group the jam no longer has sees what a
            // visitor sees.
            Audience::Group(g) => parts.groups.get(usize::from(g)).unwrap_or(&parts.visitors),
            Audience::Visitors => &parts.visitors,
        }
    }

    fn own(&self, seat: Seat) -> Arc<Part> {
        let parts = self.parts();
        match seat {
            Seat::Facilitator => parts.host.clone(),
            Seat::Phone(id) => parts
                .phones
                .get(&id)
                .cloned()
                .unwrap_or_else(|| parts.visitor_own.clone()),
            Seat::Visitor => parts.visitor_own.clone(),
        }
    }

    /// The room patch from what `sent` holds to this state, made once for all screens alike.
    fn room_patch_from(&self, sent: &Sent, audience: Audience) -> Option<Arc<str>> {
        let key = (sent.published.version(), sent.audience, audience);
        let mut patches = self.room_patches.lock().expect("patch memo");
        patches
            .entry(key)
            .or_insert_with(|| {
                self.room(audience)
                    .patch_from(sent.published.room(sent.audience))
                    .map(Arc::from)
            })
            .clone()
    }

    /// The message that brings the screen of `person` from `sent` (None: nothing yet) to this
    /// state, and what it then holds. None when it holds this version already.
    pub fn message_for(
        self: &Arc<Self>,
        person: PersonId,
        sent: Option<&Sent>,
        now_ms: i64,
        heartbeat_ms: u64,
    ) -> Option<(String, Sent)> {
        let seat = self
            .parts()
            .seats
            .get(&person)
            .copied()
            .unwrap_or(Seat::Visitor);
        let audience = seat.audience(&self.jam);
        let own = self.own(seat);
        let message = match sent {
            Some(sent) if sent.published.version() == self.version() => return None,
            Some(sent) => {
                let room = self.room_patch_from(sent, audience);
                let own_patch = if Arc::ptr_eq(&sent.own, &own) {
                    None
                } else {
                    own.patch_from(&sent.own)
                };
                patch_json(
                    self.version(),
                    sent.published.version(),
                    now_ms,
                    room.as_deref(),
                    own_patch.as_deref(),
                )
            }
            None => full_json(
                self.version(),
                now_ms,
                heartbeat_ms,
                &self.room(audience).json,
                &own.json,
            ),
        };
        let sent = Sent {
            published: self.clone(),
            audience,
            own,
        };
        Some((message, sent))
    }
}

/// A heartbeat for a screen that holds `version`.
pub fn heartbeat(version: u64, now_ms: i64) -> String {
    heartbeat_json(version, now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::live::{Message, Replica};
    use crate::domain::testing::jam;
    use crate::domain::{DisplayName, HostCommand, JamView, ParticipantCommand};
    use chrono::Utc;

    /// The server's messages, read the way screens read them, give every screen exactly its
    /// view — for the facilitator, a phone and a visitor, across several changes.
    #[test]
    fn messages_give_each_screen_its_view() {
        let mut jam = jam();
        let host = jam.facilitator;
        let anna = PersonId(Uuid::from_u128(7));
        let visitor = PersonId(Uuid::from_u128(8));
        // A second device that came with the facilitator link drives the jam too.
        let co_host = PersonId(Uuid::from_u128(9));
        jam.host_key = Some("nyckel".into());
        jam.claim_host(co_host, "nyckel").unwrap();
        let steps: Vec<Step> = vec![
            Box::new(|_| {}),
            Box::new(move |j| {
                j.join(
                    anna,
                    DisplayName::parse("Anna").unwrap(),
                    Uuid::from_u128(70),
                    Utc::now(),
                )
                .unwrap();
            }),
            Box::new(move |j| {
                j.apply(
                    host,
                    HostCommand::NextRound { from: j.round }.into(),
                    Uuid::new_v4(),
                    Utc::now(),
                )
                .unwrap();
            }),
            Box::new(move |j| {
                j.apply(
                    host,
                    HostCommand::NextRound { from: j.round }.into(),
                    Uuid::new_v4(),
                    Utc::now(),
                )
                .unwrap();
            }),
            Box::new(move |j| {
                j.apply(
                    anna,
                    ParticipantCommand::AddNote {
                        text: "Parkering".into(),
                    }
                    .into(),
                    Uuid::new_v4(),
                    Utc::now(),
                )
                .unwrap();
            }),
        ];
        replay(jam, &[host, anna, visitor, co_host], steps);
    }

    type Step = Box<dyn Fn(&mut Jam)>;

    /// Takes `jam` through `steps`; after each, every screen of `people` reads the server's
    /// message the way screens do and must hold exactly its view. Answers the messages sent,
    /// per screen.
    fn replay(mut jam: Jam, people: &[PersonId], steps: Vec<Step>) -> Vec<Vec<String>> {
        let mut screens: Vec<(PersonId, Option<Sent>, Option<Replica>)> =
            people.iter().map(|p| (*p, None, None)).collect();
        let mut messages = vec![Vec::new(); people.len()];
        for step in steps {
            step(&mut jam);
            let published = Published::new(Arc::new(jam.clone()));
            for (i, (person, sent, replica)) in screens.iter_mut().enumerate() {
                let (text, now_sent) = published
                    .message_for(*person, sent.as_ref(), 1000, 5000)
                    .expect("a new version");
                let message: Message = serde_json::from_str(&text).unwrap();
                let view = Replica::receive(replica, message).unwrap();
                assert_eq!(
                    view,
                    JamView::for_person(&jam, *person, Utc::now()).with_clock(1000)
                );
                messages[i].push(text);
                *sent = Some(now_sent);
            }
        }
        messages
    }

    /// A room split into groups: each phone's messages bring it its group's view (also across
    /// the split itself), and a note of one group never travels to the other group's phone.
    #[test]
    fn grouped_phones_get_their_groups_view_only() {
        let jam = jam();
        let host = jam.facilitator;
        let (anna, bo) = (PersonId(Uuid::from_u128(7)), PersonId(Uuid::from_u128(8)));
        let by = |who: PersonId, command: crate::domain::Command| -> Step {
            Box::new(move |j: &mut Jam| {
                j.apply(who, command.clone(), Uuid::new_v4(), Utc::now())
                    .unwrap();
            })
        };
        let join = |who: PersonId, name: &'static str, id: u128| -> Step {
            Box::new(move |j: &mut Jam| {
                j.join(
                    who,
                    DisplayName::parse(name).unwrap(),
                    Uuid::from_u128(id),
                    Utc::now(),
                )
                .unwrap();
            })
        };
        let next =
            |round: crate::domain::Round| by(host, HostCommand::NextRound { from: round }.into());
        use crate::domain::{Round, SettingsChange};
        let split = SettingsChange {
            groups: Some(2),
            ..SettingsChange::default()
        };
        let note = |text: &str| ParticipantCommand::AddNote { text: text.into() }.into();
        let steps: Vec<Step> = vec![
            join(anna, "Anna", 70),
            join(bo, "Bo", 80),
            by(host, HostCommand::UpdateSettings(split).into()),
            next(Round::Lobby),
            next(Round::Working),
            by(anna, note("Annas hemlighet")),
            by(bo, note("Bos hemlighet")),
            next(Round::Problems),
            by(
                host,
                HostCommand::Reveal {
                    author: None,
                    group: None,
                }
                .into(),
            ),
        ];
        let messages = replay(jam, &[host, anna, bo], steps);
        let said = |screen: usize, text: &str| messages[screen].iter().any(|m| m.contains(text));
        assert!(said(0, "Annas hemlighet") && said(0, "Bos hemlighet"));
        assert!(said(1, "Annas hemlighet") && !said(1, "Bos hemlighet"));
        assert!(said(2, "Bos hemlighet") && !said(2, "Annas hemlighet"));
    }
}
