"""Administration commands: `python -m dashboard users ...` and `python -m dashboard audit verify`.

users add NAAM --rol ROL [--rol ROL] [--naam TEKST] [--file PAD] [--password-stdin]
users passwd NAAM [--file PAD] [--password-stdin]
users remove NAAM [--file PAD]
users list [--file PAD]
audit verify [--audit-db PAD]

The password is asked twice with getpass and never echoed. --password-stdin reads it once from
the first line of standard input instead (for scripts; never put it on the command line).
Exit codes: 0 done, 1 refused or audit trail not intact, 2 usage error.
"""

import getpass
import os
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
        users.add(path, args.account, users.hash_password(_ask_password(args)), args.rol,
                  name=args.naam)
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


def audit_command(args):
    if args.audit_db:
        os.environ["LOO_AUDIT_DB"] = args.audit_db
    ok, bad = audit.verify()
    seq, last = audit.head()
    if ok:
        print(f"Audittrail intact: {seq} {'regel' if seq == 1 else 'regels'}, laatste hash {last}.")
        return 0
    print(f"Audittrail is GEWIJZIGD: regel {bad} klopt niet met de keten; deze regel en alles "
          "erna zijn niet te vertrouwen.", file=sys.stderr)
    return 1


def parser():
    p = DutchParser(prog="python -m dashboard", description="Beheer van accounts en audittrail.")
    sub = p.add_subparsers(dest="opdracht", required=True)
    u = sub.add_parser("users", help="accounts beheren")
    u.add_argument("actie", choices=["add", "remove", "passwd", "list"])
    u.add_argument("account", nargs="?")
    u.add_argument("--rol", action="append", default=[], help="regisseur, loo of manager")
    u.add_argument("--naam", help="weergavenaam")
    u.add_argument("--file", help="accountbestand (anders $LOO_CREDENTIALS)")
    u.add_argument("--password-stdin", action="store_true",
                   help="wachtwoord van de eerste regel van standaardinvoer lezen")
    a = sub.add_parser("audit", help="audittrail controleren")
    a.add_argument("actie", choices=["verify"])
    a.add_argument("--audit-db", help="audit-opslag (anders $LOO_AUDIT_DB)")
    return p


def main(argv=None):
    p = parser()
    args = p.parse_args(argv)
    if args.opdracht == "users" and args.actie != "list" and not args.account:
        p.error(f"users {args.actie} heeft een accountnaam nodig")
    try:
        if args.opdracht == "users":
            return users_command(args)
        return audit_command(args)
    except (users.UsersError, audit.AuditError) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
