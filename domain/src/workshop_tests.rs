//! The rules of the whole workshop, tested through commands: a full jam, refusals, and
//! properties over random sequences of commands (budgets, tallies, privacy, round moves,
//! retries).

use super::commands::{Command, Outcome};
use super::testing::jam;
use super::view::{JamView, ViewerRole};
use super::*;
use chrono::{NaiveDate, Utc};
use proptest::prelude::*;
use uuid::Uuid;

pub(crate) struct Room {
    pub(crate) jam: Jam,
    pub(crate) host: PersonId,
    pub(crate) people: Vec<PersonId>,
    next: u128,
}

impl Room {
    pub(crate) fn new(size: usize) -> Self {
        let mut jam = jam();
        let host = jam.facilitator;
        let people: Vec<_> = (0..size)
            .map(|i| PersonId(Uuid::from_u128(7000 + i as u128)))
            .collect();
        for (i, p) in people.iter().enumerate() {
            let name = DisplayName::parse(&format!("P{i}")).unwrap();
            jam.join(*p, name, Uuid::from_u128(8000 + i as u128), Utc::now())
                .unwrap();
        }
        Self {
            jam,
            host,
            people,
            next: 1,
        }
    }

    pub(crate) fn fresh(&mut self) -> Uuid {
        self.next += 1;
        Uuid::from_u128(1_000_000 + self.next)
    }

    pub(crate) fn by(&mut self, who: PersonId, command: Command) -> Result<Outcome, JamError> {
        let (id, new_id) = (self.fresh(), self.fresh());
        self.jam.apply(who, id, command, new_id, Utc::now())
    }

    pub(crate) fn host(&mut self, command: Command) {
        let host = self.host;
        self.by(host, command)
            .expect("the facilitator's command is accepted");
    }

    fn write(&mut self, who: usize, text: &str) -> Uuid {
        let person = self.people[who];
        self.by(person, Command::AddNote { text: text.into() })
            .unwrap();
        self.jam.notes.last().unwrap().id
    }

    fn vote(&mut self, who: usize, note: Uuid) -> Result<Outcome, JamError> {
        let person = self.people[who];
        self.by(person, Command::CastVote { note })
    }

    fn to(&mut self, round: Round) {
        while self.jam.round != round {
            self.host(Command::NextRound);
        }
    }

    fn participant_id(&self, who: usize) -> Uuid {
        self.jam.participant_of(self.people[who]).unwrap().id
    }
}

