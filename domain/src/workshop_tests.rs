//! The rules of the whole workshop, tested through commands: a full jam, refusals, and dot
//! budgets under any mix of votes. Properties over random walks through whole jams are in
//! `rules_tests`.

use super::commands::{Command, HostCommand, Outcome, ParticipantCommand};
use super::testing::jam;
use super::view::JamView;
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

    pub(crate) fn by(
        &mut self,
        who: PersonId,
        command: impl Into<Command>,
    ) -> Result<Outcome, JamError> {
        let new_id = self.fresh();
        self.jam.apply(who, command.into(), new_id, Utc::now())
    }

    pub(crate) fn host(&mut self, command: HostCommand) {
        let host = self.host;
        self.by(host, command)
            .expect("the facilitator's command is accepted");
    }

    pub(crate) fn write(&mut self, who: usize, text: &str) -> Uuid {
        let person = self.people[who];
        self.by(person, ParticipantCommand::AddNote { text: text.into() })
            .unwrap();
        self.jam.notes.last().unwrap().id
    }

    pub(crate) fn vote(&mut self, who: usize, note: Uuid) -> Result<Outcome, JamError> {
        let person = self.people[who];
        self.by(person, ParticipantCommand::CastVote { note })
    }

    pub(crate) fn next(&mut self) {
        self.host(HostCommand::NextRound {
            from: self.jam.round,
        });
    }

    pub(crate) fn to(&mut self, round: Round) {
        while self.jam.round != round {
            self.next();
        }
    }

    pub(crate) fn participant_id(&self, who: usize) -> Uuid {
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
    room.host(HostCommand::Reveal {
        author: Some(room.participant_id(1)),
        group: None,
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
            HostCommand::MoveProblem {
                note: school,
                to: 0
            }
        ),
        Err(JamError::NotATie)
    );
    assert_eq!(
        room.by(
            room.host,
            HostCommand::NextRound {
                from: room.jam.round
            }
        ),
        Err(JamError::NoProblemChosen)
    );
    room.host(HostCommand::SetChosen {
        note: jobs,
        chosen: true,
    });
    assert_eq!(
        room.by(
            room.host,
            HostCommand::SetChosen {
                note: school,
                chosen: true
            }
        ),
        Err(JamError::TooManyProblems { max: 1 })
    );
    room.next();
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
        room.by(
            room.host,
            HostCommand::NextRound {
                from: room.jam.round
            }
        ),
        Err(JamError::NoHmwChosen)
    );
    room.host(HostCommand::ChooseHmw {
        text: "Hur skulle vi kunna visa jobben för inflyttare?".into(),
        group: 0,
    });
    room.next();
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
    assert_eq!(room.jam.matrix_candidates(0), vec![fair, site, bus]);
    let (p0, p1) = (room.people[0], room.people[1]);
    room.by(
        p0,
        ParticipantCommand::Rate {
            solution: fair,
            effort: Some(2),
            impact: Some(5),
        },
    )
    .unwrap();
    room.by(
        p1,
        ParticipantCommand::Rate {
            solution: fair,
            effort: Some(1),
            impact: Some(4),
        },
    )
    .unwrap();
    assert_eq!(
        room.by(
            p1,
            ParticipantCommand::Rate {
                solution: fair,
                effort: Some(0),
                impact: Some(4)
            }
        ),
        Err(JamError::BadRating)
    );
    assert_eq!(
        room.by(
            p1,
            ParticipantCommand::Rate {
                solution: fair,
                effort: None,
                impact: None
            }
        ),
        Err(JamError::BadRating),
        "a rating that gives neither scale is refused"
    );
    room.host(HostCommand::Place {
        solution: fair,
        quadrant: Some(Quadrant::QuickWin),
    });
    room.host(HostCommand::Place {
        solution: site,
        quadrant: Some(Quadrant::BigBet),
    });
    room.next();
    let due = Utc::now().date_naive() + chrono::Days::new(13);
    room.host(HostCommand::SetAction {
        solution: site,
        first_step: "Be IT om offert".into(),
        owner: "Bo".into(),
        due,
    });
    room.host(HostCommand::SetAction {
        solution: fair,
        first_step: "Boka lokal".into(),
        owner: "Anna".into(),
        due,
    });
    assert_eq!(
        room.by(
            room.host,
            HostCommand::SetAction {
                solution: bus,
                first_step: "x".into(),
                owner: "y".into(),
                due
            }
        ),
        Err(JamError::NotPlaced)
    );
    room.next();
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
        room.by(
            room.host,
            HostCommand::NextRound {
                from: room.jam.round
            }
        ),
        Err(JamError::WrongRound)
    );
}

#[test]
fn rounds_six_to_ten_repeat_for_each_chosen_problem() {
    let mut room = Room::new(2);
    room.host(HostCommand::UpdateSettings(SettingsChange {
        problems_to_take: Some(2),
        working_round: Some(false),
        ..SettingsChange::default()
    }));
    room.to(Round::Problems);
    let a = room.write(0, "A");
    let b = room.write(1, "B");
    room.to(Round::Prioritize);
    room.host(HostCommand::SetChosen {
        note: b,
        chosen: true,
    });
    room.host(HostCommand::SetChosen {
        note: a,
        chosen: true,
    });
    assert_eq!(room.jam.chosen, vec![a, b], "worked on in priority order");
    room.next();
    room.host(HostCommand::ChooseHmw {
        text: "HMW A".into(),
        group: 0,
    });
    room.to(Round::Actions);
    room.next();
    assert_eq!(
        (room.jam.round, room.jam.focus_problem(0)),
        (Round::Reframe, Some(b))
    );
    room.host(HostCommand::PreviousRound {
        from: Round::Reframe,
    });
    assert_eq!(
        (room.jam.round, room.jam.focus_problem(0)),
        (Round::Actions, Some(a))
    );
    room.next();
    room.host(HostCommand::ChooseHmw {
        text: "HMW B".into(),
        group: 0,
    });
    room.to(Round::Summary);
}

