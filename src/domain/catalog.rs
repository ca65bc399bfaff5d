//! A workspace: one business — its catalog (services, prices, durations, synonyms), staff,
//! weekly hours, closures and time zone — as loaded from `config/workspaces/*.toml`.
//!
//! Service names arrive as customers write them ("mechitas", "cortarme el pelo", "keratna",
//! "haircut"); [`Workspace::find_service`] matches them against names and synonyms with
//! folding and a small edit distance, so every stage resolves them the same way.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::text::{edit_distance, fold_compare, sounds_alike, Words};

mod compound;
mod faq;
mod mens;
mod staff;
mod variant;
use faq::parse_faq;
pub use faq::Faq;
use staff::{bad_range, parse_staff, parse_week};
pub use staff::{Staff, Week, WeekFile};

#[derive(Debug, Error)]
pub enum CatalogError {
    #[error("workspace `{workspace}`: {field} is invalid: {reason}")]
    Invalid {
        workspace: String,
        field: String,
        reason: String,
    },
}

/// The TOML shape of a workspace file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceFile {
    pub id: String,
    pub name: String,
    /// What the business is, in Spanish with its article ("un salón de belleza", "una
    /// barbería"): the model's prompts introduce the business with it.
    #[serde(default)]
    pub kind: String,
    /// Where it is ("Buenos Aires"), for the same introduction.
    #[serde(default)]
    pub city: String,
    pub timezone: String,
    #[serde(default = "default_currency")]
    pub currency: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub payment_methods: Vec<String>,
    #[serde(default = "default_step")]
    pub slot_step_minutes: u32,
    #[serde(default = "default_horizon")]
    pub booking_horizon_days: u32,
    /// Message texts, answers, tool audit rows and shadow readings older than this many
    /// days are deleted by the server itself (bookings and conversation state are kept).
    #[serde(default = "default_retention")]
    pub retention_days: u32,
    #[serde(default)]
    pub auth: AuthFile,
    pub hours: HoursFile,
    #[serde(default)]
    pub staff: Vec<Staff>,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub tools: Vec<WebhookToolFile>,
    #[serde(default)]
    pub limits: WorkspaceLimits,
    /// The business's own answers ("¿hay que dejar seña?"): see [`Faq`].
    #[serde(default)]
    pub faq: Vec<Faq>,
}

fn default_currency() -> String {
    "ARS".into()
}
fn default_step() -> u32 {
    30
}
fn default_horizon() -> u32 {
    60
}
fn default_retention() -> u32 {
    90
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthFile {
    #[serde(default)]
    pub api_key_sha256: Vec<String>,
    #[serde(default)]
    pub api_key_env: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoursFile {
    #[serde(default)]
    pub mon: Vec<String>,
    #[serde(default)]
    pub tue: Vec<String>,
    #[serde(default)]
    pub wed: Vec<String>,
    #[serde(default)]
    pub thu: Vec<String>,
    #[serde(default)]
    pub fri: Vec<String>,
    #[serde(default)]
    pub sat: Vec<String>,
    #[serde(default)]
    pub sun: Vec<String>,
    #[serde(default)]
    pub closures: Vec<NaiveDate>,
}

/// Per-workspace request limits.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceLimits {
    /// Sustained requests per second this workspace may send (token bucket refill rate).
    #[serde(default = "default_rps")]
    pub requests_per_second: f64,
    /// Burst size of the token bucket.
    #[serde(default = "default_burst")]
    pub burst: u32,
    /// Requests this workspace may have in flight at once (default: three quarters of the
    /// server's limit when it serves several workspaces).
    #[serde(default)]
    pub max_concurrency: Option<usize>,
}

impl Default for WorkspaceLimits {
    fn default() -> Self {
        WorkspaceLimits {
            requests_per_second: default_rps(),
            burst: default_burst(),
            max_concurrency: None,
        }
    }
}

/// A small business's WhatsApp line: a message every few seconds on a busy day, bursts when
/// n8n catches up. Raise it in the workspace file for load tests.
fn default_rps() -> f64 {
    10.0
}
fn default_burst() -> u32 {
    60
}

/// A tool implemented by the business behind an HTTP endpoint (POST JSON, expect JSON).
/// A webhook named like a built-in tool replaces it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookToolFile {
    pub name: String,
    pub url: String,
    /// Per-attempt timeout in milliseconds.
    #[serde(default)]
    pub timeout_ms: Option<u64>,
    /// Extra headers (for example an n8n header auth secret).
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
    /// Allow loopback, private and link-local targets (an n8n on the same host). Off: a
    /// workspace file cannot point the service at the host's own network.
    #[serde(default)]
    pub allow_private_network: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    /// Price in whole currency units.
    pub price: u64,
    pub duration_minutes: u32,
    /// Staff ids who do this service; empty means anyone.
    #[serde(default)]
    pub staff: Vec<String>,
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// What comes with it, named beside it ("lavado y peinado"): no service of its own, and
    /// not said to be missing from the catalog.
    #[serde(default)]
    pub includes: Vec<String>,
}

