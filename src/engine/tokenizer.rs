//! The tokenizer, built from the GGUF file's own metadata: vocabulary, merges, special tokens
//! and the pre-tokenizer of the model family (`tokenizer.ggml.pre`); for SentencePiece
//! vocabularies (`tokenizer.ggml.model = llama`, Gemma), the merges follow from the token
//! scores. No tokenizer.json is needed. The same tokenizer gives llguidance its token environment (via
//! `toktrie_hf_tokenizers`), so grammar masks and prompts agree on every token.

use std::collections::HashMap;

use candle_core::quantized::gguf_file::Value;
use tokenizers::decoders::byte_level::ByteLevel as ByteLevelDecoder;
use tokenizers::models::bpe::BPE;
use tokenizers::pre_tokenizers::byte_level::ByteLevel;
use tokenizers::pre_tokenizers::digits::Digits;
use tokenizers::pre_tokenizers::sequence::Sequence;
use tokenizers::pre_tokenizers::split::{Split, SplitPattern};
use tokenizers::pre_tokenizers::PreTokenizerWrapper;
use tokenizers::{AddedToken, SplitDelimiterBehavior, Tokenizer};

use super::gguf::GgufFile;
use super::EngineError;

/// Qwen2's pre-tokenizer split (its tokenizer.json, `tokenizer.ggml.pre = qwen2`).
const QWEN2_SPLIT: &str = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";
/// LLaMA-3 / GPT-4-style split (`llama-bpe`).
const LLAMA3_SPLIT: &str = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

pub struct GgufTokenizer {
    pub hf: Tokenizer,
    pub eos: Vec<u32>,
    pub bos: Option<u32>,
    pub vocab_size: usize,
    /// Token ids by their text, for special tokens such as `<|im_start|>`.
    pub specials: HashMap<String, u32>,
    /// Every sequence starts with `bos` (`tokenizer.ggml.add_bos_token`; Gemma needs it).
    pub add_bos: bool,
}

/// SentencePiece BPE as merges: llama.cpp (like SentencePiece) repeatedly joins the adjacent
/// pair whose joined piece scores highest. Every split of a normal piece into two normal pieces
/// is a merge, ranked by the joined piece's score; bytes outside the vocabulary fall back to
/// `<0xNN>` tokens.
fn spm_merges(tokens: &[String], types: &[i32], scores: &[f32]) -> Vec<(String, String)> {
    let normal = |i: usize| types.get(i).copied().unwrap_or(1) == 1;
    let index: HashMap<&str, usize> = tokens
        .iter()
        .enumerate()
        .filter(|(i, _)| normal(*i))
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    let mut ranked: Vec<(f32, usize, String, String)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if !normal(i) || t.chars().nth(1).is_none() {
            continue;
        }
        for (b, _) in t.char_indices().skip(1) {
            let (l, r) = t.split_at(b);
            if index.contains_key(l) && index.contains_key(r) {
                ranked.push((scores[i], i, l.to_string(), r.to_string()));
            }
        }
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, _, l, r)| (l, r)).collect()
}

/// A metadata array, each element converted by `each`.
fn array<T>(
    md: &HashMap<String, Value>,
    key: &str,
    each: impl Fn(&Value) -> candle_core::Result<T>,
) -> Result<Vec<T>, EngineError> {
    let v = md
        .get(key)
        .ok_or_else(|| EngineError::Model(format!("GGUF metadata lacks `{key}`")))?
        .to_vec()
        .map_err(|e| EngineError::Model(format!("`{key}`: {e}")))?;
    v.iter()
        .map(|x| each(x).map_err(|e| EngineError::Model(format!("`{key}`: {e}"))))
        .collect()
}

fn strings(md: &HashMap<String, Value>, key: &str) -> Result<Vec<String>, EngineError> {
    array(md, key, |x| x.to_string().cloned())
}

fn ints(md: &HashMap<String, Value>, key: &str) -> Result<Vec<i32>, EngineError> {
    array(md, key, Value::to_i32)
}

fn floats(md: &HashMap<String, Value>, key: &str) -> Result<Vec<f32>, EngineError> {
    array(md, key, Value::to_f32)
}

fn add_bos(md: &HashMap<String, Value>) -> bool {
    md.get("tokenizer.ggml.add_bos_token")
        .and_then(|v| v.to_bool().ok())
        .unwrap_or(false)
}

fn id(md: &HashMap<String, Value>, key: &str) -> Option<u32> {
    md.get(key).and_then(|v| v.to_u32().ok())
}

