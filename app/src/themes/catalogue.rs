//! HR's own theme settings on top of the built-in taxonomy: a built-in theme renamed,
//! switched off or given more keywords, and themes of HR's own with their keywords. The
//! catalogue tags a note: the built-in detector's enabled themes plus every theme whose extra
//! keywords match. Keywords use the lexicon syntax (`parkeer`, `*vergoeding`, `=lg`,
//! `met pensioen`); they are folded like the notes (lower case, no accents).

use serde::{Deserialize, Serialize};

use super::{
    detect::{detect, matches, Sentiment},
    model::Model,
    text::{fold, guess_lang, words, Lang},
};
use crate::domain::{ThemeId, MAX_SHORT_TEXT};

/// Most themes of HR's own, and most keywords per theme.
pub const MAX_OWN_THEMES: usize = 40;
pub const MAX_KEYWORDS: usize = 60;

/// HR's settings for one theme, built-in (`key` is its id) or HR's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeSetting {
    /// Lower-case letters, digits and `_`; a built-in id, or a new one for HR's own theme.
    pub key: String,
    /// Empty: the built-in label.
    #[serde(default)]
    pub label_nl: String,
    #[serde(default)]
    pub label_en: String,
    pub enabled: bool,
    /// Extra patterns, both languages.
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// Every setting HR made; a built-in theme without a setting is on, as shipped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub settings: Vec<ThemeSetting>,
}

/// One theme found in a note by the catalogue, with the words that triggered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub theme: String,
    pub words: Vec<String>,
}

/// Why a catalogue cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueProblem {
    #[error("theme key {0:?} must be lower-case letters, digits or _ (at most 40)")]
    BadKey(String),
    #[error("theme {0:?} is given twice")]
    Twice(String),
    #[error("theme {0:?} of your own needs a Dutch or English label")]
    NoLabel(String),
    #[error("too many themes or keywords (at most {MAX_OWN_THEMES} themes of your own, {MAX_KEYWORDS} keywords each)")]
    TooMany,
    #[error("a label or keyword of theme {0:?} is empty or too long")]
    BadText(String),
}

fn valid_key(key: &str) -> bool {
    (1..=40).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A key for a new theme of HR's own, from its label: `Parkeren bij de poli` → `parkeren_bij_de_poli`.
pub fn key_for(label_nl: &str, label_en: &str) -> String {
    let label = if label_nl.is_empty() {
        label_en
    } else {
        label_nl
    };
    let folded = fold(label);
    let mut key = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !key.ends_with('_') && !key.is_empty() {
            key.push('_');
        }
    }
    let key = key.trim_end_matches('_');
    key.chars().take(40).collect()
}

impl Catalogue {
    /// These settings with a new theme of HR's own, called `label`, matching `keyword`
    /// (from an emergent term). Its key comes from the label and differs from every other.
    pub fn with_own_theme(&self, label: &str, keyword: &str) -> Catalogue {
        let base = key_for(label, "");
        let base = if base.is_empty() {
            "thema".to_owned()
        } else {
            base
        };
        let taken = |k: &str| self.setting(k).is_some() || ThemeId::from_key(k).is_some();
        let mut key = base.clone();
        for n in 2.. {
            if !taken(&key) {
                break;
            }
            let suffix = format!("_{n}");
            key = base.chars().take(40 - suffix.len()).collect::<String>() + &suffix;
        }
        let mut label_chars = label.trim().chars();
        let label: String = match label_chars.next() {
            Some(first) => first.to_uppercase().chain(label_chars).collect(),
            None => key.clone(),
        };
        let mut out = self.clone();
        out.settings.push(ThemeSetting {
            key,
            label_nl: label.clone(),
            label_en: label,
            enabled: true,
            keywords: vec![keyword.to_owned()],
        });
        out
    }

