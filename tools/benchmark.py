"""Benchmark: every command on large ledgers, against its floor, in one run.

Generates

* the **scaled demo**: the demo ledger with every money-only spending transaction (one
  ``Expenses:Actielijn`` posting against one other posting, no ``uren``) split into N
  parts, cents distributed so that every total stays the same; N is chosen so the ledger
  has about the requested number of spending transactions (10k, 100k, 300k);
* the **synthetic ledger** with a budget line for every actielijn × stream × year (5,610
  lines), once with and once without ``plugin "ledger.plugins.snw"``;
* **partner exports** of R rows (default 100,000) for the scaled demo: a filled-in
  template (XLSX, ``snw sjabloon``) and an Eigen Haard ERP export (mapped CSV);

then runs each measurement ``--runs`` times, each run right after its floor:

* cold (``snw --geen-cache``) against ``bean-check --no-cache`` on the same files;
* warm (the cache filled) against ``bean-check`` with its own cache filled;
* the synthetic ledger's ``snw check`` against ``bean-check --no-cache`` without the plugin;
* an import dry-run against openpyxl's read-only mode reading the XLSX plus one
  ``bean-check --no-cache`` of the ledger;

and prints medians, ratios and peak memory (max RSS of the process), and writes
``BENCHMARKS.md`` (machine, date, every figure; a hand-written part below the marker line is
kept). Usage::

    .venv/bin/python -m tools.benchmark                      # 10k, 100k, 300k (takes long)
    .venv/bin/python -m tools.benchmark --groottes 100000 --runs 3
    .venv/bin/python -m tools.benchmark --klein --naar /tmp/B.md   # smoke test (CI)
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "ledger" / "demo"
BIN = Path(sys.executable).parent
MARKER = "<!-- Hieronder met de hand geschreven; tools/benchmark.py laat het staan. -->"

DOMEINEN = ("EID", "VEI", "WEB", "CWB", "WON", "JEU")
STROMEN = ("S1", "S2", "S3", "S4", "S5")

# The years the documents are made for on the (scaled) demo ledger.
BEGROTING_JAAR = 2027
JAAR = 2025


# ---------------------------------------------------------------------------------------
# Ledgers
# ---------------------------------------------------------------------------------------
_AMOUNT = re.compile(r"^(  (\S+)\s+)(-?\d+\.\d{2}) EUR$")


DOCUMENTEN = ("begroting", "proportionaliteit")
"""The commands whose documents the document cache keeps (reports/render/documentcache.py)."""


def _split_block(block: str, parts: int) -> list[str] | None:
    """A money-only spending transaction as ``parts`` transactions, or None if it is not one."""
    lines = block.split("\n")
    if not re.match(r"^\d{4}-\d{2}-\d{2} \* ", lines[0]):
        return None
    postings = [i for i, line in enumerate(lines) if line.startswith("  ") and not line.startswith("   ")]
    if len(postings) != 2 or any(line.strip().startswith("uren:") for line in lines):
        return None
    first, second = (_AMOUNT.match(lines[i]) for i in postings)
    if not first or not second or not first.group(2).startswith("Expenses:Actielijn:"):
        return None
    cents = int(Decimal(first.group(3)) * 100)
    if int(Decimal(second.group(3)) * 100) != -cents or cents == 0:
        return None
    base, rest = divmod(abs(cents), parts)
    sign = 1 if cents > 0 else -1
    out = []
    for index in range(parts):
        part = sign * (base + (1 if index < rest else 0))
        if part == 0:
            continue
        copy = list(lines)
        copy[postings[0]] = f"{first.group(1)}{Decimal(part) / 100:.2f} EUR"
        copy[postings[1]] = f"{second.group(1)}{Decimal(-part) / 100:.2f} EUR"
        out.append("\n".join(copy))
    return out


def spending_blocks(text: str) -> int:
    """How many money-only spending transactions a file holds."""
    return sum(1 for block in text.split("\n\n") if _split_block(block, 1))


def scale_demo(folder: Path, transacties: int) -> tuple[Path, int, int]:
    """Copy the demo ledger to ``folder`` with its spending split to about ``transacties``.

    Returns:
      The main file, the factor N and the number of spending transactions written.
    """
    shutil.copytree(DEMO, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__", "*.picklecache"))
    files = sorted([*folder.glob("20*/uitgaven.beancount"), *folder.glob("20*/inzet-partners.beancount")])
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    base = sum(spending_blocks(text) for text in texts.values())
    factor = max(1, round(transacties / base))
    written = 0
    for path, text in texts.items():
        blocks = []
        for block in text.split("\n\n"):
            split = _split_block(block, factor)
            if split is None:
                blocks.append(block)
            else:
                blocks.extend(split)
                written += len(split)
        path.write_text("\n\n".join(blocks), encoding="utf-8")
    return folder / "main.beancount", factor, written


def write_synthetic(path: Path, transacties: int, plugin: bool) -> None:
    """The synthetic ledger: 102 actielijnen, 5 streams, a begroting line for each pair and year."""
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


# ---------------------------------------------------------------------------------------
# Partner exports
# ---------------------------------------------------------------------------------------
def write_template_export(ledger: Path, path: Path, rijen: int) -> None:
    """A BUURTTEAMS 2025 template (as ``snw sjabloon`` makes it) with ``rijen`` rows of money and hours."""
    import io  # noqa: PLC0415 - only when exports are made

    import openpyxl  # noqa: PLC0415

    from importers.context import laad_grootboek  # noqa: PLC0415
    from importers.sjabloon import KOPREGEL  # noqa: PLC0415
    from importers.sjabloon import maak_sjabloon  # noqa: PLC0415
    from importers.sjabloon import sjabloon_bytes  # noqa: PLC0415

    workbook = openpyxl.load_workbook(io.BytesIO(sjabloon_bytes(maak_sjabloon(laad_grootboek(ledger), "BUURTTEAMS", 2025))))
    sheet = workbook["Invullen"]
    rng = random.Random(11)
    for index in range(rijen):
        row = KOPREGEL + 1 + index
        date = datetime.date(2025, 1, 1) + datetime.timedelta(days=index * 300 // max(rijen, 1))
        hours = index % 5 == 0
        values = (date, "WEB-17", "eigen middelen" if hours else "SPUK-KW SPUK Kansrijke Wijk",
                  None if hours else rng.randint(1, 5) / 100, 1 if hours else None, "Dichtersbuurt",
                  f"Schuldhulpspreekuur {index}", f"BT-2025-{index:06d}")
        for column, value in enumerate(values, 1):
            if value is not None:
                sheet.cell(row=row, column=column, value=value)
    path.write_bytes(sjabloon_bytes(workbook))


def write_csv_export(path: Path, rijen: int) -> None:
    """An Eigen Haard ERP export (``importers/mappings/eigen-haard.yaml``) of ``rijen`` rows, 2024."""
    rng = random.Random(13)
    kop = ("Administratie;Boekdatum;Boekstuk;Kostenplaats;Project;Omschrijving;Wijk;Crediteur;"
           "IBAN crediteur;Uren;Bedrag;Valuta")
    lines = [kop]
    for index in range(rijen):
        date = datetime.date(2024, 1, 1) + datetime.timedelta(days=index * 360 // max(rijen, 1))
        plaats = ("4810", "4820", "4830")[index % 3]
        cents = rng.randint(1, 5)  # small: 100,000 rows stay within the budgets
        amount = f"{cents // 100},{cents % 100:02d}"
        lines.append(f"EH01;{date:%d-%m-%Y};EH24-{index:06d};{plaats};;Onderhoud {index};Dichters;"
                     f"Bouwbedrijf Noord BV;NL91ABNA0417164300;;{amount};EUR")
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))


# ---------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------
@dataclasses.dataclass
class Measurement:
    """One command measured ``runs`` times, each right after its floor."""

    name: str
    floor_name: str
    command: list[list[str]]  # one or more processes, timed together
    floor: list[list[str]]
    prepare: list[list[str]] = dataclasses.field(default_factory=list)  # run once before, untimed
    # run untimed before each floor run: ``bean-check --no-cache`` (and our cold runs) delete
    # Beancount's pickle cache, so its warm floor refills it first
    floor_prepare: list[list[str]] = dataclasses.field(default_factory=list)
    times: list[float] = dataclasses.field(default_factory=list)
    floor_times: list[float] = dataclasses.field(default_factory=list)
    rss: list[int] = dataclasses.field(default_factory=list)
    floor_rss: list[int] = dataclasses.field(default_factory=list)
    # CPU seconds (user + system) of the processes: on a shared machine steadier than wall time
    cpu: list[float] = dataclasses.field(default_factory=list)
    floor_cpu: list[float] = dataclasses.field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def floor_median(self) -> float:
        return statistics.median(self.floor_times)

    @property
    def ratio(self) -> float:
        return self.median / self.floor_median

    @property
    def cpu_ratio(self) -> float:
        return statistics.median(self.cpu) / max(statistics.median(self.floor_cpu), 1e-9)

    @property
    def rss_ratio(self) -> float:
        return max(self.rss) / max(self.floor_rss)


def run_one(command: list[str], env: dict[str, str]) -> tuple[float, int, int, bytes, float]:
    """One process: seconds, max RSS (KiB), exit code, output, CPU seconds (user + system)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)  # noqa: S603
    output = b""
    assert process.stdout is not None
    for chunk in iter(lambda: process.stdout.read(65536), b""):
        output += chunk
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return (time.perf_counter() - start, usage.ru_maxrss, process.returncode, output,
            usage.ru_utime + usage.ru_stime)


