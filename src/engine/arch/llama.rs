//! LLaMA (SmolLM2): no biases, rotary embeddings on adjacent pairs (GGUF permutes q/k for
//! it), SiLU.

use super::{Activation, Arch, ArchSpec, Architecture, Rope};

pub struct Llama;

impl Architecture for Llama {
    fn gguf_name(&self) -> &'static str {
        "llama"
    }

    fn spec(&self, _meta: &dyn Fn(&str) -> Option<u64>) -> ArchSpec {
        ArchSpec {
            arch: Arch::Llama,
            rope: Rope::Adjacent,
            activation: Activation::Silu,
            scaled_embeddings: false,
            qk_and_post_norms: false,
            sliding: None,
        }
    }
}