#[test]
fn a_whole_jam_from_lobby_to_summary() {
    let mut room = Room::new(3);
    room.to(Round::Working);
    assert!(
        room.jam.timer.is_running(),
        "timed rounds start their timer"
    );
    room.write(0, "Bra bibliotek");
    room.to(Round::Problems);
    let dark = room.write(0, "Mörkt på vintern");
    let jobs = room.write(1, "Få jobb");
    let school = room.write(2, "Skolan långt bort");
    room.to(Round::Reveal);
    room.host(Command::Reveal {
        author: Some(room.participant_id(1)),
    });
    assert!(
        room.jam
            .notes
            .iter()
            .find(|n| n.id == jobs)
            .unwrap()
            .revealed
    );
    assert!(
        !room
            .jam
            .notes
            .iter()
            .find(|n| n.id == dark)
            .unwrap()
            .revealed
    );
    room.to(Round::VoteProblems);
    assert!(
        room.jam.notes.iter().all(|n| n.revealed),
        "voting reveals everything"
    );
    for (who, note) in [
        (0, jobs),
        (0, jobs),
        (1, jobs),
        (1, school),
        (2, school),
        (2, dark),
    ] {
        room.vote(who, note).unwrap();
    }
    room.to(Round::Prioritize);
    assert_eq!(room.jam.problem_order, vec![jobs, school, dark]);
    let host_view = JamView::for_person(&room.jam, room.host, Utc::now());
    let tied: Vec<_> = host_view
        .ranking
        .iter()
        .map(|r| (r.votes, r.tied))
        .collect();
    assert_eq!(tied, vec![(3, false), (2, false), (1, false)]);
    assert_eq!(
        room.by(
            room.host,
            Command::MoveProblem {
                note: school,
                up: true
            }
        ),
        Err(JamError::NotATie)
    );
    assert_eq!(
        room.by(room.host, Command::NextRound),
        Err(JamError::NoProblemChosen)
    );
    room.host(Command::ToggleProblem { note: jobs });
    assert_eq!(
        room.by(room.host, Command::ToggleProblem { note: school }),
        Err(JamError::TooManyProblems { max: 1 })
    );
    room.host(Command::NextRound);
    assert_eq!(room.jam.round, Round::Reframe);
    let proposal = room.write(1, "Hur skulle vi kunna göra jobben synliga?");
    assert!(
        room.jam
            .notes
            .iter()
            .find(|n| n.id == proposal)
            .unwrap()
            .revealed
    );
    assert_eq!(
        room.by(room.host, Command::NextRound),
        Err(JamError::NoHmwChosen)
    );
    room.host(Command::ChooseHmw {
        text: "Hur skulle vi kunna visa jobben för inflyttare?".into(),
    });
    room.host(Command::NextRound);
    let fair = room.write(0, "Jobbmässa i Torneå");
    let site = room.write(1, "Jobbsajt på finska");
    let bus = room.write(2, "Gratis buss");
    assert!(
        !room
            .jam
            .notes
            .iter()
            .find(|n| n.id == fair)
            .unwrap()
            .revealed
    );
    room.to(Round::VoteSolutions);
    for who in 0..3 {
        for note in [fair, fair, site, site, bus, fair] {
            let _ = room.vote(who, note);
        }
        assert_eq!(room.vote(who, bus), Err(JamError::OutOfDots { dots: 6 }));
    }
    room.to(Round::EffortImpact);
    assert_eq!(room.jam.matrix_candidates(), vec![fair, site, bus]);
    let (p0, p1) = (room.people[0], room.people[1]);
    room.by(
        p0,
        Command::Rate {
            solution: fair,
            effort: 2,
            impact: 5,
        },
    )
    .unwrap();
    room.by(
        p1,
        Command::Rate {
            solution: fair,
            effort: 1,
            impact: 4,
        },
    )
    .unwrap();
    assert_eq!(
        room.by(
            p1,
            Command::Rate {
                solution: fair,
                effort: 0,
                impact: 4
            }
        ),
        Err(JamError::BadRating)
    );
    room.host(Command::Place {
        solution: fair,
        quadrant: Some(Quadrant::QuickWin),
    });
    room.host(Command::Place {
        solution: site,
        quadrant: Some(Quadrant::BigBet),
    });
    room.host(Command::NextRound);
    let due = Utc::now().date_naive() + chrono::Days::new(13);
    room.host(Command::SetAction {
        solution: site,
        first_step: "Be IT om offert".into(),
        owner: "Bo".into(),
        due,
    });
    room.host(Command::SetAction {
        solution: fair,
        first_step: "Boka lokal".into(),
        owner: "Anna".into(),
        due,
    });
    assert_eq!(
        room.by(
            room.host,
            Command::SetAction {
                solution: bus,
                first_step: "x".into(),
                owner: "y".into(),
                due
            }
        ),
        Err(JamError::NotPlaced)
    );
    room.host(Command::NextRound);
    assert_eq!(room.jam.round, Round::Summary);
    let summary = JamView::for_person(&room.jam, room.people[2], Utc::now());
    let steps: Vec<_> = summary
        .actions
        .iter()
        .map(|a| (a.first_step.as_str(), a.quadrant))
        .collect();
    assert_eq!(
        steps,
        vec![
            ("Boka lokal", Quadrant::QuickWin),
            ("Be IT om offert", Quadrant::BigBet)
        ]
    );
    assert_eq!(summary.actions[0].problem, "Få jobb");
    assert_eq!(summary.actions[0].problem_votes, 3);
    assert_eq!(summary.actions[0].votes, 9);
    assert_eq!(
        summary.actions[0].hmw.as_deref(),
        Some("Hur skulle vi kunna visa jobben för inflyttare?")
    );
    assert_eq!(
        room.by(room.host, Command::NextRound),
        Err(JamError::WrongRound)
    );
}

#[test]
fn rounds_six_to_ten_repeat_for_each_chosen_problem() {
    let mut room = Room::new(2);
    room.host(Command::UpdateSettings(Settings {
        problems_to_take: 2,
        working_round: false,
        ..Settings::default()
    }));
    room.to(Round::Problems);
    let a = room.write(0, "A");
    let b = room.write(1, "B");
    room.to(Round::Prioritize);
    room.host(Command::ToggleProblem { note: b });
    room.host(Command::ToggleProblem { note: a });
    assert_eq!(room.jam.chosen, vec![a, b], "worked on in priority order");
    room.host(Command::NextRound);
    room.host(Command::ChooseHmw {
        text: "HMW A".into(),
    });
    room.to(Round::Actions);
    room.host(Command::NextRound);
    assert_eq!(
        (room.jam.round, room.jam.focus_problem()),
        (Round::Reframe, Some(b))
    );
    room.host(Command::PreviousRound);
    assert_eq!(
        (room.jam.round, room.jam.focus_problem()),
        (Round::Actions, Some(a))
    );
    room.host(Command::NextRound);
    room.host(Command::ChooseHmw {
        text: "HMW B".into(),
    });
    room.to(Round::Summary);
}

