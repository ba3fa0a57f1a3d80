//! The Flesch–Douma reading ease and the markers that make a Dutch sentence harder.
//!
//! Flesch–Douma is Flesch's reading ease with Douma's constants for Dutch:
//!
//! ```text
//! score = 206.835 − 0.93 × (words / sentences) − 77 × (syllables / words)
//! ```
//!
//! W. H. Douma (1960), *De leesbaarheid van landbouwbladen: een onderzoek naar en een
//! toepassing van leesbaarheidsformules*, Bulletin 17, Afdeling Sociologie en Sociografie,
//! Landbouwhogeschool Wageningen; after R. Flesch (1948), "A new readability yardstick",
//! *Journal of Applied Psychology* 32(3), 221–233. Higher is easier: 0–30 very hard,
//! 30–50 hard, 50–60 fairly hard, 60–70 plain (about B1), 70–80 fairly easy, 80+ easy.

use super::sentences::Sentence;
use super::syllables;

/// Counts of a stretch of prose.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
}

impl Counts {
    pub fn of(sentences: &[Sentence]) -> Counts {
        let mut counts = Counts::default();
        for s in sentences {
            counts.add(s);
        }
        counts
    }

    pub fn add(&mut self, sentence: &Sentence) {
        self.sentences += 1;
        self.words += sentence.words.len();
        self.syllables += sentence
            .words
            .iter()
            .map(|w| syllables::count(w))
            .sum::<usize>();
    }

    /// The Flesch–Douma reading ease; `None` without words.
    pub fn flesch_douma(&self) -> Option<f64> {
        if self.words == 0 || self.sentences == 0 {
            return None;
        }
        let words_per_sentence = self.words as f64 / self.sentences as f64;
        let syllables_per_word = self.syllables as f64 / self.words as f64;
        Some(206.835 - 0.93 * words_per_sentence - 77.0 * syllables_per_word)
    }
}

/// Points a passive construction adds to a sentence's weight in the ranking.
pub const PASSIVE_PENALTY: f64 = 1.0;

/// Words of this many syllables or more are named in a message as long words.
pub const LONG_WORD_SYLLABLES: usize = 5;

/// A sentence's own ease, and what makes it hard.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceEase {
    /// The sentence's own Flesch–Douma ease.
    pub ease: f64,
    pub passives: usize,
    pub long_words: Vec<String>,
}

/// How many points a sentence costs the note: the note's score without it minus the score
/// with it, plus `PASSIVE_PENALTY` per passive construction. A single sentence's Flesch
/// score says little (a one-word list item is "very hard"); what the sentence does to the
/// whole note ranks long sentences of long words first.
pub fn cost(total: Counts, sentence: &Sentence, ease: &SentenceEase) -> f64 {
    let mut without = total;
    let own = Counts::of(std::slice::from_ref(sentence));
    without.sentences -= own.sentences;
    without.words -= own.words;
    without.syllables -= own.syllables;
    let (Some(with), Some(without)) = (total.flesch_douma(), without.flesch_douma()) else {
        return 0.0;
    };
    without - with + PASSIVE_PENALTY * ease.passives as f64
}

pub fn sentence_ease(sentence: &Sentence) -> SentenceEase {
    let counts = Counts::of(std::slice::from_ref(sentence));
    let passives = passive_markers(&sentence.words);
    let mut long_words: Vec<String> = Vec::new();
    for word in &sentence.words {
        if syllables::count(word) >= LONG_WORD_SYLLABLES && !long_words.contains(word) {
            long_words.push(word.clone());
        }
    }
    SentenceEase {
        ease: counts.flesch_douma().unwrap_or(100.0),
        passives,
        long_words,
    }
}

/// Passive voice: a form of *worden* (`wordt`, `worden`, `werd`, `werden`) with a past
/// participle in the same sentence (`wordt gereden`, `door vrijwilligers gerund wordt`).
/// One per form of *worden*, if the sentence has a participle at all.
pub fn passive_markers(words: &[String]) -> usize {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let auxiliaries = lower
        .iter()
        .filter(|w| matches!(w.as_str(), "wordt" | "worden" | "werd" | "werden"))
        .count();
    if auxiliaries > 0 && lower.iter().any(|w| is_participle(w)) {
        auxiliaries
    } else {
        0
    }
}

