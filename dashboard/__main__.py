"""Administration commands: `python -m dashboard users ...` and `python -m dashboard audit ...`.

users add NAAM --rol ROL [--rol ROL] [--naam TEKST] [--gemeente NAAM] [--file PAD]
          [--password-stdin]
users passwd NAAM [--file PAD] [--password-stdin]
users remove NAAM [--file PAD]
users list [--file PAD]
users revoke NAAM   (ends every session of an account or of an identity-provider subject)
audit verify [--audit-db PAD] [--expect-head REGEL:HASH]
audit head [--audit-db PAD]

The password is asked twice with getpass and never echoed. --password-stdin reads it once from
the first line of standard input instead (for scripts; never put it on the command line).
Exit codes: 0 done, 1 refused, audit trail not intact or published head not in it, 2 usage
error, 3 audit trail not checkable (key missing or unsafe, no trail file).
"""

import argparse
import getpass
import os
import re
import sys

from dashboard import sessions, users
from core import audit
from core.command import DutchParser


def _ask_password(args):
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif not sys.stdin.isatty():
        raise users.UsersError("Geen terminal om het wachtwoord te vragen; gebruik "
                               "--password-stdin en geef het wachtwoord via standaardinvoer.")
    else:
        password = getpass.getpass("Nieuw wachtwoord: ")
        if getpass.getpass("Herhaal het wachtwoord: ") != password:
            raise users.UsersError("De wachtwoorden zijn niet gelijk; er is niets gewijzigd.")
    users.check_password(password, args.account)
    return password


def _record(account, wat):
    audit.record("account_wijziging", user=audit.operator(), role="beheer", object=account,
                 detail=wat)


def users_command(args):
    if args.actie == "revoke":  # also a provider subject (dashboard.oidc): no account file
        from dashboard.oidc import account_name

        name = account_name(args.account)  # the subject's name in the trail and the store
        for key in {args.account, name}:
            sessions.revoke(key)
        _record(name, {"wijziging": "sessies ingetrokken"})
        print(f"Alle open sessies van '{name}' zijn beëindigd.")
        return 0
    path = users.credentials_path(args.file)
    if args.actie == "list":
        rows = users.accounts(path)
        if not rows:
            print(f"Geen accounts in {path}.")
        for username, name, roles in rows:
            print(f"{username}\t{name}\t{', '.join(roles)}")
        return 0
    if args.actie == "add":
        users.check_username(args.account)
        users.check_roles(args.rol)
        users.check_gemeente(args.gemeente)
        users.add(path, args.account, users.hash_password(_ask_password(args)), args.rol,
                  name=args.naam, gemeente=args.gemeente)
        _record(args.account, {"wijziging": "toegevoegd", "rollen": ",".join(args.rol)})
        print(f"Account '{args.account}' toegevoegd met rol {', '.join(args.rol)}.")
    elif args.actie == "passwd":
        if args.account not in users.read(path)["credentials"]["usernames"]:
            raise users.UsersError(f"Account '{args.account}' bestaat niet.")
        users.set_password(path, args.account, users.hash_password(_ask_password(args)))
        sessions.revoke(args.account)
        _record(args.account, {"wijziging": "wachtwoord"})
        print(f"Wachtwoord van '{args.account}' gewijzigd; open sessies zijn beëindigd.")
    elif args.actie == "remove":
        users.remove(path, args.account)
        sessions.revoke(args.account)
        _record(args.account, {"wijziging": "verwijderd"})
        print(f"Account '{args.account}' verwijderd; open sessies zijn beëindigd.")
    return 0


HEAD = re.compile(r"^(\d+):([0-9a-f]{64})$")
NOT_CHECKABLE = 3


def published_head(text):
    """A head as `audit head` prints it, REGEL:HASH, as (seq, hash); a usage error otherwise."""
    found = HEAD.match(text.strip().lower())
    if not found:
        raise argparse.ArgumentTypeError(
            "moet de vorm REGEL:HASH hebben, zoals 'audit head' die geeft "
            "(een regelnummer, een dubbele punt en 64 hexadecimale tekens)")
    return int(found.group(1)), found.group(2)


