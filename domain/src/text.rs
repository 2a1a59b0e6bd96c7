//! Text people type: a jam's topic and a participant's display name.
//!
//! Each can only be built through `parse`, so a value that exists is valid. Whitespace is tidied
//! (trimmed, runs collapsed to one space) before measuring; lengths count characters, not bytes,
//! so "Åsa" is three long like "Ada". Control characters and the invisible bidirectional
//! overrides that can make a name display as something else are refused outright.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TextError {
    #[error("empty")]
    Empty,
    #[error("longer than {max} characters")]
    TooLong { max: usize },
    #[error("contains control or invisible formatting characters")]
    ForbiddenCharacters,
}

/// Tidies and checks one line of text; the one rule both kinds of text share.
fn parse_line(input: &str, max: usize) -> Result<String, TextError> {
    if input.chars().any(is_forbidden) {
        return Err(TextError::ForbiddenCharacters);
    }
    let tidy = input.split_whitespace().collect::<Vec<_>>().join(" ");
    match tidy.chars().count() {
        0 => Err(TextError::Empty),
        n if n > max => Err(TextError::TooLong { max }),
        _ => Ok(tidy),
    }
}

/// Control characters other than whitespace (which is tidied away), and the Unicode
/// bidirectional embeddings, overrides and isolates, and the byte-order mark.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A name must be seen to be told apart: at least one visible character, and no invisible
/// formatting characters (zero-width spaces, joiners, tag characters, direction marks) except
/// inside an emoji sequence (👩‍💻, a flag), where they are part of one visible picture.
fn check_name(name: &str) -> Result<(), TextError> {
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if is_format(c) && !in_emoji_sequence(&chars, i) {
            return Err(TextError::ForbiddenCharacters);
        }
    }
    if !chars.iter().any(|&c| is_visible(c)) {
        return Err(TextError::Empty);
    }
    Ok(())
}

/// Unicode's format characters (category Cf), kept by hand: the domain has no Unicode tables.
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}'
        | '\u{0890}'..='\u{0891}' | '\u{08E2}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

/// Pictographs: the blocks emoji come from.
fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Marks that change the character before them: emoji presentation and skin tones.
fn is_modifier(c: char) -> bool {
    matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')
}

/// Whether the format character at `i` joins an emoji sequence: a zero-width joiner between two
/// pictographs, or a tag character in a flag (🏴 followed by tags up to the cancel tag).
fn in_emoji_sequence(chars: &[char], i: usize) -> bool {
    match chars[i] {
        '\u{200D}' => {
            let before = chars[..i].iter().rev().find(|c| !is_modifier(**c));
            let after = chars.get(i + 1);
            before.is_some_and(|c| is_pictograph(*c)) && after.is_some_and(|c| is_pictograph(*c))
        }
        '\u{E0020}'..='\u{E007F}' => {
            let start = chars[..i]
                .iter()
                .rposition(|c| !('\u{E0020}'..='\u{E007E}').contains(c));
            let flag = start.is_some_and(|s| chars[s] == '\u{1F3F4}');
            let end = chars[i..].iter().position(|c| *c == '\u{E007F}');
            flag && end.is_some_and(|e| {
                chars[i..i + e]
                    .iter()
                    .all(|c| ('\u{E0020}'..='\u{E007E}').contains(c))
            })
        }
        _ => false,
    }
}

/// Whether `c` shows as something on its own: not a space, a format character, a combining
/// mark, a variation selector or one of the blank letters (Hangul fillers, the blank braille
/// pattern) that render as nothing.
fn is_visible(c: char) -> bool {
    !(c.is_whitespace()
        || is_format(c)
        || is_modifier(c)
        || matches!(c,
            '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}'
            | '\u{E0100}'..='\u{E01EF}' | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}'
            | '\u{2800}'))
}

