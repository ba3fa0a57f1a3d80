//! Words for readers rather than editors: what a count counts ("7 voorbeeldprojecten",
//! "16 pagina's"), never the content format's "notities".

use crate::config::Language;
use crate::kind::Kind;

/// The noun for one and for many of `kinds` (the kinds of a listing's items): the kind's
/// own when all share one, else "pagina".
pub fn count_nouns(kinds: &[Kind], language: Language) -> (&'static str, &'static str) {
    let one_kind = kinds.first().filter(|k| kinds.iter().all(|x| x == *k));
    match (language, one_kind) {
        (Language::Nl, Some(Kind::Definition)) => ("definitie", "definities"),
        (Language::Nl, Some(Kind::Lexicon)) => ("begrip", "begrippen"),
        (Language::Nl, Some(Kind::Project)) => ("voorbeeldproject", "voorbeeldprojecten"),
        (Language::Nl, Some(Kind::Publication)) => ("publicatie", "publicaties"),
        (Language::Nl, Some(Kind::ReadingList)) => ("leeslijst", "leeslijsten"),
        (Language::Nl, _) => ("pagina", "pagina's"),
        (Language::En, Some(Kind::Definition)) => ("definition", "definitions"),
        (Language::En, Some(Kind::Lexicon)) => ("term", "terms"),
        (Language::En, Some(Kind::Project)) => ("example project", "example projects"),
        (Language::En, Some(Kind::Publication)) => ("publication", "publications"),
        (Language::En, Some(Kind::ReadingList)) => ("reading list", "reading lists"),
        (Language::En, _) => ("page", "pages"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_kind_counts_by_its_name_mixed_kinds_as_pages() {
        assert_eq!(
            count_nouns(&[Kind::Project, Kind::Project], Language::Nl).1,
            "voorbeeldprojecten"
        );
        assert_eq!(
            count_nouns(&[Kind::Project, Kind::Note], Language::Nl),
            ("pagina", "pagina's")
        );
        assert_eq!(count_nouns(&[Kind::Note], Language::Nl).1, "pagina's");
    }
}
