//! Everything that can happen in a jam after people have joined, as commands. `Jam::apply`
//! checks who is asking, the round, budgets and limits, and either changes the jam (bumping its
//! version) or refuses with a reason and changes nothing.

use super::jam::{Jam, JamError, Role};
use super::matrix::{Action, Quadrant, Rating};
use super::notes::{tally, Note, Vote};
use super::round::{NoteKind, Round, SettingsChange};
use super::text::{ActionText, NoteText};
use super::timer::Timer;
use super::PersonId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A command, by who may send it: the facilitator (`Host`) or a phone (`Participant`). The
/// role is in the type, so routing a command can never miss one. As JSON (serde's external
/// tagging, twice): `{"Host": {"NextRound": {"from": "Lobby"}}}`, `{"Host": "PauseTimer"}`,
/// `{"Participant": {"AddNote": {"text": "…"}}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    Host(HostCommand),
    Participant(ParticipantCommand),
}

/// The facilitator's commands. Each says what it expects rather than "toggle" or "next", so a
/// double tap, or the same tap in a second tab, changes nothing more than one tap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum HostCommand {
    /// Moves on from round `from`; when the jam is no longer there, nothing happens.
    NextRound {
        from: Round,
    },
    /// Goes back from round `from`; when the jam is no longer there, nothing happens.
    PreviousRound {
        from: Round,
    },
    /// Changes the settings it names; the others keep their values.
    UpdateSettings(SettingsChange),
    PauseTimer,
    ResumeTimer,
    /// Adds time to the timer of a timed round.
    AddTime {
        secs: u32,
    },
    /// Reveal round: all notes, one group's, or one author's.
    Reveal {
        author: Option<Uuid>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<u8>,
    },
    /// Reveal: puts `note` on the card of `into`, a note that says the same (clustering).
    /// Votes `note` has (after going back a round) move with it; notes already on `note`'s card
    /// move to `into`'s.
    Merge {
        note: Uuid,
        into: Uuid,
    },
    /// Reveal: takes `note` off the card it was merged into; it is a card of its own again
    /// (votes the card got stay with the card).
    Unmerge {
        note: Uuid,
    },
    /// Prioritize: puts a problem at place `to` (0 is first); only among problems with as many
    /// votes.
    MoveProblem {
        note: Uuid,
        to: usize,
    },
    /// Prioritize: takes a problem forward (`chosen`), or not.
    SetChosen {
        note: Uuid,
        chosen: bool,
    },
    /// Reframe: the "How might we" for the problem in focus (picked from a proposal or edited).
    ChooseHmw {
        text: String,
        /// The group whose problem it is (0 when the room is one group).
        #[serde(default)]
        group: u8,
    },
    /// Effort/impact: put a solution in a quadrant, or take it off (None).
    Place {
        solution: Uuid,
        quadrant: Option<Quadrant>,
    },
    /// Actions: the first step, owner and due date for a placed solution.
    SetAction {
        solution: Uuid,
        first_step: String,
        owner: String,
        due: NaiveDate,
    },
    RemoveAction {
        solution: Uuid,
    },
    /// Lobby: puts a person in a group.
    MoveToGroup {
        participant: Uuid,
        group: u8,
    },
    /// Makes a person the lead of their group (who does the group's facilitator steps on
    /// their phone), or no longer.
    SetLead {
        participant: Uuid,
        lead: bool,
    },
    /// The room's screen shows one group alone (its presentation), or all groups again.
    Present {
        group: Option<u8>,
    },
    /// Makes (or keeps) a read-only link to the jam's results.
    CreateShareLink,
    /// Makes a new facilitator key; the link with the old one stops working (those who came
    /// with it stay facilitators).
    NewHostKey,
}

/// What a phone can do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParticipantCommand {
    AddNote {
        text: String,
    },
    EditNote {
        note: Uuid,
        text: String,
    },
    DeleteNote {
        note: Uuid,
    },
    CastVote {
        note: Uuid,
    },
    WithdrawVote {
        note: Uuid,
    },
    /// Effort/impact: this phone's rating of a solution, one scale or both. A scale left out
    /// keeps what this phone gave it before (the middle of the scale if nothing), so two quick
    /// taps on a slow network, one per scale, cannot undo each other.
    Rate {
        solution: Uuid,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effort: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        impact: Option<u8>,
    },
    /// Lobby, when the facilitator lets people pick: sit down at `group`.
    PickGroup {
        group: u8,
    },
}

