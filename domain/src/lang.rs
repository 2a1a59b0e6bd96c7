//! The languages Blixt speaks. A jam remembers the one it was created in (its exports use it);
//! the texts themselves live with the screens (`app::i18n`).

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
}

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
}