/// A past participle, by its shape: `ge…d/t/en` (`gereden`, `gerund`), or `be-, ver-, ont-,
/// her-, er-` with `-d/-t` (`betaald`, `verdeeld`, `ontwikkeld`). Nouns of that shape that
/// are common in this field are excluded.
fn is_participle(word: &str) -> bool {
    const NOT: &[&str] = &[
        "gebied",
        "gebit",
        "gezet",
        "gezondheid",
        "geld",
        "gedicht",
        "gelegenheid",
        "getal",
        "gezin",
        "gesprek",
        "gevoel",
        "gemeente",
        "gemeenten",
        "gewicht",
        "gebouw",
        "gedrag",
        "geheel",
        "gehoord",
        "beleid",
        "bestuur",
        "verband",
        "verschil",
        "verhaal",
        "bericht",
        "ontwerp",
        "verlet",
        "verbod",
        "herfst",
        "ertoe",
        "gelden",
        "geven",
        "gaan",
        "genoeg",
        "gewoon",
        "geen",
        "geleden",
        "gegeven",
        "geweest",
        "bedrijf",
        "bezit",
        "gericht",
    ];
    let n = word.chars().count();
    if n < 5 || word.ends_with("heid") || NOT.contains(&word) {
        return false;
    }
    if word.starts_with("ge") {
        return word.ends_with('d') || word.ends_with('t') || (word.ends_with("en") && n >= 6);
    }
    ["be", "ver", "ont", "her", "er"]
        .iter()
        .any(|p| word.starts_with(p))
        && (word.ends_with('d') || word.ends_with('t'))
        && n >= 6
}

#[cfg(test)]
mod tests {
    use super::super::sentences::words;
    use super::*;

    fn sentence(text: &str) -> Sentence {
        Sentence {
            text: text.into(),
            line: 1,
            words: words(text),
        }
    }

    #[test]
    fn flesch_douma_of_sentences_counted_by_hand() {
        // "De kat zit op de mat.": 1 sentence, 6 words, 6 syllables.
        // 206.835 − 0.93 × 6 − 77 × 6/6 = 206.835 − 5.58 − 77 = 124.255
        let easy = Counts::of(&[sentence("De kat zit op de mat.")]);
        assert_eq!((easy.words, easy.syllables), (6, 6));
        assert!((easy.flesch_douma().unwrap() - 124.255).abs() < 1e-9);

        // "Gemeenten ondersteunen vrijwilligers.": 3 words; ge-meen-ten (3), on-der-steu-nen
        // (4), vrij-wil-li-gers (4): 11 syllables.
        // 206.835 − 0.93 × 3 − 77 × 11/3 = 206.835 − 2.79 − 282.3333… = −78.2883…
        let hard = Counts::of(&[sentence("Gemeenten ondersteunen vrijwilligers.")]);
        assert_eq!((hard.words, hard.syllables), (3, 11));
        assert!((hard.flesch_douma().unwrap() - (-78.288_333)).abs() < 1e-3);

        // Both together: 2 sentences, 9 words, 17 syllables.
        // 206.835 − 0.93 × 4.5 − 77 × 17/9 = 206.835 − 4.185 − 145.4444… = 57.2055…
        let both = Counts::of(&[
            sentence("De kat zit op de mat."),
            sentence("Gemeenten ondersteunen vrijwilligers."),
        ]);
        assert!((both.flesch_douma().unwrap() - 57.205_556).abs() < 1e-3);
    }

    #[test]
    fn a_b1_sentence_scores_above_sixty() {
        // "Je kunt er zonder afspraak terecht.": 6 words; je (1) kunt (1) er (1) zon-der (2)
        // af-spraak (2) ter-echt (2) = 9 syllables.
        // 206.835 − 0.93 × 6 − 77 × 9/6 = 206.835 − 5.58 − 115.5 = 85.755
        let s = Counts::of(&[sentence("Je kunt er zonder afspraak terecht.")]);
        assert_eq!(s.syllables, 9);
        assert!((s.flesch_douma().unwrap() - 85.755).abs() < 1e-9);
    }

    #[test]
    fn passive_voice_is_found_in_main_and_sub_clauses() {
        assert_eq!(
            passive_markers(&words("De bus wordt door vrijwilligers gereden.")),
            1
        );
        assert_eq!(
            passive_markers(&words("Een bus die door vrijwilligers gerund wordt.")),
            1
        );
        assert_eq!(
            passive_markers(&words("Plekken worden betaald uit subsidie.")),
            1
        );
        assert_eq!(passive_markers(&words("Ouderen worden fitter.")), 0);
        assert_eq!(passive_markers(&words("De gemeente geeft geld.")), 0);
        let s = sentence_ease(&sentence("De bus wordt door vrijwilligers gereden."));
        assert_eq!(s.passives, 1);
    }

    #[test]
    fn a_long_sentence_of_long_words_costs_more_than_a_short_hard_item() {
        let long = sentence(
            "Gemeentelijke beleidsmedewerkers ondersteunen maatschappelijke organisaties bij domeinoverstijgende samenwerking.",
        );
        let item = sentence("zelfredzaamheid");
        let easy: Vec<Sentence> = (0..8).map(|_| sentence("De kat zit op de mat.")).collect();
        let mut all = easy.clone();
        all.push(long.clone());
        all.push(item.clone());
        let total = Counts::of(&all);
        let long_cost = cost(total, &long, &sentence_ease(&long));
        let item_cost = cost(total, &item, &sentence_ease(&item));
        assert!(long_cost > item_cost, "{long_cost} vs {item_cost}");
        assert!(long_cost > 0.0);
    }
}
