//! The live channel against the views it stands for: for random workshops and every kind of
//! viewer (the facilitator, participants, a visitor who joins half-way), the messages a screen
//! receives, applied to its first view, give exactly its full view of that version — also when
//! it skips versions, as a screen does when changes come faster than it is sent them — and no
//! message carries a note the viewer may not see.

use super::live::{full_json, patch_json, Message, Replica};
use super::patch::diff;
use super::view::{audience_of, JamView, OwnView, RoomView};
use super::workshop_tests::{actor, any_action, command_for, Room};
use super::{Command, DisplayName, HostCommand, Jam, ParticipantCommand, PersonId};
use chrono::Utc;
use proptest::prelude::*;
use serde_json::Value;

/// One screen and what it was last sent: (version, room part, own part).
struct Screen {
    person: PersonId,
    replica: Option<Replica>,
    sent: Option<(u64, Value, Value)>,
}

fn parts(jam: &Jam, person: PersonId) -> (Value, Value) {
    let room = RoomView::build(jam, audience_of(jam, person));
    let own = OwnView::build(jam, person);
    (
        serde_json::to_value(room).unwrap(),
        serde_json::to_value(own).unwrap(),
    )
}

/// What the server sends `screen` to bring it to `jam`'s version: a patch from what it has, or
/// the whole view the first time.
fn message(screen: &Screen, jam: &Jam, now: i64) -> String {
    let (room, own) = parts(jam, screen.person);
    let json = |p: Option<super::patch::Patch>| p.map(|p| serde_json::to_string(&p).unwrap());
    match &screen.sent {
        Some((version, old_room, old_own)) => patch_json(
            jam.version,
            *version,
            now,
            json(diff(old_room, &room)).as_deref(),
            json(diff(old_own, &own)).as_deref(),
        ),
        None => full_json(
            jam.version,
            now,
            5000,
            &serde_json::to_string(&room).unwrap(),
            &serde_json::to_string(&own).unwrap(),
        ),
    }
}

/// The text of every note `person` may see, by the rule (not by the view): revealed, or theirs.
fn may_see(jam: &Jam, person: PersonId) -> Vec<String> {
    let me = jam.participant_of(person).map(|p| p.id);
    jam.notes
        .iter()
        .filter(|n| n.revealed || Some(n.author) == me)
        .map(|n| n.text.to_string())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn messages_rebuild_every_view_and_carry_nothing_hidden(
        steps in proptest::collection::vec((any_action(), proptest::collection::vec(any::<bool>(), 6)), 1..120),
        visitor_joins_at in 0usize..120,
    ) {
        let mut room = Room::new(4);
        let mut screens: Vec<Screen> = (0..6)
            .map(|w| Screen { person: actor(&room, w), replica: None, sent: None })
            .collect();
        let mut written = 0;
        let last = steps.len() - 1;
        for (step, ((who, what, which), deliver)) in steps.into_iter().enumerate() {
            if step == visitor_joins_at {
                let visitor = actor(&room, 5);
                let id = room.fresh();
                room.jam.join(visitor, DisplayName::parse("Visitor").unwrap(), id, Utc::now()).unwrap();
            }
            let mut command = command_for(&room, who, what, which);
            if let Command::Participant(ParticipantCommand::AddNote { text }) = &mut command {
                // Every note says something no other note says, so a leak can be spotted.
                written += 1;
                *text = format!("secret{written}x");
            }
            let person = actor(&room, who);
            let _ = room.by(person, command);
            let now = Utc::now();
            for (screen, deliver) in screens.iter_mut().zip(deliver) {
                if !(deliver || step == last) {
                    continue; // this screen skips a version or more, as when changes coalesce
                }
                let expected = JamView::for_person(&room.jam, screen.person, now);
                let sent = message(screen, &room.jam, now.timestamp_millis());
                let visible = may_see(&room.jam, screen.person);
                for marker in sent.split("secret").skip(1).filter_map(|s| s.split_once('x')) {
                    let text = format!("secret{}x", marker.0);
                    prop_assert!(visible.contains(&text), "{} sent to a screen that may not see it", text);
                }
                let parsed: Message = serde_json::from_str(&sent).unwrap();
                let view = Replica::receive(&mut screen.replica, parsed);
                prop_assert_eq!(view, Ok(expected));
                let (room_part, own_part) = parts(&room.jam, screen.person);
                screen.sent = Some((room.jam.version, room_part, own_part));
            }
        }
    }
}

#[test]
fn a_screen_that_missed_a_message_is_told_to_start_again() {
    let mut room = Room::new(1);
    let host = room.host;
    let screen = Screen {
        person: host,
        replica: None,
        sent: None,
    };
    let mut replica = None;
    let first: Message = serde_json::from_str(&message(&screen, &room.jam, 0)).unwrap();
    assert!(Replica::receive(&mut replica, first).is_ok());
    let (r, o) = parts(&room.jam, host);
    let screen = Screen {
        person: host,
        replica: None,
        sent: Some((room.jam.version, r, o)),
    };
    for _ in 0..2 {
        let from = room.jam.round;
        room.host(HostCommand::NextRound { from });
    }
    // A patch from a version this screen never had.
    let mut skipped = screen;
    if let Some(sent) = &mut skipped.sent {
        sent.0 += 1;
    }
    let patch: Message = serde_json::from_str(&message(&skipped, &room.jam, 0)).unwrap();
    assert_eq!(Replica::receive(&mut replica, patch), Err(super::live::Gap));
    assert!(replica.is_none(), "the copy is thrown away");
}
