"""The benchmark runs (smoke test at a tiny size; no timing is asserted) and keeps totals."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from tools import benchmark

POSTING = re.compile(r"^  (\S+)\s+(-?\d+\.\d{2}) EUR$", re.MULTILINE)


def _totals(folder: Path) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for path in folder.rglob("*.beancount"):
        for account, amount in POSTING.findall(path.read_text(encoding="utf-8")):
            totals[account] += Decimal(amount)
    return dict(totals)


def test_scaled_demo_keeps_every_total(tmp_path: Path) -> None:
    main, factor, written = benchmark.scale_demo(tmp_path / "demo", 5_000)
    base = sum(benchmark.spending_blocks(p.read_text(encoding="utf-8"))
               for p in benchmark.DEMO.glob("20*/*.beancount"))
    assert factor == round(5_000 / base) > 1
    assert written >= base * factor - 10  # parts of a cent or two are dropped, not added
    assert main.exists()
    assert _totals(tmp_path / "demo") == _totals(benchmark.DEMO)


def test_split_keeps_the_amount_and_skips_hours() -> None:
    block = ('2025-01-03 * "OKT" "Doorbraak"\n'
             "  Expenses:Actielijn:JEU:JEU-01-X:SPUK-KW   100.01 EUR\n    partner: \"OKT\"\n"
             "  Assets:Bank:Programma   -100.01 EUR")
    parts = benchmark._split_block(block, 3)
    assert parts is not None and len(parts) == 3
    assert sum(Decimal(POSTING.findall(part)[0][1]) for part in parts) == Decimal("100.01")
    assert all('partner: "OKT"' in part for part in parts)
    with_hours = block.replace('partner: "OKT"', 'partner: "OKT"\n    uren: 2')
    assert benchmark._split_block(with_hours, 3) is None


def test_benchmark_smoke(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    report.write_text(f"OUDE CIJFERS\n{benchmark.MARKER}\nmet de hand\n", encoding="utf-8")
    benchmark.main(["--klein", "--alleen", "check", "import", "synthetisch", "--naar", str(report)])
    text = report.read_text(encoding="utf-8")
    assert "| snw check koud |" in text
    assert "| snw check warm |" in text
    assert "snw import --proef (xlsx, warm)" in text
    assert "snw import --proef (csv, warm)" in text
    assert "begrotingsregels" in text
    assert "Machine:" in text
    assert text.endswith(f"{benchmark.MARKER}\nmet de hand\n")
    assert "OUDE CIJFERS" not in text.split(benchmark.MARKER)[0]


def test_table_has_cpu_and_scaling_compares_sizes() -> None:
    small = benchmark.Measurement("snw check koud", "bean-check --no-cache", [], [], times=[1.0], floor_times=[2.0],
                                  rss=[1024], floor_rss=[1024], cpu=[0.5], floor_cpu=[1.0])
    large = benchmark.Measurement("snw check koud", "bean-check --no-cache", [], [], times=[3.0], floor_times=[6.2],
                                  rss=[2048], floor_rss=[2048], cpu=[1.6], floor_cpu=[3.0])
    text = "\n".join(benchmark.table("t", [small]))
    assert "CPU-verhouding" in text and "| 0.50 s | 1.00 s | 0.50× |" in text
    lines = benchmark.scaling({300: large, 100: small})
    assert lines[4].startswith("| 100 | 1.00 s | 1.00× |")
    assert lines[5] == "| 300 | 3.00 s | 3.00× | 1.60 s | 3.20× | 3.10× |"
