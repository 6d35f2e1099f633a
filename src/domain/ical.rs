//! A small iCalendar (RFC 5545) writer: the few properties the calendar's feeds and single
//! events need, with the rules that lenient parsers accept silently but strict clients reject:
//! CRLF line ends, content lines folded at 75 octets (never inside a UTF-8 character), TEXT
//! values with `\`, `;`, `,` and newlines escaped, `VERSION` and `PRODID` once.
//!
//! Written here rather than taken from a crate: the portal writes one component (`VEVENT`) with
//! a dozen properties, which is less code than adapting a general library's model, and the
//! octet folding is tested below.

use chrono::{NaiveDate, NaiveDateTime};

/// The longest content line in octets, CRLF excluded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line: at most 75 octets per physical line, continuation lines begin
/// with one space (which counts in their 75), breaks only between characters; CRLF after each.
pub fn fold_line(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

/// A date as `VALUE=DATE` wants it.
pub fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// A UTC time as `DATE-TIME` in UTC form (`Z`).
pub fn utc_time(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// An event's status (RFC 5545 §3.8.1.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventStatus {
    Tentative,
    Confirmed,
    Cancelled,
}

impl EventStatus {
    fn as_str(self) -> &'static str {
        match self {
            EventStatus::Tentative => "TENTATIVE",
            EventStatus::Confirmed => "CONFIRMED",
            EventStatus::Cancelled => "CANCELLED",
        }
    }
}

/// One `VEVENT` over whole days: `DTEND` is exclusive, the day after the last day.
#[derive(Debug, Clone)]
pub struct Event {
    pub uid: String,
    pub stamp: NaiveDateTime,
    pub last_modified: NaiveDateTime,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub summary: String,
    pub description: String,
    pub location: Option<String>,
    pub categories: Vec<String>,
    pub status: EventStatus,
    pub sequence: i32,
    pub url: Option<String>,
}

/// A `VCALENDAR` being written.
pub struct Calendar {
    out: String,
}

impl Calendar {
    /// Starts a calendar named `name` (`X-WR-CALNAME`, read by most clients).
    pub fn new(prodid: &str, name: &str) -> Self {
        let mut cal = Calendar { out: String::new() };
        cal.line("BEGIN:VCALENDAR");
        cal.line("VERSION:2.0");
        cal.line(&format!("PRODID:{}", escape_text(prodid)));
        cal.line("CALSCALE:GREGORIAN");
        cal.line("METHOD:PUBLISH");
        cal.line(&format!("X-WR-CALNAME:{}", escape_text(name)));
        cal
    }

    fn line(&mut self, line: &str) {
        fold_line(line, &mut self.out);
    }

    pub fn event(&mut self, e: &Event) {
        self.line("BEGIN:VEVENT");
        self.line(&format!("UID:{}", escape_text(&e.uid)));
        self.line(&format!("DTSTAMP:{}", utc_time(e.stamp)));
        self.line(&format!("DTSTART;VALUE=DATE:{}", date(e.first_day)));
        let end = e.last_day.succ_opt().unwrap_or(e.last_day);
        self.line(&format!("DTEND;VALUE=DATE:{}", date(end)));
        self.line(&format!("SUMMARY:{}", escape_text(&e.summary)));
        if !e.description.trim().is_empty() {
            self.line(&format!("DESCRIPTION:{}", escape_text(&e.description)));
        }
        if let Some(location) = &e.location {
            self.line(&format!("LOCATION:{}", escape_text(location)));
        }
        if !e.categories.is_empty() {
            let list: Vec<String> = e.categories.iter().map(|c| escape_text(c)).collect();
            self.line(&format!("CATEGORIES:{}", list.join(",")));
        }
        self.line(&format!("STATUS:{}", e.status.as_str()));
        self.line(&format!("SEQUENCE:{}", e.sequence.max(0)));
        self.line(&format!("LAST-MODIFIED:{}", utc_time(e.last_modified)));
        self.line("TRANSP:TRANSPARENT");
        if let Some(url) = &e.url {
            // A URI value: not TEXT, so not escaped.
            self.line(&format!("URL:{url}"));
        }
        self.line("END:VEVENT");
    }

    pub fn finish(mut self) -> String {
        self.line("END:VCALENDAR");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
        assert_eq!(escape_text("bell\u{7}"), "bell");
    }

    #[test]
    fn folds_at_75_octets_between_characters() {
        let long = format!("SUMMARY:{}", "é".repeat(100));
        let mut out = String::new();
        fold_line(&long, &mut out);
        assert!(out.ends_with("\r\n"));
        for physical in out.trim_end_matches("\r\n").split("\r\n") {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        assert_eq!(unfold(&out).trim_end_matches("\r\n"), long);
        let mut short = String::new();
        fold_line("A:b", &mut short);
        assert_eq!(short, "A:b\r\n");
    }

    #[test]
    fn writes_an_all_day_event() {
        let at = NaiveDate::from_ymd_opt(2027, 3, 1)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let mut cal = Calendar::new("-//portal//EN", "Calendar");
        cal.event(&Event {
            uid: "id-1@portal".into(),
            stamp: at,
            last_modified: at,
            first_day: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
            last_day: NaiveDate::from_ymd_opt(2027, 3, 5).unwrap(),
            summary: "Workshop, Nairobi; day 1".into(),
            description: String::new(),
            location: None,
            categories: vec![],
            status: EventStatus::Cancelled,
            sequence: 3,
            url: None,
        });
        let text = cal.finish();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        for needle in [
            "DTSTART;VALUE=DATE:20270301\r\n",
            "DTEND;VALUE=DATE:20270306\r\n",
            "DTSTAMP:20270301T093000Z\r\n",
            "SUMMARY:Workshop\\, Nairobi\\; day 1\r\n",
            "STATUS:CANCELLED\r\n",
            "SEQUENCE:3\r\n",
        ] {
            assert!(text.contains(needle), "{needle}");
        }
        assert_eq!(text.matches("VERSION:").count(), 1);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }
}