macro_rules! line_type {
    ($(#[$doc:meta])* $name:ident, $max:expr $(, $check:path)?) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(input: &str) -> Result<Self, TextError> {
                let text = parse_line(input, Self::MAX_CHARS)?;
                $($check(&text)?;)?
                Ok(Self(text))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = TextError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

line_type!(
    /// The challenge a jam works on, e.g. "Hur får vi fler att flytta till Haparanda?".
    Topic,
    200
);
line_type!(
    /// What a participant is called on the projector.
    DisplayName,
    40,
    check_name
);

impl DisplayName {
    /// Whether two names would be taken for the same person: equal but for letter case.
    pub fn same_as(&self, other: &DisplayName) -> bool {
        self.0.to_lowercase() == other.0.to_lowercase()
    }
}
line_type!(
    /// One note: a positive, a problem, a "How might we", or a solution.
    NoteText,
    200
);
line_type!(
    /// A short field of an action: its first step or its owner.
    ActionText,
    200
);
line_type!(
    /// What the facilitator calls a group (a table): "Bord 1", or a theme.
    GroupName,
    40
);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn whitespace_is_tidied() {
        let topic = Topic::parse("  Hur får vi\tfler att\n flytta hit?  ").unwrap();
        assert_eq!(topic.as_str(), "Hur får vi fler att flytta hit?");
    }

    #[test]
    fn a_name_shows_something_and_hides_nothing() {
        let refused = [
            ("\u{200B}", TextError::ForbiddenCharacters),
            ("Anna\u{200B}", TextError::ForbiddenCharacters),
            ("An\u{00AD}na", TextError::ForbiddenCharacters),
            ("Anna\u{E0041}", TextError::ForbiddenCharacters),
            ("Bo\u{200D}", TextError::ForbiddenCharacters),
            ("\u{2063}Cai", TextError::ForbiddenCharacters),
            ("\u{3164}", TextError::Empty),
            ("\u{2800}\u{2800}", TextError::Empty),
            ("\u{0301}", TextError::Empty),
            ("\u{FE0F}", TextError::Empty),
        ];
        for (input, problem) in refused {
            assert_eq!(DisplayName::parse(input), Err(problem), "{input:?}");
        }
        let accepted = [
            "Åsa",
            "José",
            "Kim \u{1F469}\u{200D}\u{1F4BB}",
            "\u{1F469}\u{1F3FD}\u{200D}\u{1F52C}",
            "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} Ewan",
        ];
        for input in accepted {
            assert!(DisplayName::parse(input).is_ok(), "{input:?}");
        }
        // Notes are not names: a soft hyphen pasted from a document is kept there.
        assert!(NoteText::parse("Kommun\u{00AD}fullmäktige").is_ok());
    }

    #[test]
    fn names_differing_only_in_case_are_the_same() {
        let name = |s| DisplayName::parse(s).unwrap();
        assert!(name("Anna").same_as(&name("ANNA")));
        assert!(name("Åsa").same_as(&name("åsa")));
        assert!(!name("Anna").same_as(&name("Anna L")));
    }

    #[test]
    fn empty_and_blank_are_refused() {
        for input in ["", " ", "\n\t ", "\u{3000}"] {
            assert_eq!(
                DisplayName::parse(input),
                Err(TextError::Empty),
                "{input:?}"
            );
        }
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let forty_å = "å".repeat(40);
        assert!(DisplayName::parse(&forty_å).is_ok());
        assert_eq!(
            DisplayName::parse(&format!("{forty_å}ä")),
            Err(TextError::TooLong { max: 40 })
        );
        assert!(Topic::parse(&"ö".repeat(200)).is_ok());
        assert_eq!(
            Topic::parse(&"ö".repeat(201)),
            Err(TextError::TooLong { max: 200 })
        );
    }

    #[test]
    fn control_and_bidi_characters_are_refused() {
        for input in [
            "Anna\u{0}",
            "\u{7}bell",
            "Anna\u{202E}nnA",
            "x\u{2066}y",
            "\u{FEFF}Bo",
        ] {
            assert_eq!(
                DisplayName::parse(input),
                Err(TextError::ForbiddenCharacters),
                "{input:?}"
            );
        }
    }

    #[test]
    fn markup_and_emoji_are_ordinary_text() {
        // Rendering escapes text; refusing it would only confuse people.
        assert_eq!(
            DisplayName::parse("<script>alert(1)</script>")
                .unwrap()
                .as_str(),
            "<script>alert(1)</script>"
        );
        assert!(DisplayName::parse("Aino 👩‍👩‍👧").is_ok());
    }

    #[test]
    fn serde_refuses_invalid_values() {
        assert!(serde_json::from_str::<DisplayName>("\"  \"").is_err());
        assert_eq!(
            serde_json::from_str::<DisplayName>("\" Åsa \"")
                .unwrap()
                .as_str(),
            "Åsa"
        );
    }

    /// Characters that must never get into a text: controls and the invisible bidirectional
    /// controls that can make a name read as something else. Listed by hand, not taken from the
    /// code under test.
    const DANGEROUS: [char; 16] = [
        '\u{0}', '\u{7}', '\u{8}', '\u{1B}', '\u{7F}', '\u{9B}', '\u{202A}', '\u{202B}',
        '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        '\u{FEFF}',
    ];

    /// Text as people paste it: ordinary characters and all kinds of white space, and in
    /// about half of them one dangerous character somewhere.
    fn pasted() -> impl Strategy<Value = String> {
        let space =
            prop::sample::select(vec![' ', '\t', '\n', '\r', '\u{A0}', '\u{3000}', '\u{85}']);
        let one = prop_oneof![
            3 => "\\PC",
            1 => space.prop_map(String::from),
        ];
        let danger = prop::option::of((
            any::<prop::sample::Index>(),
            prop::sample::select(DANGEROUS.to_vec()),
        ));
        (proptest::collection::vec(one, 0..50), danger).prop_map(|(mut parts, danger)| {
            if let Some((at, c)) = danger {
                parts.insert(at.index(parts.len() + 1), c.to_string());
            }
            parts.concat()
        })
    }

    proptest! {
        #[test]
        fn accepted_text_is_tidy_and_bounded(input in pasted()) {
            let parsed = DisplayName::parse(&input);
            let words: Vec<&str> = input.split_whitespace().collect();
            let tidy_length = words.iter().map(|w| w.chars().count()).sum::<usize>() + words.len().saturating_sub(1);
            if input.contains(DANGEROUS) {
                prop_assert_eq!(parsed, Err(TextError::ForbiddenCharacters));
            } else if words.is_empty() {
                prop_assert_eq!(parsed, Err(TextError::Empty));
            } else if tidy_length > DisplayName::MAX_CHARS {
                prop_assert_eq!(parsed, Err(TextError::TooLong { max: DisplayName::MAX_CHARS }));
            } else {
                let name = parsed.unwrap();
                let s = name.as_str();
                prop_assert_eq!(s.chars().count(), tidy_length);
                prop_assert_eq!(s.trim(), s);
                prop_assert!(!s.contains("  "));
                prop_assert!(!s.contains(|c: char| c.is_whitespace() && c != ' '), "only plain spaces: {:?}", s);
                // Parsing is idempotent: what was accepted is accepted unchanged.
                prop_assert_eq!(DisplayName::parse(s), Ok(name.clone()));
            }
        }
    }
}
