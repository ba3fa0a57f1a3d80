//! `check --external`: every external URL of the site (links in note bodies, a publication's
//! `url`, a project's `website`) asked over HTTP(S), politely and concurrently, each result
//! reported at every file and line that uses the URL.

mod cache;
pub mod probe;
pub mod schedule;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use cache::CACHE_DIR;
use cache::{Cache, now_seconds};
use probe::{End, Mirror, Probe, Prober};
use schedule::Politeness;

use super::settings::Rule;
use super::{Finding, FrontMatterLines};
use crate::diagnostic::Diagnostic;
use crate::message;
use crate::message::Message;
use crate::note::KindData;
use crate::site::Site;

/// How to run the external check, beyond the site's settings.
#[derive(Debug, Clone, Default)]
pub struct ExternalRequest {
    /// Ignore results cached by earlier runs (`--no-cache`); new results are still saved.
    pub ignore_cache: bool,
    /// Benchmarks and tests only: fetch every URL from this local mirror instead.
    pub mirror: Option<String>,
}

/// What the external check did, for the summary line.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    /// Distinct URLs (without `#fragment`) checked or taken from the cache.
    pub urls: usize,
    pub from_cache: usize,
    pub fetched: usize,
    /// URLs left out by `skip_prefixes`.
    pub skipped: usize,
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1000.0).round() / 1000.0)
}

/// Where a URL is used.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Use {
    file: PathBuf,
    line: Option<usize>,
}

pub fn check(
    site: &Site,
    lines: &FrontMatterLines,
    root: &Path,
    request: &ExternalRequest,
    findings: &mut Vec<Finding>,
) -> Summary {
    let start = Instant::now();
    let settings = &site.config.check.external;
    let mut summary = Summary::default();
    let mut to_check: Vec<(String, String)> = Vec::new();
    let mut results: BTreeMap<String, Probe> = BTreeMap::new();
    let cache_name = if request.mirror.is_some() {
        "links.mirror.json"
    } else {
        "links.json"
    };
    let use_cache = !settings.cache_max_age.is_zero();
    let mut cache = Cache::load(root, cache_name);
    let now = now_seconds();
    let uses = collect_uses(site, lines);
    for url in uses.keys() {
        if settings.skip_prefixes.iter().any(|p| url.starts_with(p)) {
            summary.skipped += 1;
            continue;
        }
        summary.urls += 1;
        match cache
            .fresh(url, settings.cache_max_age, now)
            .filter(|_| use_cache && !request.ignore_cache)
        {
            Some(probe) => {
                summary.from_cache += 1;
                results.insert(url.clone(), probe.clone());
            }
            None => {
                let host = crate::publisher::host_of(url).unwrap_or_default();
                to_check.push((host, url.clone()));
            }
        }
    }
    summary.fetched = to_check.len();
    let prober = Prober::new(settings, request.mirror.as_deref().map(Mirror::new));
    let politeness = Politeness {
        workers: settings.workers,
        per_host: settings.per_host,
        host_delay: settings.host_delay,
    };
    let probes = schedule::run(&to_check, politeness, |url| prober.probe(url));
    for ((_, url), probe) in to_check.into_iter().zip(probes) {
        if probe.is_cacheable() {
            cache.store(&url, &probe, now);
        }
        results.insert(url, probe);
    }
    if use_cache
        && summary.fetched > 0
        && let Err(e) = cache.save(settings.cache_max_age, now)
    {
        findings.push(Finding {
            diagnostic: Diagnostic::warning(
                Cache::display_path(cache_name),
                None,
                message!(
                    "kan het geheugen van de linkcontrole niet opslaan: {e}",
                    "could not save the link cache: {e}"
                ),
            ),
            rule: None,
        });
    }
    for (url, probe) in &results {
        let Some((rule, message)) = describe(url, probe, prober.timeout()) else {
            continue;
        };
        let Some(level) = site.config.check.level(rule).level() else {
            continue;
        };
        for used in &uses[url] {
            findings.push(Finding {
                diagnostic: Diagnostic {
                    file: used.file.clone(),
                    line: used.line,
                    level,
                    message: message.clone(),
                },
                rule: Some(rule),
            });
        }
    }
    summary.elapsed = start.elapsed();
    summary
}

/// Every external URL by its address without `#fragment`, with where it is used.
fn collect_uses(site: &Site, lines: &FrontMatterLines) -> BTreeMap<String, Vec<Use>> {
    let mut uses: BTreeMap<String, Vec<Use>> = BTreeMap::new();
    let mut add = |url: &str, file: &Path, line: Option<usize>| {
        let key = url.split('#').next().unwrap_or(url).to_string();
        if !(key.starts_with("http://") || key.starts_with("https://")) {
            return;
        }
        let list = uses.entry(key).or_default();
        let used = Use {
            file: file.to_path_buf(),
            line,
        };
        if !list.contains(&used) {
            list.push(used);
        }
    };
    for note in &site.notes {
        let path = note.source_path.as_path();
        match &note.kind_data {
            KindData::Publication { url, .. } if !url.is_empty() => {
                add(url, path, lines.line_of(path, "url"));
            }
            KindData::Project {
                website: Some(website),
                ..
            } => add(website, path, lines.line_of(path, "website")),
            _ => {}
        }
        for link in &note.body.external_links {
            add(&link.url, path, Some(link.line));
        }
    }
    uses
}

