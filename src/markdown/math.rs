//! Math, `$…$` inline and `$$…$$` displayed, turned into MathML at build time: browsers draw
//! MathML themselves, so a page needs no script and nothing from elsewhere.
//!
//! `math-core` (formerly latex2mmlc) writes MathML Core, the part of MathML that Chromium,
//! Firefox and Safari all render; it is small, has no runtime dependencies and is kept up
//! to date. The LaTeX source goes along as an annotation (copy and paste, assistive tech).
//! What it cannot read stays visible as the code that was written; math-core 0.7 panics on
//! some malformed input (`$a & b$`), so a panic inside it counts as "cannot read" too, and is
//! kept off the terminal: an editor's typo is not a crash report.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Once, OnceLock};

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
    match converter().and_then(|c| quietly(|| c.convert_with_local_state(latex, mode))) {
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

thread_local! {
    static CONVERTING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into None without printing it; other panics print as before.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CONVERTING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    CONVERTING.with(|c| c.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f)).ok();
    CONVERTING.with(|c| c.set(false));
    result
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{parse_str, random_texts};
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
        assert_eq!(count(&body.html(), "math"), 2, "{}", body.html());
        assert_eq!(
            count(&body.html(), "math[display=block]"),
            1,
            "{}",
            body.html()
        );
        assert_eq!(count(&body.html(), "math mfrac"), 1, "{}", body.html());
        assert!(!body.html().contains("<script"));
    }

    #[test]
    fn prices_are_not_math_and_bad_math_stays_readable() {
        for prices in [
            "Het kost $ 5 en $ 10.\n",
            "tussen $5 en $10\n",
            "van $5-$10\n",
        ] {
            let body = parse_str(prices);
            assert!(!body.has_math, "{prices}: {}", body.html());
            assert!(body.html().contains('$'), "{}", body.html());
        }
        for wrong in ["Fout: $\\geenopdracht{a}$\n", "Fout: $a & b$\n", "$$x^$$\n"] {
            let body = parse_str(wrong);
            assert!(
                body.html().contains("math-error"),
                "{wrong}: {}",
                body.html()
            );
        }
    }

    /// Whatever an editor types between dollars, the build goes on.
    #[test]
    fn broken_formulas_never_panic() {
        const PIECES: &[&str] = &[
            "\\frac",
            "{",
            "}",
            "^",
            "_",
            "\\begin{matrix}",
            "\\end{matrix}",
            "&",
            "\\\\",
            "x",
            "\\left(",
            "\\right)",
            "\\sqrt",
            "[",
            "]",
            "\\text{é}",
            "\\",
            "#",
            "%",
            "\\over",
        ];
        for (i, latex) in random_texts(PIECES, 5000, 8).iter().enumerate() {
            let _ = super::render(latex, i % 3 == 0);
        }
    }
}
