//! From a typed note to matchable words: lowercase, accents folded (coördinator →
//! coordinator), split into words, each with its Snowball stem; and a guess of the language
//! when the note does not say.

use std::{collections::HashMap, sync::LazyLock};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// The language of a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nl = 0,
    En = 1,
}

impl Lang {
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// One word of a note: its folded form and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub stem: String,
}

/// Lowercase without accents: é, ë, è → e, ï → i, ö → o, ü → u, etc.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            '’' => '\'',
            other => other,
        })
        .collect()
}

/// The words of `text`, folded and stemmed with `lang`'s Snowball stemmer.
/// "zzp'er" stays one word; "burn-outklachten" gives "burn" and "outklachten".
pub fn words(text: &str, lang: Lang) -> Vec<Word> {
    words_in(text, Some(lang)).1
}

/// The language of `text` (guessed when not given) and its words: folded and split once.
pub fn words_in(text: &str, lang: Option<Lang>) -> (Lang, Vec<Word>) {
    let folded = fold(text);
    let texts: Vec<&str> = folded.unicode_words().collect();
    let lang = lang.unwrap_or_else(|| guess(&texts));
    let stemmer = stemmer(lang);
    let common = &COMMON[lang as usize];
    let words = texts
        .into_iter()
        .map(|w| Word {
            stem: match common.get(w) {
                Some(stem) => stem.clone(),
                None => stemmer.stem(w).into_owned(),
            },
            text: w.to_owned(),
        })
        .collect();
    (lang, words)
}

fn stemmer(lang: Lang) -> Stemmer {
    Stemmer::create(match lang {
        Lang::Nl => Algorithm::Dutch,
        Lang::En => Algorithm::English,
    })
}

/// Function words, the most frequent words of any note: about half of what is typed.
#[rustfmt::skip]
const COMMON_WORDS: &[&str] = &[
    // nl
    "aan", "al", "alle", "alles", "als", "altijd", "ander", "andere", "anders", "ben", "bent",
    "bij", "daar", "dan", "dat", "de", "deze", "die", "dit", "door", "dus", "een", "eigenlijk",
    "en", "er", "geen", "had", "haar", "heb", "hebben", "heeft", "hem", "het", "hier", "hij",
    "hoe", "hun", "ik", "in", "is", "je", "jij", "kan", "kon", "maar", "me", "meer", "mijn",
    "moest", "moet", "na", "naar", "niet", "nog", "nu", "of", "om", "omdat", "ons", "onze", "ook",
    "op", "over", "te", "toch", "toen", "tot", "uit", "van", "veel", "voor", "waar", "was",
    "wat", "we", "wel", "werd", "wij", "wil", "wordt", "ze", "zei", "zich", "zij", "zijn", "zo",
    "zou", "zonder", "heel", "erg", "echt", "nooit", "steeds", "wilde", "waren", "worden",
    // en
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he",
    "her", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more",
    "my", "no", "not", "of", "on", "one", "only", "or", "our", "out", "she", "so", "than", "that",
    "the", "their", "them", "then", "there", "they", "this", "to", "too", "up", "very", "was",
    "we", "were", "what", "when", "which", "who", "will", "with", "would", "you", "your",
];

/// The stems of [`COMMON_WORDS`] per language (in [`Lang`] order), worked out once by the
/// same stemmer: looking one up is much cheaper than stemming it again.
static COMMON: LazyLock<[HashMap<&'static str, String>; 2]> = LazyLock::new(|| {
    [Lang::Nl, Lang::En].map(|lang| {
        let stemmer = stemmer(lang);
        COMMON_WORDS
            .iter()
            .map(|w| (*w, stemmer.stem(w).into_owned()))
            .collect()
    })
});

/// Dutch or English, by counting common function words; Dutch on a tie (the default UI).
pub fn guess_lang(text: &str) -> Lang {
    guess(&fold(text).unicode_words().collect::<Vec<_>>())
}

fn guess(folded_words: &[&str]) -> Lang {
    const NL: &[&str] = &[
        "de", "het", "een", "en", "van", "is", "niet", "op", "met", "voor", "naar", "bij", "wil",
        "heeft", "geen", "ook", "maar", "dat", "die", "er", "te", "zijn", "wordt", "als", "nu",
    ];
    const EN: &[&str] = &[
        "the", "a", "and", "of", "is", "not", "on", "with", "for", "to", "at", "wants", "has",
        "no", "also", "but", "that", "was", "be", "are", "as", "now", "her", "his", "she", "he",
    ];
    let (mut nl, mut en) = (0, 0);
    for w in folded_words {
        nl += usize::from(NL.contains(w));
        en += usize::from(EN.contains(w));
    }
    if en > nl {
        Lang::En
    } else {
        Lang::Nl
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_stemmed() {
        let w = words("Coördinator werkte, Salarissen!", Lang::Nl);
        let texts: Vec<_> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["coordinator", "werkte", "salarissen"]);
        assert!(w[2].stem.starts_with("salaris"), "{}", w[2].stem);
        let w = words("promoted twice, promotions", Lang::En);
        assert_eq!(w[0].stem, "promot");
        assert_eq!(w[2].stem, "promot");
    }

    #[test]
    fn common_words_get_the_stems_the_stemmer_gives() {
        let text =
            "Zij had het werk niet meer voor ons willen doen, and she would not have done it";
        for lang in [Lang::Nl, Lang::En] {
            let stemmer = stemmer(lang);
            let ws = words(text, lang);
            assert_eq!(ws.len(), 17);
            for w in ws {
                assert_eq!(w.stem, stemmer.stem(&w.text), "{lang:?} {}", w.text);
            }
        }
    }

    #[test]
    fn the_language_is_guessed_from_function_words() {
        let cases = [
            ("Geen klachten over het salaris", Lang::Nl),
            ("Says the workload was too high for her", Lang::En),
            ("cao", Lang::Nl),
        ];
        for (text, lang) in cases {
            assert_eq!(guess_lang(text), lang, "{text}");
        }
    }
}
