//! Everything that can happen in a jam after people have joined, as commands. `Jam::apply`
//! checks who is asking, the round, budgets and limits, and either changes the jam (bumping its
//! version) or refuses with a reason and changes nothing.

use super::jam::{Jam, JamError, Role};
use super::matrix::{Action, Quadrant, Rating};
use super::notes::{tally, Note, Vote};
use super::round::{NoteKind, Round, Settings};
use super::text::{ActionText, NoteText};
use super::timer::Timer;
use super::PersonId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    // The facilitator's.
    NextRound,
    PreviousRound,
    UpdateSettings(Settings),
    PauseTimer,
    ResumeTimer,
    AddTime {
        secs: u32,
    },
    /// Reveal round: all notes, or one author's.
    Reveal {
        author: Option<Uuid>,
    },
    /// Prioritize: swap a problem with its neighbour above (`up`) or below; ties only.
    MoveProblem {
        note: Uuid,
        up: bool,
    },
    /// Prioritize: take a problem forward, or stop taking it.
    ToggleProblem {
        note: Uuid,
    },
    /// Reframe: the "How might we" for the problem in focus (picked from a proposal or edited).
    ChooseHmw {
        text: String,
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
    /// Makes (or keeps) a read-only link to the jam's results.
    CreateShareLink,
    // A participant's.
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
    Rate {
        solution: Uuid,
        effort: u8,
        impact: u8,
    },
}

/// What applying a command did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Changed,
    /// The same command id was applied before: nothing done again.
    Repeated,
}

impl Command {
    fn is_facilitators(&self) -> bool {
        !matches!(
            self,
            Command::AddNote { .. }
                | Command::EditNote { .. }
                | Command::DeleteNote { .. }
                | Command::CastVote { .. }
                | Command::WithdrawVote { .. }
                | Command::Rate { .. }
        )
    }
}

