//! Full analysis (markup, segmentation, extraction, every rule) of generated English and French
//! articles of 1,000, 10,000 and 100,000 words. Targets: 1,000 words under 2 ms, growth linear in
//! length, 1 MB (about 170,000 words) under 200 ms.
//!
//! The articles are built from sentence templates filled by a small deterministic generator, so
//! they carry what real copy carries (quotes with and without a source, dates with weekdays,
//! figures, names, acronyms, Markdown) without repeating one passage over and over, which would
//! measure `text.repeated`'s worst case rather than an article.

use std::hint::black_box;

use copydesk::analysis::{self, Input};
use copydesk::config::Config;
use copydesk::lang::Lang;
use copydesk::markup::Format;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

struct Rng(u64);

impl Rng {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        items[(self.0 >> 33) as usize % items.len()]
    }

    fn number(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

const EN_PEOPLE: &[&str] = &[
    "Maria Lindqvist",
    "Tomas Okafor",
    "the mayor",
    "Dr. Helen Brooks",
    "a police spokesman",
    "Gen. Arturo Velez",
    "the minister",
    "Ruth Abernathy",
];
const EN_VERBS: &[&str] = &["said", "told reporters", "added", "explained", "warned", "insisted"];
const EN_NOUNS: &[&str] = &[
    "the council",
    "the harbour authority",
    "residents",
    "the union",
    "investigators",
    "the hospital",
    "farmers",
    "the court",
    "teachers",
    "the rail operator",
];
const EN_ACTIONS: &[&str] = &[
    "approved a new budget for",
    "rejected the plan to close",
    "called for an inquiry into",
    "agreed to fund the repair of",
    "questioned the cost of",
    "reopened the debate on",
];
const EN_THINGS: &[&str] = &[
    "the northern bridge",
    "two primary schools",
    "the old market hall",
    "the flood barrier",
    "its night bus service",
    "the water treatment plant",
    "the coastal road",
];
const EN_DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const EN_MONTHS: &[&str] = &["March", "April", "June", "September", "November"];

const FR_PEOPLE: &[&str] = &[
    "Marie Lefèvre",
    "Karim Benali",
    "le maire",
    "Mme Hélène Roux",
    "un porte-parole de la police",
    "le général Vidal",
    "la ministre",
    "Jean-Paul Marchand",
];
const FR_VERBS: &[&str] = &[
    "a déclaré",
    "a-t-il précisé",
    "a ajouté",
    "a expliqué",
    "a-t-elle averti",
];
const FR_NOUNS: &[&str] = &[
    "le conseil municipal",
    "l’autorité portuaire",
    "les habitants",
    "le syndicat",
    "les enquêteurs",
    "l’hôpital",
    "les agriculteurs",
    "le tribunal",
    "les enseignants",
];
const FR_ACTIONS: &[&str] = &[
    "a voté un nouveau budget pour",
    "a rejeté le projet de fermer",
    "a réclamé une enquête sur",
    "a accepté de financer la réparation de",
    "a mis en cause le coût de",
];
const FR_THINGS: &[&str] = &[
    "le pont nord",
    "deux écoles primaires",
    "l’ancienne halle du marché",
    "la digue",
    "son service de bus de nuit",
    "la station d’épuration",
    "la route côtière",
];
const FR_DAYS: &[&str] = &["lundi", "mardi", "mercredi", "jeudi", "vendredi"];
const FR_MONTHS: &[&str] = &["mars", "avril", "juin", "septembre", "novembre"];

/// An article of about `words` words, Markdown with front matter.
fn article(lang: Lang, words: usize) -> String {
    let mut r = Rng(match lang {
        Lang::En => 11,
        Lang::Fr => 29,
    });
    let mut out = String::from("---\ndate: 2019-03-14\n---\n\n# Generated article\n\n");
    let mut count = 0;
    let mut sentences_in_paragraph = 0;
    while count < words {
        let s = match lang {
            Lang::En => match r.number(4) {
                0 => format!(
                    "{} {} {} on {}, {} {}.",
                    cap(r.pick(EN_NOUNS)),
                    r.pick(EN_ACTIONS),
                    r.pick(EN_THINGS),
                    r.pick(EN_DAYS),
                    r.pick(EN_MONTHS),
                    1 + r.number(28)
                ),
                1 => format!(
                    "\"We will look at {} again before {} {}\", {} {}.",
                    r.pick(EN_THINGS),
                    r.pick(EN_MONTHS),
                    2019 + r.number(3),
                    r.pick(EN_PEOPLE),
                    r.pick(EN_VERBS)
                ),
                2 => format!(
                    "About {} people and {}% of {} were affected, according to the ONS.",
                    100 + r.number(9000),
                    1 + r.number(99),
                    r.pick(EN_NOUNS)
                ),
                _ => format!(
                    "{} {} {} after {} {}.",
                    cap(r.pick(EN_PEOPLE)),
                    r.pick(EN_VERBS),
                    r.pick(EN_NOUNS),
                    r.pick(EN_ACTIONS),
                    r.pick(EN_THINGS)
                ),
            },
            Lang::Fr => match r.number(4) {
                0 => format!(
                    "{} {} {} {} {} {}.",
                    cap(r.pick(FR_NOUNS)),
                    r.pick(FR_ACTIONS),
                    r.pick(FR_THINGS),
                    r.pick(FR_DAYS),
                    1 + r.number(28),
                    r.pick(FR_MONTHS)
                ),
                1 => format!(
                    "«\u{202f}Nous reviendrons sur {} avant {} {}\u{202f}», {} {}.",
                    r.pick(FR_THINGS),
                    r.pick(FR_MONTHS),
                    2019 + r.number(3),
                    r.pick(FR_VERBS),
                    r.pick(FR_PEOPLE)
                ),
                2 => format!(
                    "Environ {} {:03} personnes et {},{}\u{a0}% de {} sont concernés, selon l’Insee.",
                    1 + r.number(9),
                    r.number(1000),
                    1 + r.number(99),
                    r.number(10),
                    r.pick(FR_NOUNS)
                ),
                _ => format!(
                    "{} {} que {} {} {}.",
                    cap(r.pick(FR_PEOPLE)),
                    r.pick(FR_VERBS),
                    r.pick(FR_NOUNS),
                    r.pick(FR_ACTIONS),
                    r.pick(FR_THINGS)
                ),
            },
        };
        count += s.split_whitespace().count();
        out.push_str(&s);
        sentences_in_paragraph += 1;
        if sentences_in_paragraph == 4 {
            out.push_str("\n\n");
            sentences_in_paragraph = 0;
        } else {
            out.push(' ');
        }
    }
    out
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let config = Config::cli_default();
    let mut group = c.benchmark_group("analysis");
    group.sample_size(20);
    for lang in [Lang::En, Lang::Fr] {
        for words in [1_000, 10_000, 100_000] {
            let text = article(lang, words);
            group.throughput(Throughput::Bytes(text.len() as u64));
            let id = BenchmarkId::new(lang.code(), format!("{words}w"));
            group.bench_with_input(id, &text, |b, text| {
                b.iter(|| {
                    // Language detection included, as `copydesk check` runs it.
                    black_box(analysis::analyze(Input::new(
                        black_box(text),
                        Format::Markdown,
                        &config,
                    )))
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
