"""Commands that record the profile, employers, contacts, references and banks."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import click

from insidetrack.cli.commands.trash import bring_back_line
from insidetrack.cli.main import cli
from insidetrack.cli.output import add_row, console
from insidetrack.cli.shown import shows
from insidetrack.domain import parse
from insidetrack.domain.errors import InputError
from insidetrack.domain.model import ClippingKind, Contact, ContactRole, Employer, Profile, Reference
from insidetrack.services import forms, queries, records
from insidetrack.session import Session
from insidetrack.views import contact_json, employer_json, profile_json, reference_json


@cli.group()
def profile() -> None:
    """Your name, contact details and what you offer."""


@profile.command("set")
@click.option("--name", help="Needed for a first profile.")
@click.option("--email", help="Needed for a first profile.")
@click.option("--phone", help="Needed for a first profile.")
@click.option("--address", "address_lines", multiple=True, metavar="LINE",
              help="Postal address, for letters: repeat for each line, or break lines with \\n.")
@click.option("--field", help="Your field, e.g. Sales.")
@click.option("--years", type=int, help="Years of experience.")
@click.option("--specialty", help="e.g. autos.")
@click.option("--over-40/--not-over-40", default=None, help="Over 40: e-mail is advised.")
@click.pass_obj
def profile_set(app: Session, name: str | None, email: str | None, phone: str | None,
                address_lines: tuple[str, ...], field: str | None, years: int | None,
                specialty: str | None, over_40: bool | None) -> None:
    """Set your profile, or change the details given (used in every draft and by the advisor)."""
    address = "\n".join(address_lines) if address_lines else None
    changes = forms.profile_changes(name, email, phone, address, field, years, specialty, over_40)
    p = records.update_profile(app.env(), changes)
    click.echo(f"Profile saved for {p.name}.")


def _profile_text(p: Profile | None, app: Session) -> None:
    if p is None:
        click.echo("No profile yet. Set one: insidetrack profile set --name ... --email ... --phone ...")
        return
    for key, value in profile_json(p).items():
        shown = "" if value is None else str(value).replace("\n", "\n" + " " * 12)
        click.echo(f"{key.replace('_', ' '):>10}: {shown}")


@profile.command("show")
@shows(_profile_text, lambda p, app: None if p is None else profile_json(p))
@click.pass_obj
def profile_show(app: Session) -> Profile | None:
    """Show your profile."""
    return queries.profile(app.env())


@cli.group()
def employer() -> None:
    """Employers you interview with."""


def _employer_added_json(added: tuple[Employer, str], app: Session) -> dict[str, Any]:
    found, outcome = added
    return {**employer_json(found), "created": outcome == "created", "updated": outcome == "updated"}


def _employer_added_text(added: tuple[Employer, str], app: Session) -> None:
    found, outcome = added
    if outcome == "created":
        click.echo(f"Added employer {found.id}: {found.name}")
    elif outcome == "updated":
        click.echo(f"Updated employer {found.id}: {found.name}; its campaigns are re-planned.")
    else:
        click.echo(f"Employer {found.id}: {found.name} was already known; nothing changed.")


@employer.command("add")
@click.argument("name")
@click.option("--traditionalist/--not-traditionalist", default=None,
              help="Likes phones and paper.")
@click.option("--high-tech/--not-high-tech", default=None, help="A high-tech firm.")
@click.option("--address", "address_lines", multiple=True, metavar="LINE",
              help="Postal address: repeat for each line, or break lines with \\n.")
@click.option("--phone")
@click.option("--fax")
@shows(_employer_added_text, _employer_added_json)
@click.pass_obj
def employer_add(app: Session, name: str, traditionalist: bool | None, high_tech: bool | None,
                 address_lines: tuple[str, ...], phone: str | None,
                 fax: str | None) -> tuple[Employer, str]:
    """Add an employer, or update the details given (names match in any case)."""
    address = "\n".join(address_lines) if address_lines else None
    typed = {"traditionalist": traditionalist, "high_tech": high_tech, "address": address,
             "phone": phone, "fax": fax}
    new = Employer(
        0, parse.name("NAME", name), parse.address("address", address or ""),
        parse.phone("--phone", phone or "", required=False),
        parse.phone("--fax", fax or "", required=False), bool(traditionalist), bool(high_tech),
    )
    given = frozenset(k for k, v in typed.items() if v is not None)
    return records.add_employer(app.env(), new, given)


def _employers_text(found: list[Employer], app: Session) -> None:
    from rich.table import Table

    table = Table("Id", "Employer", "Traits", "Phone")
    for e in found:
        traits = ", ".join(t for t, on in (("traditionalist", e.traditionalist),
                                           ("high-tech", e.high_tech)) if on)
        add_row(table, str(e.id), e.name, traits, e.phone)
    console().print(table)


@employer.command("list")
@shows(_employers_text, lambda found, app: [employer_json(e) for e in found])
@click.pass_obj
def employer_list(app: Session) -> list[Employer]:
    """List employers."""
    return queries.employers(app.env())


@employer.command("delete")
@click.argument("employer_id", type=int)
@click.pass_obj
def employer_delete(app: Session, employer_id: int) -> None:
    """Delete an employer with no application or interview, and its people."""
    gone, trash_id = records.delete_employer(app.env(), employer_id)
    click.echo(f"Deleted the employer {gone.name} and its people.")
    click.echo(bring_back_line(trash_id))


@cli.group()
def contact() -> None:
    """People at employers: interviewers, gatekeeping assistants, HR."""


def _contact_added_text(added: tuple[Contact, Employer], app: Session) -> None:
    c, found = added
    click.echo(f"Added contact {c.id}: {_addressed(c)} ({c.role.value}) at {found.name}")


def _addressed(c: Contact) -> str:
    """Say a contact's name with their title and preferred greeting: 'Mr. Harold Whitcomb'."""
    named = f"{c.title} {c.name}".strip()
    return f"{named} [Dear {c.salutation}]" if c.salutation else named


