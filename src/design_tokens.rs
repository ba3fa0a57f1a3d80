//! Design tokens (CSS custom properties named as NL Design System names them) and the WCAG
//! AA contrast check of the colours a site's token file sets.
//!
//! The default theme's `css/tokens.css` declares every token the theme reads
//! (`--utrecht-document-color`, `--utrecht-link-color`, `--utrecht-page-header-background-color`,
//! …); a site's own token file (`design_tokens:` in the config, e.g. a municipality's published
//! design-tokens package copied into `static/`) is loaded after it and wins where it sets a
//! token. The check here merges both the same way, resolves `var()` references, and compares
//! the pairs of colours that stand on each other in the theme. Values in `light-dark(a, b)`
//! are checked in both schemes.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::message::Message;

/// One token declaration: its value as written and the line it stands on.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub value: String,
    pub line: usize,
}

/// Token name (with the leading `--`) → its last declaration in the file.
pub type Tokens = BTreeMap<String, Token>;

/// Foreground token, background token, what the pair is, minimum contrast ratio.
const PAIRS: &[(&str, &str, (&str, &str), f64)] = &[
    (
        "--utrecht-document-color",
        "--utrecht-document-background-color",
        ("tekst", "text"),
        4.5,
    ),
    (
        "--utrecht-link-color",
        "--utrecht-document-background-color",
        ("links", "links"),
        4.5,
    ),
    (
        "--utrecht-link-visited-color",
        "--utrecht-document-background-color",
        ("bezochte links", "visited links"),
        4.5,
    ),
    (
        "--kennisbank-muted-color",
        "--utrecht-document-background-color",
        ("bijschriften", "secondary text"),
        4.5,
    ),
    (
        "--utrecht-page-header-color",
        "--utrecht-page-header-background-color",
        ("de kop van de site", "the header"),
        4.5,
    ),
    (
        "--utrecht-page-footer-color",
        "--utrecht-page-footer-background-color",
        ("de voet van de site", "the footer"),
        4.5,
    ),
    (
        "--utrecht-button-primary-action-color",
        "--utrecht-button-primary-action-background-color",
        ("knoppen", "buttons"),
        4.5,
    ),
];

/// The custom properties declared anywhere in `css` (comments skipped). A later declaration
/// of the same name wins, as it would on `:root`.
pub fn parse(css: &str) -> Tokens {
    let text = blank_comments(css);
    let mut tokens = Tokens::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(found) = text[i..].find("--") {
        let start = i + found;
        let before = text[..start].chars().next_back();
        let name_end = start
            + 2
            + text[start + 2..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(text.len() - start - 2);
        i = name_end;
        // A declaration starts a statement: after `{`, `;` or white space, and has a colon.
        if !matches!(before, None | Some('{' | ';' | ' ' | '\n' | '\t' | '\r')) {
            continue;
        }
        let rest = &text[name_end..];
        let Some(colon) = rest.find(|c: char| !c.is_whitespace()) else {
            break;
        };
        if bytes[name_end + colon] != b':' {
            continue;
        }
        let value_start = name_end + colon + 1;
        let value_end = value_end(&text[value_start..]) + value_start;
        let line = text[..start].matches('\n').count() + 1;
        tokens.insert(
            text[start..name_end].to_string(),
            Token {
                value: text[value_start..value_end].trim().to_string(),
                line,
            },
        );
        i = value_end;
    }
    tokens
}

/// Where a declaration's value ends: the first `;` or `}` outside brackets.
fn value_end(s: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ';' | '}' if depth == 0 => return i,
            _ => {}
        }
    }
    s.len()
}

/// The text with every `/* … */` replaced by spaces, newlines kept so lines still count.
fn blank_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let end = rest[start + 2..]
            .find("*/")
            .map_or(rest.len(), |e| start + e + 4);
        out.extend(
            rest[start..end]
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' }),
        );
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Which of the two colour schemes a `light-dark()` value is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Light,
    Dark,
}

