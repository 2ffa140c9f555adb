"""Word lists more than one step of the extractor consults."""

from __future__ import annotations

import calendar

# Capital letters, accented ones included ("Álvarez", "Ørsted", "Šefčovič").
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de" + "".join(
    chr(c) for c in range(0x100, 0x250) if chr(c).isupper()
)


def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


PERSON_ROLES = wordset(
    """
    president vice-president premier minister chancellor secretary governor deputy
    senator congressman congresswoman representative mayor commissioner envoy
    ambassador negotiator chief executive officer ceo cfo coo cto chairman chairwoman
    chair director manager boss coach captain analyst economist strategist
    spokesman spokeswoman spokesperson king queen prince princess pope judge
    general admiral colonel commander leader head founder co-founder adviser
    advisor professor treasurer attorney agent owner striker defender midfielder
    goalkeeper winger forward candidate nominee councillor opponent rival
    challenger counterpart aide lawyer official administrator"""
)
ORG_HEADS = wordset(
    """
    company firm group club bank carmaker automaker maker retailer lender insurer
    airline chipmaker startup start-up business council government ministry
    department agency administration party campaign team league commission
    regulator contractor supplier manufacturer developer operator brand giant
    conglomerate utility exchange board authority fund union federation
    organisation organization university broadcaster network publisher studio
    fed carrier airlines chain lab office"""
)

NOT_NAMES = (
    wordset(
        """
    the a an this that these those while when whereas last next during as according
    asked speaking if in on at by for from with without after before but and so or
    yet however meanwhile earlier later then there here it its he she they we i his
    her their our my your you what who why how where which would could will can
    should may might must did do does is are was were has have had less more most
    some many both all each every no not of to one two three four five six seven
    eight nine ten copyright read sign subscribe updated published pre-orders
    q1 q2 q3 q4 h1 h2 under over into upon through across behind beyond since until
    among despite following est edt cst cdt pst pdt gmt utc bst cet cest"""
    )
    | frozenset(d.lower() for d in calendar.day_name)
    | frozenset(m.lower() for m in calendar.month_name if m)
)

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|announced|announces|confirmed|"
    "confirms|expected|expects|expect|believed|believes|believe|predicted|predicts|"
    "predict|forecast|forecasts|projected|projects|promised|promises|pledged|pledges|"
    "vowed|vows|insisted|insists|stressed|noted|warned|warns|warn|claimed|claims|"
    "argued|argues|suggested|indicated|hoped|hopes|estimated|estimates|estimate|"
    "wrote|writes|posted|tweeted|declared|assured|reiterated|repeated|explained|"
    "replied|continued|acknowledged|admitted|admits|thinks|thought|saying|adding|"
    "signalled|signaled|signals|hinted|hints|promising|pledging|predicting|forecasting|"
    "announcing|confirming|insisting|telling|"
    "speaking|spoke|confident|optimistic|hopeful|according to|reported|reports|expressed|revealed|"
    r"(?:released|issued|made|delivered)\s+(?:the\s+following|a)\s+statement"
)

GAP_WORDS = wordset(
    """
    also has have had repeatedly later previously earlier then once again reportedly
    publicly privately recently now on last this in a an the statement interview
    speech note post yesterday today week month night morning evening afternoon
    told separately further himself herself is was are were remains remained still
    very"""
) | frozenset(d.lower() for d in calendar.day_name)
