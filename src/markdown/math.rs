//! Math, `$…$` inline and `$$…$$` displayed, turned into MathML at build time: browsers draw
//! MathML themselves, so a page needs no script and nothing from elsewhere.
//!
//! `math-core` (formerly latex2mmlc) writes MathML Core, the part of MathML that Chromium,
//! Firefox and Safari all render; it is small, has no runtime dependencies and is kept up
//! to date. The LaTeX source goes along as an annotation (copy and paste, assistive tech).
//! What it cannot read stays visible as the code that was written.

use std::sync::OnceLock;

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};
use pulldown_cmark::{CowStr, Event};

use super::ParsedBody;
use super::escape_html;
use super::events::Ev;

fn converter() -> Option<&'static LatexToMathML> {
    static CONVERTER: OnceLock<Option<LatexToMathML>> = OnceLock::new();
    CONVERTER
        .get_or_init(|| {
            LatexToMathML::new(MathCoreConfig {
                annotation: true,
                ..Default::default()
            })
            .ok()
        })
        .as_ref()
}

pub(crate) fn apply<'a>(events: Vec<Ev<'a>>, source: &str, out: &mut ParsedBody) -> Vec<Ev<'a>> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::InlineMath(_) | Event::DisplayMath(_)))
    {
        return events;
    }
    events
        .into_iter()
        .map(|(event, range)| match event {
            // As in Obsidian (and Pandoc), a closing `$` right before a digit closes nothing:
            // `$5-$10` is two prices.
            Event::InlineMath(latex)
                if source[range.end..].starts_with(|c: char| c.is_ascii_digit()) =>
            {
                (Event::Text(format!("${latex}$").into()), range)
            }
            Event::InlineMath(latex) => {
                out.has_math = true;
                (Event::InlineHtml(render(&latex, false)), range)
            }
            Event::DisplayMath(latex) => {
                out.has_math = true;
                (Event::InlineHtml(render(&latex, true)), range)
            }
            other => (other, range),
        })
        .collect()
}

/// The MathML of one formula, or the formula as code when it cannot be read.
pub(crate) fn render(latex: &str, display: bool) -> CowStr<'static> {
    let mode = if display {
        MathDisplay::Block
    } else {
        MathDisplay::Inline
    };
    match converter().map(|c| c.convert_with_local_state(latex, mode)) {
        Some(Ok(result)) => result.mathml.into(),
        _ => {
            let delimiter = if display { "$$" } else { "$" };
            format!(
                "<code class=\"math-error\">{delimiter}{}{delimiter}</code>",
                escape_html(latex)
            )
            .into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::parse_str;
    use scraper::{Html, Selector};

    fn count(html: &str, selector: &str) -> usize {
        Html::parse_fragment(html)
            .select(&Selector::parse(selector).unwrap())
            .count()
    }

    #[test]
    fn math_becomes_mathml() {
        let body = parse_str("Inline $e^{2i\\pi} = 1$ en\n\n$$\n\\frac{a}{b}\n$$\n");
        assert!(body.has_math);
        assert_eq!(count(&body.html, "math"), 2, "{}", body.html);
        assert_eq!(count(&body.html, "math[display=block]"), 1, "{}", body.html);
        assert_eq!(count(&body.html, "math mfrac"), 1, "{}", body.html);
        assert!(!body.html.contains("<script"));
    }

    #[test]
    fn prices_are_not_math_and_bad_math_stays_readable() {
        for prices in [
            "Het kost $ 5 en $ 10.\n",
            "tussen $5 en $10\n",
            "van $5-$10\n",
        ] {
            let body = parse_str(prices);
            assert!(!body.has_math, "{prices}: {}", body.html);
            assert!(body.html.contains('$'), "{}", body.html);
        }
        let body = parse_str("Fout: $\\geenopdracht{a}$\n");
        assert!(body.html.contains("math-error"), "{}", body.html);
    }
}