/// A validated workspace, ready for every stage.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub id: String,
    pub name: String,
    /// See [`WorkspaceFile::kind`].
    pub kind: String,
    /// See [`WorkspaceFile::city`].
    pub city: String,
    pub tz: chrono_tz::Tz,
    pub currency: String,
    pub address: String,
    pub phone: String,
    pub payment_methods: Vec<String>,
    pub slot_step_minutes: u32,
    pub booking_horizon_days: u32,
    /// Days message texts and audit rows are kept (see `retention_days` in the file).
    pub retention_days: u32,
    /// Opening ranges per weekday, Monday first.
    pub hours: Week,
    pub closures: BTreeSet<NaiveDate>,
    pub staff: Vec<Staff>,
    pub services: Vec<Service>,
    pub webhooks: Vec<WebhookToolFile>,
    pub faq: Vec<Faq>,
    pub limits: WorkspaceLimits,
    /// SHA-256 digests of the API keys that may act on this workspace.
    pub api_key_digests: Vec<[u8; 32]>,
    /// Phrases (folded, split in words) → service index, longest first.
    phrases: Vec<(Vec<String>, usize)>,
}

/// Where a service was named in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceMatch {
    pub service: usize,
    /// Word range in the message.
    pub from: usize,
    pub to: usize,
    /// True when matched by edit distance rather than exactly.
    pub fuzzy: bool,
}

