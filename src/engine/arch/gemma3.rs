//! Gemma 3: embeddings scaled by √hidden, per-head q/k norms, norms after attention and
//! feed-forward too, GELU, and five sliding-window layers (with their own rotary base) to
//! each global one.

use super::{Activation, Arch, ArchSpec, Architecture, Rope, Sliding};

pub struct Gemma3;

/// Every sixth layer is global (not in the file: llama.cpp's value).
const SWA_PATTERN: usize = 6;
/// The sliding layers' rotary base (llama.cpp's value for Gemma 3).
const LOCAL_ROPE_THETA: f32 = 10_000.0;

impl Architecture for Gemma3 {
    fn gguf_name(&self) -> &'static str {
        "gemma3"
    }

    fn spec(&self, meta: &dyn Fn(&str) -> Option<u64>) -> ArchSpec {
        ArchSpec {
            arch: Arch::Gemma3,
            rope: Rope::Halves,
            activation: Activation::GeluTanh,
            scaled_embeddings: true,
            qk_and_post_norms: true,
            sliding: meta("attention.sliding_window").map(|w| Sliding {
                window: w as usize,
                pattern: SWA_PATTERN,
                rope_theta: LOCAL_ROPE_THETA,
            }),
        }
    }
}
