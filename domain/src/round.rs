//! The rounds of a Lightning Decision Jam, their order, and the settings that shape them.

use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum Round {
    #[default]
    Lobby,
    Working,
    Problems,
    Reveal,
    VoteProblems,
    Prioritize,
    Reframe,
    Solutions,
    VoteSolutions,
    EffortImpact,
    Actions,
    /// Groups only, when the facilitator runs it: the whole room dot-votes across every
    /// group's actions, for one combined list.
    Plenary,
    Summary,
}

impl Round {
    pub const ALL: [Round; 13] = [
        Round::Lobby,
        Round::Working,
        Round::Problems,
        Round::Reveal,
        Round::VoteProblems,
        Round::Prioritize,
        Round::Reframe,
        Round::Solutions,
        Round::VoteSolutions,
        Round::EffortImpact,
        Round::Actions,
        Round::Plenary,
        Round::Summary,
    ];

    fn index(self) -> usize {
        Round::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }

    /// The round's number as the method counts it (Lobby is 0; the groups' plenary comes
    /// before the summary).
    pub fn number(self) -> usize {
        self.index()
    }

    /// The kind of note people write in this round, if it is a writing round.
    pub fn writes(self) -> Option<NoteKind> {
        match self {
            Round::Working => Some(NoteKind::Working),
            Round::Problems => Some(NoteKind::Problem),
            Round::Reframe => Some(NoteKind::Hmw),
            Round::Solutions => Some(NoteKind::Solution),
            _ => None,
        }
    }

    /// The kind of note people vote on in this round, if it is a voting round.
    pub fn votes_on(self) -> Option<NoteKind> {
        match self {
            Round::VoteProblems => Some(NoteKind::Problem),
            Round::VoteSolutions => Some(NoteKind::Solution),
            _ => None,
        }
    }
}

/// What people write on notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteKind {
    Working,
    Problem,
    Hmw,
    Solution,
}

impl NoteKind {
    /// The round in which notes of this kind are written (the inverse of `Round::writes`).
    pub fn written_in(self) -> Round {
        match self {
            NoteKind::Working => Round::Working,
            NoteKind::Problem => Round::Problems,
            NoteKind::Hmw => Round::Reframe,
            NoteKind::Solution => Round::Solutions,
        }
    }
}

/// Everything the facilitator can change before or during a jam.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Whether the optional "What's working" round is run.
    pub working_round: bool,
    pub working_secs: u32,
    pub problems_secs: u32,
    pub vote_problems_secs: u32,
    pub reframe_secs: u32,
    pub solutions_secs: u32,
    pub vote_solutions_secs: u32,
    pub actions_secs: u32,
    pub problem_dots: u8,
    pub solution_dots: u8,
    /// How many problems are taken forward (1–3).
    pub problems_to_take: u8,
    /// How many top-voted solutions go on the effort/impact matrix.
    pub matrix_size: u8,
    /// Whether writing and voting stop when time is up.
    pub lock_at_time_up: bool,
    /// How many groups (tables) the room splits into; 1 is one group, the whole room. Each
    /// group writes, votes and decides on its own notes, on the one clock.
    pub groups: u8,
    /// The groups' names, in group order; a group without one is called by its number.
    pub group_names: Vec<Option<crate::GroupName>>,
    /// Whether people pick their group on the phone in the lobby (otherwise they are spread
    /// evenly as they join).
    pub pick_group: bool,
    /// Whether a room in groups finishes together: a dot vote of everyone across all groups'
    /// actions before the summary.
    pub plenary: bool,
    pub plenary_secs: u32,
    pub plenary_dots: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            working_round: true,
            working_secs: 4 * 60,
            problems_secs: 6 * 60,
            vote_problems_secs: 3 * 60,
            reframe_secs: 4 * 60,
            solutions_secs: 6 * 60,
            vote_solutions_secs: 3 * 60,
            actions_secs: 5 * 60,
            problem_dots: 3,
            solution_dots: 6,
            problems_to_take: 1,
            matrix_size: 5,
            lock_at_time_up: false,
            groups: 1,
            group_names: Vec::new(),
            pick_group: false,
            plenary: true,
            plenary_secs: 3 * 60,
            plenary_dots: 3,
        }
    }
}

