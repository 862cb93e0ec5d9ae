//! From a typed note to matchable words: lowercase, accents folded (coördinator →
//! coordinator), split into words, each with its Snowball stem; and a guess of the language
//! when the note does not say.

use std::{cell::RefCell, collections::HashMap};

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
    let words = texts
        .into_iter()
        .map(|w| Word {
            stem: stem(w, lang, &stemmer),
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

/// Most stems kept per thread and language; the memo is emptied when it is full.
const MEMO_LIMIT: usize = 20_000;

thread_local! {
    /// Stems already worked out on this thread, per language (in [`Lang`] order). Notes
    /// share most of their words, and on the tablet a note is detected again at every
    /// keystroke: looking a stem up is much cheaper than stemming the word again.
    static STEMS: RefCell<[HashMap<String, String>; 2]> = RefCell::default();
}

/// `word`'s stem by `stemmer` (for `lang`), from the memo when it was seen before.
fn stem(word: &str, lang: Lang, stemmer: &Stemmer) -> String {
    STEMS.with_borrow_mut(|memo| {
        let memo = &mut memo[lang as usize];
        if let Some(stem) = memo.get(word) {
            return stem.clone();
        }
        if memo.len() >= MEMO_LIMIT {
            memo.clear();
        }
        let stem = stemmer.stem(word).into_owned();
        memo.insert(word.to_owned(), stem.clone());
        stem
    })
}

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
    fn remembered_stems_are_the_stemmers_stems() {
        let text =
            "Zij had het werk niet meer voor ons willen doen, and she would not have done it";
        for lang in [Lang::Nl, Lang::En] {
            let stemmer = stemmer(lang);
            // Twice: stemmed, then remembered.
            for _ in 0..2 {
                let ws = words(text, lang);
                assert_eq!(ws.len(), 17);
                for w in ws {
                    assert_eq!(w.stem, stemmer.stem(&w.text), "{lang:?} {}", w.text);
                }
            }
        }
        // A full memo is emptied and fills again with the same stems.
        let stemmer = stemmer(Lang::Nl);
        for n in 0..MEMO_LIMIT + 10 {
            let word = format!("salarissen{n}");
            assert_eq!(stem(&word, Lang::Nl, &stemmer), stemmer.stem(&word));
        }
        STEMS.with_borrow(|memo| assert!(memo[0].len() <= MEMO_LIMIT));
        assert_eq!(words("werkdruk", Lang::Nl)[0].stem, "werkdruk");
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
