//! Where each value of a JSON text starts, keyed by its path (`initiatives[3].actors[2].state`).
//!
//! `serde_json::Value` forgets positions, and the loader checks a `Value` tree by hand so that
//! it can report every problem at once. This scanner walks the text once beside it and records
//! the line and column of every value and every object key, so each problem can say where it
//! is. It also refuses deep nesting before serde_json sees the text, so a hostile file is an
//! error rather than a stack overflow.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// Arrays and objects nested deeper than this are refused. The format needs five levels.
pub(crate) const MAX_DEPTH: usize = 64;

/// A 1-based line and column. Columns count characters, not bytes, as editors do.
pub(crate) type LineColumn = (usize, usize);

/// The positions found in one text.
#[derive(Debug, Default)]
pub(crate) struct Positions {
    values: HashMap<String, LineColumn>,
    keys: HashMap<String, LineColumn>,
    /// Object keys written twice in the same object: the path and where the second one is.
    /// serde_json keeps only the last value, so the first would be silently lost.
    pub(crate) duplicate_keys: Vec<(String, LineColumn)>,
}

impl Positions {
    /// Where the value at `path` starts, or else where its nearest enclosing value starts.
    pub(crate) fn value(&self, path: &str) -> LineColumn {
        let mut path = path;
        loop {
            if let Some(&at) = self.values.get(path) {
                return at;
            }
            match parent_path(path) {
                Some(parent) => path = parent,
                None => return (1, 1),
            }
        }
    }

    /// Where the key of the member at `path` is written, or else where its value starts.
    pub(crate) fn key(&self, path: &str) -> LineColumn {
        self.keys
            .get(path)
            .copied()
            .unwrap_or_else(|| self.value(path))
    }
}

/// Why the scanner stopped early.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ScanError {
    /// Nesting deeper than [`MAX_DEPTH`]; the position of the first array or object too deep.
    TooDeep(LineColumn),
    /// Not JSON. serde_json gives the better message, so the scanner does not try to.
    Syntax,
}

/// The path of a member of the object at `parent`.
pub(crate) fn key_path(parent: &str, key: &str) -> String {
    let plain = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match (plain, parent.is_empty()) {
        (true, true) => key.to_owned(),
        (true, false) => format!("{parent}.{key}"),
        (false, _) => format!("{parent}[{key:?}]"),
    }
}

/// The path of an element of the array at `parent`.
pub(crate) fn index_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// The path one level up, or `None` at the top.
fn parent_path(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    // The last segment starts at the last `.` or `[` outside quotes; keys with quotes are
    // rare enough that scanning for the last unquoted bracket from the right is enough.
    let bytes = path.as_bytes();
    let mut in_quotes = false;
    for i in (0..bytes.len()).rev() {
        match bytes[i] {
            b'"' if i == 0 || bytes[i - 1] != b'\\' => in_quotes = !in_quotes,
            b'.' | b'[' if !in_quotes => return Some(&path[..i]),
            _ => {}
        }
    }
    Some("")
}

/// Scans `text` and records where every value and key is.
pub(crate) fn scan(text: &str) -> Result<Positions, ScanError> {
    let mut scanner = Scanner::new(text, true);
    scanner.value(String::new(), 0)?;
    Ok(scanner.positions)
}

/// Checks nesting as [`scan`] does and tells whether any object has a key written twice,
/// recording nothing. A path and a map entry for every value cost seconds on a file of ten
/// thousand efforts, so positions are only scanned for when a message needs one.
pub(crate) fn check_shape(text: &str) -> Result<bool, ScanError> {
    let mut scanner = Scanner::new(text, false);
    scanner.value(String::new(), 0)?;
    Ok(scanner.duplicate_seen)
}

/// The keys of one object so far, when positions are not recorded: a list while it is short
/// (the format's objects have a dozen fields), a set past that, so a hostile object of a million
/// keys costs a million lookups rather than a million squared.
#[derive(Default)]
struct KeysSeen {
    few: Vec<String>,
    many: std::collections::HashSet<String>,
}