impl From<HostCommand> for Command {
    fn from(command: HostCommand) -> Self {
        Command::Host(command)
    }
}

impl From<ParticipantCommand> for Command {
    fn from(command: ParticipantCommand) -> Self {
        Command::Participant(command)
    }
}

/// What applying a command did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Changed,
    /// The command was allowed but found nothing to change (a repeat, a pause of a paused
    /// timer): the version stays, and nothing needs storing or sending.
    Unchanged,
}

/// Notes one person may write in one round (per problem for HMW and solutions).
pub const MAX_NOTES_EACH: usize = 30;
/// The most time one "add time" may add.
pub const MAX_ADD_SECS: u32 = 30 * 60;
/// How far ahead an action's due date may lie: first steps are meant for the next weeks, and a
/// date years away is a typing slip.
pub const MAX_DUE_YEARS: u8 = 5;

/// A due date on or after the jam's day (the day before, for a jam run across time zones) and
/// at most `MAX_DUE_YEARS` later.
fn due_date_is_reasonable(jam_day: NaiveDate, due: NaiveDate) -> bool {
    let earliest = jam_day.pred_opt().unwrap_or(jam_day);
    let latest = jam_day
        .checked_add_months(chrono::Months::new(12 * u32::from(MAX_DUE_YEARS)))
        .unwrap_or(NaiveDate::MAX);
    (earliest..=latest).contains(&due)
}

