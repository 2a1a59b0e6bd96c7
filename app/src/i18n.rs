//! Every string a person reads, in Swedish, English and Finnish.
//!
//! One struct with one field per text: a language that misses a text does not compile.
//! Texts with numbers in them are functions.

use crate::domain::{CodeError, JamError, Joining, Quadrant, Round, SettingsError, TextError};
use crate::error::{AppError, Field};

pub use crate::domain::Lang;

/// The texts of a language.
pub trait LangTexts {
    fn texts(self) -> &'static Texts;
}

impl LangTexts for Lang {
    fn texts(self) -> &'static Texts {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
            Lang::Fi => &FI,
        }
    }
}

pub struct Texts {
    /// The language's own name, for the switch.
    pub language_name: &'static str,
    pub tagline: &'static str,
    pub page_not_found: &'static str,
    pub to_start: &'static str,

    pub create_heading: &'static str,
    pub topic_label: &'static str,
    pub topic_placeholder: &'static str,
    pub create_button: &'static str,
    pub creating: &'static str,
    pub join_instead: &'static str,

    pub join_heading: &'static str,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub name_label: &'static str,
    pub name_hint: &'static str,
    pub join_button: &'static str,
    pub joining: &'static str,
    pub joining_topic: &'static str,

    pub join_at: &'static str,
    pub scan_qr: &'static str,
    pub qr_alt: &'static str,
    pub joined_heading: &'static str,
    pub nobody_yet: &'static str,
    pub people_joined: fn(usize) -> String,
    /// In a big room the projector lists the latest arrivals: (listed, all).
    pub latest_of: fn(usize, usize) -> String,
    /// In a big room the projector counts who has started this round: (started, all, done).
    pub started_of: fn(usize, usize, usize) -> String,

    pub you_are_in: &'static str,
    pub waiting_for_start: &'static str,
    pub you_are_called: &'static str,
    pub change_name: &'static str,

    pub loading: &'static str,
    pub reconnecting: &'static str,
    /// The live channel said the jam was deleted.
    pub jam_gone: &'static str,
    /// The start page: what is kept, and for how long (days).
    pub privacy: fn(u32) -> String,
    pub delete_jam: &'static str,
    pub delete_confirm: &'static str,
    pub delete_yes: &'static str,

    pub err_topic_empty: &'static str,
    pub err_name_empty: &'static str,
    pub err_too_long: fn(usize) -> String,
    pub err_forbidden_chars: &'static str,
    pub err_code_length: fn(usize) -> String,
    pub err_code_letters: &'static str,
    pub err_jam_not_found: &'static str,
    pub err_jam: fn(JamError) -> String,
    pub err_not_facilitator: &'static str,
    pub err_not_joined: &'static str,
    pub err_storage: &'static str,
    pub err_network: &'static str,
    pub err_too_many: &'static str,
    pub err_bad_request: &'static str,

    // The workshop.
    pub round_name: fn(Round) -> &'static str,
    /// What the room does now, on the projector.
    pub room_instruction: fn(Round) -> &'static str,
    /// What to do now, in one sentence, on a phone.
    pub phone_instruction: fn(Round) -> &'static str,
    pub quadrant_name: fn(Quadrant) -> &'static str,
    pub start_jam: &'static str,
    pub next_round: &'static str,
    pub previous_round: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub add_minute: &'static str,
    pub time_up: &'static str,
    /// The clock is paused (said in words, not by colour alone).
    pub paused: &'static str,
    /// The phone has no network: what it keeps and when it sends.
    pub offline: &'static str,
    /// Shown only in a browser that runs no scripts: the screen does not follow by itself.
    pub no_script: &'static str,
    pub reload: &'static str,
    pub sending: &'static str,
    /// A note that could not be sent yet: it stays on the phone.
    pub not_sent: &'static str,
    pub send_again: &'static str,
    /// Time is up and the facilitator locks writing then.
    pub writing_locked: &'static str,
    pub chars_left: fn(usize) -> String,
    pub remove_action: &'static str,
    /// A phone that has done its part of the round.
    pub done_look_up: &'static str,
    /// The facilitator's keyboard shortcuts.
    pub shortcuts: &'static str,
    pub open_room_view: &'static str,
    /// Clustering in the reveal: pick a card, merge it onto another, take a note off again.
    pub merge_pick: &'static str,
    pub merge_here: &'static str,
    pub unmerge: &'static str,
    pub room_view_explained: &'static str,
    /// (round, rounds): the round's place among the rounds that are run.
    pub round_of: fn(usize, usize) -> String,
    pub problem_of: fn(usize, usize) -> String,
    pub look_at_screen: &'static str,
    pub nothing_yet: &'static str,
    /// The reveal, before every note is shown: how many still wait.
    pub waiting_to_reveal: fn(usize) -> String,
    /// The facilitator's ranking: the fold with the problems nobody voted for.
    pub unvoted_problems: fn(usize) -> String,
    pub progress_heading: &'static str,

    pub settings: &'static str,
    pub working_round_label: &'static str,
    pub minutes_label: fn(Round) -> String,
    pub problem_dots_label: &'static str,
    pub solution_dots_label: &'static str,
    pub problems_to_take_label: &'static str,
    pub matrix_size_label: &'static str,
    pub room_size_label: &'static str,
    pub joining_label: &'static str,
    pub joining_choice: fn(Joining) -> &'static str,
    pub joining_link_only: &'static str,
    pub joining_closed: &'static str,
    pub send_link: &'static str,
    pub host_key_heading: &'static str,
    pub host_key_explained: &'static str,
    pub host_key_make: &'static str,
    pub host_key_renew: &'static str,
    pub lock_label: &'static str,
    pub save: &'static str,
    pub saved: &'static str,

    pub note_placeholder: fn(Round) -> &'static str,
    pub add_note: &'static str,
    pub my_notes: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub cancel: &'static str,
    pub notes_written: fn(usize) -> String,

    pub reveal_all: &'static str,
    pub reveal_author: &'static str,
    pub dots_left: fn(u8) -> String,
    pub add_dot: &'static str,
    pub remove_dot: &'static str,
    pub votes: fn(usize) -> String,
    pub tie: &'static str,
    pub choose: &'static str,
    pub chosen: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub hmw_chosen: &'static str,
    pub use_this: &'static str,
    pub hmw_edit_label: &'static str,
    pub effort: &'static str,
    pub impact: &'static str,
    /// What the two ends of the effort scale (1 and 5) mean.
    pub effort_ends: (&'static str, &'static str),
    /// What the two ends of the impact scale (1 and 5) mean.
    pub impact_ends: (&'static str, &'static str),
    pub suggested: &'static str,
    /// Solutions left off the matrix with as many votes as one on it.
    pub tied_off_matrix: fn(usize) -> String,
    pub ratings_count: fn(usize) -> String,
    pub remove_from_matrix: &'static str,
    pub first_step: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    /// A due date as the language writes it (Finnish: 20.12.2026).
    pub date: fn(chrono::NaiveDate) -> String,
    /// An average rating, labelled, with the language's decimal mark: "snitt 2,5".
    pub average: fn(f64) -> String,
    pub save_action: &'static str,
    pub actions_heading: &'static str,
    pub summary_heading: &'static str,
    pub solution_label: &'static str,
    pub problem_label: &'static str,
    pub hmw_label: &'static str,
    pub no_actions: &'static str,

    // Results and exports.
    pub date_label: &'static str,
    pub votes_label: &'static str,
    pub quadrant_label: &'static str,
    pub priority_label: &'static str,
    pub order_note: &'static str,
    pub problems_heading: &'static str,
    pub all_notes_heading: &'static str,
    pub author_label: &'static str,
    pub download_heading: &'static str,
    pub download_markdown: &'static str,
    pub download_csv_excel: &'static str,
    pub download_csv_plain: &'static str,
    pub download_json: &'static str,
    pub print_page: &'static str,
    pub include_notes: &'static str,
    pub share_link_button: &'static str,
    pub share_link_label: &'static str,
    pub print_button: &'static str,

    // Groups.
    /// A group without a name: "Grupp 2" (numbered from 1).
    pub group_numbered: fn(usize) -> String,
    pub groups_label: &'static str,
    pub groups_hint: &'static str,
    pub group_name_label: fn(usize) -> String,
    pub pick_group_label: &'static str,
    pub move_to_group: &'static str,
    pub make_lead: &'static str,
    pub lead_badge: &'static str,
    pub your_group: &'static str,
    pub pick_group_heading: &'static str,
    pub group_label: &'static str,
    pub export_scope_label: &'static str,
    pub all_groups: &'static str,
    pub lead_heading: &'static str,
    pub plenary_label: &'static str,
    pub plenary_dots_label: &'static str,
    pub room_votes: fn(usize) -> String,
    pub room_votes_label: &'static str,
    pub present_label: &'static str,
    pub group_waiting: &'static str,
}

