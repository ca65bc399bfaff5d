# Portuguese (Brazilian) words the rule reader knows. One entry per line, folded (lower case, no
# accents). In `[cue <intent>]` sections a weight comes first, then the phrase; a trailing `*`
# matches any word starting with the stem. See src/nlu/lexicon/mod.rs for what each section does.

[cue info_prices]
3 custa
2 quanto

[cue greeting]
1.5 oi

[cue chitchat]
2.5 obrigad*
