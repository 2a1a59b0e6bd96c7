//! The rules that must hold in every order of events (issue 11), as properties over random
//! walks: a room of four, started at any stage of a jam, where the facilitator and the phones do
//! anything in any order: double taps, going back, changing settings mid-jam, time running out.
//!
//! Each property's oracle is written from the rule, not from the domain's own helpers.

use super::commands::{Command, HostCommand, Outcome, ParticipantCommand};
use super::notes::tally;
use super::testing::jam;
use super::view::{self, JamView, ViewerRole};
use super::*;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use uuid::Uuid;

const PEOPLE: usize = 4;
/// How many snapshots `stages` makes.
const STAGES: usize = 15;

#[derive(Clone, Debug)]
struct Walk {
    jam: Jam,
    host: PersonId,
    people: [PersonId; PEOPLE],
    now: DateTime<Utc>,
    next_id: u128,
}

impl Walk {
    fn new() -> Self {
        let mut jam = jam();
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
        jam.created_at = now;
        let people = [0, 1, 2, 3].map(|i| PersonId(Uuid::from_u128(7000 + i)));
        for (i, p) in people.iter().enumerate() {
            let name = DisplayName::parse(&format!("Namn{i}")).unwrap();
            jam.join(*p, name, Uuid::from_u128(8000 + i as u128), now)
                .unwrap();
        }
        Self {
            host: jam.facilitator,
            jam,
            people,
            now,
            next_id: 0,
        }
    }

    fn apply(&mut self, who: PersonId, command: impl Into<Command>) -> Result<Outcome, JamError> {
        self.next_id += 1;
        let new_id = Uuid::from_u128(1_000_000 + self.next_id);
        self.jam.apply(who, command.into(), new_id, self.now)
    }

    fn host(&mut self, command: HostCommand) {
        let host = self.host;
        let result = self.apply(host, command.clone());
        assert!(result.is_ok(), "{command:?}: {result:?}");
    }

    fn by(&mut self, who: usize, command: ParticipantCommand) {
        let person = self.people[who];
        let result = self.apply(person, command.clone());
        assert!(result.is_ok(), "{command:?}: {result:?}");
    }

    fn write(&mut self, who: usize, text: &str) -> Uuid {
        self.by(who, ParticipantCommand::AddNote { text: text.into() });
        self.jam.notes.last().unwrap().id
    }

    fn next(&mut self) {
        let command = next_round(&self.jam);
        self.host(command);
    }

    fn participant(&self, who: usize) -> Uuid {
        self.jam.participant_of(self.people[who]).unwrap().id
    }
}

// How the tests say things to the domain: the only place that knows the commands' shapes.

fn next_round(jam: &Jam) -> HostCommand {
    HostCommand::NextRound { from: jam.round }
}

fn previous_round(jam: &Jam) -> HostCommand {
    HostCommand::PreviousRound { from: jam.round }
}

/// A tap on the choose button of `note`, as the screen shows it now.
fn choose(jam: &Jam, note: Uuid) -> HostCommand {
    HostCommand::SetChosen {
        note,
        chosen: !jam.chosen.contains(&note),
    }
}

fn move_problem(jam: &Jam, at: usize, up: bool) -> HostCommand {
    HostCommand::MoveProblem {
        note: jam.problem_order[at],
        to: if up { at.wrapping_sub(1) } else { at + 1 },
    }
}

fn change_settings(_jam: &Jam, problems: u8, matrix: u8, lock: bool) -> HostCommand {
    HostCommand::UpdateSettings(SettingsChange {
        problems_to_take: Some(problems),
        matrix_size: Some(matrix),
        lock_at_time_up: Some(lock),
        ..SettingsChange::default()
    })
}

/// A jam built through every stage, with ties among the problems and at the matrix cut-off;
/// one snapshot per stage up to the actions round of the first of two chosen problems, two
/// after going back from there, and the summary.
fn stages() -> Vec<Walk> {
    let mut w = Walk::new();
    let mut stages = vec![w.clone()];
    let c = change_settings(&w.jam, 2, 3, false);
    w.host(c);
    w.next(); // Working
    w.write(0, "Biblioteket");
    w.next(); // Problems
    stages.push(w.clone());
    let problems: Vec<Uuid> = ["Mörker", "Få jobb", "Skolan", "Bussen"]
        .iter()
        .enumerate()
        .map(|(i, t)| w.write(i, t))
        .collect();
    w.next(); // Reveal
    stages.push(w.clone());
    w.host(HostCommand::Reveal {
        author: None,
        group: None,
    });
    // Beside the main line: the reveal with two problems clustered on one card.
    let mut clustered = w.clone();
    clustered.host(HostCommand::Merge {
        note: problems[3],
        into: problems[2],
    });
    w.next(); // VoteProblems
    stages.push(w.clone());
    // Tallies 3, 3, 2, 1: the first two tie.
    for (who, at) in [
        (0, 0),
        (0, 0),
        (0, 1),
        (1, 1),
        (1, 1),
        (1, 2),
        (2, 2),
        (2, 3),
        (2, 0),
    ] {
        w.by(who, ParticipantCommand::CastVote { note: problems[at] });
    }
    // Beside the main line: back in the reveal with dots on the notes, where clustering moves
    // them.
    let mut voted_then_back = w.clone();
    voted_then_back.host(previous_round(&voted_then_back.jam));
    w.next(); // Prioritize
    stages.push(w.clone());
    let (first, second) = (w.jam.problem_order[0], w.jam.problem_order[1]);
    w.host(choose(&w.jam, first));
    w.host(choose(&w.jam, second));
    w.next(); // Reframe
    w.write(3, "Hur skulle vi kunna …?");
    stages.push(w.clone());
    w.host(HostCommand::ChooseHmw {
        text: "Hur skulle vi kunna börja?".into(),
        group: 0,
    });
    w.next(); // Solutions
    let solutions: Vec<Uuid> = (0..5)
        .map(|i| w.write(i % PEOPLE, &format!("Lösning {i}")))
        .collect();
    stages.push(w.clone());
    w.next(); // VoteSolutions
    stages.push(w.clone());
    // Tallies 4, 3, 2, 2, 1: a tie at the cut-off of a matrix of three.
    for (who, at) in [
        (0, 0),
        (0, 0),
        (0, 1),
        (0, 2),
        (1, 0),
        (1, 0),
        (1, 1),
        (1, 3),
        (2, 1),
        (2, 2),
        (2, 3),
        (2, 4),
    ] {
        w.by(
            who,
            ParticipantCommand::CastVote {
                note: solutions[at],
            },
        );
    }
    w.next(); // EffortImpact
    w.by(
        1,
        ParticipantCommand::Rate {
            solution: solutions[0],
            effort: Some(2),
            impact: Some(5),
        },
    );
    stages.push(w.clone());
    for (at, q) in [
        (0, Quadrant::QuickWin),
        (1, Quadrant::BigBet),
        (2, Quadrant::FillIn),
    ] {
        w.host(HostCommand::Place {
            solution: solutions[at],
            quadrant: Some(q),
        });
    }
    w.next(); // Actions
    for at in [0, 2] {
        w.host(HostCommand::SetAction {
            solution: solutions[at],
            first_step: format!("Steg {at}"),
            owner: "Anna".into(),
            due: NaiveDate::from_ymd_opt(2026, 12, 11).unwrap(),
        });
    }
    stages.push(w.clone());
    let mut done = w.clone();
    // Gone back, with everything later already done: to the solutions (voted on), and to the
    // prioritize round (problems chosen, worked on).
    let back = |w: &mut Walk, steps| {
        for _ in 0..steps {
            let command = previous_round(&w.jam);
            w.host(command);
        }
    };
    back(&mut w, 3);
    stages.push(w.clone());
    back(&mut w, 2);
    stages.push(w.clone());
    // The second problem worked through to the summary.
    done.next(); // Reframe
    done.host(HostCommand::ChooseHmw {
        text: "Hur skulle vi kunna fortsätta?".into(),
        group: 0,
    });
    done.next(); // Solutions
    let solution = done.write(1, "Lösning B");
    done.next(); // VoteSolutions
    done.by(0, ParticipantCommand::CastVote { note: solution });
    done.next(); // EffortImpact
    done.host(HostCommand::Place {
        solution,
        quadrant: Some(Quadrant::QuickWin),
    });
    done.next(); // Actions
    done.host(HostCommand::SetAction {
        solution,
        first_step: "Steg B".into(),
        owner: "Bo".into(),
        due: NaiveDate::from_ymd_opt(2026, 12, 11).unwrap(),
    });
    done.next(); // Summary
    stages.push(done);
    // Last, so the stages above keep their places.
    stages.push(clustered);
    stages.push(voted_then_back);
    stages
}