impl Jam {
    /// Applies `command` from `person`; `new_id` names anything the command creates. (A retried
    /// request is spotted by its command id where changes are stored, not here.)
    pub fn apply(
        &mut self,
        person: PersonId,
        command: Command,
        new_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Outcome, JamError> {
        // Work on a copy, so a refusal half-way can never leave a half-changed jam.
        let mut next = self.clone();
        match command {
            Command::Host(command) => {
                match self.role_of(person) {
                    Role::Facilitator => {}
                    // A group lead does their group's steps, nothing else.
                    Role::Participant(me) if self.is_lead(me) && self.grouped() => {
                        let group = self.group_of(me).unwrap_or(0);
                        self.lead_may(group, &command)?;
                    }
                    _ => return Err(JamError::NotFacilitator),
                }
                next.facilitate(command, new_id, now)?;
            }
            Command::Participant(command) => {
                let me = self
                    .participant_of(person)
                    .map(|p| p.id)
                    .ok_or(JamError::NotParticipant)?;
                next.participate(me, command, new_id, now)?;
            }
        }
        if next == *self {
            return Ok(Outcome::Unchanged);
        }
        next.version += 1;
        *self = next;
        Ok(Outcome::Changed)
    }

    fn facilitate(
        &mut self,
        command: HostCommand,
        new_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(), JamError> {
        match command {
            HostCommand::NextRound { from } if from == self.round => self.advance(now),
            HostCommand::PreviousRound { from } if from == self.round => self.go_back(now),
            // Another tab (or a double tap) moved the jam already.
            HostCommand::NextRound { .. } | HostCommand::PreviousRound { .. } => Ok(()),
            HostCommand::UpdateSettings(change) => self.change_settings(&change),
            HostCommand::PauseTimer => {
                self.timer.pause(now);
                Ok(())
            }
            HostCommand::ResumeTimer => {
                self.timer.resume(now);
                Ok(())
            }
            HostCommand::AddTime { secs } => {
                if self.settings.timebox(self.round).is_none() {
                    return Err(JamError::NoTimer);
                }
                self.timer.add(secs.min(MAX_ADD_SECS), now);
                Ok(())
            }
            HostCommand::Reveal { author, group } => {
                self.expect_round(Round::Reveal)?;
                for note in self.notes.iter_mut().filter(|n| {
                    matches!(n.kind, NoteKind::Working | NoteKind::Problem)
                        && author.is_none_or(|a| n.author == a)
                        && group.is_none_or(|g| n.group == g)
                }) {
                    note.revealed = true;
                }
                Ok(())
            }
            HostCommand::Merge { note, into } => {
                self.expect_round(Round::Reveal)?;
                self.merge(note, into)
            }
            HostCommand::Unmerge { note } => {
                self.expect_round(Round::Reveal)?;
                let found = self
                    .notes
                    .iter_mut()
                    .find(|n| n.id == note)
                    .ok_or(JamError::NoSuchNote)?;
                found.merged_into = None;
                Ok(())
            }
            HostCommand::MoveProblem { note, to } => {
                self.expect_round(Round::Prioritize)?;
                let group = self.note_group(note).ok_or(JamError::NoSuchNote)?;
                let mut order = self.group_order(group);
                let at = order
                    .iter()
                    .position(|n| *n == note)
                    .ok_or(JamError::NoSuchNote)?;
                if !self.can_move_problem(group, at, to) {
                    return Err(JamError::NotATie);
                }
                let moved = order.remove(at);
                order.insert(to, moved);
                // The group's problems keep the places the group's order had.
                let mut in_group = order.into_iter();
                for slot in self.problem_order.iter_mut() {
                    if self.notes.iter().any(|n| n.id == *slot && n.group == group) {
                        *slot = in_group.next().unwrap_or(*slot);
                    }
                }
                self.order_chosen();
                Ok(())
            }
            HostCommand::SetChosen { note, chosen } => {
                self.expect_round(Round::Prioritize)?;
                if !self.problem_order.contains(&note) {
                    return Err(JamError::NoSuchNote);
                }
                let already = self.chosen.contains(&note);
                let group = self.note_group(note).unwrap_or(0);
                if !chosen {
                    self.chosen.retain(|c| *c != note);
                } else if !already {
                    // Each group takes its own problems forward.
                    if self.chosen_in(group).len() >= usize::from(self.settings.problems_to_take) {
                        return Err(JamError::TooManyProblems {
                            max: self.settings.problems_to_take,
                        });
                    }
                    self.chosen.push(note);
                    self.order_chosen();
                }
                Ok(())
            }
            HostCommand::ChooseHmw { text, group } => {
                self.expect_round(Round::Reframe)?;
                let text = NoteText::parse(&text).map_err(JamError::Text)?;
                let problem = self.focus_problem(group).ok_or(JamError::NoProblemChosen)?;
                upsert(&mut self.hmws, |(p, _)| *p == problem, (problem, text));
                Ok(())
            }
            HostCommand::Place { solution, quadrant } => {
                self.expect_round(Round::EffortImpact)?;
                if !self.on_a_matrix(solution) {
                    return Err(JamError::NotOnMatrix);
                }
                if let Some(q) = quadrant {
                    upsert(&mut self.placements, |(s, _)| *s == solution, (solution, q));
                } else {
                    self.placements.retain(|(s, _)| *s != solution);
                    self.actions.retain(|a| a.solution != solution);
                }
                Ok(())
            }
            HostCommand::SetAction {
                solution,
                first_step,
                owner,
                due,
            } => {
                self.expect_round(Round::Actions)?;
                if !self.on_a_matrix(solution) || self.placement(solution).is_none() {
                    return Err(JamError::NotPlaced);
                }
                if !due_date_is_reasonable(self.created_at.date_naive(), due) {
                    return Err(JamError::BadDueDate {
                        max_years: MAX_DUE_YEARS,
                    });
                }
                let action = Action {
                    solution,
                    first_step: ActionText::parse(&first_step).map_err(JamError::Text)?,
                    owner: ActionText::parse(&owner).map_err(JamError::Text)?,
                    due,
                };
                upsert(&mut self.actions, |a| a.solution == solution, action);
                Ok(())
            }
            HostCommand::RemoveAction { solution } => {
                self.expect_round(Round::Actions)?;
                self.actions.retain(|a| a.solution != solution);
                Ok(())
            }
            HostCommand::MoveToGroup { participant, group } => {
                self.move_to_group(participant, group)
            }
            HostCommand::SetLead { participant, lead } => self.set_lead(participant, lead),
            HostCommand::Present { group } => {
                if group.is_some_and(|g| g >= self.group_count()) {
                    return Err(JamError::NoSuchGroup);
                }
                self.presenting = group;
                Ok(())
            }
            HostCommand::NewHostKey => {
                // 122 random bits, like the share link's.
                self.host_key = Some(new_id.simple().to_string());
                Ok(())
            }
            HostCommand::CreateShareLink => {
                // The results are shared once they are results: every tally final.
                self.expect_round(Round::Summary)?;
                // 122 random bits: the link is the only key to the results.
                self.share_token
                    .get_or_insert_with(|| new_id.simple().to_string());
                Ok(())
            }
        }
    }

    /// Takes the settings `change` names. Fewer problems than are chosen, or a matrix too small
    /// for the solutions already placed on it, are refused: the facilitator undoes those first,
    /// so nothing is dropped without them seeing it.
    fn change_settings(&mut self, change: &SettingsChange) -> Result<(), JamError> {
        let settings = change.applied_to(&self.settings);
        settings.validate().map_err(JamError::Settings)?;
        let most_chosen = (0..self.group_count())
            .map(|g| self.chosen_in(g).len())
            .max()
            .unwrap_or(0);
        if usize::from(settings.problems_to_take) < most_chosen {
            return Err(JamError::ProblemsAlreadyChosen {
                chosen: most_chosen as u8,
            });
        }
        // People are spread over groups before anyone writes; the notes stay with the group
        // they were written in.
        let regroup = settings.groups != self.settings.groups;
        if regroup && !self.groups_open() {
            return Err(JamError::GroupsFixed);
        }
        let needed = self.places_in_use();
        if settings.matrix_size < self.settings.matrix_size
            && usize::from(settings.matrix_size) < needed
        {
            return Err(JamError::SolutionsPlaced {
                needed: needed as u8,
            });
        }
        if let Some(joining) = change.joining {
            self.joining = joining;
        }
        if let Some(size) = change.room_size {
            // Nobody who joined is ever turned out by a smaller room.
            let min = self.participants.len().max(1);
            if !(min..=self.room_max).contains(&size) {
                return Err(JamError::RoomSize {
                    min,
                    max: self.room_max,
                });
            }
            self.room_size = size;
        }
        self.settings = settings;
        if regroup {
            self.rebalance();
        }
        Ok(())
    }

    fn participate(
        &mut self,
        me: Uuid,
        command: ParticipantCommand,
        new_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(), JamError> {
        if self.locked(now) {
            return Err(JamError::TimeUp);
        }
        let my_group = self.group_of(me).unwrap_or(0);
        match command {
            ParticipantCommand::AddNote { text } => {
                let kind = self.round.writes().ok_or(JamError::WrongRound)?;
                let text = NoteText::parse(&text).map_err(JamError::Text)?;
                let problem = self.problem_for(kind, my_group);
                // A group that took fewer problems forward has none in focus now: it waits.
                if matches!(kind, NoteKind::Hmw | NoteKind::Solution) && problem.is_none() {
                    return Err(JamError::NoProblemChosen);
                }
                let mine = self
                    .notes
                    .iter()
                    .filter(|n| n.author == me && self.in_round(n))
                    .count();
                if mine >= MAX_NOTES_EACH {
                    return Err(JamError::TooManyNotes {
                        max: MAX_NOTES_EACH,
                    });
                }
                self.notes.push(Note {
                    id: new_id,
                    author: me,
                    kind,
                    text,
                    // "How might we" proposals are for the room to see and pick from.
                    revealed: kind == NoteKind::Hmw,
                    problem,
                    seq: self.next_seq,
                    merged_into: None,
                    group: my_group,
                });
                self.next_seq += 1;
                Ok(())
            }
            ParticipantCommand::EditNote { note, text } => {
                let text = NoteText::parse(&text).map_err(JamError::Text)?;
                self.may_change(me, note, now)?;
                if let Some(n) = self.notes.iter_mut().find(|n| n.id == note) {
                    n.text = text;
                }
                Ok(())
            }
            ParticipantCommand::DeleteNote { note } => {
                self.may_change(me, note, now)?;
                self.notes.retain(|n| n.id != note);
                Ok(())
            }
            ParticipantCommand::CastVote { note } if self.round == Round::Plenary => {
                if !self.plenary_ballot().contains(&note) {
                    return Err(JamError::NoSuchNote);
                }
                let dots = self.settings.plenary_dots;
                if self.plenary_dots_used(me) >= usize::from(dots) {
                    return Err(JamError::OutOfDots { dots });
                }
                self.plenary_votes.push(Vote { voter: me, note });
                Ok(())
            }
            ParticipantCommand::WithdrawVote { note } if self.round == Round::Plenary => {
                let at = self
                    .plenary_votes
                    .iter()
                    .rposition(|v| v.voter == me && v.note == note)
                    .ok_or(JamError::NoVoteToTake)?;
                self.plenary_votes.remove(at);
                Ok(())
            }
            ParticipantCommand::CastVote { note } => {
                let kind = self.round.votes_on().ok_or(JamError::WrongRound)?;
                if !self.ballot(my_group).contains(&note) {
                    return Err(match self.note_group(note) {
                        Some(g) if g != my_group => JamError::OtherGroup,
                        _ => JamError::NoSuchNote,
                    });
                }
                let dots = self.settings.dots(kind);
                if self.dots_used(me) >= usize::from(dots) {
                    return Err(JamError::OutOfDots { dots });
                }
                self.votes.push(Vote { voter: me, note });
                Ok(())
            }
            ParticipantCommand::WithdrawVote { note } => {
                self.round.votes_on().ok_or(JamError::WrongRound)?;
                let ballot = self.ballot(my_group);
                let at = self
                    .votes
                    .iter()
                    .rposition(|v| v.voter == me && v.note == note && ballot.contains(&v.note))
                    .ok_or(JamError::NoVoteToTake)?;
                self.votes.remove(at);
                Ok(())
            }
            ParticipantCommand::Rate {
                solution,
                effort,
                impact,
            } => {
                self.expect_round(Round::EffortImpact)?;
                if !self.matrix_candidates(my_group).contains(&solution) {
                    return Err(JamError::NotOnMatrix);
                }
                let range = Rating::MIN..=Rating::MAX;
                let given = [effort, impact];
                if given.iter().all(Option::is_none)
                    || given.iter().flatten().any(|v| !range.contains(v))
                {
                    return Err(JamError::BadRating);
                }
                let before = self
                    .ratings
                    .iter()
                    .find(|r| r.rater == me && r.solution == solution);
                let rating = Rating {
                    rater: me,
                    solution,
                    effort: effort
                        .or(before.map(|r| r.effort))
                        .unwrap_or(Rating::MIDDLE),
                    impact: impact
                        .or(before.map(|r| r.impact))
                        .unwrap_or(Rating::MIDDLE),
                };
                upsert(
                    &mut self.ratings,
                    |r| r.rater == me && r.solution == solution,
                    rating,
                );
                Ok(())
            }
            ParticipantCommand::PickGroup { group } => self.pick_group(me, group),
        }
    }

    fn expect_round(&self, round: Round) -> Result<(), JamError> {
        if self.round == round {
            Ok(())
        } else {
            Err(JamError::WrongRound)
        }
    }

    /// Whether time is up and the facilitator chose that phones stop then.
    pub fn locked(&self, now: DateTime<Utc>) -> bool {
        self.settings.lock_at_time_up && self.timer.is_up(now)
    }

    /// Whether `me` may edit or delete `note` now: their own, written in this round (for the
    /// problem in focus), and nobody has used it yet.
    pub fn may_change(&self, me: Uuid, note: Uuid, now: DateTime<Utc>) -> Result<(), JamError> {
        if self.locked(now) {
            return Err(JamError::TimeUp);
        }
        self.editable_by(me, note)
    }

    /// Whether `me` may change `note`, the time-up lock aside.
    pub fn editable_by(&self, me: Uuid, note: Uuid) -> Result<(), JamError> {
        self.round.writes().ok_or(JamError::WrongRound)?;
        let found = self
            .notes
            .iter()
            .find(|n| n.id == note)
            .ok_or(JamError::NoSuchNote)?;
        if found.author != me {
            return Err(JamError::NotYourNote);
        }
        if !self.in_round(found) {
            return Err(JamError::WrongRound);
        }
        if self.in_use(note) {
            return Err(JamError::NoteInUse);
        }
        Ok(())
    }

    /// Puts `note` (and the notes on its card) on the card of `into`, moving their votes.
    fn merge(&mut self, note: Uuid, into: Uuid) -> Result<(), JamError> {
        let find = |id: Uuid| self.notes.iter().find(|n| n.id == id);
        let (moved, target) = (
            find(note).ok_or(JamError::NoSuchNote)?,
            find(into).ok_or(JamError::NoSuchNote)?,
        );
        let clusterable =
            |n: &Note| n.revealed && matches!(n.kind, NoteKind::Working | NoteKind::Problem);
        if note == into
            || moved.kind != target.kind
            || moved.group != target.group
            || !clusterable(moved)
            || !clusterable(target)
            || target.merged_into.is_some()
            // A problem taken forward already has its question, solutions and actions.
            || self.chosen.contains(&note)
        {
            return Err(JamError::CannotMerge);
        }
        for n in &mut self.notes {
            if n.id == note || n.merged_into == Some(note) {
                n.merged_into = Some(into);
            }
        }
        for v in &mut self.votes {
            if v.note == note {
                v.note = into;
            }
        }
        Ok(())
    }

    /// Whether others have built on `note`: voted on it, chosen, placed, rated or clustered it.
    fn in_use(&self, note: Uuid) -> bool {
        self.notes
            .iter()
            .any(|n| n.id == note && n.merged_into.is_some() || n.merged_into == Some(note))
            || tally(&self.votes, note) > 0
            || self.chosen.contains(&note)
            || self.placement(note).is_some()
            || self.ratings.iter().any(|r| r.solution == note)
    }

    /// The chosen problem `group` is working on in rounds 6–10 now: its `focus`-th (a group
    /// that took fewer forward has none then).
    pub fn focus_problem(&self, group: u8) -> Option<Uuid> {
        self.chosen_in(group).get(self.focus).copied()
    }

    /// The problem a note of `kind` written now in `group` belongs to.
    pub fn problem_for(&self, kind: NoteKind, group: u8) -> Option<Uuid> {
        match kind {
            NoteKind::Hmw | NoteKind::Solution => self.focus_problem(group),
            _ => None,
        }
    }

    /// The problems in focus now, one per group that has one.
    pub fn focus_problems(&self) -> Vec<Uuid> {
        (0..self.group_count())
            .filter_map(|g| self.focus_problem(g))
            .collect()
    }

    /// Whether `note` is part of this round's work: written in this writing round (for the
    /// problem in focus, where that matters), or up for vote in this voting round.
    pub fn in_round(&self, note: &Note) -> bool {
        let (kind, needs_reveal) = match (self.round.writes(), self.round.votes_on()) {
            (Some(kind), _) => (kind, false),
            (_, Some(kind)) => (kind, true),
            _ => return false,
        };
        note.kind == kind
            && note.problem == self.problem_for(kind, note.group)
            // A ballot holds revealed cards: a note merged into another is voted on there.
            && (!needs_reveal || (note.revealed && note.merged_into.is_none()))
    }

    /// The notes `group` can vote on in the current voting round.
    pub fn ballot(&self, group: u8) -> Vec<Uuid> {
        if self.round.votes_on().is_none() {
            return Vec::new();
        }
        self.notes
            .iter()
            .filter(|n| n.group == group && self.in_round(n))
            .map(|n| n.id)
            .collect()
    }

    /// Dots `me` has on their group's current ballot.
    pub fn dots_used(&self, me: Uuid) -> usize {
        let ballot = self.ballot(self.group_of(me).unwrap_or(0));
        self.votes
            .iter()
            .filter(|v| v.voter == me && ballot.contains(&v.note))
            .count()
    }

    /// `notes` with the most votes first; ties in the order of `earlier` (an order the
    /// facilitator gave them), then first written first. The one ranking of problems, solutions
    /// and exports.
    fn rank<'a>(&self, notes: impl Iterator<Item = &'a Note>, earlier: &[Uuid]) -> Vec<&'a Note> {
        let mut ranked: Vec<&Note> = notes.collect();
        ranked.sort_by_key(|n| {
            let given = earlier.iter().position(|e| *e == n.id);
            (
                std::cmp::Reverse(tally(&self.votes, n.id)),
                given.unwrap_or(usize::MAX),
                n.seq,
            )
        });
        ranked
    }

    /// The revealed solutions of `problem`, most votes first (ties: first written first).
    pub fn ranked_solutions(&self, problem: Uuid) -> Vec<&Note> {
        let solutions = self
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::Solution && n.problem == Some(problem) && n.revealed);
        self.rank(solutions, &[])
    }

