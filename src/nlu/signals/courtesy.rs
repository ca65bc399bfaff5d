//! "ok gracias", "genial, mil gracias": thanks said, whatever else the message says.

use crate::text::Words;

/// Whether the message thanks ("gracias", "thanks", "obrigada").
pub fn thanks(words: &Words) -> bool {
    words.norms().iter().any(|w| {
        matches!(
            *w,
            "gracias" | "graciass" | "grax" | "thanks" | "thank" | "thx" | "obrigado" | "obrigada"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("ok gracias", true)]
    #[case("ok, thanks!", true)]
    #[case("perfeito, obrigada", true)]
    #[case("ok", false)]
    fn says_thanks(#[case] text: &str, #[case] want: bool) {
        assert_eq!(thanks(&Words::new(text)), want, "{text}");
    }
}
