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

    proptest! {
        #[test]
        fn accepted_text_is_tidy_and_bounded(input in "\\PC{0,60}") {
            if let Ok(name) = DisplayName::parse(&input) {
                let s = name.as_str();
                prop_assert!(!s.is_empty());
                prop_assert!(s.chars().count() <= DisplayName::MAX_CHARS);
                prop_assert_eq!(s.trim(), s);
                prop_assert!(!s.contains("  "));
                prop_assert!(!s.chars().any(is_forbidden));
                // Parsing is idempotent: what was accepted is accepted unchanged.
                prop_assert_eq!(DisplayName::parse(s), Ok(name.clone()));
            }
        }
    }
}