    /// The top solutions of `problem`, which go on its effort/impact matrix.
    pub fn matrix_of(&self, problem: Uuid) -> Vec<Uuid> {
        self.ranked_solutions(problem)
            .into_iter()
            .take(usize::from(self.settings.matrix_size))
            .map(|n| n.id)
            .collect()
    }

    /// The matrix of the problem `group` has in focus.
    pub fn matrix_candidates(&self, group: u8) -> Vec<Uuid> {
        self.focus_problem(group)
            .map(|p| self.matrix_of(p))
            .unwrap_or_default()
    }

    /// Whether `solution` is on the matrix of its group's problem in focus.
    fn on_a_matrix(&self, solution: Uuid) -> bool {
        self.note_group(solution)
            .is_some_and(|g| self.matrix_candidates(g).contains(&solution))
    }

    /// Solutions of the problem in focus left off its matrix with as many votes as `solution`
    /// on it: a tie at the cut-off, broken only by the order of writing.
    pub fn tied_off_matrix(&self, solution: Uuid) -> usize {
        let votes = tally(&self.votes, solution);
        self.note_group(solution)
            .and_then(|g| self.focus_problem(g))
            .map(|p| self.ranked_solutions(p))
            .unwrap_or_default()
            .into_iter()
            .skip(usize::from(self.settings.matrix_size))
            .filter(|n| tally(&self.votes, n.id) == votes)
            .count()
    }