impl Workspace {
    /// Validates a parsed file. `key_override` is the value of `auth.api_key_env`, if set.
    pub fn from_file(f: WorkspaceFile, key_override: Option<&str>) -> Result<Self, CatalogError> {
        let invalid = |field: &str, reason: String| CatalogError::Invalid {
            workspace: f.id.clone(),
            field: field.to_string(),
            reason,
        };
        if f.id.is_empty()
            || !f
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err(invalid("id", format!("`{}` must be [A-Za-z0-9._-]+", f.id)));
        }
        for (field, value) in [("name", &f.name), ("kind", &f.kind), ("city", &f.city)] {
            // These go into the model's prompts: one plain line, no chat markup.
            if value.chars().count() > 80
                || value.chars().any(char::is_control)
                || ["<|", "<start_of_turn>", "<end_of_turn>", "###", "{{"]
                    .iter()
                    .any(|m| value.contains(m))
            {
                return Err(invalid(
                    field,
                    "must be one line of at most 80 characters, without chat markup (`<|`, `###`, `{{`)".into(),
                ));
            }
        }
        if f.name.trim().is_empty() {
            return Err(invalid("name", "must not be empty".into()));
        }
        let tz: chrono_tz::Tz = f
            .timezone
            .parse()
            .map_err(|_| invalid("timezone", format!("unknown time zone `{}`", f.timezone)))?;
        if !(5..=240).contains(&f.slot_step_minutes) {
            return Err(invalid(
                "slot_step_minutes",
                format!("{} is outside 5..=240", f.slot_step_minutes),
            ));
        }
        let h = &f.hours;
        let hours = parse_week([&h.mon, &h.tue, &h.wed, &h.thu, &h.fri, &h.sat, &h.sun])
            .map_err(|(day, r)| invalid(&format!("hours.{day}"), bad_range(&r)))?;
        let mut staff = f.staff.clone();
        for st in &mut staff {
            parse_staff(st).map_err(|(field, reason)| invalid(&field, reason))?;
        }
        let mut faq = f.faq.clone();
        for (i, entry) in faq.iter_mut().enumerate() {
            parse_faq(i, entry).map_err(|(field, reason)| invalid(&field, reason))?;
        }
        let staff_ids: BTreeSet<&str> = f.staff.iter().map(|s| s.id.as_str()).collect();
        for s in &f.services {
            if s.duration_minutes == 0 || s.duration_minutes > 12 * 60 {
                return Err(invalid(
                    &format!("services.{}.duration_minutes", s.id),
                    format!("{} is outside 1..=720", s.duration_minutes),
                ));
            }
            for st in &s.staff {
                if !staff_ids.contains(st.as_str()) {
                    return Err(invalid(
                        &format!("services.{}.staff", s.id),
                        format!("unknown staff id `{st}`"),
                    ));
                }
            }
        }
        let mut digests = Vec::new();
        match key_override {
            Some(key) if !key.is_empty() => digests.push(crate::keys::digest(key)),
            _ => {
                for h in &f.auth.api_key_sha256 {
                    let bytes = hex::decode(h.trim())
                        .ok()
                        .and_then(|b| <[u8; 32]>::try_from(b).ok())
                        .ok_or_else(|| {
                            invalid("auth.api_key_sha256", "entries must be 64 hex chars".into())
                        })?;
                    digests.push(bytes);
                }
            }
        }
        let mut phrases = Vec::new();
        for (i, s) in f.services.iter().enumerate() {
            let mut names: Vec<&str> = vec![s.name.as_str()];
            names.extend(s.synonyms.iter().map(String::as_str));
            for name in names {
                let words: Vec<String> = Words::new(name)
                    .norms()
                    .iter()
                    .map(|w| w.to_string())
                    .collect();
                if !words.is_empty() && !phrases.iter().any(|(p, _)| *p == words) {
                    phrases.push((words, i));
                }
            }
        }
        phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        Ok(Workspace {
            id: f.id,
            name: f.name,
            kind: f.kind.trim().to_string(),
            city: f.city.trim().to_string(),
            tz,
            currency: f.currency,
            address: f.address,
            phone: f.phone,
            payment_methods: f.payment_methods,
            slot_step_minutes: f.slot_step_minutes,
            booking_horizon_days: f.booking_horizon_days,
            retention_days: f.retention_days.max(1),
            hours,
            closures: f.hours.closures.into_iter().collect(),
            staff,
            services: f.services,
            webhooks: f.tools,
            faq,
            limits: f.limits,
            api_key_digests: digests,
            phrases,
        })
    }

    /// Parses and validates a workspace TOML document.
    pub fn from_toml(
        src: &str,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, CatalogError> {
        let f: WorkspaceFile = toml::from_str(src).map_err(|e| CatalogError::Invalid {
            workspace: "?".into(),
            field: "toml".into(),
            reason: e.to_string(),
        })?;
        let key = f.auth.api_key_env.as_deref().and_then(&env);
        Workspace::from_file(f, key.as_deref())
    }

    pub fn hours_on(&self, wd: Weekday) -> &[(NaiveTime, NaiveTime)] {
        &self.hours[wd.num_days_from_monday() as usize]
    }

    pub fn is_open_on(&self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        !self.closures.contains(&date) && !self.hours_on(date.weekday()).is_empty()
    }

    /// The first day from `from` (included) the business opens, within two weeks; `from`
    /// when none is.
    pub fn first_open_day(&self, from: NaiveDate) -> NaiveDate {
        (0..14)
            .map(|d| from + chrono::Duration::days(d))
            .find(|d| self.is_open_on(*d))
            .unwrap_or(from)
    }

    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    pub fn staff_member(&self, id: &str) -> Option<&Staff> {
        self.staff.iter().find(|s| s.id == id)
    }

    /// Whether the staff member `id` works all of `from`..`to` on `date`: her own hours and
    /// days off (the business's are checked apart). Unknown ids work never.
    pub fn works(&self, id: &str, date: NaiveDate, from: NaiveTime, to: NaiveTime) -> bool {
        self.staff_member(id)
            .is_some_and(|st| st.works(date, from, to))
    }

    /// How the model's prompts introduce the business: "Estudio Malva, un salón de belleza de
    /// Buenos Aires" (name, then kind and city when the file gives them).
    pub fn introduction(&self) -> String {
        let name = self.name.trim();
        match (self.kind.is_empty(), self.city.is_empty()) {
            (false, false) => format!("{name}, {} de {}", self.kind, self.city),
            (false, true) => format!("{name}, {}", self.kind),
            (true, false) => format!("{name} ({})", self.city),
            (true, true) => name.to_string(),
        }
    }

    /// Finds the first service named in `words` (exact phrase first, then fuzzy).
    pub fn find_service(&self, words: &Words) -> Option<ServiceMatch> {
        self.find_services(words).into_iter().next()
    }

    /// Every service named in `words`, in message order, non-overlapping.
    pub fn find_services(&self, words: &Words) -> Vec<ServiceMatch> {
        let n = words.norms();
        let mut taken = vec![false; n.len()];
        let mut found = Vec::new();
        // A synonym of several words with filler words between them ("corte de pelo de hombre"
        // is "corte hombre", not the "corte de pelo" it starts with): the longer reading first.
        for (phrase, svc) in self.phrases.iter().filter(|(p, _)| p.len() > 1) {
            for start in 0..n.len() {
                if let Some(end) = gapped_match(phrase, &n, start) {
                    if !taken[start..end].iter().any(|t| *t) {
                        taken[start..end].iter_mut().for_each(|t| *t = true);
                        found.push(ServiceMatch {
                            service: *svc,
                            from: start,
                            to: end,
                            fuzzy: false,
                        });
                    }
                }
            }
        }
        for fuzzy in [false, true] {
            for (phrase, svc) in &self.phrases {
                let len = phrase.len();
                if len > n.len() {
                    continue;
                }
                for start in 0..=n.len() - len {
                    if taken[start..start + len].iter().any(|t| *t) {
                        continue;
                    }
                    let ok = phrase.iter().zip(&n[start..start + len]).all(|(p, w)| {
                        if fuzzy {
                            word_close(p, w)
                        } else {
                            p == w || strip_plural(w) == p
                        }
                    });
                    if ok {
                        for t in &mut taken[start..start + len] {
                            *t = true;
                        }
                        found.push(ServiceMatch {
                            service: *svc,
                            from: start,
                            to: start + len,
                            fuzzy,
                        });
                    }
                }
            }
        }
        found.sort_by_key(|m| m.from);
        // What a service is done on, right before a service ("uñas semipermanente", "manos
        // gel", "unhas gel"), makes one name with it, the latter's: a catalog that lists
        // "uñas" and "semipermanente" apart still reads the semipermanente.
        let mut merged: Vec<ServiceMatch> = Vec::with_capacity(found.len());
        for m in found {
            match merged.last_mut() {
                Some(head)
                    if head.to == m.from
                        && head.to == head.from + 1
                        && head.service != m.service
                        && COMPOUND_HEAD.contains(&n[head.from])
                        // "unas mechas": the article, not "uñas" without its tilde.
                        && (n[head.from] != "unas" || words.raw(head.from).contains(['ñ', 'Ñ']))
                        && words.gap(head.from, m.from).trim().is_empty() =>
                {
                    head.to = m.to;
                    head.service = m.service;
                    head.fuzzy = m.fuzzy;
                }
                // "manicura semi", "manos en gel", "uñas, gel", "manicure com gel": the finish
                // the hands are done in, one service (the latter).
                Some(head) if self.finish_of(&n, head, &m) => {
                    head.to = m.to;
                    head.service = m.service;
                    head.fuzzy = m.fuzzy;
                }
                _ => merged.push(m),
            }
        }
        self.done_on(words, merged)
    }

    /// Resolves a surface service name ("mechitas") to a catalog service.
    /// Not "uñas esculpidas": another kind of it, which the catalog does not name.
    pub fn resolve_service(&self, surface: &str) -> Option<&Service> {
        let words = Words::new(surface);
        let found = self.find_services(&words);
        if variant::one_done_on_another(&words, &found) {
            return None;
        }
        let m = found
            .first()
            .filter(|m| !variant::another_kind(&words, m))?;
        Some(&self.services[m.service])
    }

    /// Resolves a surface staff name ("la Caro", "tincho") to a staff member.
    pub fn resolve_staff(&self, surface: &str) -> Option<&Staff> {
        let words = Words::new(surface);
        let norms = words.norms();
        self.staff.iter().find(|s| {
            let mut names = vec![fold_compare(&s.name), fold_compare(&s.id)];
            names.extend(s.aliases.iter().map(|a| fold_compare(a)));
            norms.iter().any(|w| names.iter().any(|n| n == w))
        })
    }

    /// Staff ids who can do `service`.
    pub fn staff_for(&self, service: &Service) -> Vec<&Staff> {
        self.staff
            .iter()
            .filter(|st| service.staff.is_empty() || service.staff.contains(&st.id))
            .collect()
    }
}

