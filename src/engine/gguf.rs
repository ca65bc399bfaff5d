//! Reading GGUF files: the architecture's hyper-parameters from the metadata, and tensors
//! (any GGML type) dequantized by candle.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use candle_core::quantized::gguf_file::{Content, Value};
use candle_core::Device;

use super::EngineError;

pub use super::arch::Arch;

#[derive(Debug, Clone, serde::Serialize)]
pub struct ModelConfig {
    pub arch: Arch,
    pub name: String,
    pub n_layers: usize,
    pub hidden: usize,
    pub n_heads: usize,
    pub n_kv_heads: usize,
    pub head_dim: usize,
    pub ffn: usize,
    pub vocab: usize,
    pub rope_theta: f32,
    pub rms_eps: f32,
    pub context: usize,
    /// What the architecture changes in the shared transformer.
    #[serde(skip)]
    pub spec: super::arch::ArchSpec,
}

pub struct GgufFile {
    pub content: Content,
    pub reader: BufReader<File>,
    pub path: String,
}

fn meta<'a>(md: &'a HashMap<String, Value>, key: &str) -> Result<&'a Value, EngineError> {
    md.get(key)
        .ok_or_else(|| EngineError::Model(format!("GGUF metadata lacks `{key}`")))
}

fn meta_u(md: &HashMap<String, Value>, key: &str) -> Result<usize, EngineError> {
    let v = meta(md, key)?;
    v.to_u32()
        .map(|x| x as usize)
        .or_else(|_| v.to_u64().map(|x| x as usize))
        .or_else(|_| v.to_i32().map(|x| x.max(0) as usize))
        .map_err(|e| EngineError::Model(format!("`{key}`: {e}")))
}

fn meta_f(md: &HashMap<String, Value>, key: &str) -> Result<f32, EngineError> {
    meta(md, key)?
        .to_f32()
        .map_err(|e| EngineError::Model(format!("`{key}`: {e}")))
}

impl GgufFile {
    pub fn open(path: &Path) -> Result<Self, EngineError> {
        let file = File::open(path)
            .map_err(|e| EngineError::Model(format!("cannot open {}: {e}", path.display())))?;
        let mut reader = BufReader::new(file);
        let content = Content::read(&mut reader).map_err(|e| {
            EngineError::Model(format!(
                "{} is not a readable GGUF file: {e}",
                path.display()
            ))
        })?;
        Ok(GgufFile {
            content,
            reader,
            path: path.display().to_string(),
        })
    }

    pub fn metadata(&self) -> &HashMap<String, Value> {
        &self.content.metadata
    }

    pub fn string(&self, key: &str) -> Option<String> {
        self.content
            .metadata
            .get(key)
            .and_then(|v| v.to_string().ok().cloned())
    }

    pub fn config(&self) -> Result<ModelConfig, EngineError> {
        let md = &self.content.metadata;
        let arch_name = self
            .string("general.architecture")
            .ok_or_else(|| EngineError::Model("GGUF metadata lacks general.architecture".into()))?;
        let architecture = super::arch::by_gguf_name(&arch_name).ok_or_else(|| {
            EngineError::Model(format!(
                "architecture `{arch_name}` is not supported by the engine (supported: {})",
                super::arch::supported()
            ))
        })?;
        let p = |k: &str| format!("{arch_name}.{k}");
        let spec = architecture.spec(&|k: &str| meta_u(md, &p(k)).ok().map(|v| v as u64));
        let hidden = meta_u(md, &p("embedding_length"))?;
        let n_heads = meta_u(md, &p("attention.head_count"))?;
        let n_kv_heads = meta_u(md, &p("attention.head_count_kv")).unwrap_or(n_heads);
        let vocab = self
            .content
            .tensor_infos
            .get("token_embd.weight")
            .map(|t| t.shape.dims()[0])
            .ok_or_else(|| EngineError::Model("GGUF lacks token_embd.weight".into()))?;
        let cfg = ModelConfig {
            arch: spec.arch,
            name: self
                .string("general.name")
                .unwrap_or_else(|| arch_name.clone()),
            n_layers: meta_u(md, &p("block_count"))?,
            hidden,
            n_heads,
            n_kv_heads,
            head_dim: meta_u(md, &p("attention.key_length")).unwrap_or(hidden / n_heads.max(1)),
            ffn: meta_u(md, &p("feed_forward_length"))?,
            vocab,
            rope_theta: meta_f(md, &p("rope.freq_base")).unwrap_or(10_000.0),
            rms_eps: meta_f(md, &p("attention.layer_norm_rms_epsilon")).unwrap_or(1e-6),
            context: meta_u(md, &p("context_length")).unwrap_or(4096),
            spec,
        };
        if cfg.n_heads == 0
            || cfg.n_kv_heads == 0
            || !cfg.n_heads.is_multiple_of(cfg.n_kv_heads)
            || cfg.head_dim == 0
            || !cfg.head_dim.is_multiple_of(2)
        {
            return Err(EngineError::Model(format!(
                "inconsistent attention shape: {cfg:?}"
            )));
        }
        Ok(cfg)
    }

    pub fn has(&self, name: &str) -> bool {
        self.content.tensor_infos.contains_key(name)
    }

    /// A tensor dequantized to f32, with its dims (rows first).
    pub fn f32_tensor(&mut self, name: &str) -> Result<(Vec<f32>, Vec<usize>), EngineError> {
        let qt = self
            .content
            .tensor(&mut self.reader, name, &Device::Cpu)
            .map_err(|e| EngineError::Model(format!("tensor `{name}`: {e}")))?;
        let dims = qt.shape().dims().to_vec();
        let t = qt
            .dequantize(&Device::Cpu)
            .and_then(|t| t.flatten_all())
            .and_then(|t| t.to_vec1::<f32>())
            .map_err(|e| EngineError::Model(format!("tensor `{name}`: {e}")))?;
        Ok((t, dims))
    }
}
