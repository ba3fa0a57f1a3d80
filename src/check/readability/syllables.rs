//! Counting syllables of Dutch words, for the Flesch–Douma score.
//!
//! Dutch spells nearly every syllable with one vowel cluster, so a syllable is counted per
//! vowel sound: a run of vowel letters is split into the clusters Dutch spells as one sound
//! (`aa`, `ie`, `eeuw`…, longest first), and a diaeresis (`ë`, `ï`) always starts a new one.
//! This follows the hyphenation of the *Woordenlijst* closely (`so-ci-aal`, `i-de-eën`,
//! `ge-ïn-te-res-seerd`); loanwords are counted as if Dutch.

/// Vowel clusters that are one sound, longest first so `ooi` wins over `oo`.
const CLUSTERS: &[&str] = &[
    "eeuw", "ieuw", "aai", "ooi", "oei", "eeu", "ieu", "eau", "aa", "ee", "oo", "uu", "ie", "oe",
    "eu", "ui", "ei", "ij", "au", "ou", "uy", "ey", "ay", "oy",
];

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'á'
            | 'à'
            | 'â'
            | 'é'
            | 'è'
            | 'ê'
            | 'í'
            | 'ó'
            | 'ô'
            | 'ú'
    ) || is_diaeresis(c)
}

fn is_diaeresis(c: char) -> bool {
    matches!(c, 'ä' | 'ë' | 'ï' | 'ö' | 'ü')
}

/// Syllables of one word (letters only; other characters are ignored). A word without a
/// vowel letter (an abbreviation such as `KSB`) counts as one syllable per letter, at most 4;
/// a number as one per digit, at most 4.
pub fn count(word: &str) -> usize {
    let lower: Vec<char> = word.to_lowercase().chars().collect();
    if lower.iter().all(|c| c.is_ascii_digit()) {
        return lower.len().clamp(1, 4);
    }
    let mut syllables = 0;
    let mut i = 0;
    while i < lower.len() {
        if !is_vowel(lower[i]) {
            i += 1;
            continue;
        }
        // A run of vowels (with `ij`'s j and `uw`'s w where they belong to it).
        let start = i;
        while i < lower.len()
            && (is_vowel(lower[i])
                || (lower[i] == 'j' && i > start && lower[i - 1] == 'i')
                || (lower[i] == 'w' && i > start && matches!(lower[i - 1], 'u')))
        {
            i += 1;
        }
        syllables += clusters_in(&lower[start..i]);
    }
    if syllables == 0 {
        let letters = lower.iter().filter(|c| c.is_alphabetic()).count();
        return letters.clamp(1, 4);
    }
    syllables
}

/// How many sounds a run of vowel letters spells.
fn clusters_in(run: &[char]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < run.len() {
        if run[i] == 'j' || run[i] == 'w' {
            // Only reachable after an `i`/`u` that ended a cluster: part of that sound.
            i += 1;
            continue;
        }
        n += 1;
        if is_diaeresis(run[i]) {
            i += 1;
            continue;
        }
        let rest: String = run[i..].iter().collect();
        let len = CLUSTERS
            .iter()
            .find(|c| rest.starts_with(*c))
            .map_or(1, |c| c.chars().count());
        i += len;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn dutch_words_count_as_they_are_hyphenated() {
        for (word, n) in [
            ("de", 1),
            ("kat", 1),
            ("buurt", 1),
            ("huis", 1),
            ("koffie", 2),
            ("nieuw", 1),
            ("leeuw", 1),
            ("mooi", 1),
            ("bewegen", 3),
            ("gemeenten", 3),
            ("welzijnswerk", 3),
            ("sociaal", 3),
            ("sociale", 4),
            ("organisaties", 5),
            ("ideeën", 3),
            ("geïnteresseerd", 5),
            ("vrijwilligers", 4),
            ("ondersteunen", 4),
            ("Kollum", 2),
            ("bureau", 2),
        ] {
            assert_eq!(count(word), n, "{word}");
        }
    }

    #[test]
    fn words_without_vowels_and_numbers() {
        assert_eq!(count("KSB"), 3);
        assert_eq!(count("81"), 2);
        assert_eq!(count("2025"), 4);
        assert_eq!(count("m"), 1);
    }
}