impl Texts {
    pub fn error(&self, error: &AppError) -> String {
        match error {
            AppError::BadText { field, problem } => match (problem, field) {
                (TextError::Empty, Field::Topic) => self.err_topic_empty.into(),
                (TextError::Empty, Field::Name) => self.err_name_empty.into(),
                (TextError::TooLong { max }, _) => (self.err_too_long)(*max),
                (TextError::ForbiddenCharacters, _) => self.err_forbidden_chars.into(),
            },
            AppError::BadCode(CodeError::WrongLength) => {
                (self.err_code_length)(crate::domain::join_code::LENGTH)
            }
            AppError::BadCode(CodeError::WrongCharacter) => self.err_code_letters.into(),
            AppError::JamNotFound => self.err_jam_not_found.into(),
            AppError::Jam(e) => (self.err_jam)(*e),
            AppError::NotFacilitator => self.err_not_facilitator.into(),
            AppError::NotJoined => self.err_not_joined.into(),
            AppError::Storage => self.err_storage.into(),
            AppError::BadRequest(_) => self.err_bad_request.into(),
            AppError::Network(_) => self.err_network.into(),
            AppError::TooMany(_) => self.err_too_many.into(),
        }
    }
}

pub static SV: Texts = Texts {
    language_name: "Svenska",
    tagline: "Lightning Decision Jam: från problem till prioriterade åtgärder på under en timme.",
    page_not_found: "Sidan finns inte.",
    to_start: "Till startsidan",

    create_heading: "Starta ett jam",
    topic_label: "Utmaning eller ämne",
    topic_placeholder: "Hur får vi fler att flytta till Haparanda?",
    create_button: "Skapa jam",
    creating: "Skapar…",
    join_instead: "Ska du delta? Skriv in koden här",

    join_heading: "Gå med i ett jam",
    code_label: "Kod",
    code_hint: "Sex bokstäver som står på den stora skärmen.",
    name_label: "Ditt namn",
    name_hint: "Visas för processledaren.",
    join_button: "Gå med",
    joining: "Går med…",
    joining_topic: "Du går med i:",

    join_at: "Gå med på",
    scan_qr: "eller skanna koden med mobilen",
    qr_alt: "QR-kod till länken för att gå med",
    joined_heading: "Har gått med",
    nobody_yet: "Ingen har gått med ännu.",
    people_joined: |n| match n {
        1 => "1 person har gått med".into(),
        n => format!("{n} personer har gått med"),
    },
    latest_of: |shown, all| format!("De senaste {shown} av {all}"),
    started_of: |started, all, done| format!("{started} av {all} är igång · {done} hittills"),

    you_are_in: "Du är med!",
    waiting_for_start: "Vänta tills processledaren startar.",
    you_are_called: "Ditt namn",
    change_name: "Byt namn",

    loading: "Laddar…",
    reconnecting: "Anslutningen bröts – återansluter…",
    jam_gone: "Jammet är raderat.",
    privacy: |days| format!("Integritet: Blixt sparar bara det som skrivs i ett jam – namn, lappar, röster och åtgärder – och raderar jammet {days} dagar efter den senaste ändringen, eller direkt när processledaren raderar det. Inget sparas om den som bara tittar."),
    delete_jam: "Radera jammet",
    delete_confirm: "Radera jammet och allt i det för alltid? Ladda ner resultatet först om ni vill spara det.",
    delete_yes: "Ja, radera",

    err_topic_empty: "Skriv en utmaning eller ett ämne.",
    err_name_empty: "Skriv ditt namn.",
    err_too_long: |max| format!("Högst {max} tecken."),
    err_forbidden_chars: "Texten innehåller osynliga tecken eller styrtecken. Skriv den igen.",
    err_code_length: |n| format!("Koden har {n} bokstäver."),
    err_code_letters:
        "Koden har bara bokstäver, inga siffror eller vokaler. Kontrollera den på skärmen.",
    err_jam_not_found: "Inget jam har den koden. Kontrollera den på skärmen.",
    err_jam: |e| match e {
        JamError::Full { max } => format!("Jammet är fullt ({max} deltagare)."),
        JamError::NameTaken => {
            "Någon i jammet heter redan så. Lägg till något, t.ex. en initial: ”Anna L”.".into()
        }
        JamError::WrongHostKey => {
            "Processledarlänken gäller inte (längre). Be processledaren om en ny.".into()
        }
        JamError::TooManyHosts { max } => format!("Högst {max} enheter kan styra ett jam."),
        JamError::NoSuchGroup => "Den gruppen finns inte.".into(),
        JamError::NoSuchParticipant => "Den deltagaren finns inte i jammet.".into(),
        JamError::GroupsFixed => "Grupperna bestäms i lobbyn, innan någon har börjat skriva.".into(),
        JamError::NoGroupPicking => "Processledaren delar in grupperna.".into(),
        JamError::GroupWithoutProblem { group } => format!("Grupp {} har inte valt något problem än.", usize::from(group) + 1),
        JamError::GroupWithoutHmw { group } => format!("Grupp {} har inte valt sin Hur skulle vi kunna än.", usize::from(group) + 1),
        JamError::OtherGroup => "Det hör till en annan grupp.".into(),
        JamError::Settings(SettingsError::Groups { max }) => format!("Mellan 1 och {max} grupper."),
        JamError::WrongJoinKey => "Länken gäller inte. Skanna QR-koden på skärmen eller skriv koden.".into(),
        JamError::JoiningClosed => "Jammet tar inte emot fler deltagare just nu.".into(),
        JamError::LinkOnly => "Gå med genom att skanna QR-koden på skärmen.".into(),
        JamError::JamEnded => "Jammet är avslutat.".into(),
        JamError::NotFacilitator => "Bara processledaren kan göra det.".into(),
        JamError::NotParticipant => "Gå med i jammet först.".into(),
        JamError::WrongRound => {
            "Det går inte i den här rundan. Skärmen visar nu vad som gäller.".into()
        }
        JamError::NoSuchNote => "Lappen finns inte längre.".into(),
        JamError::NotYourNote => "Du kan bara ändra dina egna lappar.".into(),
        JamError::OutOfDots { dots } => {
            format!("Du har använt alla {dots} prickar. Ta tillbaka en först.")
        }
        JamError::NoVoteToTake => "Du har ingen prick på den lappen.".into(),
        JamError::TimeUp => "Tiden är ute.".into(),
        JamError::TooManyNotes { max } => format!("Högst {max} lappar per person och runda."),
        JamError::Text(TextError::Empty) => "Skriv något på lappen.".into(),
        JamError::Text(TextError::TooLong { max }) => format!("Högst {max} tecken."),
        JamError::Text(TextError::ForbiddenCharacters) => {
            "Texten innehåller osynliga tecken eller styrtecken.".into()
        }
        JamError::Settings(SettingsError::Timebox { min, max }) => {
            format!("Tidsramen kan vara mellan {min} och {max} sekunder.")
        }
        JamError::Settings(SettingsError::Dots { max }) => {
            format!("Antalet prickar kan vara mellan 1 och {max}.")
        }
        JamError::Settings(SettingsError::ProblemsToTake) => {
            "Mellan 1 och 3 problem kan tas vidare.".into()
        }
        JamError::Settings(SettingsError::MatrixSize { max }) => {
            format!("Mellan 1 och {max} lösningar får plats i matrisen.")
        }
        JamError::NotATie => "Bara lappar med lika många röster kan byta plats.".into(),
        JamError::TooManyProblems { max } => format!("Högst {max} problem kan tas vidare."),
        JamError::NoProblemChosen => "Välj minst ett problem först.".into(),
        JamError::NoHmwChosen => "Välj en ”Hur skulle vi kunna”-fråga först.".into(),
        JamError::NotOnMatrix => "Den lösningen finns inte i matrisen.".into(),
        JamError::BadRating => "Bedöm på en skala från 1 till 5.".into(),
        JamError::NotPlaced => "Placera lösningen i matrisen först.".into(),
        JamError::BadDueDate { max_years } => format!("Välj ett datum från i dag och högst {max_years} år framåt."),
        JamError::NoTimer => "Den här rundan har ingen tidsgräns.".into(),
        JamError::NoteInUse => "Lappen har redan fått röster eller används, så den kan inte ändras.".into(),
        JamError::CannotMerge => "De lapparna går inte att slå ihop: båda ska vara visade och av samma slag, och en vald lapp stannar som den är.".into(),
        JamError::ProblemsAlreadyChosen { chosen } => {
            format!("{chosen} problem är redan valda. Välj bort ett först.")
        }
        JamError::SolutionsPlaced { needed } => format!(
            "Matrisen behöver minst {needed} platser för de lösningar som redan är placerade. Ta bort några placeringar först."
        ),
        JamError::RoomSize { min, max } => {
            format!("Antalet platser kan vara från {min} (så många har gått med) till {max}.")
        }
    },
    err_not_facilitator: "Bara processledaren kan göra det.",
    err_not_joined: "Du har inte gått med i det här jammet.",
    err_storage: "Servern kunde inte spara. Försök igen om en stund.",
    err_network: "Kunde inte nå servern. Kontrollera uppkopplingen och försök igen.",
    err_too_many: "För många försök härifrån just nu. Vänta en minut och försök igen.",
    err_bad_request: "Servern förstod inte begäran. Ladda om sidan och försök igen.",
    round_name: |r| match r {
        Round::Lobby => "Samling",
        Round::Working => "Vad fungerar?",
        Round::Problems => "Problem",
        Round::Reveal => "Visa lapparna",
        Round::VoteProblems => "Rösta på problem",
        Round::Prioritize => "Prioritera problem",
        Round::Reframe => "Formulera om",
        Round::Solutions => "Lösningar",
        Round::VoteSolutions => "Rösta på lösningar",
        Round::EffortImpact => "Insats och effekt",
        Round::Actions => "Åtgärder",
        Round::Plenary => "Gemensam prioritering",
        Round::Summary => "Sammanfattning",
    },
    room_instruction: |r| match r {
        Round::Lobby => "Gå med via mobilen. Vi börjar snart.",
        Round::Working => "Skriv i tysthet vad som fungerar bra. En sak per lapp.",
        Round::Problems => "Skriv i tysthet problem och hinder. En sak per lapp.",
        Round::Reveal => "Vi visar lapparna, en person i taget. Ingen diskussion än.",
        Round::VoteProblems => {
            "Sätt dina prickar på de viktigaste problemen. Flera på samma går bra."
        }
        Round::Prioritize => "Problemen i röstordning. Processledaren väljer vilka vi tar vidare.",
        Round::Reframe => "Formulera om problemet som en fråga: ”Hur skulle vi kunna …?”",
        Round::Solutions => "Skriv i tysthet lösningar på frågan. En per lapp.",
        Round::VoteSolutions => "Sätt dina prickar på de bästa lösningarna.",
        Round::EffortImpact => "Bedöm insats och effekt. Vi placerar lösningarna tillsammans.",
        Round::Actions => {
            "Ett första steg för varje lösning: något som går att göra inom 1–2 veckor, med ansvarig och datum."
        }
        Round::Plenary => "Alla gruppers åtgärder på en lista. Sätt dina prickar på dem som är viktigast för hela rummet.",
        Round::Summary => "Vår prioriterade åtgärdslista.",
    },
    phone_instruction: |r| match r {
        Round::Lobby => "Vänta tills processledaren startar.",
        Round::Working => "Skriv vad som fungerar bra, en sak per lapp.",
        Round::Problems => "Skriv problem, en per lapp. Ingen annan ser dem än.",
        Round::Reveal => "Titta på den stora skärmen.",
        Round::VoteProblems => "Tryck för att sätta prickar på problemen.",
        Round::Prioritize => "Titta på den stora skärmen.",
        Round::Reframe => "Föreslå en fråga som börjar med ”Hur skulle vi kunna …”.",
        Round::Solutions => "Skriv lösningar, en per lapp.",
        Round::VoteSolutions => "Tryck för att sätta prickar på lösningarna.",
        Round::EffortImpact => "Bedöm insats och effekt för varje lösning.",
        Round::Actions => "Titta på den stora skärmen medan vi bestämmer åtgärder.",
        Round::Plenary => "Tryck för att sätta prickar på de åtgärder som är viktigast, från alla grupper.",
        Round::Summary => "Klart! Här är åtgärdslistan.",
    },
    quadrant_name: |q| match q {
        Quadrant::QuickWin => "Snabba vinster",
        Quadrant::BigBet => "Stora satsningar",
        Quadrant::FillIn => "Småfix",
        Quadrant::Thankless => "Inte värt mödan",
    },
    start_jam: "Starta jammet",
    next_round: "Nästa runda",
    previous_round: "Tillbaka",
    pause: "Pausa",
    resume: "Fortsätt",
    add_minute: "+1 min",
    time_up: "Tiden är ute!",
    paused: "Pausad",
    offline: "Ingen uppkoppling. Det du skriver sparas på telefonen och skickas när nätet är tillbaka.",
    no_script: "Den här sidan uppdateras inte av sig själv i din webbläsare. Ladda om den för att se nästa runda.",
    reload: "Uppdatera",
    sending: "Skickar …",
    not_sent: "Inte skickad än – den ligger kvar här och skickas när nätet är tillbaka.",
    send_again: "Skicka igen",
    writing_locked: "Tiden är ute – det går inte att skriva fler lappar nu.",
    chars_left: |n| format!("{n} tecken kvar"),
    remove_action: "Ta bort åtgärden",
    done_look_up: "Klart! Titta på skärmen.",
    open_room_view: "Öppna vyn för rummet",
    merge_pick: "Slå ihop …",
    merge_here: "Lägg ihop här",
    unmerge: "Ta isär",
    room_view_explained: "visa den på projektorn och styr härifrån – inställningar och skrivande syns då inte för rummet.",
    shortcuts: "Tangenter: → eller mellanslag nästa runda, ← tillbaka, P paus, + en minut till",
    round_of: |n, of| format!("Runda {n} av {of}"),
    problem_of: |a, b| format!("Problem {a} av {b}"),
    look_at_screen: "Titta på den stora skärmen.",
    nothing_yet: "Inget ännu.",
    waiting_to_reveal: |n| match n {
        1 => "1 lapp väntar på att visas.".into(),
        n => format!("{n} lappar väntar på att visas."),
    },
    unvoted_problems: |n| format!("{n} problem utan röster"),
    progress_heading: "Hittills",

    settings: "Inställningar",
    working_round_label: "Börja med ”Vad fungerar?”",
    minutes_label: |r| format!("Minuter: {}", (SV.round_name)(r)),
    problem_dots_label: "Prickar per person, problem",
    solution_dots_label: "Prickar per person, lösningar",
    problems_to_take_label: "Problem att ta vidare",
    matrix_size_label: "Lösningar i matrisen",
    room_size_label: "Platser (högst så många kan gå med)",
    joining_label: "Vem får gå med",
    joining_choice: |j| match j {
        Joining::Open => "Alla med koden eller QR-koden",
        Joining::LinkOnly => "Bara med QR-koden eller länken",
        Joining::Closed => "Inga fler",
    },
    joining_link_only: "Skanna QR-koden för att gå med.",
    joining_closed: "Jammet tar inte emot fler deltagare.",
    send_link: "Länk att skicka till deltagare",
    host_key_heading: "Processledarlänk",
    host_key_explained: "Öppna länken på en annan enhet för att styra jammet även därifrån – till exempel om ni är två processledare, eller på en ny dator om den här slutar fungera. Visa den inte för deltagarna. En ny länk gör den gamla ogiltig.",
    host_key_make: "Skapa processledarlänk",
    host_key_renew: "Ny länk (den gamla slutar gälla)",
    lock_label: "Lås skrivandet när tiden är ute",
    save: "Spara",
    saved: "Sparat.",

    note_placeholder: |r| match r {
        Round::Working => "Det här fungerar bra …",
        Round::Reframe => "Hur skulle vi kunna …",
        Round::Solutions => "En lösning …",
        _ => "Ett problem …",
    },
    add_note: "Lägg till lapp",
    my_notes: "Dina lappar",
    edit: "Ändra",
    delete: "Ta bort",
    cancel: "Avbryt",
    notes_written: |n| match n {
        1 => "1 lapp".into(),
        n => format!("{n} lappar"),
    },

    reveal_all: "Visa alla",
    reveal_author: "Visa lappar från",
    dots_left: |n| match n {
        1 => "1 prick kvar".into(),
        n => format!("{n} prickar kvar"),
    },
    add_dot: "Sätt prick",
    remove_dot: "Ta tillbaka",
    votes: |n| match n {
        1 => "1 röst".into(),
        n => format!("{n} röster"),
    },
    tie: "Lika",
    choose: "Välj",
    chosen: "Vald",
    move_up: "Upp",
    move_down: "Ned",
    hmw_chosen: "Vår fråga",
    use_this: "Använd",
    hmw_edit_label: "Frågan vi går vidare med",
    effort: "Insats",
    impact: "Effekt",
    effort_ends: ("Lite jobb", "Mycket jobb"),
    impact_ends: ("Liten nytta", "Stor nytta"),
    suggested: "Förslag",
    tied_off_matrix: |n| match n {
        1 => "Lika många röster som 1 lösning utanför matrisen".into(),
        n => format!("Lika många röster som {n} lösningar utanför matrisen"),
    },
    ratings_count: |n| match n {
        1 => "1 bedömning".into(),
        n => format!("{n} bedömningar"),
    },
    remove_from_matrix: "Ta bort",
    first_step: "Första steg",
    owner: "Ansvarig",
    due: "Klart senast",
    date: |d| d.to_string(),
    average: |x| format!("snitt {}", decimal_comma(x)),
    save_action: "Spara åtgärd",
    actions_heading: "Åtgärder",
    summary_heading: "Prioriterad åtgärdslista",
    solution_label: "Lösning",
    problem_label: "Problem",
    hmw_label: "Fråga",
    no_actions: "Inga åtgärder ännu.",
    date_label: "Datum",
    votes_label: "Röster",
    quadrant_label: "Kvadrant",
    priority_label: "Prioritet",
    order_note: "Ordning: snabba vinster först, sedan stora satsningar, småfix och sist det som inte är värt mödan. Inom samma kvadrant kommer högst bedömd effekt först, sedan flest röster och sedan den lösning som skrevs först.",
    problems_heading: "Problem och lösningar",
    all_notes_heading: "Alla lappar",
    author_label: "Skrivet av",
    download_heading: "Ta med resultatet",
    download_markdown: "Markdown",
    download_csv_excel: "CSV för Excel",
    download_csv_plain: "CSV (kommatecken)",
    download_json: "JSON",
    print_page: "Utskrift / PDF",
    include_notes: "Ta med alla lappar och röster",
    share_link_button: "Skapa delningslänk",
    share_link_label: "Länk för att läsa resultatet:",
    print_button: "Skriv ut",
    group_numbered: |n| format!("Grupp {n}"),
    groups_label: "Antal grupper",
    groups_hint: "1 = hela rummet är en grupp. Med fler grupper skriver, röstar och beslutar varje grupp på sina egna lappar, på samma klocka. Antalet ställs in i lobbyn; alla sprids jämnt.",
    group_name_label: |n| format!("Namn på grupp {n}"),
    pick_group_label: "Deltagarna väljer själva grupp på telefonen",
    move_to_group: "Flytta till",
    make_lead: "Gruppledare",
    lead_badge: "leder gruppen",
    your_group: "Din grupp",
    pick_group_heading: "Välj din grupp",
    group_label: "Grupp",
    export_scope_label: "Resultat för",
    all_groups: "Alla grupper",
    lead_heading: "Du leder din grupp: gör gruppens steg här",
    plenary_label: "Gemensam avslutning: hela rummet prioriterar alla gruppers åtgärder",
    plenary_dots_label: "Prickar per person, gemensam prioritering",
    room_votes: |n| if n == 1 { "1 prick från rummet".into() } else { format!("{n} prickar från rummet") },
    room_votes_label: "Prickar från rummet",
    present_label: "På storskärmen:",
    group_waiting: "Din grupp har inget mer problem att arbeta med i den här omgången. Titta på skärmen medan de andra grupperna fortsätter.",
};

