//! The languages a site can be in (`language:` in `kennisbank.yaml`), and how to find a
//! site's language before its config has been read in full.

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Dutch, the default: the sites are about Dutch public services.
    #[default]
    Nl,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Nl, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// The language a config text asks for, read from its top-level `language:` line alone.
    /// Messages about a config that does not parse are still in the site's language: a
    /// broken line elsewhere must not turn them English. Anything but `en` is Dutch.
    pub fn of_config(text: Option<&str>) -> Language {
        let Some(text) = text else {
            return Language::Nl;
        };
        text.lines()
            .filter_map(|line| line.strip_prefix("language:"))
            .map(|value| {
                let value = value.split('#').next().unwrap_or_default().trim();
                value.trim_matches(|c| c == '"' || c == '\'')
            })
            .next_back()
            .map_or(Language::Nl, |value| {
                if value.eq_ignore_ascii_case("en") {
                    Language::En
                } else {
                    Language::Nl
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_is_read_from_its_line_even_in_a_broken_config() {
        assert_eq!(Language::of_config(None), Language::Nl);
        assert_eq!(Language::of_config(Some("title: X\n")), Language::Nl);
        assert_eq!(
            Language::of_config(Some("title: [unclosed\nlanguage: en\n")),
            Language::En
        );
        assert_eq!(
            Language::of_config(Some("language: \"en\" # English\n")),
            Language::En
        );
        assert_eq!(Language::of_config(Some("language: nl\n")), Language::Nl);
        // Indented: a key of some other setting, not the site's language.
        assert_eq!(
            Language::of_config(Some("check:\n  language: en\n")),
            Language::Nl
        );
    }
}