TITLE_HELP = "Courtesy title: Mr., Ms., Mx., Dr. or none (for 'Dear Mr. Whitcomb:')."
SALUTATION_HELP = "How they like to be greeted, e.g. 'Dear Priya,' (wins over the title)."


@contact.command("add")
@click.argument("name")
@click.option("--employer", "employer_name", required=True)
@click.option("--role", type=click.Choice([r.value for r in ContactRole]), default="interviewer")
@click.option("--email", default="")
@click.option("--phone", default="")
@click.option("--title", "courtesy_title", default="", help=TITLE_HELP)
@click.option("--salutation", default="", help=SALUTATION_HELP)
@shows(_contact_added_text, lambda added, app: contact_json(added[0]))
@click.pass_obj
def contact_add(app: Session, name: str, employer_name: str, role: str, email: str,
                phone: str, courtesy_title: str, salutation: str) -> tuple[Contact, Employer]:
    """Add a person at an employer."""
    env = app.env()
    new = Contact(
        0, 0, parse.name("NAME", name), ContactRole(role),
        parse.email("--email", email, required=False), parse.phone("--phone", phone, required=False),
        parse.courtesy_title("courtesy_title", courtesy_title),
        parse.salutation("salutation", salutation),
    )
    found = queries.employer_named(env, parse.name("--employer", employer_name))
    if found is None:
        raise InputError("--employer", f"no employer named {employer_name!r}; add it first")
    return records.add_contact(env, replace(new, employer_id=found.id)), found


def _contacts_text(found: list[Contact], app: Session) -> None:
    for c in found:
        click.echo(f"{c.id:>4}  {_addressed(c)}  ({c.role.value})  {c.email}  {c.phone}".rstrip())


@contact.command("list")
@shows(_contacts_text, lambda found, app: [contact_json(c) for c in found])
@click.pass_obj
def contact_list(app: Session) -> list[Contact]:
    """List contacts at every employer."""
    return queries.contacts(app.env())


@cli.group()
def reference() -> None:
    """People who vouch for you: brief them after every interview."""


def _reference_added_text(r: Reference, app: Session) -> None:
    click.echo(f"Added reference {r.id}: {r.name}")


@reference.command("add")
@click.argument("name")
@click.option("--phone", required=True)
@click.option("--email", default="")
@click.option("--relationship", default="", help="e.g. former manager.")
@shows(_reference_added_text, lambda r, app: reference_json(r, app.zone))
@click.pass_obj
def reference_add(app: Session, name: str, phone: str, email: str, relationship: str) -> Reference:
    """Add a reference."""
    return records.add_reference(app.env(), Reference(
        0, parse.name("NAME", name), parse.phone("--phone", phone),
        parse.email("--email", email, required=False),
        parse.text("--relationship", relationship, limit=200),
    ))


def _reference_saved_text(r: Reference, app: Session) -> None:
    click.echo(f"Reference {r.id} saved: {r.name}, {r.phone}")


def _reference_saved_json(r: Reference, app: Session) -> dict[str, Any]:
    return reference_json(r, app.zone)


@reference.command("edit")
@click.argument("reference_id", type=int)
@click.option("--name")
@click.option("--phone")
@click.option("--email", help='Their e-mail ("" removes it).')
@click.option("--relationship", help="e.g. former manager.")
@shows(_reference_saved_text, _reference_saved_json)
@click.pass_obj
def reference_edit(app: Session, reference_id: int, name: str | None, phone: str | None,
                   email: str | None, relationship: str | None) -> Reference:
    """Correct a reference's name, phone, e-mail or relationship."""
    if (name, phone, email, relationship) == (None, None, None, None):
        raise InputError("name", "give what changes: --name, --phone, --email or --relationship")
    return records.update_reference(
        app.env(), reference_id, name=None if name is None else parse.name("name", name),
        phone=None if phone is None else parse.phone("phone", phone),
        email=None if email is None else parse.email("email", email, required=False),
        relationship=None if relationship is None else parse.text("relationship", relationship,
                                                                 limit=200))


