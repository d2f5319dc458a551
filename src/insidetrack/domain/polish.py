"""The guard over a model's rewrite of a draft: it may make the text warmer, never add a claim.

Ours: a polished draft is accepted only if every number, date, money amount, URL, e-mail
address, phone number and capitalised name or phrase in it is found in the evidence (the
user's own notes and the template draft), the linter found no error in it, the grammar check
parsed each of its sentences, and it keeps the draft's purpose (the addressee, the job title,
the thank-you or follow-up sentence). Otherwise the template draft stays and each reason is
said in words. Pure: no I/O (the grammar check's findings are passed in).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\w$])\+?\(?\d[\d ().-]{5,}\d(?![\w])")
_MONEY = re.compile(r"(?:[$€£¥]\s?\d[\d,.]*(?:\s?(?:k|m|bn|million|billion|thousand)\b)?"
                    r"|\b\d[\d,.]*\s?(?:dollars|euros|pounds|usd|eur|gbp)\b)", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = frozenset(re.split(
    r"\s+", "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion dozen"))
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*|\d+|[^\s\w]")
# Words written with a capital that name nothing: a sentence's first word, greetings, closings.
PLAIN_STARTS = frozenset(re.split(
    r"\s+", "a after again also although an and as at because before best but by dear during each "
    "even finally first for from given good hello here hi how however i if in it its i'm i've "
    "i'd i'll just kind last let looking many meanwhile moreover most my no not now of on "
    "once one our please regards respectfully since sincerely so still that the thank thanks "
    "then there these this those though thus to today together warm warmly we what when "
    "while with would yes you your yours p.s ps he she they him her his them their we us "
    "who which where why is are was were do does did can could will should have has had be "
    "all any some every both only very much more less few several such another other"))
# Titles a name may follow ("Miss Lind", "Prof Chen"): not names themselves.
NAME_TITLES = frozenset({"mr", "mrs", "ms", "dr", "mx", "miss", "prof"})
# Ours: a rewrite must not say something comes with it ("please find my resume attached").
_ENCLOSED = ("attach", "enclos", "a copy of my", "find my", "my resume", "my portfolio")
# Ours, as the language tests' proselint check: a word twice in a row ("the the") is a slip.
_DOUBLED = re.compile(r"\b([^\W\d_]+)\s+\1\b", re.IGNORECASE)
_JOINERS = frozenset({"and", "of", "the", "for", "de", "la", "van", "von", "&"})


@dataclass(frozen=True)
class Purpose:
    """What a rewrite must keep: the addressee, the job title, the key sentence's words.

    Each entry is (what, words): the words, any one of which must be in the rewrite.
    """

    keep: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Unparsed:
    """A sentence the grammar check could not parse whole, and the words it could not fit."""

    sentence: str
    words: tuple[str, ...] = ()

    def reason(self) -> str:
        """Say in words what is wrong with the sentence."""
        said = f"the sentence '{self.sentence}' does not parse as English"
        if not self.words:
            return said
        quoted = ", ".join(f"'{w}'" for w in self.words)
        return f"{said}: {quoted} {'fits' if len(self.words) == 1 else 'fit'} nowhere in it"


@dataclass(frozen=True)
class Verdict:
    """The guard's answer: accepted, or the reasons the template draft stays."""

    reasons: tuple[str, ...]

    @property
    def accepted(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class Claim:
    """Something a text states that must come from the evidence: what it is, and as written."""

    what: str  # number, date, money amount, URL, e-mail address, phone number, name
    text: str


def fold(text: str) -> str:
    """Return text without case or accents, for comparing names however they are written."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def stem(word: str) -> str:
    """Return a word without its simple inflection: possessive, plural, -ed, -ing."""
    w = fold(word)
    for end in ("'s", "s'", "'"):
        if w.endswith(end):
            w = w[: -len(end)]
    for end, keep in (("ies", 1), ("ing", 3), ("ed", 3), ("es", 3), ("s", 2)):
        if w.endswith(end) and len(w) - len(end) >= keep and not w.endswith("ss"):
            return w[: -len(end)]
    return w


def words(text: str) -> list[str]:
    """Return the stems of a text's words, in order."""
    return [stem(w) for w in _WORD.findall(text)]


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def claims(text: str) -> list[Claim]:
    """Find every claim in a text: URLs, addresses, phones, money, numbers, names."""
    found: list[Claim] = []
    for what, pattern in (("URL", _URL), ("e-mail address", _EMAIL), ("phone number", _PHONE),
                          ("money amount", _MONEY)):
        found += [Claim(what, m.group().rstrip(".,;:")) for m in pattern.finditer(text)]
        text = pattern.sub(" ", text)
    found += [Claim("number", m.group().rstrip(".,")) for m in _NUMBER.finditer(text)]
    found += [Claim("number", w) for w in _WORD.findall(text) if fold(w) in _NUMBER_WORDS]
    return found + [Claim("name", phrase) for phrase in _capitalised(text)]


def _sentences(text: str) -> Iterator[str]:
    """Split text into sentences and lines (a greeting or a closing is a line of its own)."""
    for line in text.splitlines():
        yield from re.split(r"(?<=[.!?:;])\s+|\s+[-–—]\s+", line)


def _capitalised(text: str) -> Iterator[str]:
    """Yield runs of capitalised words, without the plain word a sentence starts with.

    A comma, a number or any other mark ends a run: "Dana Whitfield, 12 Elm Street" is two.
    """
    for sentence in _sentences(text):
        run: list[str] = []
        tokens = _TOKEN.findall(sentence)
        for i, token in enumerate([*tokens, ""]):
            if token[:1].isalpha() and (token[:1].isupper() or (run and fold(token) in _JOINERS)):
                run.append(token)
                continue
            yield from _named(run, first=i == len(run))
            run = []


def _named(run: list[str], first: bool) -> Iterator[str]:
    """Yield the name in a run of capitalised words, without a sentence's plain first word."""
    while run and fold(run[-1]) in _JOINERS:
        run = run[:-1]
    if first and run and fold(run[0]) in PLAIN_STARTS:
        run = run[1:]
    while run and (fold(run[0]) in NAME_TITLES or fold(run[0]) in _JOINERS):
        run = run[1:]
    if run and not (len(run) == 1 and run[0] == "I"):
        yield " ".join(run)


@dataclass(frozen=True)
class Evidence:
    """What the user wrote down, folded once for looking things up in it."""

    stems: tuple[str, ...]
    numbers: frozenset[str]
    phones: frozenset[str]
    raw: str

    @classmethod
    def of(cls, texts: Iterable[str]) -> Evidence:
        raw = "\n".join(texts)
        numbers = {digits(m.group()) for m in _NUMBER.finditer(raw)}
        numbers |= {fold(w) for w in _WORD.findall(raw) if fold(w) in _NUMBER_WORDS}
        phones = {digits(m.group()) for m in _PHONE.finditer(raw)}
        return cls(tuple(words(raw)), frozenset(numbers), frozenset(phones), fold(raw))

    def holds(self, claim: Claim) -> bool:
        """Say whether the evidence states this claim, however it is written."""
        if claim.what in ("URL", "e-mail address"):
            return fold(claim.text).removeprefix("www.") in self.raw
        if claim.what == "phone number":
            said = digits(claim.text)
            return any(p.endswith(said) or said.endswith(p) for p in self.phones if len(p) >= 7)
        if claim.what == "money amount":
            return all(digits(n) in self.numbers for n in _NUMBER.findall(claim.text))
        if claim.what == "number":
            return (digits(claim.text) or fold(claim.text)) in self.numbers
        return _contains(self.stems, words(claim.text))


def _contains(haystack: tuple[str, ...], needle: list[str]) -> bool:
    """Say whether the words appear together, in this order."""
    if not needle:
        return True
    n = len(needle)
    return any(list(haystack[i:i + n]) == needle for i in range(len(haystack) - n + 1))


def judge(polished: str, evidence: Evidence, purpose: Purpose,
          lint_errors: Iterable[str] = (), unparsed: Iterable[Unparsed] = ()) -> Verdict:
    """Accept a rewrite only if it claims nothing new, passes the linter and the grammar check
    (its findings passed in), and keeps its purpose."""
    reasons: list[str] = []
    if not polished.strip():
        return Verdict(("the model's text is empty",))
    for claim in _unique(claims(polished)):
        if not evidence.holds(claim):
            reasons.append(f"{_article(claim.what)} '{claim.text}' is not in your notes")
    reasons += [f"it says '{w}...', something sent with it that your draft does not have"
                for w in _ENCLOSED
                if w in fold(polished) and w not in evidence.raw]
    reasons += [f"it repeats a word: '{m.group()}'" for m in _DOUBLED.finditer(polished)]
    reasons += [f"the linter says: {e}" for e in lint_errors]
    reasons += [u.reason() for u in unparsed]
    text_words = set(words(polished))
    for what, options in purpose.keep:
        if not any(_contains(tuple(words(polished)), words(o)) or stem(o) in text_words
                   for o in options):
            reasons.append(f"it drops {what} ('{options[0]}')")
    return Verdict(tuple(reasons))


def _unique(found: list[Claim]) -> list[Claim]:
    seen: set[tuple[str, str]] = set()
    out = []
    for c in found:
        if (c.what, fold(c.text)) not in seen:
            seen.add((c.what, fold(c.text)))
            out.append(c)
    return out


def _article(what: str) -> str:
    """Say the claim's kind for a reason: 'the name', 'the number'."""
    return f"the {what}"