def run_all(commands: list[list[str]], env: dict[str, str]) -> tuple[float, int, float]:
    """Processes one after the other: total seconds, the largest max RSS (KiB), total CPU seconds."""
    total = 0.0
    peak = 0
    cpu = 0.0
    for command in commands:
        seconds, rss, code, output, used = run_one(command, env)
        total += seconds
        cpu += used
        peak = max(peak, rss)
        if code != 0:
            sys.exit(f"mislukt ({code}): {' '.join(command)}\n{output.decode(errors='replace')[-3000:]}")
    return total, peak, cpu


def measure(measurements: list[Measurement], runs: int, env: dict[str, str]) -> None:
    """Each run: for each measurement its floor, then itself (so both see the same load)."""
    for measurement in measurements:
        for command in measurement.prepare:
            run_all([command], env)
    for index in range(runs):
        for measurement in measurements:
            run_all(measurement.floor_prepare, env)
            seconds, rss, cpu = run_all(measurement.floor, env)
            measurement.floor_times.append(seconds)
            measurement.floor_rss.append(rss)
            measurement.floor_cpu.append(cpu)
            seconds, rss, cpu = run_all(measurement.command, env)
            measurement.times.append(seconds)
            measurement.rss.append(rss)
            measurement.cpu.append(cpu)
            print(f"  [{index + 1}/{runs}] {measurement.name}: {measurement.times[-1]:.2f} s "
                  f"(vloer {measurement.floor_name}: {measurement.floor_times[-1]:.2f} s)", flush=True)


