//! A jam and the people in it. Every change goes through a method here that checks it and bumps
//! the version, so screens can tell a newer state from an older one.

use super::matrix::{Action, Quadrant, Rating};
use super::notes::{Note, Vote};
use super::round::{Round, Settings, SettingsError};
use super::text::{NoteText, TextError};
use super::timer::Timer;
use super::{DisplayName, JoinCode, Topic};
use crate::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Who is asking: one per browser session, made when the session is first seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PersonId(pub Uuid);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: Uuid,
    pub person: PersonId,
    pub name: DisplayName,
    pub joined_at: DateTime<Utc>,
    /// The group (table) this person works in: 0 when the room is one group.
    #[serde(default)]
    pub group: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jam {
    pub id: Uuid,
    pub code: JoinCode,
    pub topic: Topic,
    pub facilitator: PersonId,
    /// In the order they joined.
    pub participants: Vec<Participant>,
    /// Bumped by every change; screens keep the highest they have seen.
    pub version: u64,
    pub created_at: DateTime<Utc>,

    // The workshop itself. Defaults let jams stored before a field existed load unchanged.
    #[serde(default)]
    pub round: Round,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub timer: Timer,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default)]
    pub votes: Vec<Vote>,
    /// The problems in priority order, set when problem voting closes; the facilitator may
    /// reorder ties.
    #[serde(default)]
    pub problem_order: Vec<Uuid>,
    /// The problems taken forward, in the order they are worked on.
    #[serde(default)]
    pub chosen: Vec<Uuid>,
    /// Which of the chosen problems rounds 6–10 are on now.
    #[serde(default)]
    pub focus: usize,
    /// The chosen "How might we" of each chosen problem.
    #[serde(default)]
    pub hmws: Vec<(Uuid, NoteText)>,
    #[serde(default)]
    pub ratings: Vec<Rating>,
    /// Where the facilitator placed each solution on the effort/impact matrix.
    #[serde(default)]
    pub placements: Vec<(Uuid, Quadrant)>,
    #[serde(default)]
    pub actions: Vec<Action>,
    /// The plenary's dots, on actions (by their solution's id).
    #[serde(default)]
    pub plenary_votes: Vec<Vote>,
    /// Numbers the notes in the order they were written.
    #[serde(default)]
    pub next_seq: u64,
    /// The language the facilitator created the jam in: exports and the printable page use it.
    #[serde(default)]
    pub lang: Lang,
    /// The key of the read-only link to the results, once the facilitator made one.
    #[serde(default)]
    pub share_token: Option<String>,
    /// The facilitator key, once the facilitator made one: whoever opens the facilitator link
    /// with it becomes a facilitator too (a co-facilitator, or the same person on a new device
    /// when the laptop dies).
    #[serde(default)]
    pub host_key: Option<String>,
    /// The people who became facilitators with the key, in the order they came.
    #[serde(default)]
    pub co_hosts: Vec<PersonId>,
    /// The long key the join link and QR code carry, beside the six letters typed in the
    /// room. (None for jams made before there were keys.)
    #[serde(default)]
    pub join_key: Option<String>,
    /// Who may come in now.
    #[serde(default)]
    pub joining: Joining,
    /// When the jam reached its summary, if it is there.
    #[serde(default)]
    pub summary_at: Option<DateTime<Utc>>,
    /// How many hours after the summary the typed code stops letting people in: the server's
    /// setting when the jam was made.
    #[serde(default = "default_code_hours")]
    pub code_hours: u32,
    /// How many people may join: the server's default when the jam is made, then the
    /// facilitator's, up to `room_max`.
    #[serde(default = "default_room_size")]
    pub room_size: usize,
    /// The most the facilitator may set `room_size` to: the server's limit when the jam was
    /// made.
    #[serde(default = "default_room_max")]
    pub room_max: usize,
    /// The group leads: participants who do their group's facilitator steps on their phone.
    /// At most one per group.
    #[serde(default)]
    pub leads: Vec<Uuid>,
    /// The group the room's screen shows alone, while it presents its work (None: all).
    #[serde(default)]
    pub presenting: Option<u8>,
}

