//! Text folding and word spans shared by the extractors, the catalog matcher and the eval.
//!
//! WhatsApp Spanish arrives with and without accents, in any case, with elongated letters
//! ("holaaa") and emoji. Matching happens on a *folded* copy that has exactly one char per
//! char of the original, so a match in the folded text maps back to the customer's own
//! words by char index — which is how slot values stay spans of the message.

/// A folded letter as it sounds in Spanish spelling that customers mix up: k for c, b for v,
/// z for s ("korte", "biernes", "alizado").
pub fn sound_char(c: char) -> char {
    match c {
        'k' => 'c',
        'b' => 'v',
        'z' => 's',
        c => c,
    }
}

/// Whether two folded words differ only in letters that sound the same ("korte", "corte").
pub fn sounds_alike(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| sound_char(x) == sound_char(y))
}

/// Folds one char: lower case, accents removed (`ñ` becomes `n` too).
pub fn fold_char(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'á' | 'à' | 'ä' | 'â' | 'ã' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        other => other,
    }
}

/// Folds a string char by char; the result has the same number of chars.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Folds and collapses whitespace, for comparing labels ("Mañana " == "manana").
pub fn fold_compare(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A word of a message: its char range in the original text and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Index of the first char (in chars, not bytes).
    pub start: usize,
    /// Index one past the last char.
    pub end: usize,
    /// The folded word, with letters repeated three or more times squeezed to one.
    pub norm: String,
}

/// A message split into words, keeping the original text for span extraction.
#[derive(Debug, Clone)]
pub struct Words {
    chars: Vec<char>,
    pub words: Vec<Word>,
}

impl Words {
    /// Splits on anything that is not a letter, a digit, or one of `@ . _ + - / :` inside a
    /// token (so emails, dates like `12/12`, times like `17:30` and ids like `BK-4821` stay whole).
    pub fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut words = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() {
                let c = chars[i];
                // Invisible format characters (zero-width, bidi marks) do not split a word:
                // "igno\u{200b}rá" is still "ignorá".
                if is_invisible(c) && i + 1 < chars.len() && chars[i + 1].is_alphanumeric() {
                    i += 1;
                    continue;
                }
                let joiner = matches!(c, '@' | '.' | '_' | '+' | '-' | '/' | ':' | '\'');
                if c.is_alphanumeric()
                    || (joiner && i + 1 < chars.len() && chars[i + 1].is_alphanumeric())
                {
                    i += 1;
                } else {
                    break;
                }
            }
            let raw: String = chars[start..i]
                .iter()
                .filter(|c| !is_invisible(**c))
                .map(|c| fold_char(*c))
                .collect();
            words.push(Word {
                start,
                end: i,
                norm: squeeze_trailing(&squeeze_repeats(&raw)),
            });
        }
        Words { chars, words }
    }

    /// The original text of words `from..to` (word indices), as the customer wrote it.
    pub fn span(&self, from: usize, to: usize) -> String {
        if from >= to || to > self.words.len() {
            return String::new();
        }
        self.chars[self.words[from].start..self.words[to - 1].end]
            .iter()
            .collect()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The folded words as string slices.
    pub fn norms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.norm.as_str()).collect()
    }

    /// The original text between two words (punctuation, spaces).
    pub fn gap(&self, a: usize, b: usize) -> String {
        if a >= b || b >= self.words.len() {
            return String::new();
        }
        self.chars[self.words[a].end..self.words[b].start]
            .iter()
            .collect()
    }

    /// The original text of one word.
    pub fn raw(&self, i: usize) -> String {
        self.span(i, i + 1)
    }

    /// The original text after word `i` to the end (punctuation, emoji).
    pub fn after(&self, i: usize) -> String {
        self.words
            .get(i)
            .map(|w| self.chars[w.end..].iter().collect())
            .unwrap_or_default()
    }
}

/// Zero-width and bidirectional formatting characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{00ad}')
}