impl GgufTokenizer {
    pub fn from_gguf(g: &GgufFile) -> Result<Self, EngineError> {
        let md = g.metadata();
        let model = g.string("tokenizer.ggml.model").unwrap_or_default();
        match model.as_str() {
            "gpt2" => {}
            "llama" => return Self::sentencepiece(g),
            _ => {
                return Err(EngineError::Model(format!(
                    "tokenizer model `{model}` is not supported (supported: gpt2-style byte-level BPE, llama-style SentencePiece)"
                )))
            }
        }
        let pre = g
            .string("tokenizer.ggml.pre")
            .unwrap_or_else(|| "default".into());
        let tokens = strings(md, "tokenizer.ggml.tokens")?;
        let types = ints(md, "tokenizer.ggml.token_type").unwrap_or_else(|_| vec![1; tokens.len()]);
        let merges_raw = strings(md, "tokenizer.ggml.merges")?;
        let vocab: tokenizers::models::bpe::Vocab = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        let merges: Vec<(String, String)> = merges_raw
            .iter()
            .filter_map(|m| {
                m.split_once(' ')
                    .map(|(a, b)| (a.to_string(), b.to_string()))
            })
            .collect();
        let bpe = BPE::builder()
            .vocab_and_merges(vocab, merges)
            .ignore_merges(false)
            .build()
            .map_err(|e| EngineError::Model(format!("BPE from GGUF: {e}")))?;
        let mut hf = Tokenizer::new(bpe);
        let byte_level = |use_regex: bool| {
            PreTokenizerWrapper::ByteLevel(ByteLevel::new(false, false, use_regex))
        };
        let split = |pattern: &str| -> Result<PreTokenizerWrapper, EngineError> {
            Split::new(
                SplitPattern::Regex(pattern.to_string()),
                SplitDelimiterBehavior::Isolated,
                false,
            )
            .map(PreTokenizerWrapper::Split)
            .map_err(|e| EngineError::Model(format!("pre-tokenizer regex: {e}")))
        };
        let pre_tok = match pre.as_str() {
            "qwen2" => Sequence::new(vec![split(QWEN2_SPLIT)?, byte_level(false)]),
            "llama-bpe" | "llama3" => Sequence::new(vec![split(LLAMA3_SPLIT)?, byte_level(false)]),
            // StarCoder/SmolLM: each digit alone, then the GPT-2 split.
            "smollm" | "starcoder" | "refact" | "codeshell" => {
                Sequence::new(vec![PreTokenizerWrapper::Digits(Digits::new(true)), byte_level(true)])
            }
            "gpt-2" | "gpt2" | "default" => Sequence::new(vec![byte_level(true)]),
            other => {
                return Err(EngineError::Model(format!(
                    "pre-tokenizer `{other}` is not supported (supported: qwen2, llama-bpe, smollm, gpt-2)"
                )))
            }
        };
        hf.with_pre_tokenizer(Some(pre_tok));
        hf.with_decoder(Some(ByteLevelDecoder::default()));
        // Control (3) and user-defined (4) tokens match as whole special tokens.
        let mut specials = HashMap::new();
        let added: Vec<AddedToken> = tokens
            .iter()
            .zip(&types)
            .enumerate()
            .filter(|(_, (_, ty))| **ty == 3 || **ty == 4)
            .map(|(i, (t, _))| {
                specials.insert(t.clone(), i as u32);
                AddedToken::from(t.clone(), true)
            })
            .collect();
        hf.add_special_tokens(&added);
        Ok(Self::assemble(
            hf,
            md,
            tokens.len(),
            specials,
            &["<|im_end|>", "<|endoftext|>", "<|eot_id|>"],
        ))
    }

    /// The tokenizer around `hf`: end of sequence is the file's EOS plus whichever of the
    /// family's end-of-turn tokens the vocabulary has.
    fn assemble(
        hf: Tokenizer,
        md: &HashMap<String, Value>,
        vocab_size: usize,
        specials: HashMap<String, u32>,
        end_of_turn: &[&str],
    ) -> GgufTokenizer {
        let mut eos: Vec<u32> = id(md, "tokenizer.ggml.eos_token_id").into_iter().collect();
        for &i in end_of_turn.iter().filter_map(|t| specials.get(*t)) {
            if !eos.contains(&i) {
                eos.push(i);
            }
        }
        GgufTokenizer {
            hf,
            eos,
            bos: id(md, "tokenizer.ggml.bos_token_id"),
            vocab_size,
            specials,
            add_bos: add_bos(md),
        }
    }

