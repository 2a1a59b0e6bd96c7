//! Where a long word may break, in what people wrote, on a Finnish screen: soft hyphens
//! (U+00AD) at syllable boundaries, so a narrow card or a phone at large text breaks
//! "yhteistyö-" / "kehittäminen" with a hyphen instead of mid-syllable without one.
//!
//! Browsers hyphenate by themselves (`hyphens: auto` in the style sheet) only for languages
//! they carry a dictionary for: commonly Swedish and English, commonly not Finnish, whose
//! compounds are the longest words a jam here sees. A soft hyphen in a word overrides the
//! browser's own hyphenation, so the break points go into the text as shown on Finnish screens
//! only — never into what is stored, sent or exported. A soft hyphen is invisible unless the
//! line breaks there; screen readers and text search ignore it.
//!
//! The rule is Finnish syllabification, which is regular: a new syllable starts at the last
//! consonant before a vowel ("yh-teis-työ-ke-hit-tä-mi-nen"), or at the last two when three or
//! more consonants meet and those two can start a word, as in loanwords ("kun-tas-tra-te-gia").
//! It never breaks before a word's first vowel or leaves fewer than two letters on a line.

use crate::domain::Lang;
use crate::locale::use_lang;
use leptos::prelude::*;

/// Words shorter than this always fit a line: they get no break points.
const SHORTEST: usize = 7;

/// Letters kept together at a word's start and end.
const EDGE: usize = 2;

/// Two consonants that start (loan)words, so a longer cluster breaks before them.
const ONSETS: [&str; 21] = [
    "bl", "br", "dr", "fl", "fr", "gl", "gr", "kl", "kr", "kv", "pl", "pr", "sk", "sl", "sm", "sn",
    "sp", "st", "sv", "tr", "tv",
];

/// `text` with soft hyphens at the syllable boundaries of its long words.
pub fn soft_hyphens(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut word: Vec<char> = Vec::new();
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            push_word(&mut out, &word);
            word.clear();
            out.push(c);
        }
    }
    push_word(&mut out, &word);
    out
}

/// A note's text as the screens show it: with break points on a Finnish screen (see the
/// module's comment), as written otherwise. Plain text, not a reactive view: one more view type
/// at each of its places would cost every phone's download more than the break points are
/// worth. After a switch of language the texts follow as they are next drawn.
pub fn note_text(text: impl Into<String>) -> String {
    let text: String = text.into();
    match use_lang().get_untracked() {
        Lang::Fi => soft_hyphens(&text),
        Lang::Sv | Lang::En => text,
    }
}

fn push_word(out: &mut String, word: &[char]) {
    let breaks = if word.len() >= SHORTEST {
        breaks(word)
    } else {
        Vec::new()
    };
    for (i, c) in word.iter().enumerate() {
        if breaks.contains(&i) {
            out.push('\u{AD}');
        }
        out.push(*c);
    }
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'å' | 'ä' | 'ö' | 'é' | 'ü' | 'æ' | 'ø'
    )
}

/// The positions in `word` that a syllable starts at (a break goes before each).
fn breaks(word: &[char]) -> Vec<usize> {
    let mut found = Vec::new();
    let Some(first_vowel) = word.iter().position(|c| is_vowel(*c)) else {
        return found;
    };
    let mut i = first_vowel + 1;
    while i < word.len() {
        if !is_vowel(word[i]) {
            i += 1;
            continue;
        }
        // The consonants right before this vowel: word[start..i].
        let start = (0..i).rev().take_while(|&j| !is_vowel(word[j])).last();
        if let Some(start) = start.filter(|&s| s > first_vowel) {
            let cluster = i - start;
            let pair: String = word[i.saturating_sub(2)..i]
                .iter()
                .flat_map(|c| c.to_lowercase())
                .collect();
            let at = if cluster >= 3 && ONSETS.contains(&pair.as_str()) {
                i - 2
            } else {
                i - 1
            };
            if at >= EDGE && word.len() - at >= EDGE {
                found.push(at);
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with its soft hyphens shown as "-".
    fn shown(text: &str) -> String {
        soft_hyphens(text).replace('\u{AD}', "-")
    }

    #[test]
    fn finnish_compounds_break_at_syllables() {
        assert_eq!(
            shown("yhteistyökehittäminen"),
            "yh-teis-työ-ke-hit-tä-mi-nen"
        );
        assert_eq!(shown("Vastuuhenkilö"), "Vas-tuu-hen-ki-lö");
        assert_eq!(shown("kirjastopalvelut"), "kir-jas-to-pal-ve-lut");
        assert_eq!(shown("Kunnanvaltuusto"), "Kun-nan-val-tuus-to");
        assert_eq!(shown("kuntastrategia"), "kun-tas-tra-te-gia");
    }

    #[test]
    fn short_words_numbers_and_punctuation_stay_as_they_are() {
        let short = "Liian vähän kotia, 12 kpl.";
        assert_eq!(soft_hyphens(short), short);
        assert_eq!(soft_hyphens(""), "");
        assert_eq!(
            shown("yhteistyökehittäminen!"),
            "yh-teis-työ-ke-hit-tä-mi-nen!"
        );
    }

    #[test]
    fn no_line_starts_or_ends_with_a_lone_letter() {
        for word in [
            "ulkomaalaisvirasto",
            "Haaparannalle",
            "ekonomiaosasto",
            "Tornionjokilaakso",
        ] {
            for part in shown(word).split('-') {
                assert!(part.chars().count() >= 2, "{word}: {part}");
            }
        }
    }

    #[test]
    fn the_letters_are_never_changed() {
        let text = "Kunnallisvaltuuston kokouspöytäkirja – Haparanda/Tornio 2026: rajayhteistyö";
        assert_eq!(soft_hyphens(text).replace('\u{AD}', ""), text);
    }
}
