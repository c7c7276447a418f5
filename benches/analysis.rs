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

const EN_FIRST: &[&str] = &[
    "Maria", "Tomas", "Helen", "Arturo", "Ruth", "Samuel", "Ingrid", "Kofi", "Leila", "Patrick", "Yuki", "Dmitri",
];
const EN_LAST: &[&str] = &[
    "Lindqvist",
    "Okafor",
    "Brooks",
    "Velez",
    "Abernathy",
    "Haddad",
    "Novak",
    "Mensah",
    "Keller",
    "Ortega",
    "Tanaka",
    "Walsh",
];
const EN_ROLES: &[&str] = &[
    "the mayor",
    "a police spokesman",
    "the minister",
    "a union official",
    "the governor",
];
const EN_VERBS: &[&str] = &[
    "said",
    "told reporters",
    "added",
    "explained",
    "warned",
    "insisted",
    "wrote",
];
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
    "parents",
    "the fire service",
];
const EN_ACTIONS: &[&str] = &[
    "approved",
    "rejected",
    "questioned",
    "funded",
    "defended",
    "criticised",
    "delayed",
    "inspected",
    "praised",
    "blocked",
];
const EN_THINGS: &[&str] = &[
    "bridge",
    "school",
    "market hall",
    "flood barrier",
    "bus depot",
    "water plant",
    "coastal road",
    "library",
    "stadium",
    "clinic",
    "ferry terminal",
    "museum",
];
const EN_PLACES: &[&str] = &[
    "Ashford",
    "Brayton",
    "Coldwater",
    "Dunmore",
    "Elmsworth",
    "Fairhaven",
    "Glenrock",
    "Holloway",
    "Ivybridge",
    "Kestrel Bay",
    "Lowmoor",
    "Millbrook",
    "Northgate",
    "Oakhurst",
    "Pinecliff",
];
const EN_DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const EN_MONTHS: &[&str] = &["March", "April", "June", "September", "November", "January"];

