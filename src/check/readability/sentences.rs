//! Splitting prose into sentences and sentences into words, for Dutch.
//!
//! A sentence ends at `.`, `!`, `?` or `…` followed by a space, a closing quote or bracket,
//! or the end of the block, unless the full stop belongs to an abbreviation (`bijv.`, `e.a.`,
//! `p.`) or to a single letter (`E. van Koolwijk`). Every prose block (paragraph, list item,
//! table cell) ends a sentence too, so a list of short items counts as short sentences.

use super::prose::Block;

/// Abbreviations that end in a full stop without ending the sentence, lower-cased.
const ABBREVIATIONS: &[&str] = &[
    "bv",
    "bijv",
    "bijvoorbeeld",
    "o.a",
    "e.a",
    "e.v",
    "enz",
    "etc",
    "d.w.z",
    "m.a.w",
    "i.p.v",
    "t.o.v",
    "z.g.a.n",
    "ca",
    "nr",
    "nrs",
    "p",
    "pp",
    "blz",
    "dr",
    "drs",
    "mr",
    "ir",
    "ing",
    "prof",
    "mevr",
    "dhr",
    "st",
    "jl",
    "vs",
    "zgn",
    "resp",
    "incl",
    "excl",
    "min",
    "max",
    "art",
    "e.g",
    "i.e",
    "cf",
    "fig",
    "vol",
    "ed",
    "eds",
    "al",
];

/// What may close a sentence after its full stop: quotes and brackets.
const CLOSERS: &str = "”’\"')]»";

#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub text: String,
    /// File line of the sentence's first word.
    pub line: usize,
    pub words: Vec<String>,
}

/// The sentences of prose blocks, in order. Blocks without words give none.
pub fn split(blocks: &[Block]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for block in blocks {
        let text = &block.text;
        let mut start = 0;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            // Closing quotes and brackets right after belong to this sentence.
            let mut end = i + c.len_utf8();
            let mut after = k + 1;
            let mut bracket = false;
            while let Some(&(j, n)) = chars.get(after) {
                if !CLOSERS.contains(n) {
                    break;
                }
                bracket |= n == ')' || n == ']';
                end = j + n.len_utf8();
                after += 1;
            }
            let next = chars.get(after).map(|&(_, n)| n);
            let following = chars[after..]
                .iter()
                .map(|&(_, n)| n)
                .find(|n| !n.is_whitespace());
            let ends = match next {
                None => true,
                // `(een vraag?) hier`: the bracket closes an aside, not the sentence.
                Some(n) if n.is_whitespace() => {
                    !bracket || following.is_none_or(|f| !f.is_lowercase())
                }
                Some(_) => false,
            };
            if !ends || (c == '.' && is_abbreviation(&text[start..i])) {
                continue;
            }
            push(block, start, end, &mut out);
            start = end;
        }
        push(block, start, text.len(), &mut out);
    }
    out
}

fn push(block: &Block, start: usize, end: usize, out: &mut Vec<Sentence>) {
    if start >= end {
        return;
    }
    let piece = &block.text[start..end];
    let words = words(piece);
    if words.is_empty() {
        return;
    }
    let lead = piece.len() - piece.trim_start().len();
    out.push(Sentence {
        text: piece.split_whitespace().collect::<Vec<_>>().join(" "),
        line: block.line_at(start + lead),
        words,
    });
}

/// Is the text before a full stop an abbreviation (or a single letter, an initial)?
fn is_abbreviation(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = last.to_lowercase();
    let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && lower.chars().count() == 1) || ABBREVIATIONS.contains(&lower.as_str())
}

/// The words of a text: runs of letters and digits, with `'`, `’` and `-` inside a word
/// (`collega's`, `semi-formele`) keeping it one word.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        let joins = matches!(c, '\'' | '’' | '-' | '‑')
            && !word.is_empty()
            && chars.get(k + 1).is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() || joins {
            word.push(c);
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        Block {
            own_words: true,
            text: text.into(),
            lines: vec![(0, 1)],
        }
    }

    fn sentences(text: &str) -> Vec<String> {
        split(&[block(text)]).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn sentences_end_at_stops_but_not_at_abbreviations() {
        assert_eq!(
            sentences("Dit is een zin. Nog een, bijv. met een afkorting! En (een vraag?) hier? Ja"),
            [
                "Dit is een zin.",
                "Nog een, bijv. met een afkorting!",
                "En (een vraag?) hier?",
                "Ja"
            ]
        );
        assert_eq!(
            sentences("Zie p. 15 e.v. in versie 2.0. Gegeven door E. van Koolwijk."),
            [
                "Zie p. 15 e.v. in versie 2.0.",
                "Gegeven door E. van Koolwijk."
            ]
        );
        assert_eq!(
            sentences("Hij zei: “Kom.” Daarna ging hij."),
            ["Hij zei: “Kom.”", "Daarna ging hij."]
        );
    }

    #[test]
    fn words_keep_apostrophes_and_hyphens_inside() {
        assert_eq!(
            words("De collega's van de semi-formele sfeer - 81% (55+)."),
            [
                "De",
                "collega's",
                "van",
                "de",
                "semi-formele",
                "sfeer",
                "81",
                "55"
            ]
        );
    }
}
