//! The architectures the engine runs, one file each behind a small trait. The forward pass
//! (`model.rs` natively, `device.rs` on a candle device) is one decoder-only transformer;
//! what an architecture changes is described by its [`ArchSpec`], which both paths read —
//! never a check for a model family's name.

mod gemma3;
mod llama;
mod qwen2;

/// The architectures the engine runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Arch {
    Qwen2,
    Llama,
    Gemma3,
}

/// How rotary position embeddings pair a head's dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rope {
    /// NeoX style: dimension `i` with `i + head_dim/2`.
    Halves,
    /// GPT-J style: adjacent pairs `2i`, `2i+1` (GGUF LLaMA files are permuted for it).
    Adjacent,
}

/// The feed-forward's gate activation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    Silu,
    /// GELU, tanh approximation.
    GeluTanh,
}

/// Layers that attend over a sliding window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sliding {
    /// A token sees this many positions back (itself included).
    pub window: usize,
    /// Every `pattern`-th layer is global, the others slide.
    pub pattern: usize,
    /// The rotary base of the sliding layers.
    pub rope_theta: f32,
}

/// What an architecture changes in the shared transformer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArchSpec {
    pub arch: Arch,
    pub rope: Rope,
    pub activation: Activation,
    /// Embeddings are multiplied by √hidden.
    pub scaled_embeddings: bool,
    /// Every layer has per-head q/k norms and norms of the attention and feed-forward
    /// outputs before they join the residual stream (required tensors).
    pub qk_and_post_norms: bool,
    pub sliding: Option<Sliding>,
}

/// One architecture: its name in GGUF metadata and what it changes.
pub trait Architecture: Sync {
    /// `general.architecture` in a GGUF file.
    fn gguf_name(&self) -> &'static str;
    /// The description, reading what the file says (`meta` reads an unsigned value of the
    /// architecture's metadata, by its key without the architecture's prefix).
    fn spec(&self, meta: &dyn Fn(&str) -> Option<u64>) -> ArchSpec;
}

const ALL: [&dyn Architecture; 3] = [&qwen2::Qwen2, &llama::Llama, &gemma3::Gemma3];

/// The architecture a GGUF file declares, if the engine runs it.
pub fn by_gguf_name(name: &str) -> Option<&'static dyn Architecture> {
    ALL.iter().copied().find(|a| a.gguf_name() == name)
}

/// Names the engine runs, for error messages.
pub fn supported() -> String {
    ALL.iter()
        .map(|a| a.gguf_name())
        .collect::<Vec<_>>()
        .join(", ")
}