/// "holaaaa" → "hola", "graciaaas" → "gracias", "siii" → "si". Double letters ("llamo",
/// "correo") are kept; only runs of three or more collapse.
pub fn squeeze_repeats(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut j = i;
        while j < chars.len() && chars[j] == c {
            j += 1;
        }
        let run = j - i;
        if run >= 3 && c.is_alphabetic() {
            out.push(c);
        } else {
            for _ in 0..run {
                out.push(c);
            }
        }
        i = j;
    }
    out
}

/// "holaa" → "hola", "diaa" → "dia", "sii" → "si": a doubled last letter is WhatsApp
/// emphasis (Spanish words hardly end in one). Digits and short words are left alone.
pub fn squeeze_trailing(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    if n >= 3
        && chars[n - 1] == chars[n - 2]
        && chars[n - 1].is_alphabetic()
        && !matches!(chars[n - 1], 'l' | 'r' | 'c')
    {
        chars[..n - 1].iter().collect()
    } else {
        s.to_string()
    }
}

/// Levenshtein distance, bounded: returns `max + 1` as soon as the distance exceeds `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            row_min = row_min.min(cur[j]);
        }
        if row_min > max {
            return max + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Replaces control characters (newlines included) and invisible format characters (bidi
/// overrides, zero-width) so a value cannot forge or disguise a log line.
pub fn log_safe(s: &str, max_chars: usize) -> String {
    s.chars()
        .take(max_chars)
        .map(|c| {
            if c.is_control() || is_invisible(c) || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A conversation id for the log: phone numbers in it ("wa:5491155551234") keep only their
/// last four digits, so the log does not collect customers' numbers.
pub fn log_conversation(id: &str) -> String {
    let chars: Vec<char> = log_safe(id, 128).chars().collect();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let run = i - start;
            if run >= 6 {
                out.extend(std::iter::repeat_n('*', run - 4));
                out.extend(&chars[i - 4..i]);
            } else {
                out.extend(&chars[start..i]);
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A connection URL with its password replaced by `***`, for logs and errors.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_char_count() {
        for s in ["Mañana ÁÉÍÓÚ ü", "İstanbul", "hola 😀 qué", "ǅ"] {
            assert_eq!(fold(s).chars().count(), s.chars().count(), "{s}");
        }
        assert_eq!(fold("Mañana ÁÉÍÓÚ"), "manana aeiou");
    }

    #[test]
    fn words_keep_spans_and_joiners() {
        let w = Words::new("Hola!! soy Ana, mail ana.g@x.com el 12/12 a las 17:30 BK-4821.");
        let norms = w.norms();
        assert_eq!(
            norms,
            vec![
                "hola",
                "soy",
                "ana",
                "mail",
                "ana.g@x.com",
                "el",
                "12/12",
                "a",
                "las",
                "17:30",
                "bk-4821"
            ]
        );
        assert_eq!(w.span(1, 3), "soy Ana");
        assert_eq!(w.raw(10), "BK-4821");
    }

    #[test]
    fn squeeze_collapses_runs_of_three() {
        assert_eq!(squeeze_repeats("holaaaa"), "hola");
        assert_eq!(squeeze_repeats("llamo"), "llamo");
        assert_eq!(squeeze_repeats("siiii"), "si");
        assert_eq!(squeeze_repeats("1000"), "1000");
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(edit_distance("keratina", "keratna", 2), 1);
        assert_eq!(edit_distance("corte", "corte", 1), 0);
        assert_eq!(edit_distance("a", "abcdef", 2), 3);
    }

    #[test]
    fn conversation_ids_in_the_log_hide_phone_numbers() {
        assert_eq!(log_conversation("wa:5491155551234"), "wa:*********1234");
        assert_eq!(log_conversation("web:visitor-77"), "web:visitor-77");
        assert_eq!(log_conversation("a\nb\u{202e}"), "a b ");
    }

    #[test]
    fn log_safe_strips_newlines() {
        assert_eq!(log_safe("a\r\nb", 10), "a  b");
        assert_eq!(log_safe("abcdef", 3), "abc");
    }
}
