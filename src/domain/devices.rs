//! A browser's `User-Agent` as people name their device: "Firefox" and "Windows", shown as
//! "Firefox on Windows". A few ordered substring tests cover the browsers people use; anything
//! else is unnamed rather than shown raw.

use serde::Serialize;

/// The browser and operating system read from a `User-Agent`, where they are recognised.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Device {
    pub browser: Option<&'static str>,
    pub system: Option<&'static str>,
}

/// Browsers, tested in this order: each later one's token also appears in earlier ones'
/// strings (Edge and Opera say Chrome; Chrome says Safari).
const BROWSERS: &[(&str, &str)] = &[
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("HeadlessChrome/", "Chromium"),
    ("Chromium/", "Chromium"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("curl/", "curl"),
];

/// Systems, in the same way (Android says Linux; iOS says Mac OS X).
const SYSTEMS: &[(&str, &str)] = &[
    ("Windows", "Windows"),
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("CrOS", "ChromeOS"),
    ("Macintosh", "macOS"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
];

fn first_of(agent: &str, table: &[(&str, &'static str)]) -> Option<&'static str> {
    table
        .iter()
        .find(|(token, _)| agent.contains(token))
        .map(|(_, name)| *name)
}

pub fn device_of(user_agent: Option<&str>) -> Device {
    let agent = user_agent.unwrap_or_default();
    Device {
        browser: first_of(agent, BROWSERS),
        system: first_of(agent, SYSTEMS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(agent: &str) -> (Option<&str>, Option<&str>) {
        let d = device_of(Some(agent));
        (d.browser, d.system)
    }

    #[test]
    fn common_browsers() {
        let headless = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
                        HeadlessChrome/131.0.0.0 Safari/537.36";
        assert_eq!(named(headless), (Some("Chromium"), Some("Linux")));
        let firefox =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(named(firefox), (Some("Firefox"), Some("Windows")));
        let edge =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                    Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        assert_eq!(named(edge), (Some("Edge"), Some("Windows")));
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(named(iphone), (Some("Safari"), Some("iOS")));
        let android = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) \
                       Chrome/131.0.0.0 Mobile Safari/537.36";
        assert_eq!(named(android), (Some("Chrome"), Some("Android")));
        assert_eq!(named("awc/3.5"), (None, None));
        assert_eq!(device_of(None), Device::default());
    }
}