/// One thing someone in the room does.
#[derive(Debug, Clone)]
enum Op {
    Next,
    Back,
    /// The facilitator taps "choose" on the problem ranked so.
    Choose(usize),
    Move(usize, bool),
    Settings {
        problems: u8,
        matrix: u8,
        lock: bool,
    },
    Hmw,
    Place(usize, Option<Quadrant>),
    SetAction(usize),
    RemoveAction(usize),
    AddTime,
    Pause,
    Resume,
    Reveal,
    /// Time passes.
    Wait(i64),
    /// Someone (a phone, or the facilitator for the number past the phones) does what the
    /// round is for, with the note or solution picked by the second number.
    Work(usize, usize),
    Write(usize),
    Edit(usize, usize),
    Delete(usize, usize),
    Vote(usize, usize),
    Withdraw(usize, usize),
    Rate(usize, usize, Option<u8>, Option<u8>),
    /// The facilitator clusters note i onto note j's card, or takes note i off its card.
    Merge(usize, usize),
    Unmerge(usize),
}

fn any_op() -> impl Strategy<Value = Op> {
    let who = 0..PEOPLE;
    let which = 0usize..8;
    let quadrant = prop::option::of(prop::sample::select(Quadrant::ALL.to_vec()));
    prop_oneof![
        8 => (0..PEOPLE + 1, which.clone()).prop_map(|(p, i)| Op::Work(p, i)),
        4 => Just(Op::Next),
        2 => Just(Op::Back),
        2 => which.clone().prop_map(Op::Choose),
        1 => (which.clone(), any::<bool>()).prop_map(|(i, up)| Op::Move(i, up)),
        2 => (1u8..=3, 1u8..=6, any::<bool>())
            .prop_map(|(problems, matrix, lock)| Op::Settings { problems, matrix, lock }),
        1 => Just(Op::Hmw),
        2 => (which.clone(), quadrant).prop_map(|(i, q)| Op::Place(i, q)),
        1 => which.clone().prop_map(Op::SetAction),
        1 => which.clone().prop_map(Op::RemoveAction),
        1 => Just(Op::AddTime),
        1 => Just(Op::Pause),
        2 => Just(Op::Resume),
        1 => Just(Op::Reveal),
        2 => (which.clone(), which.clone()).prop_map(|(i, j)| Op::Merge(i, j)),
        1 => which.clone().prop_map(Op::Unmerge),
        2 => (0i64..1200).prop_map(Op::Wait),
        3 => who.clone().prop_map(Op::Write),
        1 => (who.clone(), which.clone()).prop_map(|(p, i)| Op::Edit(p, i)),
        1 => (who.clone(), which.clone()).prop_map(|(p, i)| Op::Delete(p, i)),
        3 => (who.clone(), which.clone()).prop_map(|(p, i)| Op::Vote(p, i)),
        1 => (who.clone(), which.clone()).prop_map(|(p, i)| Op::Withdraw(p, i)),
        // One scale or both, as a phone sends them; neither is refused.
        2 => (who, which, proptest::option::of(1u8..=5), proptest::option::of(1u8..=5))
            .prop_map(|(p, i, e, m)| Op::Rate(p, i, e, m)),
    ]
}

/// Two revealed notes (picked by `i` and `j`) the facilitator may cluster: the same kind, the
/// second a card of its own.
fn mergeable(jam: &Jam, i: usize, j: usize) -> Option<(Uuid, Uuid)> {
    let wall: Vec<&Note> = jam
        .notes
        .iter()
        .filter(|n| n.revealed && matches!(n.kind, NoteKind::Working | NoteKind::Problem))
        .collect();
    let note = pick(&wall, i)?;
    let cards: Vec<Uuid> = wall
        .iter()
        .filter(|c| c.kind == note.kind && c.id != note.id && c.merged_into.is_none())
        .map(|c| c.id)
        .collect();
    Some((note.id, pick(&cards, j)?))
}

fn pick<T: Copy>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()])
}

/// The solutions written for the problem in focus, in writing order.
fn focus_solutions(jam: &Jam) -> Vec<Uuid> {
    let focus = jam.chosen.get(jam.focus).copied();
    jam.notes
        .iter()
        .filter(|n| n.kind == NoteKind::Solution && n.problem == focus && focus.is_some())
        .map(|n| n.id)
        .collect()
}

impl Walk {
    /// The command `op` stands for now, and who sends it (None: time passes, nothing sent).
    fn command(&self, op: &Op) -> Option<(PersonId, Command)> {
        let jam = &self.jam;
        let notes: Vec<Uuid> = jam.notes.iter().map(|n| n.id).collect();
        let note = |i| pick(&notes, i).unwrap_or(Uuid::from_u128(1));
        let solution = |i| pick(&focus_solutions(jam), i).unwrap_or(Uuid::from_u128(2));
        // Mostly a note of this round, now and then an older one.
        let own = |p: usize, i: usize| {
            let me = jam.participant_of(self.people[p]).map(|m| m.id);
            let mine = |now: bool| -> Vec<Uuid> {
                jam.notes
                    .iter()
                    .filter(|n| Some(n.author) == me && (!now || jam.in_round(n)))
                    .map(|n| n.id)
                    .collect()
            };
            pick(&mine(!i.is_multiple_of(4)), i).unwrap_or(Uuid::from_u128(3))
        };
        let host = |c: HostCommand| Some((self.host, c.into()));
        let phone = |p: &usize, c: ParticipantCommand| Some((self.people[*p], c.into()));
        match op {
            Op::Next => host(next_round(jam)),
            Op::Back => host(previous_round(jam)),
            Op::Choose(i) => host(choose(
                jam,
                pick(&jam.problem_order, *i).unwrap_or(note(*i)),
            )),
            Op::Move(i, up) if !jam.problem_order.is_empty() => {
                host(move_problem(jam, i % jam.problem_order.len(), *up))
            }
            Op::Move(..) => host(choose(jam, note(0))),
            Op::Settings {
                problems,
                matrix,
                lock,
            } => host(change_settings(jam, *problems, *matrix, *lock)),
            Op::Hmw => host(HostCommand::ChooseHmw {
                text: "Hur skulle vi kunna …?".into(),
                group: 0,
            }),
            Op::Place(i, quadrant) => host(HostCommand::Place {
                solution: solution(*i),
                quadrant: *quadrant,
            }),
            Op::SetAction(i) => host(HostCommand::SetAction {
                solution: solution(*i),
                first_step: format!("Steg {i}"),
                owner: "Bo".into(),
                due: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            }),
            Op::RemoveAction(i) => host(HostCommand::RemoveAction {
                solution: solution(*i),
            }),
            Op::AddTime => host(HostCommand::AddTime { secs: 60 }),
            Op::Pause => host(HostCommand::PauseTimer),
            Op::Resume => host(HostCommand::ResumeTimer),
            Op::Reveal => host(HostCommand::Reveal {
                author: None,
                group: None,
            }),
            // Mostly two notes on the wall, now and then any two (which may not be merged).
            Op::Merge(i, j) => {
                let (note, into) = match mergeable(jam, *i, *j) {
                    Some(pair) if !i.is_multiple_of(4) => pair,
                    _ => (note(*i), note(*j)),
                };
                host(HostCommand::Merge { note, into })
            }
            Op::Unmerge(i) => {
                let merged: Vec<Uuid> = jam
                    .notes
                    .iter()
                    .filter(|n| n.merged_into.is_some())
                    .map(|n| n.id)
                    .collect();
                let note = pick(&merged, *i).unwrap_or(note(*i));
                host(HostCommand::Unmerge { note })
            }
            Op::Wait(_) => None,
            Op::Work(p, i) => self.work(*p, *i),
            Op::Write(p) => phone(
                p,
                ParticipantCommand::AddNote {
                    text: format!("Lapp av {p}"),
                },
            ),
            Op::Edit(p, i) => phone(
                p,
                ParticipantCommand::EditNote {
                    note: own(*p, *i),
                    text: "Ändrad".into(),
                },
            ),
            Op::Delete(p, i) => phone(p, ParticipantCommand::DeleteNote { note: own(*p, *i) }),
            Op::Vote(p, i) => phone(p, ParticipantCommand::CastVote { note: note(*i) }),
            Op::Withdraw(p, i) => phone(p, ParticipantCommand::WithdrawVote { note: note(*i) }),
            Op::Rate(p, i, effort, impact) => phone(
                p,
                ParticipantCommand::Rate {
                    solution: solution(*i),
                    effort: *effort,
                    impact: *impact,
                },
            ),
        }
    }