    /// How many places of the matrix hold a placed solution, counted to the last of them: the
    /// smallest matrix that keeps every placed solution on it.
    fn places_in_use(&self) -> usize {
        self.chosen
            .iter()
            .flat_map(|p| self.matrix_of(*p).into_iter().enumerate())
            .filter(|(_, s)| self.placement(*s).is_some())
            .map(|(at, _)| at + 1)
            .max()
            .unwrap_or(0)
    }

    /// Whether an action counts: its solution is placed on the matrix of a chosen problem.
    /// Others stay stored (choosing the problem again brings them back) but are not listed.
    pub fn counts(&self, action: &Action) -> bool {
        let problem = self
            .notes
            .iter()
            .find(|n| n.id == action.solution)
            .and_then(|n| n.problem)
            .filter(|p| self.chosen.contains(p));
        problem.is_some_and(|p| {
            self.placement(action.solution).is_some()
                && self.matrix_of(p).contains(&action.solution)
        })
    }

    /// Whether the problems `group` ranked `a` and `b` have as many votes.
    pub fn problems_tie(&self, group: u8, a: usize, b: usize) -> bool {
        let order = self.group_order(group);
        match (order.get(a), order.get(b)) {
            (Some(a), Some(b)) => tally(&self.votes, *a) == tally(&self.votes, *b),
            _ => false,
        }
    }

