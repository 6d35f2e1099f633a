//! Stop words of English and French: dropped before stemming, and counted to tell which of the
//! two languages a text is written in. Lower case, accents kept (as the stemmers expect).

/// English function words (Snowball's English list, the most frequent part).
pub const ENGLISH: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "may", "me", "more", "most", "must", "my", "myself", "no", "nor", "not",
    "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out",
    "over", "own", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "until", "up", "upon", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with", "within", "would",
    "you", "your", "yours", "yourself",
];

/// French function words (Snowball's French list, with the elided forms split off by the
/// tokeniser: l', d', qu' leave "l", "d", "qu").
pub const FRENCH: &[&str] = &[
    "a", "afin", "ai", "aie", "au", "aucun", "aussi", "autre", "aux", "avec", "avoir", "c",
    "ce", "ceci", "cela", "celle", "celles", "celui", "ces", "cet", "cette", "ceux", "chaque",
    "d", "dans", "de", "des", "donc", "dont", "du", "elle", "elles", "en", "entre", "es", "est",
    "et", "été", "étaient", "était", "être", "eu", "eux", "il", "ils", "j", "je", "l", "la",
    "le", "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "même", "mes", "moi", "mon",
    "n", "ne", "ni", "nos", "notre", "nous", "on", "ont", "ou", "où", "par", "pas", "pour",
    "qu", "que", "quel", "quelle", "quelles", "quels", "qui", "s", "sa", "sans", "se", "selon",
    "ses", "si", "son", "sont", "sous", "sur", "t", "ta", "te", "tes", "toi", "ton", "tous",
    "tout", "toute", "toutes", "très", "tu", "un", "une", "unes", "uns", "vers", "vos", "votre",
    "vous", "y",
];