/// Resolves a token to a colour in `scheme`, following `var()` (with fallbacks) through
/// `tokens`. `None` when it is not a colour this module can read.
pub fn resolve_color(tokens: &Tokens, name: &str, scheme: Scheme) -> Option<Rgba> {
    let value = resolve(tokens, name, scheme, 0)?;
    parse_color(&value)
}

fn resolve(tokens: &Tokens, name: &str, scheme: Scheme, depth: usize) -> Option<String> {
    if depth > 32 {
        return None;
    }
    let value = tokens.get(name)?.value.trim();
    substitute(tokens, value, scheme, depth)
}

fn substitute(tokens: &Tokens, value: &str, scheme: Scheme, depth: usize) -> Option<String> {
    let value = value.trim();
    if let Some(inner) = function_args(value, "var") {
        let (name, fallback) = split_first_comma(inner);
        return resolve(tokens, name.trim(), scheme, depth + 1)
            .filter(|v| !v.is_empty())
            .or_else(|| fallback.and_then(|f| substitute(tokens, f, scheme, depth + 1)));
    }
    if let Some(inner) = function_args(value, "light-dark") {
        let (light, dark) = split_first_comma(inner);
        let chosen = match scheme {
            Scheme::Light => light,
            Scheme::Dark => dark?,
        };
        return substitute(tokens, chosen, scheme, depth + 1);
    }
    Some(value.to_string())
}

/// `inner` of `name(inner)` when `value` is exactly such a call.
fn function_args<'a>(value: &'a str, name: &str) -> Option<&'a str> {
    let rest = value.strip_prefix(name)?.trim_start().strip_prefix('(')?;
    rest.strip_suffix(')')
}

/// Splits at the first comma outside brackets.
fn split_first_comma(s: &str) -> (&str, Option<&str>) {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => return (&s[..i], Some(&s[i + 1..])),
            _ => {}
        }
    }
    (s, None)
}

/// A colour with channels 0–255 and alpha 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgba {
    pub r: f64,
    pub g: f64,
    pub b: f64,
    pub a: f64,
}

