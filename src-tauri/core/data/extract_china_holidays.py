#!/usr/bin/env python3
"""Extract China's public holidays and make-up working days (调休) into china-holidays.csv.

Source: the PyPI package `chinese-calendar` (MIT licence), whose module
`chinese_calendar/constants.py` holds two dicts, `holidays` and `workdays`, mapping
`datetime.date(...)` to a holiday's English name (`Holiday.<member>.value`).

Usage (Python 3 standard library only):

    pip download --no-deps chinese-calendar==1.11.0 -d /tmp/cc
    python3 extract_china_holidays.py /tmp/cc/chinese_calendar-1.11.0-py2.py3-none-any.whl \
        > china-holidays.csv

The argument may be the downloaded wheel or an unpacked `constants.py`. The file is read
with `ast`, never imported or executed. Output: a `#` comment block naming the source,
then `date,kind,name_en,name_zh` rows (kind = holiday | workday), sorted by date.
"""

import ast
import datetime
import hashlib
import sys
import zipfile

PACKAGE = "chinese-calendar"
VERSION = "1.11.0"
MEMBER = "chinese_calendar/constants.py"

# English name (as in the source) -> Chinese name shown in SQM.
ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# Separators a combined entry could use ("Mid-autumn Festival / National Day"); the
# Chinese names of the parts are joined with 、 (中秋节、国庆节).
COMBINERS = [" / ", "/", ", ", " and ", " & "]


def zh_name(english):
    if english in ZH:
        return ZH[english]
    for sep in COMBINERS:
        if sep in english:
            parts = [p.strip() for p in english.split(sep)]
            if all(p in ZH for p in parts):
                return "、".join(ZH[p] for p in parts)
    raise SystemExit(f"no Chinese name for holiday {english!r}: add it to ZH")


def read_source(path):
    if path.endswith(".whl"):
        with zipfile.ZipFile(path) as wheel:
            return wheel.read(MEMBER)
    with open(path, "rb") as f:
        return f.read()


def holiday_members(tree):
    """`Holiday` enum members: member name -> English value."""
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Holiday":
            members = {}
            for stmt in node.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and len(stmt.targets) == 1
                    and isinstance(stmt.targets[0], ast.Name)
                    and isinstance(stmt.value, ast.Tuple)
                ):
                    english = ast.literal_eval(stmt.value.elts[0])
                    members[stmt.targets[0].id] = english
            return members
    raise SystemExit("no Holiday class in the source")


def date_key(node):
    """`datetime.date(year=Y, month=M, day=D)` -> datetime.date."""
    if not (isinstance(node, ast.Call) and ast.unparse(node.func) == "datetime.date"):
        raise SystemExit(f"unexpected key {ast.unparse(node)}")
    kw = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
    args = [ast.literal_eval(a) for a in node.args]
    if args:
        return datetime.date(*args)
    return datetime.date(kw["year"], kw["month"], kw["day"])


def holiday_value(node, members):
    """`Holiday.<member>.value` (or a plain string) -> English name."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    text = ast.unparse(node)
    prefix, _, rest = text.partition(".")
    member, _, attr = rest.partition(".")
    if prefix != "Holiday" or attr != "value" or member not in members:
        raise SystemExit(f"unexpected value {text}")
    return members[member]


def read_dict(tree, name, members):
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == name
        ):
            return {
                date_key(k): holiday_value(v, members)
                for k, v in zip(node.value.keys, node.value.values)
            }
    raise SystemExit(f"no dict {name} in the source")


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    source = read_source(sys.argv[1])
    tree = ast.parse(source)
    members = holiday_members(tree)
    holidays = read_dict(tree, "holidays", members)
    workdays = read_dict(tree, "workdays", members)
    both = sorted(set(holidays) & set(workdays))
    if both:
        raise SystemExit(f"dates both holiday and workday: {both}")

    rows = [(d, "holiday", n) for d, n in holidays.items()]
    rows += [(d, "workday", n) for d, n in workdays.items()]
    rows.sort()
    years = sorted({d.year for d, _, _ in rows})

    out = sys.stdout
    out.write(f"# China public holidays and make-up working days (调休), {years[0]}-{years[-1]}.\n")
    out.write(f"# Source: PyPI package {PACKAGE} {VERSION}, {MEMBER} (dicts holidays, workdays)\n")
    out.write("#   https://github.com/LKI/chinese-calendar  Licence: MIT  Author: Lirian Su\n")
    out.write(f"#   sha256 of constants.py: {hashlib.sha256(source).hexdigest()}\n")
    out.write(f"# Download: pip download --no-deps {PACKAGE}=={VERSION} -d /tmp/cc\n")
    out.write("# Extract:  python3 extract_china_holidays.py "
              f"/tmp/cc/chinese_calendar-{VERSION}-py2.py3-none-any.whl > china-holidays.csv\n")
    out.write(f"# Extracted: {datetime.date.today().isoformat()}\n")
    out.write("# kind: holiday = day off; workday = make-up working day (normally a weekend day).\n")
    out.write("# name_en is the source's name; name_zh is SQM's Chinese name for it. The source names\n")
    out.write("# each date once: inside a combined break (e.g. 2025-10-01..08) one date may carry\n")
    out.write("# Mid-autumn Festival and the others National Day.\n")
    out.write("date,kind,name_en,name_zh\n")
    for d, kind, name in rows:
        zh = zh_name(name)
        for field in (name, zh):
            if any(c in field for c in ',"\r\n'):
                raise SystemExit(f"name needs CSV quoting, which the reader does not do: {field!r}")
        out.write(f"{d.isoformat()},{kind},{name},{zh}\n")


if __name__ == "__main__":
    main()
