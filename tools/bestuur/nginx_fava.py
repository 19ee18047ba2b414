"""nginx in front of Fava for the board: the site with other ports and paths, or a whole nginx.conf.

``tools/bestuur/nginx-fava.conf`` is the site as shipped (listen 127.0.0.1:8080, Fava on
127.0.0.1:5000, passwords in /etc/nginx/snw-bestuur.htpasswd). This helper writes the same
site with other values, and a minimal nginx.conf around it that runs as the current user
(pid, temp files and logs in one directory, in the foreground), for a trial run and the test
``tests/test_bestuur_toegang.py``. Usage::

    python3 tools/bestuur/nginx_fava.py site --luister 127.0.0.1:8080 --fava-poort 5000 \\
        --wachtwoorden /etc/nginx/snw-bestuur.htpasswd > /etc/nginx/sites-available/snw-fava
    python3 tools/bestuur/nginx_fava.py los --map /tmp/snw-nginx --luister 127.0.0.1:8080 \\
        --fava-poort 5000 --wachtwoorden /tmp/snw-nginx/htpasswd
    nginx -p /tmp/snw-nginx -c /tmp/snw-nginx/nginx.conf -e /tmp/snw-nginx/error.log
"""

from __future__ import annotations

import argparse
import os
import pwd
import sys
from pathlib import Path

SITE = Path(__file__).resolve().parent / "nginx-fava.conf"
LUISTER = "listen 127.0.0.1:8080;"
FAVA = "proxy_pass http://127.0.0.1:5000;"
WACHTWOORDEN = "auth_basic_user_file /etc/nginx/snw-bestuur.htpasswd;"


def _vervang(tekst: str, oud: str, nieuw: str) -> str:
    """Replace the one occurrence of ``oud`` (the shipped site must keep each default once)."""
    if tekst.count(oud) != 1:
        raise ValueError(f"{SITE.name}: verwacht precies één keer {oud!r}")
    return tekst.replace(oud, nieuw)


def site(luister: str = "127.0.0.1:8080", fava_poort: int = 5000,
         wachtwoorden: str | Path = "/etc/nginx/snw-bestuur.htpasswd") -> str:
    """The shipped site with the listen address, Fava's port and the password file given."""
    tekst = SITE.read_text(encoding="utf-8")
    tekst = _vervang(tekst, LUISTER, f"listen {luister};")
    tekst = _vervang(tekst, FAVA, f"proxy_pass http://127.0.0.1:{int(fava_poort)};")
    return _vervang(tekst, WACHTWOORDEN, f"auth_basic_user_file {Path(wachtwoorden)};")


def los(map_: Path, luister: str, fava_poort: int, wachtwoorden: str | Path) -> Path:
    """Write ``map_/nginx.conf`` (and the site next to it) for nginx as the current user; its path.

    Run it with ``nginx -p MAP -c MAP/nginx.conf -e MAP/error.log``: it stays in the
    foreground (``daemon off``), writes its pid, temp files and logs under MAP only, and
    needs no root (a port above 1024). Started as root, its workers run as root too (a
    ``user`` line), not as nginx's default ``nobody`` who could not read MAP or the password
    file in a private temp directory: "the current user" in both cases.
    """
    map_ = Path(map_).resolve()
    gebruiker = f"user {pwd.getpwuid(0).pw_name};\n" if os.geteuid() == 0 else ""
    map_.mkdir(parents=True, exist_ok=True)
    (map_ / "snw-fava.conf").write_text(site(luister, fava_poort, wachtwoorden), encoding="utf-8")
    conf = map_ / "nginx.conf"
    conf.write_text(f"""\
# Minimal nginx.conf for nginx as the current user (tools/bestuur/nginx_fava.py).
daemon off;
{gebruiker}worker_processes 1;
pid {map_}/nginx.pid;
error_log {map_}/error.log warn;

events {{
    worker_connections 64;
}}

http {{
    access_log {map_}/access.log;
    client_body_temp_path {map_}/body;
    proxy_temp_path {map_}/proxy;
    fastcgi_temp_path {map_}/fastcgi;
    uwsgi_temp_path {map_}/uwsgi;
    scgi_temp_path {map_}/scgi;
    default_type application/octet-stream;
    include {map_}/snw-fava.conf;
}}
""", encoding="utf-8")
    return conf


def main(argv: list[str] | None = None) -> int:
    """Command line: ``site`` prints the site, ``los`` writes a whole nginx.conf."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="wat", required=True)
    for naam in ("site", "los"):
        p = sub.add_parser(naam)
        p.add_argument("--luister", default="127.0.0.1:8080", help="adres:poort van nginx")
        p.add_argument("--fava-poort", type=int, default=5000, help="poort van snw fava op 127.0.0.1")
        p.add_argument("--wachtwoorden", default="/etc/nginx/snw-bestuur.htpasswd", help="htpasswd-bestand")
        if naam == "los":
            p.add_argument("--map", type=Path, required=True, help="map voor nginx.conf, pid, logs")
    args = parser.parse_args(argv)
    if args.wat == "site":
        sys.stdout.write(site(args.luister, args.fava_poort, args.wachtwoorden))
    else:
        conf = los(args.map, args.luister, args.fava_poort, args.wachtwoorden)
        print(f"nginx -p {conf.parent} -c {conf} -e {conf.parent / 'error.log'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
