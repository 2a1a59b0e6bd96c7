//! What a screen may see of a jam. Privacy is decided here and only here: the server builds
//! every payload it sends through `JamView::for_person`.
//!
//! - A note written in a silent round is in its author's view only, until revealed.
//! - Dot tallies are in no view until that voting has closed; a phone sees its own dots.
//! - The projector (facilitator) sees revealed notes and how much each person has written,
//!   never what they wrote before it is revealed.
//! - Who wrote a note is shown only in the reveal round, where notes are shown author by
//!   author; outside it a phone's view names nobody but its owner, and nobody votes for a
//!   name.

use super::matrix::{average, Quadrant};
use super::notes::tally;
use super::round::{NoteKind, Round, Settings};
use super::{Jam, PersonId, Role};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JamView {
    pub version: u64,
    pub code: String,
    pub topic: String,
    pub participant_count: usize,
    pub viewer: ViewerRole,
    pub round: Round,
    pub settings: Settings,
    pub timer: Option<TimerView>,
    /// Rounds 6–10: the problem being worked on.
    pub focus: Option<FocusView>,
    /// The notes this viewer may see.
    pub notes: Vec<NoteView>,
    /// A phone in a voting round: dots it has left.
    pub dots_left: Option<u8>,
    /// The projector: how much each person has done in this round (counts, never content).
    pub progress: Vec<Progress>,
    /// Problems in priority order, once problem voting has closed.
    pub ranking: Vec<RankedProblem>,
    /// The effort/impact matrix of the problem in focus.
    pub matrix: Vec<MatrixItem>,
    /// The actions so far, in priority order.
    pub actions: Vec<ActionView>,
    /// The facilitator: the key of the read-only results link, once made.
    pub share_token: Option<String>,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerView {
    /// Milliseconds left when the view was built; screens count down from when it arrives.
    pub remaining_ms: i64,
    pub running: bool,
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
    pub author: Option<String>,
    pub mine: bool,
    pub revealed: bool,
    /// Part of this round's work: written in this writing round (for the problem in focus),
    /// or on this voting round's ballot.
    pub in_round: bool,
    /// The viewer may edit or delete it now (their own, open, and nobody has used it yet).
    pub editable: bool,
    pub problem: Option<Uuid>,
    /// Dots on it, once that voting has closed.
    pub votes: Option<usize>,
    /// The viewer's own dots on it.
    pub my_votes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub name: String,
    /// Notes written in this writing round, or dots placed in this voting round, or solutions
    /// rated in the effort/impact round.
    pub done: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedProblem {
    pub id: Uuid,
    pub text: String,
    pub votes: usize,
    /// Same votes as a neighbour: the facilitator decides the order.
    pub tied: bool,
    pub chosen: bool,
    /// Whether it may swap places with its neighbour above (below): they have as many votes.
    pub can_move_up: bool,
    pub can_move_down: bool,
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
    /// The viewer's own rating (effort, impact).
    pub my_rating: Option<(u8, u8)>,
    /// Solutions left off the matrix with as many votes as this one: a tie at the cut-off,
    /// broken only by the order of writing. Raising the matrix size takes them in.
    pub tied_off_matrix: usize,
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
}

impl JamView {
    pub fn for_person(jam: &Jam, person: PersonId, now: DateTime<Utc>) -> Self {
        let entry = |p: &super::Participant| ParticipantEntry {
            id: p.id,
            name: p.name.to_string(),
        };
        let role = jam.role_of(person);
        let viewer = match role {
            Role::Facilitator => ViewerRole::Facilitator {
                participants: jam.participants.iter().map(entry).collect(),
            },
            Role::Participant(_) => ViewerRole::Participant {
                me: jam
                    .participant_of(person)
                    .map(entry)
                    .expect("role says joined"),
            },
            Role::Stranger => ViewerRole::Visitor,
        };
        let mut view = Self {
            version: jam.version,
            code: jam.code.to_string(),
            topic: jam.topic.to_string(),
            participant_count: jam.participants.len(),
            viewer,
            round: jam.round,
            settings: jam.settings.clone(),
            timer: jam.timer.remaining_ms(now).map(|remaining_ms| TimerView {
                remaining_ms,
                running: jam.timer.is_running(),
            }),
            focus: None,
            notes: Vec::new(),
            dots_left: None,
            progress: Vec::new(),
            ranking: Vec::new(),
            matrix: Vec::new(),
            actions: Vec::new(),
            share_token: None,
        };
        if role == Role::Stranger {
            // A visitor gets what the join page needs, nothing of the workshop.
            return view;
        }
        let me = match role {
            Role::Participant(id) => Some(id),
            _ => None,
        };
        view.focus = focus(jam);
        view.notes = notes(jam, me, now);
        view.dots_left = me.filter(|_| jam.round.votes_on().is_some()).map(|me| {
            let budget = jam.round.votes_on().map_or(0, |k| jam.settings.dots(k));
            budget.saturating_sub(jam.dots_used(me) as u8)
        });
        if role == Role::Facilitator {
            view.progress = progress(jam);
            view.share_token = jam.share_token.clone();
        }
        if jam.round >= Round::Prioritize {
            view.ranking = ranking(jam);
        }
        if matches!(jam.round, Round::EffortImpact | Round::Actions) {
            view.matrix = matrix(jam, me);
        }
        view.actions = actions(jam);
        view
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

fn focus(jam: &Jam) -> Option<FocusView> {
    if jam.round < Round::Reframe || jam.round == Round::Summary {
        return None;
    }
    let problem = jam.focus_problem()?;
    Some(FocusView {
        problem_id: problem,
        number: jam.focus + 1,
        of: jam.chosen.len(),
        problem: jam.notes.iter().find(|n| n.id == problem)?.text.to_string(),
        hmw: jam.hmw_of(problem).map(|h| h.to_string()),
    })
}

fn notes(jam: &Jam, me: Option<Uuid>, now: DateTime<Utc>) -> Vec<NoteView> {
    jam.notes
        .iter()
        .filter(|n| n.revealed || Some(n.author) == me)
        .map(|n| NoteView {
            id: n.id,
            kind: n.kind,
            text: n.text.to_string(),
            author: (n.revealed && jam.round == Round::Reveal)
                .then(|| name_of(jam, n.author))
                .flatten(),
            mine: Some(n.author) == me,
            revealed: n.revealed,
            in_round: jam.in_round(n),
            editable: me.is_some_and(|me| jam.may_change(me, n.id, now).is_ok()),
            problem: n.problem,
            votes: jam
                .voting_closed(n.kind, n.problem)
                .then(|| tally(&jam.votes, n.id)),
            my_votes: me.map_or(0, |me| {
                jam.votes
                    .iter()
                    .filter(|v| v.voter == me && v.note == n.id)
                    .count()
            }),
        })
        .collect()
}

fn progress(jam: &Jam) -> Vec<Progress> {
    let ballot = jam.ballot();
    let candidates = jam.matrix_candidates();
    jam.participants
        .iter()
        .map(|p| {
            let done = if jam.round.writes().is_some() {
                jam.notes
                    .iter()
                    .filter(|n| n.author == p.id && jam.in_round(n))
                    .count()
            } else if jam.round.votes_on().is_some() {
                jam.votes
                    .iter()
                    .filter(|v| v.voter == p.id && ballot.contains(&v.note))
                    .count()
            } else if jam.round == Round::EffortImpact {
                jam.ratings
                    .iter()
                    .filter(|r| r.rater == p.id && candidates.contains(&r.solution))
                    .count()
            } else {
                0
            };
            Progress {
                name: p.name.to_string(),
                done,
            }
        })
        .collect()
}

fn ranking(jam: &Jam) -> Vec<RankedProblem> {
    let votes: Vec<usize> = jam
        .problem_order
        .iter()
        .map(|id| tally(&jam.votes, *id))
        .collect();
    jam.problem_order
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let note = jam.notes.iter().find(|n| n.id == *id)?;
            let tied = (i > 0 && jam.problems_tie(i, i - 1)) || jam.problems_tie(i, i + 1);
            Some(RankedProblem {
                id: *id,
                text: note.text.to_string(),
                votes: votes[i],
                tied,
                chosen: jam.chosen.contains(id),
                can_move_up: i > 0 && jam.can_move_problem(i, i - 1),
                can_move_down: jam.can_move_problem(i, i + 1),
            })
        })
        .collect()
}

fn matrix(jam: &Jam, me: Option<Uuid>) -> Vec<MatrixItem> {
    jam.matrix_candidates()
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
                my_rating: me.and_then(|me| {
                    jam.ratings
                        .iter()
                        .find(|r| r.rater == me && r.solution == id)
                        .map(|r| (r.effort, r.impact))
                }),
                tied_off_matrix: jam.tied_off_matrix(id),
            })
        })
        .collect()
}

/// The actions that count (`Jam::counts`) in priority order: quick wins first, then big bets,
/// fill-ins and thankless; within a quadrant the higher rated impact, then more votes, then the
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
            };
            // Impact in hundredths, so the sort key is an integer.
            Some((view, (impact * 100.0).round() as i64, solution.seq))
        })
        .collect();
    rows.sort_by(|(a, ai, aseq), (b, bi, bseq)| {
        a.quadrant
            .cmp(&b.quadrant)
            .then(bi.cmp(ai))
            .then(b.votes.cmp(&a.votes))
            .then(aseq.cmp(bseq))
    });
    rows.into_iter().map(|(v, _, _)| v).collect()
}
