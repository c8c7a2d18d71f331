"""The demo research section: the evaluation study of learning "van en met elkaar".

Written in our own words from the facts of the work team's source document. The source names
no author and gives no date or figures: the page names no author ("een van de werkteamleden")
and its date is the end of the work team's period (November 2019).
"""

import datetime
import textwrap

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.demo.people_and_themes import ensure_people_and_themes
from home.demo.sections import ensure_section_index
from home.demo.translation import translate_with
from studies.models import StudyIndexPage, StudyPage

INDEX = {
    "title": ("Onderzoek", "Research"),
    "slug": ("onderzoek", "research"),
    "intro": (
        "Onderzoek naar wat het werkteam Verbondenheid en veerkracht deed en leerde: vragen, "
        "werkwijze, werkzame factoren en conclusies, met het volledige rapport.",
        "Research into what the Verbondenheid en veerkracht (connectedness and resilience) work "
        "team did and learned: questions, method, effective factors and conclusions, with the "
        "full report.",
    ),
}

# Rich text as a list of (tag, (Dutch, English)) or ("ul", [(Dutch, English), ...]).
STUDY = {
    "title": (
        "Van en met elkaar leren: evaluatie van het werkteam",
        "Learning from and with each other: evaluating the work team",
    ),
    "slug": ("evaluatie-van-en-met-elkaar-leren", "evaluation-learning-from-and-with-each-other"),
    "summary": (
        "Een van de werkteamleden onderzocht in een masteronderzoek hoe het werkteam van en met "
        "elkaar leerde. Er werd kennis gedeeld en samen nieuwe kennis gecreëerd, en er was "
        "sprake van professioneel leren. Het onderzoek laat zien welke factoren daaraan "
        "bijdroegen en wat het werkteam eraan overhield.",
        "In a master's study, one of the work team members examined how the team learned from "
        "and with each other. Knowledge was shared and new knowledge was created together, and "
        "professional learning took place. The study shows which factors contributed and what "
        "the team gained from it.",
    ),
    "research_question": [
        (
            "p",
            (
                "Is er in het werkteam Verbondenheid en veerkracht sprake geweest van "
                "professioneel leren, en meer in het bijzonder van transformatief leren?",
                "Did professional learning take place in the Verbondenheid en veerkracht work "
                "team, and more specifically transformative learning?",
            ),
        ),
        (
            "p",
            (
                "Daarbij twee deelvragen:",
                "With two sub-questions:",
            ),
        ),
        (
            "ul",
            [
                (
                    "Welke werkzame factoren droegen bij aan het van en met elkaar leren?",
                    "Which effective factors contributed to learning from and with each other?",
                ),
                (
                    "Wat heeft het samen leren het werkteam opgeleverd?",
                    "What did learning together bring the work team?",
                ),
            ],
        ),
    ],
    "method": [
        (
            "p",
            (
                "Van januari 2018 tot en met november 2019 werkten beleidsprofessionals van de "
                "gemeente, uitvoerende professionals uit de wijk, studenten en "
                "docent-onderzoekers samen in het werkteam; later sloten bewoners en "
                "vrijwilligers aan. Een van de werkteamleden maakte het samen leren van deze "
                "groep tot onderwerp van een masteronderzoek en evalueerde het achteraf.",
                "From January 2018 to November 2019, municipal policy staff, neighbourhood "
                "practitioners, students and lecturer-researchers worked together in the work "
                "team; residents and volunteers joined later. One of the team members made the "
                "shared learning of this group the subject of a master's study and evaluated it "
                "afterwards.",
            ),
        ),
        (
            "p",
            (
                "Van en met elkaar leren betekent hier: samen kennis delen en samen kennis "
                "creëren in het sociaal domein, zodat professionals beter toegerust zijn om hun "
                "werk goed te doen. Het onderzoek maakt dat leren zichtbaar.",
                "Learning from and with each other here means sharing knowledge and creating "
                "knowledge together in the social domain, so that professionals are better "
                "equipped to do their work well. The study makes that learning visible.",
            ),
        ),
        ("h3", ("Wat is transformatief leren?", "What is transformative learning?")),
        (
            "p",
            (
                "Transformatief leren gaat verder dan iets nieuws weten. Wie transformatief "
                "leert, verandert van mindset of mentale modellen, of neemt een ander perspectief "
                "in nadat hij of zij in aanraking kwam met andere invalshoeken. Je geeft iets "
                "dan zelf anders betekenis dan voorheen. Die verandering kan zitten in:",
                "Transformative learning goes further than knowing something new. Someone who "
                "learns transformatively changes their mindset or mental models, or takes "
                "another perspective after meeting other points of view. You then give "
                "something a different meaning than you did before. The change can lie in:",
            ),
        ),
        (
            "ul",
            [
                ("het zelfbeeld;", "one's self-image;"),
                ("het gedrag;", "one's behaviour;"),
                ("het perspectief;", "one's perspective;"),
                (
                    "de taakopvatting, of een combinatie hiervan.",
                    "one's view of one's task, or a combination of these.",
                ),
            ],
        ),
    ],
    "factors": [
        (
            ("Een gemengd werkteam", "A mixed team"),
            (
                "Beleid, wijkpraktijk, opleiding en onderzoek zaten aan één tafel. Ieder bracht "
                "eigen kennis en een eigen invalshoek mee, en juist die verschillen zetten aan "
                "tot anders kijken.",
                "Policy, neighbourhood practice, education and research sat at one table. "
                "Everyone brought their own knowledge and point of view, and those very "
                "differences prompted people to look at things differently.",
            ),
        ),
        (
            ("Samen uitproberen in de praktijk", "Trying things out in practice together"),
            (
                "Het werkteam probeerde activiteiten en werkvormen uit in de wijk en zette ze in. "
                "Kennis ontstond zo niet alleen aan tafel, maar ook in gedeelde ervaringen.",
                "The team tried out activities and working methods in the neighbourhood and put "
                "them to use. Knowledge thus grew not only around the table but also from "
                "shared experience.",
            ),
        ),
        (
            ("Oprechte ontmoetingen", "Genuine encounters"),
            (
                "Echte ontmoetingen tussen werkteamleden, en met bewoners, brachten mensen in "
                "aanraking met andere standpunten. Dat is precies waar transformatief leren "
                "begint.",
                "Genuine encounters between team members, and with residents, brought people "
                "into contact with other viewpoints. That is exactly where transformative "
                "learning begins.",
            ),
        ),
        (
            ("Tijd om samen te reflecteren", "Time to reflect together"),
            (
                "Door ervaringen samen te bespreken, konden werkteamleden er opnieuw betekenis "
                "aan geven en oplossingsrichtingen tegen eenzaamheid met elkaar uitwisselen.",
                "By discussing experiences together, team members could give them new meaning "
                "and exchange ways of countering loneliness with each other.",
            ),
        ),
        (
            ("Bewoners en vrijwilligers erbij", "Involving residents and volunteers"),
            (
                "Later sloten bewoners en vrijwilligers aan. Daarmee kwam het perspectief van de "
                "mensen om wie het gaat rechtstreeks het werkteam in.",
                "Later, residents and volunteers joined. This brought the perspective of the "
                "people it is all about directly into the team.",
            ),
        ),
    ],
    "findings": [
        (
            "p",
            (
                "Binnen het werkteam werd kennis gedeeld, en er werd ook samen nieuwe kennis "
                "gecreëerd. Daarmee was er duidelijk sprake van professioneel leren.",
                "Within the work team, knowledge was shared, and new knowledge was also created "
                "together. Professional learning clearly took place.",
            ),
        ),
        ("h3", ("Zicht op transformatief leren", "A view of transformative learning")),
        (
            "p",
            (
                "Het onderzoek keek ook specifiek naar transformatief leren: veranderingen in "
                "zelfbeeld, gedrag, perspectief of taakopvatting. Het beschrijft hoe de "
                "ontmoeting met andere invalshoeken in het werkteam daar ruimte voor bood.",
                "The study also looked specifically at transformative learning: changes in "
                "self-image, behaviour, perspective or view of one's task. It describes how "
                "meeting other points of view in the team made room for it.",
            ),
        ),
        (
            "p",
            (
                "Verder werd duidelijk welke werkzame factoren aan het samen leren bijdroegen; "
                "ze staan hierboven.",
                "It also became clear which effective factors contributed to learning together; "
                "they are listed above.",
            ),
        ),
    ],
    "conclusions": [
        (
            "p",
            (
                "Van en met elkaar leren heeft in dit werkteam gewerkt: kennis werd gedeeld en "
                "samen gecreëerd, en er vond professioneel leren plaats.",
                "Learning from and with each other worked in this team: knowledge was shared and "
                "created together, and professional learning took place.",
            ),
        ),
        ("h3", ("Wat het werkteam eraan overhield", "What the team gained")),
        (
            "ul",
            [
                (
                    "Gedeelde oplossingsrichtingen om eenzaamheid tegen te gaan.",
                    "Shared ways of countering loneliness.",
                ),
                (
                    "Nieuwe vormen van ontmoeting en samenwerking tussen (aankomende) "
                    "professionals en bewoners, te zien in drie kennisclips.",
                    "New forms of encounter and collaboration between (future) professionals "
                    "and residents, shown in three knowledge clips.",
                ),
                (
                    "Zicht op de factoren die samen leren laten werken, bruikbaar voor wie in "
                    "het sociaal domein iets vergelijkbaars wil opzetten.",
                    "Insight into the factors that make learning together work, useful for "
                    "anyone in the social domain who wants to set up something similar.",
                ),
            ],
        ),
    ],
    "report_link_text": (
        "Lees het rapport van het evaluatieonderzoek",
        "Read the evaluation report (in Dutch, with an English summary)",
    ),
    "date": datetime.date(2019, 11, 30),
    "themes": ["learning", "encounters", "loneliness"],
}