fn default_room_size() -> usize {
    Jam::DEFAULT_ROOM_SIZE
}

fn default_room_max() -> usize {
    Jam::DEFAULT_ROOM_MAX
}

fn default_code_hours() -> u32 {
    Jam::DEFAULT_CODE_HOURS
}

/// Who may come into a jam. Whoever is in stays in whatever this says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Joining {
    /// With the code typed in, or the link or QR code.
    #[default]
    Open,
    /// With the link or QR code only, which carry a long key: a guessed code lets nobody in.
    LinkOnly,
    /// Nobody new.
    Closed,
}

/// What a person is to a jam. A facilitator who also joins from the same browser is the
/// facilitator first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Facilitator,
    Participant(Uuid),
    Stranger,
}

/// Why a command was refused. Every refusal leaves the jam exactly as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum JamError {
    #[error("the jam already has {max} participants")]
    Full { max: usize },
    #[error("only the facilitator can do that")]
    NotFacilitator,
    #[error("join the jam first")]
    NotParticipant,
    #[error("that cannot be done in this round")]
    WrongRound,
    #[error("there is no such note")]
    NoSuchNote,
    #[error("that note is someone else's")]
    NotYourNote,
    #[error("all {dots} dots are used; take one back first")]
    OutOfDots { dots: u8 },
    #[error("there is no dot of yours on that note")]
    NoVoteToTake,
    #[error("time is up")]
    TimeUp,
    #[error("at most {max} notes each in a round")]
    TooManyNotes { max: usize },
    #[error("note: {0}")]
    Text(TextError),
    #[error("settings: {0}")]
    Settings(SettingsError),
    #[error("only notes with equal votes can swap places")]
    NotATie,
    #[error("at most {max} problems can be taken forward")]
    TooManyProblems { max: u8 },
    #[error("choose at least one problem first")]
    NoProblemChosen,
    #[error("choose the How might we first")]
    NoHmwChosen,
    #[error("that solution is not on the matrix")]
    NotOnMatrix,
    #[error("ratings go from 1 to 5")]
    BadRating,
    #[error("that action has no solution placed on the matrix")]
    NotPlaced,
    #[error("a due date is between the day of the jam and {max_years} years later")]
    BadDueDate { max_years: u8 },
    #[error("this round has no timer")]
    NoTimer,
    #[error("that note has votes or is in use, so it stays as it is")]
    NoteInUse,
    #[error(
        "only two revealed notes of the same kind, one of them a card of its own, can be merged"
    )]
    CannotMerge,
    #[error("{chosen} problems are chosen; un-choose one first")]
    ProblemsAlreadyChosen { chosen: u8 },
    #[error(
        "the matrix needs room for the {needed} top solutions already placed; take some off first"
    )]
    SolutionsPlaced { needed: u8 },
    #[error("the room takes between {min} and {max} people")]
    RoomSize { min: usize, max: usize },
    #[error("someone in the jam already has that name")]
    NameTaken,
    #[error("that facilitator link is not (or no longer) valid")]
    WrongHostKey,
    #[error("that join link is not valid")]
    WrongJoinKey,
    #[error("the jam takes nobody new")]
    JoiningClosed,
    #[error("people join this jam with its link or QR code only")]
    LinkOnly,
    #[error("this jam has ended")]
    JamEnded,
    #[error("at most {max} devices can drive a jam")]
    TooManyHosts { max: usize },
    #[error("there is no such group")]
    NoSuchGroup,
    #[error("there is no such participant")]
    NoSuchParticipant,
    #[error("groups are set in the lobby, before anyone writes")]
    GroupsFixed,
    #[error("the facilitator places people in groups")]
    NoGroupPicking,
    #[error("group {group} has not chosen a problem yet")]
    GroupWithoutProblem { group: u8 },
    #[error("group {group} has not chosen its How might we yet")]
    GroupWithoutHmw { group: u8 },
    #[error("that belongs to another group")]
    OtherGroup,
}

/// What a join did, so the caller knows whether anything needs saving and announcing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinOutcome {
    Joined,
    Renamed,
    Unchanged,
}

