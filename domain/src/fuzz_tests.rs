//! Hostile input against every decoder and parser a request reaches: random bytes and random
//! text must come back as a clear refusal, never a panic. (Run in CI as property tests with a
//! fixed number of cases, so they take a bounded time.)

use super::live::{Message, Replica};
use super::patch::{apply, Patch};
use super::{Change, Command, DisplayName, JoinCode, NoteText, Topic};
use proptest::prelude::*;

/// Bytes that look a little like JSON often enough to get past the first character.
fn jsonish() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..200),
        "[\\[\\]{}\":,0-9a-zA-Z_ \\-.]{0,200}".prop_map(String::into_bytes),
        // Real shapes with junk spliced in.
        ("[a-zA-Z]{0,12}", "[\\[\\]{}\":,0-9a-z ]{0,40}").prop_map(|(name, junk)| {
            format!(r#"{{"{name}":{{"note":"{junk}","text":{junk}}}}}"#).into_bytes()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn command_and_change_decoders_never_panic(bytes in jsonish()) {
        let _ = serde_json::from_slice::<Command>(&bytes);
        let _ = serde_json::from_slice::<Change>(&bytes);
        let _ = serde_json::from_slice::<Message>(&bytes);
    }

    #[test]
    fn text_parsers_never_panic_and_what_they_accept_is_tidy(text in any::<String>()) {
        let accepted = [
            NoteText::parse(&text).map(|t| t.to_string()),
            DisplayName::parse(&text).map(|t| t.to_string()),
            Topic::parse(&text).map(|t| t.to_string()),
        ];
        for tidy in accepted.into_iter().flatten() {
            prop_assert!(!tidy.is_empty());
            prop_assert_eq!(tidy.trim(), tidy.as_str());
            prop_assert!(!tidy.chars().any(char::is_control));
        }
        let _ = JoinCode::parse(&text);
    }

    /// A screen handed a malformed or foreign patch refuses it (and starts again) rather than
    /// panicking.
    #[test]
    fn patches_from_nowhere_never_panic(bytes in jsonish(), doc in "[\\[\\]{}\":,0-9a-z ]{0,60}") {
        if let (Ok(patch), Ok(mut target)) = (
            serde_json::from_slice::<Patch>(&bytes),
            serde_json::from_str::<serde_json::Value>(&doc),
        ) {
            let _ = apply(&mut target, &patch);
        }
        if let Ok(message) = serde_json::from_slice::<Message>(&bytes) {
            let mut replica = None;
            let _ = Replica::receive(&mut replica, message);
        }
    }
}
