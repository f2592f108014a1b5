"""The commands' argument parser in Dutch: usage errors say 'Fout in de opdracht' and exit 2."""

import argparse
import sys

# argparse's English, longest phrases first so that a shorter one never cuts into a longer one
TRANSLATIONS = (
    ("show this help message and exit", "deze uitleg tonen en stoppen"),
    ("the following arguments are required", "deze opties ontbreken"),
    ("unrecognized arguments", "onbekende argumenten"),
    ("positional arguments:", "argumenten:"),
    ("expected one argument", "verwacht één waarde"),
    ("invalid int value", "geen geheel getal"),
    ("invalid choice", "ongeldige keuze"),
    ("choose from", "kies uit"),
    ("options:", "opties:"),
    ("usage:", "gebruik:"),
    ("argument ", "optie "),
)


def dutch(text):
    """argparse's English phrases in Dutch."""
    for english, dutch_text in TRANSLATIONS:
        text = text.replace(english, dutch_text)
    return text


class DutchParser(argparse.ArgumentParser):
    """argparse that speaks Dutch, reports usage errors on stderr and exits with 2."""

    def format_usage(self):
        return dutch(super().format_usage())

    def format_help(self):
        return dutch(super().format_help())

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"Fout in de opdracht: {dutch(message)}\n")