@reference.command("link")
@click.argument("reference_id", type=int)
@click.argument("interview_id", type=int)
@click.pass_obj
def reference_link(app: Session, reference_id: int, interview_id: int) -> None:
    """Link a reference to an interview's opening; a briefing call is planned."""
    linked = records.link_reference(app.env(), reference_id, interview_id)
    state = "linked to" if linked else "was already linked to"
    click.echo(f"Reference {reference_id} {state} interview {interview_id}'s opening.")


def _references_text(found: list[Reference], app: Session) -> None:
    for r in found:
        click.echo(f"{r.id:>4}  {r.name}  {r.relationship}  {r.phone}  {r.email}")


@reference.command("list")
@shows(_references_text, lambda found, app: [reference_json(r, app.zone) for r in found])
@click.pass_obj
def reference_list(app: Session) -> list[Reference]:
    """List your references."""
    return queries.references(app.env())


@cli.group()
def fact() -> None:
    """New facts for follow-up letters #2 and #3."""


@fact.command("add")
@click.argument("interview_id", type=int)
@click.argument("text")
@click.pass_obj
def fact_add(app: Session, interview_id: int, text: str) -> None:
    """Add a new fact to tell the employer in a later letter."""
    fact_id = records.add_fact(app.env(), interview_id, parse.text("TEXT", text, required=True))
    click.echo(f"Added fact {fact_id} to interview {interview_id}'s bank.")


@cli.group()
def clipping() -> None:
    """News clippings or cartoons for letters #4 onwards."""


@clipping.command("add")
@click.argument("interview_id", type=int)
@click.option("--title", required=True)
@click.option("--url", default="")
@click.option("--kind", type=click.Choice(["article", "cartoon"], case_sensitive=False),
              default="article", show_default=True,
              help='A cartoon is called one: "I also came across a cartoon that ...".')
@click.pass_obj
def clipping_add(app: Session, interview_id: int, title: str, url: str, kind: str) -> None:
    """Add a relevant news clipping or an appropriate cartoon."""
    clip_kind = forms.clipping_kind(kind)
    clip_id = records.add_clipping(
        app.env(), interview_id, parse.text("--title", title, required=True),
        parse.url("--url", url), clip_kind,
    )
    noun = "cartoon" if clip_kind is ClippingKind.CARTOON else "clipping"
    click.echo(f"Added {noun} {clip_id} to interview {interview_id}'s bank.")


@clipping.command("edit")
@click.argument("clipping_id", type=int)
@click.option("--title")
@click.option("--url", help='Its link ("" removes it).')
@click.option("--kind", type=click.Choice(["article", "cartoon"], case_sensitive=False))
@click.pass_obj
def clipping_edit(app: Session, clipping_id: int, title: str | None, url: str | None,
                  kind: str | None) -> None:
    """Change a clipping or cartoon not yet used in a letter."""
    from insidetrack.services import banks

    if (title, url, kind) == (None, None, None):
        raise InputError("title", "give what changes: --title, --url or --kind")
    clip = banks.edit_clipping(
        app.env(), clipping_id,
        title=None if title is None else parse.text("title", title, required=True),
        url=None if url is None else parse.url("url", url),
        kind=None if kind is None else forms.clipping_kind(kind))
    click.echo(f"Clipping {clip.id} saved: {clip.title}")


def _contact_set_text(c: Contact, app: Session) -> None:
    click.echo(f"Contact {c.id}: {_addressed(c)} ({c.role.value}) {c.email} {c.phone}".rstrip())


@contact.command("set")
@click.argument("contact_id", type=int)
@click.option("--name")
@click.option("--role", type=click.Choice([r.value for r in ContactRole]))
@click.option("--email")
@click.option("--phone")
@click.option("--title", "courtesy_title", help=TITLE_HELP)
@click.option("--salutation", help=SALUTATION_HELP + " '' clears it.")
@shows(_contact_set_text, lambda c, app: contact_json(c))
@click.pass_obj
def contact_set(app: Session, contact_id: int, name: str | None, role: str | None,
                email: str | None, phone: str | None, courtesy_title: str | None,
                salutation: str | None) -> Contact:
    """Change a contact's name, role, e-mail, phone, title or preferred greeting."""
    from insidetrack.services.records import update_contact

    return update_contact(
        app.env(), contact_id, None if name is None else parse.name("--name", name),
        ContactRole(role) if role else None,
        None if email is None else parse.email("--email", email, required=False),
        None if phone is None else parse.phone("--phone", phone, required=False),
        title=None if courtesy_title is None else parse.courtesy_title("courtesy_title",
                                                                         courtesy_title),
        salutation=None if salutation is None else parse.salutation("salutation", salutation),
    )


@contact.command("delete")
@click.argument("contact_id", type=int)
@click.pass_obj
def contact_delete(app: Session, contact_id: int) -> None:
    """Delete a contact no interview lists (an interviewer: remove them from it first)."""
    gone, trash_id = records.delete_contact(app.env(), contact_id)
    click.echo(f"Deleted the contact {gone.name}.")
    click.echo(bring_back_line(trash_id, "them"))