pub static EN: Texts = Texts {
    language_name: "English",
    tagline: "Lightning Decision Jam: from problems to prioritised actions in under an hour.",
    page_not_found: "This page does not exist.",
    to_start: "To the start page",

    create_heading: "Start a jam",
    topic_label: "Challenge or topic",
    topic_placeholder: "How might we get more people to move to Haparanda?",
    create_button: "Create jam",
    creating: "Creating…",
    join_instead: "Taking part? Join with a code",

    join_heading: "Join a jam",
    code_label: "Code",
    code_hint: "Six letters, shown on the big screen.",
    name_label: "Your name",
    name_hint: "Shown to the facilitator.",
    join_button: "Join",
    joining: "Joining…",
    joining_topic: "You are joining:",

    join_at: "Join at",
    scan_qr: "or scan the code with your phone",
    qr_alt: "QR code of the join link",
    joined_heading: "Joined",
    nobody_yet: "Nobody has joined yet.",
    people_joined: |n| match n {
        1 => "1 person has joined".into(),
        n => format!("{n} people have joined"),
    },
    latest_of: |shown, all| format!("The latest {shown} of {all}"),
    started_of: |started, all, done| format!("{started} of {all} have started · {done} so far"),

    you_are_in: "You're in!",
    waiting_for_start: "Wait for the facilitator to start.",
    you_are_called: "Your name",
    change_name: "Change name",

    loading: "Loading…",
    reconnecting: "Connection lost – reconnecting…",
    jam_gone: "This jam has been deleted.",
    privacy: |days| format!("Privacy: Blixt keeps only what is written in a jam – names, notes, votes and actions – and deletes the jam {days} days after its last change, or at once when the facilitator deletes it. Nothing is kept for someone who only looks."),
    delete_jam: "Delete the jam",
    delete_confirm: "Delete the jam and everything in it for good? Download the results first if you want to keep them.",
    delete_yes: "Yes, delete",

    err_topic_empty: "Write a challenge or topic.",
    err_name_empty: "Write your name.",
    err_too_long: |max| format!("At most {max} characters."),
    err_forbidden_chars: "The text contains invisible or control characters. Please type it again.",
    err_code_length: |n| format!("The code has {n} letters."),
    err_code_letters: "The code has only letters, no digits or vowels. Check it on the screen.",
    err_jam_not_found: "No jam has that code. Check it on the screen.",
    err_jam: |e| match e {
        JamError::Full { max } => format!("The jam is full ({max} participants)."),
        JamError::NameTaken => {
            "Someone in the jam already has that name. Add something, e.g. an initial: “Anna L”.".into()
        }
        JamError::WrongHostKey => {
            "That facilitator link is not (or no longer) valid. Ask the facilitator for a new one.".into()
        }
        JamError::TooManyHosts { max } => format!("At most {max} devices can drive a jam."),
        JamError::NoSuchGroup => "There is no such group.".into(),
        JamError::NoSuchParticipant => "That participant is not in the jam.".into(),
        JamError::GroupsFixed => "Groups are set in the lobby, before anyone starts writing.".into(),
        JamError::NoGroupPicking => "The facilitator puts people in groups.".into(),
        JamError::GroupWithoutProblem { group } => format!("Group {} has not chosen a problem yet.", usize::from(group) + 1),
        JamError::GroupWithoutHmw { group } => format!("Group {} has not chosen its How might we yet.", usize::from(group) + 1),
        JamError::OtherGroup => "That belongs to another group.".into(),
        JamError::Settings(SettingsError::Groups { max }) => format!("Between 1 and {max} groups."),
        JamError::WrongJoinKey => "That link is not valid. Scan the QR code on the screen or type the code.".into(),
        JamError::JoiningClosed => "The jam is not taking new participants right now.".into(),
        JamError::LinkOnly => "Join by scanning the QR code on the screen.".into(),
        JamError::JamEnded => "This jam has ended.".into(),
        JamError::NotFacilitator => "Only the facilitator can do that.".into(),
        JamError::NotParticipant => "Join the jam first.".into(),
        JamError::WrongRound => {
            "That cannot be done in this round. The screen now shows what to do.".into()
        }
        JamError::NoSuchNote => "That note no longer exists.".into(),
        JamError::NotYourNote => "You can only change your own notes.".into(),
        JamError::OutOfDots { dots } => {
            format!("You have used all {dots} dots. Take one back first.")
        }
        JamError::NoVoteToTake => "You have no dot on that note.".into(),
        JamError::TimeUp => "Time is up.".into(),
        JamError::TooManyNotes { max } => format!("At most {max} notes each in a round."),
        JamError::Text(TextError::Empty) => "Write something on the note.".into(),
        JamError::Text(TextError::TooLong { max }) => format!("At most {max} characters."),
        JamError::Text(TextError::ForbiddenCharacters) => {
            "The text contains invisible or control characters.".into()
        }
        JamError::Settings(SettingsError::Timebox { min, max }) => {
            format!("A timebox is between {min} and {max} seconds.")
        }
        JamError::Settings(SettingsError::Dots { max }) => format!("Dots are between 1 and {max}."),
        JamError::Settings(SettingsError::ProblemsToTake) => {
            "Between 1 and 3 problems can be taken forward.".into()
        }
        JamError::Settings(SettingsError::MatrixSize { max }) => {
            format!("Between 1 and {max} solutions fit on the matrix.")
        }
        JamError::NotATie => "Only notes with equal votes can swap places.".into(),
        JamError::TooManyProblems { max } => {
            format!("At most {max} problems can be taken forward.")
        }
        JamError::NoProblemChosen => "Choose at least one problem first.".into(),
        JamError::NoHmwChosen => "Choose a “How might we” first.".into(),
        JamError::NotOnMatrix => "That solution is not on the matrix.".into(),
        JamError::BadRating => "Ratings go from 1 to 5.".into(),
        JamError::NotPlaced => "Place the solution on the matrix first.".into(),
        JamError::BadDueDate { max_years } => format!("Choose a date from today and at most {max_years} years ahead."),
        JamError::NoTimer => "This round has no timer.".into(),
        JamError::NoteInUse => "That note already has votes or is in use, so it stays as it is.".into(),
        JamError::CannotMerge => "Those notes cannot be merged: both must be revealed and of the same kind, and a chosen note stays as it is.".into(),
        JamError::ProblemsAlreadyChosen { chosen } => {
            format!("{chosen} problems are already chosen. Unselect one first.")
        }
        JamError::SolutionsPlaced { needed } => format!(
            "The matrix needs at least {needed} places for the solutions already placed. Take some off first."
        ),
        JamError::RoomSize { min, max } => {
            format!("The room can take from {min} (as many as have joined) to {max} people.")
        }
    },
    err_not_facilitator: "Only the facilitator can do that.",
    err_not_joined: "You have not joined this jam.",
    err_storage: "The server could not save that. Please try again in a moment.",
    err_network: "Could not reach the server. Check your connection and try again.",
    err_too_many: "Too many attempts from here just now. Wait a minute and try again.",
    err_bad_request: "The server did not understand the request. Reload the page and try again.",
    round_name: |r| match r {
        Round::Lobby => "Lobby",
        Round::Working => "What's working?",
        Round::Problems => "Problems",
        Round::Reveal => "Reveal",
        Round::VoteProblems => "Vote on problems",
        Round::Prioritize => "Prioritize problems",
        Round::Reframe => "Reframe",
        Round::Solutions => "Solutions",
        Round::VoteSolutions => "Vote on solutions",
        Round::EffortImpact => "Effort and impact",
        Round::Actions => "Actions",
        Round::Plenary => "Whole-room vote",
        Round::Summary => "Summary",
    },
    room_instruction: |r| match r {
        Round::Lobby => "Join on your phone. We start soon.",
        Round::Working => "Silently write what works well. One thing per note.",
        Round::Problems => "Silently write problems and obstacles. One per note.",
        Round::Reveal => "We show the notes, one person at a time. No discussion yet.",
        Round::VoteProblems => {
            "Put your dots on the most important problems. Several on one is fine."
        }
        Round::Prioritize => {
            "Problems in order of votes. The facilitator picks what we take forward."
        }
        Round::Reframe => "Reframe the problem as a question: “How might we …?”",
        Round::Solutions => "Silently write solutions to the question. One per note.",
        Round::VoteSolutions => "Put your dots on the best solutions.",
        Round::EffortImpact => "Rate effort and impact. We place the solutions together.",
        Round::Actions => {
            "A first step for each solution: doable within 1–2 weeks, with an owner and a date."
        }
        Round::Plenary => "Every group's actions on one list. Put your dots on those that matter most to the whole room.",
        Round::Summary => "Our prioritized action list.",
    },
    phone_instruction: |r| match r {
        Round::Lobby => "Wait for the facilitator to start.",
        Round::Working => "Write what works well, one thing per note.",
        Round::Problems => "Write problems, one per note. Nobody else sees them yet.",
        Round::Reveal => "Look at the big screen.",
        Round::VoteProblems => "Tap to put dots on the problems.",
        Round::Prioritize => "Look at the big screen.",
        Round::Reframe => "Suggest a question starting with “How might we …”.",
        Round::Solutions => "Write solutions, one per note.",
        Round::VoteSolutions => "Tap to put dots on the solutions.",
        Round::EffortImpact => "Rate effort and impact of each solution.",
        Round::Actions => "Look at the big screen while we decide on actions.",
        Round::Plenary => "Tap to put dots on the actions that matter most, from every group.",
        Round::Summary => "Done! Here is the action list.",
    },
    quadrant_name: |q| match q {
        Quadrant::QuickWin => "Quick wins",
        Quadrant::BigBet => "Big bets",
        Quadrant::FillIn => "Fill-ins",
        Quadrant::Thankless => "Thankless",
    },
    start_jam: "Start the jam",
    next_round: "Next round",
    previous_round: "Back",
    pause: "Pause",
    resume: "Resume",
    add_minute: "+1 min",
    time_up: "Time is up!",
    paused: "Paused",
    offline: "No connection. What you write is kept on this phone and sent when the network is back.",
    no_script: "This page does not update by itself in your browser. Reload it to see the next round.",
    reload: "Reload",
    sending: "Sending …",
    not_sent: "Not sent yet – it stays here and is sent when the network is back.",
    send_again: "Send again",
    writing_locked: "Time is up – no more notes can be written now.",
    chars_left: |n| format!("{n} characters left"),
    remove_action: "Remove the action",
    done_look_up: "Done! Look at the screen.",
    open_room_view: "Open the room view",
    merge_pick: "Merge …",
    merge_here: "Merge here",
    unmerge: "Separate",
    room_view_explained: "show it on the projector and drive from here – settings and typing then stay out of the room's sight.",
    shortcuts: "Keys: → or Space next round, ← back, P pause, + one more minute",
    round_of: |n, of| format!("Round {n} of {of}"),
    problem_of: |a, b| format!("Problem {a} of {b}"),
    look_at_screen: "Look at the big screen.",
    nothing_yet: "Nothing yet.",
    waiting_to_reveal: |n| match n {
        1 => "1 note waiting to be shown.".into(),
        n => format!("{n} notes waiting to be shown."),
    },
    unvoted_problems: |n| format!("{n} problems nobody voted for"),
    progress_heading: "So far",

    settings: "Settings",
    working_round_label: "Start with “What's working?”",
    minutes_label: |r| format!("Minutes: {}", (EN.round_name)(r)),
    problem_dots_label: "Dots per person, problems",
    solution_dots_label: "Dots per person, solutions",
    problems_to_take_label: "Problems to take forward",
    matrix_size_label: "Solutions on the matrix",
    room_size_label: "Places (at most this many can join)",
    joining_label: "Who may join",
    joining_choice: |j| match j {
        Joining::Open => "Anyone with the code or the QR code",
        Joining::LinkOnly => "Only with the QR code or the link",
        Joining::Closed => "No one else",
    },
    joining_link_only: "Scan the QR code to join.",
    joining_closed: "The jam is not taking new participants.",
    send_link: "Link to send to participants",
    host_key_heading: "Facilitator link",
    host_key_explained: "Open this link on another device to drive the jam from there too: a co-facilitator, or a new computer if this one fails. Do not show it to the room. A new link closes the old one.",
    host_key_make: "Make a facilitator link",
    host_key_renew: "New link (the old one stops working)",
    lock_label: "Lock writing when time is up",
    save: "Save",
    saved: "Saved.",

    note_placeholder: |r| match r {
        Round::Working => "This works well …",
        Round::Reframe => "How might we …",
        Round::Solutions => "A solution …",
        _ => "A problem …",
    },
    add_note: "Add note",
    my_notes: "Your notes",
    edit: "Edit",
    delete: "Delete",
    cancel: "Cancel",
    notes_written: |n| match n {
        1 => "1 note".into(),
        n => format!("{n} notes"),
    },

    reveal_all: "Reveal all",
    reveal_author: "Reveal notes of",
    dots_left: |n| match n {
        1 => "1 dot left".into(),
        n => format!("{n} dots left"),
    },
    add_dot: "Add dot",
    remove_dot: "Take back",
    votes: |n| match n {
        1 => "1 vote".into(),
        n => format!("{n} votes"),
    },
    tie: "Tie",
    choose: "Choose",
    chosen: "Chosen",
    move_up: "Up",
    move_down: "Down",
    hmw_chosen: "Our question",
    use_this: "Use",
    hmw_edit_label: "The question we take forward",
    effort: "Effort",
    impact: "Impact",
    effort_ends: ("Little work", "Lots of work"),
    impact_ends: ("Small gain", "Big gain"),
    suggested: "Suggested",
    tied_off_matrix: |n| match n {
        1 => "As many votes as 1 solution left off the matrix".into(),
        n => format!("As many votes as {n} solutions left off the matrix"),
    },
    ratings_count: |n| match n {
        1 => "1 rating".into(),
        n => format!("{n} ratings"),
    },
    remove_from_matrix: "Remove",
    first_step: "First step",
    owner: "Owner",
    due: "Due",
    date: |d| d.to_string(),
    average: |x| format!("avg. {x:.1}"),
    save_action: "Save action",
    actions_heading: "Actions",
    summary_heading: "Prioritized action list",
    solution_label: "Solution",
    problem_label: "Problem",
    hmw_label: "Question",
    no_actions: "No actions yet.",
    date_label: "Date",
    votes_label: "Votes",
    quadrant_label: "Quadrant",
    priority_label: "Priority",
    order_note: "Order: quick wins first, then big bets, fill-ins and thankless. Within a quadrant, higher rated impact first, then more votes, then the solution written first.",
    problems_heading: "Problems and solutions",
    all_notes_heading: "All notes",
    author_label: "Written by",
    download_heading: "Take the results with you",
    download_markdown: "Markdown",
    download_csv_excel: "CSV for Excel",
    download_csv_plain: "CSV (commas)",
    download_json: "JSON",
    print_page: "Print / PDF",
    include_notes: "Include every note and its votes",
    share_link_button: "Create share link",
    share_link_label: "Read-only link to the results:",
    print_button: "Print",
    group_numbered: |n| format!("Group {n}"),
    groups_label: "Number of groups",
    groups_hint: "1 = the whole room is one group. With more, each group writes, votes and decides on its own notes, on the same clock. Set it in the lobby; people are spread evenly.",
    group_name_label: |n| format!("Name of group {n}"),
    pick_group_label: "Participants pick their group on their phone",
    move_to_group: "Move to",
    make_lead: "Group lead",
    lead_badge: "leads the group",
    your_group: "Your group",
    pick_group_heading: "Pick your group",
    group_label: "Group",
    export_scope_label: "Results of",
    all_groups: "All groups",
    lead_heading: "You lead your group: do its steps here",
    plenary_label: "Finish together: the whole room prioritizes every group's actions",
    plenary_dots_label: "Dots per person, whole-room vote",
    room_votes: |n| if n == 1 { "1 dot from the room".into() } else { format!("{n} dots from the room") },
    room_votes_label: "Dots from the room",
    present_label: "On the room's screen:",
    group_waiting: "Your group has no further problem to work on in this round. Watch the screen while the other groups carry on.",
};

