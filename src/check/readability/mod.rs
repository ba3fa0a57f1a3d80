//! The readability rules for Dutch notes, B1 as the aim.
//!
//! `readability`: per note the Flesch–Douma reading ease (see `score`) of its own prose
//! (`prose`); below `min_score` (default 60, about B1) a warning at the title with the score,
//! and one at each of the hardest sentences (at most `hardest`, default 3) that score below
//! it too. Sentences rank by how far they pull the note's score down (see `score::cost`),
//! a passive construction counting extra.
//! Notes with fewer than `min_words` words (default 40) are not scored: a score of a few
//! sentences says little.
//!
//! `mixed_address`: a note that addresses its reader as both *je* and *u* (`address`).
//!
//! English notes (`language: en` in the config, or `lang: en` on the note) are skipped by
//! both rules: the formula and the word lists are Dutch.

mod address;
mod prose;
mod score;
mod sentences;
mod syllables;

use super::settings::{ReadabilitySettings, Rule};
use super::{Finding, FrontMatterLines};
use crate::config::Language;
use crate::diagnostic::{Diagnostic, Level};
use crate::message;
use crate::message::Message;
use crate::site::Site;

use score::Counts;

/// Runs both rules over every note of the site (section pages included).
pub fn check(site: &Site, lines: &FrontMatterLines, findings: &mut Vec<Finding>) {
    let settings = &site.config.check;
    let readability = settings.level(Rule::Readability).level();
    let mixed = settings.level(Rule::MixedAddress).level();
    if readability.is_none() && mixed.is_none() {
        return;
    }
    let dutch = site.config.language == Language::Nl;
    for note in &site.notes {
        let Some(text) = lines.text(&note.source_path) else {
            continue;
        };
        if !is_dutch(text, dutch) {
            continue;
        }
        let blocks = prose::blocks(text);
        let mut report = |rule: Rule, level: Level, line: usize, message: Message| {
            findings.push(Finding {
                diagnostic: Diagnostic {
                    file: note.source_path.clone(),
                    line: Some(line),
                    level,
                    message,
                },
                rule: Some(rule),
            });
        };
        if let Some(level) = readability {
            for (line, message) in
                readability_messages(&blocks, note.title_line, &settings.readability)
            {
                report(Rule::Readability, level, line, message);
            }
        }
        if let Some(level) = mixed
            && let Some((line, message)) = mixed_address_message(&blocks)
        {
            report(Rule::MixedAddress, level, line, message);
        }
    }
}

/// Is the note Dutch: its own `lang:`, else the site's language.
fn is_dutch(file_text: &str, site_is_dutch: bool) -> bool {
    let lang = crate::frontmatter::split(file_text)
        .ok()
        .and_then(|s| crate::frontmatter::parse_mapping(s.yaml, s.yaml_first_line).ok())
        .and_then(|doc| {
            doc.values
                .get("lang")
                .and_then(|v| v.as_str())
                .map(str::to_lowercase)
        });
    match lang {
        Some(lang) => lang == "nl" || lang.starts_with("nl-"),
        None => site_is_dutch,
    }
}

/// `(line, message)` of the note's score and its hardest sentences, when below the threshold.
fn readability_messages(
    blocks: &[prose::Block],
    title_line: usize,
    settings: &ReadabilitySettings,
) -> Vec<(usize, Message)> {
    let sentences = sentences::split(blocks);
    let counts = Counts::of(&sentences);
    let Some(ease) = counts.flesch_douma() else {
        return Vec::new();
    };
    if counts.words < settings.min_words || ease >= settings.min_score {
        return Vec::new();
    }
    let mut out = vec![(
        title_line,
        message!(
            "leesbaarheid: Flesch–Douma {:.1}, lager dan {} (B1): gemiddeld {:.1} woorden per zin en {:.2} lettergrepen per woord; maak zinnen korter en kies kortere woorden",
            "readability: Flesch–Douma {:.1}, below {} (B1): on average {:.1} words per sentence and {:.2} syllables per word; write shorter sentences and choose shorter words",
            ease,
            settings.min_score,
            counts.words as f64 / counts.sentences as f64,
            counts.syllables as f64 / counts.words as f64,
        ),
    )];
    // The sentences that pull the score down most, and are below the threshold themselves.
    let mut ranked: Vec<(f64, score::SentenceEase, &sentences::Sentence)> = sentences
        .iter()
        .map(|s| {
            let ease = score::sentence_ease(s);
            (score::cost(counts, s, &ease), ease, s)
        })
        .filter(|(cost, e, _)| *cost > 0.0 && e.ease < settings.min_score)
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.line.cmp(&b.2.line)));
    for (_, ease, sentence) in ranked.into_iter().take(settings.hardest) {
        let words = sentence.words.len();
        let mut why = vec![message!("{words} woorden", "{words} words")];
        if ease.passives > 0 {
            why.push(Message::new(
                "lijdende vorm (wordt/werd … + voltooid deelwoord)",
                "passive voice (wordt/werd … + past participle)",
            ));
        }
        if !ease.long_words.is_empty() {
            let long = ease.long_words.join(", ");
            why.push(message!("lange woorden: {long}", "long words: {long}"));
        }
        let why = Message::from_fn(|language| {
            why.iter()
                .map(|w| w.text(language))
                .collect::<Vec<_>>()
                .join("; ")
        });
        out.push((
            sentence.line,
            why.within(
                &format!(
                    "moeilijke zin (Flesch–Douma {:.0}; {{}}): “{}”",
                    ease.ease,
                    excerpt(&sentence.text)
                ),
                &format!(
                    "hard sentence (Flesch–Douma {:.0}; {{}}): “{}”",
                    ease.ease,
                    excerpt(&sentence.text)
                ),
            ),
        ));
    }
    out
}

