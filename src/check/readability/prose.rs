//! The note's own prose, as the readability rule measures it: the text of paragraphs, list
//! items, table cells and callouts, with the file line of every piece. Left out: front matter,
//! headings, code, HTML, images, link targets, Obsidian comments (`%% … %%`), quotations
//! (`>` blockquotes that are not `> [!callout]`s), which are someone else's words, and blocks
//! that are only links (`- [[Nabijheid]]`), which are navigation.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diagnostic::LineIndex;
use crate::frontmatter;
use crate::markdown;

/// One block of prose (a paragraph, a list item, a table cell): sentences never run across
/// blocks.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Block {
    pub text: String,
    /// Has the block words outside link texts? One that has none is navigation (`- [[X]]`).
    pub own_words: bool,
    /// `(byte offset in text, file line)` where each piece of text starts, in order.
    pub lines: Vec<(usize, usize)>,
}

impl Block {
    /// The file line of the text at `offset`.
    pub fn line_at(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|(start, _)| *start <= offset);
        self.lines[i.saturating_sub(1)].1
    }

    fn push(&mut self, text: &str, line: usize, in_link: bool) {
        self.own_words |= !in_link && text.chars().any(char::is_alphanumeric);
        if self.lines.last().is_none_or(|(_, l)| *l != line) {
            self.lines.push((self.text.len(), line));
        }
        self.text.push_str(text);
    }
}

/// The prose blocks of a note file (front matter and all).
pub fn blocks(file_text: &str) -> Vec<Block> {
    let (body, body_offset) = match frontmatter::split(file_text) {
        Ok(split) => (split.body, split.body_offset),
        Err(_) => return Vec::new(),
    };
    let body = blank_comments(body);
    let lines = LineIndex::new(file_text);
    let mut out = Vec::new();
    let mut current = Block::default();
    // Depth of what is skipped as a whole (headings, code, images, quotations).
    let mut skipping = 0usize;
    // Per open blockquote: is it a quotation (skipped) or a callout (kept)?
    let mut quotes: Vec<bool> = Vec::new();
    let mut links = 0usize;
    let flush = |current: &mut Block, out: &mut Vec<Block>| {
        blank_callout_marker(&mut current.text);
        if current.own_words && current.text.chars().any(char::is_alphanumeric) {
            out.push(std::mem::take(current));
        } else {
            *current = Block::default();
        }
    };
    for (event, range) in Parser::new_ext(&body, markdown::options()).into_offset_iter() {
        let line = lines.line_of(body_offset + range.start);
        match event {
            Event::Start(Tag::BlockQuote(kind)) => {
                let callout = kind.is_some() || body[range.clone()].contains("[!");
                quotes.push(!callout);
                if !callout {
                    skipping += 1;
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                // A quotation ends its skipping; a callout never started one.
                skipping -= usize::from(quotes.pop() == Some(true));
            }
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Image { .. }) => {
                flush(&mut current, &mut out);
                skipping += 1;
            }
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Image) => {
                skipping -= 1;
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell)
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                flush(&mut current, &mut out);
            }
            Event::Start(Tag::Link { .. }) => links += 1,
            Event::End(TagEnd::Link) => links = links.saturating_sub(1),
            Event::Text(text) if skipping == 0 => current.push(&text, line, links > 0),
            Event::SoftBreak | Event::HardBreak if skipping == 0 => {
                current.push(" ", line, links > 0)
            }
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

/// A callout's `[!note]` marker is markup, not prose: blanked, so offsets stay right.
fn blank_callout_marker(text: &mut String) {
    let lead = text.len() - text.trim_start().len();
    if text[lead..].starts_with("[!")
        && let Some(end) = text[lead..].find(']')
    {
        let mut end = lead + end + 1;
        if text[end..].starts_with(['+', '-']) {
            end += 1;
        }
        text.replace_range(lead..end, &" ".repeat(end - lead));
    }
}

/// Obsidian comments `%% … %%` taken out, keeping their line breaks so lines stay right.
fn blank_comments(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("%%") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("%%") else {
            rest = &rest[start..];
            break;
        };
        let comment = &rest[start..start + 2 + end + 2];
        // Only the line breaks stay: spaces could turn the next line into indented code.
        out.extend(comment.chars().filter(|c| *c == '\n'));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(file: &str) -> Vec<(String, usize)> {
        blocks(file)
            .into_iter()
            .map(|b| (b.text.trim().to_string(), b.lines[0].1))
            .collect()
    }

    #[test]
    fn only_the_notes_own_prose_is_kept() {
        let file = "---\ntitle: Een zin in de kop\nsummary: Niet meten.\n---\n# Kop\n\nEen [[Doel|mooie link]] en [tekst](https://voorbeeld.nl/lang/pad) hier.\n\n> “Een citaat van een ander.”\n\n> [!tip] Let op\n> Eigen tekst in een callout.\n\n```\ncode telt niet\n```\n\n- een punt\n- `code` en nog een punt\n- [[Alleen een link]]\n\n%% een opmerking\nover twee regels %%Na de opmerking.\n";
        assert_eq!(
            texts(file),
            [
                ("Een mooie link en tekst hier.".to_string(), 7),
                ("Let op Eigen tekst in een callout.".to_string(), 11),
                ("een punt".to_string(), 18),
                ("en nog een punt".to_string(), 19),
                ("Na de opmerking.".to_string(), 22),
            ]
        );
    }

    #[test]
    fn every_piece_knows_its_line() {
        let file = "---\ntitle: X\n---\nEerste regel\ntweede regel.\n";
        let block = &blocks(file)[0];
        assert_eq!(block.line_at(0), 4);
        assert_eq!(block.line_at(block.text.find("tweede").unwrap()), 5);
    }
}