/// How many command ids are remembered for spotting retries.
const REMEMBERED_COMMANDS: usize = 512;
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
    /// Applies `command` from `person`. `id` is made by the client for each user action and
    /// reused on retries; `new_id` names anything the command creates.
    pub fn apply(
        &mut self,
        person: PersonId,
        id: Uuid,
        command: Command,
        new_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Outcome, JamError> {
        if self.recent_commands.contains(&id) {
            return Ok(Outcome::Repeated);
        }
        // Work on a copy, so a refusal half-way can never leave a half-changed jam.
        let mut next = self.clone();
        if command.is_facilitators() {
            if self.role_of(person) != Role::Facilitator {
                return Err(JamError::NotFacilitator);
            }
            next.facilitate(command, new_id, now)?;
        } else {
            let me = self
                .participant_of(person)
                .map(|p| p.id)
                .ok_or(JamError::NotParticipant)?;
            next.participate(me, command, new_id, now)?;
        }
        next.recent_commands.push_back(id);
        if next.recent_commands.len() > REMEMBERED_COMMANDS {
            next.recent_commands.pop_front();
        }
        next.version += 1;
        *self = next;
        Ok(Outcome::Changed)
    }

    fn facilitate(
        &mut self,
        command: Command,
        new_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(), JamError> {
        match command {
            Command::NextRound => self.advance(now),
            Command::PreviousRound => self.go_back(now),
            Command::UpdateSettings(settings) => {
                settings.validate().map_err(JamError::Settings)?;
                self.settings = settings;
                Ok(())
            }
            Command::PauseTimer => {
                self.timer.pause(now);
                Ok(())
            }
            Command::ResumeTimer => {
                self.timer.resume(now);
                Ok(())
            }
            Command::AddTime { secs } => {
                self.timer.add(secs.min(MAX_ADD_SECS), now);
                Ok(())
            }
            Command::Reveal { author } => {
                self.expect_round(Round::Reveal)?;
                for note in self.notes.iter_mut().filter(|n| {
                    matches!(n.kind, NoteKind::Working | NoteKind::Problem)
                        && author.is_none_or(|a| n.author == a)
                }) {
                    note.revealed = true;
                }
                Ok(())
            }
            Command::MoveProblem { note, up } => {
                self.expect_round(Round::Prioritize)?;
                let at = self
                    .problem_order
                    .iter()
                    .position(|n| *n == note)
                    .ok_or(JamError::NoSuchNote)?;
                let other = if up { at.checked_sub(1) } else { Some(at + 1) }
                    .filter(|o| *o < self.problem_order.len())
                    .ok_or(JamError::NotATie)?;
                if tally(&self.votes, note) != tally(&self.votes, self.problem_order[other]) {
                    return Err(JamError::NotATie);
                }
                self.problem_order.swap(at, other);
                Ok(())
            }
            Command::ToggleProblem { note } => {
                self.expect_round(Round::Prioritize)?;
                if !self.problem_order.contains(&note) {
                    return Err(JamError::NoSuchNote);
                }
                if let Some(at) = self.chosen.iter().position(|n| *n == note) {
                    self.chosen.remove(at);
                } else if self.chosen.len() >= usize::from(self.settings.problems_to_take) {
                    return Err(JamError::TooManyProblems {
                        max: self.settings.problems_to_take,
                    });
                } else {
                    self.chosen.push(note);
                    // Work on problems in priority order, whatever order they were picked in.
                    let order = &self.problem_order;
                    self.chosen
                        .sort_by_key(|n| order.iter().position(|o| o == n));
                }
                Ok(())
            }
            Command::ChooseHmw { text } => {
                self.expect_round(Round::Reframe)?;
                let text = NoteText::parse(&text).map_err(JamError::Text)?;
                let problem = self.focus_problem().ok_or(JamError::NoProblemChosen)?;
                self.hmws.retain(|(p, _)| *p != problem);
                self.hmws.push((problem, text));
                Ok(())
            }
            Command::Place { solution, quadrant } => {
                self.expect_round(Round::EffortImpact)?;
                if !self.matrix_candidates().contains(&solution) {
                    return Err(JamError::NotOnMatrix);
                }
                self.placements.retain(|(s, _)| *s != solution);
                if let Some(q) = quadrant {
                    self.placements.push((solution, q));
                } else {
                    self.actions.retain(|a| a.solution != solution);
                }
                Ok(())
            }
            Command::SetAction {
                solution,
                first_step,
                owner,
                due,
            } => {
                self.expect_round(Round::Actions)?;
                if !self.matrix_candidates().contains(&solution)
                    || self.placement(solution).is_none()
                {
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
                match self.actions.iter_mut().find(|a| a.solution == solution) {
                    Some(existing) => *existing = action,
                    None => self.actions.push(action),
                }
                Ok(())
            }
            Command::RemoveAction { solution } => {
                self.expect_round(Round::Actions)?;
                self.actions.retain(|a| a.solution != solution);
                Ok(())
            }
            Command::CreateShareLink => {
                // 122 random bits: the link is the only key to the results.
                self.share_token
                    .get_or_insert_with(|| new_id.simple().to_string());
                Ok(())
            }
            _ => unreachable!("participant commands are handled in participate"),
        }
    }

    fn participate(
        &mut self,
        me: Uuid,
        command: Command,
        new_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(), JamError> {
        let locked = self.settings.lock_at_time_up && self.timer.is_up(now);
        match command {
            Command::AddNote { text } => {
                let kind = self.round.writes().ok_or(JamError::WrongRound)?;
                if locked {
                    return Err(JamError::TimeUp);
                }
                let text = NoteText::parse(&text).map_err(JamError::Text)?;
                let problem = self.problem_for(kind);
                let mine = self
                    .notes
                    .iter()
                    .filter(|n| n.author == me && n.kind == kind && n.problem == problem)
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
                });
                self.next_seq += 1;
                Ok(())
            }
            Command::EditNote { note, text } => {
                let text = NoteText::parse(&text).map_err(JamError::Text)?;
                self.own_open_note(me, note, locked)?.text = text;
                Ok(())
            }
            Command::DeleteNote { note } => {
                self.own_open_note(me, note, locked)?;
                self.notes.retain(|n| n.id != note);
                Ok(())
            }
            Command::CastVote { note } => {
                let kind = self.round.votes_on().ok_or(JamError::WrongRound)?;
                if locked {
                    return Err(JamError::TimeUp);
                }
                if !self.ballot().contains(&note) {
                    return Err(JamError::NoSuchNote);
                }
                let dots = self.settings.dots(kind);
                if self.dots_used(me) >= usize::from(dots) {
                    return Err(JamError::OutOfDots { dots });
                }
                self.votes.push(Vote { voter: me, note });
                Ok(())
            }
            Command::WithdrawVote { note } => {
                self.round.votes_on().ok_or(JamError::WrongRound)?;
                if locked {
                    return Err(JamError::TimeUp);
                }
                let at = self
                    .votes
                    .iter()
                    .rposition(|v| {
                        v.voter == me && v.note == note && self.ballot().contains(&v.note)
                    })
                    .ok_or(JamError::NoVoteToTake)?;
                self.votes.remove(at);
                Ok(())
            }
            Command::Rate {
                solution,
                effort,
                impact,
            } => {
                self.expect_round(Round::EffortImpact)?;
                if !self.matrix_candidates().contains(&solution) {
                    return Err(JamError::NotOnMatrix);
                }
                let range = Rating::MIN..=Rating::MAX;
                if !range.contains(&effort) || !range.contains(&impact) {
                    return Err(JamError::BadRating);
                }
                self.ratings
                    .retain(|r| !(r.rater == me && r.solution == solution));
                self.ratings.push(Rating {
                    rater: me,
                    solution,
                    effort,
                    impact,
                });
                Ok(())
            }
            _ => unreachable!("facilitator commands are handled in facilitate"),
        }
    }

    fn expect_round(&self, round: Round) -> Result<(), JamError> {
        if self.round == round {
            Ok(())
        } else {
            Err(JamError::WrongRound)
        }
    }

    /// A note of `me` that can still be changed: written in this round (for this problem).
    fn own_open_note(&mut self, me: Uuid, note: Uuid, locked: bool) -> Result<&mut Note, JamError> {
        let kind = self.round.writes().ok_or(JamError::WrongRound)?;
        if locked {
            return Err(JamError::TimeUp);
        }
        let problem = self.problem_for(kind);
        let found = self
            .notes
            .iter_mut()
            .find(|n| n.id == note)
            .ok_or(JamError::NoSuchNote)?;
        if found.author != me {
            return Err(JamError::NotYourNote);
        }
        if found.kind != kind || found.problem != problem {
            return Err(JamError::WrongRound);
        }
        Ok(found)
    }

    /// The chosen problem rounds 6–10 are working on now.
    pub fn focus_problem(&self) -> Option<Uuid> {
        self.chosen.get(self.focus).copied()
    }

    /// The problem a note of `kind` written now belongs to.
    fn problem_for(&self, kind: NoteKind) -> Option<Uuid> {
        match kind {
            NoteKind::Hmw | NoteKind::Solution => self.focus_problem(),
            _ => None,
        }
    }

    /// The notes that can be voted on in the current voting round.
    pub fn ballot(&self) -> Vec<Uuid> {
        let Some(kind) = self.round.votes_on() else {
            return Vec::new();
        };
        let problem = self.problem_for(kind);
        self.notes
            .iter()
            .filter(|n| n.kind == kind && n.problem == problem && n.revealed)
            .map(|n| n.id)
            .collect()
    }

    /// Dots `me` has on the current ballot.
    pub fn dots_used(&self, me: Uuid) -> usize {
        let ballot = self.ballot();
        self.votes
            .iter()
            .filter(|v| v.voter == me && ballot.contains(&v.note))
            .count()
    }

    /// Solutions of the problem in focus, most votes first (ties: first written first).
    pub fn ranked_solutions(&self) -> Vec<&Note> {
        let problem = self.focus_problem();
        let mut solutions: Vec<&Note> = self
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::Solution && n.problem == problem && problem.is_some())
            .collect();
        solutions.sort_by_key(|n| (std::cmp::Reverse(tally(&self.votes, n.id)), n.seq));
        solutions
    }

    /// The top solutions of the problem in focus, which go on the effort/impact matrix.
    pub fn matrix_candidates(&self) -> Vec<Uuid> {
        self.ranked_solutions()
            .into_iter()
            .take(usize::from(self.settings.matrix_size))
            .map(|n| n.id)
            .collect()
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
                let Some(at) = problem.and_then(|p| self.chosen.iter().position(|c| *c == p))
                else {
                    return false;
                };
                self.round == Round::Summary
                    || at < self.focus
                    || (at == self.focus && self.round > Round::VoteSolutions)
            }
            _ => false,
        }
    }

    fn advance(&mut self, now: DateTime<Utc>) -> Result<(), JamError> {
        let next = match self.round {
            Round::Prioritize if self.chosen.is_empty() => return Err(JamError::NoProblemChosen),
            Round::Reframe if self.focus_problem().and_then(|p| self.hmw_of(p)).is_none() => {
                return Err(JamError::NoHmwChosen)
            }
            // Rounds 6–10 again for the next chosen problem.
            Round::Actions if self.focus + 1 < self.chosen.len() => {
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
                let mut problems: Vec<&Note> = self
                    .notes
                    .iter()
                    .filter(|n| n.kind == NoteKind::Problem)
                    .collect();
                problems.sort_by_key(|n| (std::cmp::Reverse(tally(&self.votes, n.id)), n.seq));
                self.problem_order = problems.into_iter().map(|n| n.id).collect();
                self.chosen.retain(|c| self.problem_order.contains(c));
            }
            Round::Reframe if self.round == Round::Prioritize => self.focus = 0,
            Round::VoteSolutions => {
                let problem = self.focus_problem();
                for n in self
                    .notes
                    .iter_mut()
                    .filter(|n| n.kind == NoteKind::Solution && n.problem == problem)
                {
                    n.revealed = true;
                }
            }
            _ => {}
        }
        self.enter(next, now);
        Ok(())
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
        self.timer = match self.settings.timebox(round) {
            Some(secs) => Timer::start(secs, now),
            None => Timer::Off,
        };
    }
}
