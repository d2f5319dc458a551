"""The words of job trackers' exports: which column holds what, and what each status means.

Column names and statuses seen in exports of Huntr (companyName, title, listName: Wishlist,
Applied, Interview, Offer, Rejected), Teal (Company, Job Position, Status: Bookmarked,
Applying, Applied, Interviewing, Negotiating, Accepted, I Withdrew, Not Selected, No
Response), Simplify and LinkedIn (Saved), and the hand-made sheets of Google Sheets and
Excel, in English, German, French and Spanish. Keys are compared by `key`: case, accents,
punctuation and camelCase do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The fields a row of a sheet can fill, each with the column names that mean it.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "employer": ("company", "employer", "organization", "organisation", "firm", "company name",
                 "firma", "unternehmen", "arbeitgeber", "entreprise", "societe", "empresa"),
    "job_title": ("position", "job title", "title", "role", "job", "position title",
                  "job position", "job name", "stelle", "jobtitel", "stellenbezeichnung",
                  "poste", "intitule du poste", "puesto", "cargo"),
    "applied": ("date applied", "applied", "applied on", "application date", "applied date",
                "applied at", "beworben am", "bewerbungsdatum", "date de candidature",
                "fecha de solicitud", "fecha de postulacion"),
    "interview_at": ("interview date", "interview", "interview at", "date of interview",
                     "interviewed", "interview date and time", "vorstellungsgesprach",
                     "gesprachstermin", "interviewtermin", "entretien", "date d entretien",
                     "entrevista", "fecha de entrevista"),
    "interview_time": ("interview time", "time of interview", "time", "uhrzeit",
                       "heure de l entretien", "heure", "hora"),
    "contact": ("contact", "contact name", "interviewer", "recruiter", "hiring manager",
                "contact person", "ansprechpartner", "kontakt", "contacto"),
    "email": ("email", "e mail", "contact email", "email address", "e mail address",
              "recruiter email", "courriel", "correo"),
    "other_interviewers": ("other interviewers", "more interviewers", "panel"),
    "status": ("status", "stage", "list name", "list", "statut", "estado"),
    "notes": ("notes", "comments", "note", "notizen", "bemerkungen", "kommentar", "remarques",
              "notas"),
    "link": ("url", "link", "job url", "job link", "posting url", "job posting", "lien",
             "enlace"),
    "salary": ("salary", "salary range", "compensation", "pay", "gehalt", "salaire", "salario"),
    "steps_done": ("steps done",),
    "traditionalist": ("traditionalist",),
    "high_tech": ("high tech",),
}
FIELDS = tuple(SYNONYMS)
# Fields that take several columns, joined; every other field takes one.
GATHERED = ("notes",)

# What a status means to insidetrack: where the opening stands.
IMPORT_STATUSES = ("saved", "applied", "interviewing", "waiting", "offer", "hired", "rejected",
                   "withdrawn")
_MEANINGS = {
    "saved": ("saved", "wishlist", "wish list", "bookmarked", "bookmark", "interested",
              "to apply", "not applied", "not yet applied", "prospect", "prospective",
              "applying", "draft", "researching", "merkliste", "gemerkt", "interessant",
              "a postuler", "sauvegarde", "guardado", "por aplicar"),
    "applied": ("applied", "application sent", "application submitted", "submitted", "sent",
                "beworben", "bewerbung gesendet", "bewerbung verschickt", "postule",
                "candidature envoyee", "aplicado", "postulado", "enviado"),
    "interviewing": ("interviewing", "interview", "interviewed", "interview scheduled",
                     "phone screen", "screening", "screen", "technical interview", "onsite",
                     "on site", "final round", "assessment", "vorstellungsgesprach",
                     "gesprach", "interview vereinbart", "entretien", "entrevista"),
    "waiting": ("waiting", "pending", "no response", "in review", "under review", "follow up",
                "followed up", "ghosted", "warten", "keine ruckmeldung", "in bearbeitung",
                "en attente", "en espera", "sin respuesta"),
    "offer": ("offer", "offered", "offer received", "negotiating", "negotiation", "angebot",
              "zusage", "offre", "oferta"),
    "hired": ("hired", "accepted", "offer accepted", "eingestellt", "angenommen", "embauche",
              "accepte", "contratado", "aceptado"),
    "rejected": ("rejected", "rejection", "declined", "not selected", "not moving forward",
                 "no offer", "position filled", "closed", "absage", "abgelehnt", "refuse",
                 "refus", "rechazado", "no seleccionado"),
    "withdrawn": ("withdrawn", "withdrew", "i withdrew", "offer declined", "declined offer",
                  "not interested", "zuruckgezogen", "retire", "desiste", "retirado"),
}
STATUSES = {word: meaning for meaning, words in _MEANINGS.items() for word in words}

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=4096)  # the same few column names and status words, row after row
def key(name: str) -> str:
    """Return a name as compared: 'companyName', 'Company name' and 'COMPANY-NAME' match."""
    spaced = _CAMEL.sub(" ", name)
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", spaced)
                    if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", plain.casefold()).strip()


def meaning(status: str, own: dict[str, str] | None = None) -> str | None:
    """Return what a tracker's status means (the user's own words first), or None."""
    word = key(status)
    return (own or {}).get(word) or STATUSES.get(word)
