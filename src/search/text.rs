//! Words as the search index and the browser both see them: folded (lower case, diacritics
//! off), split into tokens, stop words dropped, stemmed. `static/js/search-text.js` does the
//! same in the browser; `tests/search_text_agrees.rs` runs both over one word list.

use rustc_hash::FxHashMap as HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use crate::config::Language;

/// Dutch words too common to search by (Snowball's Dutch stop list). Shipped to the browser in
/// the index's `meta.json`, so both sides drop the same words.
pub const STOP_WORDS_NL: &[&str] = &[
    "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de",
    "der", "deze", "die", "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge",
    "geen", "geweest", "haar", "had", "heb", "hebben", "heeft", "hem", "het", "hier", "hij", "hoe",
    "hun", "iemand", "iets", "ik", "in", "is", "ja", "je", "kan", "kon", "kunnen", "maar", "me",
    "meer", "men", "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets", "nog", "nu", "of",
    "om", "omdat", "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen",
    "tot", "u", "uit", "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "werd", "wezen",
    "wie", "wil", "worden", "wordt", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder",
    "zou",
];

/// Lower case without diacritics: `Één-ouder` → `een-ouder`. Letters of Latin-1 and Latin Extended-A lose
/// their marks (`ß` → `ss`, `ĳ` → `ij`); letters of other scripts are kept as they are, which is
/// what the browser's `normalize('NFKD')` plus its small table gives too.
pub fn fold(text: &str) -> String {
    // Most text is ASCII throughout: lowered in one go rather than a character at a time.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else if ('\u{00C0}'..='\u{017F}').contains(&ch) && ch != '\u{00D7}' && ch != '\u{00F7}' {
            let ascii = deunicode::deunicode_char(ch).unwrap_or("");
            out.extend(ascii.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            out.extend(ch.to_lowercase());
        }
    }
    out
}

/// The tokens of folded text: runs of letters and digits, two characters or more.
pub fn tokens(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.chars().nth(1).is_some())
}

/// Stems tokens for one language, remembering words it has seen (a note repeats its words).
pub struct Analyzer {
    stemmer: Option<Stemmer>,
    stop_words: &'static [&'static str],
    cache: HashMap<String, Option<String>>,
}

impl Analyzer {
    pub fn new(language: Language) -> Analyzer {
        match language {
            Language::Nl => Analyzer {
                stemmer: Some(Stemmer::create(Algorithm::Dutch)),
                stop_words: STOP_WORDS_NL,
                cache: HashMap::default(),
            },
            // The browser has only the Dutch stemmer: other languages match whole words.
            Language::En => Analyzer {
                stemmer: None,
                stop_words: &[],
                cache: HashMap::default(),
            },
        }
    }

    pub fn stemmer_name(&self) -> &'static str {
        if self.stemmer.is_some() { "nl" } else { "none" }
    }

    pub fn stop_words(&self) -> &'static [&'static str] {
        self.stop_words
    }

    /// The index term of a folded token, or `None` for a stop word.
    pub fn term(&mut self, token: &str) -> Option<String> {
        if let Some(known) = self.cache.get(token) {
            return known.clone();
        }
        let term = if self.stop_words.binary_search(&token).is_ok() {
            None
        } else {
            Some(match &self.stemmer {
                Some(stemmer) => stemmer.stem(token).into_owned(),
                None => token.to_string(),
            })
        };
        self.cache.insert(token.to_string(), term.clone());
        term
    }

    /// Every term of a text, in order, stop words left out.
    pub fn terms(&mut self, text: &str) -> Vec<String> {
        let folded = fold(text);
        tokens(&folded).filter_map(|t| self.term(t)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS_NL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn folding_removes_case_and_diacritics() {
        assert_eq!(fold("Één-Ouder"), "een-ouder");
        assert_eq!(fold("Ĳsselmeer straße"), "ijsselmeer strasse");
        assert_eq!(fold("café × 2"), "cafe × 2");
    }

    #[test]
    fn plural_and_singular_share_a_term() {
        let mut a = Analyzer::new(Language::Nl);
        assert_eq!(a.terms("buurten"), a.terms("buurt"));
        assert_eq!(a.terms("Één-ouder gezinnen"), a.terms("een-ouder gezinnen"));
        assert_eq!(a.terms("wandelingen"), a.terms("wandeling"));
        assert_eq!(a.terms("de buurt en het dorp"), vec!["buurt", "dorp"]);
    }
}
