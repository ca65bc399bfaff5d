//! API keys at rest: only their SHA-256 digests are stored (workspace files, config), and a
//! presented key is compared with every allowed digest in constant time. Used by the HTTP
//! layer to authenticate and by the catalog to read keys from the environment.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The SHA-256 digest of a key.
pub fn digest(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

/// Constant-time membership of a digest in a list (every entry is compared).
pub fn digest_matches(candidate: &[u8; 32], allowed: &[[u8; 32]]) -> bool {
    let mut hit = subtle::Choice::from(0u8);
    for a in allowed {
        hit |= candidate.ct_eq(a);
    }
    hit.into()
}
