//! Outlook "safelinks" wrap every link in a mail in a redirect through Microsoft; editors paste
//! them into notes. The real address is the `url` query parameter.

use percent_encoding::percent_decode_str;

/// Returns the wrapped address of a safelink, or `None` when `url` is not one.
pub fn unwrap(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path_and_query) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    if !host
        .to_ascii_lowercase()
        .ends_with(".safelinks.protection.outlook.com")
    {
        return None;
    }
    let query = path_and_query.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query.split('&').find_map(|pair| {
        let value = pair.strip_prefix("url=")?;
        let decoded = percent_decode_str(&value.replace('+', " "))
            .decode_utf8()
            .ok()?
            .into_owned();
        // A safelink may wrap another safelink when a mail was forwarded.
        Some(unwrap(&decoded).unwrap_or(decoded))
    })
}

/// The address to publish for an external link.
pub fn clean(url: &str) -> String {
    unwrap(url).unwrap_or_else(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unwraps_an_outlook_safelink() {
        let wrapped = "https://eur05.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.movisie.nl%2Fsites%2Fmovisie.nl%2Ffiles%2F2021-05%2FSterke.pdf&data=05%7C01&sdata=HK8%3D&reserved=0";
        assert_eq!(
            unwrap(wrapped).as_deref(),
            Some("https://www.movisie.nl/sites/movisie.nl/files/2021-05/Sterke.pdf")
        );
    }

    #[test]
    fn leaves_other_links_alone() {
        assert_eq!(unwrap("https://www.movisie.nl/?url=x"), None);
        assert_eq!(
            unwrap("https://evil.example/safelinks.protection.outlook.com/?url=x"),
            None
        );
        assert_eq!(
            clean("https://www.zorgwelzijn.nl/"),
            "https://www.zorgwelzijn.nl/"
        );
    }

    #[test]
    fn unwraps_nested_safelinks() {
        let inner =
            "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fa.nl%2F&data=1";
        let outer = format!(
            "https://eur02.safelinks.protection.outlook.com/?url={}&data=2",
            percent_encoding::utf8_percent_encode(inner, percent_encoding::NON_ALPHANUMERIC)
        );
        assert_eq!(unwrap(&outer).as_deref(), Some("https://a.nl/"));
    }
}