def demo_measurements(main: Path, out: Path, exports: dict[str, Path], alleen: set[str] | None) -> list[Measurement]:
    """The measurements on the scaled demo ledger."""
    snw = str(BIN / "snw")
    bean_check = str(BIN / "bean-check")
    cold_floor = [[bean_check, "--no-cache", str(main)]]
    warm_floor = [[bean_check, str(main)]]
    commands = {
        "check": ["check"],
        "geldstromen": ["geldstromen", "--formaat", "csv", "--naar", str(out / "geldstromen.csv")],
        "sisa": ["sisa", str(JAAR), "--naar", str(out)],
        "begroting": ["begroting", str(BEGROTING_JAAR), "--naar", str(out)],
        "proportionaliteit": ["proportionaliteit", str(JAAR), "--naar", str(out)],
    }
    result = []
    for name, args in commands.items():
        if alleen and name not in alleen:
            continue
        result.append(Measurement(f"snw {name} koud", "bean-check --no-cache",
                                  [[snw, "--grootboek", str(main), "--geen-cache", *args]], cold_floor))
    for name, args in commands.items():
        if alleen and name not in alleen:
            continue
        # warm: the ledger's load cache filled, the document computed and rendered (no document cache)
        result.append(Measurement(f"snw {name} warm", "bean-check warm",
                                  [["env", "SNW_GEEN_DOCUMENTCACHE=1", snw, "--grootboek", str(main), *args]],
                                  warm_floor, prepare=[[snw, "--grootboek", str(main), "check"]],
                                  floor_prepare=warm_floor))
    for name in DOCUMENTEN:
        if alleen and name not in alleen:
            continue
        # a second run of the same command: the documents come from the document cache
        opdracht = [snw, "--grootboek", str(main), *commands[name]]
        result.append(Measurement(f"snw {name} warm, document in cache", "bean-check warm", [opdracht], warm_floor,
                                  prepare=[opdracht], floor_prepare=warm_floor))
    if not alleen or "import" in alleen:
        read_xlsx = [sys.executable, "-c",
                     "import sys, openpyxl\n"
                     "wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
                     "n = sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))\n",
                     str(exports["xlsx"])]
        for kind, path in exports.items():
            result.append(Measurement(
                f"snw import --proef ({kind}, warm)", "openpyxl read-only + bean-check --no-cache",
                [[snw, "--grootboek", str(main), "import", str(path), "--proef"]],
                [read_xlsx, *cold_floor],
                prepare=[[snw, "--grootboek", str(main), "check"]]))
    return result