    /// Whether the problem `group` ranked `at` may move to place `to` now: in the prioritize
    /// round, among problems with as many votes (the ranking is by votes, so all between have
    /// as many too).
    pub fn can_move_problem(&self, group: u8, at: usize, to: usize) -> bool {
        self.round == Round::Prioritize && self.problems_tie(group, at, to)
    }

    /// Keeps the chosen problems in priority order: they are worked on in that order.
    fn order_chosen(&mut self) {
        let order = &self.problem_order;
        self.chosen
            .sort_by_key(|c| order.iter().position(|o| o == c));
    }

    pub fn placement(&self, solution: Uuid) -> Option<Quadrant> {
        self.placements
            .iter()
            .find(|(s, _)| *s == solution)
            .map(|(_, q)| *q)
    }

    pub fn hmw_of(&self, problem: Uuid) -> Option<&NoteText> {
        self.hmws
            .iter()
            .find(|(p, _)| *p == problem)
            .map(|(_, t)| t)
    }

    /// Whether voting on `kind` notes (of `problem`, for solutions) is over, so tallies may be
    /// shown.
    pub fn voting_closed(&self, kind: NoteKind, problem: Option<Uuid>) -> bool {
        match kind {
            NoteKind::Problem => self.round > Round::VoteProblems,
            NoteKind::Solution => {
                let Some(at) = problem.and_then(|p| {
                    let group = self.note_group(p)?;
                    self.chosen_in(group).iter().position(|c| *c == p)
                }) else {
                    return false;
                };
                self.round >= Round::Plenary
                    || at < self.focus
                    || (at == self.focus && self.round > Round::VoteSolutions)
            }
            _ => false,
        }
    }

