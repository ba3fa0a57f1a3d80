//! Tokens of the Bases expression language (filters, formulas, summaries).

/// One token and the byte offset it starts at, for messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: Tok,
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Number(f64),
    Str(String),
    Ident(String),
    /// `( ) [ ] { } , . : ? !` and the operators, as written.
    Punct(&'static str),
    Eof,
}

const PUNCTS: [&str; 25] = [
    "&&", "||", "==", "!=", ">=", "<=", "(", ")", "[", "]", "{", "}", ",", ".", ":", "?", "!", "+",
    "-", "*", "/", "%", ">", "<", "=",
];

/// Splits an expression into tokens. A regular expression literal (`/abc/`) is reported as
/// unsupported rather than misread as division.
pub fn lex(src: &str) -> Result<Vec<Token>, String> {
    let mut out: Vec<Token> = Vec::new();
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let at = i;
        if c.is_ascii_digit() || (c == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                // `1.round()`: a dot followed by a letter ends the number.
                if bytes[i] == b'.' && !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    break;
                }
                i += 1;
            }
            let text = &src[start..i];
            let n = text
                .parse::<f64>()
                .map_err(|_| format!("`{text}` is not a number"))?;
            out.push(Token {
                kind: Tok::Number(n),
                at,
            });
            continue;
        }
        if c == b'"' || c == b'\'' {
            let (text, end) = string_literal(src, i)?;
            out.push(Token {
                kind: Tok::Str(text),
                at,
            });
            i = end;
            continue;
        }
        if c == b'_' || c == b'$' || c.is_ascii_alphabetic() || c >= 0x80 {
            let start = i;
            while i < bytes.len() {
                let b = bytes[i];
                // `-` inside a name (`image-property`) is Obsidian's; `a - b` needs spaces.
                let dash_in_name = b == b'-'
                    && bytes.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic())
                    && i > start;
                if b == b'_' || b == b'$' || b.is_ascii_alphanumeric() || b >= 0x80 || dash_in_name
                {
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(Token {
                kind: Tok::Ident(src[start..i].to_string()),
                at,
            });
            continue;
        }
        if c == b'/' && !ends_value(out.last()) {
            return Err("regular expressions (`/…/`) are not supported".into());
        }
        let Some(p) = PUNCTS.iter().find(|p| src[i..].starts_with(**p)) else {
            let ch = src[i..].chars().next().unwrap_or(' ');
            return Err(format!("unexpected character `{ch}`"));
        };
        out.push(Token {
            kind: Tok::Punct(p),
            at,
        });
        i += p.len();
    }
    out.push(Token {
        kind: Tok::Eof,
        at: src.len(),
    });
    Ok(out)
}

/// Whether a `/` after this token is division (it follows a value) rather than a regex.
fn ends_value(last: Option<&Token>) -> bool {
    match last.map(|t| &t.kind) {
        Some(Tok::Number(_) | Tok::Str(_) | Tok::Ident(_)) => true,
        Some(Tok::Punct(p)) => matches!(*p, ")" | "]" | "}"),
        _ => false,
    }
}

/// Reads a quoted string starting at `start`; returns its text and the offset after it.
fn string_literal(src: &str, start: usize) -> Result<(String, usize), String> {
    let quote = src.as_bytes()[start] as char;
    let mut text = String::new();
    let mut chars = src[start + 1..].char_indices();
    while let Some((i, ch)) = chars.next() {
        match ch {
            '\\' => match chars.next() {
                Some((_, 'n')) => text.push('\n'),
                Some((_, 't')) => text.push('\t'),
                Some((_, other)) => text.push(other),
                None => break,
            },
            c if c == quote => return Ok((text, start + 1 + i + 1)),
            c => text.push(c),
        }
    }
    Err(format!("text starting with {quote} is never closed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        lex(src).unwrap().into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn tokens_table() {
        let id = |s: &str| Tok::Ident(s.into());
        let cases: Vec<(&str, Vec<Tok>)> = vec![
            ("42", vec![Tok::Number(42.0), Tok::Eof]),
            ("2.5", vec![Tok::Number(2.5), Tok::Eof]),
            (".5", vec![Tok::Number(0.5), Tok::Eof]),
            (
                "1.round()",
                vec![
                    Tok::Number(1.0),
                    Tok::Punct("."),
                    id("round"),
                    Tok::Punct("("),
                    Tok::Punct(")"),
                    Tok::Eof,
                ],
            ),
            ("'a\\'b'", vec![Tok::Str("a'b".into()), Tok::Eof]),
            ("\"x\"", vec![Tok::Str("x".into()), Tok::Eof]),
            (
                "a&&!b",
                vec![
                    id("a"),
                    Tok::Punct("&&"),
                    Tok::Punct("!"),
                    id("b"),
                    Tok::Eof,
                ],
            ),
            (
                "x >= 2",
                vec![id("x"), Tok::Punct(">="), Tok::Number(2.0), Tok::Eof],
            ),
            ("image-property", vec![id("image-property"), Tok::Eof]),
            ("a - b", vec![id("a"), Tok::Punct("-"), id("b"), Tok::Eof]),
            ("categorieën", vec![id("categorieën"), Tok::Eof]),
            (
                "a / 2",
                vec![id("a"), Tok::Punct("/"), Tok::Number(2.0), Tok::Eof],
            ),
        ];
        for (src, want) in cases {
            assert_eq!(kinds(src), want, "{src}");
        }
    }

    #[test]
    fn errors_table() {
        for (src, needle) in [
            ("\"open", "never closed"),
            ("a # b", "unexpected character"),
            ("/ab/.matches(x)", "regular expressions"),
        ] {
            let err = lex(src).unwrap_err();
            assert!(err.contains(needle), "{src}: {err}");
        }
    }
}
