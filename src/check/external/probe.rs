//! Asks one URL whether it still works: HEAD, falling back to GET where servers refuse HEAD,
//! following redirects one by one so each hop can be reported.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ureq::Agent;

use super::super::settings::ExternalSettings;

const MAX_HOPS: usize = 10;

/// What became of a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probe {
    /// The redirects followed, in order.
    pub hops: Vec<Hop>,
    pub end: End,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    pub status: u16,
    /// The absolute URL redirected to.
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum End {
    /// A 2xx answer.
    Ok {
        status: u16,
    },
    /// Any other answer that is no redirect.
    Status {
        status: u16,
    },
    Timeout,
    HostNotFound,
    Tls {
        message: String,
    },
    Refused,
    TooManyRedirects,
    Failed {
        message: String,
    },
}

impl Probe {
    /// The address the URL ends at after its redirects.
    pub fn final_url<'a>(&'a self, url: &'a str) -> &'a str {
        self.hops.last().map_or(url, |h| h.to.as_str())
    }

    /// Whether every redirect was permanent (301, 308): then the link should change.
    pub fn is_permanent_move(&self) -> bool {
        !self.hops.is_empty() && self.hops.iter().all(|h| matches!(h.status, 301 | 308))
    }

    /// Results that stay true for a while: a working link, or a definite 4xx. Timeouts,
    /// server errors and connection trouble are asked again next time.
    pub fn is_cacheable(&self) -> bool {
        match self.end {
            End::Ok { .. } => true,
            End::Status { status } => {
                (400..500).contains(&status) && !matches!(status, 401 | 403 | 408 | 429)
            }
            _ => false,
        }
    }
}

/// For benchmarks and tests without the internet: every URL `scheme://host/path` is fetched
/// from `{base}/scheme/host/path` instead, and reported by its own address.
#[derive(Debug, Clone)]
pub struct Mirror {
    base: String,
}

impl Mirror {
    pub fn new(base: &str) -> Mirror {
        Mirror {
            base: base.trim_end_matches('/').to_string(),
        }
    }

    pub fn fetch_url(&self, url: &str) -> String {
        match url.split_once("://") {
            Some((scheme, rest)) => format!("{}/{scheme}/{rest}", self.base),
            None => url.to_string(),
        }
    }

    /// The original address of a URL the mirror redirected to.
    pub fn original_url(&self, fetched: &str) -> String {
        let Some(rest) = fetched.strip_prefix(&self.base) else {
            return fetched.to_string();
        };
        match rest.trim_start_matches('/').split_once('/') {
            Some((scheme, rest)) => format!("{scheme}://{rest}"),
            None => fetched.to_string(),
        }
    }
}

pub struct Prober {
    agent: Agent,
    mirror: Option<Mirror>,
    timeout: Duration,
}

impl Prober {
    pub fn new(settings: &ExternalSettings, mirror: Option<Mirror>) -> Prober {
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            // Redirects are followed here, hop by hop, to report them.
            .max_redirects(0)
            .user_agent(settings.user_agent.as_str())
            .timeout_global(Some(settings.timeout))
            .build()
            .into();
        Prober {
            agent,
            mirror,
            timeout: settings.timeout,
        }
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    pub fn probe(&self, url: &str) -> Probe {
        let mut hops: Vec<Hop> = Vec::new();
        let mut current = url.to_string();
        loop {
            let (status, location) = match self.ask(&current) {
                Ok(answer) => answer,
                Err(end) => return Probe { hops, end },
            };
            let Some(location) = location.filter(|_| is_redirect(status)) else {
                let end = if (200..300).contains(&status) {
                    End::Ok { status }
                } else {
                    End::Status { status }
                };
                return Probe { hops, end };
            };
            let fetched = self.fetch_url(&current);
            let next = match &self.mirror {
                Some(mirror) => mirror.original_url(&join(&fetched, &location)),
                None => join(&current, &location),
            };
            let looped = next == url || hops.iter().any(|h| h.to == next);
            hops.push(Hop {
                status,
                to: next.clone(),
            });
            if looped || hops.len() >= MAX_HOPS {
                return Probe {
                    hops,
                    end: End::TooManyRedirects,
                };
            }
            current = next;
        }
    }

    fn fetch_url(&self, url: &str) -> String {
        let url = encode_url(url);
        match &self.mirror {
            Some(mirror) => mirror.fetch_url(&url),
            None => url,
        }
    }

    /// One HEAD, and a GET when the server does not do HEAD (405, 501) or refuses it (403).
    fn ask(&self, url: &str) -> Result<(u16, Option<String>), End> {
        let fetch = self.fetch_url(url);
        let head = self.agent.head(&fetch).call().map_err(classify)?;
        let answer = answer_of(&head);
        drop(head);
        if matches!(answer.0, 403 | 405 | 501) {
            let get = self.agent.get(&fetch).call().map_err(classify)?;
            return Ok(answer_of(&get));
        }
        Ok(answer)
    }
}

fn answer_of(response: &ureq::http::Response<ureq::Body>) -> (u16, Option<String>) {
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (response.status().as_u16(), location)
}

fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

fn classify(error: ureq::Error) -> End {
    match error {
        ureq::Error::Timeout(_) => End::Timeout,
        ureq::Error::HostNotFound => End::HostNotFound,
        ureq::Error::Tls(message) => End::Tls {
            message: message.to_string(),
        },
        ureq::Error::Rustls(e) => End::Tls {
            message: e.to_string(),
        },
        ureq::Error::Io(e) => match e.kind() {
            std::io::ErrorKind::ConnectionRefused => End::Refused,
            std::io::ErrorKind::TimedOut => End::Timeout,
            _ if e.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) => End::Tls {
                message: e.to_string(),
            },
            _ => {
                let message = e.to_string();
                let lower = message.to_lowercase();
                if lower.contains("lookup") || lower.contains("not known") {
                    End::HostNotFound
                } else if lower.contains("tls") || lower.contains("certificate") {
                    End::Tls { message }
                } else {
                    End::Failed { message }
                }
            }
        },
        ureq::Error::ConnectionFailed => End::Refused,
        other => End::Failed {
            message: other.to_string(),
        },
    }
}

