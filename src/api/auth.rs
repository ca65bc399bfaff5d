//! API keys and the admin token. Keys are stored as SHA-256 digests and compared in constant
//! time; a key of workspace A never acts on workspace B.

use axum::http::HeaderMap;

use super::error::ApiError;
pub use crate::keys::{digest, digest_matches};

/// The bearer token of a request, if well formed.
pub fn bearer(headers: &HeaderMap) -> Result<&str, ApiError> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)
        .ok_or(ApiError::Unauthorized(
            "missing Authorization: Bearer <key> header",
        ))?
        .to_str()
        .map_err(|_| ApiError::Unauthorized("the Authorization header is not ASCII"))?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .ok_or(ApiError::Unauthorized(
            "the Authorization header must be `Bearer <key>`",
        ))?
        .trim();
    if token.is_empty() {
        return Err(ApiError::Unauthorized("empty bearer token"));
    }
    Ok(token)
}

/// Checks the admin token. Admin endpoints do not exist without one configured.
pub fn admin(headers: &HeaderMap, configured: Option<&str>) -> Result<(), ApiError> {
    let Some(expected) = configured else {
        return Err(ApiError::AdminDisabled);
    };
    let token = bearer(headers)?;
    if digest_matches(&digest(token), &[digest(expected)]) {
        Ok(())
    } else {
        Err(ApiError::Unauthorized("invalid admin token"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_only_the_right_key() {
        let allowed = [digest("a"), digest("demo-key")];
        assert!(digest_matches(&digest("demo-key"), &allowed));
        assert!(!digest_matches(&digest("Demo-key"), &allowed));
        assert!(!digest_matches(&digest("demo-key"), &[]));
    }

    #[test]
    fn bearer_parsing() {
        let mut h = HeaderMap::new();
        assert!(bearer(&h).is_err());
        h.insert("authorization", "Basic abc".parse().unwrap());
        assert!(bearer(&h).is_err());
        h.insert("authorization", "Bearer demo-key".parse().unwrap());
        assert_eq!(bearer(&h).unwrap(), "demo-key");
    }
}