def machine() -> str:
    """A line about the machine: CPU model and count, memory, Python and Beancount."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import beancount  # noqa: PLC0415

    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; Beancount {beancount.__version__}")


def table(title: str, measurements: list[Measurement]) -> list[str]:
    lines = [f"### {title}", "",
             "| meting | mediaan | vloer | mediaan vloer | verhouding | CPU | CPU vloer | CPU-verhouding | "
             "piekgeheugen | vloer | verhouding | runs |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for m in measurements:
        lines.append(f"| {m.name} | {m.median:.2f} s | {m.floor_name} | {m.floor_median:.2f} s | {m.ratio:.2f}× | "
                     f"{statistics.median(m.cpu):.2f} s | {statistics.median(m.floor_cpu):.2f} s | "
                     f"{m.cpu_ratio:.2f}× | "
                     f"{max(m.rss) / 1024:.0f} MiB | {max(m.floor_rss) / 1024:.0f} MiB | {m.rss_ratio:.2f}× | "
                     f"{len(m.times)} |")
    lines.append("")
    lines.append("Losse tijden (s): " + "; ".join(
        f"{m.name}: {', '.join(f'{t:.2f}' for t in m.times)} (vloer {', '.join(f'{t:.2f}' for t in m.floor_times)})"
        for m in measurements))
    lines.append("")
    return lines


def scaling(per_size: dict[int, Measurement]) -> list[str]:
    """How ``snw check`` cold grows with the ledger: each size against the smallest."""
    sizes = sorted(per_size)
    base = per_size[sizes[0]]
    lines = ["### Schaal: snw check koud per grootte", "",
             "| bestedingen | mediaan | t.o.v. kleinste | CPU | CPU t.o.v. kleinste | bean-check --no-cache t.o.v. kleinste |",
             "|---:|---:|---:|---:|---:|---:|"]
    for size in sizes:
        m = per_size[size]
        lines.append(f"| {size:,} | {m.median:.2f} s | {m.median / base.median:.2f}× | "
                     f"{statistics.median(m.cpu):.2f} s | "
                     f"{statistics.median(m.cpu) / max(statistics.median(base.cpu), 1e-9):.2f}× | "
                     f"{m.floor_median / base.floor_median:.2f}× |")
    lines.append("")
    return lines


def write_report(path: Path, sections: list[str], command: str) -> None:
    """Write BENCHMARKS.md: the generated figures, then the hand-written part (kept)."""
    kept = ""
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if MARKER in text:
            kept = text.split(MARKER, 1)[1]
    head = ["# Benchmarks", "",
            f"Gemeten met `{command}` op {datetime.datetime.now():%Y-%m-%d %H:%M}.", "",
            f"Machine: {machine()}.", "",
            "Elke meting draait direct na haar vloer, `--runs` keer; medianen, verhoudingen meting/vloer. "
            "CPU: user + system van de processen (op een gedeelde machine stabieler dan de kloktijd). "
            "Piekgeheugen: de grootste max RSS van het proces. *Koud*: `snw --geen-cache`, tegen "
            "`bean-check --no-cache` op dezelfde bestanden (met onze plugin). *Warm*: de cache gevuld, tegen "
            "`bean-check` met zijn eigen cache gevuld.", ""]
    path.write_text("\n".join([*head, *sections, MARKER]) + kept, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groottes", type=int, nargs="+", default=[10_000, 100_000, 300_000],
                        help="bestedingen in het geschaalde demogrootboek")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rijen", type=int, default=100_000, help="rijen per partnerexport")
    parser.add_argument("--alleen", nargs="*", help="alleen deze metingen (check, geldstromen, sisa, begroting, "
                        "proportionaliteit, import, synthetisch)")
    parser.add_argument("--volledig-bij", type=int, default=100_000,
                        help="alle metingen bij deze grootte; bij andere alleen snw check koud")
    parser.add_argument("--klein", action="store_true", help="rooktest: kleine grootte, 1 run, weinig rijen")
    parser.add_argument("--naar", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    if args.klein:
        args.groottes, args.runs, args.rijen, args.volledig_bij = [1], 1, 20, 1
    alleen = set(args.alleen) if args.alleen else None
    sections: list[str] = []
    check_per_size: dict[int, Measurement] = {}  # snw check koud at each size (linearity)
    command = "python -m tools.benchmark " + " ".join(argv if argv is not None else sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="snw-benchmark-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "SNW_CACHE_MAP": str(folder / "cache"), "PYTHONPATH": str(ROOT)}
        env.pop("SNW_GEEN_CACHE", None)
        env.pop("SNW_GEEN_DOCUMENTCACHE", None)
        env.pop("SNW_LEDGER", None)
        for size in args.groottes:
            print(f"geschaald demogrootboek, ~{size} bestedingen …", flush=True)
            main_file, factor, written = scale_demo(folder / f"demo-{size}", size)
            out = folder / f"uit-{size}"
            out.mkdir()
            full = size == args.volledig_bij
            exports: dict[str, Path] = {}
            if full and (not alleen or "import" in alleen):
                exports["xlsx"] = folder / f"buurtteams-2025-{args.rijen}.xlsx"
                write_template_export(main_file, exports["xlsx"], args.rijen)
                exports["csv"] = folder / f"eigen-haard-2024-{args.rijen}.csv"
                write_csv_export(exports["csv"], args.rijen)
            measurements = demo_measurements(main_file, out, exports, alleen if full else {"check"})
            if not full:
                measurements = [m for m in measurements if m.name == "snw check koud"]
            measure(measurements, args.runs, env)
            check_per_size.update({written: m for m in measurements if m.name == "snw check koud"})
            sections += table(f"Geschaald demogrootboek: {written:,} bestedingen (elke besteding in {factor} delen)"
                              + (f", exports van {args.rijen:,} rijen" if exports else ""), measurements)
            print("\n".join(table(f"{written} bestedingen", measurements)), flush=True)
            write_report(args.naar, sections, command.strip())  # so far, in case the run is cut short
            shutil.rmtree(folder / f"demo-{size}")
        if len(check_per_size) > 1:
            sections += scaling(check_per_size)
        if not alleen or "synthetisch" in alleen:
            size = args.volledig_bij
            print(f"synthetisch grootboek met begrotingsregels, {size} bestedingen …", flush=True)
            plain = folder / "zonder-plugin.beancount"
            ours = folder / "met-plugin.beancount"
            write_synthetic(plain, size, plugin=False)
            write_synthetic(ours, size, plugin=True)
            synthetic = [Measurement("snw check koud (5.610 begrotingsregels)", "bean-check --no-cache zonder plugin",
                                     [[str(BIN / "snw"), "--grootboek", str(ours), "--geen-cache", "check"]],
                                     [[str(BIN / "bean-check"), "--no-cache", str(plain)]])]
            measure(synthetic, args.runs, env)
            sections += table(f"Synthetisch grootboek: {size:,} bestedingen, een begrotingsregel per actielijn × "
                              "stroom × jaar", synthetic)
            print("\n".join(table("synthetisch", synthetic)), flush=True)
    write_report(args.naar, sections, command.strip())
    print(f"geschreven: {args.naar}")


if __name__ == "__main__":
    main()
