#!/usr/bin/env python3
"""The poura(1) manual page, written from what the built tool prints.

    man_page.py write <poura program> <poura.1.gz>
    man_page.py check <poura program> <poura.1 or poura.1.gz>

'write' runs `poura help` and `poura --version` and turns their text into a
manual page: the usage line is the synopsis, every paragraph of the help a
block of the page, line for line, so the page says what the tool says and
cannot drift from it. The date is SOURCE_DATE_EPOCH's when set (a release
build is then reproducible), otherwise today's.

'check' renders a page with groff and fails unless every line of
`poura help`, and the version, appears in it in the same order: the test
that the page installed with a tool belongs to that tool.
"""

import datetime
import gzip
import os
import subprocess
import sys

NAME = "poura \\- signed-QR certificates, trust bundles, fees and the municipal office"
DESCRIPTION = (
    "poura is the command-line tool of the Poura SDK. It creates and rotates signing keys, "
    "builds and signs trust bundles, issues and verifies certificates carrying a signed QR "
    "code, calculates bills from fee schedules, and runs a municipal office on an SQLite "
    "database. 'poura help COMMAND' and 'poura COMMAND --help' print one command's lines "
    "of the text below."
)


def run(program, *args):
    done = subprocess.run([program, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"man_page.py: '{program} {' '.join(args)}' failed ({done.returncode}): {done.stderr}")
    return done.stdout


def roff_line(line):
    """A line of text as roff shows it verbatim in no-fill mode."""
    line = line.replace("\\", "\\e").replace("-", "\\-")
    # A line starting with a control character would be read as a request.
    return "\\&" + line if line.startswith((".", "'")) else line


def verbatim(lines):
    return [".nf"] + [roff_line(line) for line in lines] + [".fi"]


def paragraphs(text):
    blocks, block = [], []
    for line in text.splitlines():
        if line.strip():
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    return blocks


def page(help_text, version_text):
    blocks = paragraphs(help_text)
    if not blocks or not blocks[0][0].startswith("usage: "):
        sys.exit("man_page.py: 'poura help' does not start with a 'usage: ' line")
    version = version_text.splitlines()[0]
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", datetime.datetime.now(datetime.timezone.utc).timestamp()))
    date = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%d")
    out = [
        ".\\\" Written by bindings/cli/man_page.py from 'poura help': change the help text, not this page.",
        f'.TH POURA 1 "{date}" "{version}" "User Commands"',
        ".SH NAME",
        NAME,
        ".SH SYNOPSIS",
        *verbatim(blocks[0]),
        ".SH DESCRIPTION",
        DESCRIPTION,
    ]
    # In the help's order: a paragraph whose first line is a heading
    # ("commands:") is a block of COMMANDS; another (keys, exit codes) is
    # part of the description before the first block of commands, NOTES after.
    section = "DESCRIPTION"
    for block in blocks[1:]:
        if not block[0].startswith(" ") and block[0].endswith(":"):
            if section != "COMMANDS":
                section = "COMMANDS"
                out.append(".SH COMMANDS")
            out += [".SS " + '"' + roff_line(block[0]).replace('"', '""') + '"', *verbatim(block[1:])]
        else:
            if section == "COMMANDS":
                section = "NOTES"
                out.append(".SH NOTES")
            out += [".PP", *verbatim(block)]
    out += [".SH VERSION", *verbatim(version_text.splitlines())]
    out += [".SH SEE ALSO", "cli.md, the tool's documentation, installed with it",
            "(/usr/share/doc/poura/cli.md from the Debian package)."]
    return "\n".join(out) + "\n"


def rendered(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        source = f.read()
    done = subprocess.run(["groff", "-man", "-Tascii", "-P-cbou", "-rLL=250n", "-rcR=1"],
                          input=source, capture_output=True, text=True, check=False)
    if done.returncode != 0 or done.stderr.strip():
        sys.exit(f"man_page.py: groff could not render {path}: {done.stderr}")
    return [line.strip() for line in done.stdout.splitlines()]


def check(program, path):
    shown = rendered(path)
    expected = [line.strip() for line in run(program, "help").splitlines() if line.strip()]
    expected += [line.strip() for line in run(program, "--version").splitlines() if line.strip()]
    at = 0
    for line in expected:
        try:
            at = shown.index(line, at) + 1
        except ValueError:
            sys.exit(f"man_page.py: {path} does not show this line of '{program} help' (in order):\n  {line}")
    print(f"{path}: all {len(expected)} lines of 'poura help' and 'poura --version' shown, in order")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("write", "check"):
        sys.exit(__doc__)
    command, program, path = sys.argv[1:]
    if command == "check":
        check(program, path)
        return
    text = page(run(program, "help"), run(program, "--version"))
    # mtime=0 and no file name: the same page gives the same bytes (gzip -9n).
    with open(path, "wb") as f, gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=f, mtime=0) as z:
        z.write(text.encode("utf-8"))


if __name__ == "__main__":
    main()