    /// The catalogue as it may be stored: keys valid and unique, labels and keywords
    /// trimmed and bounded, keywords folded like the notes.
    pub fn parse(mut self) -> Result<Self, CatalogueProblem> {
        let own = self
            .settings
            .iter()
            .filter(|s| ThemeId::from_key(&s.key).is_none())
            .count();
        if own > MAX_OWN_THEMES {
            return Err(CatalogueProblem::TooMany);
        }
        let mut seen = std::collections::BTreeSet::new();
        for s in &mut self.settings {
            s.key = s.key.trim().to_owned();
            if !valid_key(&s.key) {
                return Err(CatalogueProblem::BadKey(s.key.clone()));
            }
            if !seen.insert(s.key.clone()) {
                return Err(CatalogueProblem::Twice(s.key.clone()));
            }
            s.label_nl = s.label_nl.trim().to_owned();
            s.label_en = s.label_en.trim().to_owned();
            let long = |t: &str| t.chars().count() > MAX_SHORT_TEXT;
            if long(&s.label_nl) || long(&s.label_en) {
                return Err(CatalogueProblem::BadText(s.key.clone()));
            }
            if ThemeId::from_key(&s.key).is_none() && s.label_nl.is_empty() && s.label_en.is_empty()
            {
                return Err(CatalogueProblem::NoLabel(s.key.clone()));
            }
            if s.keywords.len() > MAX_KEYWORDS {
                return Err(CatalogueProblem::TooMany);
            }
            let mut keywords = Vec::with_capacity(s.keywords.len());
            for k in &s.keywords {
                let k = fold(k.trim());
                if long(&k) {
                    return Err(CatalogueProblem::BadText(s.key.clone()));
                }
                if !k.is_empty() && !keywords.contains(&k) {
                    keywords.push(k);
                }
            }
            s.keywords = keywords;
        }
        Ok(self)
    }

    pub fn setting(&self, key: &str) -> Option<&ThemeSetting> {
        self.settings.iter().find(|s| s.key == key)
    }

    /// A built-in theme without a setting is on; an unknown key is off.
    pub fn enabled(&self, key: &str) -> bool {
        match self.setting(key) {
            Some(s) => s.enabled,
            None => ThemeId::from_key(key).is_some(),
        }
    }

    /// Every theme a note can be given: the enabled built-in ones in their order, then HR's
    /// own enabled ones in theirs.
    pub fn enabled_keys(&self) -> Vec<String> {
        let own = self
            .settings
            .iter()
            .filter(|s| s.enabled && ThemeId::from_key(&s.key).is_none())
            .map(|s| s.key.clone());
        ThemeId::ALL
            .iter()
            .map(|t| t.key().to_owned())
            .filter(|k| self.enabled(k))
            .chain(own)
            .collect()
    }

    /// The name to show: HR's label in `lang` (or in the other language), else the shipped
    /// label of a built-in theme, else the key.
    pub fn name(&self, key: &str, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang as L;
        let own = self.setting(key).map(|s| match lang {
            L::Nl if !s.label_nl.is_empty() => s.label_nl.as_str(),
            L::En if !s.label_en.is_empty() => s.label_en.as_str(),
            _ if !s.label_nl.is_empty() => s.label_nl.as_str(),
            _ => s.label_en.as_str(),
        });
        match own.filter(|l| !l.is_empty()) {
            Some(label) => label.to_owned(),
            None => lang.texts().theme_label(key),
        }
    }

    /// The themes and tone of `text` under these settings, by the lexicon alone (the
    /// tablet's suggestions).
    pub fn tag(&self, text: &str, lang: Option<Lang>) -> (Vec<Tag>, Sentiment) {
        self.tag_with(None, text, lang)
    }