    /// What the round is for: writing, voting, ordering and choosing, rating and placing,
    /// actions.
    fn work(&self, p: usize, i: usize) -> Option<(PersonId, Command)> {
        let jam = &self.jam;
        let ranked = jam.problem_order.len();
        let solution = pick(&focus_solutions(jam), i).unwrap_or(Uuid::from_u128(2));
        if p == PEOPLE {
            let command = match jam.round {
                // The first two problems tie in the stages: moves between them are legal.
                Round::Prioritize if i < 4 && ranked > 0 => {
                    move_problem(jam, i % ranked, i % 2 == 1)
                }
                Round::Prioritize if ranked > 0 => choose(jam, jam.problem_order[i % ranked]),
                // Once notes are on the wall, half the time two of them are clustered.
                Round::Reveal if i.is_multiple_of(2) && mergeable(jam, i, i / 2).is_some() => {
                    let (note, into) = mergeable(jam, i, i / 2).unwrap();
                    HostCommand::Merge { note, into }
                }
                Round::Reveal => HostCommand::Reveal {
                    author: Some(self.participant(i % PEOPLE)),
                    group: None,
                },
                Round::Reframe => HostCommand::ChooseHmw {
                    text: format!("Hur skulle vi kunna {i}?"),
                    group: 0,
                },
                Round::EffortImpact => HostCommand::Place {
                    solution,
                    quadrant: (!i.is_multiple_of(5)).then(|| Quadrant::ALL[i % 4]),
                },
                Round::Actions if i.is_multiple_of(3) => HostCommand::RemoveAction {
                    solution: pick(
                        &jam.actions.iter().map(|a| a.solution).collect::<Vec<_>>(),
                        i,
                    )
                    .unwrap_or(solution),
                },
                Round::Actions => HostCommand::SetAction {
                    solution,
                    first_step: format!("Första steg {i}"),
                    owner: "Cai".into(),
                    due: NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
                },
                _ => next_round(jam),
            };
            return Some((self.host, command.into()));
        }
        let command = if jam.round.writes().is_some() {
            ParticipantCommand::AddNote {
                text: format!("Lapp {i} av {p}"),
            }
        } else if jam.round.votes_on().is_some() {
            let ballot = jam.ballot(0);
            let me = self.participant(p);
            let mine: Vec<Uuid> = ballot
                .iter()
                .copied()
                .filter(|b| jam.votes.iter().any(|v| v.voter == me && v.note == *b))
                .collect();
            match pick(&mine, i) {
                Some(note) if i % 4 == 3 => ParticipantCommand::WithdrawVote { note },
                _ => ParticipantCommand::CastVote {
                    note: pick(&ballot, i).unwrap_or(Uuid::from_u128(4)),
                },
            }
        } else {
            ParticipantCommand::Rate {
                solution,
                effort: Some((i % 5) as u8 + 1),
                impact: Some((p % 5) as u8 + 1),
            }
        };
        Some((self.people[p], command.into()))
    }

    /// Does `op`; answers what the domain said (None when only time passed).
    fn step(&mut self, op: &Op) -> Option<(Command, Result<Outcome, JamError>)> {
        if let Op::Wait(secs) = op {
            self.now += Duration::seconds(*secs);
        }
        let (who, command) = self.command(op)?;
        let result = self.apply(who, command.clone());
        Some((command, result))
    }
}

/// A jam's content, leaving out the version.
fn content(jam: &Jam) -> Jam {
    Jam {
        version: 0,
        ..jam.clone()
    }
}

/// Any valid settings.
fn settings() -> impl Strategy<Value = Settings> {
    let secs = || 30u32..=3600;
    (
        (
            any::<bool>(),
            secs(),
            secs(),
            secs(),
            secs(),
            secs(),
            secs(),
            secs(),
        ),
        (1u8..=20, 1u8..=20, 1u8..=3, 1u8..=12, any::<bool>()),
    )
        .prop_map(
            |((working_round, w, p, vp, r, s, vs, a), (pd, sd, take, matrix, lock))| Settings {
                working_round,
                working_secs: w,
                problems_secs: p,
                vote_problems_secs: vp,
                reframe_secs: r,
                solutions_secs: s,
                vote_solutions_secs: vs,
                actions_secs: a,
                problem_dots: pd,
                solution_dots: sd,
                problems_to_take: take,
                matrix_size: matrix,
                lock_at_time_up: lock,
                ..Settings::default()
            },
        )
}

fn walk_strategy() -> impl Strategy<Value = (usize, Vec<Op>)> {
    (0usize..STAGES, proptest::collection::vec(any_op(), 1..60))
}

/// Runs `ops` from stage `start`, calling `check(before, op, answer, after)` after each.
/// The stages, built once.
static STAGE_CACHE: std::sync::LazyLock<Vec<Walk>> = std::sync::LazyLock::new(stages);