/// Percent-encodes what may not stand in a request line (spaces, non-ASCII), as browsers do;
/// `%` itself is left alone so an encoded URL stays as it is.
fn encode_url(url: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'|')
        .add(b'\\')
        .add(b'^');
    percent_encoding::utf8_percent_encode(url, SET).to_string()
}

/// Resolves a `Location` header against the URL that sent it.
pub fn join(base: &str, location: &str) -> String {
    let location = location.trim();
    let Some((scheme, rest)) = base.split_once("://") else {
        return location.to_string();
    };
    if location.split_once("://").is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    }) {
        return location.to_string();
    }
    if let Some(net) = location.strip_prefix("//") {
        return format!("{scheme}://{net}");
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..authority_end]);
    let path_and_more = &rest[authority_end..];
    let path = path_and_more.split(['?', '#']).next().unwrap_or("");
    if location.starts_with('/') {
        format!("{origin}{location}")
    } else if location.starts_with('?') {
        format!("{origin}{path}{location}")
    } else if location.is_empty() {
        base.to_string()
    } else {
        let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
        format!("{origin}{dir}{location}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_against_the_current_url() {
        let base = "https://a.nl/x/y?q=1";
        assert_eq!(join(base, "https://b.nl/z"), "https://b.nl/z");
        assert_eq!(join(base, "//c.nl/"), "https://c.nl/");
        assert_eq!(join(base, "/root"), "https://a.nl/root");
        assert_eq!(join(base, "z"), "https://a.nl/x/z");
        assert_eq!(join(base, "?p=2"), "https://a.nl/x/y?p=2");
        assert_eq!(join("https://a.nl", "z"), "https://a.nl/z");
    }

    #[test]
    fn the_mirror_maps_both_ways() {
        let mirror = Mirror::new("http://127.0.0.1:9999/");
        let fetched = mirror.fetch_url("https://www.movisie.nl/a?b=c");
        assert_eq!(fetched, "http://127.0.0.1:9999/https/www.movisie.nl/a?b=c");
        assert_eq!(
            mirror.original_url(&fetched),
            "https://www.movisie.nl/a?b=c"
        );
    }

    #[test]
    fn non_ascii_and_spaces_are_encoded() {
        assert_eq!(
            encode_url("https://a.nl/één ouder%20x"),
            "https://a.nl/%C3%A9%C3%A9n%20ouder%20x"
        );
    }

    #[test]
    fn only_definite_answers_are_cached() {
        let probe = |end| Probe {
            hops: Vec::new(),
            end,
        };
        assert!(probe(End::Ok { status: 200 }).is_cacheable());
        assert!(probe(End::Status { status: 404 }).is_cacheable());
        assert!(!probe(End::Status { status: 429 }).is_cacheable());
        assert!(!probe(End::Status { status: 503 }).is_cacheable());
        assert!(!probe(End::Timeout).is_cacheable());
        assert!(!probe(End::Refused).is_cacheable());
    }
}