    /// The themes and tone of `text` under these settings, by `model` when given (the
    /// server's tags), else by the lexicon.
    pub fn tag_with(
        &self,
        model: Option<&Model>,
        text: &str,
        lang: Option<Lang>,
    ) -> (Vec<Tag>, Sentiment) {
        let lang = lang.unwrap_or_else(|| guess_lang(text));
        let found = match model {
            Some(model) => model.detect(text, Some(lang)),
            None => detect(text, Some(lang)),
        };
        let mut tags: Vec<Tag> = found
            .themes
            .into_iter()
            .filter(|h| self.enabled(h.theme.key()))
            .map(|h| Tag {
                theme: h.theme.key().to_owned(),
                words: h.words,
            })
            .collect();
        let with_keywords = self
            .settings
            .iter()
            .filter(|s| s.enabled && !s.keywords.is_empty());
        let mut note_words = None;
        for s in with_keywords {
            let note_words = note_words.get_or_insert_with(|| words(text, lang));
            let hits = matches(s.keywords.iter().map(String::as_str), note_words);
            if hits.is_empty() {
                continue;
            }
            match tags.iter_mut().find(|t| t.theme == s.key) {
                Some(tag) => {
                    for h in hits {
                        if !tag.words.contains(&h) {
                            tag.words.push(h);
                        }
                    }
                }
                None => tags.push(Tag {
                    theme: s.key.clone(),
                    words: hits,
                }),
            }
        }
        (tags, found.sentiment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(key: &str, enabled: bool, keywords: &[&str]) -> ThemeSetting {
        ThemeSetting {
            key: key.into(),
            label_nl: if ThemeId::from_key(key).is_some() {
                String::new()
            } else {
                "Eigen".into()
            },
            label_en: String::new(),
            enabled,
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
        }
    }

    fn keys(c: &Catalogue, text: &str) -> Vec<String> {
        c.tag(text, None).0.into_iter().map(|t| t.theme).collect()
    }

    #[test]
    fn without_settings_the_catalogue_tags_as_the_detector() {
        let c = Catalogue::default();
        assert_eq!(keys(&c, "De werkdruk was te hoog"), ["workload"]);
    }

    #[test]
    fn a_switched_off_theme_is_not_tagged_and_keywords_add_themes() {
        let c = Catalogue {
            settings: vec![
                setting("workload", false, &[]),
                setting("parking", true, &["parkeer", "*parkeerplaats"]),
                setting("pay", true, &["bonus"]),
                setting("unused", false, &["werkdruk"]),
            ],
        }
        .parse()
        .expect("valid");
        assert_eq!(keys(&c, "De werkdruk was te hoog"), Vec::<String>::new());
        assert_eq!(
            keys(&c, "Nooit een parkeerplaats bij de poli"),
            ["commute", "parking"]
        );
        let (tags, _) = c.tag("Geen bonus gehad", None);
        assert_eq!(
            tags,
            [Tag {
                theme: "pay".into(),
                words: vec!["bonus".into()]
            }]
        );
    }

    #[test]
    fn labels_fall_back_from_hr_to_built_in_to_key() {
        let mut own = setting("parking", true, &[]);
        own.label_en = "Parking".into();
        let c = Catalogue {
            settings: vec![own],
        };
        use crate::i18n::Lang as L;
        assert_eq!(c.name("parking", L::En), "Parking");
        assert_eq!(c.name("parking", L::Nl), "Eigen");
        assert_eq!(c.name("pay", L::Nl), "beloning & voorwaarden");
        assert_eq!(c.name("x", L::Nl), "x");
    }

    #[test]
    fn bad_catalogues_are_refused_with_the_reason() {
        let cases = [
            (
                vec![setting("Parkeren!", true, &[])],
                CatalogueProblem::BadKey("Parkeren!".into()),
            ),
            (
                vec![setting("pay", true, &[]), setting("pay", false, &[])],
                CatalogueProblem::Twice("pay".into()),
            ),
            (
                vec![ThemeSetting {
                    label_nl: String::new(),
                    ..setting("eigen", true, &[])
                }],
                CatalogueProblem::NoLabel("eigen".into()),
            ),
        ];
        for (settings, want) in cases {
            assert_eq!(Catalogue { settings }.parse(), Err(want));
        }
        let folded = Catalogue {
            settings: vec![setting("pay", true, &[" Bonús ", "bonus", ""])],
        }
        .parse()
        .expect("valid");
        assert_eq!(folded.settings[0].keywords, ["bonus"]);
    }

    #[test]
    fn keys_of_new_themes_come_from_their_label_and_are_unique() {
        let cases = [
            ("Parkeren bij de poli", "", "parkeren_bij_de_poli"),
            ("", "Parking!", "parking"),
            ("Één  thema -- met tekens", "", "een_thema_met_tekens"),
        ];
        for (nl, en, want) in cases {
            assert_eq!(key_for(nl, en), want);
        }
        let c = Catalogue {
            settings: vec![setting("laptop", true, &[])],
        };
        let added = c
            .with_own_theme("laptop", "laptop")
            .with_own_theme("pay", "loon");
        let last = |c: &Catalogue| c.settings.last().cloned().expect("added");
        let first_added = &added.settings[1];
        assert_eq!(
            (first_added.key.as_str(), first_added.label_nl.as_str()),
            ("laptop_2", "Laptop")
        );
        assert_eq!(last(&added).key, "pay_2");
        assert_eq!(last(&added).keywords, ["loon"]);
        assert!(added.parse().is_ok());
    }
}