    fn advance(&mut self, now: DateTime<Utc>) -> Result<(), JamError> {
        let next = match self.round {
            Round::Prioritize if self.chosen.is_empty() => return Err(JamError::NoProblemChosen),
            Round::Prioritize => {
                // Every group that has problems takes one forward.
                if let Some(group) = (0..self.group_count())
                    .find(|g| self.chosen_in(*g).is_empty() && !self.group_order(*g).is_empty())
                {
                    return Err(JamError::GroupWithoutProblem { group });
                }
                self.settings
                    .next(Round::Prioritize)
                    .ok_or(JamError::WrongRound)?
            }
            Round::Reframe => {
                let without = (0..self.group_count()).find(|g| {
                    self.focus_problem(*g)
                        .is_some_and(|p| self.hmw_of(p).is_none())
                });
                match without {
                    Some(_) if !self.grouped() => return Err(JamError::NoHmwChosen),
                    Some(group) => return Err(JamError::GroupWithoutHmw { group }),
                    None => self
                        .settings
                        .next(Round::Reframe)
                        .ok_or(JamError::WrongRound)?,
                }
            }
            // Rounds 6–10 again for the next chosen problem (of the groups that took more).
            Round::Actions if self.focus + 1 < self.most_chosen() => {
                self.focus += 1;
                Round::Reframe
            }
            round => self.settings.next(round).ok_or(JamError::WrongRound)?,
        };
        match next {
            // Voting needs every note on the table.
            Round::VoteProblems => {
                for n in self
                    .notes
                    .iter_mut()
                    .filter(|n| matches!(n.kind, NoteKind::Working | NoteKind::Problem))
                {
                    n.revealed = true;
                }
            }
            Round::Prioritize => {
                // Ranked again (votes may have changed), keeping the order the facilitator
                // gave ties before.
                let problems = self
                    .notes
                    .iter()
                    .filter(|n| n.kind == NoteKind::Problem && n.merged_into.is_none());
                // Each group's problems ranked on their own, group after group.
                let mut ranked = self.rank(problems, &self.problem_order);
                ranked.sort_by_key(|n| n.group);
                let order: Vec<Uuid> = ranked.into_iter().map(|n| n.id).collect();
                self.problem_order = order;
                self.chosen.retain(|c| self.problem_order.contains(c));
                self.order_chosen();
            }
            Round::Reframe if self.round == Round::Prioritize => self.focus = 0,
            Round::VoteSolutions => {
                let problems = self.focus_problems();
                for n in self.notes.iter_mut().filter(|n| {
                    n.kind == NoteKind::Solution && n.problem.is_some_and(|p| problems.contains(&p))
                }) {
                    n.revealed = true;
                }
            }
            _ => {}
        }
        self.enter(next, now);
        Ok(())
    }