REPORT_TITLE = "Evaluatierapport Van en met elkaar leren (demo)"


def _rich_text(items, language: int) -> str:
    html = []
    for tag, value in items:
        if tag == "ul":
            html.append("<ul>" + "".join(f"<li>{pair[language]}</li>" for pair in value) + "</ul>")
        else:
            html.append(f"<{tag}>{value[language]}</{tag}>")
    return "".join(html)


def _rich_text_pairs(items) -> dict[str, str]:
    pairs = {}
    for tag, value in items:
        for dutch, english in value if tag == "ul" else [value]:
            pairs[dutch] = english
    return pairs


def _study_translations() -> dict[str, str]:
    translations = {}
    for key in ("title", "slug", "summary", "report_link_text"):
        dutch, english = STUDY[key]
        translations[dutch] = english
    for key in ("research_question", "method", "findings", "conclusions"):
        translations.update(_rich_text_pairs(STUDY[key]))
    for (name_nl, name_en), (text_nl, text_en) in STUDY["factors"]:
        translations[name_nl] = name_en
        translations[text_nl] = text_en
    return translations


def _pdf_text(text: str) -> str:
    """A PDF string literal in WinAnsi (cp1252), so that letters such as ë print."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return "(" + escaped + ")"


def _write_pdf(title: str, pages: list[tuple[str, list[str]]]) -> bytes:
    """A small A4 PDF with real, selectable text: one page per (heading, paragraphs).

    Written by hand with the standard Helvetica fonts, so it needs no library and no font file,
    weighs a few kilobytes and, unlike pictures of text, can be read by screen readers.
    """
    width, height, margin = 595, 842, 64
    objects = [
        "<< /Type /Catalog /Pages 2 0 R /Lang (nl-NL) >>",
        None,  # the page tree, once the pages are known
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        f"<< /Title {_pdf_text(title)} /Producer (Kennisbank demo) >>",
    ]
    page_ids = []
    for number, (heading, paragraphs) in enumerate(pages, start=1):
        lines = ["BT", "0.04 0.33 0.38 rg", "/F2 20 Tf", "26 TL", f"{margin} {height - 90} Td"]
        for line in textwrap.wrap(heading, 40):
            lines.append(f"{_pdf_text(line)} Tj T*")
        lines += ["0.11 0.14 0.15 rg", "/F1 11 Tf", "16 TL", "T*"]
        for paragraph in paragraphs:
            for line in textwrap.wrap(paragraph, 82):
                lines.append(f"{_pdf_text(line)} Tj T*")
            lines.append("T*")
        lines += ["ET", f"BT /F1 9 Tf {width - margin} 40 Td ({number}) Tj ET"]
        stream = "\n".join(lines).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(len(objects) + 1)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {len(objects)} 0 R >>"
        )
    kids = " ".join(f"{page_id} 0 R" for page_id in page_ids)
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>"
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        data = body if isinstance(body, bytes) else body.encode("cp1252")
        output += b"%d 0 obj\n" % number + data + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)


def _plain(items, language: int) -> list[str]:
    lines = []
    for tag, value in items:
        if tag == "ul":
            lines.extend(f"- {pair[language]}" for pair in value)
        else:
            lines.append(value[language])
    return lines


def ensure_report():
    """The report as a Wagtail document (Dutch, with an English summary), stored once."""
    document_model = get_document_model()
    existing = document_model.objects.filter(title=REPORT_TITLE).first()
    if existing is not None:
        return existing, False
    factors_nl = [f"{name[0]}: {text[0]}" for name, text in STUDY["factors"]]
    pdf = _write_pdf(
        REPORT_TITLE,
        [
            (
                STUDY["title"][0],
                [
                    "Evaluatieonderzoek naar het van en met elkaar leren in het werkteam "
                    "Verbondenheid en veerkracht (januari 2018 tot en met november 2019).",
                    "Masteronderzoek van een van de werkteamleden.",
                    "Demoversie van het rapport voor de kennisbank.",
                ],
            ),
            ("Samenvatting", [STUDY["summary"][0], *_plain(STUDY["research_question"], 0)]),
            ("Werkwijze", _plain(STUDY["method"], 0)),
            ("Werkzame factoren", factors_nl),
            (
                "Bevindingen en conclusies",
                [*_plain(STUDY["findings"], 0), *_plain(STUDY["conclusions"], 0)],
            ),
            (
                "English summary",
                [
                    STUDY["summary"][1],
                    *_plain(STUDY["conclusions"], 1),
                    "Effective factors: "
                    + "; ".join(name[1] for name, _text in STUDY["factors"])
                    + ".",
                ],
            ),
        ],
    )
    document = document_model(
        title=REPORT_TITLE,
        file=ContentFile(pdf, name="evaluatierapport-van-en-met-elkaar-leren.pdf"),
    )
    document._set_document_file_metadata()
    document.save()
    return document, True


def _ensure_study(index, report, themes) -> tuple[StudyPage, bool]:
    study = StudyPage.objects.child_of(index).filter(slug=STUDY["slug"][0]).first()
    if study is not None:
        return study, False
    study = StudyPage(
        title=STUDY["title"][0],
        slug=STUDY["slug"][0],
        summary=STUDY["summary"][0],
        date=STUDY["date"],
        research_question=_rich_text(STUDY["research_question"], 0),
        method=_rich_text(STUDY["method"], 0),
        effective_factors=[
            {"type": "factor", "value": {"name": name[0], "explanation": f"<p>{text[0]}</p>"}}
            for name, text in STUDY["factors"]
        ],
        findings=_rich_text(STUDY["findings"], 0),
        conclusions=_rich_text(STUDY["conclusions"], 0),
        report=report,
        report_link_text=STUDY["report_link_text"][0],
    )
    study.themes.set([themes[key] for key in STUDY["themes"]])
    index.add_child(instance=study)
    study.save_revision().publish()
    return study, True


def load_demo(home_pages: dict) -> list[str]:
    """Build the Dutch research section and its English translation; safe to run again.

    `home_pages` maps language codes to the home pages ({"nl": ..., "en": ...}). Returns one
    line per thing created; existing pages and the report are left as they are.
    """
    done = []
    _people, themes = ensure_people_and_themes()
    report, created = ensure_report()
    if created:
        done.append(f"Created the demo report {report.title!r}.")
    index, created = ensure_section_index(StudyIndexPage, home_pages["nl"], INDEX)
    if created:
        done.append(f"Created the nl study index {index.title!r}.")
    if not index.has_translation(home_pages["en"].locale):
        translate_with(index, dict(INDEX.values()))
        done.append("Translated the study index into English.")
    study, created = _ensure_study(index, report, themes)
    if created:
        done.append(f"Created the nl study {study.title!r}.")
    if not study.has_translation(home_pages["en"].locale):
        translate_with(study, _study_translations())
        done.append("Translated the study into English.")
    return done
