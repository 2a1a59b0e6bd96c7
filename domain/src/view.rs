//! What a screen may see of a jam. Privacy is decided here and only here: every payload the
//! server sends is built from the functions in this file.
//!
//! A screen's view has two parts, built apart so that the server builds the shared one once for
//! a whole room instead of once per phone:
//! - `RoomView`: what every screen of one `Audience` sees alike. The members of a jam (its
//!   projector and every joined phone) see the revealed notes, the ranking, the matrix and the
//!   actions; visitors (someone with the code who has not joined) see what the jam is about.
//! - `OwnView`: what only this screen sees. The facilitator's list of people and their
//!   progress (counts, never content); a phone's own notes not yet revealed, its dots and its
//!   ratings.
//!
//! `JamView::compose` puts the two together for the screens; `JamView::for_person` builds both
//! for one person. The rules:
//! - A note written in a silent round is in its author's own part only, until revealed.
//! - Dot tallies are in no view until that voting has closed; a phone sees its own dots.
//! - Authors' names are shown in the reveal round only, when the room sees whose notes they
//!   are; voting and the rounds after it are not swayed by who wrote what.
//! - A phone learns nothing of other people but how many have joined.

use super::matrix::{average, Quadrant};
use super::notes::tally;
use super::round::{NoteKind, Round, Settings};
use super::timer::Timer;
use super::{Jam, Joining, PersonId, Role};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Up to this many people, the facilitator's screen lists everyone by name with their
/// progress; in a bigger room (a town hall) it shows counts and the latest arrivals.
pub const NAMED_MAX: usize = 100;

/// Who a room view is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Audience {
    /// The facilitator, and everyone who has joined a room that is one group.
    Members,
    /// The phones of one group, when the room is split into groups: they see their group's
    /// notes, tallies, matrix and actions only.
    Group(u8),
    /// People with the code who have not joined.
    Visitors,
}

/// What every screen of one audience sees alike.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomView {
    pub code: String,
    pub topic: String,
    pub participant_count: usize,
    /// How many people may join, and the most the facilitator may raise that to.
    pub room_size: usize,
    pub room_max: usize,
    /// Who may come in now.
    pub joining: Joining,
    pub round: Round,
    pub settings: Settings,
    pub timer: Option<TimerView>,
    /// Rounds 6–10: the problem being worked on.
    pub focus: Option<FocusView>,
    /// The revealed notes.
    pub notes: Vec<NoteView>,
    /// Problems in priority order, once problem voting has closed.
    pub ranking: Vec<RankedProblem>,
    /// The effort/impact matrix of the problem in focus.
    pub matrix: Vec<MatrixItem>,
    /// The actions so far, in priority order.
    pub actions: Vec<ActionView>,
    /// When the room is split into groups: every group for the facilitator's screens, a
    /// phone's own group for a phone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupView>,
    /// The group the room's screen shows alone, while it presents (facilitators' screens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenting: Option<u8>,
}

/// One group as the screens see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    pub group: u8,
    /// The name the facilitator gave it; screens call it by its number otherwise.
    pub name: Option<String>,
    pub members: usize,
    /// Rounds 6–10: the problem this group works on now.
    pub focus: Option<FocusView>,
    /// The facilitator's screens: notes written, dots placed or solutions rated in this round
    /// by the group, all together (counts, never content).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<usize>,
    /// Whether the group has a lead.
    pub has_lead: bool,
}

/// What only one screen sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OwnView {
    Facilitator(HostOwn),
    Participant(MyOwn),
    Visitor,
}

/// The facilitator's own part: who is in and how far they are (never what they wrote).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostOwn {
    /// Everyone in a room of up to `NAMED_MAX`; the latest `NAMED_MAX` arrivals in a bigger
    /// one. In the order they joined.
    pub participants: Vec<ParticipantEntry>,
    /// Per person, in a room of up to `NAMED_MAX`.
    pub progress: Vec<Progress>,
    pub summary: ProgressSummary,
    /// The key of the read-only results link, once made.
    pub share_token: Option<String>,
    /// The facilitator key, once made.
    pub host_key: Option<String>,
    /// The key of the join link and QR code.
    pub join_key: Option<String>,
}