    /// A SentencePiece vocabulary (Gemma): spaces written as `▁`, no pre-tokenizer split,
    /// control tokens special, user-defined ones (newline and space runs, HTML tags) matched
    /// whole as written, as llama.cpp does.
    fn sentencepiece(g: &GgufFile) -> Result<Self, EngineError> {
        use tokenizers::decoders::byte_fallback::ByteFallback;
        use tokenizers::decoders::fuse::Fuse;
        use tokenizers::decoders::sequence::Sequence as DecoderSequence;
        use tokenizers::normalizers::replace::Replace;
        use tokenizers::DecoderWrapper;
        let md = g.metadata();
        let tokens = strings(md, "tokenizer.ggml.tokens")?;
        let types = ints(md, "tokenizer.ggml.token_type").unwrap_or_else(|_| vec![1; tokens.len()]);
        let scores = floats(md, "tokenizer.ggml.scores")?;
        if scores.len() != tokens.len() {
            return Err(EngineError::Model(
                "tokenizer.ggml.scores and tokens differ in length".into(),
            ));
        }
        if md
            .get("tokenizer.ggml.add_space_prefix")
            .and_then(|v| v.to_bool().ok())
            .unwrap_or(true)
        {
            return Err(EngineError::Model(
                "SentencePiece vocabularies that add a space prefix are not supported yet".into(),
            ));
        }
        let vocab: tokenizers::models::bpe::Vocab = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        let unk = id(md, "tokenizer.ggml.unknown_token_id")
            .and_then(|i| tokens.get(i as usize).cloned())
            .unwrap_or_else(|| "<unk>".into());
        let bpe = BPE::builder()
            .vocab_and_merges(vocab, spm_merges(&tokens, &types, &scores))
            .byte_fallback(true)
            .unk_token(unk)
            .build()
            .map_err(|e| EngineError::Model(format!("SentencePiece BPE from GGUF: {e}")))?;
        let mut hf = Tokenizer::new(bpe);
        let err = |e: tokenizers::Error| EngineError::Model(format!("tokenizer: {e}"));
        hf.with_normalizer(Some(Replace::new(" ", "▁").map_err(err)?));
        hf.with_decoder(Some(DecoderSequence::new(vec![
            DecoderWrapper::Replace(Replace::new("▁", " ").map_err(err)?),
            DecoderWrapper::ByteFallback(ByteFallback::new()),
            DecoderWrapper::Fuse(Fuse::new()),
        ])));
        let mut specials = HashMap::new();
        let mut control = Vec::new();
        let mut user = Vec::new();
        for (i, (t, ty)) in tokens.iter().zip(&types).enumerate() {
            match ty {
                3 => {
                    specials.insert(t.clone(), i as u32);
                    control.push(AddedToken::from(t.clone(), true));
                }
                4 => user.push(AddedToken::from(t.clone(), false).normalized(false)),
                _ => {}
            }
        }
        hf.add_special_tokens(&control);
        hf.add_tokens(&user);
        Ok(Self::assemble(
            hf,
            md,
            tokens.len(),
            specials,
            &["<end_of_turn>", "<eos>"],
        ))
    }

    /// `tokens` as the start of a sequence: with the BOS the model family needs, if any.
    pub fn sequence_start(&self, mut tokens: Vec<u32>) -> Vec<u32> {
        if let (true, Some(bos)) = (self.add_bos, self.bos) {
            tokens.insert(0, bos);
        }
        tokens
    }

    /// Token ids of `text`; special tokens written in the text (`<|im_start|>`) are recognised.
    pub fn encode(&self, text: &str) -> Result<Vec<u32>, EngineError> {
        self.hf
            .encode(text, false)
            .map(|e| e.get_ids().to_vec())
            .map_err(|e| EngineError::Model(format!("tokenizer: {e}")))
    }

    pub fn decode(&self, ids: &[u32]) -> String {
        self.hf.decode(ids, false).unwrap_or_default()
    }

    /// The llguidance token environment for this vocabulary (`n_vocab` = the LM head rows).
    pub fn tok_env(&self, n_vocab: usize) -> Result<toktrie::TokEnv, EngineError> {
        let mut bt = toktrie_hf_tokenizers::ByteTokenizer::from_tokenizer(self.hf.clone())
            .map_err(|e| EngineError::Model(format!("token environment: {e}")))?;
        bt.set_eos_tokens(&self.eos);
        bt.into_tok_env(Some(n_vocab.max(self.vocab_size)))
            .map_err(|e| EngineError::Model(format!("token environment: {e}")))
    }
}
