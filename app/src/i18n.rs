//! Every string a person reads, in Swedish, English and Finnish.
//!
//! One struct with one field per text: a language that misses a text does not compile.
//! Texts with numbers in them are functions.

use crate::domain::{CodeError, JamError, SettingsError, TextError};
use crate::error::{AppError, Field};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Sv,
    En,
    Fi,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Sv, Lang::En, Lang::Fi];
    /// The cookie that remembers a browser's choice.
    pub const COOKIE: &'static str = "blixt_lang";

    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
            Lang::Fi => "fi",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| {
            code.trim()
                .get(..2)
                .is_some_and(|p| p.eq_ignore_ascii_case(l.code()))
        })
    }

    /// The first language of an `Accept-Language` header that Blixt speaks.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .find_map(Lang::from_code)
    }

    /// A `blixt_lang=xx` value in a `Cookie` header.
    pub fn from_cookie_header(header: &str) -> Option<Lang> {
        header
            .split(';')
            .filter_map(|pair| pair.trim().strip_prefix(Lang::COOKIE)?.strip_prefix('='))
            .find_map(Lang::from_code)
    }

    pub fn texts(self) -> &'static Texts {
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

    pub you_are_in: &'static str,
    pub waiting_for_start: &'static str,
    pub you_are_called: &'static str,
    pub change_name: &'static str,

    pub loading: &'static str,
    pub reconnecting: &'static str,

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
    pub err_bad_request: &'static str,
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
        }
    }
}

