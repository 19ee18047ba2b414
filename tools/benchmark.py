"""Benchmark: our plugin's cost on top of plain ``bean-check``, on a large synthetic ledger.

Writes a ledger with N spending transactions (default 100,000) over many actielijnen and
streams, then times in one run, alternating:

* ``bean-check --no-cache`` on the ledger without our plugin (Beancount's own load time), and
* ``bean-check`` on the same ledger with ``plugin "ledger.plugins.snw"``,

and reports the medians and their ratio. Usage::

    .venv/bin/python tools/benchmark.py [--transacties 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

DOMEINEN = ("EID", "VEI", "WEB", "CWB", "WON", "JEU")
STROMEN = ("S1", "S2", "S3", "S4", "S5")


def write_ledger(path: Path, transacties: int, plugin: bool) -> None:
    rng = random.Random(7)
    out = ['option "operating_currency" "EUR"']
    if plugin:
        out.append('plugin "ledger.plugins.snw"')
    for domein in DOMEINEN:
        out.append(f'2020-01-01 custom "domein" "{domein}" "Domein {domein}"')
    out.append('2020-01-01 custom "partner" "P1" "Partner een"\n  tarief: 80.00 EUR')
    out.append('2020-01-01 custom "buurt" "b1" "Buurt een"\n  bewoners: 1000')
    out.append("2020-01-01 open Assets:Bank:Programma")
    actielijnen = []
    for domein in DOMEINEN:
        for nummer in range(1, 18):
            account = f"Expenses:Actielijn:{domein}:{domein}-{nummer:02d}-Actielijn"
            actielijnen.append(account)
            out.append(f'2020-01-01 open {account}\n  code: "{domein}-{nummer:02d}"\n  naam: "Actielijn {nummer}"\n'
                       f'  domein: "{domein}"')
    for stroom in STROMEN:
        out.append(f'2020-01-01 custom "geldstroom" "{stroom}" "Stroom {stroom}"\n  status: "toegekend"\n'
                   f'  bedrag: 10000000000.00 EUR\n  van: 2020-01-01\n  tot: 2030-12-31')
        if not plugin:
            for root in ("Assets:Te-ontvangen", "Liabilities:Nog-te-besteden", "Income:Geldstroom"):
                out.append(f"2020-01-01 open {root}:{stroom}")
        out.append(f'2020-01-02 * "Toekenning {stroom}"\n  Assets:Te-ontvangen:{stroom}   10000000000.00 EUR\n'
                   f'  Liabilities:Nog-te-besteden:{stroom}')
    if not plugin:
        for account in actielijnen:
            for stroom in STROMEN:
                out.append(f"2020-01-01 open {account}:{stroom}")
    # A begroting per year for every actielijn x stream, so the budget control runs too
    # (without the plugin they are plain custom entries that Beancount only parses).
    for jaar in range(2020, 2031):
        out.append(f'{jaar - 1}-12-15 custom "ab-besluit" "AB-{jaar}" "Begroting {jaar}"')
        for account in actielijnen:
            code = account.split(":")[3].rsplit("-", 1)[0]
            for stroom in STROMEN:
                out.append(f'{jaar - 1}-12-15 custom "begroting" {jaar} "{code}" "{stroom}" 1000000.00 EUR\n'
                           f'  besluit: "AB-{jaar}"')
    days = 365 * 10
    for index in range(transacties):
        date = datetime.date(2020, 1, 3) + datetime.timedelta(days=index * days // transacties)
        account = rng.choice(actielijnen)
        stroom = rng.choice(STROMEN)
        amount = Decimal(rng.randint(100, 500000)) / 100
        out.append(f'{date} * "P1" "Besteding {index}"\n  {account}:{stroom}   {amount} EUR\n'
                   f'    partner: "P1"\n    buurt: "b1"\n  Assets:Bank:Programma')
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")


def time_check(bean_check: str, path: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([bean_check, "--no-cache", str(path)], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"bean-check failed on {path}:\n{result.stdout[:2000]}{result.stderr[:2000]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transacties", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bean_check = str(Path(sys.executable).parent / "bean-check")
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "zonder-plugin.beancount"
        ours = Path(folder) / "met-plugin.beancount"
        write_ledger(plain, args.transacties, plugin=False)
        write_ledger(ours, args.transacties, plugin=True)
        plain_times, our_times = [], []
        for _ in range(args.runs):
            plain_times.append(time_check(bean_check, plain))
            our_times.append(time_check(bean_check, ours))
    plain_median = statistics.median(plain_times)
    our_median = statistics.median(our_times)
    print(f"transacties:            {args.transacties}")
    print(f"bean-check zonder plugin: {plain_median:.2f} s (mediaan van {args.runs})")
    print(f"bean-check met plugin:    {our_median:.2f} s (mediaan van {args.runs})")
    print(f"verhouding:               {our_median / plain_median:.3f} (+{(our_median / plain_median - 1) * 100:.1f}%)")


if __name__ == "__main__":
    main()