/// A change to some of the settings: every field left out (or `null`) keeps its value, so a
/// client that names only what it changes never resets the rest. An unknown field is refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SettingsChange {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_round: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_secs: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems_secs: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vote_problems_secs: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reframe_secs: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solutions_secs: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vote_solutions_secs: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions_secs: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem_dots: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solution_dots: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems_to_take: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matrix_size: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lock_at_time_up: Option<bool>,
    /// The number of groups: in the lobby only, before anyone has written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_names: Option<Vec<Option<crate::GroupName>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pick_group: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plenary: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plenary_secs: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plenary_dots: Option<u8>,
    /// How many people may join (kept on the jam, beside the settings): at least as many as
    /// have joined, at most the server's limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room_size: Option<usize>,
    /// Who may come in (kept on the jam, beside the settings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joining: Option<crate::Joining>,
}

impl SettingsChange {
    /// A change that names every field: `settings` as a whole (what the settings form sends).
    pub fn all(settings: &Settings) -> Self {
        let s = settings.clone();
        Self {
            working_round: Some(s.working_round),
            working_secs: Some(s.working_secs),
            problems_secs: Some(s.problems_secs),
            vote_problems_secs: Some(s.vote_problems_secs),
            reframe_secs: Some(s.reframe_secs),
            solutions_secs: Some(s.solutions_secs),
            vote_solutions_secs: Some(s.vote_solutions_secs),
            actions_secs: Some(s.actions_secs),
            problem_dots: Some(s.problem_dots),
            solution_dots: Some(s.solution_dots),
            problems_to_take: Some(s.problems_to_take),
            matrix_size: Some(s.matrix_size),
            lock_at_time_up: Some(s.lock_at_time_up),
            groups: Some(s.groups),
            group_names: Some(s.group_names),
            pick_group: Some(s.pick_group),
            plenary: Some(s.plenary),
            plenary_secs: Some(s.plenary_secs),
            plenary_dots: Some(s.plenary_dots),
            room_size: None,
            joining: None,
        }
    }

    /// `settings` with the named fields changed.
    pub fn applied_to(&self, settings: &Settings) -> Settings {
        let s = settings;
        Settings {
            working_round: self.working_round.unwrap_or(s.working_round),
            working_secs: self.working_secs.unwrap_or(s.working_secs),
            problems_secs: self.problems_secs.unwrap_or(s.problems_secs),
            vote_problems_secs: self.vote_problems_secs.unwrap_or(s.vote_problems_secs),
            reframe_secs: self.reframe_secs.unwrap_or(s.reframe_secs),
            solutions_secs: self.solutions_secs.unwrap_or(s.solutions_secs),
            vote_solutions_secs: self.vote_solutions_secs.unwrap_or(s.vote_solutions_secs),
            actions_secs: self.actions_secs.unwrap_or(s.actions_secs),
            problem_dots: self.problem_dots.unwrap_or(s.problem_dots),
            solution_dots: self.solution_dots.unwrap_or(s.solution_dots),
            problems_to_take: self.problems_to_take.unwrap_or(s.problems_to_take),
            matrix_size: self.matrix_size.unwrap_or(s.matrix_size),
            lock_at_time_up: self.lock_at_time_up.unwrap_or(s.lock_at_time_up),
            groups: self.groups.unwrap_or(s.groups),
            group_names: self
                .group_names
                .clone()
                .unwrap_or_else(|| s.group_names.clone()),
            pick_group: self.pick_group.unwrap_or(s.pick_group),
            plenary: self.plenary.unwrap_or(s.plenary),
            plenary_secs: self.plenary_secs.unwrap_or(s.plenary_secs),
            plenary_dots: self.plenary_dots.unwrap_or(s.plenary_dots),
        }
    }
}

/// Why settings were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum SettingsError {
    #[error("a timebox is between {min} and {max} seconds")]
    Timebox { min: u32, max: u32 },
    #[error("a dot budget is between 1 and {max}")]
    Dots { max: u8 },
    #[error("between 1 and 3 problems can be taken forward")]
    ProblemsToTake,
    #[error("between 1 and {max} solutions fit on the matrix")]
    MatrixSize { max: u8 },
    #[error("between 1 and {max} groups")]
    Groups { max: u8 },
}