fn walk(
    start: usize,
    ops: &[Op],
    mut check: impl FnMut(
        &Walk,
        &Op,
        &Option<(Command, Result<Outcome, JamError>)>,
        &Walk,
    ) -> Result<(), TestCaseError>,
) -> Result<(), TestCaseError> {
    let mut w = STAGE_CACHE[start % STAGES].clone();
    for op in ops {
        let before = w.clone();
        let answer = w.step(op);
        check(&before, op, &answer, &w)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// The chosen problems are worked on in priority order, whatever was chosen, swapped or
    /// re-ranked in between.
    #[test]
    fn chosen_problems_keep_the_priority_order((start, ops) in walk_strategy()) {
        walk(start, &ops, |_, op, _, after| {
            let order = &after.jam.problem_order;
            let ranks: Vec<Option<usize>> = after.jam.chosen.iter().map(|c| order.iter().position(|o| o == c)).collect();
            prop_assert!(ranks.iter().all(Option::is_some), "a chosen problem is not ranked, after {:?}", op);
            prop_assert!(ranks.windows(2).all(|w| w[0] < w[1]), "chosen {:?} out of priority order after {:?}", ranks, op);
            Ok(())
        })?;
    }

    /// Never more problems chosen than the facilitator wants taken forward.
    #[test]
    fn chosen_problems_never_exceed_the_setting((start, ops) in walk_strategy()) {
        walk(start, &ops, |_, op, _, after| {
            prop_assert!(after.jam.chosen.len() <= usize::from(after.jam.settings.problems_to_take), "after {:?}", op);
            Ok(())
        })?;
    }

    /// The action list holds exactly the actions of solutions placed on the matrix of a chosen
    /// problem: the top `matrix_size` of its revealed solutions by votes, first written first.
    #[test]
    fn listed_actions_are_those_placed_on_a_chosen_problems_matrix((start, ops) in walk_strategy()) {
        walk(start, &ops, |_, op, _, after| {
            let jam = &after.jam;
            let on_matrix = |solution: Uuid| {
                let Some(note) = jam.notes.iter().find(|n| n.id == solution) else { return false };
                let Some(problem) = note.problem.filter(|p| jam.chosen.contains(p)) else { return false };
                let mut ranked: Vec<_> = jam.notes.iter()
                    .filter(|n| n.kind == NoteKind::Solution && n.problem == Some(problem) && n.revealed)
                    .map(|n| (std::cmp::Reverse(tally(&jam.votes, n.id)), n.seq, n.id))
                    .collect();
                ranked.sort();
                ranked.iter().take(usize::from(jam.settings.matrix_size)).any(|(_, _, id)| *id == solution)
            };
            let expected: Vec<Uuid> = jam.actions.iter()
                .map(|a| a.solution)
                .filter(|s| on_matrix(*s) && jam.placements.iter().any(|(p, _)| p == s))
                .collect();
            let mut listed: Vec<Uuid> = view::actions(jam).iter().map(|a| a.solution).collect();
            let mut expected_sorted = expected.clone();
            listed.sort();
            expected_sorted.sort();
            prop_assert_eq!(listed, expected_sorted, "after {:?}", op);
            Ok(())
        })?;
    }

    /// A dot stays on the note it was cast on: that note is never deleted or reworded.
    #[test]
    fn votes_stay_on_the_notes_they_were_cast_on((start, ops) in walk_strategy()) {
        walk(start, &ops, |before, op, _, after| {
            for vote in &after.jam.votes {
                let now = after.jam.notes.iter().find(|n| n.id == vote.note);
                prop_assert!(now.is_some(), "a vote on a deleted note after {:?}", op);
                if before.jam.votes.contains(vote) {
                    let then = before.jam.notes.iter().find(|n| n.id == vote.note).unwrap();
                    prop_assert_eq!(&then.text, &now.unwrap().text, "a voted note reworded by {:?}", op);
                }
            }
            Ok(())
        })?;
    }

    /// Leaving the prioritize round and coming back with the votes as they were keeps the order
    /// the facilitator gave the ties.
    #[test]
    fn coming_back_to_prioritize_keeps_the_tie_order((start, ops) in walk_strategy()) {
        let mut left: Option<(Vec<Uuid>, Vec<Vote>, Vec<Uuid>)> = None;
        let problems = |jam: &Jam| jam.notes.iter().filter(|n| n.kind == NoteKind::Problem).map(|n| n.id).collect::<Vec<_>>();
        walk(start, &ops, |before, op, _, after| {
            let (was, is) = (before.jam.round == Round::Prioritize, after.jam.round == Round::Prioritize);
            if was && !is {
                left = Some((before.jam.problem_order.clone(), before.jam.votes.clone(), problems(&before.jam)));
            }
            if !was && is {
                if let Some((order, votes, notes)) = &left {
                    if *votes == after.jam.votes && *notes == problems(&after.jam) {
                        prop_assert_eq!(order, &after.jam.problem_order, "tie order lost by {:?}", op);
                    }
                }
            }
            Ok(())
        })?;
    }

    /// A facilitator's double tap, or the same tap from two tabs, does what one tap does.
    #[test]
    fn a_repeated_tap_does_what_one_tap_does((start, ops) in walk_strategy()) {
        walk(start, &ops, |before, op, answer, after| {
            let repeatable = !matches!(op, Op::AddTime | Op::Wait(_));
            let Some((command, Ok(_))) = answer else { return Ok(()) };
            if !repeatable || before.command(op).map(|(who, _)| who) != Some(before.host) {
                return Ok(());
            }
            let mut twice = after.clone();
            let _ = twice.apply(before.host, command.clone());
            prop_assert_eq!(content(&after.jam), content(&twice.jam), "{:?} twice", command);
            Ok(())
        })?;
    }

    /// A command that changes nothing says so and leaves the version as it was, so nothing is
    /// stored or sent to screens; one that changes something bumps the version by one.
    #[test]
    fn a_command_that_changes_nothing_keeps_the_version((start, ops) in walk_strategy()) {
        walk(start, &ops, |before, op, answer, after| {
            if let Some((_, Ok(outcome))) = answer {
                let changed = content(&before.jam) != content(&after.jam);
                prop_assert_eq!(after.jam.version, before.jam.version + u64::from(changed), "{:?}", op);
                let expected = if changed { Outcome::Changed } else { Outcome::Unchanged };
                prop_assert_eq!(*outcome, expected, "{:?}", op);
            }
            Ok(())
        })?;
    }

    /// A settings change names some fields; every field it leaves out keeps its value.
    #[test]
    fn a_partial_settings_change_keeps_the_other_settings(
        first in settings(),
        second in settings(),
        named in proptest::collection::vec(any::<bool>(), 13),
    ) {
        let mut w = Walk::new();
        let all = serde_json::to_value(SettingsChange::all(&first)).unwrap();
        w.host(serde_json::from_value(serde_json::json!({"UpdateSettings": all})).unwrap());
        prop_assert_eq!(&w.jam.settings, &first);
        let target = serde_json::to_value(&second).unwrap();
        let mut change = serde_json::Map::new();
        for ((field, value), name) in target.as_object().unwrap().iter().zip(&named) {
            if *name {
                change.insert(field.clone(), value.clone());
            }
        }
        w.host(serde_json::from_value(serde_json::json!({"UpdateSettings": change})).unwrap());
        let (now, first, second) = (
            serde_json::to_value(&w.jam.settings).unwrap(),
            serde_json::to_value(&first).unwrap(),
            serde_json::to_value(&second).unwrap(),
        );
        for (field, value) in now.as_object().unwrap() {
            let expected = if change.contains_key(field) { &second[field] } else { &first[field] };
            prop_assert_eq!(value, expected, "{}", field);
        }
    }

    /// Only a timed round ever has a timer.
    #[test]
    fn only_a_timed_round_has_a_timer((start, ops) in walk_strategy()) {
        walk(start, &ops, |_, op, _, after| {
            let timed = after.jam.settings.timebox(after.jam.round).is_some();
            prop_assert!(timed || after.jam.timer == Timer::Off, "{:?} has a timer after {:?}", after.jam.round, op);
            Ok(())
        })?;
    }

    /// With the lock on and time up, nothing a phone sends changes the jam.
    #[test]
    fn time_up_with_the_lock_on_stops_every_phone(start in 0usize..STAGES, ops in proptest::collection::vec(any_op(), 1..20)) {
        let mut w = STAGE_CACHE[start % STAGES].clone();
        w.jam.settings.lock_at_time_up = true;
        w.jam.timer = Timer::Running { deadline: w.now - Duration::seconds(1) };
        for op in &ops {
            let Some((who, command)) = w.command(op) else { continue };
            if who == w.host { continue; }
            let before = w.jam.clone();
            let result = w.apply(who, command.clone());
            prop_assert!(result.is_err(), "{:?} in {:?}", command, before.round);
            prop_assert_eq!(&w.jam, &before);
        }
    }

    /// Whatever happens, a view holds only notes that are revealed or the viewer's own; a
    /// visitor sees no notes, and only the projector sees who has done how much.
    #[test]
    fn hidden_notes_reach_only_their_author((start, ops) in walk_strategy()) {
        walk(start, &ops, |_, _, _, after| {
            let visitor = PersonId(Uuid::from_u128(424242));
            for looker in after.people.iter().chain([&after.host, &visitor]) {
                let view = JamView::for_person(&after.jam, *looker, after.now);
                let me = after.jam.participant_of(*looker).map(|p| p.id);
                if *looker == visitor {
                    prop_assert!(view.notes.is_empty());
                }
                for shown in &view.notes {
                    let note = after.jam.notes.iter().find(|n| n.id == shown.id).unwrap();
                    prop_assert!(note.revealed || Some(note.author) == me, "hidden note leaked");
                }
                if *looker != after.host {
                    prop_assert!(view.progress.is_empty(), "who-did-what is for the projector");
                }
            }
            Ok(())
        })?;
    }

    /// Rounds only move one step at a time (skipping rounds not run, or looping 10 → 6 for the
    /// next problem), only from the round the facilitator's screen showed, and only when the
    /// facilitator moves them.
    #[test]
    fn rounds_move_only_legally((start, ops) in walk_strategy()) {
        walk(start, &ops, |before, _, answer, after| {
            let (from, to) = (before.jam.round, after.jam.round);
            let Some((command, _)) = answer else {
                prop_assert_eq!(from, to, "rounds move only by command");
                return Ok(());
            };
            if from == to {
                return Ok(());
            }
            let settings = &before.jam.settings;
            let (focus_before, focus_after) = (before.jam.focus, after.jam.focus);
            let legal = match command {
                Command::Host(HostCommand::NextRound { from: seen }) => *seen == from
                    && (settings.next(from) == Some(to)
                        || (from == Round::Actions && to == Round::Reframe && focus_after == focus_before + 1)),
                Command::Host(HostCommand::PreviousRound { from: seen }) => *seen == from
                    && (settings.previous(from) == Some(to)
                        || (from == Round::Reframe && to == Round::Actions && focus_after + 1 == focus_before)),
                _ => false,
            };
            prop_assert!(legal, "{:?} → {:?} by {:?}", from, to, command);
            prop_assert!(settings.runs(to), "{:?} is not run", to);
            Ok(())
        })?;
    }

    /// A phone's payload names its owner, and others only in the reveal round as the authors
    /// of revealed notes (so nobody votes for a name); a visitor's names nobody; the projector
    /// lists who joined but names authors only in the reveal round too.
    #[test]
    fn names_reach_only_those_allowed((start, ops) in walk_strategy()) {
        walk(start, &ops, |_, op, _, after| {
            let jam = &after.jam;
            let name = |i: usize| format!("Namn{i}");
            let visitor = PersonId(Uuid::from_u128(424242));
            for looker in after.people.iter().chain([&after.host, &visitor]) {
                let view = JamView::for_person(jam, *looker, after.now);
                let payload = serde_json::to_string(&view).unwrap();
                for (j, person) in after.people.iter().enumerate() {
                    let author = after.participant(j);
                    let may = person == looker
                        || *looker == after.host
                        || (jam.round == Round::Reveal
                            && *looker != visitor
                            && jam.notes.iter().any(|n| n.author == author && n.revealed));
                    prop_assert!(may || !payload.contains(&name(j)), "{} named to {:?} in {:?} after {:?}", name(j), looker, jam.round, op);
                }
                if *looker == after.host {
                    let listed = match &view.viewer {
                        ViewerRole::Facilitator { participants } => participants.len(),
                        _ => 0,
                    };
                    prop_assert_eq!(listed, PEOPLE, "the projector lists everyone who joined");
                }
                for shown in view.notes {
                    let note = jam.notes.iter().find(|n| n.id == shown.id).unwrap();
                    let named = jam.round == Round::Reveal && note.revealed;
                    prop_assert_eq!(shown.author.is_some(), named, "author of {:?} in {:?}", note.kind, jam.round);
                }
            }
            Ok(())
        })?;
    }

    /// Every screen's view comes through the wire unchanged (nothing its JSON leaves out is
    /// lost), shows the round's clock when there is one, marks the ties its ranking shows
    /// (among problems with votes),
    /// gives a phone its own dots and ratings and the problem in focus as "n of m", and the
    /// projector's progress adds up to the work done in a writing round.
    #[test]
    fn views_survive_the_wire_and_add_up((start, ops) in walk_strategy()) {
        walk(start, &ops, |_, op, _, after| {
            let jam = &after.jam;
            let visitor = PersonId(Uuid::from_u128(424242));
            for looker in after.people.iter().chain([&after.host, &visitor]) {
                let view = JamView::for_person(jam, *looker, after.now);
                let sent: JamView = serde_json::from_str(&serde_json::to_string(&view).unwrap()).unwrap();
                prop_assert_eq!(&sent, &view, "after {:?}", op);
                prop_assert_eq!(view.timer.is_some(), jam.timer != crate::Timer::Off);
                // The ranking's tie badge is what its own numbers say; items carry their notes'
                // texts.
                let votes: Vec<usize> = view.ranking.iter().map(|r| r.votes).collect();
                for (i, ranked) in view.ranking.iter().enumerate() {
                    let tied = votes[i] > 0 && ((i > 0 && votes[i - 1] == votes[i]) || votes.get(i + 1) == Some(&votes[i]));
                    prop_assert_eq!(ranked.tied, tied, "ranking {:?}", votes);
                }
                let text_of = |id: Uuid| jam.notes.iter().find(|n| n.id == id).map(|n| n.text.to_string());
                for (id, text) in view.ranking.iter().map(|r| (r.id, &r.text)).chain(view.matrix.iter().map(|m| (m.id, &m.text))) {
                    prop_assert_eq!(text_of(id), Some(text.clone()));
                }
                // A phone's own dots and ratings are its own; the focus says which problem of
                // how many.
                if let Some(me) = jam.participant_of(*looker).map(|p| p.id) {
                    for note in &view.notes {
                        let mine = jam.votes.iter().filter(|v| v.voter == me && v.note == note.id).count();
                        prop_assert_eq!(note.my_votes, mine);
                    }
                    for item in &view.matrix {
                        let mine = jam.ratings.iter().find(|r| r.rater == me && r.solution == item.id);
                        prop_assert_eq!(item.my_rating, mine.map(|r| (r.effort, r.impact)));
                    }
                }
                if let Some(focus) = &view.focus {
                    let at = jam.chosen.iter().position(|c| *c == focus.problem_id);
                    prop_assert_eq!((at.map(|a| a + 1), focus.of), (Some(focus.number), jam.chosen.len()));
                    prop_assert_eq!(Some(focus.problem.clone()), text_of(focus.problem_id));
                }
                if *looker == after.host && jam.round.writes().is_some() {
                    let summary = view.progress_summary.unwrap();
                    let in_round: Vec<_> = jam.notes.iter().filter(|n| jam.in_round(n)).collect();
                    let writers: std::collections::HashSet<_> = in_round.iter().map(|n| n.author).collect();
                    prop_assert_eq!((summary.total, summary.people_done), (in_round.len(), writers.len()));
                }
            }
            Ok(())
        })?;
    }

    /// Dot tallies are in a view only once that voting has closed: nobody can vote on a note
    /// whose tally shows. Once past a voting round, its tallies do show.
    #[test]
    fn tallies_show_only_once_voting_has_closed((start, ops) in walk_strategy()) {
        walk(start, &ops, |_, op, _, after| {
            let jam = &after.jam;
            let focus = jam.chosen.get(jam.focus).copied();
            let mut tallied = Vec::new();
            for looker in after.people.iter().chain([&after.host]) {
                for shown in JamView::for_person(jam, *looker, after.now).notes {
                    let note = jam.notes.iter().find(|n| n.id == shown.id).unwrap();
                    if shown.votes.is_some() {
                        tallied.push(note.id);
                    }
                    let closed = match note.kind {
                        NoteKind::Problem => jam.round > Round::VoteProblems,
                        NoteKind::Solution => note.problem == focus
                            && matches!(jam.round, Round::EffortImpact | Round::Actions),
                        _ => false,
                    };
                    prop_assert!(!closed || shown.votes.is_some(), "no tally on a {:?} in {:?}", note.kind, jam.round);
                }
            }
            tallied.sort();
            tallied.dedup();
            for note in tallied {
                // Whether voting is open, not whether time is up.
                let mut trial = jam.clone();
                trial.settings.lock_at_time_up = false;
                let cast = trial.apply(after.people[0], ParticipantCommand::CastVote { note }.into(), Uuid::from_u128(10), after.now);
                prop_assert!(
                    !matches!(cast, Ok(_) | Err(JamError::OutOfDots { .. })),
                    "a tally shows while it can be voted on, in {:?} after {:?}", jam.round, op
                );
            }
            Ok(())
        })?;
    }

    /// The ranking says which problems may move up or down, and it is exactly what the domain
    /// then accepts: a move next to a problem with as many votes.
    #[test]
    fn the_ranking_says_which_moves_are_allowed((start, ops) in walk_strategy()) {
        walk(start, &ops, |_, op, _, after| {
            let view = JamView::for_person(&after.jam, after.host, after.now);
            for (i, ranked) in view.ranking.iter().enumerate() {
                for (allowed, to) in [(ranked.can_move_up, i.wrapping_sub(1)), (ranked.can_move_down, i + 1)] {
                    let mut trial = after.jam.clone();
                    let moved = trial.apply(after.host, HostCommand::MoveProblem { note: ranked.id, to }.into(), Uuid::from_u128(10), after.now);
                    let neighbour = view.ranking.get(to).map(|r| r.votes);
                    prop_assert_eq!(allowed, neighbour == Some(ranked.votes) && after.jam.round == Round::Prioritize, "after {:?}", op);
                    prop_assert_eq!(allowed, moved.is_ok(), "{:?} after {:?}", moved, op);
                }
            }
            Ok(())
        })?;
    }

    /// A solution on the matrix tells how many left off it have as many votes: ties at the
    /// cut-off are shown, not broken silently.
    #[test]
    fn ties_at_the_matrix_cut_off_are_shown((start, ops) in walk_strategy()) {
        walk(start, &ops, |_, op, _, after| {
            let view = JamView::for_person(&after.jam, after.host, after.now);
            let on: Vec<Uuid> = view.matrix.iter().map(|m| m.id).collect();
            let left_off: Vec<usize> = view.notes.iter()
                .filter(|n| n.kind == NoteKind::Solution && n.revealed && Some(n.problem) == Some(view.focus.as_ref().map(|f| f.problem_id)) && !on.contains(&n.id))
                .map(|n| tally(&after.jam.votes, n.id))
                .collect();
            for item in &view.matrix {
                let expected = left_off.iter().filter(|v| **v == item.votes).count();
                prop_assert_eq!(item.tied_off_matrix, expected, "after {:?}", op);
            }
            Ok(())
        })?;
    }

    /// A dot cast adds exactly one dot of its voter on that note; one taken back removes
    /// exactly one of theirs on that note, nobody else's.
    #[test]
    fn a_dot_is_cast_and_taken_back_by_its_voter((start, ops) in walk_strategy()) {
        walk(start, &ops, |before, op, answer, after| {
            let Some((Command::Participant(command), Ok(Outcome::Changed))) = answer else { return Ok(()) };
            let who = match op {
                Op::Vote(p, _) | Op::Withdraw(p, _) | Op::Work(p, _) if *p < PEOPLE => before.participant(*p),
                _ => return Ok(()),
            };
            let mut expected = before.jam.votes.clone();
            match command {
                ParticipantCommand::CastVote { note } => expected.push(Vote { voter: who, note: *note }),
                ParticipantCommand::WithdrawVote { note } => {
                    let mine = Vote { voter: who, note: *note };
                    let at = expected.iter().rposition(|v| *v == mine);
                    prop_assert!(at.is_some(), "took back a dot that was not there");
                    expected.remove(at.unwrap());
                }
                _ => return Ok(()),
            }
            prop_assert_eq!(&after.jam.votes, &expected, "{:?}", command);
            Ok(())
        })?;
    }

    /// A rating replaces the rater's own earlier rating of that solution, or is added; a scale
    /// it leaves out keeps the rater's earlier value (the middle if none); every other rating
    /// stays as it was.
    #[test]
    fn a_rating_replaces_only_the_raters_own((start, ops) in walk_strategy()) {
        walk(start, &ops, |before, op, answer, after| {
            let Some((Command::Participant(ParticipantCommand::Rate { solution, effort, impact }), Ok(_))) = answer else {
                return Ok(());
            };
            let (Op::Rate(p, ..) | Op::Work(p, _)) = op else { return Ok(()) };
            let rater = before.participant(*p);
            let earlier = before.jam.ratings.iter().find(|r| r.rater == rater && r.solution == *solution);
            let kept = |given: Option<u8>, was: fn(&Rating) -> u8| {
                given.or(earlier.map(was)).unwrap_or(Rating::MIDDLE)
            };
            let rating = Rating {
                rater,
                solution: *solution,
                effort: kept(*effort, |r| r.effort),
                impact: kept(*impact, |r| r.impact),
            };
            let others = |jam: &Jam| -> Vec<Rating> {
                jam.ratings.iter().copied().filter(|r| r.rater != rater || r.solution != *solution).collect()
            };
            prop_assert_eq!(others(&before.jam), others(&after.jam));
            let mine: Vec<_> = after.jam.ratings.iter().filter(|r| r.rater == rater && r.solution == *solution).collect();
            prop_assert_eq!(mine, vec![&rating]);
            Ok(())
        })?;
    }

    /// Clustering never loses or double-counts a dot: a merge adds the merged note's dots to
    /// the card and nobody's number of dots changes. After every command, every dot is on a
    /// note that exists and is a card (never on a merged note), cards are one level deep and
    /// hold notes of their own kind, and a merged note is on no ballot and in no ranking.
    #[test]
    fn clusters_keep_every_dot_once_on_a_card((start, ops) in walk_strategy()) {
        walk(start, &ops, |before, _, answer, after| {
            let dots_of = |jam: &Jam| {
                let mut dots = std::collections::BTreeMap::<Uuid, usize>::new();
                for v in &jam.votes {
                    *dots.entry(v.voter).or_default() += 1;
                }
                dots
            };
            match answer {
                Some((Command::Host(HostCommand::Merge { note, into }), Ok(Outcome::Changed))) => {
                    prop_assert_eq!(dots_of(&before.jam), dots_of(&after.jam));
                    prop_assert_eq!(
                        tally(&after.jam.votes, *into),
                        tally(&before.jam.votes, *into) + tally(&before.jam.votes, *note)
                    );
                }
                Some((Command::Host(HostCommand::Unmerge { .. }), _)) => {
                    prop_assert_eq!(&before.jam.votes, &after.jam.votes);
                }
                _ => {}
            }
            let jam = &after.jam;
            for v in &jam.votes {
                let on = jam.notes.iter().find(|n| n.id == v.note);
                prop_assert!(on.is_some_and(|n| n.merged_into.is_none()), "a dot on {:?}", on);
            }
            for n in jam.notes.iter().filter(|n| n.merged_into.is_some()) {
                let card = jam.notes.iter().find(|c| Some(c.id) == n.merged_into);
                prop_assert!(
                    card.is_some_and(|c| c.merged_into.is_none() && c.kind == n.kind),
                    "{:?} merged into {:?}", n, card
                );
                prop_assert!(!jam.ballot(0).contains(&n.id));
                prop_assert!(jam.round < Round::Prioritize || !jam.problem_order.contains(&n.id));
            }
            Ok(())
        })?;
    }

    /// Each command does something only in its own round (time moves in every round, the
    /// settings may change at any time, and the results are shared from the summary).
    #[test]
    fn each_command_works_only_in_its_round((start, ops) in walk_strategy()) {
        walk(start, &ops, |before, _, answer, after| {
            let Some((command, Ok(Outcome::Changed))) = answer else { return Ok(()) };
            let round = before.jam.round;
            let writing = [Round::Working, Round::Problems, Round::Reframe, Round::Solutions];
            let voting = [Round::VoteProblems, Round::VoteSolutions, Round::Plenary];
            let rounds: &[Round] = match command {
                Command::Host(HostCommand::Reveal { .. } | HostCommand::Merge { .. } | HostCommand::Unmerge { .. }) => &[Round::Reveal],
                Command::Host(HostCommand::MoveProblem { .. } | HostCommand::SetChosen { .. }) => &[Round::Prioritize],
                Command::Host(HostCommand::ChooseHmw { .. }) => &[Round::Reframe],
                Command::Host(HostCommand::Place { .. }) | Command::Participant(ParticipantCommand::Rate { .. }) => &[Round::EffortImpact],
                Command::Host(HostCommand::SetAction { .. } | HostCommand::RemoveAction { .. }) => &[Round::Actions],
                Command::Host(HostCommand::CreateShareLink) => &[Round::Summary],
                Command::Participant(ParticipantCommand::AddNote { .. } | ParticipantCommand::EditNote { .. } | ParticipantCommand::DeleteNote { .. }) => &writing,
                Command::Participant(ParticipantCommand::CastVote { .. } | ParticipantCommand::WithdrawVote { .. }) => &voting,
                _ => &Round::ALL,
            };
            prop_assert!(rounds.contains(&round), "{:?} changed the jam in {:?}", command, round);
            let moves = matches!(command, Command::Host(HostCommand::NextRound { .. } | HostCommand::PreviousRound { .. }));
            prop_assert!(moves || after.jam.round == round, "{:?} moved the round", command);
            Ok(())
        })?;
    }

    /// Effort and impact split into low and high at the same point, for any averages of
    /// ratings.
    #[test]
    fn both_axes_split_at_the_same_point(
        a in proptest::collection::vec(1u8..=5, 1..4),
        b in proptest::collection::vec(1u8..=5, 1..4),
    ) {
        let mean = |v: &[u8]| v.iter().map(|x| f32::from(*x)).sum::<f32>() / v.len() as f32;
        let (a, b) = (mean(&a), mean(&b));
        let high_effort = |q| matches!(q, Quadrant::BigBet | Quadrant::Thankless);
        let high_impact = |q| matches!(q, Quadrant::QuickWin | Quadrant::BigBet);
        prop_assert_eq!(high_effort(Quadrant::from_ratings(a, b)), high_impact(Quadrant::from_ratings(b, a)), "{} {}", a, b);
    }
}

#[test]
fn the_middle_of_both_scales_is_low() {
    assert_eq!(Quadrant::from_ratings(3.0, 3.0), Quadrant::FillIn);
}

/// The issue's own example: a problem worked on to its actions, then un-chosen after going back.
#[test]
fn an_unchosen_problem_leaves_the_action_list() {
    let mut w = stages().remove(11);
    assert_eq!(w.jam.round, Round::Prioritize);
    assert_eq!(view::actions(&w.jam).len(), 2);
    let first = w.jam.chosen[0];
    let unchoose = choose(&w.jam, first);
    w.host(unchoose);
    assert!(view::actions(&w.jam).is_empty());
}

/// A tie swapped by the facilitator reorders the chosen problems with it.
#[test]
fn swapping_a_tie_reorders_the_ranking_and_the_chosen() {
    let mut w = STAGE_CACHE[4].clone();
    let [first, second] = [0, 1].map(|i| w.jam.problem_order[i]);
    for note in [first, second] {
        w.host(HostCommand::SetChosen { note, chosen: true });
    }
    w.host(HostCommand::MoveProblem {
        note: second,
        to: 0,
    });
    assert_eq!(w.jam.problem_order[..2], [second, first]);
    assert_eq!(w.jam.chosen, [second, first]);
    let view = JamView::for_person(&w.jam, w.host, w.now);
    let moves: Vec<_> = view
        .ranking
        .iter()
        .map(|r| (r.can_move_up, r.can_move_down))
        .collect();
    assert_eq!(
        moves,
        [(false, true), (true, false), (false, false), (false, false)]
    );
    let before = w.jam.clone();
    let again = w.apply(
        w.host,
        HostCommand::MoveProblem {
            note: second,
            to: 0,
        },
    );
    assert_eq!(
        (again, &w.jam),
        (Ok(Outcome::Unchanged), &before),
        "a repeat is harmless"
    );
}

/// The lowest-ranked solutions on the matrix say how many left off tie with them.
#[test]
fn a_tie_at_the_matrix_cut_off_is_counted() {
    let w = STAGE_CACHE[8].clone();
    let view = JamView::for_person(&w.jam, w.host, w.now);
    let items: Vec<_> = view
        .matrix
        .iter()
        .map(|m| (m.votes, m.tied_off_matrix))
        .collect();
    assert_eq!(items, [(4, 0), (3, 0), (2, 1)]);
}

/// The walks behind the properties above reach what those properties are about: every round,
/// and every command accepted (and the refusals the rules add) in some of them. A property
/// over walks that never vote or place would pass whatever the rules did.
#[test]
fn the_walks_reach_every_round_and_every_command() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut rounds = std::collections::BTreeSet::new();
    let mut accepted = std::collections::BTreeMap::<String, usize>::new();
    let mut refused = std::collections::BTreeMap::<String, usize>::new();
    for _ in 0..256 {
        let (start, ops) = walk_strategy().new_tree(&mut runner).unwrap().current();
        walk(start, &ops, |_, _, answer, after| {
            rounds.insert(after.jam.round);
            if let Some((command, result)) = answer {
                let debug = format!("{command:?}");
                let inner = debug.split_once('(').map_or(debug.as_str(), |(_, i)| i);
                let name: String = inner
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                match result {
                    Ok(Outcome::Changed) => *accepted.entry(name).or_default() += 1,
                    Err(e) => *refused.entry(format!("{e:?}")).or_default() += 1,
                    _ => {}
                }
            }
            Ok(())
        })
        .unwrap();
    }
    // Every round but the plenary, which a room of one group does not run (group_tests walks
    // rooms in groups through it).
    assert_eq!(
        rounds.len(),
        Round::ALL.len() - 1,
        "rounds reached: {rounds:?}"
    );
    assert!(!rounds.contains(&Round::Plenary));
    let commands = [
        "NextRound",
        "PreviousRound",
        "UpdateSettings",
        "PauseTimer",
        "ResumeTimer",
        "AddTime",
        "Reveal",
        "MoveProblem",
        "SetChosen",
        "ChooseHmw",
        "Place",
        "SetAction",
        "RemoveAction",
        "AddNote",
        "EditNote",
        "DeleteNote",
        "CastVote",
        "WithdrawVote",
        "Rate",
        "Merge",
        "Unmerge",
    ];
    for command in commands {
        assert!(
            accepted.get(command).copied().unwrap_or(0) >= 3,
            "{command} accepted: {accepted:?}, refused: {refused:?}"
        );
    }
    for refusal in [
        "NoteInUse",
        "NoTimer",
        "NotATie",
        "TimeUp",
        "OutOfDots",
        "TooManyProblems",
    ] {
        assert!(
            refused.keys().any(|r| r.starts_with(refusal)),
            "{refusal} never refused: {refused:?}"
        );
    }
}