pub static FI: Texts = Texts {
    language_name: "Suomi",
    tagline: "Lightning Decision Jam: ongelmista priorisoituihin toimenpiteisiin alle tunnissa.",
    page_not_found: "Sivua ei löydy.",
    to_start: "Etusivulle",

    create_heading: "Aloita työpaja",
    topic_label: "Haaste tai aihe",
    topic_placeholder: "Miten saisimme lisää ihmisiä muuttamaan Haaparannalle?",
    create_button: "Luo työpaja",
    creating: "Luodaan…",
    join_instead: "Osallistutko? Liity koodilla",

    join_heading: "Liity työpajaan",
    code_label: "Koodi",
    code_hint: "Kuusi kirjainta. Koodi näkyy isolla näytöllä.",
    name_label: "Nimesi",
    name_hint: "Näkyy vetäjälle.",
    join_button: "Liity",
    joining: "Liitytään…",
    joining_topic: "Olet liittymässä työpajaan:",

    join_at: "Liity osoitteessa",
    scan_qr: "tai skannaa koodi puhelimellasi",
    qr_alt: "QR-koodi liittymislinkkiin",
    joined_heading: "Liittyneet",
    nobody_yet: "Kukaan ei ole vielä liittynyt.",
    people_joined: |n| match n {
        1 => "1 henkilö on liittynyt".into(),
        n => format!("{n} henkilöä on liittynyt"),
    },
    latest_of: |shown, all| format!("Viimeksi liittyneet {shown}/{all}"),
    started_of: |started, all, done| format!("{started}/{all} on aloittanut · tähän mennessä {done}"),

    you_are_in: "Olet mukana!",
    waiting_for_start: "Odota, että vetäjä aloittaa.",
    you_are_called: "Nimesi",
    change_name: "Vaihda nimi",

    loading: "Ladataan…",
    reconnecting: "Yhteys katkesi – yhdistetään uudelleen…",
    jam_gone: "Työpaja on poistettu.",
    privacy: |days| format!("Tietosuoja: Blixt tallentaa vain sen, mitä työpajassa kirjoitetaan – nimet, laput, äänet ja toimenpiteet – ja poistaa työpajan {days} päivän kuluttua viimeisestä muutoksesta tai heti, kun vetäjä poistaa sen. Pelkästä katselusta ei tallenneta mitään."),
    delete_jam: "Poista työpaja",
    delete_confirm: "Poistetaanko työpaja ja kaikki sen sisältö pysyvästi? Lataa tulokset ensin, jos haluat säilyttää ne.",
    delete_yes: "Kyllä, poista",

    err_topic_empty: "Kirjoita haaste tai aihe.",
    err_name_empty: "Kirjoita nimesi.",
    err_too_long: |max| format!("Enintään {max} merkkiä."),
    err_forbidden_chars:
        "Tekstissä on näkymättömiä merkkejä tai ohjausmerkkejä. Kirjoita se uudelleen.",
    err_code_length: |n| format!("Koodissa on {n} kirjainta."),
    err_code_letters:
        "Koodissa on vain kirjaimia, ei numeroita eikä vokaaleja. Tarkista koodi näytöltä.",
    err_jam_not_found: "Tällä koodilla ei löydy työpajaa. Tarkista koodi näytöltä.",
    err_jam: |e| match e {
        JamError::Full { max } => format!("Työpaja on täynnä ({max} osallistujaa)."),
        JamError::NameTaken => {
            "Työpajassa on jo samanniminen osallistuja. Lisää nimeen jotain, esim. sukunimen alkukirjain: ”Anna L”.".into()
        }
        JamError::WrongHostKey => {
            "Vetäjän linkki ei ole (enää) voimassa. Pyydä vetäjältä uusi.".into()
        }
        JamError::TooManyHosts { max } => format!("Työpajaa voi ohjata enintään {max} laitteelta."),
        JamError::NoSuchGroup => "Tällaista ryhmää ei ole.".into(),
        JamError::NoSuchParticipant => "Osallistujaa ei ole työpajassa.".into(),
        JamError::GroupsFixed => "Ryhmät päätetään aulassa, ennen kuin kukaan alkaa kirjoittaa.".into(),
        JamError::NoGroupPicking => "Vetäjä jakaa osallistujat ryhmiin.".into(),
        JamError::GroupWithoutProblem { group } => format!("Ryhmä {} ei ole vielä valinnut ongelmaa.", usize::from(group) + 1),
        JamError::GroupWithoutHmw { group } => format!("Ryhmä {} ei ole vielä valinnut Miten voisimme -kysymystään.", usize::from(group) + 1),
        JamError::OtherGroup => "Se kuuluu toiselle ryhmälle.".into(),
        JamError::Settings(SettingsError::Groups { max }) => format!("Ryhmiä voi olla 1–{max}."),
        JamError::WrongJoinKey => "Linkki ei ole voimassa. Skannaa näytön QR-koodi tai kirjoita koodi.".into(),
        JamError::JoiningClosed => "Työpajaan ei juuri nyt oteta uusia osallistujia.".into(),
        JamError::LinkOnly => "Liity skannaamalla näytön QR-koodi.".into(),
        JamError::JamEnded => "Työpaja on päättynyt.".into(),
        JamError::NotFacilitator => "Vain vetäjä voi tehdä tämän.".into(),
        JamError::NotParticipant => "Liity ensin työpajaan.".into(),
        JamError::WrongRound => {
            "Sitä ei voi tehdä tällä kierroksella. Katso näytöltä, mitä nyt tehdään.".into()
        }
        JamError::NoSuchNote => "Lappua ei enää ole.".into(),
        JamError::NotYourNote => "Voit muuttaa vain omia lappujasi.".into(),
        JamError::OutOfDots { dots } => {
            format!("Olet käyttänyt kaikki {dots} pistettäsi. Ota ensin yksi takaisin.")
        }
        JamError::NoVoteToTake => "Et ole antanut pistettä tälle lapulle.".into(),
        JamError::TimeUp => "Aika loppui.".into(),
        JamError::TooManyNotes { max } => {
            format!("Kukin voi kirjoittaa kierroksella enintään {max} lappua.")
        }
        JamError::Text(TextError::Empty) => "Kirjoita lappuun jotain.".into(),
        JamError::Text(TextError::TooLong { max }) => format!("Enintään {max} merkkiä."),
        JamError::Text(TextError::ForbiddenCharacters) => {
            "Tekstissä on näkymättömiä merkkejä tai ohjausmerkkejä.".into()
        }
        JamError::Settings(SettingsError::Timebox { min, max }) => {
            format!("Aikarajan on oltava {min}–{max} sekuntia.")
        }
        JamError::Settings(SettingsError::Dots { max }) => format!("Pisteitä voi olla 1–{max}."),
        JamError::Settings(SettingsError::ProblemsToTake) => {
            "Eteenpäin voi viedä 1–3 ongelmaa.".into()
        }
        JamError::Settings(SettingsError::MatrixSize { max }) => {
            format!("Nelikenttään mahtuu 1–{max} ratkaisua.")
        }
        JamError::NotATie => "Vain yhtä monta ääntä saaneet laput voivat vaihtaa paikkaa.".into(),
        JamError::TooManyProblems { max } => {
            format!("Eteenpäin voi viedä enintään {max} ongelmaa.")
        }
        JamError::NoProblemChosen => "Valitse ensin vähintään yksi ongelma.".into(),
        JamError::NoHmwChosen => "Valitse ensin ”Miten voisimme” -kysymys.".into(),
        JamError::NotOnMatrix => "Ratkaisu ei ole nelikentässä.".into(),
        JamError::BadRating => "Arvioi asteikolla 1–5.".into(),
        JamError::NotPlaced => "Sijoita ratkaisu ensin nelikenttään.".into(),
        JamError::BadDueDate { max_years } => format!("Valitse päivämäärä aikaisintaan tänään ja enintään {max_years} vuoden päähän."),
        JamError::NoTimer => "Tällä kierroksella ei ole aikarajaa.".into(),
        JamError::NoteInUse => "Lappu on jo saanut ääniä tai on käytössä, joten sitä ei voi enää muuttaa.".into(),
        JamError::CannotMerge => "Näitä lappuja ei voi yhdistää: molempien pitää olla näkyvissä ja samaa lajia, eikä valittua lappua voi yhdistää.".into(),
        JamError::ProblemsAlreadyChosen { chosen } => {
            format!("Ongelmia on jo valittu {chosen}. Poista ensin yksi valinta.")
        }
        JamError::SolutionsPlaced { needed } => format!(
            "Nelikentässä on oltava vähintään {needed} paikkaa jo sijoitetuille ratkaisuille. Poista ensin sijoituksia."
        ),
        JamError::RoomSize { min, max } => {
            format!("Paikkoja voi olla vähintään {min} (jo liittyneiden määrä) ja enintään {max}.")
        }
    },
    err_not_facilitator: "Vain vetäjä voi tehdä tämän.",
    err_not_joined: "Et ole liittynyt tähän työpajaan.",
    err_storage: "Tallennus palvelimelle epäonnistui. Yritä hetken kuluttua uudelleen.",
    err_network: "Palvelimeen ei saatu yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.",
    err_too_many: "Liian monta yritystä lyhyessä ajassa. Odota minuutti ja yritä uudelleen.",
    err_bad_request: "Palvelin ei ymmärtänyt pyyntöä. Päivitä sivu ja yritä uudelleen.",
    round_name: |r| match r {
        Round::Lobby => "Kokoontuminen",
        Round::Working => "Mikä toimii?",
        Round::Problems => "Ongelmat",
        Round::Reveal => "Lappujen esittely",
        Round::VoteProblems => "Äänestä ongelmista",
        Round::Prioritize => "Priorisoi ongelmat",
        Round::Reframe => "Muotoile uudelleen",
        Round::Solutions => "Ratkaisut",
        Round::VoteSolutions => "Äänestä ratkaisuista",
        Round::EffortImpact => "Työmäärä ja vaikutus",
        Round::Actions => "Toimenpiteet",
        Round::Plenary => "Yhteinen priorisointi",
        Round::Summary => "Yhteenveto",
    },
    room_instruction: |r| {
        match r {
        Round::Lobby => "Liity puhelimella. Aloitamme pian.",
        Round::Working => "Kirjoita hiljaa itseksesi, mikä toimii hyvin. Yksi asia yhteen lappuun.",
        Round::Problems => "Kirjoita hiljaa itseksesi ongelmia ja esteitä. Yksi asia yhteen lappuun.",
        Round::Reveal => "Käydään laput läpi henkilö kerrallaan. Ei vielä keskustelua.",
        Round::VoteProblems => "Laita pisteesi tärkeimpiin ongelmiin. Samaan ongelmaan voi laittaa useamman pisteen.",
        Round::Prioritize => "Ongelmat äänimäärän mukaan. Vetäjä valitsee, mitkä viemme eteenpäin.",
        Round::Reframe => "Muotoile ongelma kysymykseksi: ”Miten voisimme …?”",
        Round::Solutions => "Kirjoita hiljaa itseksesi ratkaisuja kysymykseen. Yksi ratkaisu yhteen lappuun.",
        Round::VoteSolutions => "Laita pisteesi parhaisiin ratkaisuihin.",
        Round::EffortImpact => "Arvioi työmäärä ja vaikutus. Sijoitetaan ratkaisut yhdessä nelikenttään.",
        Round::Actions => "Jokaiselle ratkaisulle ensimmäinen askel, joka on tehtävissä 1–2 viikossa, sekä vastuuhenkilö ja päivämäärä.",
        Round::Plenary => "Kaikkien ryhmien toimenpiteet samalla listalla. Anna pisteesi niille, jotka ovat koko huoneelle tärkeimpiä.",
        Round::Summary => "Priorisoitu toimenpidelistamme.",
    }
    },
    phone_instruction: |r| match r {
        Round::Lobby => "Odota, että vetäjä aloittaa.",
        Round::Working => "Kirjoita, mikä toimii hyvin. Yksi asia yhteen lappuun.",
        Round::Problems => "Kirjoita ongelmia, yksi kuhunkin lappuun. Muut eivät vielä näe niitä.",
        Round::Reveal => "Katso isoa näyttöä.",
        Round::VoteProblems => "Jaa pisteesi ongelmille napauttamalla.",
        Round::Prioritize => "Katso isoa näyttöä.",
        Round::Reframe => "Ehdota kysymystä, joka alkaa sanoilla ”Miten voisimme …”.",
        Round::Solutions => "Kirjoita ratkaisuja, yksi kuhunkin lappuun.",
        Round::VoteSolutions => "Jaa pisteesi ratkaisuille napauttamalla.",
        Round::EffortImpact => "Arvioi jokaisen ratkaisun työmäärä ja vaikutus.",
        Round::Actions => "Katso isoa näyttöä, kun päätämme toimenpiteistä.",
        Round::Plenary => "Napauta ja anna pisteesi tärkeimmille toimenpiteille kaikista ryhmistä.",
        Round::Summary => "Valmista! Tässä on toimenpidelista.",
    },
    quadrant_name: |q| match q {
        Quadrant::QuickWin => "Nopeat voitot",
        Quadrant::BigBet => "Isot panostukset",
        Quadrant::FillIn => "Pikkujutut",
        Quadrant::Thankless => "Ei vaivan arvoista",
    },
    start_jam: "Aloita työpaja",
    next_round: "Seuraava kierros",
    previous_round: "Takaisin",
    pause: "Keskeytä",
    resume: "Jatka",
    add_minute: "+1 min",
    time_up: "Aika loppui!",
    paused: "Tauolla",
    offline: "Ei yhteyttä. Kirjoittamasi säilyy puhelimessa ja lähtee, kun verkko palaa.",
    no_script: "Tämä sivu ei päivity itsestään selaimessasi. Lataa se uudelleen, niin näet seuraavan kierroksen.",
    reload: "Päivitä",
    sending: "Lähetetään …",
    not_sent: "Ei vielä lähetetty – lappu säilyy tässä ja lähtee, kun verkko palaa.",
    send_again: "Lähetä uudelleen",
    writing_locked: "Aika loppui – uusia lappuja ei voi enää kirjoittaa.",
    chars_left: |n| format!("{n} merkkiä jäljellä"),
    remove_action: "Poista toimenpide",
    done_look_up: "Valmista! Katso näyttöä.",
    open_room_view: "Avaa näkymä salille",
    merge_pick: "Yhdistä …",
    merge_here: "Yhdistä tähän",
    unmerge: "Erota",
    room_view_explained: "näytä se projektorilla ja ohjaa täältä – asetukset ja kirjoittaminen eivät silloin näy salille.",
    shortcuts: "Näppäimet: → tai välilyönti seuraava kierros, ← takaisin, P tauko, + minuutti lisää",
    round_of: |n, of| format!("Kierros {n}/{of}"),
    problem_of: |a, b| format!("Ongelma {a}/{b}"),
    look_at_screen: "Katso isoa näyttöä.",
    nothing_yet: "Ei vielä mitään.",
    waiting_to_reveal: |n| match n {
        1 => "1 lappu odottaa näyttämistä.".into(),
        n => format!("{n} lappua odottaa näyttämistä."),
    },
    unvoted_problems: |n| format!("{n} ongelmaa ilman ääniä"),
    progress_heading: "Tähän mennessä",

    settings: "Asetukset",
    working_round_label: "Aloita kierroksella ”Mikä toimii?”",
    minutes_label: |r| format!("Aika minuutteina: {}", (FI.round_name)(r)),
    problem_dots_label: "Pisteitä per henkilö, ongelmat",
    solution_dots_label: "Pisteitä per henkilö, ratkaisut",
    problems_to_take_label: "Eteenpäin vietäviä ongelmia",
    matrix_size_label: "Ratkaisuja nelikentässä",
    room_size_label: "Paikkoja (enintään näin moni voi liittyä)",
    joining_label: "Kuka saa liittyä",
    joining_choice: |j| match j {
        Joining::Open => "Kaikki, joilla on koodi tai QR-koodi",
        Joining::LinkOnly => "Vain QR-koodilla tai linkillä",
        Joining::Closed => "Ei enää kukaan",
    },
    joining_link_only: "Liity skannaamalla QR-koodi.",
    joining_closed: "Työpajaan ei enää oteta uusia osallistujia.",
    send_link: "Linkki, jonka voit lähettää osallistujille",
    host_key_heading: "Vetäjän linkki",
    host_key_explained: "Avaa linkki toisella laitteella, niin työpajaa voi ohjata myös sieltä – esimerkiksi toisen vetäjän laitteelta tai uudelta tietokoneelta, jos tämä lakkaa toimimasta. Älä näytä linkkiä osallistujille. Uusi linkki korvaa vanhan, eikä vanha enää toimi.",
    host_key_make: "Luo vetäjän linkki",
    host_key_renew: "Luo uusi linkki (vanha lakkaa toimimasta)",
    lock_label: "Lukitse kirjoittaminen, kun aika loppuu",
    save: "Tallenna",
    saved: "Tallennettu.",

    note_placeholder: |r| match r {
        Round::Working => "Tämä toimii hyvin …",
        Round::Reframe => "Miten voisimme …",
        Round::Solutions => "Ratkaisu …",
        _ => "Ongelma …",
    },
    add_note: "Lisää lappu",
    my_notes: "Omat lappusi",
    edit: "Muokkaa",
    delete: "Poista",
    cancel: "Peruuta",
    notes_written: |n| match n {
        1 => "1 lappu".into(),
        n => format!("{n} lappua"),
    },

    reveal_all: "Näytä kaikki",
    reveal_author: "Näytä henkilön laput:",
    dots_left: |n| match n {
        1 => "1 piste jäljellä".into(),
        n => format!("{n} pistettä jäljellä"),
    },
    add_dot: "Lisää piste",
    remove_dot: "Ota takaisin",
    votes: |n| match n {
        1 => "1 ääni".into(),
        n => format!("{n} ääntä"),
    },
    tie: "Tasan",
    choose: "Valitse",
    chosen: "Valittu",
    move_up: "Ylös",
    move_down: "Alas",
    hmw_chosen: "Kysymyksemme",
    use_this: "Käytä tätä",
    hmw_edit_label: "Kysymys, jota viemme eteenpäin",
    effort: "Työmäärä",
    impact: "Vaikutus",
    effort_ends: ("Vähän työtä", "Paljon työtä"),
    impact_ends: ("Pieni hyöty", "Suuri hyöty"),
    suggested: "Ehdotus",
    tied_off_matrix: |n| match n {
        1 => "Yhtä monta ääntä sai myös 1 nelikentän ulkopuolelle jäänyt ratkaisu".into(),
        n => format!("Yhtä monta ääntä sai myös {n} nelikentän ulkopuolelle jäänyttä ratkaisua"),
    },
    ratings_count: |n| match n {
        1 => "1 arvio".into(),
        n => format!("{n} arviota"),
    },
    remove_from_matrix: "Poista",
    first_step: "Ensimmäinen askel",
    owner: "Vastuuhenkilö",
    due: "Valmis viimeistään",
    // By hand: chrono's `format` brings its whole format parser into the phone's bundle.
    date: |d| {
        use chrono::Datelike;
        format!("{}.{}.{}", d.day(), d.month(), d.year())
    },
    average: |x| format!("ka. {}", decimal_comma(x)),
    save_action: "Tallenna toimenpide",
    actions_heading: "Toimenpiteet",
    summary_heading: "Priorisoitu toimenpidelista",
    solution_label: "Ratkaisu",
    problem_label: "Ongelma",
    hmw_label: "Kysymys",
    no_actions: "Ei vielä toimenpiteitä.",
    date_label: "Päivämäärä",
    votes_label: "Äänet",
    quadrant_label: "Lohko",
    priority_label: "Prioriteetti",
    order_note: "Järjestys: ensin nopeat voitot, sitten isot panostukset, pikkujutut ja lopuksi ne, jotka eivät ole vaivan arvoisia. Saman lohkon sisällä ensin suurin arvioitu vaikutus, sitten eniten ääniä ja lopuksi aiemmin kirjoitettu ratkaisu.",
    problems_heading: "Ongelmat ja ratkaisut",
    all_notes_heading: "Kaikki laput",
    author_label: "Kirjoittaja",
    download_heading: "Lataa tulokset",
    download_markdown: "Markdown",
    download_csv_excel: "CSV Exceliin",
    download_csv_plain: "CSV (pilkut)",
    download_json: "JSON",
    print_page: "Tulosta / PDF",
    include_notes: "Ota mukaan kaikki laput ja äänet",
    share_link_button: "Luo jakolinkki",
    share_link_label: "Linkki tulosten katseluun:",
    print_button: "Tulosta",
    group_numbered: |n| format!("Ryhmä {n}"),
    groups_label: "Ryhmien määrä",
    groups_hint: "1 = koko huone on yksi ryhmä. Kun ryhmiä on useampi, kukin ryhmä kirjoittaa, äänestää ja päättää omista lapuistaan samassa aikataulussa. Määrä asetetaan aulassa, ja osallistujat jaetaan tasaisesti.",
    group_name_label: |n| format!("Ryhmän {n} nimi"),
    pick_group_label: "Osallistujat valitsevat ryhmänsä puhelimella",
    move_to_group: "Siirrä ryhmään",
    make_lead: "Ryhmän vetäjä",
    lead_badge: "vetää ryhmää",
    your_group: "Ryhmäsi",
    pick_group_heading: "Valitse ryhmäsi",
    group_label: "Ryhmä",
    export_scope_label: "Tulokset:",
    all_groups: "Kaikki ryhmät",
    lead_heading: "Vedät ryhmääsi: tee ryhmän vaiheet tästä",
    plenary_label: "Yhteinen lopetus: koko huone priorisoi kaikkien ryhmien toimenpiteet",
    plenary_dots_label: "Pisteitä henkeä kohden, yhteinen priorisointi",
    room_votes: |n| if n == 1 { "1 piste huoneelta".into() } else { format!("{n} pistettä huoneelta") },
    room_votes_label: "Pisteet huoneelta",
    present_label: "Valkokankaalla:",
    group_waiting: "Ryhmälläsi ei ole tällä kierroksella enempää ongelmia työstettävänä. Seuraa valkokangasta, kun muut ryhmät jatkavat.",
};

/// One decimal, with a comma: how Swedish and Finnish write 2.5.
fn decimal_comma(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_text_in_every_language() {
        let errors = [
            AppError::BadText {
                field: Field::Topic,
                problem: TextError::Empty,
            },
            AppError::BadText {
                field: Field::Name,
                problem: TextError::TooLong { max: 40 },
            },
            AppError::BadCode(CodeError::WrongLength),
            AppError::Jam(JamError::Full { max: 200 }),
            AppError::Network("x".into()),
        ];
        for lang in Lang::ALL {
            for e in &errors {
                assert!(!lang.texts().error(e).is_empty());
            }
        }
        assert_eq!(Lang::En.texts().error(&errors[1]), "At most 40 characters.");
        assert_eq!(Lang::Sv.texts().error(&errors[2]), "Koden har 6 bokstäver.");
    }
}