/// The message about *je* and *u* both addressing the reader, at the first use of the form
/// used least.
fn mixed_address_message(blocks: &[prose::Block]) -> Option<(usize, Message)> {
    let uses = address::uses(blocks);
    let je: Vec<_> = uses.iter().filter(|u| u.0 == address::Form::Je).collect();
    let u: Vec<_> = uses.iter().filter(|u| u.0 == address::Form::U).collect();
    if je.is_empty() || u.is_empty() {
        return None;
    }
    let (fewer, name) = if u.len() <= je.len() {
        (&u, "u")
    } else {
        (&je, "je")
    };
    let mut lines: Vec<String> = fewer.iter().map(|f| f.1.to_string()).collect();
    lines.dedup();
    Some((
        fewer[0].1,
        message!(
            "je en u door elkaar: {}× je/jij/jouw/jullie en {}× u/uw; `{name}` op regel {}; kies één aanspreekvorm voor de hele site",
            "je and u mixed: {}× je/jij/jouw/jullie and {}× u/uw; `{name}` on line {}; choose one form of address for the whole site",
            je.len(),
            u.len(),
            lines.join(", ")
        ),
    ))
}

/// At most 80 characters of a sentence, cut at a word.
fn excerpt(text: &str) -> String {
    if text.chars().count() <= 80 {
        return text.to_string();
    }
    let cut: String = text.chars().take(80).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(body: &str) -> Vec<prose::Block> {
        prose::blocks(&format!("---\ntitle: T\n---\n{body}"))
    }

    #[test]
    fn a_hard_note_gets_its_score_and_hardest_sentences() {
        let hard = "De gemeentelijke beleidsmedewerkers ondersteunen maatschappelijke organisaties bij domeinoverstijgende samenwerkingsverbanden. \
            Het maatschappelijk middenveld wordt geïnformeerd over gemeentelijke subsidieregelingen. \
            De kat zit op de mat. \
            Vrijwilligersorganisaties functioneren als intermediaire voorzieningen tussen informele verbanden en professionele dienstverlening. \
            Een sociaal netwerk is belangrijk voor iedereen die meedoet.";
        let settings = ReadabilitySettings {
            min_words: 10,
            ..Default::default()
        };
        let found = readability_messages(&note(hard), 2, &settings);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert_eq!(found[0].0, 2);
        assert!(
            found[0].1.nl().starts_with("leesbaarheid: Flesch–Douma "),
            "{:?}",
            found[0].1
        );
        assert!(
            found
                .iter()
                .skip(1)
                .all(|(line, m)| *line == 4 && m.nl().starts_with("moeilijke zin"))
        );
        assert!(
            found.iter().any(|(_, m)| m.nl().contains("lijdende vorm")),
            "{found:#?}"
        );
        assert!(!found.iter().any(|(_, m)| m.nl().contains("De kat")));
    }

    #[test]
    fn an_easy_or_short_note_gets_nothing() {
        let settings = ReadabilitySettings::default();
        let easy = "Je kunt er zonder afspraak terecht. ".repeat(10);
        assert!(readability_messages(&note(&easy), 2, &settings).is_empty());
        let short = "Gemeenten ondersteunen vrijwilligers.";
        assert!(readability_messages(&note(short), 2, &settings).is_empty());
    }

    #[test]
    fn mixed_address_points_at_the_rarer_form() {
        let (line, message) =
            mixed_address_message(&note("Je kunt hier lezen.\n\nJij ook.\n\nKunt u dat?\n"))
                .unwrap();
        assert_eq!(line, 8);
        assert!(
            message.nl().starts_with("je en u door elkaar: 2× je"),
            "{message:?}"
        );
        assert!(mixed_address_message(&note("Je kunt hier lezen.\n\n> Kunt u dat?\n")).is_none());
    }

    #[test]
    fn the_note_or_site_language_decides() {
        assert!(is_dutch("---\ntitle: T\n---\nTekst", true));
        assert!(!is_dutch("---\ntitle: T\nlang: en\n---\nText", true));
        assert!(is_dutch("---\ntitle: T\nlang: nl\n---\nTekst", false));
        assert!(!is_dutch("---\ntitle: T\n---\nText", false));
    }
}