fn settings_change(problems: Option<u8>, matrix: Option<u8>) -> HostCommand {
    HostCommand::UpdateSettings(SettingsChange {
        problems_to_take: problems,
        matrix_size: matrix,
        ..SettingsChange::default()
    })
}

#[test]
fn settings_may_not_drop_chosen_problems_or_placed_solutions() {
    let mut w = STAGE_CACHE[9].clone();
    assert_eq!((w.jam.chosen.len(), w.jam.settings.matrix_size), (2, 3));
    for (change, refusal) in [
        (
            settings_change(Some(1), None),
            JamError::ProblemsAlreadyChosen { chosen: 2 },
        ),
        (
            settings_change(None, Some(2)),
            JamError::SolutionsPlaced { needed: 3 },
        ),
    ] {
        assert_eq!(w.apply(w.host, change), Err(refusal));
    }
    // As many as are in use is fine; so is any size once nothing is placed past it.
    assert_eq!(
        w.apply(w.host, settings_change(Some(2), Some(3))),
        Ok(Outcome::Unchanged)
    );
    w.host(settings_change(Some(3), Some(12)));
    w.host(settings_change(None, Some(3)));
    w.host(previous_round(&w.jam));
    let third = focus_solutions(&w.jam)[2];
    w.host(HostCommand::Place {
        solution: third,
        quadrant: None,
    });
    w.host(settings_change(None, Some(2)));
    assert_eq!(w.jam.settings.matrix_size, 2);
}

