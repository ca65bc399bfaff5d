//! A service said before what it is done on ("semi en manos", "semi en los pies"): one
//! service, the one named (what it is done on is no manicure or pedicure besides).

use super::{ServiceMatch, Workspace, COMPOUND_HEAD};
use crate::text::Words;

impl Workspace {
    /// Drops the part a service is done on, after "en" (and an article): "semi en manos",
    /// "kapping en las manos" name the semipermanente alone (as "semi", the shortest name).
    pub(super) fn done_on(&self, words: &Words, found: Vec<ServiceMatch>) -> Vec<ServiceMatch> {
        let n = words.norms();
        let mut out: Vec<ServiceMatch> = Vec::with_capacity(found.len());
        for m in found {
            let done_on = out.last().is_some_and(|svc| {
                let between = &n[svc.to..m.from];
                let on = matches!(between, ["en"] | ["en", "los" | "las" | "la" | "el"]);
                let part = m.to == m.from + 1 && COMPOUND_HEAD.contains(&n[m.from]);
                on && part && svc.service != m.service
            });
            if !done_on {
                out.push(m);
            }
        }
        // "manos y pies con semi": each part in it, when the catalog names that ("pies en semi"
        // is the pedicure), and the semi no service besides.
        if let [.., a, b, last] = out.as_slice() {
            let parts = [a, b]
                .iter()
                .all(|m| m.to == m.from + 1 && COMPOUND_HEAD.contains(&n[m.from]));
            let joined = a.to + 1 == b.from && n[a.to] == "y" && b.to + 1 == last.from;
            if parts && joined && matches!(n[b.to], "con" | "en") {
                let tail = &n[last.from..last.to];
                let as_done = |m: &ServiceMatch| {
                    let phrase: Vec<&str> = [n[m.from], "en"]
                        .into_iter()
                        .chain(tail.iter().copied())
                        .collect();
                    self.named_by(&phrase)
                };
                if let (Some(x), Some(y)) = (as_done(a), as_done(b)) {
                    let k = out.len();
                    out[k - 3].service = x;
                    out[k - 2].service = y;
                    out.pop();
                }
            }
        }
        // "manos y pies en semi": what the last is done in goes for the first too, when the
        // catalog names that ("manos en semi" is the semipermanente).
        for i in 1..out.len() {
            let (a, b) = (&out[i - 1], &out[i]);
            let joined = a.to + 1 == b.from && n[a.to] == "y" && a.to == a.from + 1;
            if !joined || b.to < b.from + 3 || n[b.from + 1] != "en" {
                continue;
            }
            let phrase: Vec<&str> = std::iter::once(n[a.from])
                .chain(n[b.from + 1..b.to].iter().copied())
                .collect();
            if let Some(svc) = self.named_by(&phrase) {
                out[i - 1].service = svc;
            }
        }
        out
    }

    /// Whether `m` is the finish `head` is done in, right after it ("manicura semi", "manos
    /// en gel", "uñas, gel", "manicure com gel"): the catalog names the part it is done on
    /// as `head`'s service and "<part> en <m>" as `m`'s ("uñas en gel" is the semi).
    pub(super) fn finish_of(&self, n: &[&str], head: &ServiceMatch, m: &ServiceMatch) -> bool {
        let between = &n[head.to..m.from];
        if head.to != head.from + 1
            || head.service == m.service
            || !matches!(between, [] | ["en" | "con" | "com" | "de" | "em"])
        {
            return false;
        }
        let tail = &n[m.from..m.to];
        COMPOUND_HEAD.iter().any(|part| {
            self.named_by(&[part]) == Some(head.service)
                && [&[*part][..], &[*part, "en"], &[*part, "de"]]
                    .iter()
                    .any(|lead| {
                        let phrase: Vec<&str> = lead.iter().chain(tail).copied().collect();
                        self.named_by(&phrase) == Some(m.service)
                    })
        })
    }

    /// The service one of the catalog's names is, said whole ("pies en semi").
    fn named_by(&self, phrase: &[&str]) -> Option<usize> {
        self.phrases
            .iter()
            .find(|(p, _)| p.iter().eq(phrase.iter()))
            .map(|(_, s)| *s)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::catalog::tests::demo;
    use crate::text::Words;

    #[test]
    fn a_service_and_what_it_is_done_on_are_one() {
        let ws = demo();
        let ids = |text: &str| -> Vec<String> {
            ws.find_services(&Words::new(text))
                .iter()
                .map(|m| ws.services[m.service].id.clone())
                .collect()
        };
        assert_eq!(ids("semi en manos y pies"), ["semi", "pedicura"]);
        assert_eq!(ids("semi en los pies"), ["semi"]);
        assert_eq!(ids("semi en las uñas"), ["semi"]);
        // Two services, one after the other, stay two.
        assert_eq!(ids("corte en lucía y manos"), ["corte-dama", "manicura"]);
        assert_eq!(ids("manos y pies"), ["manicura", "pedicura"]);
        // What the last is done in goes for the first too.
        assert_eq!(ids("manos y pies en semi"), ["semi", "pedicura"]);
        assert_eq!(ids("manos y pies con semi"), ["semi", "pedicura"]);
        // The finish the hands are done in, right after them: the semi alone.
        assert_eq!(ids("manicura semi"), ["semi"]);
        assert_eq!(ids("las uñas, gel"), ["semi"]);
        assert_eq!(ids("manos en gel"), ["semi"]);
        assert_eq!(ids("manicure com gel"), ["semi"]);
        assert_eq!(ids("manos con semi"), ["semi"]);
        assert_eq!(ids("pedicura semi"), ["pedicura"]);
        // Said apart, both.
        assert_eq!(ids("manicura y semi"), ["manicura", "semi"]);
    }
}