/// A phone's own part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyOwn {
    pub me: ParticipantEntry,
    /// My notes that are not revealed yet: nobody else sees them.
    pub hidden: Vec<NoteView>,
    /// The ids of all my notes, revealed or not.
    pub mine: Vec<Uuid>,
    /// My notes I may still edit or delete, time-up lock aside: the lock comes with time, not
    /// with a change, so the screen applies it from the timer.
    pub editable: Vec<Uuid>,
    /// My dots: (note, how many).
    pub votes: Vec<(Uuid, usize)>,
    /// In a voting round: dots I have left.
    pub dots_left: Option<u8>,
    /// My ratings: (solution, effort, impact).
    pub ratings: Vec<(Uuid, u8, u8)>,
    /// My plenary dots: (action's solution, how many).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plenary: Vec<(Uuid, usize)>,
}

/// A screen's whole view: the room's part and its own, put together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JamView {
    pub version: u64,
    /// The server's clock when the view was sent (ms since the epoch), so a screen counts down
    /// the same time whatever its own clock says.
    pub clock_ms: i64,
    pub code: String,
    pub topic: String,
    pub participant_count: usize,
    pub room_size: usize,
    pub room_max: usize,
    pub joining: Joining,
    pub viewer: ViewerRole,
    pub round: Round,
    pub settings: Settings,
    pub timer: Option<TimerView>,
    pub focus: Option<FocusView>,
    /// The notes this viewer may see: the revealed ones, then its own hidden ones.
    pub notes: Vec<NoteView>,
    /// A phone in a voting round: dots it has left.
    pub dots_left: Option<u8>,
    /// The projector: how much each person has done in this round (counts, never content).
    pub progress: Vec<Progress>,
    pub progress_summary: Option<ProgressSummary>,
    pub ranking: Vec<RankedProblem>,
    pub matrix: Vec<MatrixItem>,
    pub actions: Vec<ActionView>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenting: Option<u8>,
    /// The facilitator: the key of the read-only results link, once made.
    pub share_token: Option<String>,
    /// The facilitator: the facilitator key, once made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_key: Option<String>,
    /// The facilitator: the key of the join link and QR code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewerRole {
    /// The projector and the facilitator's controls: sees who has joined.
    Facilitator { participants: Vec<ParticipantEntry> },
    /// A phone: sees itself, and how many others are in, not who.
    Participant { me: ParticipantEntry },
    /// Someone with the code who has not joined yet: sees only what the jam is about.
    Visitor,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantEntry {
    pub id: Uuid,
    pub name: String,
    /// Their group, when the room is split into groups.
    #[serde(default, skip_serializing_if = "is_zero_u8")]
    pub group: u8,
    /// Whether they lead their group.
    #[serde(default, skip_serializing_if = "is_false")]
    pub lead: bool,
}

fn is_zero_u8(n: &u8) -> bool {
    *n == 0
}

/// A round's timer as screens see it. It does not change as time passes, so an unchanged timer
/// costs nothing to send again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimerView {
    /// Ends at this moment on the server's clock (ms since the epoch).
    Running { ends_at_ms: i64 },
    /// Stopped with this much left.
    Paused { left_ms: i64 },
}

impl TimerView {
    fn of(timer: &Timer) -> Option<Self> {
        match timer {
            Timer::Off => None,
            Timer::Running { deadline } => Some(Self::Running {
                ends_at_ms: deadline.timestamp_millis(),
            }),
            Timer::Paused { remaining_ms } => Some(Self::Paused {
                left_ms: *remaining_ms,
            }),
        }
    }

    pub fn running(&self) -> bool {
        matches!(self, Self::Running { .. })
    }