/// Reads the colour forms token packages use: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`,
/// `rgb()`/`rgba()`, `hsl()`/`hsla()` (comma or space syntax), `white`, `black`.
pub fn parse_color(value: &str) -> Option<Rgba> {
    let v = value.trim().to_ascii_lowercase();
    if let Some(hex) = v.strip_prefix('#') {
        return parse_hex(hex);
    }
    match v.as_str() {
        "white" => return Some(rgb(255.0, 255.0, 255.0)),
        "black" => return Some(rgb(0.0, 0.0, 0.0)),
        _ => {}
    }
    let (name, args) = v.split_once('(')?;
    let args = args.strip_suffix(')')?;
    let parts: Vec<&str> = args
        .split(|c: char| c == ',' || c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 3 {
        return None;
    }
    let alpha = parts
        .get(3)
        .map_or(Some(1.0), |a| number_or_percent(a, 1.0))?;
    match name.trim() {
        "rgb" | "rgba" => Some(Rgba {
            r: number_or_percent(parts[0], 255.0)?,
            g: number_or_percent(parts[1], 255.0)?,
            b: number_or_percent(parts[2], 255.0)?,
            a: alpha,
        }),
        "hsl" | "hsla" => {
            let hue = parts[0].trim_end_matches("deg").parse::<f64>().ok()?;
            let sat = number_or_percent(parts[1], 1.0)?;
            let light = number_or_percent(parts[2], 1.0)?;
            let mut color = hsl_to_rgb(hue, sat, light);
            color.a = alpha;
            Some(color)
        }
        _ => None,
    }
}

fn rgb(r: f64, g: f64, b: f64) -> Rgba {
    Rgba { r, g, b, a: 1.0 }
}

/// `50%` as a share of `full`, or a plain number as it is.
fn number_or_percent(s: &str, full: f64) -> Option<f64> {
    match s.strip_suffix('%') {
        Some(p) => p.parse::<f64>().ok().map(|p| p / 100.0 * full),
        None => s.parse::<f64>().ok(),
    }
}

fn parse_hex(hex: &str) -> Option<Rgba> {
    let digit = |i: usize, len: usize| -> Option<f64> {
        let s = hex.get(i * len..i * len + len)?;
        let n = u8::from_str_radix(s, 16).ok()?;
        Some(if len == 1 {
            f64::from(n * 17)
        } else {
            f64::from(n)
        })
    };
    let (len, channels) = match hex.len() {
        3 | 4 => (1, hex.len()),
        6 | 8 => (2, hex.len() / 2),
        _ => return None,
    };
    Some(Rgba {
        r: digit(0, len)?,
        g: digit(1, len)?,
        b: digit(2, len)?,
        a: if channels == 4 {
            digit(3, len)? / 255.0
        } else {
            1.0
        },
    })
}

fn hsl_to_rgb(hue: f64, sat: f64, light: f64) -> Rgba {
    let c = (1.0 - (2.0 * light - 1.0).abs()) * sat;
    let h = hue.rem_euclid(360.0) / 60.0;
    let x = c * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = light - c / 2.0;
    rgb((r + m) * 255.0, (g + m) * 255.0, (b + m) * 255.0)
}

/// WCAG 2.1 relative luminance.
fn luminance(c: Rgba) -> f64 {
    let channel = |v: f64| {
        let s = v / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG 2.1 contrast ratio of `fg` on an opaque `bg` (a translucent `fg` is blended first).
pub fn contrast(fg: Rgba, bg: Rgba) -> f64 {
    let blend = |f: f64, b: f64| f * fg.a + b * (1.0 - fg.a);
    let fg = rgb(blend(fg.r, bg.r), blend(fg.g, bg.g), blend(fg.b, bg.b));
    let (a, b) = (luminance(fg), luminance(bg));
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    (hi + 0.05) / (lo + 0.05)
}

/// Warnings for every pair of colours in the theme that the site's token file (`site`, at
/// `file`) makes fail WCAG AA, after laying it over the theme's own tokens (`theme`). Pairs
/// the site's file does not touch are not reported: they are the theme's responsibility.
pub fn contrast_warnings(theme: &Tokens, site: &Tokens, file: &Path) -> Vec<Diagnostic> {
    let mut merged = theme.clone();
    merged.extend(site.iter().map(|(k, v)| (k.clone(), v.clone())));
    let dark = has_dark_scheme(site);
    let mut warnings = Vec::new();
    for (fg, bg, what, minimum) in PAIRS {
        let touched = [fg, bg]
            .iter()
            .filter_map(|name| first_site_token(&merged, site, name))
            .min_by_key(|t| t.line);
        let Some(touched) = touched else { continue };
        let schemes: &[Scheme] = if dark {
            &[Scheme::Light, Scheme::Dark]
        } else {
            &[Scheme::Light]
        };
        for scheme in schemes {
            let (Some(f), Some(b)) = (
                resolve_color(&merged, fg, *scheme),
                resolve_color(&merged, bg, *scheme),
            ) else {
                continue;
            };
            let ratio = contrast(f, b);
            if ratio < *minimum {
                let dark = *scheme == Scheme::Dark;
                let message = Message::new(
                    format!(
                        "de kleuren voor {}{} ({fg} op {bg}) hebben een contrast van \
                         {ratio:.1}:1; WCAG AA vraagt minstens {minimum}:1",
                        what.0,
                        if dark { " in donkere modus" } else { "" },
                    ),
                    format!(
                        "the colours for {}{} ({fg} on {bg}) have a contrast of \
                         {ratio:.1}:1; WCAG AA asks at least {minimum}:1",
                        what.1,
                        if dark { " in dark mode" } else { "" },
                    ),
                );
                warnings.push(Diagnostic::warning(file, Some(touched.line), message));
            }
        }
    }
    warnings
}

/// The site's own declaration that decides `name`: the token itself or, following `var()`,
/// the first token on its way that the site's file sets.
fn first_site_token<'a>(merged: &Tokens, site: &'a Tokens, name: &str) -> Option<&'a Token> {
    let mut current = name.to_string();
    for _ in 0..32 {
        if let Some(token) = site.get(&current) {
            return Some(token);
        }
        let value = merged.get(&current)?.value.trim();
        let inner = function_args(value, "var")?;
        current = split_first_comma(inner).0.trim().to_string();
    }
    None
}

/// Whether a token file gives colours for dark mode (`light-dark()` values). A site's own
/// tokens without them get a light-only site: the theme does not invent a dark version of an
/// organisation's colours.
pub fn has_dark_scheme(tokens: &Tokens) -> bool {
    tokens.values().any(|t| t.value.contains("light-dark("))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declarations_with_lines_and_skips_comments() {
        let tokens = parse(
            "/* --not-a-token: red; */\n:root {\n  --a-color: #fff; /* white */\n  --b: var(--a-color);\n}\n.x { color: var(--b); }",
        );
        assert_eq!(tokens.len(), 2, "{tokens:?}");
        assert_eq!(tokens["--a-color"].line, 3);
        assert_eq!(tokens["--b"].value, "var(--a-color)");
    }

    #[test]
    fn colours_in_every_form_packages_use() {
        let white = parse_color("#fff").unwrap();
        assert_eq!((white.r, white.g, white.b), (255.0, 255.0, 255.0));
        assert_eq!(parse_color("#154273").unwrap().g, 66.0);
        assert_eq!(parse_color("rgb(21 66 115)").unwrap().b, 115.0);
        assert_eq!(parse_color("rgba(0, 0, 0, 0.5)").unwrap().a, 0.5);
        let grey = parse_color("hsla(0, 0%, 18%, 1)").unwrap();
        assert!((grey.r - 45.9).abs() < 0.1, "{grey:?}");
        let blue = parse_color("hsl(207 80% 35%)").unwrap();
        assert!(blue.b > blue.r, "{blue:?}");
        assert_eq!(parse_color("currentColor"), None);
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        let black = parse_color("#000").unwrap();
        let white = parse_color("#fff").unwrap();
        assert!((contrast(black, white) - 21.0).abs() < 0.01);
        let grey = parse_color("#767676").unwrap();
        assert!((contrast(grey, white) - 4.54).abs() < 0.01);
    }

    #[test]
    fn resolves_var_chains_fallbacks_and_light_dark() {
        let tokens = parse(
            ":root { --base: #000; --x: var(--base); --y: var(--missing, #fff); --z: light-dark(var(--x), #fff); }",
        );
        assert_eq!(
            resolve_color(&tokens, "--x", Scheme::Light),
            parse_color("#000")
        );
        assert_eq!(
            resolve_color(&tokens, "--y", Scheme::Light),
            parse_color("#fff")
        );
        assert_eq!(
            resolve_color(&tokens, "--z", Scheme::Dark),
            parse_color("#fff")
        );
    }

    #[test]
    fn the_default_theme_passes_in_light_and_dark() {
        let theme = parse(include_str!("../themes/default/static/css/tokens.css"));
        assert!(has_dark_scheme(&theme));
        // Checked as if the site had set every token itself.
        let warnings = contrast_warnings(&Tokens::new(), &theme, Path::new("tokens.css"));
        assert!(warnings.is_empty(), "{warnings:#?}");
        for (fg, bg, ..) in PAIRS {
            for scheme in [Scheme::Light, Scheme::Dark] {
                assert!(resolve_color(&theme, fg, scheme).is_some(), "{fg}");
                assert!(resolve_color(&theme, bg, scheme).is_some(), "{bg}");
            }
        }
    }

    #[test]
    fn a_pale_link_colour_is_reported_at_its_line() {
        let theme = parse(include_str!("../themes/default/static/css/tokens.css"));
        let site =
            parse(":root {\n  --brand: #8ab4f8;\n  --utrecht-link-color: var(--brand);\n}\n");
        let warnings = contrast_warnings(&theme, &site, Path::new("static/tokens.css"));
        assert_eq!(warnings.len(), 1, "{warnings:#?}");
        assert_eq!(warnings[0].line, Some(3));
        assert!(
            warnings[0]
                .message
                .nl()
                .starts_with("de kleuren voor links"),
            "{warnings:?}"
        );
    }
}
