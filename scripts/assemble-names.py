#!/usr/bin/env python3
"""Assembles reference/names.csv (list,key,en,fr,es,ru,zh,ar) from one file per language,
each with the columns list,key,<lang> (the English one names the rows and their order).
Usage: scripts/assemble-names.py names-en.csv [names-fr.csv ...] > reference/names.csv
A row a language lacks is left empty there, and the portal shows the English name."""
import csv, sys

LANGS = ["en", "fr", "es", "ru", "zh", "ar"]
rows, names = [], {lang: {} for lang in LANGS}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        lang = reader.fieldnames[2]
        for r in reader:
            key = (r["list"], r["key"])
            if lang == "en":
                rows.append(key)
            names[lang][key] = r[lang].strip()
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["list", "key"] + LANGS)
for key in rows:
    out.writerow(list(key) + [names[lang].get(key, "") for lang in LANGS])
