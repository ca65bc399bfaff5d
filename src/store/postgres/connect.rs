//! How a replica reaches PostgreSQL: pool size, and TLS (rustls) with the system's roots and
//! an optional CA file.

use tokio_postgres_rustls::MakeRustlsConnect;

use super::StoreError;

/// How to reach the database besides its URL.
#[derive(Debug, Clone, Default)]
pub struct PgOptions {
    /// Connections kept by this replica (default [`super::DEFAULT_POOL_SIZE`]).
    pub pool_size: Option<usize>,
    /// A PEM file of extra root certificates (a managed database's own CA), trusted besides
    /// the system's.
    pub ca_file: Option<std::path::PathBuf>,
}

impl PgOptions {
    /// `PULPO_PG_POOL_SIZE` and `PULPO_PG_CA_FILE`.
    pub fn from_env() -> Result<Self, StoreError> {
        let pool_size = match std::env::var("PULPO_PG_POOL_SIZE") {
            Ok(v) => Some(
                v.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(|| StoreError::Open {
                        location: "PULPO_PG_POOL_SIZE".into(),
                        reason: format!("`{v}` is not a number of connections from 1 to 1000"),
                    })?,
            ),
            Err(_) => None,
        };
        let ca_file = std::env::var_os("PULPO_PG_CA_FILE")
            .filter(|v| !v.is_empty())
            .map(Into::into);
        Ok(PgOptions { pool_size, ca_file })
    }
}

/// The TLS setup: the system's root certificates, plus `ca_file`'s.
pub(super) fn tls(ca_file: Option<&std::path::Path>) -> Result<MakeRustlsConnect, String> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        // A system certificate rustls cannot read is skipped, as other clients do.
        let _ = roots.add(cert);
    }
    if let Some(path) = ca_file {
        let mut n = 0;
        for cert in CertificateDer::pem_file_iter(path)
            .map_err(|e| format!("reading {}: {e}", path.display()))?
        {
            let cert = cert.map_err(|e| format!("reading {}: {e}", path.display()))?;
            roots
                .add(cert)
                .map_err(|e| format!("a certificate in {}: {e}", path.display()))?;
            n += 1;
        }
        if n == 0 {
            return Err(format!("{} holds no PEM certificate", path.display()));
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// A pool error with the database's own words where there are some.
pub(super) fn pool_reason(e: deadpool_postgres::PoolError) -> String {
    match e {
        deadpool_postgres::PoolError::Backend(e) => match e.as_db_error() {
            Some(db) => db.message().to_string(),
            None => {
                // "error performing TLS handshake" says little without its cause.
                let mut out = e.to_string();
                let mut cause = std::error::Error::source(&e);
                while let Some(c) = cause {
                    out.push_str(&format!(": {c}"));
                    cause = c.source();
                }
                out
            }
        },
        other => other.to_string(),
    }
}
