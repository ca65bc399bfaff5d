//! The house rules, checked on the source: dependencies between top-level modules point one
//! way (no circle), the lower layers never reach up, and no file grows past a size one can
//! read in a sitting.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().and_then(|x| x.to_str()) == Some("rs") {
            out.push(p);
        }
    }
}

/// Top-level module of a source file (`src/domain/nlg.rs` → `domain`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    let name = first.trim_end_matches(".rs").to_string();
    (!matches!(name.as_str(), "lib" | "main")).then_some(name)
}

/// Which top-level modules each module's code names (`crate::x`, `super::super::x` is not
/// used in this crate).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = common::repo().join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let Some(m) = module_of(&src, &f) else {
            continue;
        };
        let text = std::fs::read_to_string(&f).unwrap();
        let deps = g.entry(m.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + 7..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != m {
                deps.insert(name);
            }
        }
    }
    g
}

#[test]
fn layers_point_one_way() {
    let g = graph();
    let uses = |m: &str| g.get(m).cloned().unwrap_or_default();
    for m in g.keys() {
        if !matches!(m.as_str(), "api" | "server" | "cli") {
            for up in ["api", "server", "cli"] {
                assert!(!uses(m).contains(up), "`{m}` imports `{up}`");
            }
        }
    }
    for low in ["nlu", "planner", "pipeline", "tools", "engine", "store"] {
        assert!(!uses("domain").contains(low), "`domain` imports `{low}`");
    }
    let product: BTreeSet<String> = g.keys().cloned().collect();
    for d in uses("engine") {
        assert!(
            !product.contains(&d) || d == "engine",
            "`engine` imports `{d}` (it knows nothing of the product)"
        );
    }
    for d in ["tools", "store"] {
        assert!(!uses("config").contains(d), "`config` imports `{d}`");
    }
}

#[test]
fn no_circle_between_top_level_modules() {
    let g = graph();
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(n) {
            return;
        }
        if let Some(at) = stack.iter().position(|s| s == n) {
            panic!("a circle: {} → {n}", stack[at..].join(" → "));
        }
        stack.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            visit(d, g, stack, done);
        }
        stack.pop();
        done.insert(n.to_string());
    }
    let mut done = BTreeSet::new();
    for n in g.keys() {
        visit(n, &g, &mut Vec::new(), &mut done);
    }
}

#[test]
fn files_stay_small() {
    let src = common::repo().join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    for f in files {
        let lines = std::fs::read_to_string(&f).unwrap().lines().count();
        assert!(lines <= 800, "{} has {lines} lines", f.display());
    }
    let main = std::fs::read_to_string(src.join("main.rs")).unwrap();
    assert!(main.lines().count() < 150, "main.rs is a dispatch");
}

/// Every environment variable the code reads is in the configuration table of
/// docs/operations.md.
#[test]
fn every_environment_variable_is_documented() {
    let src = common::repo().join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let doc = std::fs::read_to_string(common::repo().join("docs/operations.md")).unwrap();
    let mut missing = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, _) in text.match_indices("\"PULPO_") {
            let name: String = text[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if name.len() > "PULPO_".len() && !doc.contains(&format!("`{name}`")) {
                missing.push(format!("{name} ({})", f.display()));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "undocumented: {missing:?}");
}