#[test]
fn participants_cannot_act_as_facilitator_and_strangers_cannot_take_part() {
    let mut room = Room::new(1);
    let someone = room.people[0];
    let note = Uuid::from_u128(5);
    let facilitator_commands = [
        HostCommand::NextRound { from: Round::Lobby },
        HostCommand::PreviousRound { from: Round::Lobby },
        HostCommand::UpdateSettings(SettingsChange::default()),
        HostCommand::PauseTimer,
        HostCommand::ResumeTimer,
        HostCommand::AddTime { secs: 60 },
        HostCommand::Reveal {
            author: None,
            group: None,
        },
        HostCommand::MoveProblem { note, to: 0 },
        HostCommand::SetChosen { note, chosen: true },
        HostCommand::ChooseHmw {
            text: "x".into(),
            group: 0,
        },
        HostCommand::Place {
            solution: note,
            quadrant: None,
        },
        HostCommand::SetAction {
            solution: note,
            first_step: "x".into(),
            owner: "y".into(),
            due: NaiveDate::MIN,
        },
        HostCommand::RemoveAction { solution: note },
        HostCommand::CreateShareLink,
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
        room.by(stranger, ParticipantCommand::AddNote { text: "x".into() }),
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
            ParticipantCommand::EditNote {
                note,
                text: "x".into()
            }
        ),
        Err(JamError::NotYourNote)
    );
    assert_eq!(
        room.by(p1, ParticipantCommand::DeleteNote { note }),
        Err(JamError::NotYourNote)
    );
    room.by(
        p0,
        ParticipantCommand::EditNote {
            note,
            text: "Ändrad".into(),
        },
    )
    .unwrap();
    assert_eq!(room.jam.notes[0].text.as_str(), "Ändrad");
    assert_eq!(
        room.by(
            p0,
            ParticipantCommand::EditNote {
                note,
                text: " ".into()
            }
        ),
        Err(JamError::Text(TextError::Empty))
    );
    room.to(Round::Reveal);
    assert_eq!(
        room.by(p0, ParticipantCommand::DeleteNote { note }),
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
            ParticipantCommand::AddNote {
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
            0..=3 => HostCommand::NextRound {
                from: room.jam.round,
            }
            .into(),
            4 => HostCommand::PreviousRound {
                from: room.jam.round,
            }
            .into(),
            5 => HostCommand::Reveal {
                author: None,
                group: None,
            }
            .into(),
            6 | 7 => HostCommand::SetChosen {
                note: chosen_or_note,
                chosen: !room.jam.chosen.contains(&chosen_or_note),
            }
            .into(),
            8 => HostCommand::ChooseHmw {
                text: "HMW".into(),
                group: 0,
            }
            .into(),
            _ => HostCommand::Place {
                solution: note,
                quadrant: Some(Quadrant::QuickWin),
            }
            .into(),
        }
    } else {
        match what {
            0..=2 => ParticipantCommand::AddNote {
                text: format!("note {which}"),
            }
            .into(),
            3..=5 => ParticipantCommand::CastVote { note }.into(),
            6 => ParticipantCommand::WithdrawVote { note }.into(),
            7 => ParticipantCommand::Rate {
                solution: note,
                effort: Some(2),
                impact: Some(4),
            }
            .into(),
            // Someone else trying the facilitator's buttons.
            8 => HostCommand::NextRound {
                from: room.jam.round,
            }
            .into(),
            _ => HostCommand::Reveal {
                author: None,
                group: None,
            }
            .into(),
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
    /// votes and withdrawals by the four phones, the facilitator and a stranger happens.
    #[test]
    fn budgets_hold_and_tallies_add_up(actions in proptest::collection::vec((0usize..6, 0u8..3, 0usize..4), 0..150)) {
        let mut room = Room::new(4);
        room.to(Round::Problems);
        for i in 0..4 { room.write(i, "problem"); }
        room.to(Round::VoteProblems);
        for (who, what, which) in actions {
            let note = room.jam.notes[which].id;
            let command = match what {
                0 | 1 => ParticipantCommand::CastVote { note },
                _ => ParticipantCommand::WithdrawVote { note },
            };
            let person = match who {
                0..=3 => room.people[who],
                4 => room.host,
                _ => PersonId(Uuid::from_u128(424242)),
            };
            let _ = room.by(person, command);
            for i in 0..4 {
                let me = room.participant_id(i);
                prop_assert!(room.jam.votes.iter().filter(|v| v.voter == me).count() <= 3);
            }
            let tallied: usize = room.jam.notes.iter().map(|n| notes::tally(&room.jam.votes, n.id)).sum();
            prop_assert_eq!(tallied, room.jam.votes.len());
        }
    }
}