impl Settings {
    pub const MIN_SECS: u32 = 30;
    pub const MAX_SECS: u32 = 60 * 60;
    pub const MAX_DOTS: u8 = 20;
    pub const MAX_MATRIX: u8 = 12;
    /// Twelve tables of four to six: a room of 50–70, or every municipality of a region.
    pub const MAX_GROUPS: u8 = 12;

    pub fn validate(&self) -> Result<(), SettingsError> {
        let secs = [
            self.working_secs,
            self.problems_secs,
            self.vote_problems_secs,
            self.reframe_secs,
            self.solutions_secs,
            self.vote_solutions_secs,
            self.actions_secs,
            self.plenary_secs,
        ];
        if secs
            .iter()
            .any(|s| !(Self::MIN_SECS..=Self::MAX_SECS).contains(s))
        {
            return Err(SettingsError::Timebox {
                min: Self::MIN_SECS,
                max: Self::MAX_SECS,
            });
        }
        if [self.problem_dots, self.solution_dots, self.plenary_dots]
            .iter()
            .any(|d| !(1..=Self::MAX_DOTS).contains(d))
        {
            return Err(SettingsError::Dots {
                max: Self::MAX_DOTS,
            });
        }
        if !(1..=3).contains(&self.problems_to_take) {
            return Err(SettingsError::ProblemsToTake);
        }
        if !(1..=Self::MAX_MATRIX).contains(&self.matrix_size) {
            return Err(SettingsError::MatrixSize {
                max: Self::MAX_MATRIX,
            });
        }
        if !(1..=Self::MAX_GROUPS).contains(&self.groups)
            || self.group_names.len() > usize::from(Self::MAX_GROUPS)
        {
            return Err(SettingsError::Groups {
                max: Self::MAX_GROUPS,
            });
        }
        Ok(())
    }

    /// The timebox of `round`, if it is timed.
    pub fn timebox(&self, round: Round) -> Option<u32> {
        Some(match round {
            Round::Working => self.working_secs,
            Round::Problems => self.problems_secs,
            Round::VoteProblems => self.vote_problems_secs,
            Round::Reframe => self.reframe_secs,
            Round::Solutions => self.solutions_secs,
            Round::VoteSolutions => self.vote_solutions_secs,
            Round::Actions => self.actions_secs,
            Round::Plenary => self.plenary_secs,
            _ => return None,
        })
    }

    /// The dot budget of a voting round.
    pub fn dots(&self, kind: NoteKind) -> u8 {
        match kind {
            NoteKind::Problem => self.problem_dots,
            _ => self.solution_dots,
        }
    }

    /// The name the facilitator gave `group`, if any.
    pub fn group_name(&self, group: u8) -> Option<&crate::GroupName> {
        self.group_names.get(usize::from(group))?.as_ref()
    }

    /// Whether `round` is run at all with these settings.
    pub fn runs(&self, round: Round) -> bool {
        match round {
            Round::Working => self.working_round,
            Round::Plenary => self.plenary && self.groups > 1,
            _ => true,
        }
    }

    /// The round after `round`, skipping those not run.
    pub fn next(&self, round: Round) -> Option<Round> {
        Round::ALL[round.index() + 1..]
            .iter()
            .copied()
            .find(|r| self.runs(*r))
    }

    /// Where `round` is among the rounds that are run, counted from 1 after the lobby, and how
    /// many there are: (2, 10) for the problems' vote without "What's working". None for the
    /// lobby.
    pub fn position(&self, round: Round) -> Option<(usize, usize)> {
        let run: Vec<Round> = Round::ALL[1..]
            .iter()
            .copied()
            .filter(|r| self.runs(*r))
            .collect();
        let at = run.iter().position(|r| *r == round)?;
        Some((at + 1, run.len()))
    }