#[test]
fn participants_cannot_act_as_facilitator_and_strangers_cannot_take_part() {
    let mut room = Room::new(1);
    let someone = room.people[0];
    let note = Uuid::from_u128(5);
    let facilitator_commands = [
        Command::NextRound,
        Command::PreviousRound,
        Command::UpdateSettings(Settings::default()),
        Command::PauseTimer,
        Command::ResumeTimer,
        Command::AddTime { secs: 60 },
        Command::Reveal { author: None },
        Command::MoveProblem { note, up: true },
        Command::ToggleProblem { note },
        Command::ChooseHmw { text: "x".into() },
        Command::Place {
            solution: note,
            quadrant: None,
        },
        Command::SetAction {
            solution: note,
            first_step: "x".into(),
            owner: "y".into(),
            due: NaiveDate::MIN,
        },
        Command::RemoveAction { solution: note },
        Command::CreateShareLink,
    ];
    let before = room.jam.clone();
    for command in facilitator_commands {
        assert_eq!(
            room.by(someone, command.clone()),
            Err(JamError::NotFacilitator),
            "{command:?}"
        );
    }
    let stranger = PersonId(Uuid::from_u128(99));
    assert_eq!(
        room.by(stranger, Command::AddNote { text: "x".into() }),
        Err(JamError::NotParticipant)
    );
    assert_eq!(room.jam, before, "refusals change nothing");
}

#[test]
fn notes_can_be_changed_only_by_their_author_while_their_round_is_open() {
    let mut room = Room::new(2);
    room.to(Round::Problems);
    let note = room.write(0, "Första");
    let (p0, p1) = (room.people[0], room.people[1]);
    assert_eq!(
        room.by(
            p1,
            Command::EditNote {
                note,
                text: "x".into()
            }
        ),
        Err(JamError::NotYourNote)
    );
    assert_eq!(
        room.by(p1, Command::DeleteNote { note }),
        Err(JamError::NotYourNote)
    );
    room.by(
        p0,
        Command::EditNote {
            note,
            text: "Ändrad".into(),
        },
    )
    .unwrap();
    assert_eq!(room.jam.notes[0].text.as_str(), "Ändrad");
    assert_eq!(
        room.by(
            p0,
            Command::EditNote {
                note,
                text: " ".into()
            }
        ),
        Err(JamError::Text(TextError::Empty))
    );
    room.to(Round::Reveal);
    assert_eq!(
        room.by(p0, Command::DeleteNote { note }),
        Err(JamError::WrongRound)
    );
}

#[test]
fn time_up_locks_writing_only_when_chosen() {
    let mut room = Room::new(1);
    room.to(Round::Problems);
    room.jam.timer = Timer::Running {
        deadline: Utc::now() - chrono::Duration::seconds(1),
    };
    room.write(0, "Still open");
    room.jam.settings.lock_at_time_up = true;
    let p = room.people[0];
    assert_eq!(
        room.by(
            p,
            Command::AddNote {
                text: "Late".into()
            }
        ),
        Err(JamError::TimeUp)
    );
}

/// One random thing someone in a room of four does.
pub(crate) fn any_action() -> impl Strategy<Value = (usize, u8, usize)> {
    // (who: 0–3 participants, 4 facilitator (one time in three), 5 stranger; what; which note)
    let who = prop_oneof![2 => Just(4usize), 3 => 0usize..4, 1 => Just(5usize)];
    (who, 0u8..10, 0usize..8)
}

/// The facilitator mostly moves the workshop on; everyone else mostly writes and votes, and
/// now and then tries what only the facilitator may do.
pub(crate) fn command_for(room: &Room, who: usize, what: u8, which: usize) -> Command {
    let note = room
        .jam
        .notes
        .get(which % room.jam.notes.len().max(1))
        .map_or(Uuid::from_u128(1), |n| n.id);
    let chosen_or_note = room
        .jam
        .problem_order
        .get(which % 3)
        .copied()
        .unwrap_or(note);
    if who == 4 {
        match what {
            0..=3 => Command::NextRound,
            4 => Command::PreviousRound,
            5 => Command::Reveal { author: None },
            6 | 7 => Command::ToggleProblem {
                note: chosen_or_note,
            },
            8 => Command::ChooseHmw { text: "HMW".into() },
            _ => Command::Place {
                solution: note,
                quadrant: Some(Quadrant::QuickWin),
            },
        }
    } else {
        match what {
            0..=2 => Command::AddNote {
                text: format!("note {which}"),
            },
            3..=5 => Command::CastVote { note },
            6 => Command::WithdrawVote { note },
            7 => Command::Rate {
                solution: note,
                effort: 2,
                impact: 4,
            },
            8 => Command::NextRound,
            _ => Command::Reveal { author: None },
        }
    }
}