impl Jam {
    /// A room of 24 was the largest seen in real use; a town hall is configured bigger.
    pub const DEFAULT_ROOM_SIZE: usize = 200;
    pub const DEFAULT_ROOM_MAX: usize = 2_000;
    pub const DEFAULT_CODE_HOURS: u32 = 24;
    /// The most people who can take a jam over with the facilitator key.
    pub const MAX_CO_HOSTS: usize = 10;

    pub fn new(
        id: Uuid,
        code: JoinCode,
        topic: Topic,
        facilitator: PersonId,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            code,
            topic,
            facilitator,
            participants: Vec::new(),
            version: 1,
            created_at: now,
            round: Round::Lobby,
            settings: Settings::default(),
            timer: Timer::Off,
            notes: Vec::new(),
            votes: Vec::new(),
            problem_order: Vec::new(),
            chosen: Vec::new(),
            focus: 0,
            hmws: Vec::new(),
            ratings: Vec::new(),
            placements: Vec::new(),
            actions: Vec::new(),
            plenary_votes: Vec::new(),
            next_seq: 0,
            lang: Lang::default(),
            share_token: None,
            host_key: None,
            co_hosts: Vec::new(),
            join_key: None,
            joining: Joining::Open,
            summary_at: None,
            code_hours: Self::DEFAULT_CODE_HOURS,
            room_size: Self::DEFAULT_ROOM_SIZE,
            room_max: Self::DEFAULT_ROOM_MAX,
            leads: Vec::new(),
            presenting: None,
        }
    }

    pub fn role_of(&self, person: PersonId) -> Role {
        if person == self.facilitator || self.co_hosts.contains(&person) {
            Role::Facilitator
        } else {
            self.participant_of(person)
                .map_or(Role::Stranger, |p| Role::Participant(p.id))
        }
    }

    pub fn participant_of(&self, person: PersonId) -> Option<&Participant> {
        self.participants.iter().find(|p| p.person == person)
    }

    /// Lets `person` in under `name`. Joining again (a second tab, a reload of the join page)
    /// keeps the same participant and only takes the new name, so nobody is ever counted twice.
    pub fn join(
        &mut self,
        person: PersonId,
        name: DisplayName,
        new_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(JoinOutcome, Participant), JamError> {
        // One name, one person: the room must be able to tell who is who.
        if self
            .participants
            .iter()
            .any(|p| p.person != person && p.name.same_as(&name))
        {
            return Err(JamError::NameTaken);
        }
        if let Some(existing) = self.participants.iter_mut().find(|p| p.person == person) {
            if existing.name == name {
                return Ok((JoinOutcome::Unchanged, existing.clone()));
            }
            existing.name = name;
            let renamed = existing.clone();
            self.version += 1;
            return Ok((JoinOutcome::Renamed, renamed));
        }
        if self.participants.len() >= self.room_size {
            return Err(JamError::Full {
                max: self.room_size,
            });
        }
        let participant = Participant {
            id: new_id,
            person,
            name,
            joined_at: now,
            group: self.smallest_group(),
        };
        self.participants.push(participant.clone());
        self.version += 1;
        Ok((JoinOutcome::Joined, participant))
    }
}

impl Jam {
    /// Whether `person` may come in at `now`, with the join link's `key` or (None) the code
    /// typed in. Whoever is in already may always come back.
    pub fn admit(
        &self,
        person: PersonId,
        key: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), JamError> {
        if self.role_of(person) != Role::Stranger {
            return Ok(());
        }
        let by_link = match key {
            None => false,
            Some(key) if self.join_key.as_deref() == Some(key) => true,
            Some(_) => return Err(JamError::WrongJoinKey),
        };
        match self.joining {
            Joining::Closed => Err(JamError::JoiningClosed),
            Joining::LinkOnly if !by_link => Err(JamError::LinkOnly),
            _ if !by_link && self.code_expired(now) => Err(JamError::JamEnded),
            _ => Ok(()),
        }
    }