#[test]
fn taking_a_solution_off_the_matrix_or_removing_its_action_touches_only_that_one() {
    let mut w = STAGE_CACHE[9].clone();
    let s = focus_solutions(&w.jam);
    let due = NaiveDate::from_ymd_opt(2026, 12, 11).unwrap();
    w.host(HostCommand::SetAction {
        solution: s[1],
        first_step: "Steg 1".into(),
        owner: "Bo".into(),
        due,
    });
    w.host(HostCommand::RemoveAction { solution: s[0] });
    let with_actions = |jam: &Jam| jam.actions.iter().map(|a| a.solution).collect::<Vec<_>>();
    assert_eq!(with_actions(&w.jam), [s[2], s[1]]);
    w.host(previous_round(&w.jam));
    w.host(HostCommand::Place {
        solution: s[1],
        quadrant: None,
    });
    let placed: Vec<Uuid> = w.jam.placements.iter().map(|(s, _)| *s).collect();
    assert_eq!(placed, [s[0], s[2]]);
    assert_eq!(with_actions(&w.jam), [s[2]], "its action goes with it");
}

#[test]
fn due_dates_lie_between_the_day_before_the_jam_and_five_years_on() {
    let mut w = STAGE_CACHE[9].clone();
    let solution = focus_solutions(&w.jam)[0];
    let day = w.jam.created_at.date_naive();
    let five_years = day.checked_add_months(chrono::Months::new(60)).unwrap();
    for (due, accepted) in [
        (day - chrono::Days::new(2), false),
        (day - chrono::Days::new(1), true),
        (day, true),
        (five_years, true),
        (five_years + chrono::Days::new(1), false),
    ] {
        let action = HostCommand::SetAction {
            solution,
            first_step: format!("Steg {due}"),
            owner: "Bo".into(),
            due,
        };
        let expected = if accepted {
            Ok(Outcome::Changed)
        } else {
            Err(JamError::BadDueDate { max_years: 5 })
        };
        assert_eq!(w.apply(w.host, action), expected, "{due}");
    }
}

