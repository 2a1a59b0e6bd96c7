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

macro_rules! line_type {
    ($(#[$doc:meta])* $name:ident, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(input: &str) -> Result<Self, TextError> {
                parse_line(input, Self::MAX_CHARS).map(Self)
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
    40
);
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