def _broken(bad):
    print(f"Audittrail is GEWIJZIGD: regel {bad} klopt niet met de keten; deze regel en alles "
          "erna zijn niet te vertrouwen.", file=sys.stderr)
    return 1


def _head_missing(expected, seq):
    """A Dutch reason why the published head is not in the trail, or None when it is."""
    want_seq, want_hash = expected
    if want_seq > seq:
        return (f"Audittrail is INGEKORT: de gepubliceerde kop is regel {want_seq}, maar de "
                f"audittrail eindigt bij regel {seq}; er zijn regels verwijderd of de "
                "audittrail is vervangen.")
    if audit.hash_at(want_seq) != want_hash:
        return (f"Audittrail is HERSCHREVEN: regel {want_seq} heeft niet de gepubliceerde hash; "
                "de keten is na het publiceren opnieuw opgebouwd.")
    return None


def audit_command(args):
    if args.audit_db:
        os.environ["LOO_AUDIT_DB"] = args.audit_db
    store = audit.store_path()
    if not store.is_file():
        print(f"Fout: audittrail {store} bestaat niet.", file=sys.stderr)
        return NOT_CHECKABLE
    try:
        ok, bad = audit.verify()
    except audit.AuditKeyError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return NOT_CHECKABLE
    if not ok:
        return _broken(bad)
    seq, last = audit.head()
    if args.actie == "head":
        print(f"{seq}:{last}")
        return 0
    if args.expect_head:
        reason = _head_missing(args.expect_head, seq)
        if reason:
            print(reason, file=sys.stderr)
            return 1
    print(f"Audittrail intact: {seq} {'regel' if seq == 1 else 'regels'}, laatste hash {last}"
          + (f"; bevat de gepubliceerde kop (regel {args.expect_head[0]})."
             if args.expect_head else "."))
    return 0


def parser():
    p = DutchParser(prog="python -m dashboard", description="Beheer van accounts en audittrail.")
    sub = p.add_subparsers(dest="opdracht", required=True)
    u = sub.add_parser("users", help="accounts beheren")
    u.add_argument("actie", choices=["add", "remove", "passwd", "list", "revoke"])
    u.add_argument("account", nargs="?")
    u.add_argument("--rol", action="append", default=[],
                   help="regisseur, loo, manager of district")
    u.add_argument("--naam", help="weergavenaam")
    u.add_argument("--gemeente", help="de gemeente van het account (config/gemeenten.yaml); "
                                      "nodig in een district")
    u.add_argument("--file", help="accountbestand (anders $LOO_CREDENTIALS)")
    u.add_argument("--password-stdin", action="store_true",
                   help="wachtwoord van de eerste regel van standaardinvoer lezen")
    a = sub.add_parser("audit", help="audittrail controleren of de kop tonen")
    a.add_argument("actie", choices=["verify", "head"])
    a.add_argument("--audit-db", help="audit-opslag (anders $LOO_AUDIT_DB)")
    a.add_argument("--expect-head", type=published_head, metavar="REGEL:HASH",
                   help="een eerder gepubliceerde kop (uitvoer van 'audit head') die in de "
                        "audittrail moet staan")
    return p


def main(argv=None):
    p = parser()
    args = p.parse_args(argv)
    if args.opdracht == "users" and args.actie != "list" and not args.account:
        p.error(f"users {args.actie} heeft een accountnaam nodig")
    if args.opdracht == "audit" and args.actie == "head" and args.expect_head:
        p.error("--expect-head hoort bij 'audit verify', niet bij 'audit head'")
    try:
        if args.opdracht == "users":
            if args.actie != "list":
                audit.ready()  # an account change that cannot be audited is not made at all
            return users_command(args)
        return audit_command(args)
    except (users.UsersError, audit.AuditError) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