/// The rule and message for a probe's result; `None` when the link simply works.
fn describe(url: &str, probe: &Probe, timeout: Duration) -> Option<(Rule, Message)> {
    let (via_nl, via_en) = match probe.hops.last() {
        Some(hop) if !matches!(probe.end, End::Ok { .. }) => (
            format!(" (na een doorverwijzing naar {})", hop.to),
            format!(" (after a redirect to {})", hop.to),
        ),
        _ => (String::new(), String::new()),
    };
    let host = crate::publisher::host_of(probe.final_url(url)).unwrap_or_default();
    let (rule, message) = match &probe.end {
        End::Ok { .. } if probe.hops.is_empty() => return None,
        End::Ok { .. } => {
            let last = probe.final_url(url);
            let n = probe.hops.len();
            let (hops_nl, hops_en) = if n > 1 {
                (
                    format!(" via {n} doorverwijzingen"),
                    format!(" via {n} redirects"),
                )
            } else {
                (String::new(), String::new())
            };
            let status = probe.hops[0].status;
            if probe.is_permanent_move() {
                (
                    Rule::ExternalRedirects,
                    message!(
                        "{url} is voorgoed verhuisd ({status}){hops_nl} naar {last}: link naar het nieuwe adres",
                        "{url} has moved permanently ({status}){hops_en} to {last}: link to the new address"
                    ),
                )
            } else {
                (
                    Rule::ExternalTemporaryRedirects,
                    message!(
                        "{url} verwijst door ({status}){hops_nl} naar {last}",
                        "{url} redirects ({status}){hops_en} to {last}"
                    ),
                )
            }
        }
        End::Status { status } => {
            let reason = reason(*status);
            match status {
                401 | 403 | 408 | 429 => (
                    Rule::ExternalUnreachable,
                    message!(
                        "{url} antwoordde de linkcontrole met {status} {reason}{via_nl}: kijk zelf in een browser",
                        "{url} answered {status} {reason}{via_en} to the link checker: check it in a browser"
                    ),
                ),
                404 | 410 => (
                    Rule::ExternalBroken,
                    message!(
                        "kapotte link {url}: {status} {reason}{via_nl}; zoek waar de pagina nu staat of haal de link weg",
                        "broken link {url}: {status} {reason}{via_en}; find where it went or remove the link"
                    ),
                ),
                400..=499 => (
                    Rule::ExternalBroken,
                    message!(
                        "kapotte link {url}: {status} {reason}{via_nl}",
                        "broken link {url}: {status} {reason}{via_en}"
                    ),
                ),
                500..=599 => (
                    Rule::ExternalUnreachable,
                    message!(
                        "{url}: fout op de server {status} {reason}{via_nl}; probeer het later nog eens",
                        "{url}: server error {status} {reason}{via_en}; try again later"
                    ),
                ),
                _ => (
                    Rule::ExternalUnreachable,
                    message!(
                        "{url}: onverwacht antwoord {status}{via_nl}",
                        "{url}: unexpected answer {status}{via_en}"
                    ),
                ),
            }
        }
        End::Timeout => {
            let wait = human_duration(timeout);
            (
                Rule::ExternalUnreachable,
                message!(
                    "{url}: geen antwoord binnen {wait}{via_nl}",
                    "{url}: no answer within {wait}{via_en}"
                ),
            )
        }
        End::HostNotFound => (
            Rule::ExternalBroken,
            message!(
                "{url}: de server {host} is niet gevonden (DNS){via_nl}; misschien bestaat de site niet meer",
                "{url}: host {host} not found (DNS){via_en}; the site may no longer exist"
            ),
        ),
        End::Tls { message } => (
            Rule::ExternalBroken,
            message!(
                "{url}: de beveiligde verbinding lukte niet (TLS: {message}){via_nl}",
                "{url}: secure connection failed (TLS: {message}){via_en}"
            ),
        ),
        End::Refused => (
            Rule::ExternalBroken,
            message!(
                "{url}: {host} weigert de verbinding{via_nl}",
                "{url}: connection refused by {host}{via_en}"
            ),
        ),
        // Some sites set a cookie and redirect to themselves: it may work in a browser.
        End::TooManyRedirects => {
            let n = probe.hops.len();
            (
                Rule::ExternalUnreachable,
                message!(
                    "{url}: de doorverwijzingen gaan rond of het zijn er meer dan {n}{via_nl}; kijk zelf in een browser",
                    "{url}: redirect loop or more than {n} redirects{via_en}; check it in a browser"
                ),
            )
        }
        End::Failed { message } => (
            Rule::ExternalUnreachable,
            message!(
                "{url}: het opvragen lukte niet: {message}{via_nl}",
                "{url}: request failed: {message}{via_en}"
            ),
        ),
    };
    Some((rule, message))
}

fn human_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}