const FR_FIRST: &[&str] = &[
    "Marie",
    "Karim",
    "Hélène",
    "Jean-Paul",
    "Sophie",
    "Mathieu",
    "Nadia",
    "Yves",
    "Chloé",
    "Bruno",
    "Leïla",
    "Denis",
];
const FR_LAST: &[&str] = &[
    "Lefèvre", "Benali", "Roux", "Marchand", "Garnier", "Diallo", "Perrin", "Moreau", "Fabre", "Nguyen", "Lambert",
    "Vidal",
];
const FR_ROLES: &[&str] = &[
    "le maire",
    "un porte-parole de la police",
    "la ministre",
    "un syndicaliste",
    "le préfet",
];
const FR_VERBS: &[&str] = &[
    "a déclaré",
    "a précisé",
    "a ajouté",
    "a expliqué",
    "a averti",
    "a insisté",
    "a écrit",
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
    "les parents",
    "les pompiers",
    "la région",
];
const FR_ACTIONS: &[&str] = &[
    "a approuvé",
    "a rejeté",
    "a critiqué",
    "a financé",
    "a défendu",
    "a retardé",
    "a inspecté",
    "a salué",
    "a bloqué",
    "a contesté",
];
const FR_THINGS: &[&str] = &[
    "le pont",
    "l’école",
    "la halle",
    "la digue",
    "le dépôt de bus",
    "la station d’épuration",
    "la route",
    "la médiathèque",
    "le stade",
    "le dispensaire",
    "la gare maritime",
    "le musée",
];
const FR_PLACES: &[&str] = &[
    "Aubrac",
    "Belcourt",
    "Chanteloup",
    "Dormans",
    "Étréchy",
    "Florac",
    "Gerzat",
    "Hauterive",
    "Issoire",
    "Jarnac",
    "Lormont",
    "Mirande",
    "Nérac",
    "Orbec",
    "Pertuis",
];
const FR_DAYS: &[&str] = &["lundi", "mardi", "mercredi", "jeudi", "vendredi"];
const FR_MONTHS: &[&str] = &["mars", "avril", "juin", "septembre", "novembre", "janvier"];

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
            Lang::En => {
                let person = if r.number(3) == 0 {
                    r.pick(EN_ROLES).to_owned()
                } else {
                    format!("{} {}", r.pick(EN_FIRST), r.pick(EN_LAST))
                };
                match r.number(4) {
                    0 => format!(
                        "{} {} the {} in {} on {}, {} {}, after {} residents {}.",
                        cap(r.pick(EN_NOUNS)),
                        r.pick(EN_ACTIONS),
                        r.pick(EN_THINGS),
                        r.pick(EN_PLACES),
                        r.pick(EN_DAYS),
                        r.pick(EN_MONTHS),
                        1 + r.number(28),
                        20 + r.number(5000),
                        r.pick(&[
                            "signed a petition",
                            "complained",
                            "marched",
                            "wrote to the board",
                            "protested"
                        ])
                    ),
                    1 => format!(
                        "\"{} the {} in {} {} {} {}\", {person} {}.",
                        r.pick(&[
                            "We will look at",
                            "We must rebuild",
                            "Nobody has inspected",
                            "They promised to repair",
                            "We cannot afford"
                        ]),
                        r.pick(EN_THINGS),
                        r.pick(EN_PLACES),
                        r.pick(&["before", "by", "after", "in", "until"]),
                        r.pick(EN_MONTHS),
                        2019 + r.number(3),
                        r.pick(EN_VERBS)
                    ),
                    2 => format!(
                        "About {} people in {} and {}% of {} were {}, {} {}.",
                        100 + r.number(9000),
                        r.pick(EN_PLACES),
                        1 + r.number(99),
                        r.pick(EN_NOUNS),
                        r.pick(&["affected", "evacuated", "consulted", "surveyed", "warned"]),
                        r.pick(&["according to", "figures from", "said"]),
                        r.pick(&[
                            "the ONS",
                            "the county",
                            "the hospital trust",
                            "the census office",
                            "the NHS"
                        ])
                    ),
                    _ => format!(
                        "{} {} that {} {} the {} in {} {} years ago.",
                        cap(&person),
                        r.pick(EN_VERBS),
                        r.pick(EN_NOUNS),
                        r.pick(EN_ACTIONS),
                        r.pick(EN_THINGS),
                        r.pick(EN_PLACES),
                        2 + r.number(40)
                    ),
                }
            }
            Lang::Fr => {
                let person = if r.number(3) == 0 {
                    r.pick(FR_ROLES).to_owned()
                } else {
                    format!("{} {}", r.pick(FR_FIRST), r.pick(FR_LAST))
                };
                match r.number(4) {
                    0 => format!(
                        "{} {} {} de {} {} {} {}, après {} de {} habitants.",
                        cap(r.pick(FR_NOUNS)),
                        r.pick(FR_ACTIONS),
                        r.pick(FR_THINGS),
                        r.pick(FR_PLACES),
                        r.pick(FR_DAYS),
                        1 + r.number(28),
                        r.pick(FR_MONTHS),
                        r.pick(&["une pétition", "la colère", "une marche", "une lettre", "les plaintes"]),
                        20 + r.number(5000)
                    ),
                    1 => format!(
                        "«\u{202f}{} {} de {} {} {} {}\u{202f}», {} {person}.",
                        r.pick(&[
                            "Nous reviendrons sur",
                            "Il faut reconstruire",
                            "Personne n’a inspecté",
                            "On nous a promis",
                            "Nous ne pouvons pas payer"
                        ]),
                        r.pick(FR_THINGS),
                        r.pick(FR_PLACES),
                        r.pick(&["avant", "d’ici", "après", "en", "jusqu’en"]),
                        r.pick(FR_MONTHS),
                        2019 + r.number(3),
                        r.pick(FR_VERBS)
                    ),
                    2 => format!(
                        "Environ {} {:03} personnes à {} et {},{}\u{a0}% de {} sont {}, {} {}.",
                        1 + r.number(9),
                        r.number(1000),
                        r.pick(FR_PLACES),
                        1 + r.number(99),
                        r.number(10),
                        r.pick(FR_NOUNS),
                        r.pick(&["concernés", "évacués", "consultés", "interrogés", "prévenus"]),
                        r.pick(&["selon", "d’après", "indique"]),
                        r.pick(&["l’Insee", "le département", "l’ARS", "la préfecture", "la mairie"])
                    ),
                    _ => format!(
                        "{} {} que {} {} {} de {} il y a {} ans.",
                        cap(&person),
                        r.pick(FR_VERBS),
                        r.pick(FR_NOUNS),
                        r.pick(FR_ACTIONS),
                        r.pick(FR_THINGS),
                        r.pick(FR_PLACES),
                        2 + r.number(40)
                    ),
                }
            }
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

/// A generated article of at least `bytes` bytes.
fn article_of_size(lang: Lang, bytes: usize) -> String {
    let mut words = 150_000;
    loop {
        let text = article(lang, words);
        if text.len() >= bytes {
            return text;
        }
        words += words / 10;
    }
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
        let mut cases: Vec<(String, String)> = [1_000, 10_000, 100_000]
            .into_iter()
            .map(|words| (format!("{words}w"), article(lang, words)))
            .collect();
        cases.push(("1MB".to_owned(), article_of_size(lang, 1_000_000)));
        for (case, text) in cases {
            // `COPYDESK_BENCH_DUMP=DIR` writes the articles out, to look at them or `check` them.
            if let Some(dir) = std::env::var_os("COPYDESK_BENCH_DUMP") {
                let path = std::path::Path::new(&dir).join(format!("{}-{case}.md", lang.code()));
                std::fs::write(path, &text).expect("the dump folder is writable");
            }
            group.throughput(Throughput::Bytes(text.len() as u64));
            let id = BenchmarkId::new(lang.code(), case);
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
