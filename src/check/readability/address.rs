//! How a note addresses its reader: informal *je* (`je`, `jij`, `jou`, `jouw`, `jullie`) or
//! formal *u* (`u`, `uw`). A note, and best a whole site, keeps to one; B1 guidance
//! (e.g. Direct Duidelijk, Rijksoverheid) asks for one form throughout. Text in quotation
//! marks (“…”, „…”, ‘…’) is someone else's words and is left out, like blockquotes.

use super::prose::Block;
use super::sentences::words;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Je,
    U,
}

/// Every form of address in the blocks, with its file line and the word as written.
pub fn uses(blocks: &[Block]) -> Vec<(Form, usize, String)> {
    let mut out = Vec::new();
    for block in blocks {
        for (start, end) in unquoted(&block.text) {
            let piece = &block.text[start..end];
            let mut offset = 0;
            for word in words(piece) {
                let at = piece[offset..].find(&word).map_or(offset, |i| offset + i);
                offset = at + word.len();
                let form = match word.to_lowercase().as_str() {
                    "je" | "jij" | "jou" | "jouw" | "jullie" => Form::Je,
                    "u" | "uw" => Form::U,
                    _ => continue,
                };
                out.push((form, block.line_at(start + at), word));
            }
        }
    }
    out
}

/// Byte ranges of `text` outside quotation marks.
fn unquoted(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut closing: Option<char> = None;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        match closing {
            None => {
                let opens = match c {
                    '“' | '„' => Some('”'),
                    // ‘ opens only at the start of a word; ’ is also the apostrophe.
                    '‘' if prev.is_none_or(|p| !p.is_alphanumeric()) => Some('’'),
                    _ => None,
                };
                if let Some(close) = opens {
                    out.push((start, i));
                    closing = Some(close);
                }
            }
            Some(close) if c == close => {
                // A ’ inside a word (`collega’s`) is an apostrophe, not the end.
                let next = text[i + c.len_utf8()..].chars().next();
                if close == '’' && next.is_some_and(char::is_alphanumeric) {
                    prev = Some(c);
                    continue;
                }
                closing = None;
                start = i + c.len_utf8();
            }
            Some(_) => {}
        }
        prev = Some(c);
    }
    if closing.is_none() {
        out.push((start, text.len()));
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
            lines: vec![(0, 3)],
        }
    }

    #[test]
    fn forms_of_address_are_whole_words_outside_quotations() {
        let found: Vec<(Form, String)> = uses(&[block(
            "Hier vindt u uw weg. Jij en jullie ook. Menu, uur en jouwe tellen niet. ‘Waar beweeg jij je?’ en “Wat doe jij?” ook niet, collega’s wel: je.",
        )])
        .into_iter()
        .map(|(f, _, w)| (f, w))
        .collect();
        assert_eq!(
            found,
            [
                (Form::U, "u".to_string()),
                (Form::U, "uw".into()),
                (Form::Je, "Jij".into()),
                (Form::Je, "jullie".into()),
                (Form::Je, "je".into()),
            ]
        );
    }
}