    /// Milliseconds left at `server_now_ms` on the server's clock; never negative.
    pub fn left_ms(&self, server_now_ms: i64) -> i64 {
        match *self {
            Self::Running { ends_at_ms } => (ends_at_ms - server_now_ms).max(0),
            Self::Paused { left_ms } => left_ms.max(0),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusView {
    pub problem_id: Uuid,
    /// 1-based: "problem 1 of 2".
    pub number: usize,
    pub of: usize,
    pub problem: String,
    pub hmw: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    pub id: Uuid,
    pub kind: NoteKind,
    pub text: String,
    /// The author's name: in the reveal round only, once the note is revealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Whether the viewer wrote it (filled in by `JamView::compose`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub mine: bool,
    /// Whether the room has seen it.
    pub revealed: bool,
    /// Part of this round's work: written in this writing round (for the problem in focus),
    /// or on this voting round's ballot.
    #[serde(default, skip_serializing_if = "is_false")]
    pub in_round: bool,
    /// The viewer may edit or delete it now: their own, in this writing round, and nobody has
    /// built on it yet (filled in by `JamView::compose`; the screen adds the time-up lock).
    #[serde(default, skip_serializing_if = "is_false")]
    pub editable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<Uuid>,
    /// Dots on it, once that voting has closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub votes: Option<usize>,
    /// The viewer's own dots on it (filled in by `JamView::compose`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub my_votes: usize,
    /// The notes clustered onto this card in the reveal: (id, text), in writing order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<(Uuid, String)>,
    #[serde(default, skip_serializing_if = "is_zero_u8")]
    pub group: u8,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub id: Uuid,
    pub name: String,
    /// Notes written in this writing round, or dots placed in this voting round, or solutions
    /// rated in the effort/impact round.
    pub done: usize,
}

/// The room's progress in this round, for rooms too big to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProgressSummary {
    /// People who have done anything in this round.
    pub people_done: usize,
    /// Notes, dots or ratings in this round, all together; in the reveal, the notes still
    /// hidden.
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedProblem {
    pub id: Uuid,
    pub text: String,
    pub votes: usize,
    /// The texts clustered onto this problem's card.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    /// Same votes as a neighbour: the facilitator decides the order.
    pub tied: bool,
    pub chosen: bool,
    /// Whether it may swap places with its neighbour above (below): they have as many votes.
    pub can_move_up: bool,
    pub can_move_down: bool,
    #[serde(default, skip_serializing_if = "is_zero_u8")]
    pub group: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixItem {
    pub id: Uuid,
    pub text: String,
    pub votes: usize,
    pub ratings: usize,
    pub effort: Option<f32>,
    pub impact: Option<f32>,
    /// Where the ratings put it.
    pub suggested: Option<Quadrant>,
    /// Where the facilitator placed it.
    pub quadrant: Option<Quadrant>,
    /// The viewer's own rating (effort, impact), filled in by `JamView::compose`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub my_rating: Option<(u8, u8)>,
    /// Solutions left off the matrix with as many votes as this one: a tie at the cut-off,
    /// broken only by the order of writing. Raising the matrix size takes them in.
    pub tied_off_matrix: usize,
    #[serde(default, skip_serializing_if = "is_zero_u8")]
    pub group: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    pub solution: Uuid,
    pub solution_text: String,
    pub votes: usize,
    pub quadrant: Quadrant,
    pub problem: String,
    pub problem_votes: usize,
    pub hmw: Option<String>,
    pub first_step: String,
    pub owner: String,
    pub due: NaiveDate,
    #[serde(default, skip_serializing_if = "is_zero_u8")]
    pub group: u8,
    /// The whole room's dots on it in the plenary, once the plenary has closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plenary_votes: Option<usize>,
    /// The viewer's own plenary dots on it (filled in by `JamView::compose`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub my_votes: usize,
}

/// The audience `person` belongs to.
pub fn audience_of(jam: &Jam, person: PersonId) -> Audience {
    match jam.role_of(person) {
        Role::Stranger => Audience::Visitors,
        Role::Participant(me) if jam.grouped() => Audience::Group(jam.group_of(me).unwrap_or(0)),
        Role::Facilitator | Role::Participant(_) => Audience::Members,
    }
}

impl RoomView {
    pub fn build(jam: &Jam, audience: Audience) -> Self {
        let mut room = Self {
            code: jam.code.to_string(),
            topic: jam.topic.to_string(),
            participant_count: jam.participants.len(),
            room_size: jam.room_size,
            room_max: jam.room_max,
            joining: jam.joining,
            round: jam.round,
            settings: jam.settings.clone(),
            timer: TimerView::of(&jam.timer),
            focus: None,
            notes: Vec::new(),
            ranking: Vec::new(),
            matrix: Vec::new(),
            actions: Vec::new(),
            groups: Vec::new(),
            presenting: None,
        };
        // The groups this audience sees the work of.
        let seen: Vec<u8> = match audience {
            // A visitor gets what the join page needs, nothing of the workshop.
            Audience::Visitors => return room,
            Audience::Members => (0..jam.group_count()).collect(),
            Audience::Group(g) => vec![g],
        };
        let sees = |group: u8| seen.contains(&group);
        // One focus for the room, or (in groups) one per group in `groups`.
        room.focus = match audience {
            Audience::Group(g) => focus(jam, g),
            _ if !jam.grouped() => focus(jam, 0),
            _ => None,
        };
        room.notes = revealed_notes(jam)
            .into_iter()
            .filter(|n| sees(n.group))
            .collect();
        if jam.round >= Round::Prioritize {
            room.ranking = seen.iter().flat_map(|g| ranking(jam, *g)).collect();
        }
        if matches!(jam.round, Round::EffortImpact | Round::Actions) {
            room.matrix = seen.iter().flat_map(|g| matrix(jam, *g)).collect();
        }
        // The plenary is the whole room's: from then on everyone sees every group's actions.
        let whole_room = jam.settings.runs(Round::Plenary) && jam.round >= Round::Plenary;
        room.actions = actions(jam)
            .into_iter()
            .filter(|a| whole_room || sees(a.group))
            .collect();
        if jam.grouped() {
            if audience == Audience::Members {
                room.presenting = jam.presenting;
            }
            let done = (audience == Audience::Members).then(|| group_progress(jam));
            room.groups = seen
                .iter()
                .map(|g| GroupView {
                    group: *g,
                    name: jam.settings.group_name(*g).map(|n| n.to_string()),
                    members: jam.members_of(*g),
                    focus: focus(jam, *g),
                    done: done.as_ref().map(|d| d[usize::from(*g)]),
                    has_lead: jam.lead_of(*g).is_some(),
                })
                .collect();
        }
        room
    }
}

impl OwnView {
    /// `person`'s own part.
    pub fn build(jam: &Jam, person: PersonId) -> Self {
        match jam.role_of(person) {
            Role::Facilitator => Self::Facilitator(HostOwn::build(jam)),
            Role::Participant(me) => Self::Participant(
                own_parts(jam, Some(me))
                    .remove(&me)
                    .expect("a participant has an own part"),
            ),
            Role::Stranger => Self::Visitor,
        }
    }
}

impl HostOwn {
    pub fn build(jam: &Jam) -> Self {
        let entry = |p: &super::Participant| entry_of(jam, p);
        let skip = jam.participants.len().saturating_sub(NAMED_MAX);
        let done = progress(jam);
        let summary = ProgressSummary {
            people_done: done.iter().filter(|p| p.done > 0).count(),
            total: done.iter().map(|p| p.done).sum(),
        };
        Self {
            participants: jam.participants[skip..].iter().map(entry).collect(),
            progress: if jam.participants.len() <= NAMED_MAX {
                done
            } else {
                Vec::new()
            },
            summary,
            share_token: jam.share_token.clone(),
            host_key: jam.host_key.clone(),
            join_key: jam.join_key.clone(),
        }
    }
}

impl MyOwn {
    /// The own part of every participant, built in one pass over the jam: what the server
    /// does once per change for a whole room of phones.
    pub fn all(jam: &Jam) -> HashMap<Uuid, MyOwn> {
        own_parts(jam, None)
    }
}

/// Own parts of one participant (`only`) or of all of them.
fn own_parts(jam: &Jam, only: Option<Uuid>) -> HashMap<Uuid, MyOwn> {
    let wanted = |id: Uuid| only.is_none_or(|o| o == id);
    let mut parts: HashMap<Uuid, MyOwn> = jam
        .participants
        .iter()
        .filter(|p| wanted(p.id))
        .map(|p| {
            let own = MyOwn {
                me: entry_of(jam, p),
                hidden: Vec::new(),
                mine: Vec::new(),
                editable: Vec::new(),
                votes: Vec::new(),
                dots_left: None,
                ratings: Vec::new(),
                plenary: Vec::new(),
            };
            (p.id, own)
        })
        .collect();
    for note in &jam.notes {
        if let Some(own) = parts.get_mut(&note.author) {
            own.mine.push(note.id);
            if jam.editable_by(note.author, note.id).is_ok() {
                own.editable.push(note.id);
            }
            if !note.revealed {
                own.hidden.push(note_view(jam, note, false));
            }
        }
    }
    // Votes in the order first cast, counted per note.
    for vote in &jam.votes {
        if let Some(own) = parts.get_mut(&vote.voter) {
            match own.votes.iter_mut().find(|(n, _)| *n == vote.note) {
                Some((_, count)) => *count += 1,
                None => own.votes.push((vote.note, 1)),
            }
        }
    }
    if let Some(kind) = jam.round.votes_on() {
        // Every group's ballot: a vote is on one group's ballot only.
        let ballots: Vec<Vec<Uuid>> = (0..jam.group_count()).map(|g| jam.ballot(g)).collect();
        let ballot: HashSet<Uuid> = ballots.iter().flatten().copied().collect();
        let budget = jam.settings.dots(kind);
        for (id, own) in parts.iter_mut() {
            // In groups, a group with nothing to vote on (it took fewer problems forward than
            // another) has no dots to place.
            let group = usize::from(jam.group_of(*id).unwrap_or(0));
            if jam.grouped() && ballots.get(group).is_none_or(Vec::is_empty) {
                continue;
            }
            let used: usize = own
                .votes
                .iter()
                .filter(|(n, _)| ballot.contains(n))
                .map(|(_, c)| c)
                .sum();
            own.dots_left = Some(budget.saturating_sub(u8::try_from(used).unwrap_or(u8::MAX)));
        }
    }
    if jam.round == Round::Plenary {
        let ballot: HashSet<Uuid> = jam.plenary_ballot().into_iter().collect();
        for vote in jam
            .plenary_votes
            .iter()
            .filter(|v| ballot.contains(&v.note))
        {
            if let Some(own) = parts.get_mut(&vote.voter) {
                match own.plenary.iter_mut().find(|(n, _)| *n == vote.note) {
                    Some((_, count)) => *count += 1,
                    None => own.plenary.push((vote.note, 1)),
                }
            }
        }
        let budget = jam.settings.plenary_dots;
        for own in parts.values_mut() {
            let used: usize = own.plenary.iter().map(|(_, c)| c).sum();
            own.dots_left = Some(budget.saturating_sub(u8::try_from(used).unwrap_or(u8::MAX)));
        }
    }
    for rating in &jam.ratings {
        if let Some(own) = parts.get_mut(&rating.rater) {
            own.ratings
                .push((rating.solution, rating.effort, rating.impact));
        }
    }
    parts
}

impl JamView {
    pub fn for_person(jam: &Jam, person: PersonId, now: DateTime<Utc>) -> Self {
        Self::compose(
            jam.version,
            now.timestamp_millis(),
            RoomView::build(jam, audience_of(jam, person)),
            OwnView::build(jam, person),
        )
    }

    /// One screen's view from the room's part and its own.
    pub fn compose(version: u64, clock_ms: i64, room: RoomView, own: OwnView) -> Self {
        let mut view = Self {
            version,
            clock_ms,
            code: room.code,
            topic: room.topic,
            participant_count: room.participant_count,
            room_size: room.room_size,
            room_max: room.room_max,
            joining: room.joining,
            viewer: ViewerRole::Visitor,
            round: room.round,
            settings: room.settings,
            timer: room.timer,
            focus: room.focus,
            notes: room.notes,
            dots_left: None,
            progress: Vec::new(),
            progress_summary: None,
            ranking: room.ranking,
            matrix: room.matrix,
            actions: room.actions,
            groups: room.groups,
            presenting: room.presenting,
            share_token: None,
            host_key: None,
            join_key: None,
        };
        match own {
            OwnView::Visitor => {}
            OwnView::Facilitator(host) => {
                view.viewer = ViewerRole::Facilitator {
                    participants: host.participants,
                };
                view.progress = host.progress;
                view.progress_summary = Some(host.summary);
                view.share_token = host.share_token;
                view.host_key = host.host_key;
                view.join_key = host.join_key;
            }
            OwnView::Participant(me) => {
                let mine: HashSet<Uuid> = me.mine.iter().copied().collect();
                let editable: HashSet<Uuid> = me.editable.iter().copied().collect();
                let votes: HashMap<Uuid, usize> = me.votes.iter().copied().collect();
                view.notes.extend(me.hidden);
                for note in &mut view.notes {
                    note.mine = mine.contains(&note.id);
                    note.editable = editable.contains(&note.id);
                    note.my_votes = votes.get(&note.id).copied().unwrap_or(0);
                }
                for action in &mut view.actions {
                    action.my_votes = me
                        .plenary
                        .iter()
                        .find(|(s, _)| *s == action.solution)
                        .map_or(0, |(_, c)| *c);
                }
                for item in &mut view.matrix {
                    item.my_rating = me
                        .ratings
                        .iter()
                        .find(|(s, _, _)| *s == item.id)
                        .map(|(_, e, i)| (*e, *i));
                }
                view.dots_left = me.dots_left;
                view.viewer = ViewerRole::Participant { me: me.me };
            }
        }
        view
    }

    /// The same view, as sent at another moment of the server's clock.
    pub fn with_clock(mut self, clock_ms: i64) -> Self {
        self.clock_ms = clock_ms;
        self
    }

    pub fn is_facilitator(&self) -> bool {
        matches!(self.viewer, ViewerRole::Facilitator { .. })
    }
}

fn name_of(jam: &Jam, participant: Uuid) -> Option<String> {
    jam.participants
        .iter()
        .find(|p| p.id == participant)
        .map(|p| p.name.to_string())
}

fn entry_of(jam: &Jam, p: &super::Participant) -> ParticipantEntry {
    ParticipantEntry {
        id: p.id,
        name: p.name.to_string(),
        group: p.group,
        lead: jam.is_lead(p.id),
    }
}

/// `group`'s problem in focus.
fn focus(jam: &Jam, group: u8) -> Option<FocusView> {
    if jam.round < Round::Reframe || jam.round >= Round::Plenary {
        return None;
    }
    let problem = jam.focus_problem(group)?;
    Some(FocusView {
        problem_id: problem,
        number: jam.focus + 1,
        of: jam.chosen_in(group).len(),
        problem: jam.notes.iter().find(|n| n.id == problem)?.text.to_string(),
        hmw: jam.hmw_of(problem).map(|h| h.to_string()),
    })
}

/// The revealed notes as the room sees them: one card per cluster, the merged notes on it.
fn revealed_notes(jam: &Jam) -> Vec<NoteView> {
    jam.notes
        .iter()
        .filter(|n| n.revealed && n.merged_into.is_none())
        .map(|n| note_view(jam, n, jam.round == Round::Reveal))
        .collect()
}

/// The notes merged onto `card`, in writing order.
fn merged_onto(jam: &Jam, card: Uuid) -> impl Iterator<Item = &super::Note> {
    jam.notes
        .iter()
        .filter(move |n| n.merged_into == Some(card))
}

fn note_view(jam: &Jam, n: &super::Note, with_author: bool) -> NoteView {
    NoteView {
        id: n.id,
        kind: n.kind,
        text: n.text.to_string(),
        author: with_author.then(|| name_of(jam, n.author)).flatten(),
        mine: false,
        revealed: n.revealed,
        in_round: jam.in_round(n),
        editable: false,
        problem: n.problem,
        votes: jam
            .voting_closed(n.kind, n.problem)
            .then(|| tally(&jam.votes, n.id)),
        my_votes: 0,
        merged: merged_onto(jam, n.id)
            .map(|m| (m.id, m.text.to_string()))
            .collect(),
        group: n.group,
    }
}

/// Per group, what its people have done in this round, all together.
fn group_progress(jam: &Jam) -> Vec<usize> {
    let mut done = vec![0; usize::from(jam.group_count())];
    for p in progress(jam) {
        let group = jam.group_of(p.id).unwrap_or(0);
        if let Some(d) = done.get_mut(usize::from(group)) {
            *d += p.done;
        }
    }
    done
}

fn progress(jam: &Jam) -> Vec<Progress> {
    let groups = 0..jam.group_count();
    let ballot: HashSet<Uuid> = groups.clone().flat_map(|g| jam.ballot(g)).collect();
    let candidates: HashSet<Uuid> = groups.flat_map(|g| jam.matrix_candidates(g)).collect();
    let mut done: HashMap<Uuid, usize> = HashMap::new();
    if jam.round.writes().is_some() {
        for n in jam.notes.iter().filter(|n| jam.in_round(n)) {
            *done.entry(n.author).or_default() += 1;
        }
    } else if jam.round.votes_on().is_some() {
        for v in jam.votes.iter().filter(|v| ballot.contains(&v.note)) {
            *done.entry(v.voter).or_default() += 1;
        }
    } else if jam.round == Round::Plenary {
        let ballot: HashSet<Uuid> = jam.plenary_ballot().into_iter().collect();
        for v in jam
            .plenary_votes
            .iter()
            .filter(|v| ballot.contains(&v.note))
        {
            *done.entry(v.voter).or_default() += 1;
        }
    } else if jam.round == Round::Reveal {
        // The notes each person still has hidden: the screens say how many wait to be shown,
        // and the facilitator sees whose are left.
        for n in jam
            .notes
            .iter()
            .filter(|n| !n.revealed && matches!(n.kind, NoteKind::Working | NoteKind::Problem))
        {
            *done.entry(n.author).or_default() += 1;
        }
    } else if jam.round == Round::EffortImpact {
        for r in jam
            .ratings
            .iter()
            .filter(|r| candidates.contains(&r.solution))
        {
            *done.entry(r.rater).or_default() += 1;
        }
    }
    jam.participants
        .iter()
        .map(|p| Progress {
            id: p.id,
            name: p.name.to_string(),
            done: done.get(&p.id).copied().unwrap_or(0),
        })
        .collect()
}

/// `group`'s problems in priority order.
fn ranking(jam: &Jam, group: u8) -> Vec<RankedProblem> {
    let order = jam.group_order(group);
    let votes: Vec<usize> = order.iter().map(|id| tally(&jam.votes, *id)).collect();
    order
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let note = jam.notes.iter().find(|n| n.id == *id)?;
            // As many votes as the neighbour above (below): the same rule as
            // `Jam::problems_tie`, from the tallies counted once here.
            let ties_up = i > 0 && votes[i - 1] == votes[i];
            let ties_down = votes.get(i + 1) == Some(&votes[i]);
            let reordering = jam.round == Round::Prioritize;
            // Problems nobody voted for are not a decision to make: no tie badge for them.
            let tied = votes[i] > 0 && (ties_up || ties_down);
            Some(RankedProblem {
                id: *id,
                text: note.text.to_string(),
                votes: votes[i],
                merged: merged_onto(jam, *id).map(|m| m.text.to_string()).collect(),
                tied,
                chosen: jam.chosen.contains(id),
                can_move_up: reordering && ties_up,
                can_move_down: reordering && ties_down,
                group,
            })
        })
        .collect()
}

/// The matrix of `group`'s problem in focus.
fn matrix(jam: &Jam, group: u8) -> Vec<MatrixItem> {
    jam.matrix_candidates(group)
        .into_iter()
        .filter_map(|id| {
            let note = jam.notes.iter().find(|n| n.id == id)?;
            let avg = average(&jam.ratings, id);
            Some(MatrixItem {
                id,
                text: note.text.to_string(),
                votes: tally(&jam.votes, id),
                ratings: jam.ratings.iter().filter(|r| r.solution == id).count(),
                effort: avg.map(|a| a.0),
                impact: avg.map(|a| a.1),
                suggested: avg.map(|(e, i)| Quadrant::from_ratings(e, i)),
                quadrant: jam.placement(id),
                my_rating: None,
                tied_off_matrix: jam.tied_off_matrix(id),
                group,
            })
        })
        .collect()
}

/// The actions that count (`Jam::counts`) in priority order: after a plenary, most of the
/// room's dots first; then quick wins, big bets, fill-ins and thankless; within a quadrant the higher rated impact, then more votes, then the
/// problem's priority, then the order the solutions were written in.
pub fn actions(jam: &Jam) -> Vec<ActionView> {
    let mut rows: Vec<(ActionView, i64, u64)> = jam
        .actions
        .iter()
        .filter(|a| jam.counts(a))
        .filter_map(|a| {
            let solution = jam.notes.iter().find(|n| n.id == a.solution)?;
            let problem_id = solution.problem?;
            let problem = jam.notes.iter().find(|n| n.id == problem_id)?;
            let impact = average(&jam.ratings, a.solution).map_or(0.0, |(_, i)| i);
            let view = ActionView {
                solution: a.solution,
                solution_text: solution.text.to_string(),
                votes: tally(&jam.votes, a.solution),
                quadrant: jam.placement(a.solution)?,
                problem: problem.text.to_string(),
                problem_votes: tally(&jam.votes, problem_id),
                hmw: jam.hmw_of(problem_id).map(|h| h.to_string()),
                first_step: a.first_step.to_string(),
                owner: a.owner.to_string(),
                due: a.due,
                group: solution.group,
                plenary_votes: jam
                    .plenary_closed()
                    .then(|| tally(&jam.plenary_votes, a.solution)),
                my_votes: 0,
            };
            // Impact in hundredths, so the sort key is an integer.
            Some((view, (impact * 100.0).round() as i64, solution.seq))
        })
        .collect();
    // After a plenary, the room's dots come first.
    rows.sort_by(|(a, ai, aseq), (b, bi, bseq)| {
        b.plenary_votes
            .cmp(&a.plenary_votes)
            .then(a.quadrant.cmp(&b.quadrant))
            .then(bi.cmp(ai))
            .then(b.votes.cmp(&a.votes))
            .then(aseq.cmp(bseq))
    });
    rows.into_iter().map(|(v, _, _)| v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::jam;
    use crate::DisplayName;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the room looks like, a phone's payload names nobody but its owner, and a
        /// visitor's names nobody; the facilitator's lists everyone.
        #[test]
        fn names_reach_only_those_allowed(count in 0usize..15, looker in 0usize..20) {
            let mut jam = jam();
            for i in 0..count {
                let name = DisplayName::parse(&format!("Person{i}x")).unwrap();
                jam.join(PersonId(Uuid::from_u128(i as u128 + 10)), name, Uuid::from_u128(i as u128 + 1000), Utc::now()).unwrap();
            }
            let person = PersonId(Uuid::from_u128(looker as u128 + 10));
            let payload = serde_json::to_string(&JamView::for_person(&jam, person, Utc::now())).unwrap();
            for i in 0..count {
                let named = payload.contains(&format!("Person{i}x"));
                prop_assert_eq!(named, i == looker, "person {} in view of {}", i, looker);
            }
            let host = JamView::for_person(&jam, jam.facilitator, Utc::now());
            match host.viewer {
                ViewerRole::Facilitator { participants } => prop_assert_eq!(participants.len(), count),
                other => prop_assert!(false, "facilitator saw {:?}", other),
            }
        }
    }

    #[test]
    fn a_timer_view_says_whether_it_runs_and_what_is_left() {
        let running = TimerView::Running { ends_at_ms: 10_000 };
        let paused = TimerView::Paused { left_ms: 4_000 };
        assert!(running.running() && !paused.running());
        assert_eq!(
            (running.left_ms(7_000), running.left_ms(12_000)),
            (3_000, 0)
        );
        assert_eq!(paused.left_ms(99_000), 4_000);
    }

    #[test]
    fn every_participants_own_part_is_the_same_built_alone_or_for_all() {
        let mut jam = jam();
        for i in 0..5u128 {
            let name = DisplayName::parse(&format!("P{i}")).unwrap();
            jam.join(
                PersonId(Uuid::from_u128(i + 10)),
                name,
                Uuid::from_u128(i + 1000),
                Utc::now(),
            )
            .unwrap();
        }
        let all = MyOwn::all(&jam);
        assert_eq!(all.len(), 5);
        for p in &jam.participants {
            assert_eq!(
                OwnView::build(&jam, p.person),
                OwnView::Participant(all[&p.id].clone())
            );
        }
    }

    #[test]
    fn a_big_room_lists_the_latest_arrivals_and_counts() {
        let mut jam = jam();
        jam.room_size = 500;
        for i in 0..(NAMED_MAX as u128 + 20) {
            let name = DisplayName::parse(&format!("P{i}")).unwrap();
            jam.join(
                PersonId(Uuid::from_u128(i + 10)),
                name,
                Uuid::from_u128(i + 5000),
                Utc::now(),
            )
            .unwrap();
        }
        let host = HostOwn::build(&jam);
        assert_eq!(host.participants.len(), NAMED_MAX);
        assert_eq!(
            host.participants.last().unwrap().name,
            format!("P{}", NAMED_MAX + 19)
        );
        assert_eq!(host.participants[0].name, "P20");
        assert!(host.progress.is_empty());
    }
}
