//! Escaping for the HTML and SVG that Rust code writes itself (bases, canvases); templates
//! escape through tera.

/// Text and attribute values: `&`, `<`, `>`, `"` and `'` escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// `escape` onto a writer: the escape function of our templates. Tera's own writes one byte
/// at a time through a `dyn Write` (6.5% of a cold build of 10,000 notes in perf), and its
/// faster one leaves `'` as it is.
pub fn escape_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escaped_pieces(text, |piece| out.write_all(piece.as_bytes()))
}

/// `escape`, written onto `out`: what the long loops of a base's table use, without a string
/// per cell.
pub fn escape_into(out: &mut String, text: &str) {
    let Ok(()) = escaped_pieces::<std::convert::Infallible>(text, |piece| {
        out.push_str(piece);
        Ok(())
    });
}

/// `text` escaped, handed to `emit` in pieces: the runs between the five characters, and an
/// entity for each of them.
fn escaped_pieces<E>(text: &str, mut emit: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    // By bytes: the five characters are ASCII, so the runs between them are whole UTF-8.
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = next_special(bytes, from) {
        let entity = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        };
        emit(&text[from..i])?;
        emit(entity)?;
        from = i + 1;
    }
    emit(&text[from..])
}

fn is_special(byte: u8) -> bool {
    matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'')
}

/// Where the next of the five characters is, at or after `from`. Eight bytes at a time: most
/// text has none, and escaping every value of every page was 2% of a cold build byte by byte.
fn next_special(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `word` equal to `byte` (the lowest one found is exact: a
    // false one only ever stands above a true one).
    let equal = |word: u64, byte: u8| {
        let x = word ^ (ONES * byte as u64);
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let found = equal(word, b'&')
            | equal(word, b'<')
            | equal(word, b'>')
            | equal(word, b'"')
            | equal(word, b'\'');
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i.min(bytes.len())..]
        .iter()
        .position(|b| is_special(*b))
        .map(|p| i + p)
}

/// Whether a URL may become an `href` as written: web, mail and telephone links only.
pub fn is_safe_url(url: &str) -> bool {
    let url = url.trim().as_bytes();
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|p| url.len() >= p.len() && url[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    /// Each of the five at every place in and across eight-byte words, and bytes close to them
    /// (one bit off, DEL, a letter of two bytes) found nowhere.
    #[test]
    fn the_five_are_found_wherever_they_stand() {
        for special in ['&', '<', '>', '"', '\'', '\u{7f}', '%', '=', '?', 'é'] {
            for at in 0..20 {
                let text: String = (0..20)
                    .map(|i| if i == at { special } else { 'a' })
                    .collect();
                let escaped = escape(&text);
                let plain: String = text
                    .chars()
                    .map(|c| match c {
                        '&' => "&amp;".to_string(),
                        '<' => "&lt;".to_string(),
                        '>' => "&gt;".to_string(),
                        '"' => "&quot;".to_string(),
                        '\'' => "&#39;".to_string(),
                        c => c.to_string(),
                    })
                    .collect();
                assert_eq!(escaped, plain, "{text}");
            }
        }
    }

    #[test]
    fn templates_escape_as_tera_does() {
        for text in [
            "",
            "plain",
            "<b>",
            "'s avonds & \"zo\"",
            "één > twee",
            "&&",
            "x'",
            "precies acht<",
            "<<<<<<<<<<<<<<<<&",
            "zestien tekens..\"",
            "Één buurt, één plan & één 'budget' voor <iedereen> die \"meedoet\"",
        ] {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_to(text, &mut ours).unwrap();
            tera::escape_html(text, &mut teras).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(teras).unwrap()
            );
        }
    }

    #[test]
    fn only_web_mail_and_phone_urls_are_safe() {
        assert!(is_safe_url("https://movisie.nl"));
        assert!(is_safe_url("mailto:a@b.nl"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
    }
}
