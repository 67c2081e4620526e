#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Build codes.jsonl, the agent's code database, from the seed documents.

    make-codes.py TABLE ARTICLE... > codes.jsonl

TABLE is the official code table (seed 001): lines "HMS_MMMM_PPPP_SSSS_EEEE:
message", a message may run on to the next line, then an optional line
"Synonyms: c, c, ...". A synonym of 15 digits has dropped a zero: where
exactly one way of putting it back gives the entry's fault elsewhere (same
module, severity and error, reserved byte 0), it is repaired (reported on
stderr); any other malformed synonym is copied as written, for the loader
to report. A code listed twice keeps its first message (reported on
stderr).

Each ARTICLE is a troubleshooting article (seed 002): "How to Fix HMS
MMMM-PPPP-SSSS-EEEE: title", then sections "What the Error Means",
"Step-by-Step Fix" (numbered) and "Parts Required" (bulleted). The table's
message stays; the article adds explanation, steps and parts.
"""
import json
import re
import sys

CODE_LINE = re.compile(r'^HMS_([0-9A-Fa-f]{4})_([0-9A-Fa-f]{4})_([0-9A-Fa-f]{4})_([0-9A-Fa-f]{4}):\s*(.*)$')
ARTICLE_TITLE = re.compile(r'HMS ([0-9A-Fa-f]{4})-([0-9A-Fa-f]{4})-([0-9A-Fa-f]{4})-([0-9A-Fa-f]{4}): *(.*)')


def warn(path, lineno, text):
    print(f'{path}:{lineno}: {text}', file=sys.stderr)


def repair_synonym(entry, synonym):
    """The one 16-digit reading of a 15-digit @synonym that is @entry's fault, or None.

    Seed 001 writes 030015000010001 for 0300150000010001 (Motor-Z's current
    sensor, as Bambu's table knows it): a zero dropped. A synonym is the
    same fault on another unit or part, so its module, severity and error
    are the entry's, and the reserved byte is 0."""
    if len(synonym) != 15 or not re.fullmatch(r'[0-9A-Fa-f]+', synonym):
        return None
    want = int(entry.replace('_', ''), 16)
    readings = set()
    for i in range(16):
        reading = synonym[:i] + '0' + synonym[i:]
        code = int(reading, 16)
        if (code >> 56 == want >> 56 and (code >> 32) & 0xff == 0 and
                code & 0xffffffff == want & 0xffffffff):
            readings.add(reading.upper())
    return readings.pop() if len(readings) == 1 else None


def repair_synonyms(path, entries):
    for entry in entries:
        synonyms = entry.get('synonyms', [])
        for i, synonym in enumerate(synonyms):
            repaired = repair_synonym(entry['code'], synonym)
            if repaired:
                print(f'{path}: HMS_{entry["code"]}: synonym {synonym} read as {repaired}'
                      ' (a dropped zero)', file=sys.stderr)
                synonyms[i] = repaired


def read_table(path):
    entries = {}
    order = []
    current = None
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip('\n').strip()
            m = CODE_LINE.match(line)
            if m:
                code = '_'.join(g.upper() for g in m.groups()[:4])
                if code in entries:
                    warn(path, lineno, f'{code} listed again, keeping the first message')
                    current = None
                    continue
                current = {'code': code, 'message': m.group(5).strip()}
                entries[code] = current
                order.append(code)
            elif line.startswith('Synonyms:'):
                if current is not None:
                    current['synonyms'] = [s.strip() for s in line[9:].split(',') if s.strip()]
                current = None
            elif current is not None and line and not line.startswith('- '):
                # The message went on to this line.
                current['message'] += ' ' + line
            else:
                current = None
    return [entries[c] for c in order]


def read_article(path):
    with open(path, encoding='utf-8') as f:
        lines = [l.strip() for l in f]
    code, section, article = None, None, {'steps': [], 'parts': []}
    explanation = []
    for line in lines:
        m = ARTICLE_TITLE.search(line)
        if code is None and m:
            code = '_'.join(g.upper() for g in m.groups()[:4])
            article['title'] = m.group(5).strip()
            continue
        if line in ('What the Error Means', 'Step-by-Step Fix', 'Parts Required'):
            section = line
            continue
        if not line:
            continue
        if section == 'What the Error Means':
            explanation.append(line)
        elif section == 'Step-by-Step Fix':
            step = re.match(r'^\d+\.\s*(.*)$', line)
            if step:
                article['steps'].append(step.group(1))
        elif section == 'Parts Required':
            part = re.match(r'^[•*-]\s*(.*)$', line)
            if part:
                article['parts'].append(part.group(1))
            else:
                article['note'] = line
    if code is None:
        sys.exit(f'{path}: no "HMS MMMM-PPPP-SSSS-EEEE" title')
    article['explanation'] = ' '.join(explanation)
    return code, article


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    entries = read_table(sys.argv[1])
    repair_synonyms(sys.argv[1], entries)
    by_code = {e['code']: e for e in entries}
    for path in sys.argv[2:]:
        code, article = read_article(path)
        entry = by_code.get(code)
        if entry is None:
            entry = {'code': code}
            by_code[code] = entry
            entries.append(entry)
        for key in ('title', 'explanation', 'steps', 'parts', 'note'):
            if article.get(key):
                entry[key] = article[key]
    print(json.dumps({'format': 'hms-codes', 'version': 1, 'lang': 'en'}))
    for entry in entries:
        print(json.dumps(entry, ensure_ascii=False))


if __name__ == '__main__':
    main()