    /// The plenary's ballot: every group's actions that count, by their solution's id.
    pub fn plenary_ballot(&self) -> Vec<Uuid> {
        self.actions
            .iter()
            .filter(|a| self.counts(a))
            .map(|a| a.solution)
            .collect()
    }

    /// Dots `me` has placed in the plenary (on actions that still count).
    pub fn plenary_dots_used(&self, me: Uuid) -> usize {
        let ballot = self.plenary_ballot();
        self.plenary_votes
            .iter()
            .filter(|v| v.voter == me && ballot.contains(&v.note))
            .count()
    }

    /// Whether the plenary has been run and its tallies may be shown: the summary of a room
    /// that finished together.
    pub fn plenary_closed(&self) -> bool {
        self.round == Round::Summary && self.settings.runs(Round::Plenary)
    }

    /// The most problems any group took forward: how often rounds 6–10 are run.
    fn most_chosen(&self) -> usize {
        (0..self.group_count())
            .map(|g| self.chosen_in(g).len())
            .max()
            .unwrap_or(0)
    }

    fn go_back(&mut self, now: DateTime<Utc>) -> Result<(), JamError> {
        let previous = match self.round {
            Round::Reframe if self.focus > 0 => {
                self.focus -= 1;
                Round::Actions
            }
            round => self.settings.previous(round).ok_or(JamError::WrongRound)?,
        };
        self.enter(previous, now);
        Ok(())
    }

    fn enter(&mut self, round: Round, now: DateTime<Utc>) {
        self.round = round;
        // The code stops letting people in a while after the summary (see `Jam::admit`).
        self.summary_at = (round == Round::Summary).then_some(now);
        self.timer = match self.settings.timebox(round) {
            Some(secs) => Timer::start(secs, now),
            None => Timer::Off,
        };
    }
}

/// Puts `value` in place of the entry `is_it` finds, or at the end: an update keeps the order,
/// so setting what is already there changes nothing.
fn upsert<T>(items: &mut Vec<T>, is_it: impl Fn(&T) -> bool, value: T) {
    match items.iter_mut().find(|item| is_it(item)) {
        Some(item) => *item = value,
        None => items.push(value),
    }
}
