"""Figures: casualty counts, arrests, money, percentages and other counted things, normalised.

``extract_figures(sdoc, published, dates)`` reads a parsed document and returns ``Figure`` records:
"the death toll stood at 1,200 last year" -> kind "fatalities", value 1200, the previous year as period;
"some 3 to 5 billion euros ... a year" -> kind "money", min 3e9, max 5e9,
qualifier "range", currency "EUR", period {"per": "year"}.

How a number becomes a figure (rules, not a model; precision first):

1. The number expression: digits ("5,300", "1.4", "3.2bn"), number words ("seventeen",
   "one hundred", "a dozen", "half a million"), scale words (thousand, million, billion, crore),
   ranges ("3 to 4 million": the first number takes the scale of the second), a currency sign or
   code in front ("$", "US$", "EUR"), a unit after ("percent", "per cent", "%", "dollars",
   "euros", "Mexican pesos"), and a qualifier in front ("more than", "at least", "nearly", "about").
2. Its kind: percent and money from the unit; a bare amount coordinated with a money amount in the
   same sentence inherits its currency ("2.5 billion euros ... and 300 million"); otherwise the
   parse decides: the counted noun ("six deaths", "17 dead bodies"), a participle next to it
   ("21 wounded", "four Americans kidnapped"), the verb it is the object or passive subject of
   ("killed 17 people", "25 people were killed", "two are dead", "arrested two men"),
   "the kidnapping of four citizens", or "a toll of 1,200 dead". Other counted things become
   "count" only with a plain plural noun, no definite article, and either a value of 10 or more or
   a qualifier ("more than 10,000 protesters"); small incidental counts ("two children") are not figures.
3. Its period: a resolved date from ``dates`` in the same clause (same governing verb) or right next
   to it; a rate ("each year", "per month", "annually") gives {"per": "year"|"month"|...}.

The same fact repeated later in the text (same kind, value, bounds, unit and currency) is reported once,
at its first mention. Numbers inside date/time expressions and ordinals are never figures.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from eventwire.records import DateRef, Figure

# -- number vocabulary ----------------------------------------------------------------------------
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {
    "hundred": Decimal(100), "thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12, "lakh": Decimal(10) ** 5, "crore": Decimal(10) ** 7,
}
ABBREV_SCALES = {"k": Decimal(10) ** 3, "m": Decimal(10) ** 6, "mn": Decimal(10) ** 6, "mln": Decimal(10) ** 6,
                 "b": Decimal(10) ** 9, "bn": Decimal(10) ** 9, "bln": Decimal(10) ** 9, "tn": Decimal(10) ** 12}

CURRENCY_SIGNS = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "a$": "AUD",
    "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "r$": "BRL", "mx$": "MXN",
    "₹": "INR", "₦": "NGN", "₽": "RUB", "₴": "UAH", "₺": "TRY", "₩": "KRW", "chf": "CHF", "jpy": "JPY",
    "cny": "CNY", "rmb": "CNY", "inr": "INR", "mxn": "MXN", "cad": "CAD", "aud": "AUD", "rub": "RUB",
    "uah": "UAH", "ngn": "NGN", "zar": "ZAR", "brl": "BRL", "¥": None, "rs": None, "rs.": None,
}
# currency word -> (ISO code when unqualified or None, {qualifying adjective: ISO code})
CURRENCY_WORDS: dict[str, tuple[str | None, dict[str, str]]] = {
    "dollar": ("USD", {"us": "USD", "u.s.": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD",
                       "zealand": "NZD", "kong": "HKD", "singapore": "SGD", "taiwan": "TWD", "taiwanese": "TWD",
                       "zimbabwean": "ZWL", "namibian": "NAD", "jamaican": "JMD", "liberian": "LRD"}),
    "euro": ("EUR", {}),
    "pound": ("GBP", {"british": "GBP", "sterling": "GBP", "egyptian": "EGP", "lebanese": "LBP", "sudanese": "SDG",
                      "syrian": "SYP"}),
    "peso": (None, {"mexican": "MXN", "colombian": "COP", "philippine": "PHP", "argentine": "ARS",
                    "argentinian": "ARS", "chilean": "CLP", "cuban": "CUP", "dominican": "DOP", "uruguayan": "UYU"}),
    "rupee": (None, {"indian": "INR", "pakistani": "PKR", "lankan": "LKR", "nepalese": "NPR"}),
    "yuan": ("CNY", {}), "renminbi": ("CNY", {}), "yen": ("JPY", {}), "ruble": ("RUB", {}), "rouble": ("RUB", {}),
    "naira": ("NGN", {}), "rand": ("ZAR", {}), "hryvnia": ("UAH", {}), "hryvnias": ("UAH", {}),
    "shilling": (None, {"kenyan": "KES", "ugandan": "UGX", "tanzanian": "TZS"}),
    "lira": (None, {"turkish": "TRY"}), "franc": (None, {"swiss": "CHF"}), "riyal": (None, {"saudi": "SAR"}),
    "dirham": (None, {"emirati": "AED", "uae": "AED", "moroccan": "MAD"}), "rupiah": ("IDR", {}),
    "baht": ("THB", {}), "ringgit": ("MYR", {}), "shekel": ("ILS", {}), "zloty": ("PLN", {}), "real": (None, {"brazilian": "BRL"}),
    "reais": ("BRL", {}), "won": (None, {"korean": "KRW"}),
}

QUALIFIERS: list[tuple[tuple[str, ...], str]] = sorted([
    (("more", "than"), ">"), (("over",), ">"), (("upwards", "of"), ">"), (("in", "excess", "of"), ">"),
    (("above",), ">"), (("greater", "than"), ">"), (("higher", "than"), ">"),
    (("at", "least"), ">="), (("no", "fewer", "than"), ">="), (("no", "less", "than"), ">="),
    (("not", "less", "than"), ">="), (("a", "minimum", "of"), ">="),
    (("less", "than"), "<"), (("fewer", "than"), "<"), (("under",), "<"), (("nearly",), "<"), (("almost",), "<"),
    (("below",), "<"), (("close", "to"), "<"), (("just", "under"), "<"),
    (("up", "to"), "<="), (("as", "many", "as"), "<="), (("at", "most"), "<="), (("no", "more", "than"), "<="),
    (("not", "more", "than"), "<="), (("a", "maximum", "of"), "<="),
    (("about",), "~"), (("some",), "~"), (("around",), "~"), (("an", "estimated"), "~"), (("estimated",), "~"),
    (("roughly",), "~"), (("approximately",), "~"), (("approx", "."), "~"), (("approx.",), "~"), (("circa",), "~"),
    (("an", "approximate"), "~"), (("just", "over"), ">"), (("well", "over"), ">"), (("more", "then"), ">"),
], key=lambda q: -len(q[0]))

# -- kinds ------------------------------------------------------------------------------------------
PARTICIPLE_KINDS = {  # a word right after the number or its noun: "21 wounded", "Americans kidnapped"
    "dead": "fatalities", "killed": "fatalities", "slain": "fatalities", "murdered": "fatalities",
    "wounded": "injuries", "injured": "injuries", "hurt": "injuries",
    "arrested": "arrests", "detained": "arrests", "apprehended": "arrests",
    "kidnapped": "kidnapped", "abducted": "kidnapped", "displaced": "displaced", "homeless": "displaced",
    "evacuated": "displaced",
}
NOUN_KINDS = {
    "death": "fatalities", "fatality": "fatalities", "body": "fatalities", "corpse": "fatalities",
    "dead": "fatalities", "injury": "injuries", "wounded": "injuries", "injured": "injuries",
    "hostage": "kidnapped", "captive": "kidnapped", "abductee": "kidnapped",
    "refugee": "displaced", "evacuee": "displaced", "arrest": "arrests", "detainee": "arrests",
}
OF_NOUN_KINDS = {  # "the kidnapping of four citizens"
    "killing": "fatalities", "death": "fatalities", "murder": "fatalities", "massacre": "fatalities",
    "life": "fatalities", "kidnapping": "kidnapped", "abduction": "kidnapped", "arrest": "arrests",
    "detention": "arrests", "displacement": "displaced", "evacuation": "displaced",
}
# verb lemma -> (kind, roles of the counted nominal that are victims)
VERB_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "kill": ("fatalities", ("dobj", "nsubjpass")), "murder": ("fatalities", ("dobj", "nsubjpass")),
    "slay": ("fatalities", ("dobj", "nsubjpass")), "massacre": ("fatalities", ("dobj", "nsubjpass")),
    "execute": ("fatalities", ("dobj", "nsubjpass")), "behead": ("fatalities", ("dobj", "nsubjpass")),
    "die": ("fatalities", ("nsubj",)), "perish": ("fatalities", ("nsubj",)),
    "wound": ("injuries", ("dobj", "nsubjpass")), "injure": ("injuries", ("dobj", "nsubjpass")),
    "hurt": ("injuries", ("dobj", "nsubjpass")),
    "arrest": ("arrests", ("dobj", "nsubjpass")), "detain": ("arrests", ("dobj", "nsubjpass")),
    "apprehend": ("arrests", ("dobj", "nsubjpass")), "jail": ("arrests", ("dobj", "nsubjpass")),
    "kidnap": ("kidnapped", ("dobj", "nsubjpass")), "abduct": ("kidnapped", ("dobj", "nsubjpass")),
    "displace": ("displaced", ("dobj", "nsubjpass")), "evacuate": ("displaced", ("dobj", "nsubjpass")),
    "flee": ("displaced", ("nsubj",)), "uproot": ("displaced", ("dobj", "nsubjpass")),
}
COMPLEMENT_KINDS = {"dead": "fatalities", "killed": "fatalities", "injured": "injuries", "wounded": "injuries",
                    "hurt": "injuries", "arrested": "arrests", "detained": "arrests", "kidnapped": "kidnapped",
                    "abducted": "kidnapped", "displaced": "displaced", "homeless": "displaced"}
PEOPLE_NOUNS = set("""
people person civilian soldier troop protester protestor demonstrator police policeman policemen officer militant
fighter rebel insurgent member resident villager student worker migrant child woman man adult citizen national
passenger victim suspect prisoner inmate journalist reporter official lawmaker voter supporter activist farmer
miner employee staff personnel guard gunman attacker jihadist bandit terrorist worshipper pilgrim tourist patient
doctor nurse teacher player fan crew sailor marine pilot diplomat minister leader individual cadet recruit volunteer
peacekeeper agent inhabitant survivor casualty youth girl boy infant baby teenager kid delegate participant rioter
striker marcher mourner vigilante militiaman combatant contractor opponent critic dissident hostage refugee
""".split())
NOT_COUNT_NOUNS = set("""
year month week day hour minute second decade century time percent point kilometre kilometer km mile metre meter
foot feet inch ton tonne kg kilogram gram pound litre liter gallon barrel acre hectare degree round vote seat
times page share dollar euro case cent level stage phase step term
""".split())
DEFINITE = {"the", "these", "those", "this", "that", "its", "their", "his", "her", "our", "your", "my", "both", "all"}
RATE_WORDS = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day"}


@dataclass
class _Amount:
    start: int          # first token of the whole expression (qualifier / currency included)
    end: int            # token after the expression (unit words included)
    last: int           # last token of the numeric core
    value: Decimal | None
    lo: Decimal | None
    hi: Decimal | None
    qualifier: str
    currency: str | None = None
    money: bool = False
    percent: bool = False
    scaled: bool = False
    core: int = 0       # first token of the number itself (after qualifier words)


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


_TIME_WORDS = re.compile(
    r"(?i)\b(\d{4}|\d+(st|nd|rd|th)|\d+0'?s|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|"
    r"march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|today|tonight|tomorrow|yesterday|ago|old|aged?|weekend|"
    r"(day|week|month|year|decade|century|centuries|hour|minute|night|morning|evening|afternoon|fortnight)s?)\b"
    r"|-year|-day|-week|-month")
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(k|m|mn|mln|b|bn|bln|tn)?$", re.I)
_SIGNED = re.compile(r"^(us\$|au\$|a\$|ca\$|c\$|hk\$|nz\$|s\$|r\$|mx\$|\$|€|£|¥|₹|₦|₽|₴|₺|₩)(.+)$", re.I)


class _Scanner:
    """Finds number expressions in one spaCy Doc."""

    def __init__(self, doc: Any):
        self.doc = doc
        self.n = len(doc)
        self._date_cache: dict[int, bool] = {}

    def low(self, i: int) -> str:
        return self.doc[i].lower_ if 0 <= i < self.n else ""

    def blocked(self, i: int) -> bool:
        """Tokens of time expressions and ordinals; a DATE entity with no time word in it
        ("between 50 and 60", mis-tagged by the model) does not block."""
        tok = self.doc[i]
        if tok.ent_type_ in ("TIME", "ORDINAL"):
            return True
        if tok.ent_type_ != "DATE":
            return False
        if i not in self._date_cache:
            # the entity's bounds from the IOB tags (doc.ents would rebuild every entity on each call)
            start, end = i, i + 1
            while start > 0 and self.doc[start].ent_iob_ == "I":
                start -= 1
            while end < self.n and self.doc[end].ent_iob_ == "I":
                end += 1
            timed = bool(_TIME_WORDS.search(self.doc[start:end].text))
            for k in range(start, end):
                self._date_cache[k] = timed
        return self._date_cache[i]

    # -- a bare number (no qualifier, no range): returns (value, next index, last core token, scaled, currency)
    def number(self, i: int, stop: int) -> tuple[Decimal, int, int, bool, str | None] | None:
        if i >= stop or self.blocked(i):
            return None
        currency: str | None = None
        has_currency = False
        t = self.doc[i].text
        low = t.lower()
        value: Decimal | None = None
        scaled = False
        j = i
        m = _SIGNED.match(t)
        if low in CURRENCY_SIGNS and i + 1 < stop and self._starts_number(i + 1):
            currency, has_currency = CURRENCY_SIGNS[low], True
            j = i + 1
            t, low = self.doc[j].text, self.doc[j].lower_
            m = None
        if m and _DIGITS.match(m.group(2)):
            currency, has_currency = CURRENCY_SIGNS.get(m.group(1).lower()), True
            t, low = m.group(2), m.group(2).lower()
        dm = _DIGITS.match(t)
        if dm:
            value = _dec(dm.group(1) + (dm.group(2) or ""))
            if dm.group(3):
                value = value * ABBREV_SCALES[dm.group(3).lower()] if value is not None else None
                scaled = True
            j += 1
            abbrev = self.low(j).rstrip(".")  # "5" "m" / "m." from "$5m", "£5m."
            if (not dm.group(3) and j < stop and abbrev in ABBREV_SCALES and self.doc[j].idx == self.doc[j - 1].idx
                    + len(self.doc[j - 1].text)):
                value = value * ABBREV_SCALES[abbrev] if value is not None else None
                scaled = True
                j += 1
        else:
            got = self.words(j, stop)
            if got is None:
                return None
            value, j = got
        if value is None:
            return None
        last = j - 1
        while j < stop and self.low(j) in SCALES:
            value *= SCALES[self.low(j)]
            scaled = scaled or SCALES[self.low(j)] >= 10 ** 6
            last = j
            j += 1
        if j < stop and self.low(j) == "dozen":
            value *= 12
            last = j
            j += 1
        return value, j, last, scaled, (currency or "") if has_currency else None

    def _starts_number(self, i: int) -> bool:
        low = self.low(i)
        return bool(_DIGITS.match(low)) or low in UNITS or low in TENS

    def words(self, i: int, stop: int) -> tuple[Decimal, int] | None:
        """Number words: "seventeen", "twenty - five", "one hundred and twenty", "a dozen", "half a million"."""
        low = self.low(i)
        if low in ("a", "an") and i + 1 < stop and self.low(i + 1) in ("dozen", "hundred", "thousand", "million", "billion"):
            if self.low(i + 1) == "dozen":
                return Decimal(12), i + 2
            return Decimal(1), i + 1  # the caller applies the scale word
        if low == "half" and self.low(i + 1) == "a" and self.low(i + 2) in ("million", "billion", "thousand", "dozen"):
            return Decimal("0.5"), i + 2
        total, current, j, last = Decimal(0), Decimal(0), i, None
        while j < stop and not self.blocked(j):
            w = self.low(j)
            if w in UNITS:
                if not (last in (None, "hundred", "thousand") or (last == "ten" and UNITS[w] < 10)):
                    break
                current += UNITS[w]
                last = "unit"
            elif w in TENS:
                if last not in (None, "hundred", "thousand"):
                    break
                current += TENS[w]
                last = "ten"
            elif w == "-" and last == "ten" and UNITS.get(self.low(j + 1), 10) < 10:
                j += 1
                continue
            elif w == "hundred" and last in ("unit", "ten"):
                current *= 100
                last = "hundred"
            elif w == "thousand" and last in ("unit", "ten", "hundred") and self.low(j + 1) in (*UNITS, *TENS, "and"):
                total += current * 1000
                current = Decimal(0)
                last = "thousand"
            elif w == "and" and last in ("hundred", "thousand") and (self.low(j + 1) in UNITS or self.low(j + 1) in TENS):
                j += 1
                continue
            else:
                break
            j += 1
        if last is None:
            return None
        return total + current, j

    def qualifier(self, i: int, sent_start: int) -> tuple[str, int]:
        for words, q in QUALIFIERS:
            k = len(words)
            if i - k < sent_start:
                continue
            if tuple(self.low(x) for x in range(i - k, i)) == words:
                return q, i - k
        return "=", i

    def amount(self, i: int, sent_start: int, stop: int) -> _Amount | None:
        got = self.number(i, stop)
        if got is None:
            return None
        value, j, last, scaled, currency = got  # currency: None = no sign, "" = a sign with no known code
        amt = _Amount(start=i, end=j, last=last, value=value, lo=None, hi=None, qualifier="=",
                      currency=currency or None, money=currency is not None, scaled=scaled, core=i)
        # range: "3 to 4 million", "10-15", "two or three", "between 5 and 10"
        sep = self.low(j)
        if sep in ("to", "-", "\u2013", "or", "and") and j + 1 < stop:
            if sep != "and" or self.low(i - 1) == "between":
                other = self.number(j + 1, stop)
                if other is not None and (sep != "-" or self.doc[j + 1].idx == self.doc[j].idx + 1):
                    v2, j2, last2, scaled2, cur2 = other
                    v1 = value
                    if not scaled and scaled2:
                        core2 = self._core_value(j + 1, j2)
                        if core2 is not None and v1 < core2:
                            v1 = v1 * (v2 / core2)
                    if v1 < v2:
                        amt.lo, amt.hi, amt.value = v1, v2, None
                        amt.end, amt.last, amt.scaled = j2, last2, scaled or scaled2
                        amt.currency = amt.currency or cur2 or None
                        amt.money = amt.money or cur2 is not None
                        amt.qualifier = "range"
                        if self.low(i - 1) == "between":
                            amt.start = i - 1
        if amt.qualifier != "range":
            q, qs = self.qualifier(amt.start, sent_start)
            amt.qualifier, amt.start = q, qs
        else:
            _, qs = self.qualifier(amt.start, sent_start)
            amt.start = qs  # "roughly 3 to 5 million": the words stay in the text, the range wins
        if amt.qualifier == "=" and self.low(amt.end) == "or" and self.low(amt.end + 1) in ("more", "so"):
            amt.qualifier = ">=" if self.low(amt.end + 1) == "more" else "~"
        self.unit(amt, stop)
        return amt

    def _core_value(self, i: int, j: int) -> Decimal | None:
        """The value of tokens i..j without their scale words ("20" of "20 billion")."""
        k = j
        while k > i and self.low(k - 1) in SCALES:
            k -= 1
        got = self.number(i, k) if k > i else None
        return got[0] if got else None

    def unit(self, amt: _Amount, stop: int) -> None:
        j = amt.end
        w = self.low(j)
        if w in ("percent", "%", "pct", "pc") or (w == "per" and self.low(j + 1) == "cent"):
            if self.low(j + 1) in ("point", "points") or self.low(j + 1) == "age":
                return
            amt.percent = True
            amt.end = j + (2 if w == "per" else 1)
            return
        if w == "percentage":
            return
        # currency words, possibly after a qualifying adjective: "billion dollars", "Mexican pesos"
        adjectives: list[Any] = []
        k = j
        while k < stop and k < j + 3:
            lemma = self._currency_lemma(self.low(k))
            if lemma is not None:
                if lemma == "pound" and self.low(k + 1) == "of":
                    return  # a weight
                if lemma in ("won", "real") and not adjectives:
                    return  # the verb / the adjective
                default, qualified = CURRENCY_WORDS[lemma]
                hits = [qualified[a.lower_] for a in adjectives if a.lower_ in qualified]
                national = [a for a in adjectives if a.ent_type_ in ("NORP", "GPE") or a.lower_ in ("us", "u.s.")]
                code = hits[-1] if hits else (None if national else default)
                amt.money, amt.currency = True, amt.currency or code
                amt.end = k + 2 if lemma == "pound" and self.low(k + 1) == "sterling" else k + 1
                return
            if self.doc[k].pos_ in ("ADJ", "PROPN") or self.low(k) in ("u.s.", "us", "new", "hong", "sri"):
                adjectives.append(self.doc[k])
                k += 1
                continue
            return

    @staticmethod
    def _currency_lemma(w: str) -> str | None:
        if w in CURRENCY_WORDS:
            return w
        if w.endswith("s") and w[:-1] in CURRENCY_WORDS:
            return w[:-1]
        return None


# -- the parse-based part ---------------------------------------------------------------------------


def _clause_head(tok: Any) -> Any:
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"):
            return tok
        if tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _counted_noun(doc: Any, amt: _Amount) -> Any | None:
    """The noun the number counts ("17 people" -> people), from the parse; None when the number stands alone."""
    for k in range(amt.last, amt.core - 1, -1):
        tok = doc[k]
        head = tok.head
        if tok.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "appos") and head.i >= amt.end \
                and head.pos_ in ("NOUN", "PROPN") and head.i - amt.end <= 3 and head.ent_type_ not in ("DATE", "TIME"):
            return head
    return None


def _is_definite(noun: Any, doc: Any, amt: _Amount) -> bool:
    """"the four Americans", "their 27 members": a reference back, not a new figure."""
    for t in list(noun.children) + list(doc[amt.last].children):
        if t.i < amt.start and (t.dep_ == "poss" or (t.dep_ in ("det", "predet") and t.lower_ in DEFINITE)):
            return True
    return amt.start > 0 and doc[amt.start - 1].lower_ in DEFINITE


def _kind_from_parse(doc: Any, amt: _Amount, noun: Any | None, sent: Any) -> tuple[str | None, Any | None]:
    """(kind, trigger token) for a number of people or things, or (None, None)."""
    nominal = noun if noun is not None else doc[amt.last]
    # follow coordination up to the first conjunct: "killed 5 soldiers and 3 civilians"
    role_tok = nominal
    while role_tok.dep_ == "conj" and role_tok.head.i != role_tok.i:
        role_tok = role_tok.head
    owner = role_tok.head.head if role_tok.dep_ == "pobj" and role_tok.head.lower_ == "of" else None
    # partitive "one of the two victims": the predicate counts the part, not this whole group
    partitive = owner is not None and (owner.like_num or owner.pos_ == "NUM" or owner.lower_ in UNITS)

    # the counted noun itself: "six deaths", "17 dead bodies", "10 hostages", "claimed 47 lives"
    if noun is not None:
        lemma = noun.lemma_.lower()
        if lemma in NOUN_KINDS:
            return NOUN_KINDS[lemma], noun
        if lemma == "life" and noun.head.lemma_.lower() in ("claim", "take", "cost", "lose", "end"):
            return "fatalities", noun.head
        # its modifiers: "one detained suspect", "three engineers seized by raiders"
        for c in noun.children:
            if c.dep_ in ("amod", "acl") and c.lower_ in PARTICIPLE_KINDS:
                return PARTICIPLE_KINDS[c.lower_], c
    if partitive:
        return None, None

    # a participle or adjective right after the number or its noun: "21 wounded", "two dead"
    after = noun.i + 1 if noun is not None else amt.end
    if after < sent.end and doc[after].lower_ in PARTICIPLE_KINDS:
        t = doc[after]
        agent = (t.tag_ == "VBD" and nominal.dep_ == "nsubj" and nominal.head.i == t.i
                 and any(c.dep_ == "dobj" for c in t.children))  # "two gunmen killed five people"
        if not agent:
            return PARTICIPLE_KINDS[t.lower_], t
    for c in doc[amt.last].children:
        if c.dep_ == "amod" and c.lower_ in COMPLEMENT_KINDS and c.i > amt.last:
            return COMPLEMENT_KINDS[c.lower_], c  # "two dead on the FAMa side"
    # the verb right after, when the parse attached the number elsewhere: "1,200 fled", "30 were killed"
    k, passive = after, False
    while k < min(sent.end, after + 3) and doc[k].pos_ == "AUX":
        passive = passive or doc[k].lemma_ == "be"
        k += 1
    if k < sent.end and doc[k].pos_ == "VERB" and doc[k].lemma_.lower() in VERB_KINDS:
        kind, roles = VERB_KINDS[doc[k].lemma_.lower()]
        if ("nsubjpass" in roles and passive and doc[k].tag_ == "VBN") or ("nsubj" in roles and not passive):
            return kind, doc[k]
    # "the abduction of three aid workers"
    if owner is not None and owner.lemma_.lower() in OF_NOUN_KINDS:
        return OF_NOUN_KINDS[owner.lemma_.lower()], owner
    # death toll: "put the toll at 1,200", "toll rose to 50"
    for k in range(max(sent.start, amt.start - 6), amt.start):
        if doc[k].lower_ == "toll" and not any(doc[x].like_num for x in range(k + 1, amt.start)):
            return "fatalities", doc[k]
    # the predicate: object or passive subject of "kill", subject of "die", "two are dead", "found dead"
    verb = role_tok.head
    role = role_tok.dep_
    if verb.pos_ in ("VERB", "AUX") and not any(c.dep_ == "neg" for c in verb.children):
        entry = VERB_KINDS.get(verb.lemma_.lower())
        if entry and role in entry[1]:
            return entry[0], verb
        if role in ("nsubj", "nsubjpass", "dobj", "attr"):
            for c in verb.children:
                if c.dep_ in ("acomp", "oprd", "xcomp", "attr", "ccomp") and c.lower_ in COMPLEMENT_KINDS and c.i > role_tok.i:
                    return COMPLEMENT_KINDS[c.lower_], c
    return None, None


def _plain(x: Decimal | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if x == x.to_integral_value() else float(x)


def _bounds(amt: _Amount) -> tuple[float | int | None, float | int | None, float | int | None]:
    v = _plain(amt.value)
    if amt.qualifier == "range":
        return None, _plain(amt.lo), _plain(amt.hi)
    if amt.qualifier == "=":
        return v, v, v
    if amt.qualifier in (">", ">="):
        return v, v, None
    if amt.qualifier in ("<", "<="):
        return v, None, v
    return v, None, None


RATE_WINDOW = 40
"""Tokens either side of the figure's clause head searched for a rate ("per year", "a month"): keeps a
sentence the parser could not split (tens of thousands of tokens) from costing a scan per figure."""


def _rate(doc: Any, sent: Any, head: Any) -> str | None:
    for t in doc[max(sent.start, head.i - RATE_WINDOW):min(sent.end, head.i + RATE_WINDOW + 1)]:
        w = t.lower_
        if w in RATE_WORDS and _clause_head(t).i == head.i:
            return RATE_WORDS[w]
        if w in ("each", "every", "per", "a", "an") and t.i + 1 < sent.end:
            unit = doc[t.i + 1].lemma_.lower()
            if unit in ("year", "month", "week", "day", "annum") and _clause_head(t).i == head.i:
                prev = doc[t.i - 1].lower_ if t.i > sent.start else ""
                nxt = doc[t.i + 2].lower_ if t.i + 2 < sent.end else ""
                if w in ("a", "an") and (prev in ("for", "within", "over", "than", "in", "after", "about") or nxt in ("ago", "later", "earlier", "before", "after")):
                    continue
                return "year" if unit == "annum" else unit
    return None


def _date_tokens(doc: Any, dates: list[DateRef]) -> list[tuple[DateRef, Any]]:
    out = []
    for d in dates:
        if d.start is None:
            continue
        span = doc.char_span(d.span[0], d.span[1], alignment_mode="expand")
        if span is not None and len(span):
            out.append((d, span))
    return out


def extract_figures(sdoc: Any, published: dt.date | None, dates: list[DateRef]) -> list[Figure]:
    """Normalised figures in a parsed document.

    sdoc: spaCy Doc of the document text; published: publication date (unused by the rules today,
    kept for the stage signature); dates: the document's ``DateRef`` list from ``dates.extract_dates``,
    used for periods. RETURNS ``Figure`` records in text order: kind (fatalities | injuries | arrests |
    kidnapped | displaced | money | percent | count), value/min/max as plain numbers (ints when whole;
    money in currency units, percent in percent), qualifier (= | > | >= | < | <= | ~ | range), unit
    (people | currency | percent | items), currency (ISO 4217, None when the text does not say),
    period ({"start", "end"} ISO dates from a resolved date in the same clause, {"per": unit} for rates,
    or None), text/span = the evidence in ``sdoc.text``.
    """
    doc = sdoc
    sc = _Scanner(doc)
    date_spans = _date_tokens(doc, dates)
    figures: list[Figure] = []
    for sent in doc.sents:
        money_seen: list[_Amount] = []
        i = sent.start
        while i < sent.end:
            amt = sc.amount(i, sent.start, sent.end)
            if amt is None:
                i += 1
                continue
            i = max(amt.end, i + 1)
            fig = _classify(doc, sent, amt, money_seen, date_spans)
            if fig is not None:
                figures.append(fig)
    return _dedupe(figures)


def _skip_number(doc: Any, amt: _Amount) -> bool:
    """Numbers that are names or modifiers, not quantities: "COVID-19", "F-16", "27-member", years."""
    core = amt.core
    prev = doc[core - 1] if core > 0 else None
    nxt = doc[amt.end] if amt.end < len(doc) else None
    if prev is not None and prev.text in ("-", "#", "No.") and core >= 2 and doc[core - 2].is_alpha:
        return True
    if prev is not None and prev.lower_ in ("no", "not", "none", "nor") and amt.start == core:
        return True  # "no one was killed", "not one"
    if nxt is not None and nxt.text == "-" and amt.qualifier != "range" and not amt.percent and not amt.money:
        return True
    if (amt.value is not None and not amt.money and not amt.percent and core == amt.last
            and re.fullmatch(r"\d{4}", doc[core].text) and 1800 <= amt.value <= 2100):
        return not (nxt is not None and nxt.tag_ == "NNS")  # a year, unless "2000 protesters"
    return False


def _classify(doc: Any, sent: Any, amt: _Amount, money_seen: list[_Amount],
              date_spans: list[tuple[DateRef, Any]]) -> Figure | None:
    if _skip_number(doc, amt):
        return None
    noun = None
    trigger = None
    if amt.percent:
        kind, unit = "percent", "percent"
    elif amt.money:
        kind, unit = "money", "currency"
        money_seen.append(amt)
    else:
        noun = _counted_noun(doc, amt)
        inherit = (amt.scaled and money_seen and noun is None and amt.start > sent.start
                   and doc[amt.start - 1].lower_ in ("and", "or", ",", "plus", "while", "but"))
        if inherit:
            kind, unit = "money", "currency"
            amt.money, amt.currency = True, money_seen[-1].currency
            money_seen.append(amt)
        else:
            kind, trigger = _kind_from_parse(doc, amt, noun, sent)
            if kind is not None:
                unit = "people"
            elif noun is not None and _countable(doc, amt, noun) and not _negated(noun):
                kind = "count"
                unit = "people" if (noun.lemma_.lower() in PEOPLE_NOUNS or noun.ent_type_ == "NORP") else "items"
            else:
                return None
    value, lo, hi = _bounds(amt)
    if value is None and lo is None and hi is None:
        return None

    # evidence span
    s, e = amt.start, amt.end
    if noun is not None and noun.i >= amt.end and noun.i - amt.end <= 3:
        e = max(e, noun.i + 1)
    if trigger is not None:
        t_left = min([trigger.i] + [c.i for c in trigger.children if c.dep_ == "compound" and c.i < trigger.i])
        if amt.start - 6 <= t_left < amt.start and trigger.i < amt.start and not any(
                doc[x].like_num for x in range(trigger.i + 1, amt.start)):
            s = t_left
        elif e <= trigger.i <= e + 3:
            e = trigger.i + 1

    # period
    head = _clause_head(trigger if trigger is not None and trigger.pos_ in ("VERB", "AUX") else (noun or doc[amt.last]))
    period: dict[str, Any] | None = None
    per = _rate(doc, sent, head)
    if per:
        period = {"per": per}
    else:
        best = None
        for d, span in date_spans:
            if not (sent.start <= span.start < sent.end):
                continue
            gap = span.start - e if span.start >= e else s - span.end
            dhead = _clause_head(span.root)
            same_clause = dhead.i == head.i or (  # coordinated predicates share the date: "killed and 21 wounded on Monday"
                (dhead.dep_ == "conj" and dhead.head.i == head.i) or (head.dep_ == "conj" and head.head.i == dhead.i))
            adjacent = 0 <= span.start - e <= 1 or 0 <= s - span.end <= 1
            if same_clause or adjacent:
                if best is None or abs(gap) < best[0]:
                    best = (abs(gap), d, span)
        if best is not None:
            d, span = best[1], best[2]
            period = {"start": d.start, "end": d.end}
            if 0 <= span.start - e <= 1:
                e = span.end
    start_char, end_char = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
    return Figure(kind=kind, value=value, min=lo, max=hi, qualifier=amt.qualifier, unit=unit,
                  text=doc[s:e].text, span=(start_char, end_char),  # not doc.text: it is rebuilt per call
                  currency=amt.currency if kind == "money" else None, period=period)


def _negated(tok: Any) -> bool:
    """True when the clause the token belongs to is negated ("14 people were not injured")."""
    head = _clause_head(tok)
    return any(c.dep_ == "neg" for c in head.children)


def _countable(doc: Any, amt: _Amount, noun: Any) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in NOT_COUNT_NOUNS or noun.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"):
        return False
    if any(doc[k].lemma_.lower() in NOT_COUNT_NOUNS for k in range(amt.end, noun.i)):
        return False  # "1,500 meter fountains": a measurement
    if noun.pos_ == "PROPN" and noun.ent_type_ != "NORP":
        return False
    if noun.tag_ not in ("NNS", "NNPS") and lemma not in ("police", "staff", "personnel", "crew"):
        return False
    if _is_definite(noun, doc, amt):
        return False
    small = amt.value is not None and amt.value < 10 and amt.qualifier == "="
    return not small


def _dedupe(figures: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for f in figures:
        dup = False
        for g in out:
            same = (f.kind, f.value, f.min, f.max, f.qualifier, f.unit, f.currency) == \
                   (g.kind, g.value, g.min, g.max, g.qualifier, g.unit, g.currency)
            if same and (f.period is None or g.period is None or f.period == g.period):
                dup = True
                break
        if not dup:
            out.append(f)
    return out
