//! Join codes: what a participant types on a phone to find a jam.
//!
//! Six letters from an alphabet without vowels or look-alikes: no words can form (in Swedish,
//! Finnish or English), nothing can be mistaken for a digit (no O, I or L), and a phone keyboard
//! never has to switch to digits. 19⁶ ≈ 47 million codes; the store retries on the rare clash.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The letters a code is made of.
pub const ALPHABET: &[u8; 19] = b"BCDFGHJKMNPQRSTVWXZ";
/// How many letters a code has.
pub const LENGTH: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct JoinCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum CodeError {
    #[error("a join code has {LENGTH} letters")]
    WrongLength,
    #[error("a join code has only the letters {}", std::str::from_utf8(ALPHABET).unwrap_or(""))]
    WrongCharacter,
}

impl JoinCode {
    /// Reads what a person typed: case, spaces and dashes do not matter ("bcd-fgh", "BCD FGH").
    pub fn parse(input: &str) -> Result<Self, CodeError> {
        let letters: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if letters.chars().count() != LENGTH {
            return Err(CodeError::WrongLength);
        }
        if !letters.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(CodeError::WrongCharacter);
        }
        Ok(Self(letters))
    }

    /// Makes a code from `LENGTH` numbers, each picking a letter of the alphabet (taken modulo
    /// its size). The caller brings the randomness, so this stays free of I/O.
    pub fn from_indices(indices: [usize; LENGTH]) -> Self {
        Self(
            indices
                .iter()
                .map(|i| ALPHABET[i % ALPHABET.len()] as char)
                .collect(),
        )
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code as shown to people: two groups of three, easier to read out loud.
    pub fn display_grouped(&self) -> String {
        let (a, b) = self.0.split_at(LENGTH / 2);
        format!("{a} {b}")
    }
}

impl fmt::Display for JoinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for JoinCode {
    type Error = CodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<JoinCode> for String {
    fn from(code: JoinCode) -> Self {
        code.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn typing_variants_are_the_same_code() {
        let expected = JoinCode::parse("BCDFGH").unwrap();
        for typed in ["bcdfgh", "BCD FGH", "bcd-fgh", "  Bcd fGh ", "b c d f g h"] {
            assert_eq!(JoinCode::parse(typed).unwrap(), expected, "{typed:?}");
        }
    }

    #[test]
    fn look_alikes_and_vowels_are_refused() {
        for typed in [
            "BCDFG0", "BCDFGO", "BCDFGI", "BCDFGL", "BCDFG1", "ABCDFG", "BCDFGÅ",
        ] {
            assert_eq!(
                JoinCode::parse(typed),
                Err(CodeError::WrongCharacter),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn wrong_lengths_are_refused() {
        for typed in ["", "BCDFG", "BCDFGHJ", "   ", "--"] {
            assert_eq!(
                JoinCode::parse(typed),
                Err(CodeError::WrongLength),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn grouped_display_reads_back() {
        let code = JoinCode::parse("KMNPQR").unwrap();
        assert_eq!(code.display_grouped(), "KMN PQR");
        assert_eq!(JoinCode::parse(&code.display_grouped()).unwrap(), code);
    }

    proptest! {
        #[test]
        fn every_generated_code_parses_back(indices in proptest::array::uniform6(0usize..1000)) {
            let code = JoinCode::from_indices(indices);
            prop_assert_eq!(JoinCode::parse(code.as_str()), Ok(code.clone()));
            prop_assert_eq!(JoinCode::parse(&code.as_str().to_lowercase()), Ok(code));
        }

        #[test]
        fn parse_never_panics_and_only_accepts_the_alphabet(input in "\\PC{0,12}") {
            if let Ok(code) = JoinCode::parse(&input) {
                prop_assert_eq!(code.as_str().len(), LENGTH);
                prop_assert!(code.as_str().bytes().all(|b| ALPHABET.contains(&b)));
            }
        }

        /// A code as people type it (any case, spaces and dashes anywhere) reads back as the
        /// code; with one letter swapped for anything outside the alphabet, or one letter too
        /// many or too few, it is refused.
        #[test]
        fn typed_codes_read_back_and_near_misses_are_refused(
            indices in proptest::array::uniform6(0usize..19),
            lower in proptest::collection::vec(any::<bool>(), LENGTH),
            gaps in proptest::collection::vec(prop::sample::select(vec!["", "", " ", "-", "  ", "\t", " - "]), LENGTH + 1),
            at in 0usize..LENGTH,
            stranger in prop::sample::select("AEIOUYLÅÄÖ0123456789!?.é".chars().collect::<Vec<_>>()),
        ) {
            let code = JoinCode::from_indices(indices);
            let letters: Vec<char> = code.as_str().chars().collect();
            let typed = |letters: &[char]| {
                let mut out = gaps[0].to_string();
                for (i, c) in letters.iter().enumerate() {
                    out.push(if lower[i % LENGTH] { c.to_ascii_lowercase() } else { *c });
                    out.push_str(gaps[(i + 1) % gaps.len()]);
                }
                out
            };
            prop_assert_eq!(JoinCode::parse(&typed(&letters)), Ok(code));
            let mut wrong = letters.clone();
            wrong[at] = stranger;
            prop_assert_eq!(JoinCode::parse(&typed(&wrong)), Err(CodeError::WrongCharacter));
            let mut long = letters.clone();
            long.insert(at, letters[at]);
            prop_assert_eq!(JoinCode::parse(&typed(&long)), Err(CodeError::WrongLength));
            let mut short = letters.clone();
            short.remove(at);
            prop_assert_eq!(JoinCode::parse(&typed(&short)), Err(CodeError::WrongLength));
        }
    }
}
