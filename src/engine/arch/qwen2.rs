//! Qwen2 (the default model's family): biases on q/k/v (read from the file when present),
//! NeoX rotary embeddings, SiLU.

use super::{Activation, Arch, ArchSpec, Architecture, Rope};

pub struct Qwen2;

impl Architecture for Qwen2 {
    fn gguf_name(&self) -> &'static str {
        "qwen2"
    }

    fn spec(&self, _meta: &dyn Fn(&str) -> Option<u64>) -> ArchSpec {
        ArchSpec {
            arch: Arch::Qwen2,
            rope: Rope::Halves,
            activation: Activation::Silu,
            scaled_embeddings: false,
            qk_and_post_norms: false,
            sliding: None,
        }
    }
}