    /// Whether the typed code has stopped letting people in: `code_hours` after the summary.
    pub fn code_expired(&self, now: DateTime<Utc>) -> bool {
        self.summary_at
            .is_some_and(|at| now >= at + chrono::Duration::hours(i64::from(self.code_hours)))
    }

    /// Makes `person` a facilitator of this jam if `key` is its facilitator key. Answers
    /// whether that changed anything (someone who already drives it changes nothing).
    pub fn claim_host(&mut self, person: PersonId, key: &str) -> Result<bool, JamError> {
        if self.host_key.as_deref() != Some(key) {
            return Err(JamError::WrongHostKey);
        }
        if self.role_of(person) == Role::Facilitator {
            return Ok(false);
        }
        if self.co_hosts.len() >= Self::MAX_CO_HOSTS {
            return Err(JamError::TooManyHosts {
                max: Self::MAX_CO_HOSTS,
            });
        }
        self.co_hosts.push(person);
        self.version += 1;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::jam;
    use proptest::prelude::*;

    fn name(s: &str) -> DisplayName {
        DisplayName::parse(s).unwrap()
    }

    #[test]
    fn joining_twice_keeps_one_participant_and_takes_the_new_name() {
        let mut jam = jam();
        let anna = PersonId(Uuid::from_u128(7));
        let (first, p1) = jam
            .join(anna, name("Anna"), Uuid::from_u128(70), Utc::now())
            .unwrap();
        let (again, p2) = jam
            .join(anna, name("Anna"), Uuid::from_u128(71), Utc::now())
            .unwrap();
        let (renamed, p3) = jam
            .join(anna, name("Anna K"), Uuid::from_u128(72), Utc::now())
            .unwrap();
        assert_eq!(
            (first, again, renamed),
            (
                JoinOutcome::Joined,
                JoinOutcome::Unchanged,
                JoinOutcome::Renamed
            )
        );
        assert_eq!((p1.id, p2.id, p3.id), (p1.id, p1.id, p1.id));
        assert_eq!(jam.participants.len(), 1);
        assert_eq!(jam.participants[0].name.as_str(), "Anna K");
        assert_eq!(
            jam.version, 3,
            "join and rename bump the version; the no-op does not"
        );
    }

    #[test]
    fn roles() {
        let mut jam = jam();
        let bo = PersonId(Uuid::from_u128(8));
        assert_eq!(jam.role_of(jam.facilitator), Role::Facilitator);
        assert_eq!(jam.role_of(bo), Role::Stranger);
        let (_, p) = jam
            .join(bo, name("Bo"), Uuid::from_u128(80), Utc::now())
            .unwrap();
        assert_eq!(jam.role_of(bo), Role::Participant(p.id));
    }

    proptest! {
        /// Whatever the facilitator sets the room size to, and whoever tries to join, the room
        /// never holds more people than its size, its size never passes the server's limit,
        /// and nobody who joined is turned out.
        #[test]
        fn the_room_never_holds_more_than_its_size(
            steps in proptest::collection::vec((any::<bool>(), 0usize..12), 1..60),
            room_max in 1usize..10,
        ) {
            use crate::{HostCommand, SettingsChange};
            let mut jam = jam();
            jam.room_max = room_max;
            jam.room_size = room_max;
            for (i, (resize, size)) in steps.into_iter().enumerate() {
                let before = jam.participants.len();
                if resize {
                    let change = SettingsChange { room_size: Some(size), ..SettingsChange::default() };
                    let answer = jam.apply(jam.facilitator, HostCommand::UpdateSettings(change).into(), Uuid::from_u128(1), Utc::now());
                    let fits = (before.max(1)..=room_max).contains(&size);
                    prop_assert_eq!(answer.is_ok(), fits, "size {} with {} joined, max {}", size, before, room_max);
                } else {
                    let person = PersonId(Uuid::from_u128(100 + i as u128));
                    let joined = jam.join(person, name(&format!("P{i}")), Uuid::from_u128(500 + i as u128), Utc::now());
                    prop_assert_eq!(joined.is_ok(), before < jam.room_size);
                }
                prop_assert!(jam.participants.len() <= jam.room_size);
                prop_assert!(jam.room_size <= jam.room_max);
                prop_assert!(jam.participants.len() >= before);
            }
        }
    }

    proptest! {
        /// Whoever tries the facilitator link with whatever key: only the jam's key makes a
        /// facilitator, never more than the limit, a refusal changes nothing, and the key is in
        /// the views of the facilitators only.
        #[test]
        fn only_the_key_makes_a_facilitator(
            tries in proptest::collection::vec((0u128..15, any::<bool>(), any::<bool>()), 1..40),
        ) {
            use crate::view::JamView;
            use crate::HostCommand;
            let mut jam = jam();
            jam.apply(jam.facilitator, HostCommand::NewHostKey.into(), Uuid::from_u128(77), Utc::now()).unwrap();
            let key = jam.host_key.clone().unwrap();
            for (i, (who, right, joins_first)) in tries.into_iter().enumerate() {
                let person = PersonId(Uuid::from_u128(300 + who));
                if joins_first {
                    let _ = jam.join(person, name(&format!("P{who}")), Uuid::from_u128(600 + i as u128), Utc::now());
                }
                let before = jam.clone();
                let tried = if right { key.clone() } else { format!("{key}x") };
                match jam.claim_host(person, &tried) {
                    Ok(_) => prop_assert!(right),
                    Err(refused) => {
                        let full = JamError::TooManyHosts { max: Jam::MAX_CO_HOSTS };
                        prop_assert!((refused == JamError::WrongHostKey && !right) || refused == full, "{:?}", refused);
                        prop_assert_eq!(&jam, &before);
                    }
                }
                prop_assert!(jam.co_hosts.len() <= Jam::MAX_CO_HOSTS);
            }
            for who in 0u128..16 {
                let person = PersonId(Uuid::from_u128(300 + who));
                let view = serde_json::to_string(&JamView::for_person(&jam, person, Utc::now())).unwrap();
                let host = jam.role_of(person) == Role::Facilitator;
                prop_assert_eq!(view.contains(&key), host, "person {}", who);
            }
        }
    }

    proptest! {
        /// Who gets in: by the typed code only while the jam is open to it and its summary is
        /// not `code_hours` behind; by the link only with the jam's key, unless joining is
        /// closed; and whoever is in always gets back in.
        #[test]
        fn the_door_lets_in_only_whom_it_should(
            joining in prop_oneof![Just(Joining::Open), Just(Joining::LinkOnly), Just(Joining::Closed)],
            key in prop_oneof![Just(None), Just(Some("right")), Just(Some("wrong"))],
            already_in in any::<bool>(),
            summary_hours_ago in proptest::option::of(0i64..48),
            code_hours in 0u32..30,
        ) {
            let now = Utc::now();
            let mut jam = jam();
            jam.join_key = Some("right".into());
            jam.code_hours = code_hours;
            jam.summary_at = summary_hours_ago.map(|h| now - chrono::Duration::hours(h));
            let person = PersonId(Uuid::from_u128(42));
            if already_in {
                jam.join(person, name("Inne"), Uuid::from_u128(43), now).unwrap();
            }
            jam.joining = joining;
            let ended = summary_hours_ago.is_some_and(|h| h >= i64::from(code_hours));
            let expected = if already_in {
                Ok(())
            } else {
                match (key, joining) {
                    (Some("wrong"), _) => Err(JamError::WrongJoinKey),
                    (_, Joining::Closed) => Err(JamError::JoiningClosed),
                    (None, Joining::LinkOnly) => Err(JamError::LinkOnly),
                    (None, Joining::Open) if ended => Err(JamError::JamEnded),
                    _ => Ok(()),
                }
            };
            prop_assert_eq!(jam.admit(person, key, now), expected);
            // Joining through a stored change follows the same door, and a refusal changes nothing.
            let before = jam.clone();
            let change = crate::Change::Join { person, name: name("Ny"), participant: Uuid::from_u128(44), key: key.map(String::from) };
            let accepted = jam.accept(&change, now);
            prop_assert_eq!(accepted.is_ok(), expected.is_ok());
            if accepted.is_err() {
                prop_assert_eq!(&jam, &before);
            }
        }
    }

    /// A jam stored before room sizes, keys and the code's end existed loads with the
    /// documented defaults: open to the code, no keys, the default room.
    #[test]
    fn a_jam_stored_before_the_newer_fields_loads_with_their_defaults() {
        let mut stored = serde_json::to_value(jam()).unwrap();
        let fields = stored.as_object_mut().unwrap();
        for newer in [
            "room_size",
            "room_max",
            "code_hours",
            "join_key",
            "joining",
            "summary_at",
            "host_key",
            "co_hosts",
            "share_token",
        ] {
            assert!(fields.remove(newer).is_some(), "{newer}");
        }
        let loaded: Jam = serde_json::from_value(stored).unwrap();
        assert_eq!(loaded.room_size, 200);
        assert_eq!(loaded.room_max, 2_000);
        assert_eq!(loaded.code_hours, 24);
        assert_eq!(loaded.joining, Joining::Open);
        assert_eq!(
            (loaded.join_key, loaded.host_key, loaded.summary_at),
            (None, None, None)
        );
        assert!(loaded.co_hosts.is_empty());
    }

    #[test]
    fn a_full_jam_refuses_newcomers_but_not_returning_people() {
        let mut jam = jam();
        for i in 0..jam.room_size as u128 {
            jam.join(
                PersonId(Uuid::from_u128(1000 + i)),
                name(&format!("X{i}")),
                Uuid::from_u128(5000 + i),
                Utc::now(),
            )
            .unwrap();
        }
        let before = jam.clone();
        assert_eq!(
            jam.join(
                PersonId(Uuid::from_u128(9)),
                name("Late"),
                Uuid::from_u128(90),
                Utc::now()
            ),
            Err(JamError::Full {
                max: Jam::DEFAULT_ROOM_SIZE
            })
        );
        assert_eq!(jam, before, "a refused join changes nothing");
        assert!(jam
            .join(
                PersonId(Uuid::from_u128(1000)),
                name("X0"),
                Uuid::from_u128(91),
                Utc::now()
            )
            .is_ok());
    }

    proptest! {
        /// Any sequence of joins: one participant per person, ids unique, no two with the same
        /// name in any case, and the version counts exactly the joins and renames that changed
        /// something. A name someone else has is refused and changes nothing.
        #[test]
        fn joins_keep_people_unique(joins in proptest::collection::vec((0u128..12, 0usize..6), 0..60)) {
            let names = ["Anna", "Bo", "Cai", "anna", "BO", "Dan"];
            let mut jam = jam();
            let mut changes = 0;
            for (i, (person, n)) in joins.iter().enumerate() {
                let person = PersonId(Uuid::from_u128(500 + person));
                let wanted = name(names[*n]);
                let taken = jam.participants.iter().any(|p| p.person != person && p.name.same_as(&wanted));
                let before = jam.clone();
                match jam.join(person, wanted, Uuid::from_u128(9000 + i as u128), Utc::now()) {
                    Ok((outcome, _)) => {
                        prop_assert!(!taken);
                        if outcome != JoinOutcome::Unchanged { changes += 1; }
                    }
                    Err(refused) => {
                        prop_assert_eq!(refused, JamError::NameTaken);
                        prop_assert!(taken);
                        prop_assert_eq!(&jam, &before);
                    }
                }
            }
            let mut persons: Vec<_> = jam.participants.iter().map(|p| p.person).collect();
            persons.sort_by_key(|p| p.0);
            persons.dedup();
            prop_assert_eq!(persons.len(), jam.participants.len());
            let mut names: Vec<_> = jam.participants.iter().map(|p| p.name.to_string().to_lowercase()).collect();
            names.sort();
            names.dedup();
            prop_assert_eq!(names.len(), jam.participants.len());
            let mut ids: Vec<_> = jam.participants.iter().map(|p| p.id).collect();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), jam.participants.len());
            prop_assert_eq!(jam.version, 1 + changes);
        }
    }
}