pub(crate) fn actor(room: &Room, who: usize) -> PersonId {
    match who {
        0..=3 => room.people[who],
        4 => room.host,
        _ => PersonId(Uuid::from_u128(424242)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Budgets never exceeded, and tallies always add up to the votes cast, whatever mix of
    /// votes, withdrawals and round changes happens.
    #[test]
    fn budgets_hold_and_tallies_add_up(actions in proptest::collection::vec(any_action(), 0..150)) {
        let mut room = Room::new(4);
        room.to(Round::Problems);
        for i in 0..4 { room.write(i, "problem"); }
        room.to(Round::VoteProblems);
        for (who, what, which) in actions {
            let command = match what % 3 {
                0 | 1 => Command::CastVote { note: room.jam.notes[which % 4].id },
                _ => Command::WithdrawVote { note: room.jam.notes[which % 4].id },
            };
            let person = actor(&room, who);
            let _ = room.by(person, command);
            for i in 0..4 {
                let me = room.participant_id(i);
                prop_assert!(room.jam.dots_used(me) <= 3);
            }
            let tallied: usize = room.jam.notes.iter().map(|n| notes::tally(&room.jam.votes, n.id)).sum();
            prop_assert_eq!(tallied, room.jam.votes.len());
        }
    }

    /// Whatever happens, a view holds only notes that are revealed or the viewer's own, and no
    /// tallies while that voting is open.
    #[test]
    fn hidden_things_stay_hidden(actions in proptest::collection::vec(any_action(), 0..120)) {
        let mut room = Room::new(4);
        for (who, what, which) in actions {
            let command = command_for(&room, who, what, which);
            let person = actor(&room, who);
            let _ = room.by(person, command);
            for looker in (0..6).map(|w| actor(&room, w)) {
                let view = JamView::for_person(&room.jam, looker, Utc::now());
                let me = room.jam.participant_of(looker).map(|p| p.id);
                if matches!(view.viewer, ViewerRole::Visitor) {
                    prop_assert!(view.notes.is_empty());
                }
                for shown in &view.notes {
                    let note = room.jam.notes.iter().find(|n| n.id == shown.id).unwrap();
                    prop_assert!(note.revealed || Some(note.author) == me, "hidden note leaked");
                    if shown.votes.is_some() {
                        prop_assert!(room.jam.voting_closed(note.kind, note.problem));
                    }
                    if !note.revealed {
                        prop_assert!(shown.author.is_none());
                    }
                }
                if me.is_some() {
                    prop_assert!(view.progress.is_empty(), "who-did-what is for the projector");
                }
            }
        }
    }

    /// Rounds only move one step at a time (skipping optional rounds, or looping 10 → 6 for the
    /// next problem), and only when the facilitator moves them.
    #[test]
    fn rounds_move_only_legally(actions in proptest::collection::vec(any_action(), 0..250), skip in any::<bool>()) {
        let mut room = Room::new(4);
        room.host(Command::UpdateSettings(Settings { working_round: !skip, problems_to_take: 2, ..Settings::default() }));
        for (who, what, which) in actions {
            let before = room.jam.clone();
            let command = command_for(&room, who, what, which);
            let person = actor(&room, who);
            let _ = room.by(person, command.clone());
            let (from, to) = (before.round, room.jam.round);
            if from != to {
                prop_assert_eq!(person, room.host, "only the facilitator moves rounds");
                let settings = &before.settings;
                let legal = match command {
                    Command::NextRound => settings.next(from) == Some(to)
                        || (from == Round::Actions && to == Round::Reframe && room.jam.focus == before.focus + 1),
                    Command::PreviousRound => settings.previous(from) == Some(to)
                        || (from == Round::Reframe && to == Round::Actions && room.jam.focus + 1 == before.focus),
                    _ => false,
                };
                prop_assert!(legal, "{:?} → {:?} by {:?}", from, to, command);
                prop_assert!(room.jam.round != Round::Working || !skip, "a skipped round is never entered");
            }
        }
    }

    /// A retried command (same id) is applied once.
    #[test]
    fn a_retried_command_changes_nothing(actions in proptest::collection::vec(any_action(), 1..60)) {
        let mut room = Room::new(4);
        for (who, what, which) in actions {
            let command = command_for(&room, who, what, which);
            let person = actor(&room, who);
            let id = room.fresh();
            let new_id = room.fresh();
            if room.jam.apply(person, id, command.clone(), new_id, Utc::now()).is_ok() {
                let once = room.jam.clone();
                let other_new_id = room.fresh();
                let again = room.jam.apply(person, id, command, other_new_id, Utc::now());
                prop_assert_eq!(again, Ok(Outcome::Repeated));
                prop_assert_eq!(&room.jam, &once);
            }
        }
    }
}
