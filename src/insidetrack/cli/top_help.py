"""`insidetrack --help` as click prints it 78 columns wide, for the console script.

Importing click costs several times Python's own start-up, so the console
script prints this text itself when the help would be 78 columns wide (any
terminal of 80 columns or more, or no terminal). A test holds it equal to
what click prints; after changing a command's help line or a global option,
run `python -m insidetrack.cli.top_help` to write it again.
"""

from __future__ import annotations

WIDTH = 78

TEXT = """\
Usage: insidetrack [OPTIONS] COMMAND [ARGS]...

  Follow up after every job interview, the right way, until the employer
  decides.

Options:
  --db FILE|URL  Database: a SQLite file, or a postgresql://user@host/name URL
                 (default: $INSIDETRACK_DB, else your data folder).
  --traceback    Show the Python stack on errors.
  --version      Show the version and exit.
  -h, --help     Show this message and exit.

Commands:
  account       Show the mail account, its provider, and whether its...
  advise        Advise e-mail or telephone for an interview, and say why.
  api-token     Tokens that let scripts use the web app's API...
  application   Applications you track before (and beside) their interviews.
  archive       Archive the opening of an interview whose decision is...
  backup        Copy all your data to FILE, safely even while the web app...
  calendar      Your follow-ups in your own calendar (CalDAV).
  clipping      News clippings or cartoons for letters #4 onwards.
  config        Settings: time zone and the planner's defaults.
  contact       People at employers: interviewers, gatekeeping...
  demo          Fill an empty database with a realistic demo: campaigns...
  done          Mark a step done; the campaign is re-planned from it.
  draft         Draft the message for one step of a campaign, checked...
  employer      Employers you interview with.
  export        Write your data out for other programs.
  fact          New facts for follow-up letters #2 and #3.
  import        Bring data in: a spreadsheet (CSV), or an insidetrack...
  interview     Interviews: log one and its whole follow-up campaign is...
  invitations   Interviews your mail and calendar invite you to, waiting...
  lint          Check a message against the playbook's rules; exit 1 on...
  log           Log what happened: a call, a reply or the employer's...
  note          An interview's notes one by one: list, change, delete...
  org           Career-center mode: one PostgreSQL database for many job...
  outbox        Messages queued, sending, sent and failed.
  plan          Show an interview's follow-up campaign, step by step.
  profile       Your name, contact details and what you offer.
  reference     People who vouch for you: brief them after every interview.
  rehearse      Hear your voicemail: speak the script into a WAV file and...
  restore       Replace your data with a backup's (a backup file or a...
  search        Find interviews by a word: employer, job title, people,...
  send          Draft, check, and send a step's e-mail through your SMTP...
  serve         Run the web app on this computer (http://127.0.0.1:8765...
  skip          Skip a step you chose not to do; the campaign goes on to...
  sync          Read new mail (replies pause the campaign, bounces are...
  today         List what is due today (and overdue) across every interview.
  trash         What you deleted in the last 30 days, the latest first;...
  unarchive     Bring an interview's archived opening back.
  web-password  Set the password the web app asks for when it listens...
"""


def render() -> str:
    """Return what click prints for `insidetrack --help` at WIDTH columns."""
    import click

    from insidetrack.cli.main import cli

    settings = {**cli.context_settings, "terminal_width": WIDTH}
    with click.Context(cli, info_name="insidetrack", **settings) as ctx:
        return ctx.get_help() + "\n"


def main() -> None:
    """Write the rendered help into this module's TEXT."""
    from pathlib import Path

    path = Path(__file__)
    source = path.read_text()
    start = source.index('TEXT = """\\\n') + len('TEXT = """\\\n')
    end = source.index('"""\n', start)
    path.write_text(source[:start] + render() + source[end:])


if __name__ == "__main__":
    main()
