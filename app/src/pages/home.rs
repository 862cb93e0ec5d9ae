//! The landing page: what Exitgesprek is for and how a good exit interview goes.

use leptos::prelude::*;

/// The five core questions of the method, in the order they are asked.
const CORE_QUESTIONS: [&str; 5] = [
    "Waarom heb je besloten te vertrekken?",
    "Wat vond je van de sfeer en de cultuur?",
    "Hoe was je ervaring met je leidinggevende?",
    "Wat zou je veranderen in het bedrijf?",
    "Heb je suggesties om je functie aantrekkelijker te maken?",
];

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <section class="page home">
            <h1>"Exitgesprek"</h1>
            <p class="lead">
                "Voer het exitgesprek op de tablet, ook zonder netwerk. Je notities blijven op het "
                "apparaat tot ze veilig zijn gesynchroniseerd; HR ziet daarna de terugkerende thema's."
            </p>
            <ol class="steps">
                <li>"Plan het gesprek in de laatste twee weken voor het vertrek en reserveer 60 minuten."</li>
                <li>"Begin met vertrouwelijkheid: hoe de notities worden gebruikt en wie ze ziet."</li>
                <li><CoreQuestions/></li>
                <li>"Luister actief, vraag door, vat samen en laat stiltes vallen."</li>
                <li>"Rond positief af: bedank, vraag naar laatste gedachten en houd de deur open."</li>
            </ol>
        </section>
    }
}

/// The core questions behind a disclosure button, so the page stays short on a tablet.
#[component]
fn CoreQuestions() -> impl IntoView {
    let open = RwSignal::new(false);
    // The button only works once the wasm has hydrated the page; until then it says so by
    // being disabled (effects run in the browser only, after hydration).
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        "Stel de vijf kernvragen en pas ze aan het gesprek aan. "
        <button
            type="button"
            class="disclosure"
            aria-expanded=move || open.get().to_string()
            aria-controls="core-questions"
            disabled=move || !hydrated.get()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {move || if open.get() { "Verberg de kernvragen" } else { "Toon de kernvragen" }}
        </button>
        <ol id="core-questions" class="questions" hidden=move || !open.get()>
            {CORE_QUESTIONS.iter().map(|q| view! { <li>{*q}</li> }).collect_view()}
        </ol>
    }
}