    /// The round before `round`, skipping those not run.
    pub fn previous(&self, round: Round) -> Option<Round> {
        Round::ALL[..round.index()]
            .iter()
            .rev()
            .copied()
            .find(|r| self.runs(*r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rounds run in the table's order; "What's working" only when it is switched on.
    #[test]
    fn next_and_previous_walk_the_rounds_that_are_run() {
        let walk = |s: &Settings| {
            let mut rounds = vec![Round::Lobby];
            while let Some(next) = s.next(*rounds.last().unwrap()) {
                rounds.push(next);
            }
            rounds
        };
        let with = Settings {
            groups: 2,
            ..Settings::default()
        };
        assert_eq!(walk(&with), Round::ALL.to_vec());
        let without = Settings {
            working_round: false,
            ..Settings::default()
        };
        let short = walk(&without);
        // No "What's working"; no plenary for a room of one group.
        assert_eq!(short.len(), Round::ALL.len() - 2);
        assert_eq!(short[..2], [Round::Lobby, Round::Problems]);
        for settings in [with, without] {
            let rounds = walk(&settings);
            assert_eq!(settings.previous(Round::Lobby), None);
            for pair in rounds.windows(2) {
                assert_eq!(settings.previous(pair[1]), Some(pair[0]));
            }
        }
        assert_eq!(Settings::default().next(Round::Summary), None);
        assert_eq!(Settings::default().position(Round::Lobby), None);
        assert_eq!(Settings::default().position(Round::Working), Some((1, 11)));
        assert_eq!(Settings::default().position(Round::Summary), Some((11, 11)));
        let without = Settings {
            working_round: false,
            ..Settings::default()
        };
        assert_eq!(without.position(Round::Problems), Some((1, 10)));
        assert_eq!(without.position(Round::Working), None);
    }

    /// Each timed round runs on its own setting; the others have no clock.
    #[test]
    fn each_timed_round_has_its_own_timebox() {
        let s = Settings {
            working_secs: 61,
            problems_secs: 62,
            vote_problems_secs: 63,
            reframe_secs: 64,
            solutions_secs: 65,
            vote_solutions_secs: 66,
            actions_secs: 67,
            plenary_secs: 68,
            ..Settings::default()
        };
        let timeboxes: Vec<Option<u32>> = Round::ALL.iter().map(|r| s.timebox(*r)).collect();
        let expected = [
            None,
            Some(61),
            Some(62),
            None,
            Some(63),
            None,
            Some(64),
            Some(65),
            Some(66),
            None,
            Some(67),
            Some(68),
            None,
        ];
        assert_eq!(timeboxes, expected);
    }

    /// The numbers the method counts by (PRODUCT.md): the lobby 0, the actions 10; then the
    /// groups' plenary 11 and the summary 12.
    #[test]
    fn rounds_are_numbered_as_the_method_counts_them() {
        let numbers: Vec<usize> = Round::ALL.iter().map(|r| r.number()).collect();
        assert_eq!(numbers, (0..=12).collect::<Vec<_>>());
        assert_eq!(Round::VoteProblems.number(), 4);
        assert_eq!(Round::Actions.number(), 10);
        assert_eq!(Round::Summary.number(), 12);
    }

    #[test]
    fn the_optional_round_is_skipped_both_ways() {
        let mut s = Settings::default();
        assert_eq!(s.next(Round::Lobby), Some(Round::Working));
        s.working_round = false;
        assert_eq!(s.next(Round::Lobby), Some(Round::Problems));
        assert_eq!(s.previous(Round::Problems), Some(Round::Lobby));
        assert_eq!(s.next(Round::Summary), None);
        assert_eq!(s.previous(Round::Lobby), None);
    }

    #[test]
    fn each_kind_of_note_is_written_in_its_round() {
        for kind in [
            NoteKind::Working,
            NoteKind::Problem,
            NoteKind::Hmw,
            NoteKind::Solution,
        ] {
            assert_eq!(kind.written_in().writes(), Some(kind));
        }
    }

    #[test]
    fn defaults_follow_the_method_and_validate() {
        let s = Settings::default();
        assert_eq!((s.problem_dots, s.solution_dots, s.matrix_size), (3, 6, 5));
        assert_eq!(s.timebox(Round::Problems), Some(360));
        assert_eq!(s.validate(), Ok(()));
        let bad = Settings {
            problem_dots: 0,
            ..Settings::default()
        };
        assert_eq!(bad.validate(), Err(SettingsError::Dots { max: 20 }));
        let bad = Settings {
            working_secs: 5,
            ..Settings::default()
        };
        assert!(bad.validate().is_err());
    }
}