impl KeysSeen {
    /// Adds `key`; false if it was there already.
    fn insert(&mut self, key: String) -> bool {
        if self.many.is_empty() && self.few.len() < 32 {
            let new = !self.few.contains(&key);
            self.few.push(key);
            return new;
        }
        self.many.extend(self.few.drain(..));
        self.many.insert(key)
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
    column: usize,
    /// Whether to record positions and paths, or only check the shape.
    record: bool,
    positions: Positions,
    /// Without recording: whether some object has a key twice.
    duplicate_seen: bool,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, record: bool) -> Self {
        Self {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
            column: 1,
            record,
            positions: Positions::default(),
            duplicate_seen: false,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        if byte == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if byte & 0xC0 != 0x80 {
            // Continuation bytes of a multi-byte character do not start a new column.
            self.column += 1;
        }
        Some(byte)
    }

    fn here(&self) -> LineColumn {
        (self.line, self.column)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), ScanError> {
        self.skip_whitespace();
        if self.bump() == Some(byte) {
            Ok(())
        } else {
            Err(ScanError::Syntax)
        }
    }

    /// Notes the key of a member of the object at `path`, and returns the member's path (empty
    /// when not recording). A key written twice is recorded, or without recording, noticed.
    fn member(
        &mut self,
        path: &str,
        key: String,
        key_at: LineColumn,
        seen: &mut KeysSeen,
    ) -> String {
        if !self.record {
            self.duplicate_seen |= !seen.insert(key);
            return String::new();
        }
        let child = key_path(path, &key);
        match self.positions.keys.entry(child.clone()) {
            Entry::Occupied(_) => {
                self.positions.duplicate_keys.push((child.clone(), key_at));
            }
            Entry::Vacant(slot) => {
                slot.insert(key_at);
            }
        }
        child
    }

    // Recursion is bounded by MAX_DEPTH, checked before each nested call.
    fn value(&mut self, path: String, depth: usize) -> Result<(), ScanError> {
        self.skip_whitespace();
        let start = self.here();
        match self.peek() {
            Some(b'{' | b'[') if depth >= MAX_DEPTH => return Err(ScanError::TooDeep(start)),
            _ => {}
        }
        if self.record {
            self.positions.values.insert(path.clone(), start);
        }
        match self.peek() {
            Some(b'{') => {
                self.bump();
                self.skip_whitespace();
                if self.peek() == Some(b'}') {
                    self.bump();
                    return Ok(());
                }
                let mut seen = KeysSeen::default();
                loop {
                    self.skip_whitespace();
                    let key_at = self.here();
                    if self.peek() != Some(b'"') {
                        return Err(ScanError::Syntax);
                    }
                    let key = self.string()?;
                    let child = self.member(&path, key, key_at, &mut seen);
                    self.expect(b':')?;
                    self.value(child, depth + 1)?;
                    self.skip_whitespace();
                    match self.bump() {
                        Some(b',') => {}
                        Some(b'}') => return Ok(()),
                        _ => return Err(ScanError::Syntax),
                    }
                }
            }
            Some(b'[') => {
                self.bump();
                self.skip_whitespace();
                if self.peek() == Some(b']') {
                    self.bump();
                    return Ok(());
                }
                let mut index = 0;
                loop {
                    let child = if self.record {
                        index_path(&path, index)
                    } else {
                        String::new()
                    };
                    self.value(child, depth + 1)?;
                    index += 1;
                    self.skip_whitespace();
                    match self.bump() {
                        Some(b',') => {}
                        Some(b']') => return Ok(()),
                        _ => return Err(ScanError::Syntax),
                    }
                }
            }
            Some(b'"') => self.string().map(drop),
            Some(_) => {
                // A number, true, false or null: serde_json checks the details.
                let from = self.at;
                while matches!(self.peek(), Some(b) if b.is_ascii_alphanumeric() || b"+-.".contains(&b))
                {
                    self.bump();
                }
                if self.at == from {
                    Err(ScanError::Syntax)
                } else {
                    Ok(())
                }
            }
            None => Err(ScanError::Syntax),
        }
    }

    /// Reads a string starting at its opening quote and returns it decoded, so keys with
    /// escapes get the same path as serde_json gives them.
    fn string(&mut self) -> Result<String, ScanError> {
        self.bump();
        let mut out = Vec::new();
        loop {
            match self.bump().ok_or(ScanError::Syntax)? {
                b'"' => return Ok(String::from_utf8_lossy(&out).into_owned()),
                b'\\' => match self.bump().ok_or(ScanError::Syntax)? {
                    b'"' => out.push(b'"'),
                    b'\\' => out.push(b'\\'),
                    b'/' => out.push(b'/'),
                    b'b' => out.push(0x08),
                    b'f' => out.push(0x0C),
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'u' => {
                        let high = self.hex4()?;
                        let c = if (0xD800..0xDC00).contains(&high) {
                            // A surrogate pair: the low half must follow as another \u escape.
                            if self.bump() != Some(b'\\') || self.bump() != Some(b'u') {
                                return Err(ScanError::Syntax);
                            }
                            let low = self.hex4()?;
                            let combined = 0x10000
                                + ((high - 0xD800) << 10)
                                + (low.wrapping_sub(0xDC00) & 0x3FF);
                            char::from_u32(combined)
                        } else {
                            char::from_u32(high)
                        };
                        let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
                        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                    }
                    _ => return Err(ScanError::Syntax),
                },
                byte => out.push(byte),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, ScanError> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = self
                .bump()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or(ScanError::Syntax)?;
            value = value * 16 + digit;
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_written_twice_is_noticed_in_a_long_object_too() {
        let object = |keys: &[String]| {
            let members: Vec<String> = keys.iter().map(|k| format!("\"{k}\": 1")).collect();
            format!("{{{}}}", members.join(", "))
        };
        let mut keys: Vec<String> = (0..100).map(|i| format!("k{i}")).collect();
        assert_eq!(check_shape(&object(&keys)), Ok(false));
        keys.push("k5".to_owned());
        assert_eq!(check_shape(&object(&keys)), Ok(true));
        assert_eq!(check_shape(r#"{"a": 1, "b": {"a": 2}, "a": 3}"#), Ok(true));
    }

    #[test]
    fn every_value_and_key_is_found_by_its_path() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"Rød\": true\n}";
        let positions = scan(text).unwrap();
        assert_eq!(positions.value(""), (1, 1));
        assert_eq!(positions.value("a"), (2, 8));
        assert_eq!(positions.value("a[0]"), (2, 9));
        assert_eq!(positions.value("a[1].b"), (2, 18));
        assert_eq!(positions.key("a[1].b"), (2, 13));
        assert_eq!(positions.value("[\"Rød\"]"), (3, 10));
        // A path that does not exist falls back to its nearest ancestor.
        assert_eq!(positions.value("a[1].missing"), (2, 12));
    }

    #[test]
    fn escaped_keys_get_the_decoded_path() {
        let positions = scan(r#"{"t\u0065st": 1, "\ud83d\ude00": 2}"#).unwrap();
        assert_eq!(positions.value("test"), (1, 15));
        assert_eq!(positions.value("[\"😀\"]"), (1, 34));
    }

    #[test]
    fn a_key_written_twice_is_recorded() {
        let positions = scan("{\"a\": 1,\n \"a\": 2}").unwrap();
        assert_eq!(positions.duplicate_keys, vec![("a".to_owned(), (2, 2))]);
    }

    #[test]
    fn deep_nesting_is_refused_without_recursing_further() {
        let deep = "[".repeat(100_000);
        assert_eq!(scan(&deep).unwrap_err(), ScanError::TooDeep((1, 65)));
        let fine = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(scan(&fine).is_ok());
    }

    #[test]
    fn parent_paths_strip_one_segment() {
        assert_eq!(parent_path("a[1].b"), Some("a[1]"));
        assert_eq!(parent_path("a[1]"), Some("a"));
        assert_eq!(parent_path("a"), Some(""));
        assert_eq!(parent_path("a[\"x.y\"]"), Some("a"));
        assert_eq!(parent_path(""), None);
    }
}