pub static SV: Texts = Texts {
    language_name: "Svenska",
    tagline: "Lightning Decision Jam: från problem till prioriterade åtgärder på under en timme.",
    page_not_found: "Sidan finns inte.",
    to_start: "Till startsidan",

    create_heading: "Starta en jam",
    topic_label: "Utmaning eller ämne",
    topic_placeholder: "Hur får vi fler att flytta till Haparanda?",
    create_button: "Skapa jam",
    creating: "Skapar…",
    join_instead: "Ska du delta? Gå med med en kod",

    join_heading: "Gå med i en jam",
    code_label: "Kod",
    code_hint: "Sex bokstäver, de står på den stora skärmen.",
    name_label: "Ditt namn",
    name_hint: "Visas för facilitatorn.",
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

    you_are_in: "Du är med!",
    waiting_for_start: "Vänta tills facilitatorn startar.",
    you_are_called: "Du heter",
    change_name: "Byt namn",

    loading: "Laddar…",
    reconnecting: "Anslutningen bröts – återansluter…",

    err_topic_empty: "Skriv en utmaning eller ett ämne.",
    err_name_empty: "Skriv ditt namn.",
    err_too_long: |max| format!("Högst {max} tecken."),
    err_forbidden_chars: "Texten innehåller osynliga tecken eller styrtecken. Skriv den igen.",
    err_code_length: |n| format!("Koden har {n} bokstäver."),
    err_code_letters:
        "Koden har bara bokstäver, inga siffror eller vokaler. Kontrollera den på skärmen.",
    err_jam_not_found: "Ingen jam har den koden. Kontrollera den på skärmen.",
    err_jam: |e| match e {
        JamError::Full { max } => format!("Jammet är fullt ({max} deltagare)."),
        JamError::NotFacilitator => "Bara facilitatorn kan göra det.".into(),
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
        JamError::TooManyNotes { max } => format!("Högst {max} lappar per person i en runda."),
        JamError::Text(TextError::Empty) => "Skriv något på lappen.".into(),
        JamError::Text(TextError::TooLong { max }) => format!("Högst {max} tecken."),
        JamError::Text(TextError::ForbiddenCharacters) => {
            "Texten innehåller osynliga tecken eller styrtecken.".into()
        }
        JamError::Settings(SettingsError::Timebox { min, max }) => {
            format!("En tidsram är mellan {min} och {max} sekunder.")
        }
        JamError::Settings(SettingsError::Dots { max }) => {
            format!("Antalet prickar är mellan 1 och {max}.")
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
        JamError::NoHmwChosen => "Välj en ”Hur skulle vi kunna” först.".into(),
        JamError::NotOnMatrix => "Den lösningen finns inte i matrisen.".into(),
        JamError::BadRating => "Betyg går från 1 till 5.".into(),
        JamError::NotPlaced => "Placera lösningen i matrisen först.".into(),
    },
    err_not_facilitator: "Bara facilitatorn kan göra det.",
    err_not_joined: "Du har inte gått med i den här jammet.",
    err_storage: "Servern kunde inte spara. Försök igen om en stund.",
    err_network: "Kunde inte nå servern. Kontrollera uppkopplingen och försök igen.",
    err_bad_request: "Servern förstod inte begäran. Ladda om sidan och försök igen.",
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

    you_are_in: "You're in!",
    waiting_for_start: "Wait for the facilitator to start.",
    you_are_called: "Your name",
    change_name: "Change name",

    loading: "Loading…",
    reconnecting: "Connection lost – reconnecting…",

    err_topic_empty: "Write a challenge or topic.",
    err_name_empty: "Write your name.",
    err_too_long: |max| format!("At most {max} characters."),
    err_forbidden_chars: "The text contains invisible or control characters. Please type it again.",
    err_code_length: |n| format!("The code has {n} letters."),
    err_code_letters: "The code has only letters, no digits or vowels. Check it on the screen.",
    err_jam_not_found: "No jam has that code. Check it on the screen.",
    err_jam: |e| match e {
        JamError::Full { max } => format!("The jam is full ({max} participants)."),
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
    },
    err_not_facilitator: "Only the facilitator can do that.",
    err_not_joined: "You have not joined this jam.",
    err_storage: "The server could not save that. Please try again in a moment.",
    err_network: "Could not reach the server. Check your connection and try again.",
    err_bad_request: "The server did not understand the request. Reload the page and try again.",
};

pub static FI: Texts = Texts {
    language_name: "Suomi",
    tagline: "Lightning Decision Jam: ongelmista priorisoituihin toimenpiteisiin alle tunnissa.",
    page_not_found: "Sivua ei ole olemassa.",
    to_start: "Etusivulle",

    create_heading: "Aloita jam",
    topic_label: "Haaste tai aihe",
    topic_placeholder: "Miten saisimme useammat muuttamaan Haaparannalle?",
    create_button: "Luo jam",
    creating: "Luodaan…",
    join_instead: "Osallistutko? Liity koodilla",

    join_heading: "Liity jamiin",
    code_label: "Koodi",
    code_hint: "Kuusi kirjainta, näkyvät isolla näytöllä.",
    name_label: "Nimesi",
    name_hint: "Näkyy fasilitaattorille.",
    join_button: "Liity",
    joining: "Liitytään…",
    joining_topic: "Olet liittymässä:",

    join_at: "Liity osoitteessa",
    scan_qr: "tai skannaa koodi puhelimellasi",
    qr_alt: "QR-koodi liittymislinkkiin",
    joined_heading: "Liittyneet",
    nobody_yet: "Kukaan ei ole vielä liittynyt.",
    people_joined: |n| match n {
        1 => "1 henkilö on liittynyt".into(),
        n => format!("{n} henkilöä on liittynyt"),
    },

    you_are_in: "Olet mukana!",
    waiting_for_start: "Odota, että fasilitaattori aloittaa.",
    you_are_called: "Nimesi",
    change_name: "Vaihda nimi",

    loading: "Ladataan…",
    reconnecting: "Yhteys katkesi – yhdistetään uudelleen…",

    err_topic_empty: "Kirjoita haaste tai aihe.",
    err_name_empty: "Kirjoita nimesi.",
    err_too_long: |max| format!("Enintään {max} merkkiä."),
    err_forbidden_chars:
        "Tekstissä on näkymättömiä merkkejä tai ohjausmerkkejä. Kirjoita se uudelleen.",
    err_code_length: |n| format!("Koodissa on {n} kirjainta."),
    err_code_letters:
        "Koodissa on vain kirjaimia, ei numeroita eikä vokaaleja. Tarkista se näytöltä.",
    err_jam_not_found: "Tällä koodilla ei löydy jamia. Tarkista se näytöltä.",
    err_jam: |e| match e {
        JamError::Full { max } => format!("Jam on täynnä ({max} osallistujaa)."),
        JamError::NotFacilitator => "Vain fasilitaattori voi tehdä sen.".into(),
        JamError::NotParticipant => "Liity ensin jamiin.".into(),
        JamError::WrongRound => {
            "Sitä ei voi tehdä tällä kierroksella. Näyttö näyttää nyt, mitä tehdään.".into()
        }
        JamError::NoSuchNote => "Lappua ei enää ole.".into(),
        JamError::NotYourNote => "Voit muuttaa vain omia lappujasi.".into(),
        JamError::OutOfDots { dots } => {
            format!("Olet käyttänyt kaikki {dots} pistettä. Ota ensin yksi takaisin.")
        }
        JamError::NoVoteToTake => "Sinulla ei ole pistettä tuossa lapussa.".into(),
        JamError::TimeUp => "Aika on loppu.".into(),
        JamError::TooManyNotes { max } => {
            format!("Enintään {max} lappua per henkilö kierroksella.")
        }
        JamError::Text(TextError::Empty) => "Kirjoita lappuun jotain.".into(),
        JamError::Text(TextError::TooLong { max }) => format!("Enintään {max} merkkiä."),
        JamError::Text(TextError::ForbiddenCharacters) => {
            "Tekstissä on näkymättömiä merkkejä tai ohjausmerkkejä.".into()
        }
        JamError::Settings(SettingsError::Timebox { min, max }) => {
            format!("Aikaraja on {min}–{max} sekuntia.")
        }
        JamError::Settings(SettingsError::Dots { max }) => format!("Pisteitä on 1–{max}."),
        JamError::Settings(SettingsError::ProblemsToTake) => {
            "Eteenpäin voi viedä 1–3 ongelmaa.".into()
        }
        JamError::Settings(SettingsError::MatrixSize { max }) => {
            format!("Matriisiin mahtuu 1–{max} ratkaisua.")
        }
        JamError::NotATie => "Vain yhtä monta ääntä saaneet laput voivat vaihtaa paikkaa.".into(),
        JamError::TooManyProblems { max } => {
            format!("Eteenpäin voi viedä enintään {max} ongelmaa.")
        }
        JamError::NoProblemChosen => "Valitse ensin vähintään yksi ongelma.".into(),
        JamError::NoHmwChosen => "Valitse ensin ”Miten voisimme” -muotoilu.".into(),
        JamError::NotOnMatrix => "Ratkaisu ei ole matriisissa.".into(),
        JamError::BadRating => "Arviot ovat 1–5.".into(),
        JamError::NotPlaced => "Sijoita ratkaisu ensin matriisiin.".into(),
    },
    err_not_facilitator: "Vain fasilitaattori voi tehdä sen.",
    err_not_joined: "Et ole liittynyt tähän jamiin.",
    err_storage: "Palvelin ei voinut tallentaa. Yritä hetken päästä uudelleen.",
    err_network: "Palvelimeen ei saatu yhteyttä. Tarkista yhteys ja yritä uudelleen.",
    err_bad_request: "Palvelin ei ymmärtänyt pyyntöä. Lataa sivu uudelleen ja yritä uudelleen.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_first_spoken_language() {
        assert_eq!(
            Lang::from_accept_language("de-DE,de;q=0.9,en;q=0.8,sv;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("sv-SE,sv;q=0.9"), Some(Lang::Sv));
        assert_eq!(Lang::from_accept_language("fi"), Some(Lang::Fi));
        assert_eq!(Lang::from_accept_language("de, fr"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn cookie_header_is_read() {
        assert_eq!(
            Lang::from_cookie_header("id=abc; blixt_lang=en; x=y"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_cookie_header("blixt_lang=xx"), None);
        assert_eq!(Lang::from_cookie_header("other_blixt_lang=en"), None);
    }

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