/// Where `phrase` ends when it starts at `start` of `n` with at least one and at most three
/// filler words between its words ("corte [de pelo de] hombre"); `None` otherwise.
fn gapped_match(phrase: &[String], n: &[&str], start: usize) -> Option<usize> {
    const FILLERS: [&str; 9] = ["de", "del", "pelo", "para", "el", "la", "un", "una", "al"];
    let same = |p: &str, w: &str| p == w || strip_plural(w) == p;
    if !same(&phrase[0], n[start]) {
        return None;
    }
    let (mut at, mut skipped) = (start + 1, 0);
    for p in &phrase[1..] {
        while at < n.len() && !same(p, n[at]) && FILLERS.contains(&n[at]) && skipped < 3 {
            at += 1;
            skipped += 1;
        }
        if at >= n.len() || !same(p, n[at]) {
            return None;
        }
        at += 1;
    }
    (skipped > 0).then_some(at)
}

fn strip_plural(w: &str) -> &str {
    w.strip_suffix('s').unwrap_or(w)
}

fn word_close(pattern: &str, word: &str) -> bool {
    if pattern == word {
        return true;
    }
    // "d" for "de" ("korte d caballero").
    if pattern == "de" && word == "d" {
        return true;
    }
    // Letters that sound the same: "korte" is corte, "vrushing" brushing, "alizado" alisado.
    if sounds_alike(pattern, word) {
        return true;
    }
    // Only long words, same first letter: "keratna" is keratina, "muchas" is not mechas.
    let len = pattern.chars().count();
    if len < 7 || pattern.chars().next() != word.chars().next() {
        return false;
    }
    // "perfilar (la barba)" is a verb, not "perfilado".
    let verb = |w: &str| w.ends_with("ar") || w.ends_with("er") || w.ends_with("ir");
    if verb(word) && !verb(pattern) {
        return false;
    }
    let max = if len >= 9 { 2 } else { 1 };
    edit_distance(pattern, word, max) <= max
}

/// Words for what a service is done on: right before another service they name it
/// ([`Workspace::find_services`]).
const COMPOUND_HEAD: &[&str] = &["unas", "manos", "pies", "unhas", "maos", "pes"];

/// `$12.000`: whole pesos with a dot every three digits.
pub fn format_price(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("${out}")
}

#[cfg(test)]
pub(crate) mod tests;
