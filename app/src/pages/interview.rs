//! `/gesprekken/:id`: running the talk. Every edit goes through [`Editor::edit`], which
//! stores the interview and records the pending change at once; when the device refuses,
//! the on-screen state is kept and the reason shown.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    clock,
    components::{
        AnswersForm, ClosingChecklist, ListeningAid, OpeningSection, QuestionCard, StorageBanner,
        Timer,
    },
    domain::{Interview, InterviewId, Op, Question},
    i18n::use_texts,
    store::{self, Draft, StoreError},
    sync::agent::{use_sync, SyncAgent},
};

/// The open interview and how to change it; provided as context to the page's components.
#[derive(Clone, Copy)]
pub struct Editor {
    pub interview: RwSignal<Option<Interview>>,
    pub error: RwSignal<Option<StoreError>>,
    sync: SyncAgent,
}

impl Editor {
    /// Applies `change` to a copy of the interview; it returns the ops to record (none: no
    /// change). Only when the store accepted the save does the screen state move on.
    /// Returns whether the change was stored.
    pub fn edit(&self, change: impl FnOnce(&mut Interview, i64) -> Vec<Op>) -> bool {
        let Some(mut iv) = self.interview.get_untracked() else {
            return false;
        };
        let now = clock::now();
        let ops = change(&mut iv, now);
        if ops.is_empty() {
            return true;
        }
        iv.updated_at = now;
        match store::browser().and_then(|s| s.save(&iv, ops, now)) {
            Ok(stored) => {
                self.interview.set(Some(stored));
                self.sync.changed();
                self.error.set(None);
                true
            }
            Err(e) => {
                self.error.set(Some(e));
                false
            }
        }
    }

    pub fn read_only(&self) -> Signal<bool> {
        let interview = self.interview;
        Signal::derive(move || interview.with(|iv| iv.as_ref().is_none_or(Interview::read_only)))
    }
}

pub fn use_editor() -> Editor {
    expect_context::<Editor>()
}

/// A field's text that is kept among the interview's drafts on every input, so that a
/// reload or a locked vault loses none of it; read back when the field is drawn.
#[derive(Clone, Copy)]
pub struct KeptText {
    pub text: RwSignal<String>,
    draft: StoredValue<Draft>,
    editor: Editor,
}

impl KeptText {
    pub fn new(editor: Editor, draft: Draft) -> Self {
        let kept = Self {
            text: RwSignal::new(String::new()),
            draft: StoredValue::new(draft),
            editor,
        };
        // In the browser only: the server has no vault.
        Effect::new(move |_| {
            let stored = kept.interview().and_then(|id| {
                store::browser()
                    .and_then(|s| kept.draft.with_value(|d| s.draft(id, d)))
                    .ok()
            });
            if let Some(text) = stored.filter(|t| !t.is_empty()) {
                kept.text.set(text);
            }
        });
        kept
    }

    fn interview(self) -> Option<InterviewId> {
        self.editor
            .interview
            .with_untracked(|iv| iv.as_ref().map(|iv| iv.id))
    }

    /// Shows and keeps `value`; empty forgets the draft.
    pub fn set(self, value: String) {
        self.text.set(value.clone());
        let Some(id) = self.interview() else { return };
        let kept =
            store::browser().and_then(|s| self.draft.with_value(|d| s.set_draft(id, d, &value)));
        if let Err(e) = kept {
            self.editor.error.set(Some(e));
        }
    }

    /// After the text was saved for real.
    pub fn clear(self) {
        self.set(String::new());
    }
}

#[component]
pub fn InterviewPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let editor = Editor {
        interview: RwSignal::new(None),
        error: RwSignal::new(None),
        sync: use_sync(),
    };
    provide_context(editor);
    let missing = RwSignal::new(false);

    Effect::new(move |_| {
        // A sync that brought changes from elsewhere: read the interview again.
        editor.sync.revision.track();
        let id = params
            .with(|p| p.get("id"))
            .as_deref()
            .and_then(InterviewId::parse);
        let loaded = id.map(|id| store::browser().and_then(|s| s.load(id)));
        match loaded {
            Some(Ok(Some(iv))) => editor.interview.set(Some(iv)),
            Some(Err(e)) => editor.error.set(Some(e)),
            _ => missing.set(true),
        }
    });

    let guide_ids = Memo::new(move |_| {
        editor.interview.with(|iv| {
            iv.as_ref()
                .map(|iv| iv.guide.iter().map(|q| q.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let leaver = move || {
        editor.interview.with(|iv| {
            iv.as_ref()
                .map(|iv| iv.details.leaver.clone())
                .unwrap_or_default()
        })
    };
    let new_question = KeptText::new(editor, Draft::Question);
    let add_question = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(q) = Question::custom(&new_question.text.get_untracked()) else {
            return;
        };
        let added = editor.edit(|iv, _| {
            iv.guide.push(q);
            vec![Op::Guide(iv.guide.clone())]
        });
        if added {
            new_question.clear();
        }
    };

    view! {
        <section class="page interview">
            <StorageBanner error=editor.error/>
            <Show when=move || editor.interview.with(Option::is_some) fallback=move || view! {
                <p>{move || if missing.get() { t.get().interview_missing } else { t.get().loading }}</p>
            }>
                <div class="interview-head">
                    <h1>{leaver}</h1>
                    <Timer/>
                </div>
                <OpeningSection/>
                <div class="talk">
                    <div class="guide">
                        <h2>{move || t.get().questions_title}</h2>
                        <For each=move || guide_ids.get() key=|id| id.clone() let:id>
                            <QuestionCard id/>
                        </For>
                        <form class="add-question" on:submit=add_question>
                            <input type="text" placeholder=move || t.get().add_question_placeholder
                                disabled=editor.read_only()
                                prop:value=new_question.text on:input=move |ev| new_question.set(event_target_value(&ev))/>
                            <button type="submit" disabled=editor.read_only()>{move || t.get().add_question}</button>
                        </form>
                    </div>
                    <ListeningAid/>
                </div>
                <AnswersForm/>
                <ClosingChecklist/>
            </Show>
        </section>
    }
}