#[test]
fn one_tap_adds_at_most_half_an_hour() {
    let mut w = STAGE_CACHE[1].clone();
    w.jam.timer = Timer::Paused {
        remaining_ms: 60_000,
    };
    w.host(HostCommand::AddTime { secs: 100_000 });
    assert_eq!(
        w.jam.timer,
        Timer::Paused {
            remaining_ms: 60_000 + 30 * 60 * 1000
        }
    );
}

#[test]
fn each_person_writes_at_most_thirty_notes_a_round() {
    let mut w = STAGE_CACHE[1].clone();
    for i in 0..30 {
        w.write(0, &format!("Problem {i}"));
    }
    let refused = w.apply(
        w.people[0],
        ParticipantCommand::AddNote {
            text: "En till".into(),
        },
    );
    assert_eq!(refused, Err(JamError::TooManyNotes { max: 30 }));
    w.write(1, "Någon annan kan fortfarande");
}

/// A note someone has built on stays as it is, whatever built on it: a choice, a placement or
/// a rating, not only dots.
#[test]
fn a_note_in_use_stays_as_it_is() {
    // A problem nobody voted for, chosen, then its author goes back to edit it.
    let mut w = STAGE_CACHE[11].clone();
    w.host(settings_change(Some(3), None));
    for _ in 0..3 {
        w.host(previous_round(&w.jam));
    }
    assert_eq!(w.jam.round, Round::Problems);
    let late = w.write(3, "Sent problem");
    while w.jam.round != Round::Prioritize {
        w.next();
    }
    w.host(HostCommand::SetChosen {
        note: late,
        chosen: true,
    });
    for _ in 0..3 {
        w.host(previous_round(&w.jam));
    }
    let edit = ParticipantCommand::EditNote {
        note: late,
        text: "Ändrat".into(),
    };
    assert_eq!(w.apply(w.people[3], edit), Err(JamError::NoteInUse));

    // Solutions nobody voted for, one placed and one rated, then their authors go back.
    let mut w = STAGE_CACHE[10].clone();
    assert_eq!(w.jam.round, Round::Solutions);
    let (placed, rated) = (w.write(0, "Placerad"), w.write(1, "Bedömd"));
    w.host(settings_change(None, Some(7)));
    w.next();
    w.next();
    assert_eq!(w.jam.round, Round::EffortImpact);
    w.host(HostCommand::Place {
        solution: placed,
        quadrant: Some(Quadrant::FillIn),
    });
    w.by(
        2,
        ParticipantCommand::Rate {
            solution: rated,
            effort: Some(1),
            impact: Some(1),
        },
    );
    w.host(previous_round(&w.jam));
    w.host(previous_round(&w.jam));
    for (who, note) in [(0, placed), (1, rated)] {
        let delete = ParticipantCommand::DeleteNote { note };
        assert_eq!(w.apply(w.people[who], delete), Err(JamError::NoteInUse));
    }
    // One nobody used is still the author's to change.
    let free = w.write(2, "Fri");
    w.by(
        2,
        ParticipantCommand::EditNote {
            note: free,
            text: "Fri, ändrad".into(),
        },
    );
}
